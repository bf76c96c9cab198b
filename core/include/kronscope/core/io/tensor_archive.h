#pragma once
// What every checkpoint reader gives the model loader: named tensors (dtype, shape) whose bytes it copies
// out in row-major order. safetensors files (io/safetensors.h) and PyTorch zip archives (io/torch_archive.h)
// implement it. No torch here.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kronscope::core {

/// Element types of the safetensors format (names as in the header: "F32", "BF16", ...).
enum class DType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL, F8_E4M3, F8_E5M2, U16, U32, U64 };

/// The header spelling of a dtype: "F32", "BF16", "F8_E4M3", ...
const char* dtypeName(DType dtype);
/// Bytes per element (1, 2, 4 or 8).
size_t dtypeSize(DType dtype);
/// The dtype spelled `name` in a header, or nothing if the name is unknown (case-sensitive).
std::optional<DType> dtypeFromName(std::string_view name);

/// Number of elements of `shape`, or nothing if a dimension is negative or the product of the non-zero
/// dimensions overflows int64 (such a shape is refused even when another dimension is 0, so that
/// strides computed from it cannot overflow either).
std::optional<int64_t> checkedNumel(const std::vector<int64_t>& shape);
/// "[768, 2304]"; "[]" for a scalar.
std::string formatShape(const std::vector<int64_t>& shape);

struct TensorInfo {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    /// safetensors: the byte range [begin, end) relative to the start of the data section. Other archives:
    /// [0, numel * dtypeSize), the bytes copyTensor writes.
    uint64_t begin = 0, end = 0;

    /// Product of the shape (1 for a scalar, 0 for an empty tensor); -1 if the shape is invalid
    /// (see checkedNumel). Never -1 for a tensor read by a TensorArchive.
    int64_t numel() const;
    uint64_t bytes() const { return end - begin; }
};

/// A validated file of named tensors.
class TensorArchive {
  public:
    virtual ~TensorArchive() = default;
    /// The file, as named in every message.
    virtual const std::string& path() const = 0;
    /// The tensors, in file order.
    virtual const std::vector<TensorInfo>& tensors() const = 0;
    /// Copies the tensor's info.bytes() bytes, row-major, to `dst`. `info` must come from tensors(). A file
    /// cut short or changed under the reader is an InputError naming it.
    virtual void copyTensor(const TensorInfo& info, void* dst) const = 0;
    /// "safetensors", "PyTorch zip archive", ...
    virtual std::string formatName() const = 0;
};

}  // namespace kronscope::core
