// kronscope-cli surgery: its options, help text and run function.
#include "common.h"

#include <unistd.h>
#include <atomic>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include "cli_args.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/model/checkpoint_writer.h"
#include "kronscope/core/train/corpus.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/model/model_locator.h"
#include "kronscope/core/probes/probes.h"
#include "kronscope/core/codec/probe_json.h"
#include "kronscope/core/surgery/surgery.h"
#include "kronscope/core/decompose/decomposition.h"
#include "kronscope/core/tokenizer/tokenizer.h"
#include "kronscope/core/train/toy_model.h"
#include "kronscope/core/train/trainer.h"

namespace kronscope::cli {

namespace {

int runSurgery(const std::vector<std::string>& argv) {
    Args args(argv,
              {"model", "text", "method", "block-size", "targets", "terms", "order", "max-length", "stride",
               "max-tokens", "batch", "device", "dtype"},
              {"json", "rescale", "quiet", "no-baseline"});
    const std::string text_path = args.require("text");
    const std::string text = readTextFile(text_path);
    const std::string method = args.require("method");
    const int64_t n = args.getInt("block-size", 0, 1, 1 << 20);
    if (n == 0) throw UsageError("missing required option --block-size");
    const auto targets = core::MatrixTargets::parse(args.get("targets", "all"));
    const auto o = surgeryOptions(args);
    auto model = loadModel(args, !args.flag("quiet"));
    const auto s = pplSettings(args, model->config(), text_path);
    const auto plan = core::SurgeryPlan::named(*model, method, n, targets, o);
    const auto ids = core::Gpt2Tokenizer::forCheckpoint(model->directory()).encode(text);
    core::PerplexityResult base, after;
    core::SurgeryResult sr;
    {
        JobProgress jp(!args.flag("quiet"));
        const bool baseline = !args.flag("no-baseline");
        auto p0 = jp.progress.sub(0.0, baseline ? 0.45 : 0.0);
        if (baseline) base = model->perplexity(ids, s, p0);
        auto p1 = jp.progress.sub(baseline ? 0.45 : 0.0, baseline ? 0.55 : 0.2);
        sr = core::applySurgery(*model, plan, p1);
        auto p2 = jp.progress.sub(baseline ? 0.55 : 0.2, 1.0);
        after = model->perplexity(ids, s, p2);
        core::revertSurgery(*model);
    }
    double mean_err = 0.0;
    for (const auto& m : sr.matrices) mean_err += m.rel_err / static_cast<double>(sr.matrices.size());
    if (args.flag("json")) {
        nlohmann::json mats = nlohmann::json::array();
        for (const auto& m : sr.matrices)
            mats.push_back({{"matrix", m.matrix},
                            {"method", core::methodName(m.method)},
                            {"params", m.params},
                            {"rel_err", m.rel_err},
                            {"factored", m.factored},
                            {"settings", m.settings}});
        nlohmann::json j = {{"ppl", after.ppl},
                            {"nll_sum", after.nll_sum},
                            {"tokens_scored", after.tokens_scored},
                            {"windows", after.windows},
                            {"max_length", after.max_length},
                            {"stride", after.stride},
                            {"method", method},
                            {"block_size", n},
                            {"targets", targets.spec},
                            {"params", sr.params},
                            {"dense_params", sr.dense_params},
                            {"mean_rel_err", mean_err},
                            {"matrices", mats},
                            {"seconds", after.seconds + sr.seconds},
                            {"text", s.text_name},
                            {"text_hash", core::contentHashOf(text)},
                            {"model", model->directory()},
                            {"model_hash", model->contentHash()},
                            {"app_version", core::buildInfo().app_version}};
        j["baseline_ppl"] = args.flag("no-baseline") ? nlohmann::json(nullptr) : nlohmann::json(base.ppl);
        printJson(j);
        return 0;
    }
    std::cout << std::fixed << std::setprecision(2);
    if (!args.flag("no-baseline")) std::cout << "baseline PPL  " << base.ppl << "\n";
    std::cout << plan.label << ": PPL " << after.ppl << "  (" << sr.matrices.size() << " matrices, "
              << sr.params << " params instead of " << sr.dense_params << ", mean rel. error "
              << std::setprecision(4) << mean_err << "; " << s.text_name << ", max_length " << s.max_length
              << ", stride " << s.stride << ", " << after.tokens_scored << " tokens)\n";
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
        "Targets join with '+' (attn+layers:6-11). hybrid: Kronecker on attention, SVD on MLP; "
        "reverse-hybrid:\n"
        "the opposite. The original weights are never modified. JSON: ppl, baseline_ppl, params, matrices.\n",
        runSurgery};
}

}  // namespace kronscope::cli
