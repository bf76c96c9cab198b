#include "model/checkpoint_files.h"

#include <nlohmann/json.hpp>

#include <set>

#include "base/text_util.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"

namespace kronscope::core {

namespace fs = std::filesystem;

namespace {

/// Whether `p` exists; a file that exists but cannot be reached (a symlink loop, no permission) is named
/// with its reason, and a folder where a file belongs is refused.
bool present(const fs::path& p) {
    std::error_code e;
    const auto st = fs::status(p, e);
    if (e && e != std::errc::no_such_file_or_directory)
        throw InputError(p.string() + ": cannot open (" + e.message() + ")");
    if (fs::is_directory(st)) throw InputError(p.string() + ": is a folder, not a file");
    return fs::exists(st);
}

void readIndex(CheckpointFiles& files, const fs::path& dir) {
    const std::string where = files.index.string();
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(readTextFile(where, "safetensors index", int64_t{64} << 20));
    } catch (const nlohmann::json::exception& e) {
        throw InputError(where + ": not valid JSON (" + text::printable(e.what(), 160) + ")");
    }
    if (!j.is_object() || !j.contains("weight_map") || !j["weight_map"].is_object())
        throw InputError(where + ": no \"weight_map\" object (not a sharded safetensors index)");
    std::set<std::string> shards;
    for (const auto& [tensor, shard] : j["weight_map"].items()) {
        if (!shard.is_string())
            throw InputError(where + ": the shard of " + text::quoteInput(tensor) + " is not a file name");
        const std::string name = shard.get<std::string>();
        if (name.empty() || name.find('/') != std::string::npos || name == "." || name == ".." ||
            name.find('\0') != std::string::npos)
            throw InputError(where + ": shard " + text::quoteInput(name) + " of " + text::quoteInput(tensor) +
                             " is not a file name in the checkpoint folder");
        files.weight_map[tensor] = name;
        shards.insert(name);
    }
    if (shards.empty()) throw InputError(where + ": the weight map lists no tensors");
    for (const auto& name : shards) {
        if (!present(dir / name))
            throw InputError(where + ": lists shard " + name + ", which is not in the folder");
        files.weights.push_back(dir / name);
    }
}

}  // namespace

CheckpointFiles findCheckpointFiles(const std::string& directory) {
    const fs::path dir(directory);
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw InputError(directory + ": not a checkpoint directory");
    CheckpointFiles files;
    files.config = dir / "config.json";
    if (!present(files.config)) throw InputError(directory + ": no config.json");
    if (present(dir / "model.safetensors")) {
        files.weights.push_back(dir / "model.safetensors");
        return files;
    }
    if (present(dir / "model.safetensors.index.json")) {
        files.index = dir / "model.safetensors.index.json";
        readIndex(files, dir);
        return files;
    }
    if (fs::exists(dir / "pytorch_model.bin", ec))
        throw InputError(directory +
                         ": only pytorch_model.bin found; Kronscope reads model.safetensors (convert it with "
                         "Hugging Face's safetensors tools)");
    throw InputError(directory + ": no model.safetensors (nor a sharded model.safetensors.index.json)");
}

std::vector<SafetensorsFile> openWeightFiles(const CheckpointFiles& files) {
    std::vector<SafetensorsFile> out;
    for (const auto& path : files.weights) out.push_back(SafetensorsFile::open(path.string()));
    if (files.index.empty()) return out;
    const std::string where = files.index.string();
    size_t listed = 0;
    for (const auto& file : out) {
        const std::string shard = fs::path(file.path()).filename().string();
        for (const auto& t : file.tensors()) {
            const auto it = files.weight_map.find(t.name);
            if (it == files.weight_map.end())
                throw InputError(file.path() + ": tensor " + text::quoteInput(t.name) + " is not in " +
                                 where);
            if (it->second != shard)
                throw InputError(file.path() + ": tensor " + text::quoteInput(t.name) + " is listed under " +
                                 it->second + " in " + where);
            ++listed;
        }
    }
    if (listed != files.weight_map.size()) {
        for (const auto& [tensor, shard] : files.weight_map) {
            bool found = false;
            for (const auto& file : out)
                if (fs::path(file.path()).filename().string() == shard && file.find(tensor)) found = true;
            if (!found)
                throw InputError(where + ": lists tensor " + text::quoteInput(tensor) + " in " + shard +
                                 ", which does not hold it");
        }
    }
    return out;
}

}  // namespace kronscope::core
