// kronscope-cli ppl: its options, help text and run function.
#include "common.h"
#include "kronscope/core/analysis/perplexity.h"
#include "kronscope/core/codec/result_json.h"

#include <iomanip>
#include <iostream>
#include "cli_args.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/codec/probe_json.h"

namespace kronscope::cli {

namespace {

int runPpl(const std::vector<std::string>& argv) {
    Args args(argv, {"model", "text", "max-length", "stride", "max-tokens", "device", "dtype", "batch"},
              {"json", "quiet"});
    const std::string text_path = args.require("text");
    auto model = loadModel(args, !args.flag("quiet"));
    const auto& c = model->config();
    const core::PerplexitySettings s = pplSettings(args, c, text_path);
    core::PerplexityRequest rq{text_path, s};
    core::PerplexityRun run;
    {
        JobProgress jp(!args.flag("quiet"));
        run = core::runPerplexity(*model, rq, jp.progress);
    }
    const auto& r = run.result;
    if (args.flag("json")) {
        auto j = core::toJson(r);  // the result codec's form, as sessions store it
        j.update({{"result_version", core::kResultJsonVersion},
                  {"model", model->directory()},
                  {"model_hash", run.model_hash},
                  {"text_hash", run.text_hash},
                  {"app_version", core::buildInfo().app_version}});
        printJson(j);
        return 0;
    }
    std::cout << std::fixed << std::setprecision(4) << "PPL " << r.ppl << "  (" << r.text_name
              << ", max_length " << r.max_length << ", stride " << r.stride << ", " << r.tokens_scored
              << " tokens scored in " << r.windows << " windows; " << r.device << " " << r.dtype << ", "
              << std::setprecision(1) << r.seconds << " s, " << std::setprecision(0) << r.tokens_per_second
              << " tokens/s)\n";
    return 0;
}

}  // namespace

Command pplCommand() {
    return {
        "ppl", "strided perplexity of a model on a text file",
        "Usage: kronscope-cli ppl --model MODEL --text FILE [--max-length N] [--stride S] [--max-tokens N]\n"
        "                         [--batch B] [--device cpu|cuda[:i]] [--dtype f32|tf32|bf16|f16] [--quiet] "
        "[--json]\n"
        "Hugging Face's fixed-length recipe: windows of max_length tokens every stride tokens (default\n"
        "max_length = min(1024, n_positions), stride = max_length). Ctrl-C cancels.\n"
        "--batch: windows of equal length run together (default: 4 on the CPU, 32 on CUDA).\n"
        "--dtype (CUDA only besides f32): tf32 = float32 weights with TF32 tensor-core matmuls; bf16 / f16 "
        "=\n"
        "the weights in that precision (attention through scaled-dot-product attention with LibTorch 2.x).\n",
        runPpl};
}

}  // namespace kronscope::cli
