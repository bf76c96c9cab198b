#pragma once
// The transformer of seed 002 in LibTorch (CPU or CUDA), in TransformerLens' layout, and the analyses that
// dissect it. No torch in this header.
//
// Model (science.md): h = W_E[tokens] + W_pos; n_layers blocks of  h += Attn(h);  h += W_out ReLU(W_in h)
// (no LayerNorm; heads combined by addition; causal attention, scores q.k / sqrt(d_head)); logits = h W_U at
// the last position, one slice of W_U's columns per task (d_vocab_out = the sum of the moduli).
// Biases (b_Q, b_K, b_V [heads, d_head], b_O [d], b_in [d_mlp], b_out [d], b_U [d_vocab_out]) are optional:
// Kronscope's models have none, TransformerLens checkpoints carry them (usually zero) and they are used.
//
// Files (a folder): config.json with HookedTransformerConfig's names (n_layers, d_model, n_heads, d_head,
// d_mlp, d_vocab = p + 1, d_vocab_out, n_ctx = 3, act_fn "relu", normalization_type null) plus task, p,
// moduli and the split seed; model.safetensors with TransformerLens' state-dict names (embed.W_E
// [d_vocab, d], pos_embed.W_pos [n_ctx, d], blocks.L.attn.W_Q / W_K / W_V [heads, d, d_head], W_O [heads,
// d_head, d], blocks.L.mlp.W_in [d, d_mlp], W_out [d_mlp, d], unembed.W_U [d, d_vocab_out]); F32, F16, BF16
// or F64. TransformerLens' buffers (blocks.L.attn.IGNORE, .mask) are ignored. A config without task / p
// reads p = d_vocab - 1 and task nanda when d_vocab_out == p.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/modular/modular_data.h"
#include "kronscope/core/model/weight_source.h"

namespace kronscope::core {

struct ModularConfig {
    ModularTask task = ModularTask::Nanda;
    int64_t p = 113;
    std::vector<int64_t> moduli;  // modularModuli(task, p) unless read from a file
    int64_t n_layers = 1, d_model = 128, n_heads = 4, d_head = 32, d_mlp = 512;
    uint64_t seed = 0;  // the data split's seed (makeModularDataset)
    int64_t dVocab() const { return p + 1; }
    int64_t nCtx() const { return 3; }
    int64_t dVocabOut() const;  // sum of the moduli
    /// InputError naming the field (where = the file or "settings").
    void validate(const std::string& where) const;
    /// config.json text (HookedTransformerConfig names plus task, p, moduli, seed).
    std::string toJson() const;
    /// Parses config.json; InputError naming `where` and the field.
    static ModularConfig fromJson(const std::string& text, const std::string& where);
    /// "nanda, p = 113, 1 layer, d 128, 4 heads x 32, d_mlp 512"
    std::string describe() const;
};

/// Accuracy and mean loss (CE_q in nats, the mean over the pairs) of one task head on one split.
struct ModularTaskScore {
    int64_t q = 0;
    double train_acc = 0, train_loss = 0, val_acc = 0, val_loss = 0, test_acc = 0, test_loss = 0;
};

/// True when `directory` holds a modular model (a config.json with d_vocab_out or task / p and no GPT-2
/// fields): the app and the CLI choose the loader by this.
bool isModularCheckpoint(const std::string& directory);

class ModularModel : public WeightSource {
  public:
    /// Reads a folder as described above. InputError naming the file, tensor and problem.
    static std::unique_ptr<ModularModel> load(const std::string& directory,
                                              const std::string& device = "cpu");
    ~ModularModel() override;

    const ModularConfig& config() const;
    const std::string& directory() const override;
    std::string contentHash() const override;  // FNV-1a of config.json and model.safetensors
    std::string device() const;
    bool hasBiases() const;

