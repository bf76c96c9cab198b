// kronscope-cli tokenize: its options, help text and run function.
#include "common.h"

#include <iostream>
#include "cli_args.h"
#include "kronscope/core/model/checkpoint_writer.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/model/model_locator.h"
#include "kronscope/core/tokenizer/tokenizer.h"

namespace kronscope::cli {

namespace {

int runTokenize(const std::vector<std::string>& argv) {
    Args args(argv, {"model", "text"}, {"json"});
    const std::string text = readTextFile(args.require("text"));
    const auto tok = args.has("model")
                         ? core::Gpt2Tokenizer::forCheckpoint(core::resolveModel(args.get("model")))
                         : core::Gpt2Tokenizer::forCheckpoint("");
    std::vector<int32_t> ids;
    try {
        ids = tok.encode(text);
    } catch (const core::InputError& e) {
        throw core::InputError(args.get("text") + ": " + e.what());  // "FILE: invalid UTF-8 at byte offset N"
    }
    if (args.flag("json")) {
        printJson({{"text", args.get("text")},
                   {"bytes", text.size()},
                   {"tokens", ids.size()},
                   {"ids", ids},
                   {"tokenizer", tok.source()}});
        return 0;
    }
    for (size_t i = 0; i < ids.size(); ++i) std::cout << (i ? " " : "") << ids[i];
    std::cout << "\n";
    std::cerr << ids.size() << " tokens from " << text.size() << " bytes (" << tok.source() << ")\n";
    return 0;
}

}  // namespace

Command tokenizeCommand() {
    return {"tokenize", "GPT-2 byte-level BPE token ids of a text file",
            "Usage: kronscope-cli tokenize --text FILE [--model MODEL] [--json]\n"
            "Uses MODEL's vocab.json + merges.txt (or tokenizer.json), else GPT-2's from the data cache.\n",
            runTokenize};
}

}  // namespace kronscope::cli
