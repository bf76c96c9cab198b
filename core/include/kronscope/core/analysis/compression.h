#pragma once
// The compression and checkpoint-comparison lab (seed 001; science.md "Compression and checkpoint
// comparison"): tensor statistics, int-k quantization with bytes and perplexity, the pruning x int-k sweep
// and Procrustes with its nulls. The Compression page, File > Compare with... and `kronscope-cli stats |
// quantize | prune-sweep | procrustes | compare` all run these requests.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/compress/procrustes.h"
#include "kronscope/core/compress/quantize.h"
#include "kronscope/core/compress/tensors.h"
#include "kronscope/core/model/gpt2_model.h"

namespace kronscope::core {

// ---- statistics

struct StatsResult {
    std::vector<TensorStats> tensors;  // key order: every tensor, and c_attn's q, k, v after c_attn
    std::string model_hash, settings;
    /// Indices of `tensors` ranked by `key` ("kurtosis", "std", "max_abs", "outlier_share"), highest first.
    std::vector<size_t> ranked(const std::string& key) const;
};
/// Every tensor's statistics (original weights only: safe beside other jobs).
StatsResult runTensorStats(const Gpt2Model& model, Progress& progress);
/// The value of `key` in one row; InputError for an unknown key.
double statValue(const TensorStats& s, const std::string& key);

/// Statistics of two checkpoints side by side (File > Compare with...): the same tensor names; InputError
/// naming the first difference of architecture.
struct StatsDiffRow {
    std::string name;
    TensorStats a, b;
};
void checkSameArchitecture(const Gpt2Model& a, const Gpt2Model& b);

// ---- quantization

struct QuantizeRequest {
    QuantizeSettings settings;
    std::string text_path;      // "" = no perplexity
    PerplexitySettings ppl;     // text_name is filled from the file when empty
    bool baseline = true;       // also the unquantized model's perplexity
    bool damage = false;        // per unit: only that unit quantized, its PPL change (needs a text)
    std::string artifact_path;  // "" = do not write the artifact
    void validate() const;      // InputError naming the field
    /// validate() and that the protect spec selects units of `model`.
    void validateFor(const Gpt2Model& model) const;
};

struct DamageRow {
    std::string unit;
    double rel_mse = 0.0;
    double ppl = 0.0, delta_ppl = 0.0;  // PPL with only this unit quantized, minus the baseline
};

struct QuantizeResult {
    QuantizeRequest request;
    std::string settings;  // request.settings.describe()
    int64_t bytes = 0, payload_bytes = 0, fp16_bytes = 0, weights = 0;
    double mse = 0.0, rel_mse = 0.0;
    std::vector<UnitQuantization> units;
    std::optional<PerplexityResult> baseline, ppl;
    std::vector<DamageRow> damage;  // highest PPL change first
    std::string model_hash, text_hash;
};
/// Quantizes, measures (the model's own tensors are restored after), optionally ranks damage and writes the
/// artifact (checked beforehand). The caller holds the model.
QuantizeResult runQuantize(Gpt2Model& model, const QuantizeRequest& request, Progress& progress);

// ---- pruning x int-k

struct PruneSweepRequest {
    QuantizeSettings settings;  // its bits and prune are replaced by the lists
    std::vector<double> prunes{0, 1, 2, 3, 4, 5, 10};
    std::vector<int> bits{6};
    std::string text_path;  // "" = bytes and MSE only
    PerplexitySettings ppl;
    void validate() const;
    void validateFor(const Gpt2Model& model) const;
};
struct PruneSweepRow {
    double prune = 0.0;
    int bits = 0;
    int64_t bytes = 0;
    double mse = 0.0, rel_mse = 0.0;
    double ppl = 0.0;  // NaN without a text
    int64_t tokens_scored = 0;
};
struct PruneSweepResult {
    PruneSweepRequest request;
    std::string settings, model_hash, text_hash, text_name;
    std::string tokenizer;            // the tokenizer files that made the text's ids
    std::vector<PruneSweepRow> rows;  // bits-major, prune order as given
    bool complete = true;
};
using PruneRowCallback = std::function<void(const PruneSweepRow&)>;
/// Cancel returns the rows so far with complete = false.
PruneSweepResult runPruneSweep(Gpt2Model& model, const PruneSweepRequest& request, Progress& progress,
                               const PruneRowCallback& on_row = {});

// ---- Procrustes

struct ProcrustesRequest {
    std::string a, b;  // unit names (unitMatrix), of the first model and of the second (or the same) model
    ProcrustesSide side = ProcrustesSide::Right;
    int null_draws = 20;
    uint64_t seed = 0;
    int64_t rank = 0;      // low-rank rotation rank; 0 = a quarter of R's size (at least 1)
    bool rotation = true;  // low-rank share and transport bytes (the full R; costly for wide matrices)
    int bits = 6;          // transport artifact
    int zstd_level = 22;
    void validate() const;
    std::string describe() const;
};
struct ProcrustesResult {
    ProcrustesRequest request;
    std::string settings, a_model, b_model, a_model_hash, b_model_hash;
    int64_t rows = 0, cols = 0;
    double reduction = 0.0, cosine = 0.0, residual = 0.0;
    NullStats gaussian, permuted;
    int64_t rotation_size = 0, rank = 0;
    double low_rank_share = 0.0;  // NaN without request.rotation
    NullStats haar;
    int64_t transport_bytes = 0, plain_bytes = 0;  // zstd(int-k A + int-k R) vs zstd(int-k A + int-k B)
};
ProcrustesResult runProcrustes(const Gpt2Model& a_model, const Gpt2Model& b_model,
                               const ProcrustesRequest& request, Progress& progress);

/// File > Compare with...: the same matrix of two checkpoints for every targeted block matrix (reduction,
/// cosine and both nulls; no rotation part), and the statistics of both.
struct CompareRequest {
    std::string targets = "all";  // MatrixTargets spec
    ProcrustesSide side = ProcrustesSide::Right;
    int null_draws = 20;
    uint64_t seed = 0;
    void validate() const;
};
struct CompareResult {
    CompareRequest request;
    std::string settings, a_model, b_model, a_model_hash, b_model_hash;
    std::vector<ProcrustesResult> rows;
    std::vector<StatsDiffRow> stats;
    bool complete = true;
};
CompareResult runCompare(const Gpt2Model& a, const Gpt2Model& b, const CompareRequest& request,
                         Progress& progress);

}  // namespace kronscope::core
