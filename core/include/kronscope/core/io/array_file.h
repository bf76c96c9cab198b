#pragma once
// One float32 array written as a file NumPy, pandas or any safetensors reader opens as it is (the "data out"
// of every weight, fit, factor, error map and statistic the app shows and `kronscope-cli export` names).
// No torch in this header.
#include <cstdint>
#include <string>
#include <vector>

namespace kronscope::core {

/// The formats, by the extension of the output path:
///  - .npy: NumPy format version 1.0, dtype '<f4', C order, the given shape (np.load reads it);
///  - .csv: the last dimension across, every leading index down (a 1-D array: one value per line), values
///    printed with 9 significant digits (float32 round-trips exactly), no header (np.loadtxt(path,
///    delimiter=",") reads it);
///  - .safetensors: one F32 tensor called `name`, the shape as given.
/// Written to a temporary file beside `path` and renamed onto it: a failure leaves no partial file and an
/// earlier file untouched. InputError naming the path for another extension, an empty shape, a negative
/// dimension or a shape whose product is not data.size().
void writeArrayFile(const std::string& path, const std::string& name, const std::vector<int64_t>& shape,
                    const std::vector<float>& data);

/// ".npy", ".csv", ".safetensors": what writeArrayFile accepts.
const std::vector<std::string>& arrayFileExtensions();

}  // namespace kronscope::core
