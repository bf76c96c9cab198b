// kronscope-cli map: the structure map (core/analysis/structure_map.h), the same request and result the GUI's
// Structure map page draws as a landscape.
#include <cmath>
#include <cstdio>
#include <iostream>

#include "common.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/analysis/structure_map.h"
#include "kronscope/core/codec/result_json.h"

namespace kronscope::cli {

namespace {

int runMap(const std::vector<std::string>& argv) {
    Args args(argv, {"model", "metric", "block-sizes", "null-draws", "seed", "targets", "device", "dtype"},
              {"json", "quiet"});
    core::StructureMapRequest rq;
    try {
        rq.metric = core::parseMapMetric(args.get("metric", "kron-ratio"));
        rq.targets = core::MatrixTargets::parse(args.get("targets", "all"));
    } catch (const core::InputError& e) {
        throw UsageError(e.what());
    }
    rq.block_sizes.clear();
    for (auto v : args.getIntList("block-sizes", {2, 4, 8, 16})) {
        if (v < 1) throw UsageError("--block-sizes must be positive");
        rq.block_sizes.push_back(v);
    }
    rq.null_draws = static_cast<int>(args.getInt("null-draws", 20, 2, 100000));
    rq.seed = static_cast<uint64_t>(args.getInt("seed", 0, 0, 1LL << 62));
    auto model = loadModel(args, false);
    core::StructureMapResult r;
    {
        JobProgress jp(!args.flag("quiet") && !args.flag("json"));
        r = core::runStructureMap(*model, rq, jp.progress);
    }
    if (args.flag("json")) {
        printResultJson(core::toJson(r), *model);
        return 0;
    }
    const bool ratio = rq.metric == core::MapMetric::KronRatio;
    std::cout << "| Matrix |";
    for (auto n : rq.block_sizes) std::cout << " n = " << n << " |";
    std::cout << "\n|---|";
    for (size_t c = 0; c < rq.block_sizes.size(); ++c) std::cout << "---|";
    std::cout << "\n";
    char cell[64];
    for (size_t i = 0; i < r.matrices.size(); ++i) {
        std::cout << "| " << r.matrices[i] << " |";
        for (size_t c = 0; c < r.cols(); ++c) {
            const double v = r.at(i, c);
            if (!std::isfinite(v))
                std::snprintf(cell, sizeof cell, " - |");
            else if (ratio)
                std::snprintf(cell, sizeof cell, " %.4f (null %.4f ± %.4f) |", v,
                              r.null_mean[i * r.cols() + c], r.null_std[i * r.cols() + c]);
            else
                std::snprintf(cell, sizeof cell, " %.4f |", v);
            std::cout << cell;
        }
        std::cout << "\n";
    }
    std::cout << "\n" << r.settings << "; model " << model->directory() << " (" << r.model_hash << ")\n";
    return 0;
}

}  // namespace

Command mapCommand() {
    return {"map", "structure map: one metric for every block matrix at every block size, beside its null",
            "Usage: kronscope-cli map --model MODEL [--metric kron-ratio|kron-err|svd-err] [--block-sizes "
            "2,4,8,16]\n"
            "                         [--null-draws K] [--seed S] [--targets all|attn|mlp|layers:A-B|...]\n"
            "                         [--quiet] [--json]\n"
            "Every targeted block matrix x block size n (r = n terms, small factor first), as the Structure "
            "map page\n"
            "shows it. kron-ratio: the Kronecker fit's relative error over the mean relative error of the "
            "same fit on\n"
            "--null-draws K (default 20) Gaussian matrices of that shape (seed --seed; one null per shape "
            "and n);\n"
            "below 1 means more Kronecker structure than chance. kron-err: the relative error itself; "
            "svd-err: the\n"
            "truncated SVD's at the Kronecker parameter count. A size that does not divide a matrix is '-' "
            "(null in\n"
            "JSON). JSON: request, matrices, values (rows x block sizes), null_mean, null_std, settings.\n",
            runMap};
}

}  // namespace kronscope::cli
