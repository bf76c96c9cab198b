// kronscope-cli info: its options, help text and run function.
#include "common.h"
#include "kronscope/core/surgery/surgery.h"

#include <iomanip>
#include <iostream>
#include "cli_args.h"
#include "kronscope/core/model/checkpoint_writer.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/model/model_locator.h"
#include "kronscope/core/tokenizer/tokenizer.h"

namespace kronscope::cli {

namespace {

int runInfo(const std::vector<std::string>& argv) {
    Args args(argv, {"model"}, {"json", "matrices", "quiet"}, /*max_positionals=*/1);
    if (!args.has("model") && args.positionals().size() == 1) {
        std::vector<std::string> again = argv;
        again.insert(again.begin(), "--model");
        return runInfo(again);
    }
    if (!args.has("model")) {
        // No model: list what the Hugging Face cache holds.
        const auto cached = core::scanHuggingFaceCache();
        if (args.flag("json")) {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& m : cached)
                list.push_back({{"name", m.name}, {"directory", m.directory}, {"size", m.size_name}});
            printJson({{"hf_cache", core::huggingFaceCacheDirectory()}, {"models", list}});
        } else {
            const auto root = core::huggingFaceCacheDirectory();
            std::cout << "Hugging Face cache: " << (root.empty() ? "(none found)" : root) << "\n";
            for (const auto& m : cached)
                std::cout << "  " << m.name << "  (" << m.size_name << ")  " << m.directory << "\n";
            if (cached.empty()) std::cout << "  no GPT-2 models with model.safetensors found\n";
        }
        return 0;
    }
    auto model = loadModel(args, false);
    const auto& c = model->config();
    // The tokenizer the model's texts would be read with, or why there is none (info still answers).
    std::string tokenizer, tokenizer_error;
    try {
        tokenizer = core::Gpt2Tokenizer::forCheckpoint(model->directory()).source();
    } catch (const core::InputError& e) {
        tokenizer_error = e.what();
    }
    const auto mats = model->matrices();
    const int64_t factored = core::activeSurgeryCount(*model);  // a healed checkpoint's stored factors
    int64_t block_weights = 0;
    for (const auto& m : mats) block_weights += m.params();
    if (args.flag("json")) {
        nlohmann::json j = {{"directory", model->directory()},
                            {"config", configJson(c)},
                            {"format", model->format()},
                            {"weights_file", model->weightsFile()},
                            {"tokenizer", tokenizer},
                            {"tokenizer_error", tokenizer_error},
                            {"key_layout", model->keyLayout()},
                            {"stored_dtype", model->storedDtype()},
                            {"block_matrices", mats.size()},
                            {"block_matrix_weights", block_weights},
                            {"content_hash", model->contentHash()},
                            {"factored_matrices", factored},
                            {"warnings", model->warnings()}};
        if (args.flag("matrices")) {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& m : mats) list.push_back({{"name", m.name}, {"rows", m.rows}, {"cols", m.cols}});
            j["matrices"] = list;
        }
        printJson(j);
        return 0;
    }
    std::cout << "Checkpoint   " << model->directory() << "\n"
              << "Model        " << c.sizeName() << ": " << c.n_layer << " layers, n_embd " << c.n_embd
              << ", " << c.n_head << " heads, n_inner " << c.innerDim() << ", vocab " << c.vocab_size
              << ", n_positions " << c.n_positions << "\n"
              << "Format       " << model->format() << "\n"
              << "Stored as    " << model->storedDtype() << ", " << model->keyLayout() << " keys\n"
              << "Tokenizer    " << (tokenizer.empty() ? "none: " + tokenizer_error : tokenizer) << "\n"
              << "Block matrices  " << mats.size() << " with " << block_weights << " weights\n"
              << "Content hash " << model->contentHash() << "\n";
    if (factored > 0)
        std::cout << "Factored     " << factored << " matrices run from " << core::kStoredFactorsFile
                  << " (a healed checkpoint; model.safetensors holds them multiplied out)\n";
    if (args.flag("matrices"))
        for (const auto& m : mats)
            std::cout << "  " << std::left << std::setw(22) << m.name << m.rows << " x " << m.cols << "\n";
    return 0;
}

}  // namespace

Command infoCommand() {
    return {"info", "a checkpoint's configuration, layout and block matrices; or the HF cache's GPT-2 models",
            "Usage: kronscope-cli info [--model] MODEL [--matrices] [--json]\n"
            "       kronscope-cli info [--json]          (lists GPT-2 models in the Hugging Face cache)\n"
            "MODEL is a checkpoint folder (config.json + model.safetensors, sharded safetensors or\n"
            "pytorch_model.bin; or nanoGPT's ckpt.pt), a weights file, or a model name in the cache.\n",
            runInfo};
}

}  // namespace kronscope::cli
