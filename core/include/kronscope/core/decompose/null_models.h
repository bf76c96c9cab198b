#pragma once
// Null models for structure scores (science.md): (a) Gaussian matrices of the same shape, (b) the same matrix
// with its entries permuted (keeps the heavy-tailed marginal). A score is shown only beside its null: mean,
// std and z = (score - mean) / std over >= 20 draws by default.
#include <cstdint>
#include <string>
#include <vector>

#include "kronscope/core/decompose/decomposition.h"
#include "kronscope/core/base/progress.h"

namespace kronscope::core {

/// The null ensembles, one enum for every score: (a) Gaussian matrices of the same shape, (b) the same matrix
/// with its entries permuted, (c) Haar-random orthogonal matrices O(N) (rotation angles; QR of a Gaussian, Q
/// * sign(diag(R))).
/// (d) RowColPermuted: the same matrix with its rows and its columns independently permuted (keeps every row
/// and column norm and the marginal; the null the toy model's importance-ordered W needs, science.md).
enum class NullKind { Gaussian, Permuted, Haar, RowColPermuted };
const char* nullKindName(NullKind k);  // "gaussian", "permuted", "haar", "row-col-permuted"

/// Mean and sample std (n - 1) of a score over null draws: the one formula every null uses (std 0 for < 2
/// draws).
struct NullMoments {
    double mean = 0.0, std = 0.0;
    static NullMoments of(const std::vector<double>& samples);
};

struct NullStats {
    NullKind kind = NullKind::Gaussian;
    int draws = 0;
    uint64_t seed = 0;
    double mean = 0.0, std = 0.0;  // sample std (n - 1)
    double z(double score) const { return std > 0 ? (score - mean) / std : 0.0; }
    /// "gaussian null: 0.9712 ± 0.0004 (20 draws, seed 0)"
    std::string describe(int precision = 4) const;
};

/// rel_err of the Kronecker fit `spec` on null matrices shaped like w.
NullStats kroneckerErrorNull(const MatrixF& w, const KroneckerSpec& spec, NullKind kind, int draws,
                             uint64_t seed, Progress* progress = nullptr);
/// rel_err of the rank-`rank` truncated SVD on null matrices shaped like w.
NullStats svdErrorNull(const MatrixF& w, int64_t rank, NullKind kind, int draws, uint64_t seed,
                       Progress* progress = nullptr);

}  // namespace kronscope::core
