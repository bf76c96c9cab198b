#include "kronscope/core/base/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include "base/text_util.h"
#include "kronscope/core/base/error.h"

namespace kronscope::core {

namespace {

std::string errnoText(int err) {
    return text::errnoMessage(err);
}

std::string folderOf(const std::string& path) {
    const auto parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

}  // namespace

std::string readTextFile(const std::string& path, const std::string& what, int64_t max_bytes) {
    const std::string name = text::printable(path);
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        const int err = errno;
        throw InputError(name + ": cannot open " + what + " (" + errnoText(err) + ")");
    }
    if (S_ISDIR(st.st_mode)) throw InputError(name + ": is a folder, not a " + what);
    if (!S_ISREG(st.st_mode)) throw InputError(name + ": not a regular file (a " + what + " must be one)");
    if (st.st_size > max_bytes)
        throw InputError(name + ": " + std::to_string(st.st_size) + " bytes is more than the limit of " +
                         std::to_string(max_bytes) + " for a " + what);
    // O_NONBLOCK: if the file was swapped for a FIFO since the stat, open does not wait for a writer.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        const int err = errno;
        throw InputError(name + ": cannot open " + what + " (" + errnoText(err) + ")");
    }
    struct stat fst {};
    if (::fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode)) {
        ::close(fd);
        throw InputError(name + ": not a regular file (a " + what + " must be one)");
    }
    std::string out;
    out.reserve(static_cast<size_t>(fst.st_size));
    std::vector<char> buf(1 << 16);
    for (;;) {
        const ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            throw InputError(name + ": read failed (" + errnoText(err) + ")");
        }
        if (n == 0) break;
        out.append(buf.data(), static_cast<size_t>(n));
        if (static_cast<int64_t>(out.size()) > max_bytes) {
            ::close(fd);
            throw InputError(name + ": more than the limit of " + std::to_string(max_bytes) +
                             " bytes for a " + what);
        }
    }
    ::close(fd);
    return out;
}

void checkWritableOutput(const std::string& path) {
    const std::string name = text::printable(path);
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        throw InputError(name + ": is a folder, not a file");
    const std::string folder = folderOf(path);
    if (::stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        throw InputError(name + ": the folder " + text::printable(folder) + " does not exist");
    if (::access(folder.c_str(), W_OK) != 0) {
        const int err = errno;
        throw InputError(name + ": cannot write in " + text::printable(folder) + " (" + errnoText(err) + ")");
    }
}

TemporaryFile createTemporaryBeside(const std::string& path) {
    const std::string base = std::filesystem::path(path).filename().string();
    std::string templ = (std::filesystem::path(folderOf(path)) / ("." + base + ".XXXXXX")).string();
    std::vector<char> tmpl(templ.begin(), templ.end());
    tmpl.push_back('\0');
    const int fd = ::mkstemp(tmpl.data());  // O_CREAT | O_EXCL: never follows a planted link
    if (fd < 0) {
        const int err = errno;
        throw InputError(text::printable(path) + ": cannot create a temporary file (" + errnoText(err) + ")");
    }
    return {fd, std::string(tmpl.data())};
}

void writeFileAtomically(const std::string& path, const std::string& bytes) {
    checkWritableOutput(path);
    const std::string name = text::printable(path);
    const TemporaryFile temporary = createTemporaryBeside(path);
    const int fd = temporary.fd;  // not a structured binding: the lambda below captures these
    const std::string tmp = temporary.path;
    auto fail = [&](const char* step, int err) {
        ::unlink(tmp.c_str());
        throw InputError(name + ": " + step + " failed (" + errnoText(err) + "); the file was not changed");
    };
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            fail("write", err);
        }
        done += static_cast<size_t>(n);
    }
    if (::fchmod(fd, 0644) != 0) { /* keep mkstemp's 0600 where chmod is not allowed */
    }
    if (::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        fail("sync", err);
    }
    if (::close(fd) != 0) fail("close", errno);
    if (::rename(tmp.c_str(), path.c_str()) != 0) fail("rename", errno);
}

}  // namespace kronscope::core
