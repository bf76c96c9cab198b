// HDF5 session files (layout in session_file.h), through the HDF5 C API.
//
// Every HDF5 object lives in a Handle that closes it, so no path (success, refusal, HDF5 failure) leaks
// one; tests check that no HDF5 object stays open. Each public call holds QuietHdf5: one process-wide
// lock (the HDF5 library may be built without thread safety), HDF5's automatic error printing off,
// the error stack cleared on the way out.
#include "kronscope/core/io/session_file.h"

#include <fcntl.h>
#include <hdf5.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string_view>
#include <system_error>
#include <utility>

#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "base/text_util.h"
#include "io/session_isolated.h"

namespace kronscope::core {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFormatName = "kronscope-session";
constexpr const char* kStateName = "state";
constexpr const char* kArraysName = "arrays";
constexpr int64_t kCompressAboveElements = 4096;
constexpr int64_t kChunkElements = int64_t{1} << 18;  // 1 MiB of float32 per chunk at most
constexpr unsigned kGzipLevel = 4;
constexpr int kMaxArrayDepth = 32;            // groups under /arrays; also stops hard-link cycles
constexpr size_t kMaxArrayObjects = 1 << 20;  // objects visited under /arrays
constexpr size_t kMaxStringBytes = size_t{1} << 31;

using text::errnoMessage;
using text::firstInvalidUtf8;
using text::printable;
using text::utf8SequenceLength;

[[noreturn]] void fail(const std::string& file, const std::string& problem) {
    throw InputError(printable(file) + ": " + problem);
}

std::string formatShape(const std::vector<int64_t>& shape) {
    std::string out = "[";
    for (size_t i = 0; i < shape.size(); ++i) out += (i ? ", " : "") + std::to_string(shape[i]);
    return out + "]";
}

// ---------------------------------------------------------------------------------------------------
// HDF5 plumbing

/// Owns one HDF5 identifier and closes it with the matching H5*close.
class Handle {
  public:
    using Closer = herr_t (*)(hid_t);
    Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
    Handle(Handle&& other) noexcept
        : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
    Handle& operator=(Handle&& other) noexcept {
        if (this != &other) {
            close();
            id_ = std::exchange(other.id_, H5I_INVALID_HID);
            closer_ = other.closer_;
        }
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() { close(); }

    hid_t get() const { return id_; }
    explicit operator bool() const { return id_ >= 0; }
    /// Closes now. False when HDF5 reports a failure (for a file: data that could not be flushed).
    bool close() {
        if (id_ < 0) return true;
        const herr_t status = closer_(id_);
        id_ = H5I_INVALID_HID;
        return status >= 0;
    }

  private:
    hid_t id_;
    Closer closer_;
};

std::mutex& hdf5Mutex() {
    static std::mutex mutex;
    return mutex;
}

/// For the length of one public call: the HDF5 lock held, automatic error printing off (restored after),
/// and the error stack cleared on the way out.
class QuietHdf5 {
  public:
    QuietHdf5() : lock_(hdf5Mutex()) {
        H5Eget_auto2(H5E_DEFAULT, &previous_func_, &previous_data_);
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    }
    ~QuietHdf5() {
        H5Eclear2(H5E_DEFAULT);
        H5Eset_auto2(H5E_DEFAULT, previous_func_, previous_data_);
    }
    QuietHdf5(const QuietHdf5&) = delete;
    QuietHdf5& operator=(const QuietHdf5&) = delete;

