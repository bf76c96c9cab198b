#pragma once
// Private to core/src/model: the files of a GPT-2 checkpoint, in any format Kronscope reads:
//   - Hugging Face safetensors: config.json + model.safetensors;
//   - sharded safetensors: config.json + model.safetensors.index.json (its "weight_map": tensor name -> shard
//     file name, the layout transformers writes for large models) + the shards;
//   - a PyTorch state dict saved by torch.save (zip format): config.json + pytorch_model.bin;
//   - a nanoGPT checkpoint: ckpt.pt holding {"model": state dict, "model_args": {...}, ...}, no config.json.
// A path may name the folder or the weights file itself (then its folder holds config.json and the
// tokenizer).
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kronscope/core/io/tensor_archive.h"
#include "kronscope/core/io/torch_archive.h"

namespace kronscope::core {

enum class CheckpointFormat { Safetensors, ShardedSafetensors, Torch };

struct CheckpointFiles {
    CheckpointFormat format = CheckpointFormat::Safetensors;
    std::filesystem::path directory;
    std::filesystem::path config;  // empty when the folder has none (allowed for torch files)
    std::filesystem::path index;   // empty unless sharded
    std::vector<std::filesystem::path>
        weights;  // model.safetensors, the shards in file-name order, or the .bin / .pt
    std::map<std::string, std::string> weight_map;  // sharded: tensor name -> shard file name
};

/// The checkpoint's files, or InputError naming what is missing or unreachable. A sharded index is read as
/// a regular file of at most 64 MiB; its shard names must be plain file names in the folder.
CheckpointFiles findCheckpointFiles(const std::string& path);

/// The weight files, opened and validated.
struct OpenedWeights {
    std::vector<std::unique_ptr<TensorArchive>> files;
    bool nanogpt = false;                            // a torch file holding "model" and "model_args"
    std::map<std::string, PickleScalar> model_args;  // nanoGPT's
};

/// Opens every weight file. For a sharded checkpoint, every tensor of every shard must be listed in the
/// weight map under that shard, and every listed tensor must be in its shard (InputError naming both). A
/// torch file must hold a state dict (string -> tensor) or nanoGPT's {"model", "model_args"}.
OpenedWeights openWeightFiles(const CheckpointFiles& files);

}  // namespace kronscope::core
