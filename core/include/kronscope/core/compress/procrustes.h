#pragma once
// Orthogonal Procrustes between two matrices of the same shape, with its nulls (science.md): R =
// argmin_{R orthogonal} ||A R - B||_F = U V^T from svd(A^T B) = U S V^T (side right: R acts on the columns, p
// x p) or R A ~ B with R = U V^T from svd(B A^T) (side left, m x m). Reduction = 1 - ||A R - B||^2 / ||A -
// B||^2; raw cosine <A, B> / (||A|| ||B||). Computed in float64.
//
// The reduction needs only the nuclear norm of A^T B: ||A R - B||^2 = ||A||^2 + ||B||^2 - 2 ||A^T B||_*. The
// null draws use that identity through thin QR factors (the same number without a p x p SVD); the pair itself
// is solved with the full SVD, and both are checked against each other in the tests.
#include <cstdint>
#include <string>
#include <vector>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/decompose/null_models.h"
#include "kronscope/core/model/gpt2_model.h"

namespace kronscope::core {

enum class ProcrustesSide { Right, Left };
const char* procrustesSideName(ProcrustesSide s);  // "right", "left"
ProcrustesSide parseProcrustesSide(const std::string& s);

struct ProcrustesFit {
    double reduction = 0.0;  // 1 - ||A R - B||^2 / ||A - B||^2
    double cosine = 0.0;     // <A, B> / (||A|| ||B||)
    double residual = 0.0;   // ||A R - B||_F / ||B||_F
    MatrixF rotation;        // R (p x p or m x m), float32
};

/// The fit. InputError when the shapes differ.
ProcrustesFit procrustesFit(const MatrixF& a, const MatrixF& b, ProcrustesSide side);
/// Only the reduction (the nuclear-norm identity through thin QR).
double procrustesReduction(const MatrixF& a, const MatrixF& b, ProcrustesSide side);

/// Reductions of `draws` null pairs: Gaussian matrices with the shapes and Frobenius norms of A and B, or A's
/// and B's entries each permuted. Seeded, cancellable.
NullStats procrustesNull(const MatrixF& a, const MatrixF& b, ProcrustesSide side, NullKind kind, int draws,
                         uint64_t seed, Progress* progress = nullptr);

/// Share of ||R - I||_F^2 kept by the best rank-k approximation of R - I (sum of the top k squared singular
/// values over all of them).
double lowRankRotationShare(const MatrixF& r, int64_t rank);
/// The same share for `draws` Haar-random orthogonal matrices of R's size.
NullStats lowRankRotationNull(int64_t size, int64_t rank, int draws, uint64_t seed,
                              Progress* progress = nullptr);

}  // namespace kronscope::core
