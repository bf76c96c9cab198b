#include "kronscope/core/io/safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <limits>
#include <set>
#include <unordered_set>
#include <system_error>
#include <utility>

#include <nlohmann/json.hpp>

#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "base/text_util.h"

namespace kronscope::core {
namespace {

using json = nlohmann::json;

struct DTypeEntry {
    DType dtype;
    const char* name;
    size_t size;
};

constexpr DTypeEntry kDTypes[] = {
    {DType::F64, "F64", 8},   {DType::F32, "F32", 4},         {DType::F16, "F16", 2},
    {DType::BF16, "BF16", 2}, {DType::I64, "I64", 8},         {DType::I32, "I32", 4},
    {DType::I16, "I16", 2},   {DType::I8, "I8", 1},           {DType::U8, "U8", 1},
    {DType::BOOL, "BOOL", 1}, {DType::F8_E4M3, "F8_E4M3", 1}, {DType::F8_E5M2, "F8_E5M2", 1},
    {DType::U16, "U16", 2},   {DType::U32, "U32", 4},         {DType::U64, "U64", 8},
};

const DTypeEntry& entryOf(DType dtype) {
    for (const auto& e : kDTypes)
        if (e.dtype == dtype) return e;
    throw InputError("invalid DType value " + std::to_string(static_cast<int>(dtype)));
}

// A valid header needs 3 levels (root object > tensor entry > shape array); deeper nesting is refused
// early so that hostile input cannot make the parser build a huge tree of nested containers.
constexpr int kMaxJsonDepth = 8;
using text::errnoMessage;
using text::firstInvalidUtf8;
using text::printable;
using text::utf8SequenceLength;

[[noreturn]] void fail(const std::string& file, const std::string& rule) {
    throw InputError(printable(file) + ": " + rule);
}

[[noreturn]] void failTensor(const std::string& file, const std::string& tensor, const std::string& rule) {
    throw InputError(printable(file) + ": tensor '" + printable(tensor) + "': " + rule);
}

/// "number -1", "string \"3\"", "array [1,2]": what a value is, for messages.
std::string describe(const json& value) {
    return std::string(value.type_name()) + " " + printable(value.dump());
}

std::string range(uint64_t begin, uint64_t end) {
    return "[" + std::to_string(begin) + ", " + std::to_string(end) + ")";
}

/// The header's structure checked in one SAX pass (nlohmann's callback parser is quadratic in the number of
/// entries: 50,000 took 34 s): duplicate keys at any level (the DOM parser would silently keep the last
/// one) and nesting deeper than kMaxJsonDepth. Throws InputError naming the file.
class HeaderChecker : public nlohmann::json_sax<json> {
  public:
    explicit HeaderChecker(const std::string& file) : file_(file) {}

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
        open();
        keys_.emplace_back();
        return true;
    }
    bool end_object() override {
        keys_.pop_back();
        --depth_;
        return true;
    }
    bool start_array(std::size_t) override {
        open();
        keys_.emplace_back();  // arrays have no keys; keeps keys_ in step with depth
        return true;
    }
    bool end_array() override {
        keys_.pop_back();
        --depth_;
        return true;
    }
    bool key(string_t& key) override {
        if (depth_ == 1) entry_ = key;
        if (keys_.back().insert(key).second) return true;
        if (depth_ == 1) {
            if (key == "__metadata__") fail(file_, "duplicate \"__metadata__\" entry in the header");
            failTensor(file_, key, "duplicate tensor name: it appears more than once in the header");
        }
        if (entry_ == "__metadata__")
            fail(file_, "duplicate key '" + printable(key) + "' in \"__metadata__\"");
        failTensor(file_, entry_, "duplicate key '" + printable(key) + "' in its header entry");
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
        std::string what = e.what();
        const size_t bracket = what.find("] ");  // drop "[json.exception.parse_error.101] "
        if (what.rfind("[json.exception.", 0) == 0 && bracket != std::string::npos)
            what.erase(0, bracket + 2);
        fail(file_, "header is not valid JSON: " + printable(what));
    }

  private:
    void open() {
        if (depth_ >= kMaxJsonDepth)
            fail(file_, "header nests JSON deeper than " + std::to_string(kMaxJsonDepth) +
                            " levels (a valid header needs 3)");
        ++depth_;
    }

