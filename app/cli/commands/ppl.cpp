// kronscope-cli ppl: its options, help text and run function.
#include "common.h"
#include "kronscope/core/analysis/perplexity.h"

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

int runPpl(const std::vector<std::string>& argv) {
    Args args(argv, {"model", "text", "max-length", "stride", "max-tokens", "device", "dtype", "batch"},
              {"json", "quiet"});
    const std::string text_path = args.require("text");
    auto model = loadModel(args, !args.flag("quiet"));
    const auto& c = model->config();
    core::PerplexitySettings s;
    s.max_length = args.getInt("max-length", std::min<int64_t>(1024, c.n_positions), 2, c.n_positions);
    s.stride = args.getInt("stride", s.max_length, 1, 1 << 30);
    s.max_tokens = args.getInt("max-tokens", 0, 0, 1LL << 40);
    s.batch_windows = args.getInt("batch", 4, 1, 1024);
    s.text_name = baseName(text_path);
    core::PerplexityRequest rq{text_path, s};
    core::PerplexityRun run;
    {
        JobProgress jp(!args.flag("quiet"));
        run = core::runPerplexity(*model, rq, jp.progress);
    }
    const auto& r = run.result;
    if (args.flag("json")) {
        printJson({{"ppl", r.ppl},
                   {"nll_sum", r.nll_sum},
                   {"tokens_scored", r.tokens_scored},
                   {"tokens_total", r.tokens_total},
                   {"windows", r.windows},
                   {"max_length", r.max_length},
                   {"stride", r.stride},
                   {"seconds", r.seconds},
                   {"tokens_per_second", r.tokens_per_second},
                   {"device", r.device},
                   {"dtype", r.dtype},
                   {"text", r.text_name},
                   {"model", model->directory()},
                   {"model_hash", run.model_hash},
                   {"text_hash", run.text_hash},
                   {"app_version", core::buildInfo().app_version}});
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
        "                         [--batch B] [--device cpu|cuda[:i]] [--dtype f32|bf16|f16] [--quiet] "
        "[--json]\n"
        "Hugging Face's fixed-length recipe: windows of max_length tokens every stride tokens (default\n"
        "max_length = min(1024, n_positions), stride = max_length). Ctrl-C cancels.\n",
        runPpl};
}

}  // namespace kronscope::cli
