#pragma once
// Decomposition of one block matrix (the Decomposition page and `kronscope-cli decompose`): the nearest
// Kronecker sum at block size n (or the truncated SVD at its parameter count), the matched-rank SVD beside it
// (W's full spectrum), and the fit's relative error on null matrices of the same shape: Gaussian and, unless
// switched off, the same matrix with its entries permuted, each over null_draws draws from `seed`.
#include <cstdint>
#include <string>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/decompose/decomposition.h"
#include "kronscope/core/decompose/null_models.h"
#include "kronscope/core/model/gpt2_model.h"

namespace kronscope::core {

struct DecompositionRequest {
    std::string matrix;         // "h.0.mlp.c_fc"
    bool kronecker = true;      // false: truncated SVD at the rank matched to Kronecker at n
    int64_t block_size = 2;     // n
    int64_t terms = 0;          // Kronecker terms r; 0 = n (the seed tables' convention)
    bool small_first = true;    // A_k n x n first (PHM form); false: W tiled by n x n blocks
    bool rescale = false;       // Frobenius rescaling (seed 003)
    int null_draws = 20;        // >= 2 (science.md: >= 20)
    uint64_t seed = 0;          // null draws
    bool permuted_null = true;  // also the permuted-entries null (the Gaussian one always runs)
    bool want_matrices = true;  // the fit and error matrices (heatmaps); the CLI does not need them
    /// InputError naming the field (matrix, block size, terms, null draws).
    void validate() const;
    /// "h.0.mlp.c_fc, Kronecker n = 4, r = n, small factor first, rescale off, 20 null draws (gaussian +
    /// permuted), seed 0"
    std::string describe() const;
};

struct DecompositionResult {
    DecompositionRequest request;
    std::string model_hash;
    int64_t rows = 0, cols = 0;
    KroneckerResult kron;  // when request.kronecker
    SvdResult svd;         // the matched-rank SVD (also holds W's full spectrum)
    NullStats null;        // the fit's rel_err on Gaussian matrices of this shape
    NullStats permuted;    // on W's entries permuted; draws == 0 when not run
    NullStats row_col;     // (d) on W with its rows and columns permuted; run with the permuted null
    double rel_err = 0.0;  // of the requested fit
    double tail_rel_err = 0.0;
    int64_t params = 0, dense_params = 0;
    std::string settings;  // the fit's one-line settings
    bool hasPermutedNull() const { return permuted.draws > 0; }
};

/// Fits the matrix's original weights (safe beside other jobs) and draws the nulls. Cancellable between null
/// draws.
DecompositionResult runDecomposition(const Gpt2Model& model, const DecompositionRequest& request,
                                     Progress& progress);

}  // namespace kronscope::core
