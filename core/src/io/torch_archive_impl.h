#pragma once
// Private to core/src/io: what the PyTorch archive reader (torch_archive.cpp) and its pickle machine
// (unpickler.cpp) share: the value arena, the storages and tensors the pickle builds, and the archive's
// state.
#include <unistd.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/text_util.h"
#include "io/zip_reader.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/io/torch_archive.h"

namespace kronscope::core {

namespace pickle {

enum class Kind : uint8_t {
    None,
    Bool,
    Int,
    Float,
    String,
    Bytes,
    Tuple,
    List,
    Dict,
    Global,
    Storage,
    Tensor
};

const char* kindName(Kind k);

struct Value {
    Kind kind = Kind::None;
    int64_t i = 0;  // Bool, Int; Storage and Tensor: their index
    double f = 0;
    std::string s;                // String, Bytes; Global: "module.name"
    std::vector<uint32_t> items;  // Tuple, List; Dict: key, value, key, value, ...
};

struct StorageRec {
    std::string key;
    DType dtype = DType::F32;
    int64_t numel = 0;
    const ZipEntry* entry = nullptr;
};

struct TensorRec {
    uint32_t storage = 0;
    int64_t offset = 0;
    std::vector<int64_t> sizes, strides;
};

}  // namespace pickle

struct TorchArchive::Impl {
    std::string path;
    int fd = -1;
    std::unique_ptr<ZipReader> zip;
    std::string prefix;
    std::vector<pickle::Value> values;
    uint32_t root = 0;
    std::vector<pickle::StorageRec> storages;
    std::unordered_map<std::string, uint32_t> storage_by_key;
    std::vector<pickle::TensorRec> tensor_recs;
    std::vector<TensorInfo> tensors;
    std::vector<uint32_t> rec_of_tensor;  // tensors[k] -> tensor_recs index
    mutable std::vector<char> crc_checked;

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() {
        if (fd >= 0) ::close(fd);
    }
    [[noreturn]] void fail(const std::string& rule) const {
        throw InputError(text::printable(path) + ": " + rule);
    }
    const pickle::Value* dictGet(uint32_t dict, const std::string& key) const;
};

/// Runs data.pkl on the pickle machine; returns the root value. InputError naming the byte and the rule.
uint32_t unpickle(TorchArchive::Impl& archive, const std::vector<uint8_t>& pickle);

}  // namespace kronscope::core
