#include "kronscope/core/analysis/perplexity.h"

#include <filesystem>

#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/base/hash.h"
#include "kronscope/core/tokenizer/tokenizer.h"

namespace kronscope::core {

TokenizedText tokenizeTextFile(const Gpt2Model& model, const std::string& path) {
    TokenizedText t;
    t.path = path;
    t.name = std::filesystem::path(path).filename().string();
    const std::string text = readTextFile(path, "text file");
    t.bytes = static_cast<int64_t>(text.size());
    t.hash = contentHashOf(text);
    const auto tokenizer = Gpt2Tokenizer::forCheckpoint(model.directory());  // its errors name its files
    t.tokenizer = tokenizer.source();
    try {
        t.ids = tokenizer.encode(text);
    } catch (const InputError& e) {
        throw InputError(path + ": " + e.what());  // "FILE: invalid UTF-8 at byte offset N (...)"
    }
    return t;
}

void describeText(PerplexitySettings& s, const TokenizedText& text) {
    if (s.text_name.empty()) s.text_name = text.name;
    s.tokenizer = text.tokenizer;
}

PerplexityRun runPerplexity(const Gpt2Model& model, const PerplexityRequest& rq, Progress& progress) {
    auto tokenize = progress.sub(0.0, 0.05);
    tokenize.report(0.0, "tokenizing");
    const auto text = tokenizeTextFile(model, rq.text_path);
    PerplexitySettings s = rq.settings;
    describeText(s, text);
    auto run = progress.sub(0.05, 1.0);
    PerplexityRun out;
    out.result = model.perplexity(text.ids, s, run);
    out.text_hash = text.hash;
    out.model_hash = model.contentHash();
    out.tokenizer = text.tokenizer;
    return out;
}

}  // namespace kronscope::core