  private:
    std::lock_guard<std::mutex> lock_;
    H5E_auto2_t previous_func_ = nullptr;
    void* previous_data_ = nullptr;
};

herr_t keepInnermost(unsigned n, const H5E_error2_t* error, void* out) {
    if (n == 0 && error != nullptr && error->desc != nullptr) *static_cast<std::string*>(out) = error->desc;
    return 0;
}

/// " (what HDF5 says)" for the most specific entry of the error stack, or "" when it is empty.
std::string hdf5Detail() {
    std::string desc;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, keepInnermost, &desc);
    H5Eclear2(H5E_DEFAULT);
    return desc.empty() ? std::string() : " (HDF5: " + printable(desc) + ")";
}

/// A file access property list: sec2 driver, HDF5's file locks as given (ignored where the file system
/// has none).
Handle fileAccess(bool use_file_locking) {
    Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
#if H5_VERSION_GE(1, 10, 7)
    if (fapl) H5Pset_file_locking(fapl.get(), use_file_locking, /*ignore_when_disabled=*/true);
#else
    (void)use_file_locking;
#endif
    return fapl;
}

/// A variable-length string type in `cset`.
Handle variableStringType(H5T_cset_t cset) {
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
    if (type && (H5Tset_size(type.get(), H5T_VARIABLE) < 0 || H5Tset_cset(type.get(), cset) < 0))
        type.close();
    return type;
}

herr_t reclaimVariableString(hid_t type, hid_t space, char** value) {
#if H5_VERSION_GE(1, 12, 0)
    return H5Treclaim(type, space, H5P_DEFAULT, value);
#else
    return H5Dvlen_reclaim(type, space, H5P_DEFAULT, value);
#endif
}

/// "float64", "int32", "uint8", "a string", "a compound type", ... for messages.
std::string describeType(hid_t type) {
    const size_t bits = H5Tget_size(type) * 8;
    switch (H5Tget_class(type)) {
        case H5T_INTEGER:
            return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(bits);
        case H5T_FLOAT:
            return "float" + std::to_string(bits);
        case H5T_STRING:
            return "a string";
        case H5T_BITFIELD:
            return "a bitfield";
        case H5T_OPAQUE:
            return "an opaque type";
        case H5T_COMPOUND:
            return "a compound type";
        case H5T_REFERENCE:
            return "a reference";
        case H5T_ENUM:
            return "an enum";
        case H5T_VLEN:
            return "a variable-length sequence";
        case H5T_ARRAY:
            return "an HDF5 array type";
        case H5T_TIME:
            return "a time type";
        default:
            return "an unknown type";
    }
}

// ---------------------------------------------------------------------------------------------------
// Writing

/// Why `name` cannot name an array, or "" if it can.
std::string arrayNameProblem(const std::string& name) {
    if (name.empty()) return "an array has an empty name";
    const std::string quoted = "array name '" + printable(name) + "'";
    if (firstInvalidUtf8(name) != std::string_view::npos) return quoted + " is not valid UTF-8";
    if (name.find('\0') != std::string::npos) return quoted + " contains a NUL byte";
    size_t begin = 0;
    while (true) {
        const size_t end = std::min(name.find('/', begin), name.size());
        const std::string_view part(name.data() + begin, end - begin);
        if (part.empty()) return quoted + " has an empty part (a leading, trailing or double '/')";
        if (part == "." || part == "..") return quoted + " has a '" + std::string(part) + "' part";
        if (end == name.size()) return "";
        begin = end + 1;
    }
}

/// Refuses a document that would not read back as written; `path` is unchanged.
void validateDocument(const std::string& path, const SessionDocument& doc) {
    const auto refuse = [&](const std::string& problem) { fail(path, "cannot write session: " + problem); };
    const size_t bad_state = firstInvalidUtf8(doc.json);
    if (bad_state != std::string_view::npos)
        refuse("the state JSON is not valid UTF-8 (byte " + std::to_string(bad_state) + ")");
    if (doc.json.find('\0') != std::string::npos) refuse("the state JSON contains a NUL byte");
    if (firstInvalidUtf8(doc.app_version) != std::string_view::npos ||
        doc.app_version.find('\0') != std::string::npos)
        refuse("app_version '" + printable(doc.app_version) + "' is not valid UTF-8 text");

    for (const auto& [name, array] : doc.arrays) {
        const std::string problem = arrayNameProblem(name);
        if (!problem.empty()) refuse(problem);
        for (size_t slash = name.find('/'); slash != std::string::npos; slash = name.find('/', slash + 1))
            if (doc.arrays.count(name.substr(0, slash)))
                refuse("array '" + printable(name.substr(0, slash)) + "' is also a folder of array '" +
                       printable(name) + "'");
        const std::string quoted = "array '" + printable(name) + "'";
        if (array.shape.size() > H5S_MAX_RANK)
            refuse(quoted + " has " + std::to_string(array.shape.size()) + " dimensions (at most " +
                   std::to_string(H5S_MAX_RANK) + ")");
        int64_t elements = 1;
        for (const int64_t dim : array.shape) {
            if (dim < 0) refuse(quoted + " has a negative dimension in shape " + formatShape(array.shape));
            // Both factors are at most 2^31, so the product fits; stop once it is over the limit.
            if (dim > kSessionMaxArrayElements || (elements *= dim) > kSessionMaxArrayElements)
                refuse(quoted + " with shape " + formatShape(array.shape) + " has more than 2^31 elements");
        }
        if (static_cast<uint64_t>(elements) != array.values.size())
            refuse(quoted + " has shape " + formatShape(array.shape) + " (" + std::to_string(elements) +
                   " elements) but " + std::to_string(array.values.size()) + " values");
    }
}

/// Chunk dimensions for `dims`: halves the leading dimensions until a chunk holds at most
/// kChunkElements elements (row-major, so a chunk is a run of whole trailing rows where possible).
std::vector<hsize_t> chunkDims(const std::vector<hsize_t>& dims) {
    std::vector<hsize_t> chunk = dims;
    const auto elements = [&] {
        hsize_t n = 1;
        for (const hsize_t d : chunk) n *= d;
        return n;
    };
    for (size_t i = 0; i < chunk.size(); ++i)
        while (elements() > static_cast<hsize_t>(kChunkElements) && chunk[i] > 1)
            chunk[i] = (chunk[i] + 1) / 2;
    return chunk;
}

/// Writes the HDF5 file `tmp` (messages name `path`, the file the user asked for).
void writeHdf5(const std::string& path, const std::string& tmp, const SessionDocument& doc) {
    const auto failed = [&](const std::string& what) {
        fail(path, "cannot write " + printable(tmp) + ": " + what + hdf5Detail());
    };

    Handle fapl = fileAccess(/*use_file_locking=*/true);
    if (!fapl) failed("no file access property list");
    Handle file(H5Fcreate(tmp.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, fapl.get()), H5Fclose);
    if (!file) failed("HDF5 cannot create it");

    Handle scalar(H5Screate(H5S_SCALAR), H5Sclose);
    Handle utf8 = variableStringType(H5T_CSET_UTF8);
    if (!scalar || !utf8) failed("cannot make the string type");

    const auto writeStringAttribute = [&](const char* name, const std::string& value) {
        Handle attr(H5Acreate2(file.get(), name, utf8.get(), scalar.get(), H5P_DEFAULT, H5P_DEFAULT),
                    H5Aclose);
        const char* text = value.c_str();
        if (!attr || H5Awrite(attr.get(), utf8.get(), &text) < 0 || !attr.close())
            failed(std::string("cannot write the ") + name + " attribute");
    };
    writeStringAttribute("format", kFormatName);
    {
        Handle attr(
            H5Acreate2(file.get(), "format_version", H5T_STD_I32LE, scalar.get(), H5P_DEFAULT, H5P_DEFAULT),
            H5Aclose);
        const int version = kSessionFormatVersion;
        if (!attr || H5Awrite(attr.get(), H5T_NATIVE_INT, &version) < 0 || !attr.close())
            failed("cannot write the format_version attribute");
    }
    writeStringAttribute("app_version", doc.app_version);
    {
        Handle state(H5Dcreate2(file.get(), kStateName, utf8.get(), scalar.get(), H5P_DEFAULT, H5P_DEFAULT,
                                H5P_DEFAULT),
                     H5Dclose);
        const char* text = doc.json.c_str();
        if (!state || H5Dwrite(state.get(), utf8.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &text) < 0 ||
            !state.close())
            failed("cannot write /state");
    }

    Handle arrays(H5Gcreate2(file.get(), kArraysName, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
    Handle lcpl(H5Pcreate(H5P_LINK_CREATE), H5Pclose);
    if (!arrays || !lcpl || H5Pset_create_intermediate_group(lcpl.get(), 1) < 0 ||
        H5Pset_char_encoding(lcpl.get(), H5T_CSET_UTF8) < 0)
        failed("cannot create /arrays");
    for (const auto& [name, array] : doc.arrays) {
        const std::string what = "array '" + printable(name) + "'";
        const std::vector<hsize_t> dims(array.shape.begin(), array.shape.end());
        Handle space(array.shape.empty()
                         ? H5Screate(H5S_SCALAR)
                         : H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                     H5Sclose);
        Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
        if (!space || !dcpl) failed("cannot describe " + what);
        if (static_cast<int64_t>(array.values.size()) > kCompressAboveElements) {
            const std::vector<hsize_t> chunk = chunkDims(dims);
            if (H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()) < 0 ||
                H5Pset_deflate(dcpl.get(), kGzipLevel) < 0)
                failed("cannot set up compression for " + what);
        }
        Handle dataset(H5Dcreate2(arrays.get(), name.c_str(), H5T_IEEE_F32LE, space.get(), lcpl.get(),
                                  dcpl.get(), H5P_DEFAULT),
                       H5Dclose);
        if (!dataset) failed("cannot create " + what);
        if (!array.values.empty() &&
            H5Dwrite(dataset.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, array.values.data()) < 0)
            failed("cannot write " + what);
        if (!dataset.close()) failed("cannot write " + what);
    }
    if (!arrays.close()) failed("cannot close /arrays");
    utf8.close();
    scalar.close();
    if (!file.close()) failed("cannot finish the file");
}

/// fsync on `path` (a file or a folder); errno's message, or "" on success.
std::string syncPath(const std::string& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) return errnoMessage(errno);
    const int status = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    return status == 0 ? std::string() : errnoMessage(err);
}

// ---------------------------------------------------------------------------------------------------
// Reading

herr_t collectLink(hid_t /*group*/, const char* name, const H5L_info_t* info, void* out) {
    static_cast<std::vector<std::pair<std::string, H5L_type_t>>*>(out)->emplace_back(name, info->type);
    return 0;
}

/// Reads one session file; every refusal names the file.
class SessionReader {
  public:
    explicit SessionReader(std::string path) : path_(std::move(path)) {}

