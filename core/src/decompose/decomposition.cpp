#include "kronscope/core/decompose/decomposition.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <tuple>

#include "decompose/decomposition_impl.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"

namespace kronscope::core {

namespace {

std::string dims(int64_t rows, int64_t cols) {
    return std::to_string(rows) + " x " + std::to_string(cols);
}

/// Float64 working copy; the factors go back in the input's dtype (float32 for half types).
torch::ScalarType outputDtype(const torch::Tensor& w) {
    return w.scalar_type() == torch::kFloat64 ? torch::kFloat64 : torch::kFloat32;
}

void requireMatrix(const torch::Tensor& w, const char* what) {
    if (w.dim() != 2)
        throw InputError(std::string(what) + ": expected a matrix, got " + std::to_string(w.dim()) + " dims");
    if (!torch::isfinite(w).all().item<bool>())
        throw InputError(std::string(what) + " " + dims(w.size(0), w.size(1)) +
                         " contains NaN or Inf entries");
}

/// Top-k singular triplets of a (q1, q2) float64 matrix through the Gram matrix of its shorter side.
/// The orthonormal side comes from eigh; the other is M^T u (or M v), whose norms are the singular values,
/// so the fit is the exact projection onto the top-k singular subspace even when s_k is zero.
struct TopSvd {
    torch::Tensor u;         // (q1, k), orthonormal columns
    torch::Tensor sigma;     // (k), float64
    torch::Tensor v;         // (q2, k), orthonormal columns (zero where sigma is zero)
    torch::Tensor spectrum;  // (min(q1, q2)), float64 on CPU, descending
    std::string method;
};

TopSvd topSvd(const torch::Tensor& m, int64_t k, const char* name) {
    // m: (q1, q2) float64
    const int64_t q1 = m.size(0), q2 = m.size(1);
    const bool short_wide = q1 <= q2;
    const torch::Tensor gram = short_wide ? m.mm(m.t()) : m.t().mm(m);  // (q, q), q = min(q1, q2)
    torch::Tensor evals, evecs;
    std::tie(evals, evecs) = torch::linalg_eigh(gram, /*UPLO=*/"L");  // ascending
    evals = evals.flip({0});                                          // (q), descending
    const torch::Tensor top = evecs.flip({1}).narrow(/*dim=*/1, /*start=*/0, /*length=*/k);  // (q, k)
    const torch::Tensor other = short_wide ? m.t().mm(top) : m.mm(top);  // (q2, k) or (q1, k)
    const torch::Tensor sigma = other.pow(2).sum(/*dim=*/0).sqrt();      // (k)
    const torch::Tensor other_unit = other / torch::where(sigma > 0, sigma, torch::ones_like(sigma));

    TopSvd out;
    out.sigma = sigma;
    out.u = short_wide ? top : other_unit;
    out.v = short_wide ? other_unit : top;
    // The leading values measured as norms (accurate to float64 rounding); the rest from the eigenvalues,
    // accurate to about 1e-8 s_1.
    out.spectrum = evals.clamp_min(0).sqrt().cpu();
    out.spectrum.narrow(0, 0, k).copy_(sigma.cpu());
    const int64_t q = std::min(q1, q2);
    const std::string n(name);
    out.method =
        "eigh of " + (short_wide ? n + " " + n + "^T" : n + "^T " + n) + " (" + dims(q, q) + ", float64)";
    return out;
}

double tailRelErr(const torch::Tensor& spectrum, int64_t k, double norm_w) {
    // spectrum: (q) float64, descending
    if (norm_w <= 0.0 || k >= spectrum.size(0)) return 0.0;
    const double tail = spectrum.narrow(0, k, spectrum.size(0) - k).pow(2).sum().item<double>();
    return std::sqrt(tail) / norm_w;
}

torch::Tensor toTensor(const MatrixF& w, const char* what) {
    if (w.rows <= 0 || w.cols <= 0)
        throw InputError(std::string(what) + ": empty matrix (" + dims(w.rows, w.cols) + ")");
    if (static_cast<int64_t>(w.values.size()) != w.rows * w.cols)
        throw InputError(std::string(what) + ": " + dims(w.rows, w.cols) + " matrix holds " +
                         std::to_string(w.values.size()) + " values");
    // Read only: the blob is copied (to float64) before any use.
    return torch::from_blob(const_cast<float*>(w.values.data()), {w.rows, w.cols}, torch::kFloat32);
}

std::vector<float> toVector(const torch::Tensor& t) {
    const torch::Tensor c = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

std::vector<double> toDoubles(const torch::Tensor& t) {
    const torch::Tensor c = t.detach().to(torch::kCPU, torch::kFloat64).contiguous();
    return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

MatrixF toMatrix(const torch::Tensor& t) {
    // t: (rows, cols)
    MatrixF m;
    m.rows = t.size(0);
    m.cols = t.size(1);
    m.values = toVector(t);
    return m;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

// ---------------------------------------------------------------------------------------------- spec

KroneckerSpec KroneckerSpec::forBlockSize(int64_t rows, int64_t cols, int64_t n, bool small_first) {
    if (n < 1) throw InputError("block size n must be at least 1 (got " + std::to_string(n) + ")");
    if (rows < 1 || cols < 1)
        throw InputError("cannot split an empty " + dims(rows, cols) + " matrix into blocks");
    if (rows % n != 0 || cols % n != 0)
        throw InputError(dims(rows, cols) + " is not divisible into " + dims(n, n) + " blocks");
    KroneckerSpec spec;
    if (small_first) {
        spec.m1 = n, spec.p1 = n, spec.m2 = rows / n, spec.p2 = cols / n;
    } else {
        spec.m1 = rows / n, spec.p1 = cols / n, spec.m2 = n, spec.p2 = n;
    }
    spec.terms = n;
    return spec;
}

void KroneckerSpec::validate(int64_t rows, int64_t cols) const {
    if (m1 < 1 || p1 < 1 || m2 < 1 || p2 < 1)
        throw InputError("Kronecker factor shapes must be positive (got A " + dims(m1, p1) + ", S " +
                         dims(m2, p2) + ")");
    if (m1 * m2 != rows || p1 * p2 != cols)
        throw InputError(dims(rows, cols) + " does not match A " + dims(m1, p1) + " (x) S " + dims(m2, p2) +
                         " = " + dims(m1 * m2, p1 * p2));
    if (terms < 1)
        throw InputError("Kronecker terms r must be at least 1 (got " + std::to_string(terms) + ")");
}

std::string KroneckerSpec::label() const {
    std::string out =
        "A_k " + dims(m1, p1) + " (x) S_k " + dims(m2, p2) + ", r = " + std::to_string(effectiveTerms());
    if (terms > maxTerms()) out += " (" + std::to_string(terms) + " requested, capped at min(m1 p1, m2 p2))";
    out += rescale ? ", Frobenius rescaling on" : ", rescale off";
    return out;
}

int64_t matchedSvdRank(int64_t rows, int64_t cols, int64_t kron_params) {
    if (rows < 1 || cols < 1)
        throw InputError("matched SVD rank of an empty " + dims(rows, cols) + " matrix");
    const int64_t k = std::llround(static_cast<double>(kron_params) / static_cast<double>(rows + cols));
    return std::clamp<int64_t>(k, 1, std::min(rows, cols));
}

// ---------------------------------------------------------------------------------------------- Kronecker

torch::Tensor kroneckerRearrange(const torch::Tensor& w, const KroneckerSpec& spec) {
    // w: (m1 m2, p1 p2) -> (m1, m2, p1, p2) -> (m1, p1, m2, p2) -> (m1 p1, m2 p2)
    return w.reshape({spec.m1, spec.m2, spec.p1, spec.p2})
        .permute({0, 2, 1, 3})
        .reshape({spec.m1 * spec.p1, spec.m2 * spec.p2});
}

torch::Tensor kroneckerUnrearrange(const torch::Tensor& r, const KroneckerSpec& spec) {
    // r: (m1 p1, m2 p2) -> (m1, p1, m2, p2) -> (m1, m2, p1, p2) -> (m1 m2, p1 p2)
    return r.reshape({spec.m1, spec.p1, spec.m2, spec.p2})
        .permute({0, 2, 1, 3})
        .reshape({spec.m1 * spec.m2, spec.p1 * spec.p2});
}

KroneckerFactors fitKroneckerFactors(const torch::Tensor& w_in, const KroneckerSpec& spec) {
    torch::NoGradGuard no_grad;
    requireMatrix(w_in, "Kronecker fit");
    spec.validate(w_in.size(0), w_in.size(1));
    const int64_t r = spec.effectiveTerms();
    const torch::Tensor w = w_in.detach().to(torch::kFloat64);  // (m, p)
    const torch::Tensor rw = kroneckerRearrange(w, spec);       // (m1 p1, m2 p2)
    const TopSvd svd = topSvd(rw, r, "R");

    // A_k = sqrt(s_k) reshape(u_k), S_k = sqrt(s_k) reshape(v_k)
    const torch::Tensor root = svd.sigma.sqrt();        // (r)
    torch::Tensor a = (svd.u * root).t().contiguous();  // (r, m1 p1)
    torch::Tensor s = (svd.v * root).t().contiguous();  // (r, m2 p2)
    const torch::Tensor r_fit = a.t().mm(s);            // (m1 p1, m2 p2)

    KroneckerFactors out;
    out.terms = r;
    out.norm_w = rw.norm().item<double>();
    out.norm_fit = r_fit.norm().item<double>();
    if (spec.rescale && out.norm_fit > 0.0) {
        out.scale = out.norm_w / out.norm_fit;
        const double half = std::sqrt(out.scale);  // split evenly so the factors stay balanced
        a.mul_(half);
        s.mul_(half);
    }
    const double err = (rw - r_fit * out.scale).norm().item<double>();  // ||R - R_fit|| = ||W - fit||
    out.norm_fit *= out.scale;
    out.rel_err = out.norm_w > 0.0 ? err / out.norm_w : 0.0;
    out.tail_rel_err = tailRelErr(svd.spectrum, r, out.norm_w);
    out.singular_values = svd.spectrum;
    out.method = svd.method;
    const auto dtype = outputDtype(w_in);
    out.a = a.reshape({r, spec.m1, spec.p1}).to(dtype);
    out.s = s.reshape({r, spec.m2, spec.p2}).to(dtype);
    return out;
}

torch::Tensor materializeKronecker(const torch::Tensor& a, const torch::Tensor& s) {
    // a: (r, m1, p1), s: (r, m2, p2)
    const int64_t r = a.size(0), m1 = a.size(1), p1 = a.size(2), m2 = s.size(1), p2 = s.size(2);
    const torch::Tensor r_fit = a.reshape({r, m1 * p1}).t().mm(s.reshape({r, m2 * p2}));  // (m1 p1, m2 p2)
    KroneckerSpec spec;
    spec.m1 = m1, spec.p1 = p1, spec.m2 = m2, spec.p2 = p2;
    return kroneckerUnrearrange(r_fit, spec);  // (m1 m2, p1 p2)
}

namespace {
int64_t flopsContractSFirst(int64_t r, int64_t m1, int64_t p1, int64_t m2, int64_t p2) {
    return 2 * r * p2 * m1 * (m2 + p1);
}
int64_t flopsContractAFirst(int64_t r, int64_t m1, int64_t p1, int64_t m2, int64_t p2) {
    return 2 * r * p1 * m2 * (m1 + p2);
}
}  // namespace

int64_t kroneckerApplyFlops(int64_t terms, int64_t m1, int64_t p1, int64_t m2, int64_t p2) {
    return std::min(flopsContractSFirst(terms, m1, p1, m2, p2), flopsContractAFirst(terms, m1, p1, m2, p2));
}

torch::Tensor applyKronecker(const torch::Tensor& x, const torch::Tensor& a, const torch::Tensor& s) {
    // x: (..., m1 m2), a: (r, m1, p1), s: (r, m2, p2).
    // y[n, j, b] = sum_k sum_{i, c} x[n, i, c] A_k[i, j] S_k[c, b], with x[n, i m2 + c] and y[n, j p2 + b].
    const int64_t r = a.size(0), m1 = a.size(1), p1 = a.size(2), m2 = s.size(1), p2 = s.size(2);
    TORCH_CHECK(x.size(-1) == m1 * m2, "applyKronecker: x has ", x.size(-1), " columns, the factors need ",
                m1 * m2);
    auto out_shape = x.sizes().vec();
    out_shape.back() = p1 * p2;
    const int64_t n = x.numel() / (m1 * m2);
    torch::Tensor y;  // (n, p1, p2)
    if (flopsContractSFirst(r, m1, p1, m2, p2) <= flopsContractAFirst(r, m1, p1, m2, p2)) {
        // t[n, i, k, b] = sum_c x[n, i, c] S_k[c, b]: (n m1, m2) @ (m2, r p2)
        const torch::Tensor s_cat = s.permute({1, 0, 2}).reshape({m2, r * p2});           // [c, (k, b)]
        const torch::Tensor t = x.reshape({n * m1, m2}).mm(s_cat).view({n, m1 * r, p2});  // [n, (i, k), b]
        // y[n, j, b] = sum_{(i, k)} A_k[i, j] t[n, (i, k), b]: (p1, m1 r) @ (n, m1 r, p2)
        const torch::Tensor a_cat = a.permute({1, 0, 2}).reshape({m1 * r, p1});  // [(i, k), j]
        y = torch::matmul(a_cat.t(), t);
    } else {
        // t[n, c, k, j] = sum_i x[n, i, c] A_k[i, j]: (n, m2, m1) @ (m1, r p1)
        const torch::Tensor a_cat = a.permute({1, 0, 2}).reshape({m1, r * p1});  // [i, (k, j)]
        const torch::Tensor t = torch::matmul(x.reshape({n, m1, m2}).transpose(1, 2), a_cat)
                                    .view({n, m2 * r, p1});  // [n, (c, k), j]
        // y[n, j, b] = sum_{(c, k)} t[n, (c, k), j] S_k[c, b]: (n, p1, m2 r) @ (m2 r, p2)
        const torch::Tensor s_cat = s.permute({1, 0, 2}).reshape({m2 * r, p2});  // [(c, k), b]
        y = torch::matmul(t.transpose(1, 2), s_cat);
    }
    return y.reshape(out_shape);
}

// ---------------------------------------------------------------------------------------------- low rank

LowRankFactors fitLowRankFactors(const torch::Tensor& w_in, int64_t rank) {
    torch::NoGradGuard no_grad;
    requireMatrix(w_in, "truncated SVD");
    if (rank < 1)
        throw InputError("truncated SVD rank must be at least 1 (got " + std::to_string(rank) + ")");
    const int64_t m = w_in.size(0), p = w_in.size(1);
    const int64_t k = std::min({rank, m, p});
    const torch::Tensor w = w_in.detach().to(torch::kFloat64);  // (m, p)
    const TopSvd svd = topSvd(w, k, "W");
    const torch::Tensor vt = svd.v.t();                    // (k, p)
    const torch::Tensor fit = (svd.u * svd.sigma).mm(vt);  // (m, p)

    LowRankFactors out;
    out.rank = k;
    out.norm_w = w.norm().item<double>();
    out.rel_err = out.norm_w > 0.0 ? (w - fit).norm().item<double>() / out.norm_w : 0.0;
    out.tail_rel_err = tailRelErr(svd.spectrum, k, out.norm_w);
    out.singular_values = svd.spectrum;
    out.method = svd.method;
    const auto dtype = outputDtype(w_in);
    out.u = svd.u.to(dtype);
    out.s = svd.sigma.to(dtype);
    out.vt = vt.to(dtype).contiguous();
    return out;
}

torch::Tensor materializeLowRank(const torch::Tensor& u, const torch::Tensor& s, const torch::Tensor& vt) {
    // u: (m, k), s: (k), vt: (k, p) -> (m, p)
    return (u * s).mm(vt);
}

torch::Tensor applyLowRank(const torch::Tensor& x, const torch::Tensor& u, const torch::Tensor& s,
                           const torch::Tensor& vt) {
    // x: (..., m) -> (..., k) -> (..., p)
    return torch::matmul(torch::matmul(x, u).mul_(s), vt);
}

int64_t lowRankApplyFlops(int64_t m, int64_t p, int64_t rank) {
    return 2 * rank * (m + p) + rank;
}

// ---------------------------------------------------------------------------------------------- public

KroneckerResult fitKronecker(const MatrixF& w, const KroneckerSpec& spec, bool want_matrices) {
    useAllCores();
    const auto start = std::chrono::steady_clock::now();
    const torch::Tensor wt = toTensor(w, "Kronecker fit");  // (rows, cols), float32, borrowed
    const KroneckerFactors f = fitKroneckerFactors(wt, spec);

    KroneckerResult out;
    out.spec = spec;
    out.rows = w.rows;
    out.cols = w.cols;
    out.terms = f.terms;
    out.terms_capped = spec.terms > spec.maxTerms();
    out.a = toVector(f.a);
    out.s = toVector(f.s);
    out.singular_values = toDoubles(f.singular_values);
    out.norm_w = f.norm_w;
    out.norm_fit = f.norm_fit;
    out.scale = f.scale;
    out.rel_err = f.rel_err;
    out.tail_rel_err = f.tail_rel_err;
    out.params = spec.params();
    out.dense_params = w.rows * w.cols;
    out.flops_factored = kroneckerApplyFlops(f.terms, spec.m1, spec.p1, spec.m2, spec.p2);
    out.flops_dense = denseApplyFlops(w.rows, w.cols);
    if (want_matrices) {
        torch::NoGradGuard no_grad;
        const torch::Tensor fit = materializeKronecker(f.a, f.s);  // (rows, cols)
        out.approximation = toMatrix(fit);
        out.error = toMatrix(wt - fit);
    }
    out.method = f.method;
    out.settings = "nearest Kronecker sum (Van Loan-Pitsianis): " + spec.label() + ", " + f.method;
    out.seconds = secondsSince(start);
    return out;
}

SvdResult fitTruncatedSvd(const MatrixF& w, int64_t rank, bool want_matrices) {
    useAllCores();
    const auto start = std::chrono::steady_clock::now();
    const torch::Tensor wt = toTensor(w, "truncated SVD");  // (rows, cols), float32, borrowed
    const LowRankFactors f = fitLowRankFactors(wt, rank);

    SvdResult out;
    out.rows = w.rows;
    out.cols = w.cols;
    out.rank_requested = rank;
    out.rank = f.rank;
    out.rank_capped = rank > f.rank;
    out.u = toVector(f.u);
    out.s = toVector(f.s);
    out.vt = toVector(f.vt);
    out.singular_values = toDoubles(f.singular_values);
    out.norm_w = f.norm_w;
    out.rel_err = f.rel_err;
    out.tail_rel_err = f.tail_rel_err;
    out.params = f.rank * (w.rows + w.cols);
    out.dense_params = w.rows * w.cols;
    out.flops_factored = lowRankApplyFlops(w.rows, w.cols, f.rank);
    out.flops_dense = denseApplyFlops(w.rows, w.cols);
    if (want_matrices) {
        torch::NoGradGuard no_grad;
        const torch::Tensor fit = materializeLowRank(f.u, f.s, f.vt);  // (rows, cols)
        out.approximation = toMatrix(fit);
        out.error = toMatrix(wt - fit);
    }
    out.method = f.method;
    out.settings =
        "truncated SVD: rank " + std::to_string(f.rank) + " of " + std::to_string(std::min(w.rows, w.cols)) +
        (out.rank_capped ? " (" + std::to_string(rank) + " requested, capped at min(rows, cols))" : "") +
        ", " + std::to_string(out.params) + " params, " + f.method;
    out.seconds = secondsSince(start);
    return out;
}

}  // namespace kronscope::core
