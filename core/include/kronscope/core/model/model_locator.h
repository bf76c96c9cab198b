#pragma once
// Finds GPT-2 checkpoints: a directory given by the user, or a model in the Hugging Face cache
// ($HF_HUB_CACHE, $HF_HOME/hub, ~/.cache/huggingface/hub: models--ORG--NAME/snapshots/REV/).
#include <string>
#include <vector>

namespace kronscope::core {

struct CachedModel {
    std::string name;       // "gpt2", "openai-community/gpt2", "distilbert/distilgpt2"
    std::string directory;  // the snapshot directory holding config.json + model.safetensors
    std::string size_name;  // "gpt2", "gpt2-medium", ..., "custom"
    int64_t n_layer = 0, n_embd = 0;
};

/// The Hugging Face hub cache directory that would be scanned ("" if none exists).
std::string huggingFaceCacheDirectory();
/// GPT-2 models (model_type "gpt2" with model.safetensors, shards or pytorch_model.bin) in the cache, sorted
/// by name. Never throws.
std::vector<CachedModel> scanHuggingFaceCache();
/// A checkpoint directory for `name_or_path`: an existing directory as is, else a cached model whose name
/// (or last path component) matches. Throws InputError listing what was tried.
std::string resolveModel(const std::string& name_or_path);

}  // namespace kronscope::core
