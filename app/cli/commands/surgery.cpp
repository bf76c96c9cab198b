// kronscope-cli surgery: its options, help text and run function.
#include "common.h"
#include "kronscope/core/analysis/surgery_run.h"
#include "kronscope/core/codec/result_json.h"

#include <iomanip>
#include <iostream>
#include "cli_args.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/codec/probe_json.h"
#include "kronscope/core/surgery/surgery.h"
#include "kronscope/core/decompose/decomposition.h"

namespace kronscope::cli {

namespace {

int runSurgery(const std::vector<std::string>& argv) {
    Args args(argv,
              {"model", "text", "method", "block-size", "targets", "terms", "order", "max-length", "stride",
               "max-tokens", "batch", "device", "dtype"},
              {"json", "rescale", "quiet", "no-baseline"});
    core::SurgeryRequest rq;
    rq.text_path = args.require("text");
    rq.method = args.require("method");
    rq.block_size = args.getInt("block-size", 0, 1, 1 << 20);
    if (rq.block_size == 0) throw UsageError("missing required option --block-size");
    try {
        rq.targets = core::MatrixTargets::parse(args.get("targets", "all"));
        rq.validate();
    } catch (const core::InputError& e) {
        throw UsageError(e.what());
    }
    rq.options = surgeryOptions(args);
    rq.baseline = !args.flag("no-baseline");
    auto model = loadModel(args, !args.flag("quiet"));
    rq.ppl = pplSettings(args, model->config(), rq.text_path);
    core::SurgeryRunResult run;
    {
        JobProgress jp(!args.flag("quiet"));
        run = core::runSurgeryAnalysis(*model, rq, jp.progress);
    }
    const auto& sr = run.surgery;
    const auto& after = run.after;
    const auto& s = rq.ppl;
    if (args.flag("json")) {
        nlohmann::json mats = nlohmann::json::array();
        for (const auto& m : sr.matrices)
            mats.push_back({{"matrix", m.matrix},
                            {"method", core::methodName(m.method)},
                            {"params", m.params},
                            {"rel_err", m.rel_err},
                            {"factored", m.factored},
                            {"settings", m.settings}});
        nlohmann::json j = core::toJson(after);  // the codec's perplexity form, plus the surgery
        j.update({{"method", rq.method},
                  {"block_size", rq.block_size},
                  {"targets", rq.targets.spec},
                  {"params", sr.params},
                  {"dense_params", sr.dense_params},
                  {"mean_rel_err", run.mean_rel_err},
                  {"matrices", mats},
                  {"seconds", after.seconds + sr.seconds},
                  {"text_hash", run.text_hash},
                  {"app_version", core::buildInfo().app_version}});
        j["baseline_ppl"] = run.baseline ? nlohmann::json(run.baseline->ppl) : nlohmann::json(nullptr);
        printResultJson(j, *model);
        return 0;
    }
    std::cout << std::fixed << std::setprecision(2);
    if (run.baseline) std::cout << "baseline PPL  " << run.baseline->ppl << "\n";
    std::cout << run.plan_label << ": PPL " << after.ppl << "  (" << sr.matrices.size() << " matrices, "
              << sr.params << " params instead of " << sr.dense_params << ", mean rel. error "
              << std::setprecision(4) << run.mean_rel_err << "; " << s.text_name << ", max_length "
              << s.max_length << ", stride " << s.stride << ", " << after.tokens_scored << " tokens)\n";
    return 0;
}

}  // namespace

Command surgeryCommand() {
    return {
        "surgery", "replace block matrices by their approximations and measure perplexity",
        "Usage: kronscope-cli surgery --model MODEL --text FILE --method kron|svd|hybrid|reverse-hybrid\n"
        "                             --block-size N [--targets "
        "all|attn|mlp|layers:A-B|kinds:K,K|matrices:M,M]\n"
        "                             [--terms R] [--order small-first|small-second] [--rescale]\n"
        "                             [--max-length N] [--stride S] [--max-tokens N] [--no-baseline] "
        "[--json]\n"
        "                             [--batch B] [--device cpu|cuda[:i]] [--dtype f32|tf32|bf16|f16]\n"
        "Targets join with '+' (attn+layers:6-11). hybrid: Kronecker on attention, SVD on MLP; "
        "reverse-hybrid:\n"
        "the opposite. The original weights are never modified. JSON: ppl, baseline_ppl, params, matrices.\n",
        runSurgery};
}

}  // namespace kronscope::cli