    SessionDocument read() {
        const std::string not_hdf5 =
            printable(path_) + " is not a Kronscope session (not an HDF5 file, or truncated)";
        if (H5Fis_hdf5(path_.c_str()) <= 0) throw InputError(not_hdf5);
        // No HDF5 file lock for reading: sessions are replaced by rename, never rewritten in place.
        Handle fapl = fileAccess(/*use_file_locking=*/false);
        if (!fapl) fail(path_, "cannot open" + hdf5Detail());
        Handle file(H5Fopen(path_.c_str(), H5F_ACC_RDONLY, fapl.get()), H5Fclose);
        if (!file) throw InputError(not_hdf5);

        SessionDocument doc;
        const htri_t has_format = H5Aexists(file.get(), "format");
        if (has_format < 0) throw InputError(not_hdf5);
        const std::string not_session = printable(path_) + " is an HDF5 file but not a Kronscope session";
        if (has_format == 0) throw InputError(not_session + " (no \"format\" attribute)");
        {
            Handle attr(H5Aopen(file.get(), "format", H5P_DEFAULT), H5Aclose);
            if (!attr) refuse("the \"format\" attribute cannot be read" + hdf5Detail());
            Handle type(H5Aget_type(attr.get()), H5Tclose);
            if (!type) refuse("the \"format\" attribute cannot be read" + hdf5Detail());
            if (H5Tget_class(type.get()) != H5T_STRING)
                throw InputError(not_session + " (\"format\" is " + describeType(type.get()) + ")");
            const std::string format = readString(attr.get(), /*attribute=*/true, "the \"format\" attribute");
            if (format != kFormatName)
                throw InputError(not_session + " (format is '" + printable(format) + "')");
        }

        doc.format_version = readFormatVersion(file.get());
        if (H5Aexists(file.get(), "app_version") > 0) {
            Handle attr(H5Aopen(file.get(), "app_version", H5P_DEFAULT), H5Aclose);
            if (!attr) refuse("the \"app_version\" attribute cannot be read" + hdf5Detail());
            doc.app_version = readString(attr.get(), /*attribute=*/true, "the \"app_version\" attribute");
        }

        {
            Handle state = openObject(file.get(), kStateName, "/state");
            if (!state) refuse("there is no /state dataset");
            if (H5Iget_type(state.get()) != H5I_DATASET) refuse("/state is not a dataset");
            doc.json = readString(state.get(), /*attribute=*/false, "/state");
            const size_t bad = firstInvalidUtf8(doc.json);
            if (bad != std::string_view::npos)
                refuse("/state is not valid UTF-8 (byte " + std::to_string(bad) + ")");
        }

        Handle arrays = openObject(file.get(), kArraysName, "/arrays");
        if (arrays) {
            if (H5Iget_type(arrays.get()) != H5I_GROUP) refuse("/arrays is not a group");
            size_t visited = 0;
            readArrays(arrays.get(), "", /*depth=*/0, visited, doc);
        }
        return doc;
    }

