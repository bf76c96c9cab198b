#include "io/session_isolated.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "base/text_util.h"
#include "kronscope/core/base/error.h"

namespace kronscope::core {

namespace {

using text::errnoMessage;
using text::printable;

[[noreturn]] void fail(const std::string& file, const std::string& problem) {
    throw InputError(printable(file) + ": " + problem);
}

// Reading in a child process
//
// libhdf5 trusts the file it reads: a flipped bit in a global-heap reference or a chunk index can crash it
// (SIGSEGV in H5HG_read) or make it allocate what a string or dataset declares. So a session is read in a
// forked child with bounded memory and time; the document comes back through a pipe, a refusal as its
// message, and a crash of the child as "damaged" instead of taking the app down.

/// How long the child may take: 10 s, and 1 s more per 10 MB of file (a session of a few MB reads in well
/// under a second; libhdf5 loops forever on some damaged files, e.g. tests/data/sessions/hang-libhdf5.kss).
int readSeconds(int64_t file_bytes) {
    return static_cast<int>(std::min<int64_t>(120, 10 + file_bytes / 10'000'000));
}

/// The child's result, serialised: 'E' + message, or 'D' + the document.
class Wire {
  public:
    void putU64(uint64_t v) { bytes_.append(reinterpret_cast<const char*>(&v), sizeof v); }
    void putString(const std::string& s) {
        putU64(s.size());
        bytes_ += s;
    }
    void putBytes(const void* data, size_t n) {
        if (n > 0) bytes_.append(static_cast<const char*>(data), n);
    }
    std::string& bytes() { return bytes_; }

  private:
    std::string bytes_;
};

class WireReader {
  public:
    explicit WireReader(const std::string& bytes) : bytes_(bytes) {}
    uint64_t u64() {
        uint64_t v = 0;
        take(&v, sizeof v);
        return v;
    }
    std::string string() {
        const uint64_t n = u64();
        need(n);
        std::string s = bytes_.substr(pos_, n);
        pos_ += n;
        return s;
    }
    void take(void* out, size_t n) {
        need(n);
        if (n == 0) return;  // out may be the data() of an empty vector (null)
        std::memcpy(out, bytes_.data() + pos_, n);
        pos_ += n;
    }
    bool done() const { return pos_ == bytes_.size(); }

