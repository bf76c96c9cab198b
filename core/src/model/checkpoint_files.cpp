#include "model/checkpoint_files.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "base/text_util.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/io/safetensors.h"

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

namespace {

bool isTorchFileName(const fs::path& p) {
    const std::string ext = p.extension().string();
    return ext == ".bin" || ext == ".pt" || ext == ".pth" || ext == ".ckpt";
}

}  // namespace

CheckpointFiles findCheckpointFiles(const std::string& path) {
    std::error_code ec;
    CheckpointFiles files;
    fs::path dir(path);
    fs::path weights_file;
    if (fs::is_regular_file(dir, ec)) {  // the weights file itself
        weights_file = dir;
        dir = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
        const std::string ext = weights_file.extension().string();
        if (ext != ".safetensors" && !isTorchFileName(weights_file))
            throw InputError(path +
                             ": not a checkpoint file (expected .safetensors, .bin, .pt, .pth or .ckpt)");
    } else if (!fs::is_directory(dir, ec)) {
        throw InputError(path + ": not a checkpoint directory");
    }
    files.directory = dir;
    if (present(dir / "config.json")) files.config = dir / "config.json";
    auto need_config = [&](const fs::path& w) {
        if (files.config.empty())
            throw InputError(dir.string() + ": no config.json beside " + w.filename().string() +
                             " (a Hugging Face checkpoint needs one; nanoGPT's ckpt.pt carries its own)");
    };
    if (!weights_file.empty()) {
        files.weights.push_back(weights_file);
        if (isTorchFileName(weights_file)) {
            files.format = CheckpointFormat::Torch;
        } else {
            need_config(weights_file);
        }
        return files;
    }
    if (present(dir / "model.safetensors")) {
        need_config(dir / "model.safetensors");
        files.weights.push_back(dir / "model.safetensors");
        return files;
    }
    if (present(dir / "model.safetensors.index.json")) {
        need_config(dir / "model.safetensors.index.json");
        files.format = CheckpointFormat::ShardedSafetensors;
        files.index = dir / "model.safetensors.index.json";
        readIndex(files, dir);
        return files;
    }
    for (const char* name : {"pytorch_model.bin", "ckpt.pt"})
        if (present(dir / name)) {
            files.format = CheckpointFormat::Torch;
            files.weights.push_back(dir / name);
            return files;
        }
    throw InputError(path +
                     ": no model.safetensors, model.safetensors.index.json, pytorch_model.bin or ckpt.pt");
}

namespace {

void checkShards(const CheckpointFiles& files, const std::vector<std::unique_ptr<TensorArchive>>& out) {
    const std::string where = files.index.string();
    size_t listed = 0;
    for (const auto& file : out) {
        const std::string shard = fs::path(file->path()).filename().string();
        for (const auto& t : file->tensors()) {
            const auto it = files.weight_map.find(t.name);
            if (it == files.weight_map.end())
                throw InputError(file->path() + ": tensor " + text::quoteInput(t.name) + " is not in " +
                                 where);
            if (it->second != shard)
                throw InputError(file->path() + ": tensor " + text::quoteInput(t.name) + " is listed under " +
                                 it->second + " in " + where);
            ++listed;
        }
    }
    if (listed == files.weight_map.size()) return;
    for (const auto& [tensor, shard] : files.weight_map) {
        bool found = false;
        for (const auto& file : out)
            if (fs::path(file->path()).filename().string() == shard)
                for (const auto& t : file->tensors()) found |= t.name == tensor;
        if (!found)
            throw InputError(where + ": lists tensor " + text::quoteInput(tensor) + " in " + shard +
                             ", which does not hold it");
    }
}

}  // namespace

OpenedWeights openWeightFiles(const CheckpointFiles& files) {
    OpenedWeights out;
    if (files.format != CheckpointFormat::Torch) {
        for (const auto& path : files.weights)
            out.files.push_back(std::make_unique<SafetensorsFile>(SafetensorsFile::open(path.string())));
        if (!files.index.empty()) checkShards(files, out.files);
        return out;
    }
    auto archive = std::make_unique<TorchArchive>(TorchArchive::open(files.weights.front().string()));
    const auto keys = archive->rootKeys();
    const bool has_args = std::find(keys.begin(), keys.end(), "model_args") != keys.end();
    if (has_args && archive->isStateDict("model")) {
        archive->selectStateDict("model");
        out.nanogpt = true;
        out.model_args = archive->scalarDict("model_args");
    } else if (!archive->isStateDict("")) {
        std::string list;
        for (size_t i = 0; i < keys.size() && i < 6; ++i) list += (i ? ", " : "") + text::quoteInput(keys[i]);
        throw InputError(archive->path() +
                         ": holds neither a state dict (name -> tensor) nor nanoGPT's "
                         "\"model\" and \"model_args\"" +
                         (list.empty() ? std::string() : " (keys: " + list + ")"));
    } else if (files.config.empty()) {
        throw InputError(files.directory.string() + ": no config.json beside " +
                         files.weights.front().filename().string() + " (a state dict needs one)");
    }
    out.files.push_back(std::move(archive));
    return out;
}

}  // namespace kronscope::core