  private:
    [[noreturn]] void refuse(const std::string& problem) const { fail(path_, problem); }

    int readFormatVersion(hid_t file) const {
        const htri_t exists = H5Aexists(file, "format_version");
        if (exists < 0) refuse("the \"format_version\" attribute cannot be read" + hdf5Detail());
        if (exists == 0) refuse("no \"format_version\" attribute");
        Handle attr(H5Aopen(file, "format_version", H5P_DEFAULT), H5Aclose);
        Handle type(attr ? H5Aget_type(attr.get()) : H5I_INVALID_HID, H5Tclose);
        Handle space(attr ? H5Aget_space(attr.get()) : H5I_INVALID_HID, H5Sclose);
        if (!attr || !type || !space)
            refuse("the \"format_version\" attribute cannot be read" + hdf5Detail());
        if (H5Tget_class(type.get()) != H5T_INTEGER)
            refuse("\"format_version\" is " + describeType(type.get()) + ", not an integer");
        if (H5Sget_simple_extent_npoints(space.get()) != 1)
            refuse("\"format_version\" is not a single integer");
        long long version = 0;
        if (H5Aread(attr.get(), H5T_NATIVE_LLONG, &version) < 0)
            refuse("the \"format_version\" attribute cannot be read" + hdf5Detail());
        if (version > kSessionFormatVersion)
            throw InputError(printable(path_) + " was written by a newer Kronscope (format " +
                             std::to_string(version) + "; this version reads up to " +
                             std::to_string(kSessionFormatVersion) + ")");
        if (version < 1) refuse("unknown session format version " + std::to_string(version));
        return static_cast<int>(version);
    }

