#pragma once
// The mechanism lab (seed 000, second half; science.md "Mechanism"): why Kronecker surgery beats SVD in
// perplexity while losing in every per-matrix error. Activation capture (float64 Grams X^T X of the block
// matrices' inputs, streamed over non-overlapping windows), activation-weighted error, conditioning of W,
// W_kron and W_svd, nullspace noise, the single-matrix scan with additivity (reusing the unchanged prefix),
// and error propagation through the residual stream. Fits: r = n terms, small factor first; SVD at the
// Kronecker parameter count (the seed's conventions).
#include <cstdint>
#include <string>
#include <vector>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/model/matrix_targets.h"

namespace kronscope::core {

// ---- activation capture

/// Non-overlapping windows of max_length over the first max_tokens tokens (0 = all; every token once).
struct CaptureWindows {
    int64_t max_length = 1024;
    int64_t max_tokens = 0;
};

struct ActivationGrams {
    std::vector<MatrixRef> matrices;         // the targeted block matrices, model order
    std::vector<std::vector<double>> grams;  // per matrix: X^T X, in x in, row-major, float64
    int64_t positions = 0;                   // rows of every X (tokens run)
    std::vector<double> residual_rms;        // per layer: sqrt(mean over positions of ||h_l||^2 / C)
    double mean_nll = 0.0;                   // of the same forward pass (capture does not change it)
    int64_t tokens_scored = 0;
};

/// The unmodified model (original weights) on `ids`; memory: the model plus the Grams. Cancellable per
/// window.
ActivationGrams captureActivations(const Gpt2Model& model, const std::vector<int32_t>& ids,
                                   const CaptureWindows& windows, const MatrixTargets& targets,
                                   Progress& progress);

// ---- the analyses

struct FitError {
    double act_rel_err = 0.0;  // ||X (W - fit)|| / ||X W||
    double rel_err = 0.0;      // ||W - fit|| / ||W||
    int64_t params = 0;
};
struct MatrixErrorRow {
    std::string matrix, kind;
    int layer = 0;
    FitError kron, svd;
};

struct SpectrumStats {
    double cond = 0.0;  // s_max / s_min; +inf when s_min == 0
    int64_t numerical_rank = 0;
    double effective_rank = 0.0;
};
struct ConditioningRow {
    std::string matrix, kind;
    int layer = 0;
    int64_t full_rank = 0;  // min(m, p)
    SpectrumStats original, kron, svd;
};

struct NullspacePoint {
    double eps = 0.0, ppl = 0.0, gap_reduction = 0.0;
};

struct ScanRow {
    std::string matrix, kind, method;
    int layer = 0;
    int64_t block_size = 0;
    double ppl = 0.0, mean_nll = 0.0;
    int64_t cell = -1;  // its cell (see ScanShard)
};
struct Additivity {
    std::string method;
    int64_t block_size = 0;
    double full_ppl = 0.0, full_delta_nll = 0.0;  // all targeted matrices at once, minus the baseline
    double sum_single_delta_nll = 0.0;            // sum over matrices of (single - baseline)
    int64_t cell = -1;                            // the cell of the all-at-once run
    double full_mean_nll = 0.0;                   // its mean NLL
};

struct PropagationRun {
    std::string config;                   // "kron", "svd", "hybrid", "reverse-hybrid"
    std::vector<double> rel_err, cosine;  // per layer: ||h' - h|| / ||h||, mean cosine per position
    double ppl = 0.0;
};

/// Per targeted matrix: Kronecker (n, r = n) and matched SVD against the Grams of `grams`.
std::vector<MatrixErrorRow> activationErrors(const Gpt2Model& model, const ActivationGrams& grams, int64_t n,
                                             Progress& progress);
/// Full float64 SVDs of W, W_kron and W_svd (fits formed in float64) of every targeted matrix.
std::vector<ConditioningRow> conditioningRows(const Gpt2Model& model, const MatrixTargets& targets, int64_t n,
                                              Progress& progress);
/// The median of each statistic over the rows (cond: +inf counts as the largest value).
SpectrumStats medianOf(const std::vector<ConditioningRow>& rows, int which);  // 0 original, 1 kron, 2 svd

/// Strided-perplexity context of the surgery analyses: the text's ids and the window.
struct TextWindow {
    std::vector<int32_t> ids;
    PerplexitySettings ppl;
};

struct NullspaceResult {
    double baseline_ppl = 0.0, kron_ppl = 0.0, svd_ppl = 0.0;
    std::vector<NullspacePoint> points;
};
/// W_svd + eps N_perp on every targeted matrix for each eps (N_perp: a seeded Gaussian projected onto the
/// complement of the SVD's row and column spaces, scaled to ||W - W_svd||), beside uniform Kronecker and SVD.
NullspaceResult nullspaceSweep(Gpt2Model& model, const TextWindow& text, const MatrixTargets& targets,
                               int64_t n, const std::vector<double>& eps, uint64_t seed, Progress& progress);

/// The scan's cells in unsharded order: 0 the baseline; then per (method, n) group g, in the order of the
/// methods x block sizes lists (block size fastest), the all-at-once run at 1 + g (M + 1) and matrix m alone
/// at 1 + g (M + 1) + 1 + m (M targeted matrices in model order). A shard (index I of count N > 0) runs the
/// cells k with k mod N == I; count 0 runs them all.
struct ScanShard {
    int64_t index = 0, count = 0;
    bool runs(int64_t cell) const { return count <= 0 || cell % count == index; }
};
/// 1 + methods x block sizes x (matrices + 1).
int64_t scanCellCount(int64_t matrices, int64_t methods, int64_t block_sizes);

/// Rebuilds a scan's derived numbers from its cells: the baseline PPL, each additivity's full change and the
/// sum of single changes (rows in cell order). What a sharded scan's merge does, and what an unsharded run
/// gives.
void finishScanAdditivity(double baseline_mean_nll, const std::vector<ScanRow>& rows,
                          std::vector<Additivity>& additivity);

struct ScanResult {
    double baseline_ppl = 0.0, baseline_mean_nll = 0.0;  // NaN in a shard that did not run cell 0
    std::vector<ScanRow> rows;
    std::vector<Additivity> additivity;
    bool prefix_reuse = false;
    double cache_gb = 0.0;  // the prefix cache's size (or what it would have needed)
    bool complete = true;
};
/// Every targeted matrix alone x method x block size, and each (method, n) on all targeted matrices at once.
/// The residual stream entering each layer is cached per window batch from the unmodified run when it fits in
/// `cache_limit_gb`; a matrix of layer l then runs only layers l.. (same numbers as a full run). A shard
/// runs only its cells: rows and additivity entries of the cells it ran, the derived numbers NaN (the merge
/// computes them with finishScanAdditivity).
ScanResult singleMatrixScan(Gpt2Model& model, const TextWindow& text, const MatrixTargets& targets,
                            const std::vector<int64_t>& block_sizes, const std::vector<std::string>& methods,
                            double cache_limit_gb, Progress& progress, ScanShard shard = {});

/// The residual stream after every block of the surgered model against the original on the same windows
/// (non-overlapping, max_length, first max_tokens tokens), for kron, svd, hybrid and reverse-hybrid at n.
std::vector<PropagationRun> errorPropagation(Gpt2Model& model, const TextWindow& text,
                                             const MatrixTargets& targets, int64_t n, double cache_limit_gb,
                                             Progress& progress);

}  // namespace kronscope::core
