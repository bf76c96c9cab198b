#pragma once
// Internal (torch) kernels of the structure probes, shared by probes.cpp (single matrices), angles and
// batches: tensor conversions, null draws and summaries, the 2x2 basis, Clifford scores, polar angles and
// Haar nulls, and the per-matrix cores. Never included outside core/src/probes.
#include <torch/torch.h>

#include <array>
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "decompose/decomposition_impl.h"
#include "decompose/null_draws.h"
#include "kronscope/core/probes/probes.h"

namespace kronscope::core::probe_detail {

constexpr double kPi = 3.14159265358979323846;

std::string dims(int64_t rows, int64_t cols);

/// Small problems run on one intra-op thread (restored afterwards): their ops are too small to gain from
/// threads, and when other work holds the cores OpenMP barriers wait for time slices (measured on a 2-core
/// machine beside a training run: the unit tests took 14 s on 2 threads, 0.25 s on 1).
class SmallProblemThreads {
  public:
    explicit SmallProblemThreads(int64_t entries) : saved_(at::get_num_threads()) {
        if (entries < kSmallEntries && saved_ != 1)
            at::set_num_threads(1);
        else
            saved_ = 0;
    }
    ~SmallProblemThreads() {
        if (saved_ > 0) at::set_num_threads(saved_);
    }
    SmallProblemThreads(const SmallProblemThreads&) = delete;
    SmallProblemThreads& operator=(const SmallProblemThreads&) = delete;
    static constexpr int64_t kSmallEntries = 1 << 16;

  private:
    int saved_;  // 0: nothing to restore
};

int64_t entries(const MatrixF& w);

int64_t entries(const std::vector<MatrixF>& ws);

double secondsSince(std::chrono::steady_clock::time_point start);

/// w as a (rows, cols) float32 tensor, copied (MatrixF is const).
torch::Tensor toTensor(const MatrixF& w, const std::string& what);

MatrixF toMatrix(const torch::Tensor& t);

std::vector<float> toFloats(const torch::Tensor& t);

std::vector<double> toDoubles(const torch::Tensor& t);

// ---- null draws
ProbeNull summarize(ProbeNullKind kind, uint64_t seed, const std::vector<double>& samples, double value);

ProbeScore makeScore(const std::string& name, double value, const std::vector<NullDraws>& nulls,
                     size_t index);

/// Gaussian (and permuted) draws for w, each on its own half of the progress range.
std::vector<NullDraws> drawMatrixNulls(const torch::Tensor& w32, const ProbeSettings& s, uint64_t seed,
                                       Progress* progress, const DrawScorer& score, bool row_col = false);

std::string nullLine(const ProbeSettings& s, bool haar = false);

KroneckerSpec specFor(int64_t rows, int64_t cols, const ProbeSettings& s);

// ---- 2x2 basis

/// The four entry planes of W's 2x2 structure, (4, N) float64: rows m11, m12, m21, m22. Small first: the
/// quadrant blocks B_ij flattened; small second: the entries of every 2x2 tile.
torch::Tensor basisPlanes(const torch::Tensor& x, bool small_first);

/// a, b, c, d planes from basisPlanes: (4, N).
torch::Tensor basisCoefficients(const torch::Tensor& planes);

Factor2x2 classify2x2(int term, std::array<float, 4> m);

struct BasisEval {
    std::array<double, 4> shares{};
    double complex = 0.0;
    double energy = 0.0;
    std::vector<Factor2x2> factors;
};

BasisEval evalBasis(const torch::Tensor& x, bool small_first);

std::vector<double> basisScoreVector(const BasisEval& e);

// ---- Clifford
CliffordScore cliffordOf(const torch::Tensor& factors_in);

/// The n x n side of a block-size-n Kronecker fit: A_k when the small factor is first, else S_k. (r, n, n)
torch::Tensor squareFactors(const KroneckerFactors& f, bool small_first);

// ---- angles

/// Polar factors of square matrices: (B, N, N) float64 -> (B, N, N).
torch::Tensor polarBatch(const torch::Tensor& m);

/// Eigen-angles of real orthogonal matrices: (B, N, N) -> (B N) float64.
torch::Tensor eigenAnglesBatch(const torch::Tensor& q);

/// Haar O(N): (count, N, N) float64 from one generator.
torch::Tensor haarBatch(int64_t count, int64_t n, at::Generator& gen);

std::vector<double> foldOf(const torch::Tensor& angles, int max_fold);

std::vector<double> histogramOf(const torch::Tensor& angles, int bins);

struct AngleNull {
    std::vector<NullDraws> draws;        // fold scores [k][draw] per null kind
    std::vector<double> mean_histogram;  // first kind
};

/// Haar nulls keyed by block sizes, draws, seed, bins and folds: a batch computes each once.
using HaarCache = std::map<std::string, AngleNull>;

AngleNull haarNull(const std::map<int64_t, int64_t>& blocks_by_size, const ProbeSettings& s, HaarCache* cache,
                   Progress* progress);

RotationAngles anglesResult(const torch::Tensor& angles_in, const AngleNull& null, const ProbeSettings& s,
                            const std::string& source, int64_t block_size, int64_t blocks);

/// Polar-factor angles of square float64 blocks, pooled.
RotationAngles polarAngles(const std::vector<torch::Tensor>& squares, const ProbeSettings& s,
                           const std::string& source, HaarCache* cache, Progress* progress);

torch::Tensor tileAngles(const torch::Tensor& x);

RotationAngles tileAnglesProbe(const torch::Tensor& w32, const ProbeSettings& s, uint64_t seed,
                               const std::string& source, Progress* progress);

// ---- per-matrix cores
KronRatioResult kronRatioOf(const torch::Tensor& w32, const ProbeSettings& s, uint64_t seed,
                            Progress* progress);

BasisEnergyResult basisEnergyOf(const torch::Tensor& w32, const ProbeSettings& s, uint64_t seed,
                                Progress* progress);

CliffordResult cliffordOfMatrix(const torch::Tensor& w32, const ProbeSettings& s, uint64_t seed,
                                Progress* progress);

std::vector<torch::Tensor> toTensors(const std::vector<MatrixF>& squares);

}  // namespace kronscope::core::probe_detail