    /// The object `name` under `parent` through a hard link, or an invalid handle when there is none.
    Handle openObject(hid_t parent, const char* name, const std::string& what) const {
        const htri_t exists = H5Lexists(parent, name, H5P_DEFAULT);
        if (exists < 0) refuse(what + " cannot be read" + hdf5Detail());
        if (exists == 0) return Handle(H5I_INVALID_HID, H5Oclose);
        H5L_info_t info;
        if (H5Lget_info(parent, name, &info, H5P_DEFAULT) < 0)
            refuse(what + " cannot be read" + hdf5Detail());
        if (info.type != H5L_TYPE_HARD) refuse(what + " is a link to elsewhere, not an object in the file");
        Handle object(H5Oopen(parent, name, H5P_DEFAULT), H5Oclose);
        if (!object) refuse(what + " cannot be opened" + hdf5Detail());
        return object;
    }

    /// One string (scalar or one-element dataspace), fixed or variable length, from an attribute or a
    /// dataset.
    std::string readString(hid_t object, bool attribute, const std::string& what) const {
        Handle type(attribute ? H5Aget_type(object) : H5Dget_type(object), H5Tclose);
        Handle space(attribute ? H5Aget_space(object) : H5Dget_space(object), H5Sclose);
        if (!type || !space) refuse(what + " cannot be read" + hdf5Detail());
        if (H5Tget_class(type.get()) != H5T_STRING)
            refuse(what + " is " + describeType(type.get()) + ", not a string");
        if (H5Sget_simple_extent_npoints(space.get()) != 1) refuse(what + " is not a single string");
        const htri_t variable = H5Tis_variable_str(type.get());
        if (variable < 0) refuse(what + " cannot be read" + hdf5Detail());
        const auto read = [&](hid_t memory_type, void* buffer) {
            const herr_t status = attribute
                                      ? H5Aread(object, memory_type, buffer)
                                      : H5Dread(object, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
            if (status < 0) refuse(what + " cannot be read (corrupt file?)" + hdf5Detail());
        };
        if (variable > 0) {
            Handle memory = variableStringType(H5Tget_cset(type.get()));
            if (!memory) refuse(what + " cannot be read" + hdf5Detail());
            char* text = nullptr;
            read(memory.get(), &text);
            std::string value = text != nullptr ? std::string(text) : std::string();
            reclaimVariableString(memory.get(), space.get(), &text);
            return value;
        }
        const size_t size = H5Tget_size(type.get());
        if (size == 0 || size > kMaxStringBytes) refuse(what + " has an impossible size");
        std::string value(size, '\0');
        read(type.get(), value.data());
        switch (H5Tget_strpad(type.get())) {
            case H5T_STR_NULLTERM:
                value.resize(std::min(value.find('\0'), value.size()));
                break;
            case H5T_STR_NULLPAD:
                while (!value.empty() && value.back() == '\0') value.pop_back();
                break;
            case H5T_STR_SPACEPAD:
                while (!value.empty() && value.back() == ' ') value.pop_back();
                break;
            default:
                break;
        }
        return value;
    }

    /// Every dataset under `group` (recursively) into doc.arrays, named by its path below /arrays.
    void readArrays(hid_t group, const std::string& prefix, int depth, size_t& visited,
                    SessionDocument& doc) const {
        if (depth > kMaxArrayDepth)
            refuse("arrays are nested more than " + std::to_string(kMaxArrayDepth) + " groups deep");
        std::vector<std::pair<std::string, H5L_type_t>> links;
        if (H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, nullptr, collectLink, &links) < 0)
            refuse("/arrays/" + printable(prefix) + " cannot be listed" + hdf5Detail());
        for (const auto& [link, type] : links) {
            if (++visited > kMaxArrayObjects)
                refuse("more than " + std::to_string(kMaxArrayObjects) + " objects under /arrays");
            const std::string name = prefix.empty() ? link : prefix + "/" + link;
            const std::string what = "/arrays/" + printable(name);
            if (type != H5L_TYPE_HARD) refuse(what + " is a link to elsewhere, not an array");
            Handle object(H5Oopen(group, link.c_str(), H5P_DEFAULT), H5Oclose);
            if (!object) refuse(what + " cannot be opened" + hdf5Detail());
            switch (H5Iget_type(object.get())) {
                case H5I_GROUP:
                    readArrays(object.get(), name, depth + 1, visited, doc);
                    break;
                case H5I_DATASET:
                    doc.arrays[name] = readArray(object.get(), name);
                    break;
                default:
                    refuse(what + " is neither an array nor a group");
            }
        }
    }