  private:
    void need(uint64_t n) const {
        if (n > bytes_.size() - pos_) throw std::runtime_error("short");
    }
    const std::string& bytes_;
    size_t pos_ = 0;
};

std::string encodeDocument(const SessionDocument& doc) {
    Wire w;
    w.putBytes("D", 1);
    w.putU64(static_cast<uint64_t>(doc.format_version));
    w.putString(doc.app_version);
    w.putString(doc.json);
    w.putU64(doc.arrays.size());
    for (const auto& [name, a] : doc.arrays) {
        w.putString(name);
        w.putU64(a.shape.size());
        for (const int64_t d : a.shape) w.putU64(static_cast<uint64_t>(d));
        w.putU64(a.values.size());
        w.putBytes(a.values.data(), a.values.size() * sizeof(float));
    }
    return std::move(w.bytes());
}

SessionDocument decodeDocument(const std::string& bytes) {
    WireReader r(bytes);
    SessionDocument doc;
    char tag = 0;
    r.take(&tag, 1);
    doc.format_version = static_cast<int>(r.u64());
    doc.app_version = r.string();
    doc.json = r.string();
    const uint64_t n = r.u64();
    for (uint64_t i = 0; i < n; ++i) {
        const std::string name = r.string();
        SessionArray a;
        const uint64_t rank = r.u64();
        if (rank > 64) throw std::runtime_error("rank");
        for (uint64_t k = 0; k < rank; ++k) a.shape.push_back(static_cast<int64_t>(r.u64()));
        const uint64_t count = r.u64();
        if (count > bytes.size() / sizeof(float)) throw std::runtime_error("count");
        a.values.resize(count);
        r.take(a.values.data(), count * sizeof(float));
        doc.arrays.emplace(name, std::move(a));
    }
    if (!r.done()) throw std::runtime_error("trailing");
    return doc;
}

/// Private writable memory of this process (VmData, bytes), or -1.
int64_t dataSegmentBytes() {
    FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    int64_t kb = -1;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmData: %" SCNd64 " kB", &kb) == 1) break;
    std::fclose(f);
    return kb < 0 ? -1 : kb * 1024;
}

bool writeAllTo(int fd, const std::string& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

/// The child: read, send, leave without running the parent's exit handlers.
[[noreturn]] void readInChild(const std::string& path, int out, int64_t budget, int seconds) {
    // The parent kills the child at its deadline; CPU time is bounded here too, with the default action (a
    // handler inherited from the process, a fuzzer's or a crash reporter's, must not keep it alive).
    for (const int sig : {SIGALRM, SIGXCPU, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) ::signal(sig, SIG_DFL);
    const struct rlimit cpu { static_cast<rlim_t>(seconds + 1), static_cast<rlim_t>(seconds + 2) };
    ::setrlimit(RLIMIT_CPU, &cpu);
    const int64_t data = dataSegmentBytes();
    if (data >= 0) {
        const rlim_t limit = static_cast<rlim_t>(data + budget);
        struct rlimit rl {
            limit, limit
        };
        ::setrlimit(RLIMIT_DATA, &rl);
    }
    std::string message;
    try {
        const std::string bytes = encodeDocument(readSessionHere(path));
        ::_exit(writeAllTo(out, bytes) ? 0 : 3);
    } catch (const InputError& e) {
        message = e.what();
    } catch (const std::bad_alloc&) {
        message = printable(path) + ": reading it needs more than " + std::to_string(budget >> 20) +
                  " MiB of memory (a damaged file declares data it does not hold)";
    } catch (const std::exception& e) {
        message = printable(path) + ": cannot be read (" + printable(e.what()) + ")";
    }
    Wire w;
    w.putBytes("E", 1);
    w.putString(message);
    ::_exit(writeAllTo(out, w.bytes()) ? 0 : 3);
}

}  // namespace

SessionDocument readSessionIsolated(const std::string& path, int64_t file_bytes) {
    // Enough for any session this file can hold (arrays deflate at most 1032:1), and a floor for small
    // files; a damaged file that declares more fails in the child, not here.
    const int64_t budget = std::max<int64_t>(int64_t{1} << 30, 2 * 1032 * file_bytes);
    const int seconds = readSeconds(file_bytes);
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) fail(path, "cannot read: no pipe (" + errnoMessage(errno) + ")");
    const pid_t child = ::fork();
    if (child < 0) {
        const int err = errno;
        ::close(fds[0]);
        ::close(fds[1]);
        fail(path, "cannot read: cannot start the reader (" + errnoMessage(err) + ")");
    }
    if (child == 0) {
        ::close(fds[0]);
        readInChild(path, fds[1], budget, seconds);
    }
    ::close(fds[1]);
    std::string bytes;
    std::vector<char> buf(1 << 16);
    bool overflow = false, late = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        struct pollfd pfd {
            fds[0], POLLIN, 0
        };
        const int ready = left.count() > 0 ? ::poll(&pfd, 1, static_cast<int>(left.count())) : 0;
        if (ready < 0 && errno == EINTR) continue;
        if (ready == 0) {
            late = true;
            break;
        }
        const ssize_t n = ::read(fds[0], buf.data(), buf.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        if (static_cast<int64_t>(bytes.size()) + n > budget + (int64_t{1} << 20)) {
            overflow = true;
            break;
        }
        bytes.append(buf.data(), static_cast<size_t>(n));
    }
    ::close(fds[0]);
    if (overflow || late) ::kill(child, SIGKILL);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (late || (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU))
        fail(path, "reading it took more than " + std::to_string(seconds) + " s (a damaged file?)");
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        fail(path, std::string("is damaged: the HDF5 library failed on it (") + strsignal(sig) + ")");
    }
    if (overflow || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || bytes.empty())
        fail(path, "cannot be read (its reader stopped unexpectedly)");
    if (bytes[0] == 'E') {
        std::string message;
        try {
            WireReader r(bytes);
            char tag = 0;
            r.take(&tag, 1);
            message = r.string();
        } catch (const std::runtime_error&) {
            fail(path, "cannot be read (its reader stopped unexpectedly)");
        }
        throw InputError(message);
    }
    try {
        return decodeDocument(bytes);
    } catch (const std::runtime_error&) {
        fail(path, "cannot be read (its reader stopped unexpectedly)");
    }
}

}  // namespace kronscope::core
