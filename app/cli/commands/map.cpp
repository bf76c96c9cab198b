// kronscope-cli map: the structure map (core/analysis/structure_map.h), the same request and result the GUI's
// Structure map page draws as a landscape.
#include <cmath>
#include <cstdio>
#include <iostream>

#include "common.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/analysis/structure_map.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/codec/result_json.h"
#include "kronscope/core/codec/shards.h"

namespace kronscope::cli {

namespace {

int runMap(const std::vector<std::string>& argv) {
    Args args(argv,
              {"model", "metric", "block-sizes", "null-draws", "seed", "targets", "device", "dtype", "shard",
               "out"},
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
    const std::string out = args.get("out");
    if (!out.empty() && !args.has("shard"))
        throw UsageError("--out is the shard file of --shard I/N; without --shard the table goes to stdout");
    const auto shard = shardOption(args);
    rq.shard_index = shard.index, rq.shard_count = shard.count;
    auto model = loadModel(args, false);
    core::StructureMapResult r;
    {
        JobProgress jp(!args.flag("quiet") && !args.flag("json"));
        r = core::runStructureMap(*model, rq, jp.progress);
    }
    if (!out.empty()) core::writeFileAtomically(out, core::mapShardJson(r, model->directory()).dump() + "\n");
    if (args.flag("json")) {
        printResultJson(core::toJson(r), *model);
        return 0;
    }
    if (!out.empty()) return 0;
    std::cout << core::structureMapMarkdown(r, model->directory());
    return 0;
}

}  // namespace

Command mapCommand() {
    return {"map", "structure map: one metric for every block matrix at every block size, beside its null",
            "Usage: kronscope-cli map --model MODEL [--metric kron-ratio|kron-err|svd-err] [--block-sizes "
            "2,4,8,16]\n"
            "                         [--null-draws K] [--seed S] [--targets all|attn|mlp|layers:A-B|...]\n"
            "                         [--shard I/N --out SHARD.json] [--quiet] [--json]\n"
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