    SessionArray readArray(hid_t dataset, const std::string& name) const {
        const std::string what = "array '" + printable(name) + "'";
        Handle type(H5Dget_type(dataset), H5Tclose);
        Handle space(H5Dget_space(dataset), H5Sclose);
        if (!type || !space) refuse(what + " cannot be read" + hdf5Detail());
        if (H5Tget_class(type.get()) != H5T_FLOAT || H5Tget_size(type.get()) != 4)
            refuse(what + " is stored as " + describeType(type.get()) + ", not float32");
        const H5S_class_t kind = H5Sget_simple_extent_type(space.get());
        if (kind != H5S_SCALAR && kind != H5S_SIMPLE) refuse(what + " has no shape (null dataspace)");
        const int rank = H5Sget_simple_extent_ndims(space.get());
        if (rank < 0) refuse(what + " cannot be read" + hdf5Detail());
        std::vector<hsize_t> dims(static_cast<size_t>(rank));
        if (rank > 0 && H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0)
            refuse(what + " cannot be read" + hdf5Detail());

        SessionArray array;
        int64_t elements = 1;
        bool too_big = false;
        for (const hsize_t dim : dims) {
            // Both factors are at most 2^31, so the product fits; stop growing it once over the limit.
            if (dim > static_cast<hsize_t>(kSessionMaxArrayElements)) {
                too_big = true;
                array.shape.push_back(-1);
                continue;
            }
            array.shape.push_back(static_cast<int64_t>(dim));
            if (!too_big && (elements *= static_cast<int64_t>(dim)) > kSessionMaxArrayElements)
                too_big = true;
        }
        if (too_big) {
            std::string shape = "[";
            for (size_t i = 0; i < dims.size(); ++i) shape += (i ? ", " : "") + std::to_string(dims[i]);
            refuse(what + " has shape " + shape + "], more than 2^31 elements");
        }
        checkStorage(dataset, what, elements);
        array.values.resize(static_cast<size_t>(elements));
        if (elements > 0 &&
            H5Dread(dataset, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, array.values.data()) < 0)
            refuse(what + " cannot be read (corrupt or truncated file)" + hdf5Detail());
        return array;
    }

