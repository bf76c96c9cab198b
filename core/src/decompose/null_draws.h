#pragma once
// The one null-draw loop of the core (torch level): decomposition nulls (null_models.cpp) and every structure
// probe (probes.cpp) draw their null matrices here, so the same kind, seed and shape give the same matrices
// everywhere.
#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/decompose/null_models.h"

namespace kronscope::core {

/// Scores of one null draw: x is (rows, cols) float32 (Gaussian or permuted).
using DrawScorer = std::function<std::vector<double>(const torch::Tensor& x)>;

struct NullDraws {
    NullKind kind = NullKind::Gaussian;
    uint64_t seed = 0;
    std::vector<std::vector<double>> scores;  // [score][draw]
};

/// One CPU generator seeded with `seed`; per draw one randn(rows, cols) (Gaussian) or one randperm(rows cols)
/// of w's entries (permuted), scored by `score`. Cancellable between draws; reports "null draw i" per draw.
NullDraws drawMatrixNull(const torch::Tensor& w32, NullKind kind, int draws, uint64_t seed,
                         Progress* progress, const DrawScorer& score);

}  // namespace kronscope::core
