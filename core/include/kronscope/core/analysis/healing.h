#pragma once
// Healing after surgery as one request (`kronscope-cli heal`, `heal-sweep`): the checkpoint, the corpus and
// the healer's settings (train/healer.h). The corpus is "brown" (trained on its train split, perplexity on
// its validation split) or a UTF-8 text file (perplexity on --validation FILE, else on its last 10% of
// tokens, trained on the first 90%), tokenized with the checkpoint's own tokenizer.
#include <string>
#include <vector>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/train/healer.h"

namespace kronscope::core {

struct HealRequest {
    std::string model;             // a checkpoint folder (or a name resolveModel knows)
    std::string corpus = "brown";  // "brown" or a text file
    std::string validation;        // a text file (text corpora only); "" = the last 10% of the corpus
    HealSettings settings;
    /// InputError naming the field.
    void validate() const;
};

struct HealingResult {
    HealRequest request;
    HealResult run;
    std::string corpus_name, heldout_name;
    int64_t train_tokens = 0, heldout_tokens = 0;
};

/// Tokenizes the corpus (3% of the progress) and heals. The request's model, corpus and validation go with
/// a resumable run's state (settings.resume_context), so loadHealRequest can continue it.
HealingResult runHealing(const HealRequest& request, Progress& progress);

/// The request of the interrupted run in out_dir (its heal_state.pt), ready to continue: settings.resume
/// set, stop_after 0. `kronscope-cli heal --resume --out DIR` and the GUI's Resume run this.
HealRequest loadHealRequest(const std::string& out_dir);

/// One row per method x block size of a heal sweep (the seed's Experiment 3 table with the healed PPL and
/// both parameter counts); every run gets the same settings (token budget) but its method and n.
struct HealSweepRequest {
    HealRequest base;
    std::vector<std::string> methods{"kron", "svd"};
    std::vector<int64_t> block_sizes{2, 4, 8, 16, 32};
    bool control = true;  // also the unmodified model fine-tuned the same way (method none)
    /// "" = none; else a smaller dense checkpoint (about the factored models' parameter count) fine-tuned
    /// the same way: the second control.
    std::string matched_dense;
    void validate() const;
};
struct HealSweepResult {
    HealSweepRequest request;
    std::vector<HealingResult> rows;
    bool complete = true;
};
HealSweepResult runHealSweep(const HealSweepRequest& request, Progress& progress);
/// The table as Markdown or CSV: method, n, params (model), replaced params (factors / dense), PPL original,
/// after surgery, healed.
std::string healSweepTable(const HealSweepResult& result, bool csv);

}  // namespace kronscope::core
