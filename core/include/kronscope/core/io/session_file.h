#pragma once
// Kronscope session files: everything needed to reopen an analysis, in one HDF5 file.
//
// Layout of a file (format_version 1):
//   /                 attributes: format = "kronscope-session" (string), format_version (integer),
//                                 app_version (string)
//   /state            scalar UTF-8 string dataset: the JSON of all small state (model reference,
//                     settings, tables, open views); the app owns its schema, the core only checks
//                     that it is valid UTF-8
//   /arrays/<name>    one float32 dataset per array, row-major, its shape as the dataspace (an empty
//                     shape is a scalar); names may contain '/', which nests groups
//                     ("decomposition/fit" is /arrays/decomposition/fit). Arrays of more than 4096
//                     elements are chunked and gzip-compressed (level 4).
//
// Writing goes to a temporary file beside `path` (a random name, created exclusively), which is synced and
// then renamed onto `path`: if anything fails, the
// previous file at `path` is left as it was and the temporary file is removed.
//
// Reading refuses anything that is not a session this version understands with an InputError whose
// message is one line naming the file and the problem. Older format versions are brought up to date
// through upgradeSession, one version at a time; newer ones are refused.
//
// No Qt and no torch here. All HDF5 calls are serialised by one lock and never print to stderr.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kronscope::core {

/// The format version this build writes, and the newest one it reads.
constexpr int kSessionFormatVersion = 1;

/// Largest number of elements an array may have (2^31); larger ones are refused on write and read.
constexpr int64_t kSessionMaxArrayElements = int64_t{1} << 31;

/// A float32 array, row-major. values.size() must equal the product of shape (1 for an empty shape,
/// which is a scalar); a zero dimension makes an empty array.
struct SessionArray {
    std::vector<int64_t> shape;
    std::vector<float> values;
};

/// The contents of a session file.
struct SessionDocument {
    /// All small state as JSON text (valid UTF-8; the app owns the schema).
    std::string json;
    /// Big numeric results by name, e.g. "decomposition/fit". Names are non-empty UTF-8, '/'-separated
    /// parts that are neither empty, "." nor ".."; no name may be a folder of another ("a" and "a/b").
    std::map<std::string, SessionArray> arrays;
    /// The version of Kronscope that wrote the file (root attribute "app_version").
    std::string app_version;
    /// readSession: the format version found in the file, before any upgrade (so the app can tell the
    /// user that an older session was upgraded). writeSession ignores it and always writes
    /// kSessionFormatVersion.
    int format_version = kSessionFormatVersion;
};

/// Writes `doc` to `path` atomically (via a temporary file beside it, synced, then renamed).
/// Throws InputError naming the file when the document is invalid (array shape and values disagree,
/// bad array name, state not UTF-8) or the file cannot be written; `path` is then unchanged.
void writeSession(const std::string& path, const SessionDocument& doc);

/// Reads the session at `path` and upgrades it to kSessionFormatVersion.
/// Throws InputError with one line naming the file and the problem: not an HDF5 file or truncated,
/// an HDF5 file that is not a session, a newer or unknown format version, missing or invalid state,
/// an array of the wrong type or of more than kSessionMaxArrayElements elements, unreadable data.
SessionDocument readSession(const std::string& path);

/// Brings `doc`, read from a file of format `from_version`, up to kSessionFormatVersion one step at a
/// time (v1 -> v2 -> ...). Does not change doc.format_version. Throws InputError for a version this build
/// cannot upgrade from (below 1 or above kSessionFormatVersion).
void upgradeSession(SessionDocument& doc, int from_version);

/// `model_dir` relative to the folder holding `session_path` ("gpt2", "../models/gpt2", "." for the
/// session's own folder), with '/' separators. Relative inputs are taken from the working directory.
/// Paths are compared as written (lexically, symlinks are not resolved); when no relative path exists
/// (different roots), the absolute path is returned. An empty `model_dir` gives "".
std::string relativeModelPath(const std::string& session_path, const std::string& model_dir);

/// The absolute path of a model stored as `stored` in the session at `session_path`: a relative path
/// is taken from the session file's folder, an absolute one is returned normalised. "" gives "".
std::string resolveModelPath(const std::string& session_path, const std::string& stored);

}  // namespace kronscope::core
