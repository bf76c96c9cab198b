// kronscope-cli generate: its options, help text and run function.
#include "common.h"

#include <iostream>
#include "cli_args.h"
#include "kronscope/core/model/checkpoint_writer.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/tokenizer/tokenizer.h"

namespace kronscope::cli {

namespace {

int runGenerate(const std::vector<std::string>& argv) {
    Args args(argv, {"model", "prompt", "max-new-tokens", "top-k", "temperature", "seed", "device", "dtype"},
              {"json", "sample"});
    const std::string prompt = args.require("prompt");
    auto model = loadModel(args, false);
    const auto tok = core::Gpt2Tokenizer::forCheckpoint(model->directory());
    core::GenerationSettings g;
    g.max_new_tokens = args.getInt("max-new-tokens", 20, 0, 100000);
    g.top_k = args.getInt("top-k", 0, 0, model->config().vocab_size);
    g.temperature = args.getDouble("temperature", 1.0, 1e-3, 1e3);
    g.seed = static_cast<uint64_t>(args.getInt("seed", 0, 0, (1LL << 62)));
    g.sample = args.flag("sample") || args.has("top-k") || args.has("temperature");
    const auto in = tok.encode(prompt);
    std::vector<int32_t> out;
    {
        JobProgress jp(!args.flag("json"));
        out = model->generate(in, g, &jp.progress);
    }
    const std::string text = tok.decode(out);
    if (args.flag("json")) {
        printJson({{"prompt", prompt},
                   {"text", text},
                   {"ids", out},
                   {"new_tokens", out.size() - in.size()},
                   {"sampling", g.sample ? "top-k/temperature" : "greedy"},
                   {"top_k", g.top_k},
                   {"temperature", g.temperature},
                   {"seed", g.seed}});
        return 0;
    }
    std::cout << text << "\n";
    return 0;
}

}  // namespace

Command generateCommand() {
    return {"generate", "continue a prompt (greedy, or top-k / temperature sampling with a seed)",
            "Usage: kronscope-cli generate --model MODEL --prompt TEXT [--max-new-tokens N]\n"
            "                              [--sample] [--top-k K] [--temperature T] [--seed S] [--device D] "
            "[--json]\n",
            runGenerate};
}

}  // namespace kronscope::cli
