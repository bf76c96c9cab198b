// kronscope-cli convert: its options, help text and run function.
#include "common.h"

#include <iostream>

#include "cli_args.h"
#include "kronscope/core/analysis/convert.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/codec/result_json.h"

namespace kronscope::cli {

namespace {

int runConvert(const std::vector<std::string>& argv) {
    Args args(argv, {"model", "out", "dtype"}, {"json", "quiet"});
    core::ConvertRequest rq;
    rq.out = args.require("out");
    rq.dtype = args.get("dtype", "F32");
    for (auto& c : rq.dtype) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    try {
        rq.validate();  // before the model is read
    } catch (const core::InputError& e) {
        throw usageErrorFor(e);
    }
    // Read in float32 on the CPU: --dtype here is the output's dtype, not the compute dtype of other
    // commands.
    const Args load({"--model", args.require("model")}, {"model"}, {});
    auto model = loadModel(load, !args.flag("quiet"));
    core::ConvertResult r;
    {
        JobProgress jp(!args.flag("quiet"));
        r = core::runConvert(*model, rq, jp.progress);
    }
    if (args.flag("json")) {
        auto j = core::toJson(r);
        j.update(
            {{"result_version", core::kResultJsonVersion}, {"app_version", core::buildInfo().app_version}});
        printJson(j);
        return 0;
    }
    std::cout << "Converted " << r.source << "\n"
              << "  read as   " << r.source_format << ", " << r.source_layout << " keys, " << r.source_dtype
              << "\n"
              << "  wrote     " << r.request.out << " (config.json + model.safetensors, " << r.request.dtype
              << ", " << r.bytes << " bytes)\n"
              << "  tokenizer " << (r.tokenizer.empty() ? "none copied" : r.tokenizer) << "\n"
              << "  hashes    " << r.source_hash << " -> " << r.out_hash << "\n";
    return 0;
}

}  // namespace

Command convertCommand() {
    return {
        "convert", "write any checkpoint Kronscope reads as Hugging Face safetensors",
        "Usage: kronscope-cli convert --model MODEL --out DIR [--dtype F32|F16|BF16] [--quiet] [--json]\n"
        "MODEL: a folder with model.safetensors, model.safetensors.index.json (shards), pytorch_model.bin\n"
        "(with config.json) or nanoGPT's ckpt.pt, or the weights file itself. DIR must not exist (or be\n"
        "empty); it receives config.json, model.safetensors (bare keys) and the tokenizer files. The\n"
        "original weights are written, in --dtype (default F32).\n",
        runConvert};
}

}  // namespace kronscope::cli
