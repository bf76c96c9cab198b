#pragma once
// Weight surgery (seeds 000 and 003): replace GPT-2 block matrices by nearest Kronecker sums or truncated
// SVDs at matched parameter counts, then re-measure perplexity. Plans say what to replace and how; applying a
// plan never reloads the model and never touches the original weights (revert restores them exactly).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kronscope/core/base/hash.h"  // contentHashOf
#include "kronscope/core/decompose/decomposition.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/model/matrix_targets.h"
#include "kronscope/core/base/progress.h"

namespace kronscope::core {

enum class SurgeryMethod { None, Kronecker, Svd };
const char* methodName(SurgeryMethod m);  // "none", "kron", "svd"

struct MatrixSurgery {
    std::string matrix;  // "h.0.mlp.c_fc"
    SurgeryMethod method = SurgeryMethod::None;
    int64_t block_size = 0;   // n; SVD uses the rank matched to Kronecker at n
    int64_t terms = 0;        // Kronecker terms r; 0 = n (the seed's convention)
    bool small_first = true;  // A_k n x n first (PHM form); false: W tiled by n x n blocks
    bool rescale = false;     // Frobenius rescaling (seed 003)
};

struct SurgeryOptions {
    int64_t terms = 0;  // 0 = n
    bool small_first = true;
    bool rescale = false;
};

struct SurgeryPlan {
    std::vector<MatrixSurgery> entries;  // matrices not listed keep their weights
    std::string label;                   // "kron n=16 on attn", shown with results

