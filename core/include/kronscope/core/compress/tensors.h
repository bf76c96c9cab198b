#pragma once
// The tensors of a GPT-2 checkpoint as the compression lab sees them (science.md, "Compression and checkpoint
// comparison"): in the state-dict key order of Hugging Face's GPT2Model (wte, wpe, then per layer
// ln_1.weight, ln_1.bias, attn.c_attn.weight, attn.c_attn.bias, attn.c_proj.weight/.bias, ln_2.weight/.bias,
// mlp.c_fc.weight/.bias, mlp.c_proj.weight/.bias, then ln_f.weight/.bias; mask buffers and a tied lm_head are
// not tensors of the model), each in its row view: Conv1D weights as out x in (W^T, rows = out features),
// wte as tokens x d, wpe as positions x d, 1-D tensors as one row. The values are those the model holds (the
// checkpoint's originals for block matrices, whatever surgery is active).
#include <cstdint>
#include <string>
#include <vector>

#include "kronscope/core/model/gpt2_model.h"

namespace kronscope::core {

struct CheckpointTensor {
    std::string name;  // the bare state-dict name without ".weight" for 2-D tensors: "wte", "h.3.mlp.c_fc";
                       // 1-D tensors keep their suffix: "h.3.ln_1.weight", "h.3.mlp.c_fc.bias", "ln_f.bias"
    std::string kind;  // "wte", "wpe", "attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj", or the 1-D
                       // tensor's name without "h.N." ("ln_1.weight", "attn.c_attn.bias", "ln_f.weight")
    int layer = -1;    // -1 for wte, wpe, ln_f
    int64_t rows = 0, cols = 0;  // row view
    std::vector<float> values;   // row-major, rows x cols
    bool matrix() const { return rows > 1; }
};

/// Every tensor of `model` in key order (see above). Copies the values (float32).
std::vector<CheckpointTensor> checkpointTensors(const Gpt2Model& model);

/// The tensors a GPT-2 of `config` has, in key order, with their row-view shapes and no values.
std::vector<CheckpointTensor> checkpointLayout(const Gpt2Config& config);

/// A part of a 2-D tensor: a range of rows of its row view. The compression lab's units are wte, wpe, and per
/// layer the Q, K and V rows of c_attn ("h.L.attn.c_attn.q", ".k", ".v": rows [0, C), [C, 2C), [2C, 3C) of
/// its out x in view), attn.c_proj, mlp.c_fc and mlp.c_proj.
struct TensorUnit {
    std::string name;  // "wte", "h.3.attn.c_attn.k", "h.3.mlp.c_fc"
    std::string kind;  // "wte", "wpe", "attn.c_attn.q", "attn.c_attn.k", "attn.c_attn.v", "attn.c_proj", ...
    int layer = -1;
    size_t tensor = 0;                // index into checkpointTensors()
    int64_t first_row = 0, rows = 0;  // the rows of that tensor's row view
};
/// The units of `tensors` (as returned by checkpointTensors), in key order.
std::vector<TensorUnit> tensorUnits(const std::vector<CheckpointTensor>& tensors, int64_t n_embd);

/// Statistics of one tensor or unit, accumulated in double over its entries (science.md): mean, std (the
/// population std, ddof = 0), excess kurtosis (Fisher, biased: m4 / m2^2 - 3, scipy.stats.kurtosis's
/// defaults; 0 for a constant tensor), max |w| and the share of entries with |w - mean| > 6 std.
struct TensorStats {
    std::string name, kind;
    int layer = -1;
    int64_t rows = 0, cols = 0;
    double mean = 0.0, std = 0.0, kurtosis = 0.0, max_abs = 0.0, outlier_share = 0.0;
};
TensorStats tensorStats(const float* values, int64_t count);

}  // namespace kronscope::core

namespace kronscope::core {

/// One unit (or whole block matrix) of `model` by name in its row view: "wte", "wpe", "h.3.mlp.c_proj",
/// "h.3.attn.c_attn" or its rows "h.3.attn.c_attn.q" / ".k" / ".v". InputError naming the choices otherwise.
MatrixF unitMatrix(const Gpt2Model& model, const std::string& name);

}  // namespace kronscope::core