    /// A dataset may declare a shape its file does not hold (a chunked dataset never written declares any
    /// size in a few bytes): its declared bytes must be stored, at most deflate's best ratio (1032:1) smaller
    /// when it is compressed, before anything is allocated for it.
    void checkStorage(hid_t dataset, const std::string& what, int64_t elements) const {
        if (elements == 0) return;
        const double declared = 4.0 * static_cast<double>(elements);
        const double stored = static_cast<double>(H5Dget_storage_size(dataset));
        Handle dcpl(H5Dget_create_plist(dataset), H5Pclose);
        if (!dcpl) refuse(what + " cannot be read" + hdf5Detail());
        const bool compressed = H5Pget_nfilters(dcpl.get()) > 0;
        if (compressed ? declared > 1032.0 * stored + 65536.0 : stored < declared)
            refuse(what + " declares " + std::to_string(elements) + " float32 values but the file stores " +
                   std::to_string(static_cast<int64_t>(stored)) + " bytes of them (a damaged file)");
    }

    std::string path_;
};

// ---------------------------------------------------------------------------------------------------
// Upgrades

/// kUpgradeSteps[v - 1] turns a document of format v into format v + 1. To add format 2: write
///     void upgradeV1ToV2(SessionDocument& doc) { ... }
/// list it here (std::array<UpgradeStep, 1> kUpgradeSteps{upgradeV1ToV2}), bump kSessionFormatVersion,
/// and add a test that reads a format 1 file. The static_assert keeps the two in step.
using UpgradeStep = void (*)(SessionDocument&);
constexpr std::array<UpgradeStep, 0> kUpgradeSteps{};
static_assert(kUpgradeSteps.size() == static_cast<size_t>(kSessionFormatVersion - 1),
              "one upgrade step per older format version");

/// `path` without a trailing separator ("/a/b/" -> "/a/b"), except for a root.
fs::path withoutTrailingSeparator(fs::path path) {
    while (!path.empty() && !path.has_filename() && path != path.root_path()) path = path.parent_path();
    return path;
}

}  // namespace