    const std::string& file_;
    int depth_ = 0;
    std::vector<std::unordered_set<std::string>> keys_;  // keys seen in each open container, innermost last
    std::string entry_;                                  // the top-level key whose value is being parsed
};

/// Parses the header after HeaderChecker has passed it (both passes are linear).
json parseHeader(const std::string& file, const char* text, size_t length) {
    HeaderChecker checker(file);
    json::sax_parse(text, text + length, &checker, nlohmann::detail::input_format_t::json, /*strict=*/true);
    try {
        return json::parse(text, text + length, nullptr, /*allow_exceptions=*/true,
                           /*ignore_comments=*/false);
    } catch (const json::exception& e) {
        fail(file, "header is not valid JSON: " + printable(e.what()));
    }
}

std::map<std::string, std::string> parseMetadata(const std::string& file, const json& value) {
    if (!value.is_object())
        fail(file, "\"__metadata__\" must be an object of string to string, not " + describe(value));
    std::map<std::string, std::string> metadata;
    for (const auto& [key, item] : value.items()) {
        if (!item.is_string())
            fail(file, "\"__metadata__\" value for '" + printable(key) + "' must be a string, not " +
                           describe(item));
        metadata.emplace(key, item.get<std::string>());
    }
    return metadata;
}

/// One tensor's header entry, checked against itself and against a data section of `data_size` bytes.
TensorInfo parseEntry(const std::string& file, const std::string& name, const json& value,
                      uint64_t data_size) {
    static const char* const kKeys[] = {"dtype", "shape", "data_offsets"};
    if (!value.is_object())
        failTensor(
            file, name,
            "header entry must be an object with dtype, shape and data_offsets, not " + describe(value));
    for (const auto& item : value.items()) {
        const std::string& key = item.key();
        if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys))
            failTensor(file, name,
                       "header entry has unexpected key '" + printable(key) +
                           "' (allowed: dtype, shape, data_offsets)");
    }
    for (const char* key : kKeys)
        if (!value.contains(key)) failTensor(file, name, std::string("header entry has no \"") + key + "\"");

    TensorInfo info;
    info.name = name;

    const json& dtype = value.at("dtype");
    if (!dtype.is_string()) failTensor(file, name, "dtype must be a string, not " + describe(dtype));
    const auto known = dtypeFromName(dtype.get_ref<const std::string&>());
    if (!known) failTensor(file, name, "unknown dtype " + printable(dtype.dump()));
    info.dtype = *known;

    const json& shape = value.at("shape");
    if (!shape.is_array())
        failTensor(file, name, "shape must be an array of non-negative integers, not " + describe(shape));
    for (size_t i = 0; i < shape.size(); ++i) {
        const json& dim = shape[i];
        // nlohmann stores integers written without a sign as unsigned; "-0", "1.0" and "1e3" are refused.
        if (!dim.is_number_unsigned())
            failTensor(file, name,
                       "shape must be an array of non-negative integers; element " + std::to_string(i) +
                           " is " + describe(dim));
        const uint64_t d = dim.get<uint64_t>();
        if (d > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
            failTensor(
                file, name,
                "shape element " + std::to_string(i) + " (" + std::to_string(d) + ") does not fit int64");
        info.shape.push_back(static_cast<int64_t>(d));
    }

    const json& offsets = value.at("data_offsets");
    if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() ||
        !offsets[1].is_number_unsigned())
        failTensor(file, name,
                   "data_offsets must be [begin, end] with non-negative integers, not " + describe(offsets));
    info.begin = offsets[0].get<uint64_t>();
    info.end = offsets[1].get<uint64_t>();
    if (info.begin > info.end)
        failTensor(file, name,
                   "data_offsets [" + std::to_string(info.begin) + ", " + std::to_string(info.end) +
                       "] have begin > end");

    const auto numel = checkedNumel(info.shape);
    if (!numel)
        failTensor(file, name, "shape " + formatShape(info.shape) + " overflows int64 in its element count");
    uint64_t bytes = 0;
    if (__builtin_mul_overflow(static_cast<uint64_t>(*numel), static_cast<uint64_t>(dtypeSize(info.dtype)),
                               &bytes))
        failTensor(file, name,
                   "dtype " + std::string(dtypeName(info.dtype)) + " x shape " + formatShape(info.shape) +
                       " overflows a 64-bit byte count");
    if (bytes != info.end - info.begin)
        failTensor(file, name,
                   "data offsets " + range(info.begin, info.end) + " do not match dtype " +
                       dtypeName(info.dtype) + " x shape " + formatShape(info.shape) + " (" +
                       std::to_string(bytes) + " bytes)");
    if (info.end > data_size)
        failTensor(file, name,
                   "data offsets " + range(info.begin, info.end) + " run past the end of the data section (" +
                       std::to_string(data_size) + " bytes)");
    return info;
}

