// kronscope-cli sweep: its options, help text and run function.
#include "common.h"
#include "kronscope/core/analysis/perplexity.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/codec/result_json.h"

#include <iostream>
#include <sstream>
#include "cli_args.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/codec/probe_json.h"
#include "kronscope/core/surgery/surgery.h"
#include "kronscope/core/codec/shards.h"
#include "kronscope/core/analysis/sweep.h"

namespace kronscope::cli {

namespace {

int runSweep(const std::vector<std::string>& argv) {
    Args args(argv,
              {"model", "text", "block-sizes", "methods", "targets", "terms", "order", "max-length", "stride",
               "max-tokens", "batch", "device", "dtype", "out", "shard"},
              {"json", "rescale", "quiet", "no-baseline"});
    const std::string text_path = args.require("text");
    core::SweepRequest rq;
    rq.text_path = text_path;
    core::SweepSettings& st = rq.settings;
    const auto sizes = args.getIntList("block-sizes", {2, 4, 8, 16, 32});
    st.block_sizes.assign(sizes.begin(), sizes.end());
    st.methods = splitList(args.get("methods", "kron,svd"));
    // Targets are separated by ';' so that kinds:/matrices: lists keep their commas.
    st.targets.clear();
    std::stringstream ts(args.get("targets", "all"));
    for (std::string t; std::getline(ts, t, ';');)
        if (!t.empty()) st.targets.push_back(t);
    st.options = surgeryOptions(args);
    st.baseline = !args.flag("no-baseline");
    const std::string out = args.get("out");
    const auto shard = shardOption(args);
    st.shard_index = shard.index, st.shard_count = shard.count;
    validateOptions(rq);
    checkTableOutput(out);
    auto model = loadModel(args, !args.flag("quiet"));
    st.ppl = pplSettings(args, model->config(), text_path);
    core::SweepResult r;
    {
        JobProgress jp(!args.flag("quiet"));
        r = core::runSweepAnalysis(*model, rq, jp.progress);
    }
    if (st.shard_count > 0) {  // a shard file: the result plus the cells it ran and the request
        core::writeFileAtomically(out, core::sweepShardJson(r, st).dump() + "\n");
    } else if (!out.empty()) {
        try {
            core::writeSweep(r, out);
        } catch (const core::InputError&) {
            std::cout << core::sweepToMarkdown(r);  // the computed table is kept: printed before the error
            throw;
        }
    }
    if (args.flag("json")) {
        auto j = core::toJson(r);
        j["result_version"] = core::kResultJsonVersion;
        if (!out.empty()) j["out"] = out;
        printJson(j);
    } else {
        std::cout << core::sweepToMarkdown(r);
        if (!out.empty()) std::cout << "\nwrote " << out << "\n";
    }
    if (!r.complete) throw core::Cancelled();
    return 0;
}

}  // namespace

Command sweepCommand() {
    return {
        "sweep", "surgery over block sizes x methods x targets: the seed's tables",
        "Usage: kronscope-cli sweep --model MODEL --text FILE [--block-sizes 2,4,8,16,32] [--methods "
        "kron,svd]\n"
        "                           [--targets 'all;attn;mlp;layers:0-5;layers:6-11'] [--terms R] "
        "[--order ...]\n"
        "                           [--max-length N] [--stride S] [--max-tokens N] [--no-baseline]\n"
        "                           [--batch B] [--device cpu|cuda[:i]] [--dtype f32|tf32|bf16|f16]\n"
        "                           [--out FILE.md|.csv|.json] [--shard I/N --out SHARD.json] [--json]\n"
        "Methods: kron, svd, hybrid, reverse-hybrid. Every row carries its settings, the model's and the "
        "text's\n"
        "content hashes and the app version. Ctrl-C stops after the current step and keeps the finished "
        "rows.\n"
        "--shard I/N runs only the cells k (rows in unsharded order: baseline, then targets x methods x\n"
        "block sizes) with k mod N == I and writes a shard file; kronscope-cli merge rebuilds the table.\n",
        runSweep};
}

}  // namespace kronscope::cli
