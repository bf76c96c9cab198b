#include "kronscope/core/analysis/sweep.h"

#include "kronscope/core/analysis/perplexity.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/decompose/decomposition.h"
#include "kronscope/core/model/matrix_targets.h"

namespace kronscope::core {

void SweepRequest::validate() const {
    const SweepSettings& s = settings;
    if (s.block_sizes.empty()) throw InputError("block sizes: give at least one");
    for (const auto n : s.block_sizes)
        if (n < 1) throw InputError("block sizes: " + std::to_string(n) + " is not a positive integer");
    if (s.methods.empty())
        throw InputError("methods: give at least one of kron, svd, hybrid, reverse-hybrid");
    for (const auto& m : s.methods)
        if (m != "kron" && m != "svd" && m != "hybrid" && m != "reverse-hybrid")
            throw InputError("methods: '" + m + "' is not one of kron, svd, hybrid, reverse-hybrid");
    if (s.targets.empty()) throw InputError("targets: give at least one (e.g. all, attn, mlp, layers:0-5)");
    for (const auto& t : s.targets) MatrixTargets::parse(t);
    if (text_path.empty()) throw InputError("text: choose a text file");
}

void SweepRequest::validateFor(const Gpt2Model& model) const {
    validate();
    for (const auto n : settings.block_sizes)
        for (const auto& m : model.matrices())
            KroneckerSpec::forBlockSize(m.rows, m.cols, n, settings.options.small_first);
}

SweepResult runSweepAnalysis(Gpt2Model& model, const SweepRequest& rq, Progress& progress,
                             const SweepRowCallback& on_row) {
    rq.validateFor(model);
    const auto text = tokenizeTextFile(model, rq.text_path);
    SweepSettings s = rq.settings;
    if (s.ppl.text_name.empty()) s.ppl.text_name = text.name;
    std::function<void(const SweepRow&)> stream;
    if (on_row) stream = [&](const SweepRow& row) { on_row(row, text.hash); };
    return runSweep(model, text.ids, text.hash, s, progress, stream);
}

}  // namespace kronscope::core
