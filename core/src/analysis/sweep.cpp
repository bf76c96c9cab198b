#include "kronscope/core/analysis/sweep.h"

#include "kronscope/core/analysis/perplexity.h"
#include "kronscope/core/base/error.h"

namespace kronscope::core {

void SweepRequest::validate() const {
    checkSweepSettings(settings);
    if (text_path.empty()) throw InputError("text: choose a text file");
}

void SweepRequest::validateFor(const Gpt2Model& model) const {
    checkSweepSettings(settings, &model);
    if (text_path.empty()) throw InputError("text: choose a text file");
}

SweepResult runSweepAnalysis(Gpt2Model& model, const SweepRequest& rq, Progress& progress,
                             const SweepRowCallback& on_row) {
    rq.validateFor(model);  // before the text is read and tokenized
    const auto text = tokenizeTextFile(model, rq.text_path);
    SweepSettings s = rq.settings;
    describeText(s.ppl, text);
    std::function<void(const SweepRow&)> stream;
    if (on_row) stream = [&](const SweepRow& row) { on_row(row, text.hash); };
    return runSweep(model, text.ids, text.hash, s, progress, stream);
}

}  // namespace kronscope::core
