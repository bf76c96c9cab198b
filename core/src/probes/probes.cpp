#include "kronscope/core/probes/probes.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "decompose/decomposition_impl.h"
#include "decompose/null_draws.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/hash.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/surgery/surgery.h"

namespace kronscope::core {

namespace {

constexpr double kPi = 3.14159265358979323846;

std::string dims(int64_t rows, int64_t cols) {
    return std::to_string(rows) + " x " + std::to_string(cols);
}

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

int64_t entries(const MatrixF& w) {
    return w.rows * w.cols;
}
int64_t entries(const std::vector<MatrixF>& ws) {
    int64_t n = 0;
    for (const auto& w : ws) n = std::max(n, w.rows * w.cols);
    return n;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// w as a (rows, cols) float32 tensor, copied (MatrixF is const).
torch::Tensor toTensor(const MatrixF& w, const std::string& what) {
    if (w.rows <= 0 || w.cols <= 0) throw InputError(what + ": empty matrix (" + dims(w.rows, w.cols) + ")");
    if (static_cast<int64_t>(w.values.size()) != w.rows * w.cols)
        throw InputError(what + ": " + dims(w.rows, w.cols) + " matrix holds " +
                         std::to_string(w.values.size()) + " values");
    auto t = torch::from_blob(const_cast<float*>(w.values.data()), {w.rows, w.cols}, torch::kFloat32).clone();
    if (!torch::isfinite(t).all().item<bool>())
        throw InputError(what + " " + dims(w.rows, w.cols) + " contains NaN or Inf entries");
    return t;
}

MatrixF toMatrix(const torch::Tensor& t) {
    // t: (rows, cols)
    const torch::Tensor c = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    MatrixF m;
    m.rows = c.size(0);
    m.cols = c.size(1);
    m.values.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return m;
}

std::vector<float> toFloats(const torch::Tensor& t) {
    const torch::Tensor c = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

std::vector<double> toDoubles(const torch::Tensor& t) {
    const torch::Tensor c = t.detach().to(torch::kCPU, torch::kFloat64).contiguous();
    return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

// ---- null draws

ProbeNull summarize(ProbeNullKind kind, uint64_t seed, const std::vector<double>& samples, double value) {
    ProbeNull n;
    n.kind = kind;
    n.seed = seed;
    n.draws = static_cast<int>(samples.size());
    n.samples = samples;
    if (samples.empty()) return n;
    const auto m = NullMoments::of(samples);
    n.mean = m.mean;
    n.std = m.std;
    n.z = n.std > 0.0 ? (value - n.mean) / n.std : 0.0;
    return n;
}

ProbeScore makeScore(const std::string& name, double value, const std::vector<NullDraws>& nulls,
                     size_t index) {
    ProbeScore s;
    s.name = name;
    s.value = value;
    for (const auto& n : nulls) {
        static const std::vector<double> kEmpty;
        s.nulls.push_back(
            summarize(n.kind, n.seed, index < n.scores.size() ? n.scores[index] : kEmpty, value));
    }
    return s;
}

/// Gaussian (and permuted) draws for w, each on its own half of the progress range.
std::vector<NullDraws> drawMatrixNulls(const torch::Tensor& w32, const ProbeSettings& s, uint64_t seed,
                                       Progress* progress, const DrawScorer& score) {
    std::vector<ProbeNullKind> kinds = {ProbeNullKind::Gaussian};
    if (s.permuted_null) kinds.push_back(ProbeNullKind::Permuted);
    std::vector<NullDraws> out;
    for (size_t i = 0; i < kinds.size(); ++i) {
        const double f0 = static_cast<double>(i) / kinds.size(),
                     f1 = static_cast<double>(i + 1) / kinds.size();
        if (progress) {
            auto sub = progress->sub(f0, f1);
            out.push_back(drawMatrixNull(w32, kinds[i], s.null_draws, seed, &sub, score));
        } else {
            out.push_back(drawMatrixNull(w32, kinds[i], s.null_draws, seed, nullptr, score));
        }
    }
    return out;
}

std::string nullLine(const ProbeSettings& s, bool haar = false) {
    std::string kinds = haar ? "Haar O(N)" : (s.permuted_null ? "gaussian + permuted" : "gaussian");
    return kinds + " nulls, " + std::to_string(s.null_draws) + " draws, seed ";
}

KroneckerSpec specFor(int64_t rows, int64_t cols, const ProbeSettings& s) {
    auto spec = KroneckerSpec::forBlockSize(rows, cols, s.block_size, s.small_first);
    spec.terms = s.effectiveTerms();
    return spec;
}

// ---- 2x2 basis

/// The four entry planes of W's 2x2 structure, (4, N) float64: rows m11, m12, m21, m22. Small first: the
/// quadrant blocks B_ij flattened; small second: the entries of every 2x2 tile.
torch::Tensor basisPlanes(const torch::Tensor& x, bool small_first) {
    const int64_t rows = x.size(0), cols = x.size(1);
    const auto spec = KroneckerSpec::forBlockSize(rows, cols, 2, small_first);
    const torch::Tensor r =
        kroneckerRearrange(x.to(torch::kFloat64), spec);  // small first (4, N); else (N, 4)
    return small_first ? r : r.t();
}

/// a, b, c, d planes from basisPlanes: (4, N).
torch::Tensor basisCoefficients(const torch::Tensor& planes) {
    const auto m11 = planes[0], m12 = planes[1], m21 = planes[2], m22 = planes[3];
    return torch::stack({(m11 + m22) / 2, (m21 - m12) / 2, (m11 - m22) / 2, (m12 + m21) / 2});
}

Factor2x2 classify2x2(int term, std::array<float, 4> m) {
    Factor2x2 f;
    f.term = term;
    auto coef = basis2x2Coefficients({m[0], m[1], m[2], m[3]});
    if (coef[0] < 0) {  // A (x) S = (-A) (x) (-S): fix the sign so that the scaling part a >= 0
        for (auto& v : m) v = -v;
        for (auto& v : coef) v = -v;
    }
    f.m = m;
    f.a = coef[0], f.b = coef[1], f.c = coef[2], f.d = coef[3];
    const double total = f.a * f.a + f.b * f.b + f.c * f.c + f.d * f.d;
    for (int i = 0; i < 4; ++i) f.shares[i] = total > 0 ? coef[i] * coef[i] / total : 0.0;
    f.complex_share.name = "complex share";
    f.complex_share.value = f.shares[0] + f.shares[1];
    f.angle = std::atan2(f.b, f.a);
    f.det = f.a * f.a + f.b * f.b - f.c * f.c - f.d * f.d;
    f.dominant = static_cast<Basis2x2>(std::max_element(f.shares.begin(), f.shares.end()) - f.shares.begin());
    f.label =
        std::string(f.det >= 0 ? "rotation-scaling (complex-like)" : "reflection-scaling (anti-complex)") +
        ", mostly " + basis2x2Name(f.dominant);
    return f;
}

struct BasisEval {
    std::array<double, 4> shares{};
    double complex = 0.0;
    double energy = 0.0;
    std::vector<Factor2x2> factors;
};

BasisEval evalBasis(const torch::Tensor& x, bool small_first) {
    BasisEval e;
    const torch::Tensor planes = basisPlanes(x, small_first);       // (4, N)
    const torch::Tensor coef = basisCoefficients(planes);           // (4, N)
    const auto energy = toDoubles(coef.pow(2).sum(/*dim=*/1) * 2);  // (4): 2 ||S_X||^2
    e.energy = planes.pow(2).sum().item<double>();                  // ||W||^2
    for (int i = 0; i < 4; ++i) e.shares[i] = e.energy > 0 ? energy[i] / e.energy : 0.0;
    e.complex = e.shares[0] + e.shares[1];
    const auto spec = KroneckerSpec::forBlockSize(x.size(0), x.size(1), 2, small_first);
    const auto fit = fitKroneckerFactors(x, spec);
    const auto f2 = toFloats(small_first ? fit.a : fit.s);  // (r, 2, 2)
    for (int64_t k = 0; k < fit.terms; ++k)
        e.factors.push_back(
            classify2x2(static_cast<int>(k), {f2[4 * k], f2[4 * k + 1], f2[4 * k + 2], f2[4 * k + 3]}));
    return e;
}

std::vector<double> basisScoreVector(const BasisEval& e) {
    std::vector<double> v(e.shares.begin(), e.shares.end());
    v.push_back(e.complex);
    for (const auto& f : e.factors) v.push_back(f.complex_share.value);
    return v;
}

// ---- Clifford

CliffordScore cliffordOf(const torch::Tensor& factors_in) {
    // factors_in: (r, n, n)
    const torch::Tensor a0 = factors_in.to(torch::kFloat64);
    const int64_t r = a0.size(0), n = a0.size(1);
    const torch::Tensor norms = a0.reshape({r, n * n}).norm(2, /*dim=*/1);  // (r)
    const torch::Tensor scale = torch::where(
        norms > 0, std::sqrt(static_cast<double>(n)) / norms.clamp_min(1e-300), torch::ones_like(norms));
    const torch::Tensor a = a0 * scale.view({r, 1, 1});                        // ||A_k||_F^2 = n
    const torch::Tensor prod = torch::matmul(a.unsqueeze(1), a.unsqueeze(0));  // (r, r, n, n): A_i A_j
    const torch::Tensor anti = prod + prod.transpose(0, 1);                    // {A_i, A_j}
    // prod.diagonal(0, 0, 1): (n, n, r) = A_i A_i; its trace over the two n dims: (r) = tr(A_i^2)
    const torch::Tensor trace_sq = prod.diagonal(0, 0, 1).diagonal(0, 0, 1).sum(-1);
    const torch::Tensor eta =
        torch::where(trace_sq >= 0, torch::ones_like(trace_sq), -torch::ones_like(trace_sq));
    const torch::Tensor eye = torch::eye(n, torch::kFloat64);
    const torch::Tensor target = torch::diag(eta).view({r, r, 1, 1}) * eye * 2;  // 2 eta_ij I
    const torch::Tensor num = (anti - target).pow(2).sum({2, 3});                // (r, r)
    const torch::Tensor den = anti.pow(2).sum({2, 3});                           // (r, r)
    const torch::Tensor upper = torch::ones({r, r}, torch::kFloat64).triu();     // i <= j
    const double num_sum = (num * upper).sum().item<double>(), den_sum = (den * upper).sum().item<double>();
    CliffordScore s;
    s.n = n;
    s.terms = r;
    s.violation = den_sum > 0 ? num_sum / den_sum : 0.0;
    for (double e : toDoubles(eta)) s.signature.push_back(e >= 0 ? 1 : -1);
    s.pair_violation = toDoubles(torch::where(den > 0, num / den.clamp_min(1e-300), torch::zeros_like(den)));
    return s;
}

/// The n x n side of a block-size-n Kronecker fit: A_k when the small factor is first, else S_k. (r, n, n)
torch::Tensor squareFactors(const KroneckerFactors& f, bool small_first) {
    return small_first ? f.a : f.s;
}

// ---- angles

/// Polar factors of square matrices: (B, N, N) float64 -> (B, N, N).
torch::Tensor polarBatch(const torch::Tensor& m) {
    torch::Tensor u, s, vh;
    std::tie(u, s, vh) = torch::linalg_svd(m, /*full_matrices=*/false);
    return torch::matmul(u, vh);
}

/// Eigen-angles of real orthogonal matrices: (B, N, N) -> (B N) float64.
torch::Tensor eigenAnglesBatch(const torch::Tensor& q) {
    const torch::Tensor e = torch::view_as_real(torch::linalg_eigvals(q).contiguous());  // (B, N, 2)
    return torch::atan2(e.select(-1, 1), e.select(-1, 0)).reshape({-1});
}

/// Haar O(N): (count, N, N) float64 from one generator.
torch::Tensor haarBatch(int64_t count, int64_t n, at::Generator& gen) {
    const torch::Tensor g = torch::randn({count, n, n}, gen, torch::TensorOptions().dtype(torch::kFloat64));
    torch::Tensor q, r;
    std::tie(q, r) = torch::linalg_qr(g);
    torch::Tensor sgn = r.diagonal(0, -2, -1).sign();  // (count, N)
    sgn.masked_fill_(sgn == 0, 1.0);
    return q * sgn.unsqueeze(-2);  // column j times sign(R_jj)
}

std::vector<double> foldOf(const torch::Tensor& angles, int max_fold) {
    // angles: (M) float64
    if (angles.numel() == 0) return std::vector<double>(max_fold, 0.0);
    const torch::Tensor k = torch::arange(1, max_fold + 1, torch::kFloat64).unsqueeze(1);  // (K, 1)
    const torch::Tensor phase = k * angles.unsqueeze(0);                                   // (K, M)
    return toDoubles(torch::hypot(phase.cos().mean(1), phase.sin().mean(1)));
}

std::vector<double> histogramOf(const torch::Tensor& angles, int bins) {
    if (angles.numel() == 0) return std::vector<double>(bins, 0.0);
    const torch::Tensor h = torch::histc(angles, bins, -kPi, kPi);  // last bin includes pi
    return toDoubles(h / static_cast<double>(angles.numel()));
}

struct AngleNull {
    std::vector<NullDraws> draws;        // fold scores [k][draw] per null kind
    std::vector<double> mean_histogram;  // first kind
};

/// Haar nulls keyed by block sizes, draws, seed, bins and folds: a batch computes each once.
using HaarCache = std::map<std::string, AngleNull>;

AngleNull haarNull(const std::map<int64_t, int64_t>& blocks_by_size, const ProbeSettings& s, HaarCache* cache,
                   Progress* progress) {
    std::string key = std::to_string(s.null_draws) + "/" + std::to_string(s.seed) + "/" +
                      std::to_string(s.histogram_bins) + "/" + std::to_string(s.max_fold);
    for (const auto& [n, c] : blocks_by_size) key += "/" + std::to_string(n) + "x" + std::to_string(c);
    if (cache) {
        auto it = cache->find(key);
        if (it != cache->end()) return it->second;
    }
    auto gen = at::detail::createCPUGenerator(s.seed);
    NullDraws nd;
    nd.kind = ProbeNullKind::Haar;
    nd.seed = s.seed;
    nd.scores.resize(s.max_fold);
    std::vector<double> hist(s.histogram_bins, 0.0);
    for (int d = 0; d < s.null_draws; ++d) {
        if (progress) progress->throwIfCancelled();
        std::vector<torch::Tensor> parts;
        for (const auto& [n, c] : blocks_by_size) parts.push_back(eigenAnglesBatch(haarBatch(c, n, gen)));
        const torch::Tensor angles = torch::cat(parts);
        const auto fold = foldOf(angles, s.max_fold);
        for (int k = 0; k < s.max_fold; ++k) nd.scores[k].push_back(fold[k]);
        const auto h = histogramOf(angles, s.histogram_bins);
        for (int b = 0; b < s.histogram_bins; ++b) hist[b] += h[b] / s.null_draws;
        if (progress)
            progress->report(static_cast<double>(d + 1) / s.null_draws, "Haar draw " + std::to_string(d + 1));
    }
    AngleNull out;
    out.draws.push_back(std::move(nd));
    out.mean_histogram = hist;
    if (cache) (*cache)[key] = out;
    return out;
}

RotationAngles anglesResult(const torch::Tensor& angles_in, const AngleNull& null, const ProbeSettings& s,
                            const std::string& source, int64_t block_size, int64_t blocks) {
    RotationAngles r;
    r.source = source;
    r.block_size = block_size;
    r.blocks = blocks;
    const torch::Tensor angles = std::get<0>(angles_in.sort());
    r.angles = toDoubles(angles);
    r.bins = s.histogram_bins;
    r.histogram = histogramOf(angles, s.histogram_bins);
    r.null_histogram = null.mean_histogram;
    const auto fold = foldOf(angles, s.max_fold);
    for (int k = 0; k < s.max_fold; ++k)
        r.fold.push_back(makeScore("S_" + std::to_string(k + 1), fold[k], null.draws, k));
    return r;
}

/// Polar-factor angles of square float64 blocks, pooled.
RotationAngles polarAngles(const std::vector<torch::Tensor>& squares, const ProbeSettings& s,
                           const std::string& source, HaarCache* cache, Progress* progress) {
    const auto start = std::chrono::steady_clock::now();
    if (squares.empty()) throw InputError("rotation angles: no square blocks");
    std::map<int64_t, std::vector<torch::Tensor>> by_size;
    for (const auto& q : squares) {
        if (q.dim() != 2 || q.size(0) != q.size(1))
            throw InputError("rotation angles need square matrices (got " + dims(q.size(0), q.size(1)) + ")");
        by_size[q.size(0)].push_back(q.to(torch::kFloat64));
    }
    std::map<int64_t, int64_t> counts;
    std::vector<torch::Tensor> parts;
    for (const auto& [n, list] : by_size) {
        counts[n] = static_cast<int64_t>(list.size());
        parts.push_back(eigenAnglesBatch(polarBatch(torch::stack(list))));
    }
    const AngleNull null = haarNull(counts, s, cache, progress);
    const int64_t block_size = by_size.size() == 1 ? by_size.begin()->first : 0;
    auto r =
        anglesResult(torch::cat(parts), null, s, source, block_size, static_cast<int64_t>(squares.size()));
    std::string sizes;
    for (const auto& [n, c] : counts)
        sizes += (sizes.empty() ? "" : ", ") + std::to_string(c) + " x O(" + std::to_string(n) + ")";
    r.settings = "eigen-angles of polar factors U V^T (" + sizes + "), " + std::to_string(s.histogram_bins) +
                 " bins over [-pi, pi], S_1..S_" + std::to_string(s.max_fold) + "; " + nullLine(s, true) +
                 std::to_string(s.seed);
    r.seconds = secondsSince(start);
    return r;
}

torch::Tensor tileAngles(const torch::Tensor& x) {
    const torch::Tensor coef = basisCoefficients(basisPlanes(x, /*small_first=*/false));  // (4, T)
    const torch::Tensor a = coef[0], b = coef[1];
    const torch::Tensor keep = (a != 0).logical_or(b != 0);
    return torch::atan2(b.masked_select(keep), a.masked_select(keep));
}

RotationAngles tileAnglesProbe(const torch::Tensor& w32, const ProbeSettings& s, uint64_t seed,
                               const std::string& source, Progress* progress) {
    const auto start = std::chrono::steady_clock::now();
    if (w32.size(0) % 2 != 0 || w32.size(1) % 2 != 0)
        throw InputError("2x2 tile angles need even rows and cols (got " + dims(w32.size(0), w32.size(1)) +
                         ")");
    const torch::Tensor angles = tileAngles(w32);
    // One score vector per draw: the fold scores, then the histogram (for the null's mean histogram).
    const auto draws = drawMatrixNulls(w32, s, seed, progress, [&](const torch::Tensor& x) {
        const torch::Tensor t = tileAngles(x);
        auto v = foldOf(t, s.max_fold);
        const auto h = histogramOf(t, s.histogram_bins);
        v.insert(v.end(), h.begin(), h.end());
        return v;
    });
    AngleNull null;
    null.draws = draws;
    null.mean_histogram.assign(s.histogram_bins, 0.0);
    for (int b = 0; b < s.histogram_bins; ++b)
        for (double v : draws[0].scores[s.max_fold + b]) null.mean_histogram[b] += v / s.null_draws;
    auto r = anglesResult(angles, null, s, source, 2, angles.numel());
    r.settings = "theta = atan2(b, a) of the " + std::to_string(angles.numel()) + " nonzero 2x2 tiles, " +
                 std::to_string(s.histogram_bins) + " bins over [-pi, pi], S_1..S_" +
                 std::to_string(s.max_fold) + "; " + nullLine(s) + std::to_string(seed);
    r.seconds = secondsSince(start);
    return r;
}

// ---- per-matrix cores

KronRatioResult kronRatioOf(const torch::Tensor& w32, const ProbeSettings& s, uint64_t seed,
                            Progress* progress) {
    const auto start = std::chrono::steady_clock::now();
    const auto spec = specFor(w32.size(0), w32.size(1), s);
    KronRatioResult r;
    r.rows = w32.size(0);
    r.cols = w32.size(1);
    r.spec = spec;
    const double value = fitKroneckerFactors(w32, spec).rel_err;
    const auto draws = drawMatrixNulls(w32, s, seed, progress, [&](const torch::Tensor& x) {
        return std::vector<double>{fitKroneckerFactors(x, spec).rel_err};
    });
    r.rel_err = makeScore("rel_err", value, draws, 0);
    for (const auto& n : r.rel_err.nulls) {
        const double ratio = n.mean > 0 ? value / n.mean : 0.0, spread = n.mean > 0 ? n.std / n.mean : 0.0;
        if (n.kind == ProbeNullKind::Gaussian) r.ratio_gaussian = ratio, r.ratio_gaussian_std = spread;
        if (n.kind == ProbeNullKind::Permuted) r.ratio_permuted = ratio, r.ratio_permuted_std = spread;
    }
    r.settings = spec.label() + "; " + nullLine(s) + std::to_string(seed);
    r.seconds = secondsSince(start);
    return r;
}

BasisEnergyResult basisEnergyOf(const torch::Tensor& w32, const ProbeSettings& s, uint64_t seed,
                                Progress* progress) {
    const auto start = std::chrono::steady_clock::now();
    if (w32.size(0) % 2 != 0 || w32.size(1) % 2 != 0)
        throw InputError("2x2 basis energy needs even rows and cols (got " + dims(w32.size(0), w32.size(1)) +
                         ")");
    const BasisEval e = evalBasis(w32, s.small_first);
    const auto draws = drawMatrixNulls(w32, s, seed, progress, [&](const torch::Tensor& x) {
        return basisScoreVector(evalBasis(x, s.small_first));
    });
    BasisEnergyResult r;
    r.rows = w32.size(0);
    r.cols = w32.size(1);
    r.small_first = s.small_first;
    r.energy = e.energy;
    for (int i = 0; i < 4; ++i)
        r.shares[i] =
            makeScore(std::string("share ") + basis2x2Name(static_cast<Basis2x2>(i)), e.shares[i], draws, i);
    r.complex_share = makeScore("complex share", e.complex, draws, 4);
    r.factors = e.factors;
    for (size_t k = 0; k < r.factors.size(); ++k)
        r.factors[k].complex_share =
            makeScore("complex share", r.factors[k].complex_share.value, draws, 5 + k);
    r.settings = std::string("W = I (x) S_I + J (x) S_J + K (x) S_K + L (x) S_L, ") +
                 (s.small_first ? "2x2 factor first" : "2x2 factor second (W tiled by 2x2 blocks)") +
                 "; factors from the n = 2 Kronecker fit (r = 2); " + nullLine(s) + std::to_string(seed);
    r.seconds = secondsSince(start);
    return r;
}

CliffordResult cliffordOfMatrix(const torch::Tensor& w32, const ProbeSettings& s, uint64_t seed,
                                Progress* progress) {
    const auto start = std::chrono::steady_clock::now();
    const auto spec = specFor(w32.size(0), w32.size(1), s);
    const auto fit = fitKroneckerFactors(w32, spec);
    const torch::Tensor f = squareFactors(fit, s.small_first).to(torch::kFloat64);  // (r, n, n)
    CliffordResult r;
    r.rows = w32.size(0);
    r.cols = w32.size(1);
    r.spec = spec;
    r.score = cliffordOf(f);
    {
        const int64_t k = f.size(0), n = f.size(1);
        const torch::Tensor norms = f.reshape({k, n * n}).norm(2, 1);
        const torch::Tensor scale = torch::where(
            norms > 0, std::sqrt(static_cast<double>(n)) / norms.clamp_min(1e-300), torch::ones_like(norms));
        r.factors = toFloats(f * scale.view({k, 1, 1}));
    }
    const auto draws = drawMatrixNulls(w32, s, seed, progress, [&](const torch::Tensor& x) {
        return std::vector<double>{
            cliffordOf(squareFactors(fitKroneckerFactors(x, spec), s.small_first)).violation};
    });
    r.violation = makeScore("V", r.score.violation, draws, 0);
    r.settings = spec.label() + ", factors normalized to ||A_k||_F^2 = n, best diagonal signature; " +
                 nullLine(s) + std::to_string(seed);
    r.seconds = secondsSince(start);
    return r;
}

std::vector<torch::Tensor> toTensors(const std::vector<MatrixF>& squares) {
    std::vector<torch::Tensor> out;
    for (size_t i = 0; i < squares.size(); ++i)
        out.push_back(toTensor(squares[i], "block " + std::to_string(i)));
    return out;
}

}  // namespace

// ---- small API

const char* probeNullName(ProbeNullKind kind) { return nullKindName(kind); }

const ProbeNull* ProbeScore::null(ProbeNullKind kind) const {
    for (const auto& n : nulls)
        if (n.kind == kind) return &n;
    return nullptr;
}

double ProbeScore::z(ProbeNullKind kind) const {
    const auto* n = null(kind);
    return n ? n->z : 0.0;
}

const char* angleSourceName(AngleSource source) {
    switch (source) {
        case AngleSource::Whole:
            return "whole";
        case AngleSource::HeadBlocks:
            return "heads";
        case AngleSource::KroneckerFactors:
            return "factors";
        case AngleSource::Blocks2x2:
            return "blocks2x2";
    }
    return "?";
}

AngleSource parseAngleSource(const std::string& name) {
    for (auto s :
         {AngleSource::Whole, AngleSource::HeadBlocks, AngleSource::KroneckerFactors, AngleSource::Blocks2x2})
        if (name == angleSourceName(s)) return s;
    throw InputError("unknown angle source '" + name + "' (whole, heads, factors or blocks2x2)");
}

const char* basis2x2Name(Basis2x2 x) {
    static const char* names[] = {"I", "J", "K", "L"};
    return names[static_cast<int>(x)];
}

std::array<double, 4> basis2x2Coefficients(const std::array<double, 4>& m) {
    return {(m[0] + m[3]) / 2, (m[2] - m[1]) / 2, (m[0] - m[3]) / 2, (m[1] + m[2]) / 2};
}

void ProbeSettings::validate() const {
    if (block_size < 1)
        throw InputError("block size n must be at least 1 (got " + std::to_string(block_size) + ")");
    if (terms < 0)
        throw InputError("terms r must be 0 (= n) or positive (got " + std::to_string(terms) + ")");
    if (null_draws < 2)
        throw InputError("a null model needs at least 2 draws (got " + std::to_string(null_draws) + ")");
    if (histogram_bins < 1) throw InputError("the angle histogram needs at least 1 bin");
    if (max_fold < 1) throw InputError("k-fold scores need max_fold >= 1");
}

std::string ProbeSettings::describe() const {
    return "n = " + std::to_string(block_size) + ", r = " + std::to_string(effectiveTerms()) + ", " +
           (small_first ? "small factor first" : "small factor second") + ", " + std::to_string(null_draws) +
           " null draws (" + (permuted_null ? "gaussian + permuted" : "gaussian") + "), seed " +
           std::to_string(seed) + ", angles: " + angleSourceName(angle_source) + ", " +
           std::to_string(histogram_bins) + " bins, S_1..S_" + std::to_string(max_fold);
}

uint64_t probeSeed(uint64_t seed, const std::string& name) {
    Fnv1a h;
    h.update(name);
    uint64_t z = seed ^ h.value();  // splitmix64
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (z ^ (z >> 31)) >> 1;  // 63 bits: fits the CLI's --seed and JSON integers
}

// ---- single matrices

KronRatioResult probeKronRatio(const MatrixF& w, const ProbeSettings& settings, Progress* progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    SmallProblemThreads threads(entries(w));
    return kronRatioOf(toTensor(w, "Kronecker ratio"), settings, settings.seed, progress);
}

BasisEnergyResult probeBasisEnergy(const MatrixF& w, const ProbeSettings& settings, Progress* progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    SmallProblemThreads threads(entries(w));
    return basisEnergyOf(toTensor(w, "2x2 basis energy"), settings, settings.seed, progress);
}

BasisEnergyAggregate aggregateBasisEnergy(const std::vector<const BasisEnergyResult*>& results,
                                          const std::string& label, int layer) {
    BasisEnergyAggregate agg;
    agg.label = label;
    agg.layer = layer;
    agg.matrices = static_cast<int>(results.size());
    if (results.empty()) return agg;
    for (const auto* r : results) agg.energy += r->energy;
    auto combine = [&](const std::function<const ProbeScore&(const BasisEnergyResult&)>& pick) {
        ProbeScore out;
        out.name = pick(*results.front()).name;
        for (const auto* r : results)
            out.value += agg.energy > 0 ? pick(*r).value * r->energy / agg.energy : 0.0;
        // Null draw d: each matrix's d-th null share weighted by the matrix's own energy.
        for (const auto& n0 : pick(*results.front()).nulls) {
            std::vector<double> samples(n0.samples.size(), 0.0);
            for (const auto* r : results) {
                const auto* n = pick(*r).null(n0.kind);
                if (!n || n->samples.size() != samples.size())
                    throw InputError("basis energy aggregate: results have different null settings");
                for (size_t d = 0; d < samples.size(); ++d)
                    samples[d] += agg.energy > 0 ? n->samples[d] * r->energy / agg.energy : 0.0;
            }
            out.nulls.push_back(summarize(n0.kind, n0.seed, samples, out.value));
        }
        return out;
    };
    for (int i = 0; i < 4; ++i)
        agg.shares[i] = combine([i](const BasisEnergyResult& r) -> const ProbeScore& { return r.shares[i]; });
    agg.complex_share =
        combine([](const BasisEnergyResult& r) -> const ProbeScore& { return r.complex_share; });
    return agg;
}

CliffordScore cliffordViolation(const std::vector<float>& factors, int64_t terms, int64_t n) {
    torch::NoGradGuard no_grad;
    if (terms < 1 || n < 1 || static_cast<int64_t>(factors.size()) != terms * n * n)
        throw InputError("Clifford violation: " + std::to_string(factors.size()) + " values are not " +
                         std::to_string(terms) + " factors of " + dims(n, n));
    SmallProblemThreads threads(static_cast<int64_t>(factors.size()) * terms);  // ~ the products' size
    const auto t = torch::from_blob(const_cast<float*>(factors.data()), {terms, n, n}, torch::kFloat32);
    return cliffordOf(t);
}

CliffordResult probeClifford(const MatrixF& w, const ProbeSettings& settings, Progress* progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    SmallProblemThreads threads(entries(w));
    return cliffordOfMatrix(toTensor(w, "Clifford violation"), settings, settings.seed, progress);
}

RotationAngles probeRotationAngles(const std::vector<MatrixF>& squares, const ProbeSettings& settings,
                                   const std::string& source, Progress* progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    SmallProblemThreads threads(entries(squares));
    return polarAngles(toTensors(squares), settings, source, nullptr, progress);
}

RotationAngles probeBlockAngles2x2(const MatrixF& w, const ProbeSettings& settings, const std::string& source,
                                   Progress* progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    SmallProblemThreads threads(entries(w));
    return tileAnglesProbe(toTensor(w, "2x2 tile angles"), settings, settings.seed, source, progress);
}

MatrixF polarFactor(const MatrixF& square) {
    useAllCores();
    torch::NoGradGuard no_grad;
    SmallProblemThreads threads(entries(square));
    const auto t = toTensor(square, "polar factor");
    if (t.size(0) != t.size(1))
        throw InputError("polar factor of a non-square " + dims(t.size(0), t.size(1)) + " matrix");
    return toMatrix(polarBatch(t.to(torch::kFloat64).unsqueeze(0))[0]);
}

std::vector<double> eigenAngles(const MatrixF& orthogonal) {
    useAllCores();
    torch::NoGradGuard no_grad;
    SmallProblemThreads threads(entries(orthogonal));
    const auto t = toTensor(orthogonal, "eigen-angles");
    if (t.size(0) != t.size(1))
        throw InputError("eigen-angles of a non-square " + dims(t.size(0), t.size(1)) + " matrix");
    return toDoubles(std::get<0>(eigenAnglesBatch(t.to(torch::kFloat64).unsqueeze(0)).sort()));
}

std::vector<double> foldScores(const std::vector<double>& angles, int max_fold) {
    torch::NoGradGuard no_grad;
    const auto t = torch::tensor(angles, torch::kFloat64);
    return foldOf(t, max_fold);
}

MatrixF haarOrthogonal(int64_t n, uint64_t seed) {
    torch::NoGradGuard no_grad;
    if (n < 1) throw InputError("Haar O(N) needs N >= 1");
    SmallProblemThreads threads(n * n);
    auto gen = at::detail::createCPUGenerator(seed);
    return toMatrix(haarBatch(1, n, gen)[0]);
}

MatrixF attentionPart(const MatrixF& c_attn, const std::string& part) {
    const int64_t index = part == "q" ? 0 : part == "k" ? 1 : part == "v" ? 2 : -1;
    if (index < 0) throw InputError("attention part must be q, k or v (got '" + part + "')");
    if (c_attn.cols != 3 * c_attn.rows)
        throw InputError("c_attn must be [n_embd, 3 n_embd] (got " + dims(c_attn.rows, c_attn.cols) + ")");
    MatrixF out;
    out.rows = out.cols = c_attn.rows;
    out.values.resize(static_cast<size_t>(out.rows * out.cols));
    for (int64_t i = 0; i < out.rows; ++i)
        std::copy_n(c_attn.values.begin() + i * c_attn.cols + index * out.cols, out.cols,
                    out.values.begin() + i * out.cols);
    return out;
}

std::vector<MatrixF> diagonalBlocks(const MatrixF& w, int64_t block) {
    if (block < 1 || w.rows % block != 0 || w.cols % block != 0)
        throw InputError(dims(w.rows, w.cols) + " is not divisible into " + dims(block, block) + " blocks");
    std::vector<MatrixF> out;
    for (int64_t b = 0; b < std::min(w.rows, w.cols) / block; ++b) {
        MatrixF m;
        m.rows = m.cols = block;
        m.values.resize(static_cast<size_t>(block * block));
        for (int64_t i = 0; i < block; ++i)
            std::copy_n(w.values.begin() + (b * block + i) * w.cols + b * block, block,
                        m.values.begin() + i * block);
        out.push_back(std::move(m));
    }
    return out;
}

std::vector<MatrixF> squareColumnBlocks(const MatrixF& w) {
    if (w.rows < 1 || w.cols % w.rows != 0)
        throw InputError(dims(w.rows, w.cols) + " does not split into " + dims(w.rows, w.rows) +
                         " column blocks");
    std::vector<MatrixF> out;
    for (int64_t b = 0; b < w.cols / w.rows; ++b) {
        MatrixF m;
        m.rows = m.cols = w.rows;
        m.values.resize(static_cast<size_t>(w.rows * w.rows));
        for (int64_t i = 0; i < w.rows; ++i)
            std::copy_n(w.values.begin() + i * w.cols + b * w.rows, w.rows, m.values.begin() + i * w.rows);
        out.push_back(std::move(m));
    }
    return out;
}

// ---- model batches

std::vector<MatrixRef> selectProbeMatrices(const Gpt2Model& model, const std::string& spec_in) {
    const auto all = model.matrices();
    const std::string spec = spec_in.empty() ? "all" : spec_in;
    std::vector<MatrixRef> out;
    if (spec == "all") return all;
    if (spec == "attn" || spec == "mlp") {
        for (const auto& m : all)
            if (m.kind.rfind(spec + ".", 0) == 0) out.push_back(m);
        return out;
    }
    if (spec.find(':') != std::string::npos || spec.find('+') != std::string::npos) {
        const auto targets = MatrixTargets::parse(spec);
        for (const auto& m : all)
            if (targets.selects(m)) out.push_back(m);
        if (out.empty()) throw InputError("matrix selection '" + spec + "' selects no block matrix");
        return out;
    }
    size_t start = 0;
    while (start <= spec.size()) {
        const size_t comma = std::min(spec.find(',', start), spec.size());
        std::string name = spec.substr(start, comma - start);
        start = comma + 1;
        if (name.empty()) continue;
        if (name.size() > 7 && name.compare(name.size() - 7, 7, ".weight") == 0) name.resize(name.size() - 7);
        auto it = std::find_if(all.begin(), all.end(), [&](const MatrixRef& m) { return m.name == name; });
        if (it == all.end())
            throw InputError("unknown block matrix '" + name +
                             "' (names look like h.0.attn.c_proj; use all, attn, "
                             "mlp or a comma list)");
        out.push_back(*it);
    }
    if (out.empty()) throw InputError("empty matrix selection");
    return out;
}

namespace {

template <typename Result, typename Fn>
std::vector<Result> forEachMatrix(const Gpt2Model& model, const std::vector<MatrixRef>& matrices,
                                  const ProbeSettings& s, Progress& progress, const std::string& what,
                                  Fn fn) {
    std::vector<Result> out;
    const double count = static_cast<double>(matrices.size());
    for (size_t i = 0; i < matrices.size(); ++i) {
        progress.throwIfCancelled();
        const auto& m = matrices[i];
        progress.report(i / count, what + " " + m.name);
        auto sub = progress.sub(i / count, (i + 1) / count);
        const auto w = toTensor(model.originalMatrix(m.name), m.name);
        Result r = fn(w, probeSeed(s.seed, m.name), &sub);
        r.matrix = m.name;
        r.layer = m.layer;
        out.push_back(std::move(r));
    }
    progress.report(1.0, what + " done");
    return out;
}

}  // namespace

KronRatioReport probeKronRatios(const Gpt2Model& model, const std::vector<MatrixRef>& matrices,
                                const ProbeSettings& settings, Progress& progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    const auto start = std::chrono::steady_clock::now();
    KronRatioReport rep;
    rep.settings = settings;
    rep.matrices = forEachMatrix<KronRatioResult>(model, matrices, settings, progress, "Kronecker ratio",
                                                  [&](const torch::Tensor& w, uint64_t seed, Progress* p) {
                                                      return kronRatioOf(w, settings, seed, p);
                                                  });
    rep.seconds = secondsSince(start);
    return rep;
}

BasisEnergyReport probeBasisEnergies(const Gpt2Model& model, const std::vector<MatrixRef>& matrices,
                                     const ProbeSettings& settings, Progress& progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    const auto start = std::chrono::steady_clock::now();
    BasisEnergyReport rep;
    rep.settings = settings;
    rep.matrices = forEachMatrix<BasisEnergyResult>(model, matrices, settings, progress, "2x2 basis energy",
                                                    [&](const torch::Tensor& w, uint64_t seed, Progress* p) {
                                                        return basisEnergyOf(w, settings, seed, p);
                                                    });
    std::map<int, std::vector<const BasisEnergyResult*>> by_layer;
    std::vector<const BasisEnergyResult*> all;
    for (const auto& r : rep.matrices) {
        by_layer[r.layer].push_back(&r);
        all.push_back(&r);
    }
    for (const auto& [layer, list] : by_layer)
        rep.layers.push_back(aggregateBasisEnergy(list, "layer " + std::to_string(layer), layer));
    rep.model = aggregateBasisEnergy(all, "model", -1);
    rep.seconds = secondsSince(start);
    return rep;
}

CliffordReport probeCliffords(const Gpt2Model& model, const std::vector<MatrixRef>& matrices,
                              const ProbeSettings& settings, Progress& progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    const auto start = std::chrono::steady_clock::now();
    CliffordReport rep;
    rep.settings = settings;
    rep.matrices = forEachMatrix<CliffordResult>(model, matrices, settings, progress, "Clifford violation",
                                                 [&](const torch::Tensor& w, uint64_t seed, Progress* p) {
                                                     return cliffordOfMatrix(w, settings, seed, p);
                                                 });
    rep.seconds = secondsSince(start);
    return rep;
}

AngleReport probeAngles(const Gpt2Model& model, const std::vector<MatrixRef>& matrices,
                        const ProbeSettings& settings, Progress& progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    settings.validate();
    const auto start = std::chrono::steady_clock::now();
    const auto& c = model.config();
    const int64_t head_dim = c.n_embd / c.n_head;
    AngleReport rep;
    rep.settings = settings;
    HaarCache cache;
    const double count = static_cast<double>(matrices.size());
    for (size_t i = 0; i < matrices.size(); ++i) {
        progress.throwIfCancelled();
        const auto& m = matrices[i];
        progress.report(i / count, "rotation angles " + m.name);
        auto sub = progress.sub(i / count, (i + 1) / count);
        const MatrixF w = model.originalMatrix(m.name);
        const bool attention = m.kind.rfind("attn.", 0) == 0;
        const AngleSource src = settings.angle_source;
        // Parts: c_attn splits into q, k, v for whole and heads; other sources use the matrix as stored.
        std::vector<std::pair<std::string, MatrixF>> parts;
        if (m.kind == "attn.c_attn" && (src == AngleSource::Whole || src == AngleSource::HeadBlocks)) {
            for (const char* p : {"q", "k", "v"}) parts.emplace_back(p, attentionPart(w, p));
        } else {
            parts.emplace_back("", w);
        }
        for (size_t j = 0; j < parts.size(); ++j) {
            const auto& [part, pw] = parts[j];
            auto psub =
                sub.sub(static_cast<double>(j) / parts.size(), static_cast<double>(j + 1) / parts.size());
            const std::string label = m.name + (part.empty() ? "" : " " + part);
            AngleProbeResult r;
            r.matrix = m.name;
            r.layer = m.layer;
            r.part = part;
            r.source = src;
            if (src == AngleSource::Whole) {
                if (pw.rows != pw.cols) {
                    rep.skipped.push_back(m.name + ": " + dims(pw.rows, pw.cols) +
                                          " is not square (whole needs square parts)");
                    continue;
                }
                r.pooled = polarAngles({toTensor(pw, label)}, settings, label, &cache, &psub);
            } else if (src == AngleSource::HeadBlocks) {
                if (!attention || head_dim < 1 || pw.rows != c.n_embd || pw.cols != c.n_embd) {
                    rep.skipped.push_back(m.name + ": heads apply to attention's n_embd x n_embd parts");
                    continue;
                }
                const auto blocks = toTensors(diagonalBlocks(pw, head_dim));
                auto p0 = psub.sub(0.0, 0.5);
                r.pooled = polarAngles(blocks, settings, label + " heads", &cache, &p0);
                for (size_t h = 0; h < blocks.size(); ++h) {
                    const double n = static_cast<double>(blocks.size());
                    auto p1 = psub.sub(0.5 + 0.5 * h / n, 0.5 + 0.5 * (h + 1) / n);
                    r.per_block.push_back(polarAngles({blocks[h]}, settings,
                                                      label + " head " + std::to_string(h), &cache, &p1));
                }
            } else if (src == AngleSource::KroneckerFactors) {
                const auto tw = toTensor(pw, label);
                const auto spec = specFor(pw.rows, pw.cols, settings);
                const torch::Tensor f =
                    squareFactors(fitKroneckerFactors(tw, spec), settings.small_first);  // (r, n, n)
                std::vector<torch::Tensor> blocks;
                for (int64_t k = 0; k < f.size(0); ++k) blocks.push_back(f[k]);
                auto p0 = psub.sub(0.0, 0.5);
                r.pooled = polarAngles(blocks, settings, "factors of " + label, &cache, &p0);
                auto p1 = psub.sub(0.5, 1.0);
                for (size_t k = 0; k < blocks.size(); ++k)
                    r.per_block.push_back(polarAngles(
                        {blocks[k]}, settings, "factor " + std::to_string(k) + " of " + label, &cache, &p1));
            } else {
                if (pw.rows % 2 != 0 || pw.cols % 2 != 0) {
                    rep.skipped.push_back(m.name + ": 2x2 tiles need even rows and cols");
                    continue;
                }
                r.pooled = tileAnglesProbe(toTensor(pw, label), settings, probeSeed(settings.seed, m.name),
                                           label, &psub);
            }
            rep.results.push_back(std::move(r));
        }
    }
    progress.report(1.0, "rotation angles done");
    rep.seconds = secondsSince(start);
    return rep;
}

// ---- toy model

ToyProbeReport probeToyWeights(const MatrixF& w, const ProbeSettings& settings_in, Progress* progress) {
    useAllCores();
    torch::NoGradGuard no_grad;
    SmallProblemThreads threads(entries(w));
    const auto start = std::chrono::steady_clock::now();
    ProbeSettings s = settings_in;
    s.block_size = 2;
    s.terms = 2;
    s.small_first = true;
    s.validate();
    const auto t = toTensor(w, "toy model W");
    ToyProbeReport rep;
    rep.settings = s;
    // Each probe on its quarter of the progress range.
    auto quarter = [&](int q, const std::function<void(Progress*)>& fn) {
        if (!progress) return fn(nullptr);
        auto sub = progress->sub(q / 4.0, (q + 1) / 4.0);
        fn(&sub);
    };
    quarter(0, [&](Progress* p) { rep.kron_ratio = kronRatioOf(t, s, s.seed, p); });
    quarter(1, [&](Progress* p) { rep.basis_energy = basisEnergyOf(t, s, s.seed, p); });
    quarter(2, [&](Progress* p) { rep.clifford = cliffordOfMatrix(t, s, s.seed, p); });
    quarter(3, [&](Progress* p) {
        rep.angles = polarAngles(toTensors(squareColumnBlocks(w)), s, "toy W column blocks", nullptr, p);
    });
    rep.kron_ratio.matrix = rep.basis_energy.matrix = rep.clifford.matrix = "toy W";
    rep.seconds = secondsSince(start);
    return rep;
}

}  // namespace kronscope::core