bool writeAll(int fd, const void* data, size_t size) {
    const auto* p = static_cast<const char*>(data);
    while (size > 0) {
        const size_t chunk = std::min<size_t>(size, size_t{1} << 30);
        const ssize_t n = ::write(fd, p, chunk);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

}  // namespace

const char* dtypeName(DType dtype) {
    return entryOf(dtype).name;
}

size_t dtypeSize(DType dtype) {
    return entryOf(dtype).size;
}

std::optional<DType> dtypeFromName(std::string_view name) {
    for (const auto& e : kDTypes)
        if (name == e.name) return e.dtype;
    return std::nullopt;
}

std::optional<int64_t> checkedNumel(const std::vector<int64_t>& shape) {
    int64_t nonzero = 1;  // product of the non-zero dimensions
    bool empty = false;
    for (const int64_t d : shape) {
        if (d < 0) return std::nullopt;
        if (d == 0) {
            empty = true;
            continue;
        }
        if (__builtin_mul_overflow(nonzero, d, &nonzero)) return std::nullopt;
    }
    return empty ? 0 : nonzero;
}

std::string formatShape(const std::vector<int64_t>& shape) {
    std::string out = "[";
    for (size_t i = 0; i < shape.size(); ++i) {
        if (i > 0) out += ", ";
        out += std::to_string(shape[i]);
    }
    return out + "]";
}

int64_t TensorInfo::numel() const {
    return checkedNumel(shape).value_or(-1);
}

// ---- SafetensorsFile ---------------------------------------------------------------------------------

SafetensorsFile SafetensorsFile::open(const std::string& path) {
    // O_NONBLOCK: a FIFO in the model's place does not block the open; fstat then refuses it.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) fail(path, "cannot open: " + errnoMessage(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        fail(path, "cannot stat: " + errnoMessage(err));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        fail(path, "not a regular file");
    }
    SafetensorsFile file;
    file.path_ = path;
    file.size_ = static_cast<uint64_t>(st.st_size);
    if (file.size_ > std::numeric_limits<size_t>::max()) {
        ::close(fd);
        fail(path, "file is too large to map (" + std::to_string(file.size_) + " bytes)");
    }
    if (file.size_ > 0) {  // an empty file cannot be mapped; validate() refuses it below
        void* mapping = ::mmap(nullptr, static_cast<size_t>(file.size_), PROT_READ, MAP_PRIVATE, fd, 0);
        const int err = errno;
        if (mapping == MAP_FAILED) {
            ::close(fd);
            fail(path, "cannot map: " + errnoMessage(err));
        }
        file.base_ = static_cast<const uint8_t*>(mapping);
        file.mapped_ = true;
    }
    file.fd_ = fd;  // kept for copyTensor; closed by ~SafetensorsFile
    // The header through pread, not the mapping: a file cut short meanwhile is refused, not SIGBUS.
    if (file.size_ >= 8) {
        uint8_t prefix[8];
        file.readAt(0, prefix, 8);
        uint64_t n = 0;
        for (int i = 7; i >= 0; --i) n = (n << 8) | prefix[i];
        if (n <= kSafetensorsMaxHeaderBytes && n <= file.size_ - 8) {
            file.head_.resize(static_cast<size_t>(8 + n));
            file.readAt(0, file.head_.data(), file.head_.size());
        }
    }
    file.validate();  // on throw, ~SafetensorsFile unmaps
    return file;
}

SafetensorsFile SafetensorsFile::parse(const uint8_t* data, size_t size, const std::string& name) {
    SafetensorsFile file;
    file.path_ = name;
    file.base_ = data;
    file.size_ = size;
    file.validate();
    return file;
}

SafetensorsFile::SafetensorsFile(SafetensorsFile&& other) noexcept {
    *this = std::move(other);
}

SafetensorsFile& SafetensorsFile::operator=(SafetensorsFile&& other) noexcept {
    if (this == &other) return *this;
    release();
    path_ = std::move(other.path_);
    base_ = std::exchange(other.base_, nullptr);
    size_ = std::exchange(other.size_, 0);
    mapped_ = std::exchange(other.mapped_, false);
    fd_ = std::exchange(other.fd_, -1);
    head_ = std::move(other.head_);
    header_length_ = std::exchange(other.header_length_, 0);
    tensors_ = std::move(other.tensors_);
    index_ = std::move(other.index_);
    metadata_ = std::move(other.metadata_);
    return *this;
}

SafetensorsFile::~SafetensorsFile() {
    release();
}

