#pragma once
// The surgery sweep (the Surgery sweep page and `kronscope-cli sweep`): every (target, method, n) of the
// request on one text, the seed's tables. Defaults and checks live in the request; the rows stream as they
// finish.
#include <functional>
#include <string>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/surgery/surgery.h"

namespace kronscope::core {

struct SweepRequest {
    SweepSettings settings;  // block sizes, methods, targets, surgery options, perplexity window, baseline
    std::string text_path;   // settings.ppl.text_name is filled from the file when empty
    /// InputError naming the field: an empty list of block sizes, methods or targets, a block size below 1,
    /// an unknown method, a target that does not parse, no text.
    void validate() const;
    /// validate() and that every block size factors every block matrix of `model` (before the first long
    /// step, not after).
    void validateFor(const Gpt2Model& model) const;
};

/// A finished row, with the content hash of the text it was measured on.
using SweepRowCallback = std::function<void(const SweepRow& row, const std::string& text_hash)>;

/// Validates, tokenizes the text, runs the sweep (core::runSweep: the model is reverted at the end, on error
/// and on cancel, which returns the rows so far with complete = false). The caller holds the model.
SweepResult runSweepAnalysis(Gpt2Model& model, const SweepRequest& request, Progress& progress,
                             const SweepRowCallback& on_row = {});

}  // namespace kronscope::core