SessionDocument readSessionHere(const std::string& path) {
    return SessionReader(path).read();
}

void writeSession(const std::string& path, const SessionDocument& doc) {
    if (path.empty()) throw InputError("cannot write session: no file name given");
    validateDocument(path, doc);
    // A random name beside the target, reserved by mkstemp (a plain errno message when the folder is missing
    // or read-only), then given to HDF5, which creates it exclusively (O_EXCL): a link planted at the name in
    // between is refused, never followed.
    std::string tmp;
    try {
        const TemporaryFile reserved = createTemporaryBeside(path);
        ::close(reserved.fd);
        ::unlink(reserved.path.c_str());
        tmp = reserved.path;
    } catch (const InputError& e) {
        fail(path, std::string("cannot create its temporary file: ") + e.what());
    }
    try {
        QuietHdf5 quiet;
        writeHdf5(path, tmp, doc);
    } catch (...) {
        ::unlink(tmp.c_str());
        throw;
    }
    const std::string sync_error = syncPath(tmp, O_RDONLY);
    if (!sync_error.empty()) {
        ::unlink(tmp.c_str());
        fail(path, "cannot sync " + printable(tmp) + ": " + sync_error);
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        fail(path, "cannot rename " + printable(tmp) + " onto it: " + errnoMessage(err));
    }
    // Make the rename itself durable; the new file is complete either way, so a failure here is ignored.
    fs::path folder = fs::path(path).parent_path();
    syncPath(folder.empty() ? "." : folder.string(), O_RDONLY | O_DIRECTORY);
}

SessionDocument readSession(const std::string& path) {
    if (path.empty()) throw InputError("cannot read session: no file name given");
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status)) fail(path, "no such session file");
    if (fs::is_directory(status)) fail(path, "is a folder, not a session file");
    // O_NONBLOCK: a FIFO in the file's place does not block; it is refused as not a regular file.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) fail(path, "cannot open: " + errnoMessage(errno));
    struct stat st {};
    const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    ::close(fd);
    if (!regular) fail(path, "not a regular file (a session file must be one)");

    SessionDocument doc;
    {
        QuietHdf5 quiet;  // held across the fork: the child starts with HDF5 in a consistent state
        doc = readSessionIsolated(path, static_cast<int64_t>(st.st_size));
    }
    try {
        upgradeSession(doc, doc.format_version);
    } catch (const InputError& e) {
        fail(path,
             "cannot upgrade from session format " + std::to_string(doc.format_version) + ": " + e.what());
    }
    return doc;
}

void upgradeSession(SessionDocument& doc, int from_version) {
    if (from_version < 1) throw InputError("unknown session format version " + std::to_string(from_version));
    if (from_version > kSessionFormatVersion)
        throw InputError("session format " + std::to_string(from_version) +
                         " is newer than this version reads (up to " + std::to_string(kSessionFormatVersion) +
                         ")");
    for (int version = from_version; version < kSessionFormatVersion; ++version)
        kUpgradeSteps.at(static_cast<size_t>(version - 1))(doc);
}

std::string relativeModelPath(const std::string& session_path, const std::string& model_dir) {
    if (model_dir.empty()) return "";
    const fs::path folder = fs::absolute(session_path).lexically_normal().parent_path();
    const fs::path model = withoutTrailingSeparator(fs::absolute(model_dir).lexically_normal());
    const fs::path relative = model.lexically_relative(folder);
    return relative.empty() ? model.generic_string() : relative.generic_string();
}

std::string resolveModelPath(const std::string& session_path, const std::string& stored) {
    if (stored.empty()) return "";
    const fs::path stored_path(stored);
    const fs::path absolute = stored_path.is_absolute()
                                  ? stored_path
                                  : fs::absolute(session_path).lexically_normal().parent_path() / stored_path;
    return withoutTrailingSeparator(absolute.lexically_normal()).string();
}

}  // namespace kronscope::core
