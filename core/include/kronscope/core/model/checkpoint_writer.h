#pragma once
// Writes GPT-2 checkpoints in the exact Hugging Face layout (config.json + model.safetensors, bare keys
// with the attention mask buffers, or "transformer."-prefixed keys with lm_head.weight), e.g. randomly
// initialized ones: the shape-matched null model for structure scores, and test / benchmark inputs.
#include <cstdint>
#include <string>

#include "kronscope/core/model/gpt2_config.h"

namespace kronscope::core {

struct RandomCheckpointOptions {
    uint64_t seed = 0;
    std::string dtype = "F32";   // "F32", "F16", "BF16"
    bool prefixed = false;       // "transformer." keys + lm_head.weight; else bare keys + mask buffers
    double init_std = 0.02;      // GPT-2's initializer_range
    bool copy_tokenizer = true;  // copy vocab.json / merges.txt from the data cache when available
};

/// Writes a GPT-2 with weights N(0, init_std) (biases 0, LayerNorm 1/0) into `directory` (created).
void writeRandomCheckpoint(const std::string& directory, const Gpt2Config& config,
                           const RandomCheckpointOptions& options);

class Gpt2Model;

/// Writes `model`'s original weights (never a surgery's) into `directory` (created) in the Hugging Face
/// layout: config.json (the model's config, activation function included), model.safetensors (bare keys with
/// the attention-mask buffers, as the hub's gpt2 model.safetensors has them, in `dtype`: "F32", "F16" or
/// "BF16") and the checkpoint's own tokenizer files (vocab.json + merges.txt, or tokenizer.json) when its
/// folder has them, else GPT-2's from the data cache when available. Returns the tokenizer files copied (""
/// when none).
std::string writeModelCheckpoint(const Gpt2Model& model, const std::string& directory,
                                 const std::string& dtype);

/// Named configurations: "gpt2" (small), "distilgpt2", "gpt2-medium", "gpt2-large", "gpt2-xl"; and two small
/// ones for training on a CPU: "tiny" (2 layers, n_embd 64, 4 heads, n_positions 128) and "demo" (6 layers,
/// n_embd 128, 4 heads, n_positions 256: the shipped demo model's shape). All use GPT-2's vocabulary (50257).
Gpt2Config presetConfig(const std::string& name);

}  // namespace kronscope::core
