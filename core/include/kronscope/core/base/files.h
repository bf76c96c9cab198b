#pragma once
// File helpers every reader and writer of the core uses, so that bad paths fail the same way everywhere:
//  - readTextFile refuses anything but a regular file (a FIFO would block, /dev/zero would never end) and
//  files
//    larger than a limit, and names the file and errno in its one-line message;
//  - writeFileAtomically writes a temporary file created with mkstemp (O_EXCL: a planted symlink is never
//  followed)
//    in the target's folder, syncs it, checks every write and the close, then renames it onto the target; on
//    any failure the temporary file is removed and the target is left as it was.
#include <cstdint>
#include <string>

namespace kronscope::core {

/// Default limit for text inputs (texts, corpora, configs): 1 GiB.
constexpr int64_t kMaxTextFileBytes = int64_t{1} << 30;

/// The bytes of the regular file at `path`; InputError "PATH: not a regular file", "PATH: cannot open (errno
/// text)", "PATH: N bytes is more than the limit of M". `what` names the role in messages ("text file",
/// "config").
std::string readTextFile(const std::string& path, const std::string& what = "file",
                         int64_t max_bytes = kMaxTextFileBytes);

/// Writes `bytes` to `path` atomically as described above. InputError naming the file and errno when the
/// target is a folder, its folder does not exist or is not writable, or a write, sync, close or rename fails.
void writeFileAtomically(const std::string& path, const std::string& bytes);
inline void writeTextFile(const std::string& path, const std::string& text) {
    writeFileAtomically(path, text);
}

/// A new, empty temporary file beside `path` ("." + its name + a random suffix), created by mkstemp
/// (O_CREAT | O_EXCL: never a planted link), open for writing. For writers that stream their output (then
/// fsync, close and rename it onto `path`, or unlink it on failure). InputError naming `path`.
struct TemporaryFile {
    int fd = -1;
    std::string path;
};
TemporaryFile createTemporaryBeside(const std::string& path);

/// Checks that `path` can be written by writeFileAtomically (its folder exists and is writable, the path is
/// not a folder) before a long computation whose output it is; InputError otherwise.
void checkWritableOutput(const std::string& path);

}  // namespace kronscope::core
