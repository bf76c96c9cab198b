#pragma once
// Private to core/src/model: the files of a Hugging Face GPT-2 checkpoint folder. The weights are one
// model.safetensors, or shards listed by model.safetensors.index.json (its "weight_map": tensor name -> shard
// file name, the layout transformers writes for large models).
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "kronscope/core/io/safetensors.h"

namespace kronscope::core {

struct CheckpointFiles {
    std::filesystem::path config;
    std::filesystem::path index;                    // empty unless sharded
    std::vector<std::filesystem::path> weights;     // model.safetensors, or the shards in file-name order
    std::map<std::string, std::string> weight_map;  // sharded: tensor name -> shard file name
};

/// The checkpoint's files, or InputError naming what is missing or unreachable. A sharded index is read as
/// a regular file of at most 64 MiB; its shard names must be plain file names in the folder.
CheckpointFiles findCheckpointFiles(const std::string& directory);

/// Opens every weight file. For a sharded checkpoint, every tensor of every shard must be listed in the
/// weight map under that shard, and every listed tensor must be in its shard (InputError naming both).
std::vector<SafetensorsFile> openWeightFiles(const CheckpointFiles& files);

}  // namespace kronscope::core
