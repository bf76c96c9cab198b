#pragma once
// Structure probes of science.md ("Structure scores, each with a null"): the Kronecker ratio, 2x2 basis
// energy (I, J, K, L), Clifford violation and rotation angles (k-fold scores). Every score comes with the
// same score on null matrices (Gaussian, permuted entries, or Haar-random orthogonal) over >= 20 seeded
// draws: mean, std, z and the draws themselves. Results are plain structs (numbers, float arrays, labels) so
// views never see torch.
//
// Seeds: single-matrix functions use ProbeSettings::seed as is. Model batches derive one seed per matrix from
// (seed, matrix name) with probeSeed(), so a matrix's result does not depend on which others were selected
// and the matrices of an aggregate get independent null draws; every ProbeNull records the seed it used, and
// the single-matrix function with that seed reproduces it. Rotation-angle nulls depend only on the orthogonal
// size N (Haar O(N)), so they use ProbeSettings::seed as is and are computed once per N within a batch.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "kronscope/core/decompose/decomposition.h"
#include "kronscope/core/decompose/null_models.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/base/progress.h"

namespace kronscope::core {

// ---- scores

/// The null ensembles are decompose's NullKind (one enum, one draw loop, one mean/std formula for every
/// score).
using ProbeNullKind = NullKind;
const char* probeNullName(ProbeNullKind kind);  // nullKindName: "gaussian", "permuted", "haar"

/// The same score on `draws` null matrices.
struct ProbeNull {
    ProbeNullKind kind = ProbeNullKind::Gaussian;
    int draws = 0;
    uint64_t seed = 0;
    double mean = 0.0;
    double std = 0.0;             // sample std (n - 1)
    double z = 0.0;               // (value - mean) / std of the score this null belongs to; 0 when std == 0
    std::vector<double> samples;  // the score on each draw, in draw order (for a null histogram)
};

/// One score beside its nulls. A score without a null is never shown (science.md).
struct ProbeScore {
    std::string name;  // "rel_err", "share I", "complex share", "S_4", "V"
    double value = 0.0;
    std::vector<ProbeNull> nulls;  // in the order run: gaussian, permuted (or haar)
    /// The null of that kind, or nullptr when it was not run.
    const ProbeNull* null(ProbeNullKind kind) const;
    /// z against that null; 0 when it was not run.
    double z(ProbeNullKind kind) const;
};

// ---- settings

/// Where rotation angles come from (all through the polar factor Q = U V^T, except blocks2x2).
enum class AngleSource {
    Whole,             // the whole square matrix (attn.c_proj; c_attn's Q, K, V parts, each n_embd x n_embd)
    HeadBlocks,        // the head_dim x head_dim diagonal blocks of Q, K, V and attn.c_proj, pooled
    KroneckerFactors,  // the n x n factors of the Kronecker fit at block size n, pooled
    Blocks2x2,  // theta = atan2(b, a) of every 2x2 tile (a = (m11+m22)/2, b = (m21-m12)/2); no polar factor
};
const char* angleSourceName(AngleSource source);  // "whole", "heads", "factors", "blocks2x2"
/// Parses angleSourceName(); throws InputError.
AngleSource parseAngleSource(const std::string& name);

struct ProbeSettings {
    int64_t block_size = 2;   // n: the Kronecker fit's n x n factor (kron-ratio, clifford, factor angles)
    int64_t terms = 0;        // r; 0 = n (the seed's convention)
    bool small_first = true;  // n x n factor first (PHM form); false: W tiled by n x n blocks
    int null_draws = 20;      // >= 2; science.md asks for >= 20
    uint64_t seed = 0;
    bool permuted_null = true;  // also run the permuted null where it applies (Gaussian always runs)
    // Rotation angles
    int histogram_bins = 36;  // over [-pi, pi]
    int max_fold = 12;        // S_k for k = 1..max_fold
    AngleSource angle_source = AngleSource::Whole;
    /// Throws InputError for impossible values.
    void validate() const;
    int64_t effectiveTerms() const { return terms > 0 ? terms : block_size; }
    /// "n = 2, r = 2, small factor first, 20 null draws, seed 0"
    std::string describe() const;
};

/// A per-matrix null seed from the batch seed and the matrix's name (splitmix64 of seed ^ FNV-1a(name)).
uint64_t probeSeed(uint64_t seed, const std::string& name);

// ---- Kronecker ratio

/// rel_err(W) / mean rel_err(null) at the same n and r. Below 1: more Kronecker structure than chance.
struct KronRatioResult {
    std::string matrix;  // "h.0.attn.c_attn" ("" for a bare matrix)
    int layer = -1;      // -1 for a bare matrix
    int64_t rows = 0, cols = 0;
    KroneckerSpec spec;               // the fit (terms capped as in fitKronecker)
    ProbeScore rel_err;               // ||W - fit||_F / ||W||_F and its nulls
    double ratio_gaussian = 0.0;      // rel_err / mean gaussian-null rel_err
    double ratio_gaussian_std = 0.0;  // the ratio's std under that null: null std / null mean (mean 1)
    double ratio_permuted = 0.0;      // 0 when the permuted null was not run
    double ratio_permuted_std = 0.0;
    double ratio_row_col =
        0.0;  // against (d) rows and columns permuted; 0 when the permuted nulls were not run
    double ratio_row_col_std = 0.0;
    double seconds = 0.0;
    std::string settings;  // the fit's label and the null settings
};

/// rel_err(W) against Gaussian and permuted nulls. The nulls draw the same matrices as kroneckerErrorNull
/// with the same seed (null_models.h), so the means agree exactly.
KronRatioResult probeKronRatio(const MatrixF& w, const ProbeSettings& settings, Progress* progress = nullptr);

// ---- 2x2 basis energy

/// The 2x2 basis: I, J = [[0,-1],[1,0]], K = diag(1,-1), L = [[0,1],[1,0]]. Any M = a I + b J + c K + d L
/// with a = (m11+m22)/2, b = (m21-m12)/2, c = (m11-m22)/2, d = (m12+m21)/2.
enum class Basis2x2 { I = 0, J = 1, K = 2, L = 3 };
const char* basis2x2Name(Basis2x2 x);  // "I", "J", "K", "L"

/// One fitted 2x2 factor (n = 2 Kronecker fit, r = 2) classified by the same a, b, c, d.
struct Factor2x2 {
    int term = 0;                       // k, 0-based, in descending singular value order
    std::array<float, 4> m{};           // m11, m12, m21, m22
    double a = 0, b = 0, c = 0, d = 0;  // coefficients of I, J, K, L
    std::array<double, 4> shares{};     // a^2, b^2, c^2, d^2 over their sum
    ProbeScore complex_share;           // (a^2 + b^2) / (a^2 + b^2 + c^2 + d^2); null: factor k of null fits
    double angle = 0.0;                 // atan2(b, a): the rotation of its polar factor when det > 0
    double det = 0.0;                   // a^2 + b^2 - c^2 - d^2: > 0 rotation-scaling, < 0 reflection-scaling
    Basis2x2 dominant = Basis2x2::I;    // largest share
    std::string label;                  // "rotation-scaling (complex-like), mostly J"
};

/// W = I (x) S_I + J (x) S_J + K (x) S_K + L (x) S_L (small factor first; small second: W tiled by 2x2
/// blocks, W = S_I (x) I + ...). Share of X = 2 ||S_X||^2 / ||W||^2; the four add up to 1. Null: 25% each,
/// complex (I + J) 50%.
struct BasisEnergyResult {
    std::string matrix;
    int layer = -1;
    int64_t rows = 0, cols = 0;
    bool small_first = true;
    double energy = 0.0;               // ||W||_F^2: the weight of this matrix in aggregates
    std::array<ProbeScore, 4> shares;  // I, J, K, L (Basis2x2 order)
    ProbeScore complex_share;          // I + J
    std::vector<Factor2x2> factors;    // the 2x2 factors of the n = 2 Kronecker fit (r = 2) in the same order
    double seconds = 0.0;
    std::string settings;
};

/// Energy-weighted aggregate over matrices: share_X = sum_m 2 ||S_X,m||^2 / sum_m ||W_m||^2. Null draw d
/// weighs each matrix's d-th null share by that matrix's own energy.
struct BasisEnergyAggregate {
    std::string label;  // "layer 3", "model"
    int layer = -1;     // -1 for the whole selection
    int matrices = 0;
    double energy = 0.0;
    std::array<ProbeScore, 4> shares;
    ProbeScore complex_share;
};

/// Requires even rows and cols.
BasisEnergyResult probeBasisEnergy(const MatrixF& w, const ProbeSettings& settings,
                                   Progress* progress = nullptr);
/// Energy-weighted aggregate of results that share null settings (same draws and kinds).
BasisEnergyAggregate aggregateBasisEnergy(const std::vector<const BasisEnergyResult*>& results,
                                          const std::string& label, int layer = -1);
/// The report's per-layer and whole-selection aggregates from its matrices (probeBasisEnergies, and the merge
/// of a sharded run, whose matrices come from several shard files).
struct BasisEnergyReport;
void aggregateBasisLayers(BasisEnergyReport& report);
/// The coefficients a, b, c, d of one 2x2 matrix {m11, m12, m21, m22}.
std::array<double, 4> basis2x2Coefficients(const std::array<double, 4>& m);

// ---- Clifford

/// Clifford violation of n x n factors A_1..A_r, each normalized to ||A_k||_F^2 = n:
/// V = sum_{i<=j} ||A_i A_j + A_j A_i - 2 eta_ij I||^2 / sum_{i<=j} ||A_i A_j + A_j A_i||^2, eta diagonal
/// with eta_ii = +1 or -1, whichever fits better (the sign of tr(A_i^2)); eta_ij = 0 for i != j. 0: an exact
/// Clifford algebra generating set; about 1 or more: no Clifford structure.
struct CliffordScore {
    double violation = 0.0;      // V
    std::vector<int> signature;  // eta_ii, one per factor
    std::vector<double>
        pair_violation;  // (r, r) row-major, symmetric: ||{A_i,A_j} - 2 eta_ij I||^2 / ||{A_i,A_j}||^2
    int64_t n = 0, terms = 0;
};
/// factors: (terms, n, n) row-major, as KroneckerResult::a. Zero factors are left unnormalized.
CliffordScore cliffordViolation(const std::vector<float>& factors, int64_t terms, int64_t n);

struct CliffordResult {
    std::string matrix;
    int layer = -1;
    int64_t rows = 0, cols = 0;
    KroneckerSpec spec;
    ProbeScore violation;        // V; nulls: V of the factors fitted on null matrices
    CliffordScore score;         // signature and per-pair violations of W's factors
    std::vector<float> factors;  // the normalized n x n factors (terms, n, n)
    double seconds = 0.0;
    std::string settings;
};
/// Fits the Kronecker sum at block size n (r terms, default n) and scores its n x n factors.
CliffordResult probeClifford(const MatrixF& w, const ProbeSettings& settings, Progress* progress = nullptr);

// ---- rotation angles

/// Eigen-angles theta_j = atan2(Im, Re) of the polar factors Q = U V^T of one or more square blocks, pooled;
/// the k-fold scores S_k = |mean_j exp(i k theta_j)|; a histogram. Null: Haar O(N) of the same block sizes,
/// one per block and draw (for blocks2x2: Gaussian and permuted matrices of the same shape).
struct RotationAngles {
    std::string source;          // "h.0.attn.c_proj", "h.0.attn.c_attn q heads", "A_k of h.0.mlp.c_fc", ...
    int64_t block_size = 0;      // N of each orthogonal block (2 for blocks2x2)
    int64_t blocks = 0;          // blocks pooled
    std::vector<double> angles;  // every theta_j in [-pi, pi], ascending
    int bins = 0;  // histogram bins of equal width over [-pi, pi]; bin b starts at -pi + b 2pi / bins
    std::vector<double> histogram;       // fraction of the angles in each bin (sums to 1)
    std::vector<double> null_histogram;  // the null's mean fraction per bin (first null kind)
    std::vector<ProbeScore> fold;        // S_k for k = 1..max_fold: fold[k - 1]
    double seconds = 0.0;
    std::string settings;
};

/// Polar-factor angles of the square blocks, pooled, against Haar O(N_b) draws (one per block per draw).
RotationAngles probeRotationAngles(const std::vector<MatrixF>& squares, const ProbeSettings& settings,
                                   const std::string& source = {}, Progress* progress = nullptr);
/// theta = atan2(b, a) of every 2x2 tile of w (even rows and cols); tiles with a = b = 0 have no angle and
/// are skipped. Nulls: Gaussian and permuted matrices shaped like w.
RotationAngles probeBlockAngles2x2(const MatrixF& w, const ProbeSettings& settings,
                                   const std::string& source = {}, Progress* progress = nullptr);
/// The polar factor U V^T of a square matrix (float32, row-major).
MatrixF polarFactor(const MatrixF& square);
/// Eigen-angles of a real orthogonal matrix through torch::linalg_eigvals, ascending.
std::vector<double> eigenAngles(const MatrixF& orthogonal);
/// S_k = |mean_j exp(i k theta_j)| for k = 1..max_fold.
std::vector<double> foldScores(const std::vector<double>& angles, int max_fold);
/// A Haar-random orthogonal N x N matrix: Q sign(diag(R)) from the QR of a Gaussian (float64 internally).
MatrixF haarOrthogonal(int64_t n, uint64_t seed);

// ---- model batches

/// Block matrices selected by spec: "all", "attn", "mlp", a comma list of names
/// ("h.0.attn.c_proj,h.3.mlp.c_fc"), or any MatrixTargets spec ("layers:0-5", "attn+layers:6-11",
/// "kinds:c_fc"). Throws InputError naming an unknown matrix.
std::vector<MatrixRef> selectProbeMatrices(const WeightSource& model, const std::string& spec);

struct KronRatioReport {
    ProbeSettings settings;
    std::vector<KronRatioResult> matrices;
    std::vector<std::string> skipped;  // "embed.W_E: 114 x 128 is not divisible by the block size 4"
    double seconds = 0.0;
};
struct BasisEnergyReport {
    ProbeSettings settings;
    std::vector<BasisEnergyResult> matrices;
    std::vector<BasisEnergyAggregate> layers;  // one per layer present, ascending
    BasisEnergyAggregate model;                // the whole selection
    std::vector<std::string> skipped;          // "embed.W_E: 114 x 128 is not divisible by the block size 4"
    double seconds = 0.0;
};
struct CliffordReport {
    ProbeSettings settings;
    std::vector<CliffordResult> matrices;
    std::vector<std::string> skipped;  // "embed.W_E: 114 x 128 is not divisible by the block size 4"
    double seconds = 0.0;
};

/// One angle probe on one matrix part.
struct AngleProbeResult {
    std::string matrix;  // "h.0.attn.c_attn"
    int layer = -1;
    std::string part;  // "q", "k", "v" for c_attn; "" for the stored matrix
    AngleSource source = AngleSource::Whole;
    RotationAngles pooled;                  // all blocks pooled (the only entry for whole and blocks2x2)
    std::vector<RotationAngles> per_block;  // heads / factors: each block on its own, with its own Haar null
};
struct AngleReport {
    ProbeSettings settings;
    std::vector<AngleProbeResult> results;
    std::vector<std::string> skipped;  // "h.0.mlp.c_fc: 768 x 3072 is not square (whole needs square parts)"
    double seconds = 0.0;
};

/// Each probe over the matrices of a model (original weights). Cancellable between null draws: throws
/// Cancelled.
KronRatioReport probeKronRatios(const WeightSource& model, const std::vector<MatrixRef>& matrices,
                                const ProbeSettings& settings, Progress& progress);
BasisEnergyReport probeBasisEnergies(const WeightSource& model, const std::vector<MatrixRef>& matrices,
                                     const ProbeSettings& settings, Progress& progress);
CliffordReport probeCliffords(const WeightSource& model, const std::vector<MatrixRef>& matrices,
                              const ProbeSettings& settings, Progress& progress);
/// settings.angle_source picks whole / heads / factors / blocks2x2. c_attn is split into Q | K | V (columns),
/// each n_embd x n_embd; heads are the head_dim x head_dim blocks on the diagonal of Q, K, V and attn.c_proj.
AngleReport probeAngles(const WeightSource& model, const std::vector<MatrixRef>& matrices,
                        const ProbeSettings& settings, Progress& progress);

/// c_attn's Q, K or V part ("q", "k", "v"): columns [i n_embd, (i + 1) n_embd) of the stored [in, 3 n_embd].
MatrixF attentionPart(const MatrixF& c_attn, const std::string& part);
/// Diagonal blocks of size block (block divides rows and cols; any count of blocks along the shorter side).
std::vector<MatrixF> diagonalBlocks(const MatrixF& w, int64_t block);
/// Consecutive rows x rows column blocks of a wide matrix (rows divides cols): the toy model's 20 x 20
/// blocks.
std::vector<MatrixF> squareColumnBlocks(const MatrixF& w);

// ---- toy-model weights

/// The probes run on a toy model's W (hidden x features, e.g. 20 x 80):
/// - kron-ratio and Clifford at n = 2 (small factor first, r = 2),
/// - 2x2 basis energies (small factor first) and the fitted 2x2 factors,
/// - rotation angles of the polar factors of W's consecutive hidden x hidden column blocks (W = [W_1 | .. |
/// W_4]
///   for 20 x 80), pooled, against Haar O(hidden) draws (one per block per draw). Not W W^T: it is symmetric
///   positive semi-definite, so its polar factor is the identity and every angle is 0.
struct ToyProbeReport {
    ProbeSettings settings;  // block_size and terms as used (2, 2)
    KronRatioResult kron_ratio;
    BasisEnergyResult basis_energy;
    CliffordResult clifford;
    RotationAngles angles;
    double seconds = 0.0;
};
ToyProbeReport probeToyWeights(const MatrixF& w, const ProbeSettings& settings, Progress* progress = nullptr);

}  // namespace kronscope::core
