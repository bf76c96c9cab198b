#pragma once
// Strided perplexity of a model on a text file (the Perplexity page and `kronscope-cli ppl`): read the file
// (a regular UTF-8 file), tokenize it with the checkpoint's tokenizer, run Hugging Face's fixed-length recipe
// (science.md). The text's content hash travels with the ids so that every row names the text it was measured
// on.
#include <cstdint>
#include <string>
#include <vector>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/model/gpt2_model.h"

namespace kronscope::core {

/// A text file as the model's token ids.
struct TokenizedText {
    std::string path, name;  // name: the file name, shown in tables
    std::string hash;        // contentHashOf(the file's bytes)
    std::string tokenizer;   // the tokenizer files used (Gpt2Tokenizer::source())
    int64_t bytes = 0;
    std::vector<int32_t> ids;
};

/// Reads and tokenizes `path` with the tokenizer of `model`'s checkpoint. InputError naming the file.
TokenizedText tokenizeTextFile(const Gpt2Model& model, const std::string& path);

/// Names the text in `s` (its file name unless `s` has a name) and the tokenizer that made its ids.
void describeText(PerplexitySettings& s, const TokenizedText& text);

struct PerplexityRequest {
    std::string text_path;
    PerplexitySettings settings;  // text_name is filled from the file when empty
};

struct PerplexityRun {
    PerplexityResult result;
    std::string text_hash;
    std::string model_hash;
    std::string tokenizer;  // the tokenizer files used
};

/// Tokenizes (5% of the progress) and measures. Holds no lock: a caller that may run surgery beside it
/// serialises.
PerplexityRun runPerplexity(const Gpt2Model& model, const PerplexityRequest& request, Progress& progress);

}  // namespace kronscope::core
