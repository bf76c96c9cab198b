#pragma once
// Strict reader and writer for the safetensors format (https://github.com/huggingface/safetensors).
//
// Layout of a file:
//   [u64 little-endian N][N bytes of UTF-8 JSON header][data section]
// The header maps each tensor name to {"dtype", "shape", "data_offsets": [begin, end]} (offsets relative
// to the start of the data section) plus an optional "__metadata__" object of string -> string.
//
// The reader refuses anything the format does not allow: an oversized or truncated header, invalid UTF-8
// or JSON, unknown keys or dtypes, duplicate names, offsets that disagree with dtype x shape, gaps,
// overlaps and trailing bytes. Every refusal is an InputError whose message is one line naming the file,
// the tensor when there is one, and the rule that was broken.
//
// No torch here: tensors are exposed as raw bytes plus dtype and shape; converting is the caller's job.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kronscope/core/io/tensor_archive.h"

namespace kronscope::core {

/// Largest header a reader accepts (and a writer produces): 100,000,000 bytes, as in the reference reader.
constexpr uint64_t kSafetensorsMaxHeaderBytes = 100'000'000;

/// A validated safetensors file, memory-mapped (open) or borrowed from a caller's buffer (parse).
/// Movable, not copyable; unmaps on destruction. Tensor bytes are not copied: data() points into the
/// mapping or the buffer, at whatever alignment the file gives (the format pads the header to 8 bytes
/// but does not align each tensor): check alignment or read through memcpy before casting.
class SafetensorsFile : public TensorArchive {
  public:
    /// Maps `path` read-only and validates it (the header is read with pread, not through the mapping).
    /// Throws InputError (message names `path`). Read tensors with copyTensor: data() points into the
    /// mapping, and a file truncated by someone else while mapped raises SIGBUS on access there.
    static SafetensorsFile open(const std::string& path);
    /// Validates `size` bytes at `data` without copying them. The buffer must outlive the returned object
    /// and every pointer from data(). `name` stands for the file in error messages and path().
    /// Throws InputError. Used by the fuzzer and by tests.
    static SafetensorsFile parse(const uint8_t* data, size_t size, const std::string& name);

    SafetensorsFile(SafetensorsFile&& other) noexcept;
    SafetensorsFile& operator=(SafetensorsFile&& other) noexcept;
    SafetensorsFile(const SafetensorsFile&) = delete;
    SafetensorsFile& operator=(const SafetensorsFile&) = delete;
    ~SafetensorsFile() override;

    /// The path given to open(), or the name given to parse().
    const std::string& path() const override { return path_; }
    /// All tensors, sorted by their offsets in the data section (i.e. in file order).
    const std::vector<TensorInfo>& tensors() const override { return tensors_; }
    /// The tensor called `name`, or nullptr if there is none.
    const TensorInfo* find(const std::string& name) const;
    /// The "__metadata__" object (empty if the header has none).
    const std::map<std::string, std::string>& metadata() const { return metadata_; }
    /// The first of the tensor's info.bytes() bytes. `info` must come from this file's tensors() or find().
    const uint8_t* data(const TensorInfo& info) const { return base_ + dataOffset() + info.begin; }
    /// Copies the tensor's info.bytes() bytes to `dst`: with pread from an opened file (a file truncated by
    /// another process meanwhile is an InputError naming it, never SIGBUS), from the buffer of parse().
    void copyTensor(const TensorInfo& info, void* dst) const override;
    std::string formatName() const override { return "safetensors"; }
    /// Total size in bytes: 8 + headerLength() + the data section.
    uint64_t fileSize() const { return size_; }
    /// N, the length of the JSON header (including any padding).
    uint64_t headerLength() const { return header_length_; }
    /// Where the data section starts in the file: 8 + N.
    uint64_t dataOffset() const { return 8 + header_length_; }

  private:
    SafetensorsFile() = default;
    void validate();
    void release() noexcept;
    void readAt(uint64_t offset, void* dst, size_t n) const;  // pread all of it, or InputError

    const uint8_t* head() const { return head_.empty() ? base_ : head_.data(); }

    std::string path_;
    const uint8_t* base_ = nullptr;  // file bytes: mapping (owned if mapped_) or the caller's buffer
    int fd_ = -1;                    // an opened file, for copyTensor
    std::vector<uint8_t> head_;      // an opened file's first 8 + N bytes, read with pread
    uint64_t size_ = 0;
    bool mapped_ = false;
    uint64_t header_length_ = 0;
    std::vector<TensorInfo> tensors_;
    std::map<std::string, size_t> index_;  // name -> position in tensors_
    std::map<std::string, std::string> metadata_;
};

/// One tensor for writeSafetensors: `bytes` bytes at `data` (not owned), laid out row-major.
struct TensorToWrite {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    const void* data = nullptr;
    size_t bytes = 0;
};

/// Writes a safetensors file to a temporary file beside `path` (mkstemp) and renames it onto `path`, so
/// readers never see half a file. The header is compact JSON padded with spaces to a multiple of 8 bytes;
/// tensor data follows contiguously in the order given. Refuses (InputError, nothing written): names that are
/// empty, duplicated or "__metadata__", strings that are not valid UTF-8, negative or overflowing shapes, and
/// `bytes != numel * dtypeSize`. An I/O failure also throws InputError and removes the temporary file.
void writeSafetensors(const std::string& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata = {});

}  // namespace kronscope::core
