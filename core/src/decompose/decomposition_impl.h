#pragma once
// Internal (torch) side of the decompositions, for core modules such as surgery. Never included by views or
// app. Fits run in float64 on the input's device; factors come back in the input's dtype (float32 for half
// types). Layout is Conv1D's: W is [in = m, out = p] and a layer computes y = x W for x (N, m).
#include <torch/torch.h>

#include <string>

#include "kronscope/core/decompose/decomposition.h"

namespace kronscope::core {

/// R(W): one row per (i, j) of the m1 x p1 grid (row-major), row = row-major vec of the block
/// W[i m2:(i+1) m2, j p2:(j+1) p2]. w: (m1 m2, p1 p2) -> (m1 p1, m2 p2).
torch::Tensor kroneckerRearrange(const torch::Tensor& w, const KroneckerSpec& spec);
/// Inverse of kroneckerRearrange: (m1 p1, m2 p2) -> (m1 m2, p1 p2).
torch::Tensor kroneckerUnrearrange(const torch::Tensor& r, const KroneckerSpec& spec);

struct KroneckerFactors {
    torch::Tensor a;                // (r, m1, p1)
    torch::Tensor s;                // (r, m2, p2)
    torch::Tensor singular_values;  // (min(m1 p1, m2 p2)), float64 on CPU, descending: the spectrum of R(W)
    int64_t terms = 0;              // r = min(spec.terms, spec.maxTerms())
    double norm_w = 0.0, norm_fit = 0.0, scale = 1.0;
    double rel_err = 0.0;       // ||W - fit||_F / ||W||_F, measured in float64
    double tail_rel_err = 0.0;  // sqrt(sum_{k>r} s_k^2) / ||W||_F
    std::string method;
};

/// Top-r SVD of R(W) through the Gram matrix of its shorter side (eigh in float64):
/// A_k = sqrt(s_k) reshape(u_k), S_k = sqrt(s_k) reshape(v_k). w: (m, p). Throws InputError on bad shapes.
KroneckerFactors fitKroneckerFactors(const torch::Tensor& w, const KroneckerSpec& spec);
/// sum_k A_k (x) S_k. a: (r, m1, p1), s: (r, m2, p2) -> (m1 m2, p1 p2).
torch::Tensor materializeKronecker(const torch::Tensor& a, const torch::Tensor& s);
/// x (sum_k A_k (x) S_k) without materializing W: x (..., m1 m2) -> (..., p1 p2), as two matmuls in
/// whichever contraction order kroneckerApplyFlops says is cheaper. x, a and s share dtype and device.
torch::Tensor applyKronecker(const torch::Tensor& x, const torch::Tensor& a, const torch::Tensor& s);
/// FLOPs per input row (multiply-add = 2) of applyKronecker: the cheaper of
/// 2 r p2 m1 (m2 + p1) (contract S first) and 2 r p1 m2 (m1 + p2) (contract A first).
int64_t kroneckerApplyFlops(int64_t terms, int64_t m1, int64_t p1, int64_t m2, int64_t p2);

struct LowRankFactors {
    torch::Tensor u;                // (m, k), orthonormal columns
    torch::Tensor s;                // (k), descending
    torch::Tensor vt;               // (k, p), orthonormal rows
    torch::Tensor singular_values;  // (min(m, p)), float64 on CPU, descending: the full spectrum of W
    int64_t rank = 0;               // k = min(requested, m, p)
    double norm_w = 0.0;
    double rel_err = 0.0;       // ||W - U diag(s) V^T||_F / ||W||_F, measured in float64
    double tail_rel_err = 0.0;  // sqrt(sum_{i>k} s_i^2) / ||W||_F
    std::string method;
};

/// Best rank-k approximation of w (m, p) through the Gram matrix of its shorter side (eigh in float64).
LowRankFactors fitLowRankFactors(const torch::Tensor& w, int64_t rank);
/// U diag(s) V^T: (m, p).
torch::Tensor materializeLowRank(const torch::Tensor& u, const torch::Tensor& s, const torch::Tensor& vt);
/// (x U diag(s)) V^T: x (..., m) -> (..., p).
torch::Tensor applyLowRank(const torch::Tensor& x, const torch::Tensor& u, const torch::Tensor& s,
                           const torch::Tensor& vt);
/// FLOPs per input row of applyLowRank: 2 k (m + p) + k.
int64_t lowRankApplyFlops(int64_t m, int64_t p, int64_t rank);
/// FLOPs per input row of x W: 2 m p.
inline int64_t denseApplyFlops(int64_t m, int64_t p) {
    return 2 * m * p;
}

}  // namespace kronscope::core
