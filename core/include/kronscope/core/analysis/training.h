#pragma once
// Training a GPT-2 and its final evaluation (Tools > Train a GPT-2 and `kronscope-cli train`): one request,
// one place for the defaults, one run. The corpus is "brown" (the data cache's Brown corpus, split by file)
// or a UTF-8 text file (an optional second file is its validation text). A Brown run that was not cancelled
// ends with the exported checkpoint's perplexity on the test split (max_length = stride = context) beside the
// add-one unigram baseline of the training ids, on the training device in float32.
#include <cstdint>
#include <limits>
#include <string>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/train/trainer.h"

namespace kronscope::core {

/// Defaults that depend on the run length, used by every front end.
int64_t defaultWarmup(int64_t steps);         // min(100, steps / 10)
int64_t defaultEvalInterval(int64_t steps);   // max(1, min(100, steps / 10))
int64_t defaultContext(const Gpt2Config& c);  // min(128, n_positions)

struct TrainingRequest {
    std::string corpus = "brown";  // "brown" or a text file
    std::string validation;        // a text file (text corpora only); "" = none
    TrainSettings settings;        // settings.warmup / eval_interval < 0: the defaults above
    /// Fills the length-dependent defaults (warmup, eval interval). Called by runTraining.
    void resolveDefaults();
    /// InputError naming the field: no output folder, a validation file beside brown, context beyond
    /// n_positions.
    void validate() const;
};

struct TrainingResult {
    TrainSettings settings;  // as run (after defaults and, for a resume, the saved run's own settings)
    TrainResult run;
    std::string corpus_name;
    int64_t train_tokens = 0, validation_tokens = 0;
    bool has_test = false;  // a Brown run that was not cancelled
    PerplexityResult test;  // the exported checkpoint on the test split
    int64_t test_tokens = 0;
    double unigram_test_ppl = std::numeric_limits<double>::quiet_NaN();
};

/// Tokenizes the corpus with GPT-2's tokenizer, trains (settings.resume continues the run in out_dir: the
/// front end passes its saved settings, loadTrainSettings, with any changes the trainer then checks) and
/// evaluates as described above. Progress: 3% tokenizing, the run, 5% test evaluation (Brown).
TrainingResult runTraining(TrainingRequest request, Progress& progress);

}  // namespace kronscope::core
