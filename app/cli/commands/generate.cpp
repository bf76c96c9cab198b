// kronscope-cli generate: a prompt continued by the model, and with --method by the model after that surgery
// (core/analysis/generation.h, the Generation page's request), side by side.
#include <iostream>

#include "cli_args.h"
#include "common.h"
#include "kronscope/core/analysis/generation.h"
#include "kronscope/core/model/gpt2_model.h"

namespace kronscope::cli {

namespace {

int runGenerate(const std::vector<std::string>& argv) {
    Args args(argv,
              {"model", "prompt", "max-new-tokens", "top-k", "temperature", "seed", "device", "dtype",
               "method", "block-size", "targets", "terms", "order"},
              {"json", "sample", "rescale", "quiet"});
    core::GenerationRequest rq;
    rq.prompt = args.require("prompt");
    rq.method = args.get("method");
    rq.block_size = args.getInt("block-size", 16, 1, 1 << 20);
    try {
        rq.targets = core::MatrixTargets::parse(args.get("targets", "all"));
    } catch (const core::InputError& e) {
        throw usageErrorFor(e);
    }
    rq.options = surgeryOptions(args);
    auto model = loadModel(args, false);
    auto& g = rq.settings;
    g.max_new_tokens = args.getInt("max-new-tokens", 20, 0, 100000);
    g.top_k = args.getInt("top-k", 0, 0, model->config().vocab_size);
    g.temperature = args.getDouble("temperature", 1.0, 1e-3, 1e3);
    g.seed = static_cast<uint64_t>(args.getInt("seed", 0, 0, (1LL << 62)));
    g.sample = args.flag("sample") || args.has("top-k") || args.has("temperature");
    validateOptions(rq);
    core::GenerationResult r;
    {
        JobProgress jp(!args.flag("json") && !args.flag("quiet"));
        r = core::runGeneration(*model, rq, jp.progress);
    }
    if (args.flag("json")) {
        nlohmann::json j = {{"prompt", rq.prompt},
                            {"text", r.original},
                            {"ids", r.original_ids},
                            {"new_tokens", r.new_tokens},
                            {"sampling", g.sample ? "top-k/temperature" : "greedy"},
                            {"top_k", g.top_k},
                            {"temperature", g.temperature},
                            {"seed", g.seed}};
        if (!rq.method.empty())
            j["surgered"] = {{"text", r.surgered},
                             {"ids", r.surgered_ids},
                             {"plan", r.plan_label},
                             {"mean_rel_err", r.mean_rel_err}};
        printJson(j);
        return 0;
    }
    if (rq.method.empty()) {
        std::cout << r.original << "\n";
        return 0;
    }
    std::cout << "unmodified:\n"
              << r.original << "\n\nafter " << r.plan_label << " (mean rel. error " << r.mean_rel_err
              << "):\n"
              << r.surgered << "\n";
    return 0;
}

}  // namespace

Command generateCommand() {
    return {"generate", "continue a prompt (greedy or sampled), and after a surgery side by side",
            "Usage: kronscope-cli generate --model MODEL --prompt TEXT [--max-new-tokens N]\n"
            "                              [--sample] [--top-k K] [--temperature T] [--seed S] [--device D]\n"
            "                              [--method kron|svd|hybrid|reverse-hybrid --block-size N "
            "[--targets SPEC]\n"
            "                               [--terms R] [--order small-first|small-second] [--rescale]] "
            "[--json]\n"
            "With --method the same prompt is continued by the unmodified model and by the model after that "
            "surgery\n"
            "(the same settings and seed), as seed 003 checks a surgered GPT-2. JSON: text, ids, and "
            "surgered {text,\n"
            "ids, plan, mean_rel_err}.\n",
            runGenerate};
}

}  // namespace kronscope::cli