    /// W_E, W_U, and per layer W_in, W_out and every head's W_Q, W_K, W_V, W_O (names
    /// "embed.W_E", "unembed.W_U", "blocks.0.mlp.W_in", "blocks.0.attn.W_Q.3").
    std::vector<MatrixRef> matrices() const override;
    MatrixF originalMatrix(const std::string& name) const override;
    /// A stored tensor flattened as float32 with its shape ("pos_embed.W_pos").
    std::vector<float> tensor(const std::string& name, std::vector<int64_t>* shape = nullptr) const;

    /// Logits at the last position for pairs `pairs` (indices into the p x p grid): (pairs, d_vocab_out).
    std::vector<float> logits(const std::vector<int32_t>& pairs) const;
    /// Every task head on the train / validation / test pairs of `data` (which must have this model's task
    /// and p).
    std::vector<ModularTaskScore> score(const ModularDataset& data) const;
    /// Post-ReLU MLP activations of layer `layer` at the last position over the whole grid: (p^2, d_mlp).
    std::vector<float> neuronActivations(int layer = 0) const;
    /// Attention of the last position to positions 0, 1, 2 per head of layer `layer` over the grid:
    /// (heads, p^2, 3).
    std::vector<float> attentionPatterns(int layer = 0) const;

    struct Impl;

  private:
    explicit ModularModel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// ---- analyses (plain numbers; science.md)

/// Pearson correlation of two equal-length vectors (NaN when one is constant).
double pearson(const std::vector<double>& a, const std::vector<double>& b);

struct SpectrumResult {
    std::vector<double> singular_values;  // descending
    int64_t rank50 = 0, rank90 = 0;       // smallest k whose top-k share of sum s_i^2 reaches 50% / 90%
    int64_t rows = 0, cols = 0;
    /// The top `vectors` left singular vectors (over the rows: the p number tokens), vectors x rows.
    std::vector<double> left_vectors;
    int64_t vectors = 0;
};
/// Full float64 SVD of w. InputError for an empty matrix.
SpectrumResult spectrumOf(const MatrixF& w, int64_t vectors = 4);

struct FourierResult {
    int64_t p = 0;                 // number of rows transformed (the tokens 0..p-1)
    std::vector<double> cos_norm;  // k = 1..(p-1)/2: ||sqrt(2/p) sum_x cos(2 pi k x / p) W[x, :]||
    std::vector<double> sin_norm;  // the same with sin
    std::vector<double> norm;      // sqrt(cos^2 + sin^2)
    double constant_norm = 0.0;    // ||sqrt(1/p) sum_x W[x, :]||
    double threshold = 0.0;        // mean + 2 std of norm (population std)
    std::vector<int64_t> active;   // frequencies k with norm > threshold, ascending
};
/// The DFT over the rows 0..p-1 of w (the "=" row excluded by the caller or by p < rows). An orthonormal
/// basis: sum of squares of all components (and the Nyquist-free remainder) equals ||W[0:p]||^2.
FourierResult fourierOfRows(const MatrixF& w, int64_t p);

/// |2D DFT| of a p x p map (row-major), shifted so that (0, 0) is at index 0: out[kx * p + ky].
std::vector<double> dft2dMagnitude(const std::vector<float>& map, int64_t p);

struct NeuronSummary {
    int64_t neuron = 0;
    double variance = 0.0;   // of its activation over the grid
    int64_t kx = 0, ky = 0;  // the strongest non-constant 2D frequency (kx folded to 0..p/2)
    int64_t k = 0;           // its frequency: kx, or ky when kx is 0
    /// The share of the non-constant energy in k's family: (a, b) with a, b in {0, k, p - k}.
    double k_share = 0.0;
};
/// Per neuron of activations (pairs p^2, neurons): the strongest 2D frequency and its energy share.
/// Reports per neuron and throws Cancelled between neurons when `progress` is cancelled (a large p costs
/// 2 p^3 complex multiply-adds per neuron).
std::vector<NeuronSummary> summarizeNeurons(const std::vector<float>& activations, int64_t p, int64_t neurons,
                                            Progress* progress = nullptr);

}  // namespace kronscope::core