void SafetensorsFile::readAt(uint64_t offset, void* dst, size_t n) const {
    auto* out = static_cast<uint8_t*>(dst);
    size_t done = 0;
    while (done < n) {
        const ssize_t got = ::pread(fd_, out + done, n - done, static_cast<off_t>(offset + done));
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) fail(path_, "read failed: " + errnoMessage(errno));
        if (got == 0)
            fail(path_, "ended at byte " + std::to_string(offset + done) +
                            " while being read (was it cut short by "
                            "another process?)");
        done += static_cast<size_t>(got);
    }
}

void SafetensorsFile::copyTensor(const TensorInfo& info, void* dst) const {
    if (info.bytes() == 0) return;
    if (fd_ >= 0)
        readAt(dataOffset() + info.begin, dst, static_cast<size_t>(info.bytes()));
    else
        std::memcpy(dst, data(info), static_cast<size_t>(info.bytes()));
}

void SafetensorsFile::release() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    head_.clear();
    if (mapped_ && base_) ::munmap(const_cast<uint8_t*>(base_), static_cast<size_t>(size_));
    base_ = nullptr;
    mapped_ = false;
}

const TensorInfo* SafetensorsFile::find(const std::string& name) const {
    const auto it = index_.find(name);
    return it == index_.end() ? nullptr : &tensors_[it->second];
}

