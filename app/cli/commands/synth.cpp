// kronscope-cli synth: its options, help text and run function.
#include "common.h"

#include <filesystem>

#include <unistd.h>
#include <iostream>
#include "cli_args.h"
#include "kronscope/core/model/checkpoint_writer.h"
#include "kronscope/core/model/gpt2_model.h"

namespace kronscope::cli {

namespace {

int runSynth(const std::vector<std::string>& argv) {
    Args args(
        argv,
        {"preset", "out", "seed", "dtype", "n-layer", "n-embd", "n-head", "vocab-size", "n-positions", "std"},
        {"json", "prefixed", "force"});
    auto c = core::presetConfig(args.get("preset", "gpt2"));
    c.n_layer = args.getInt("n-layer", c.n_layer, 1, 1000);
    c.n_embd = args.getInt("n-embd", c.n_embd, 1, 1 << 16);
    c.n_head = args.getInt("n-head", c.n_head, 1, 1 << 12);
    c.vocab_size = args.getInt("vocab-size", c.vocab_size, 1, 1 << 24);
    c.n_positions = args.getInt("n-positions", c.n_positions, 1, 1 << 20);
    core::RandomCheckpointOptions o;
    o.seed = static_cast<uint64_t>(args.getInt("seed", 0, 0, (1LL << 62)));
    o.dtype = args.get("dtype", "F32");
    o.prefixed = args.flag("prefixed");
    o.init_std = args.getDouble("std", 0.02, 1e-12, 1e3);
    const std::string out = args.require("out");
    c.validate("the options");
    std::error_code ec;
    if (!args.flag("force") &&
        (std::filesystem::exists(std::filesystem::path(out) / "model.safetensors", ec) ||
         std::filesystem::exists(std::filesystem::path(out) / "config.json", ec)))
        throw core::InputError(out +
                               " already holds a checkpoint; choose another folder or add --force to "
                               "replace its weights");
    core::writeRandomCheckpoint(out, c, o);
    if (args.flag("json"))
        printJson({{"out", out}, {"config", configJson(c)}, {"seed", o.seed}, {"dtype", o.dtype}});
    else
        std::cout << "wrote random " << c.sizeName() << "-shaped GPT-2 (seed " << o.seed << ", " << o.dtype
                  << ") to " << out << "\n";
    return 0;
}

}  // namespace

Command synthCommand() {
    return {
        "synth", "write a randomly initialized GPT-2 checkpoint (Hugging Face layout)",
        "Usage: kronscope-cli synth --out DIR [--preset gpt2|distilgpt2|gpt2-medium|gpt2-large|gpt2-xl]\n"
        "                           [--n-layer N] [--n-embd N] [--n-head N] [--vocab-size N] [--n-positions "
        "N]\n"
        "                           [--seed S] [--dtype F32|F16|BF16] [--std 0.02] [--prefixed] [--force] "
        "[--json]\n"
        "Refuses a folder that already holds a checkpoint unless --force is given.\n"
        "A random GPT-2 of the same shape is the null model for every structure score.\n",
        runSynth};
}

}  // namespace kronscope::cli
