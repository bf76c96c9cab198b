#pragma once
// Matrix decompositions of science.md: the nearest Kronecker sum (Van Loan-Pitsianis) and the truncated SVD
// at matched parameters. Plain result structs (float arrays, numbers, one settings line) so views never see
// torch; the torch-level API for surgery lives in core/src/decompose/decomposition_impl.h.
#include <cstdint>
#include <string>
#include <vector>

#include "kronscope/core/model/gpt2_model.h"  // MatrixF

namespace kronscope::core {

/// W (m x p) ~ sum_{k=1..terms} A_k (x) S_k with A_k m1 x p1 and S_k m2 x p2, m = m1 m2, p = p1 p2.
struct KroneckerSpec {
    int64_t m1 = 1, p1 = 1;  // A_k: m1 x p1
    int64_t m2 = 1, p2 = 1;  // S_k: m2 x p2
    int64_t terms = 1;       // r requested; fits use min(terms, maxTerms())
    bool rescale = false;    // scale the fit so that ||fit||_F = ||W||_F (the seed notebook's option)

    /// The seed tables' "block size n" with r = n terms. small_first: A_k n x n, S_k (rows/n) x (cols/n)
    /// (the PHM / hypercomplex form); otherwise A_k (rows/n) x (cols/n), S_k n x n (W tiled by n x n blocks).
    /// Throws InputError when rows or cols is not a multiple of n.
    static KroneckerSpec forBlockSize(int64_t rows, int64_t cols, int64_t n, bool small_first = true);

    /// Throws InputError unless the factors are positive, m1 m2 = rows, p1 p2 = cols and terms >= 1.
    void validate(int64_t rows, int64_t cols) const;
    /// Rank of the rearranged matrix R(W) (m1 p1 x m2 p2): the most terms a fit can use.
    int64_t maxTerms() const { return m1 * p1 < m2 * p2 ? m1 * p1 : m2 * p2; }
    int64_t effectiveTerms() const { return terms < maxTerms() ? terms : maxTerms(); }
    /// Parameters of the fit: effectiveTerms() (m1 p1 + m2 p2).
    int64_t params() const { return effectiveTerms() * (m1 * p1 + m2 * p2); }
    /// "A_k 2 x 2 (x) S_k 384 x 1536, r = 2, rescale off"
    std::string label() const;
};

struct KroneckerResult {
    KroneckerSpec spec;          // as requested
    int64_t rows = 0, cols = 0;  // W: rows x cols
    int64_t terms = 0;           // terms fitted: min(spec.terms, spec.maxTerms())
    bool terms_capped = false;   // spec.terms exceeded min(m1 p1, m2 p2) and was lowered to it
    /// Factors, row-major. A_k(i, j) = a[(k m1 + i) p1 + j]; S_k(i, j) = s[(k m2 + i) p2 + j].
    /// Each pair is balanced: ||A_k||_F = ||S_k||_F = sqrt(s_k) (times sqrt(scale) when rescaled).
    std::vector<float> a;  // (terms, m1, p1)
    std::vector<float> s;  // (terms, m2, p2)
    /// All min(m1 p1, m2 p2) singular values s_k of R(W), descending (the spectrum view).
    std::vector<double> singular_values;
    double norm_w = 0.0;         // ||W||_F
    double norm_fit = 0.0;       // ||fit||_F (after rescaling)
    double scale = 1.0;          // Frobenius rescaling factor applied (1 without rescale)
    double rel_err = 0.0;        // ||W - fit||_F / ||W||_F, measured on the fit
    double tail_rel_err = 0.0;   // sqrt(sum_{k>terms} s_k^2) / ||W||_F; equals rel_err without rescale
    int64_t params = 0;          // terms (m1 p1 + m2 p2)
    int64_t dense_params = 0;    // rows cols
    int64_t flops_factored = 0;  // per input row of y = x W in factored form (the cheaper contraction order)
    int64_t flops_dense = 0;     // per input row: 2 rows cols
    MatrixF approximation;       // the fit, rows x cols; only with want_matrices
    MatrixF error;               // W - fit; only with want_matrices
    double seconds = 0.0;        // wall time of the fit
    std::string method;          // how R's SVD was computed, e.g. "eigh of R R^T (4 x 4, float64)"
    std::string settings;  // one line with shapes, terms, rescaling and method, shown next to the result
};

struct SvdResult {
    int64_t rows = 0, cols = 0;
    int64_t rank_requested = 0;
    int64_t rank = 0;  // min(rank_requested, rows, cols)
    bool rank_capped = false;
    std::vector<float> u;   // (rows, rank) row-major, orthonormal columns
    std::vector<float> s;   // (rank), descending
    std::vector<float> vt;  // (rank, cols) row-major, orthonormal rows
    /// The full spectrum of W: all min(rows, cols) singular values, descending.
    std::vector<double> singular_values;
    double norm_w = 0.0;         // ||W||_F
    double rel_err = 0.0;        // ||W - U_k diag(s_k) V_k^T||_F / ||W||_F, measured
    double tail_rel_err = 0.0;   // sqrt(sum_{i>rank} s_i^2) / ||W||_F
    int64_t params = 0;          // rank (rows + cols)
    int64_t dense_params = 0;    // rows cols
    int64_t flops_factored = 0;  // per input row: 2 rank (rows + cols) + rank
    int64_t flops_dense = 0;     // per input row: 2 rows cols
    MatrixF approximation;       // only with want_matrices
    MatrixF error;               // W - approximation; only with want_matrices
    double seconds = 0.0;
    std::string method;
    std::string settings;
};

/// Nearest Kronecker sum of w (as stored) by Van Loan-Pitsianis. Throws InputError for shapes that do not
/// match the spec or a matrix with NaN / Inf entries.
KroneckerResult fitKronecker(const MatrixF& w, const KroneckerSpec& spec, bool want_matrices = false);

/// Best rank-`rank` approximation of w (Eckart-Young). rank >= 1, capped at min(rows, cols).
SvdResult fitTruncatedSvd(const MatrixF& w, int64_t rank, bool want_matrices = false);

/// The SVD rank with the Kronecker fit's parameter count: max(1, round(kron_params / (rows + cols))),
/// capped at min(rows, cols). Halves round away from zero.
int64_t matchedSvdRank(int64_t rows, int64_t cols, int64_t kron_params);

}  // namespace kronscope::core
