#pragma once
// What the structure probes read from a model: its named weight matrices, as stored. GPT-2 checkpoints
// (Gpt2Model) and the modular-arithmetic models (ModularModel) both provide it, so the Structure probes
// page and `kronscope-cli probe` run on either. Plain types only.
#include <cstdint>
#include <string>
#include <vector>

namespace kronscope::core {

/// One weight matrix of a model. GPT-2: the 4 * n_layer block matrices as stored (Conv1D: rows = in,
/// cols = out). Modular models: W_E, W_U, W_in, W_out and every head's W_Q, W_K, W_V, W_O.
struct MatrixRef {
    std::string name;  // "h.3.mlp.c_fc" (no ".weight"); "blocks.0.attn.W_Q.2" (head 2)
    int layer = 0;     // -1 for a matrix outside the blocks (W_E, W_U)
    std::string kind;  // "attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"; "attn.W_Q", "embed.W_E", ...
    int64_t rows = 0, cols = 0;
    int64_t params() const { return rows * cols; }
};

/// A dense float matrix copied out of the model (row-major).
struct MatrixF {
    int64_t rows = 0, cols = 0;
    std::vector<float> values;
};

class WeightSource {
  public:
    virtual ~WeightSource() = default;
    /// Every matrix the probes may select, in the model's order.
    virtual std::vector<MatrixRef> matrices() const = 0;
    /// The weights of `name` as stored in the checkpoint. InputError for an unknown name.
    virtual MatrixF originalMatrix(const std::string& name) const = 0;
    /// The checkpoint's folder and content hash (figures and exports carry both).
    virtual const std::string& directory() const = 0;
    virtual std::string contentHash() const = 0;
    /// The head size of GPT-2's square n_embd x n_embd attention parts (the angle probe's heads source);
    /// 0 where heads are separate matrices already (modular models).
    virtual int64_t attentionHeadDim() const { return 0; }
};

}  // namespace kronscope::core
