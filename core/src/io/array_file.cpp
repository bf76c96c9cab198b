#include "kronscope/core/io/array_file.h"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>

#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/io/safetensors.h"

namespace kronscope::core {

namespace {

std::string extensionOf(const std::string& path) {
    const auto slash = path.find_last_of('/');
    const auto dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
    std::string ext = path.substr(dot);
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

/// NumPy format 1.0: magic, version, little-endian u16 header length, a Python dict literal padded with
/// spaces and ended by '\n' so that the data starts at a multiple of 64 bytes, then the raw '<f4' data.
std::string npyBytes(const std::vector<int64_t>& shape, const std::vector<float>& data) {
    std::string dims;  // Python's tuple repr: (n,) or (a, b, c)
    for (size_t i = 0; i < shape.size(); ++i) dims += (i ? ", " : "") + std::to_string(shape[i]);
    if (shape.size() == 1) dims += ",";
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
    const size_t prefix = 10;  // magic (6) + version (2) + header length (2)
    size_t total = prefix + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';
    std::string out = std::string("\x93NUMPY", 6) + '\x01' + '\x00';
    const auto len = static_cast<uint16_t>(header.size());
    out += static_cast<char>(len & 0xff);
    out += static_cast<char>(len >> 8);
    out += header;
    const size_t at = out.size();
    out.resize(at + data.size() * sizeof(float));
    std::memcpy(&out[at], data.data(), data.size() * sizeof(float));  // x86 / ARM: little-endian
    return out;
}

std::string csvText(const std::vector<int64_t>& shape, const std::vector<float>& data) {
    const size_t cols = shape.size() == 1 ? 1 : static_cast<size_t>(shape.back());
    std::string out;
    out.reserve(data.size() * 14);
    char b[32];
    for (size_t i = 0; i < data.size(); ++i) {
        std::snprintf(b, sizeof b, "%.9g", static_cast<double>(data[i]));
        out += b;
        out += (i + 1) % cols == 0 ? '\n' : ',';
    }
    return out;
}

}  // namespace

const std::vector<std::string>& arrayFileExtensions() {
    static const std::vector<std::string> ext{".npy", ".csv", ".safetensors"};
    return ext;
}

void writeArrayFile(const std::string& path, const std::string& name, const std::vector<int64_t>& shape,
                    const std::vector<float>& data) {
    const std::string ext = extensionOf(path);
    if (ext != ".npy" && ext != ".csv" && ext != ".safetensors")
        throw InputError(path + ": choose a .npy, .csv or .safetensors file name");
    if (shape.empty()) throw InputError(path + ": an array needs at least one dimension");
    int64_t count = 1;
    for (const auto d : shape) {
        if (d < 0) throw InputError(path + ": negative dimension " + std::to_string(d));
        count *= d;
    }
    if (count != static_cast<int64_t>(data.size()))
        throw InputError(path + ": shape of " + std::to_string(count) + " values for " +
                         std::to_string(data.size()) + " values");
    if (ext == ".npy") {
        writeFileAtomically(path, npyBytes(shape, data));
    } else if (ext == ".csv") {
        writeFileAtomically(path, csvText(shape, data));
    } else {
        writeSafetensors(
            path,
            {{name.empty() ? "array" : name, DType::F32, shape, data.data(), data.size() * sizeof(float)}},
            {{"format", "kronscope-export"}});
    }
}

}  // namespace kronscope::core
