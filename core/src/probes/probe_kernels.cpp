#include "probes/probe_kernels.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <tuple>

#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"

namespace kronscope::core::probe_detail {

std::string dims(int64_t rows, int64_t cols) {
    return std::to_string(rows) + " x " + std::to_string(cols);
}

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
                                       Progress* progress, const DrawScorer& score, bool row_col) {
    std::vector<ProbeNullKind> kinds = {ProbeNullKind::Gaussian};
    if (s.permuted_null) kinds.push_back(ProbeNullKind::Permuted);
    if (s.permuted_null && row_col) kinds.push_back(ProbeNullKind::RowColPermuted);
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

std::string nullLine(const ProbeSettings& s, bool haar) {
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
    const auto draws = drawMatrixNulls(
        w32, s, seed, progress,
        [&](const torch::Tensor& x) { return std::vector<double>{fitKroneckerFactors(x, spec).rel_err}; },
        true);
    r.rel_err = makeScore("rel_err", value, draws, 0);
    for (const auto& n : r.rel_err.nulls) {
        const double ratio = n.mean > 0 ? value / n.mean : 0.0, spread = n.mean > 0 ? n.std / n.mean : 0.0;
        if (n.kind == ProbeNullKind::Gaussian) r.ratio_gaussian = ratio, r.ratio_gaussian_std = spread;
        if (n.kind == ProbeNullKind::Permuted) r.ratio_permuted = ratio, r.ratio_permuted_std = spread;
        if (n.kind == ProbeNullKind::RowColPermuted) r.ratio_row_col = ratio, r.ratio_row_col_std = spread;
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

}  // namespace kronscope::core::probe_detail