void SafetensorsFile::validate() {
    const std::string& file = path_;
    if (size_ < 8)
        fail(file, "file is " + std::to_string(size_) + " bytes, too small for the 8-byte header length");

    uint64_t n = 0;  // header length: u64 little-endian
    for (int i = 7; i >= 0; --i) n = (n << 8) | head()[i];
    if (n > kSafetensorsMaxHeaderBytes)
        fail(file, "header length " + std::to_string(n) + " exceeds the limit of " +
                       std::to_string(kSafetensorsMaxHeaderBytes) + " bytes");
    if (n > size_ - 8)
        fail(file, "header length " + std::to_string(n) + " runs past the end of the file (" +
                       std::to_string(size_) + " bytes)");
    header_length_ = n;

    const std::string_view header(reinterpret_cast<const char*>(head() + 8), static_cast<size_t>(n));
    const size_t bad = firstInvalidUtf8(header);
    if (bad != std::string_view::npos)
        fail(file, "header is not valid UTF-8 (byte " + std::to_string(8 + bad) + " of the file)");
    // nlohmann's lexer takes a NUL byte for the end of input and would accept "{}\0garbage".
    const size_t nul = header.find('\0');
    if (nul != std::string_view::npos)
        fail(file, "header is not valid JSON: NUL byte at byte " + std::to_string(8 + nul) + " of the file");

    const json root = parseHeader(file, header.data(), header.size());
    if (!root.is_object())
        fail(file, "header is not a JSON object (it is " + std::string(root.type_name()) + ")");

    const uint64_t data_size = size_ - 8 - n;
    for (const auto& [key, value] : root.items()) {
        if (key == "__metadata__") {
            metadata_ = parseMetadata(file, value);
            continue;
        }
        tensors_.push_back(parseEntry(file, key, value, data_size));
    }

    // File order. Empty tensors share offsets with their neighbours; (begin, end) puts them first and the
    // stable sort keeps ties in name order (nlohmann's objects iterate sorted by key).
    std::stable_sort(tensors_.begin(), tensors_.end(), [](const TensorInfo& a, const TensorInfo& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    uint64_t expected = 0;  // where the next tensor must start
    const TensorInfo* previous = nullptr;
    for (const TensorInfo& t : tensors_) {
        if (t.begin != expected) {
            if (!previous)
                failTensor(
                    file, t.name,
                    "data offsets " + range(t.begin, t.end) +
                        " leave a gap at the start of the data section (the first tensor must start at 0)");
            if (t.begin > expected)
                failTensor(file, t.name,
                           "data offsets " + range(t.begin, t.end) + " leave a gap of " +
                               std::to_string(t.begin - expected) + " bytes after tensor '" +
                               printable(previous->name) + "' " + range(previous->begin, previous->end) +
                               " (tensors must be contiguous)");
            failTensor(file, t.name,
                       "data offsets " + range(t.begin, t.end) + " overlap tensor '" +
                           printable(previous->name) + "' " + range(previous->begin, previous->end));
        }
        expected = t.end;
        previous = &t;
    }
    if (expected != data_size) {
        const std::string trailing = std::to_string(data_size - expected) + " trailing bytes";
        if (!previous) fail(file, "the data section has " + trailing + " but the header lists no tensors");
        failTensor(file, previous->name,
                   "the last tensor ends at " + std::to_string(expected) + " but the data section has " +
                       std::to_string(data_size) + " bytes (" + trailing + " after it)");
    }

    for (size_t i = 0; i < tensors_.size(); ++i) index_.emplace(tensors_[i].name, i);
}

// ---- writer ------------------------------------------------------------------------------------------

namespace {

/// The header of a file holding `tensors` (in this order, contiguous) and `metadata`, every entry checked.
json writerHeader(const std::string& path, const std::vector<TensorToWrite>& tensors,
                  const std::map<std::string, std::string>& metadata) {
    json header = json::object();
    std::set<std::string> names;
    uint64_t offset = 0;
    for (const TensorToWrite& t : tensors) {
        if (t.name.empty()) fail(path, "cannot write a tensor with an empty name");
        if (firstInvalidUtf8(t.name) != std::string_view::npos)
            failTensor(path, t.name, "name is not valid UTF-8");
        if (t.name == "__metadata__") failTensor(path, t.name, "name is reserved for the metadata");
        if (!names.insert(t.name).second) failTensor(path, t.name, "duplicate tensor name");
        const auto numel = checkedNumel(t.shape);
        if (!numel)
            failTensor(path, t.name,
                       "shape " + formatShape(t.shape) + " has a negative dimension or overflows int64");
        uint64_t expected = 0;
        if (__builtin_mul_overflow(static_cast<uint64_t>(*numel), static_cast<uint64_t>(dtypeSize(t.dtype)),
                                   &expected))
            failTensor(path, t.name,
                       "dtype " + std::string(dtypeName(t.dtype)) + " x shape " + formatShape(t.shape) +
                           " overflows a 64-bit byte count");
        if (t.bytes != expected)
            failTensor(path, t.name,
                       std::to_string(t.bytes) + " bytes of data do not match dtype " + dtypeName(t.dtype) +
                           " x shape " + formatShape(t.shape) + " (" + std::to_string(expected) + " bytes)");
        if (t.bytes > 0 && t.data == nullptr)
            failTensor(path, t.name, "data is null but " + std::to_string(t.bytes) + " bytes are expected");
        uint64_t end = 0;
        if (__builtin_add_overflow(offset, expected, &end))
            failTensor(path, t.name, "data section overflows a 64-bit offset");

        json entry = json::object();
        entry["dtype"] = dtypeName(t.dtype);
        entry["shape"] = t.shape;
        entry["data_offsets"] = json::array({offset, end});
        header[t.name] = std::move(entry);
        offset = end;
    }
    if (!metadata.empty()) {
        for (const auto& [key, value] : metadata)
            if (firstInvalidUtf8(key) != std::string_view::npos ||
                firstInvalidUtf8(value) != std::string_view::npos)
                fail(path, "\"__metadata__\" entry '" + printable(key) + "' is not valid UTF-8");
        header["__metadata__"] = metadata;
    }

    return header;
}

}  // namespace

void writeSafetensors(const std::string& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata) {
    const json header = writerHeader(path, tensors, metadata);
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' ');  // data section starts 8-byte aligned
    if (text.size() > kSafetensorsMaxHeaderBytes)
        fail(path, "header would be " + std::to_string(text.size()) + " bytes, over the limit of " +
                       std::to_string(kSafetensorsMaxHeaderBytes));
    unsigned char prefix[8];
    for (int i = 0; i < 8; ++i)
        prefix[i] = static_cast<unsigned char>(static_cast<uint64_t>(text.size()) >> (8 * i));

    TemporaryFile temporary;
    try {
        temporary = createTemporaryBeside(path);  // mkstemp: a planted link at a known name is never followed
    } catch (const InputError& e) {
        fail(path, std::string("cannot create its temporary file: ") + e.what());
    }
    const int fd = temporary.fd;
    const std::string tmp = temporary.path;
    ::fchmod(fd, 0644);
    const auto abandon = [&](const std::string& what) {
        const int err = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        fail(path, what + ": " + errnoMessage(err));
    };
    if (!writeAll(fd, prefix, sizeof prefix) || !writeAll(fd, text.data(), text.size()))
        abandon("cannot write " + printable(tmp));
    for (const TensorToWrite& t : tensors)
        if (t.bytes > 0 && !writeAll(fd, t.data, t.bytes)) abandon("cannot write " + printable(tmp));
    if (::fsync(fd) != 0) abandon("cannot sync " + printable(tmp));
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        fail(path, "cannot close " + printable(tmp) + ": " + errnoMessage(err));
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        fail(path, "cannot rename " + printable(tmp) + " onto it: " + errnoMessage(err));
    }
}

}  // namespace kronscope::core