    /// One method at block size n on the targeted matrices.
    static SurgeryPlan uniform(const Gpt2Model& model, SurgeryMethod method, int64_t n,
                               const MatrixTargets& targets, const SurgeryOptions& options = {});
    /// Hybrid: Kronecker on attention and SVD on MLP; reverse: SVD on attention, Kronecker on MLP.
    static SurgeryPlan hybrid(const Gpt2Model& model, int64_t n, const MatrixTargets& targets, bool reverse,
                              const SurgeryOptions& options = {});
    /// Parameters of the planned replacements (and of the matrices they replace), without fitting anything.
    int64_t params(const Gpt2Model& model, int64_t* dense_params = nullptr) const;
    /// "kron", "svd", "hybrid", "reverse-hybrid".
    static SurgeryPlan named(const Gpt2Model& model, const std::string& method, int64_t n,
                             const MatrixTargets& targets, const SurgeryOptions& options = {});
};

struct MatrixSurgeryResult {
    std::string matrix;
    SurgeryMethod method = SurgeryMethod::None;
    int64_t params = 0;        // parameters of the replacement
    int64_t dense_params = 0;  // rows * cols
    double rel_err = 0.0;      // ||W - fit||_F / ||W||_F
    bool factored = false;     // runs in factored form (cheaper than dense) rather than materialized
    std::string settings;      // the fit's one-line settings
};

struct SurgeryResult {
    std::string label;
    std::vector<MatrixSurgeryResult> matrices;
    int64_t params = 0;        // total parameters of the replaced matrices after surgery
    int64_t dense_params = 0;  // their parameters before
    double seconds = 0.0;
};

/// The factors a healed checkpoint keeps beside its dense export (train/healer.h writes them):
/// "<matrix>.kron_a" (r, m1, p1) + "<matrix>.kron_s" (r, m2, p2), or "<matrix>.lowrank_u" (m, k) +
/// "<matrix>.lowrank_v" (k, p), float32.
inline constexpr const char* kStoredFactorsFile = "kronscope_factors.safetensors";

/// Installs the checkpoint's stored factors (kStoredFactorsFile in its folder) as a surgery in factored
/// form: the model then runs as it was healed, and revertSurgery returns to the dense export (the same
/// weights multiplied out). Returns the number of matrices installed (0 when the folder has no such file).
/// InputError naming the file for a tensor that is missing, not float32, or not shaped to factor its matrix.
int64_t installStoredFactors(Gpt2Model& model);

/// Fits every planned matrix from the ORIGINAL weights and installs the replacements (factored when cheaper).
/// Any surgery already active is reverted first. Cancellable between matrices; on cancel or error the model
/// is reverted and the exception propagates.
SurgeryResult applySurgery(Gpt2Model& model, const SurgeryPlan& plan, Progress& progress);
/// Restores the original weights of every matrix (no reload).
void revertSurgery(Gpt2Model& model);
/// Matrices currently replaced.
int64_t activeSurgeryCount(const Gpt2Model& model);

// ---- sweeps: the seed's tables ----

struct SweepSettings {
    std::vector<int64_t> block_sizes{2, 4, 8, 16, 32};
    std::vector<std::string> methods{"kron", "svd"};  // kron, svd, hybrid, reverse-hybrid
    std::vector<std::string> targets{"all"};          // one row per (target, method, n)
    SurgeryOptions options;
    PerplexitySettings ppl;
    bool baseline = true;  // measure the unmodified model first
    /// A cluster shard (kronscope-cli sweep --shard I/N): with shard_count > 0 only the cells k (the rows in
    /// their unsharded order: the baseline first, then target x method x n) with k mod shard_count ==
    /// shard_index run.
    int64_t shard_index = 0, shard_count = 0;
};

struct SweepRow {
    int64_t cell = 0;        // the row's place in the unsharded sweep (shards and merges keep it)
    std::string method;      // kron, svd, hybrid, reverse-hybrid, or "baseline"
    int64_t block_size = 0;  // 0 for the baseline
    std::string targets;
    int64_t matrices = 0;  // matrices replaced
    int64_t params = 0;    // parameters of the replaced matrices after surgery
    int64_t dense_params = 0;
    double mean_rel_err = 0.0;
    PerplexityResult ppl;
    double seconds = 0.0;  // the cell's wall time: surgery (fits) + evaluation; 0 in files written before it
};

struct SweepResult {
    std::vector<SweepRow> rows;  // baseline first when measured
    std::string model_dir, model_hash, text_name, text_hash, app_version;
    PerplexitySettings ppl_settings;
    bool complete = false;  // false when cancelled: rows holds what finished
};

/// A sweep's own throughput, from its rows' wall times (so that merged shards and reopened sessions give it
/// too): evaluations per minute of cell time, and tokens run through the model per second of cell time.
struct SweepThroughput {
    int64_t evaluations = 0;  // rows with a wall time
    double seconds = 0.0;     // their summed wall time
    double tokens = 0.0;      // tokens run through the model in their evaluations
    double evaluations_per_minute = 0.0;
    double tokens_per_second = 0.0;
    bool known() const { return evaluations > 0 && seconds > 0.0; }
};
SweepThroughput sweepThroughput(const std::vector<SweepRow>& rows);

/// InputError naming the field: an empty list of block sizes, methods or targets, a block size below 1, an
/// unknown method, a target that does not parse; with `model`, also a block size that does not factor one of
/// its block matrices. The one check of sweep settings (runSweep and the sweep analysis's request use it).
void checkSweepSettings(const SweepSettings& settings, const Gpt2Model* model = nullptr);

/// Runs every (target, method, n) of the settings on `ids`; rows stream to on_row as they finish. Reverts the
/// model at the end, on error and on cancel (then returns the rows so far with complete = false).
SweepResult runSweep(Gpt2Model& model, const std::vector<int32_t>& ids, const std::string& text_hash,
                     const SweepSettings& settings, Progress& progress,
                     const std::function<void(const SweepRow&)>& on_row = {});

std::string sweepToMarkdown(const SweepResult& r);
std::string sweepToCsv(const SweepResult& r);
/// The JSON form and writing by extension (.md, .csv, .json) are the result codec's (codec/result_json.h).

}  // namespace kronscope::core
