#include "kronscope/core/analysis/decompose_matrix.h"

#include "kronscope/core/base/error.h"

namespace kronscope::core {

void DecompositionRequest::validate() const {
    if (matrix.empty()) throw InputError("matrix: none selected");
    if (block_size < 1)
        throw InputError("block size: " + std::to_string(block_size) + " is not a positive integer");
    if (terms < 0) throw InputError("terms: " + std::to_string(terms) + " (0 means n, else at least 1)");
    if (null_draws < 2)
        throw InputError("null draws: " + std::to_string(null_draws) + " (a null needs at least 2)");
}

std::string DecompositionRequest::describe() const {
    return matrix + ", " + (kronecker ? "Kronecker" : "truncated SVD (matched)") +
           " n = " + std::to_string(block_size) +
           ", r = " + (terms > 0 ? std::to_string(terms) : std::string("n")) + ", " +
           (small_first ? "small factor first" : "small factor second") + ", rescale " +
           (rescale ? "on" : "off") + ", " + std::to_string(null_draws) + " null draws (" +
           (permuted_null ? "gaussian + permuted + row/col-permuted" : "gaussian") + "), seed " +
           std::to_string(seed);
}

DecompositionResult runDecomposition(const Gpt2Model& model, const DecompositionRequest& rq, Progress& p) {
    rq.validate();
    DecompositionResult o;
    o.request = rq;
    o.model_hash = model.contentHash();
    const auto w = model.originalMatrix(rq.matrix);
    o.rows = w.rows;
    o.cols = w.cols;
    o.dense_params = w.rows * w.cols;
    auto spec = KroneckerSpec::forBlockSize(w.rows, w.cols, rq.block_size, rq.small_first);
    if (rq.terms > 0) spec.terms = rq.terms;
    spec.rescale = rq.rescale;
    const int64_t rank = matchedSvdRank(w.rows, w.cols, spec.params());
    p.report(0.02, "fitting");
    o.svd = fitTruncatedSvd(w, rank, /*want_matrices=*/rq.want_matrices && !rq.kronecker);
    const double mid = rq.permuted_null ? 0.5 : 1.0, mid2 = rq.permuted_null ? 0.75 : 1.0;
    auto gaussian = p.sub(0.3, mid);
    auto permuted = p.sub(mid, mid2);
    auto row_col = p.sub(mid2, 1.0);
    if (rq.kronecker) {
        o.kron = fitKronecker(w, spec, /*want_matrices=*/rq.want_matrices);
        o.rel_err = o.kron.rel_err;
        o.tail_rel_err = o.kron.tail_rel_err;
        o.params = o.kron.params;
        o.settings = o.kron.settings;
        o.null = kroneckerErrorNull(w, spec, NullKind::Gaussian, rq.null_draws, rq.seed, &gaussian);
        if (rq.permuted_null) {
            o.permuted = kroneckerErrorNull(w, spec, NullKind::Permuted, rq.null_draws, rq.seed, &permuted);
            o.row_col =
                kroneckerErrorNull(w, spec, NullKind::RowColPermuted, rq.null_draws, rq.seed, &row_col);
        }
    } else {
        o.rel_err = o.svd.rel_err;
        o.tail_rel_err = o.svd.tail_rel_err;
        o.params = o.svd.params;
        o.settings = o.svd.settings;
        o.null = svdErrorNull(w, o.svd.rank, NullKind::Gaussian, rq.null_draws, rq.seed, &gaussian);
        if (rq.permuted_null) {
            o.permuted = svdErrorNull(w, o.svd.rank, NullKind::Permuted, rq.null_draws, rq.seed, &permuted);
            o.row_col =
                svdErrorNull(w, o.svd.rank, NullKind::RowColPermuted, rq.null_draws, rq.seed, &row_col);
        }
    }
    p.report(1.0, "done");
    return o;
}

}  // namespace kronscope::core
