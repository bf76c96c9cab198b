// kronscope-cli decompose: one block matrix through the Decomposition analysis
// (core/analysis/decompose_matrix.h), the same request and result the GUI's Decomposition page uses.
#include <iomanip>
#include <iostream>

#include "common.h"
#include "kronscope/core/analysis/decompose_matrix.h"
#include "kronscope/core/codec/result_json.h"

namespace kronscope::cli {

namespace {

int runDecompose(const std::vector<std::string>& argv) {
    Args args(argv,
              {"model", "matrix", "method", "block-size", "terms", "order", "device", "dtype", "null-draws",
               "seed"},
              {"json", "rescale", "no-permuted", "quiet"});
    const std::string method = args.require("method");
    if (method != "kron" && method != "svd") throw UsageError("--method must be kron or svd");
    core::DecompositionRequest rq;
    rq.matrix = args.require("matrix");
    rq.kronecker = method == "kron";
    rq.block_size = args.getInt("block-size", 0, 1, 1 << 20);
    if (rq.block_size == 0) throw UsageError("missing required option --block-size");
    const auto o = surgeryOptions(args);
    rq.terms = o.terms;
    rq.small_first = o.small_first;
    rq.rescale = o.rescale;
    rq.null_draws = static_cast<int>(args.getInt("null-draws", 20, 2, 100000));
    rq.seed = static_cast<uint64_t>(args.getInt("seed", 0, 0, 1LL << 62));
    rq.permuted_null = !args.flag("no-permuted");
    rq.want_matrices = false;
    auto model = loadModel(args, false);
    core::DecompositionResult r;
    {
        JobProgress jp(!args.flag("quiet") && !args.flag("json"));
        r = core::runDecomposition(*model, rq, jp.progress);
    }
    if (args.flag("json")) {
        printResultJson(core::toJson(r), *model);
        return 0;
    }
    std::cout << rq.matrix << " (" << r.rows << " x " << r.cols << "), " << method << " at block size "
              << rq.block_size << ": rel_err " << std::setprecision(6) << r.rel_err << ", params " << r.params
              << " of " << r.dense_params << "\n  " << r.settings << "\n  " << r.null.describe() << "; ratio "
              << std::setprecision(4) << (r.null.mean > 0 ? r.rel_err / r.null.mean : 0.0) << ", z "
              << std::setprecision(3) << r.null.z(r.rel_err) << "\n";
    if (r.hasPermutedNull())
        std::cout << "  " << r.permuted.describe() << "; ratio " << std::setprecision(4)
                  << (r.permuted.mean > 0 ? r.rel_err / r.permuted.mean : 0.0) << ", z "
                  << std::setprecision(3) << r.permuted.z(r.rel_err) << "\n";
    if (r.row_col.draws > 0)
        std::cout << "  " << r.row_col.describe() << "; ratio " << std::setprecision(4)
                  << (r.row_col.mean > 0 ? r.rel_err / r.row_col.mean : 0.0) << ", z " << std::setprecision(3)
                  << r.row_col.z(r.rel_err) << "\n";
    return 0;
}

}  // namespace

Command decomposeCommand() {
    return {"decompose", "nearest Kronecker sum or matched-rank SVD of one block matrix, beside its nulls",
            "Usage: kronscope-cli decompose --model MODEL --matrix h.0.mlp.c_fc --method kron|svd "
            "--block-size N\n"
            "                               [--terms R] [--order small-first|small-second] [--rescale]\n"
            "                               [--null-draws K] [--seed S] [--no-permuted] [--quiet] [--json]\n"
            "Block size n: A_k is n x n (small first, r = n terms) as in the seed's tables; SVD keeps the "
            "rank whose\n"
            "parameter count matches the Kronecker fit at the same n. The fit's relative error is shown "
            "beside the\n"
            "same fit on --null-draws K (default 20) Gaussian matrices of that shape and on W's entries "
            "permuted\n"
            "(--no-permuted skips it), seeded by --seed (default 0): mean, std, ratio and z, as the "
            "Decomposition\n"
            "view shows them. JSON: rel_err, params, settings, null, permuted_null, ratio_to_null, z, svd, "
            "kron.\n",
            runDecompose};
}

}  // namespace kronscope::cli
