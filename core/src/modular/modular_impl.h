#pragma once
// The torch side of the modular models, shared by ModularModel and the trainer (private to core).
#include <torch/torch.h>

#include <string>
#include <utility>
#include <vector>

#include "kronscope/core/modular/modular_model.h"
#include "model/gpt2_impl.h"  // Dropout

namespace kronscope::core {

/// The weights in TransformerLens' layout; absent biases are undefined tensors.
struct ModularWeights {
    torch::Tensor W_E, W_pos, W_U, b_U;
    struct Block {
        torch::Tensor W_Q, W_K, W_V, W_O, W_in, W_out;
        torch::Tensor b_Q, b_K, b_V, b_O, b_in, b_out;
    };
    std::vector<Block> blocks;
    /// (name, tensor) in state-dict order: the file order, the init order and the optimizer's order.
    std::vector<std::pair<std::string, torch::Tensor>> named() const;
};

/// What a forward pass may hand out (the analyses): the last position's post-ReLU MLP activations and
/// attention of layer `layer`.
struct ModularTap {
    int layer = 0;
    torch::Tensor mlp_post;  // (B, d_mlp)
    torch::Tensor pattern;   // (B, heads, 3): the last query's attention
};

/// tokens (B, 3) int64 -> logits at the last position (B, d_vocab_out). dropout: training only.
torch::Tensor modularForward(const ModularConfig& c, const ModularWeights& w, const torch::Tensor& tokens,
                             const Dropout* dropout = nullptr, ModularTap* tap = nullptr);

/// The [x0, x1, =] sequences of pairs (indices into the grid): (B, 3) int64 on `device`.
torch::Tensor modularTokens(int64_t p, const std::vector<int32_t>& pairs, const torch::Device& device);

/// sum over tasks of CE_q / ln q, and per task (accuracy, mean CE): logits (B, sum q), labels (B, tasks).
struct ModularLoss {
    torch::Tensor objective;                          // scalar, differentiable
    std::vector<std::pair<double, double>> per_task;  // filled when `metrics`
};
ModularLoss modularLoss(const torch::Tensor& logits, const torch::Tensor& labels,
                        const std::vector<int64_t>& moduli, bool metrics);

/// The labels of pairs as (B, tasks) int64 on `device`.
torch::Tensor modularLabels(const ModularDataset& data, const std::vector<int32_t>& pairs,
                            const torch::Device& device);

/// He-initialized weights for c (CPU generator seeded with seed, state-dict order), on `device`.
ModularWeights initModularWeights(const ModularConfig& c, uint64_t seed, const torch::Device& device);

/// Writes config.json and model.safetensors (dtype F32 / F16 / BF16) into directory (atomically, each).
void writeModularCheckpoint(const std::string& directory, const ModularConfig& c, const ModularWeights& w,
                            const std::string& dtype);

}  // namespace kronscope::core
