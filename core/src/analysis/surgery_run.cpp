#include "kronscope/core/analysis/surgery_run.h"

#include "kronscope/core/analysis/perplexity.h"
#include "kronscope/core/base/error.h"

namespace kronscope::core {

void SurgeryRequest::validate() const {
    if (block_size < 1)
        throw InputError("block size: " + std::to_string(block_size) + " is not a positive integer");
    if (method != "kron" && method != "svd" && method != "hybrid" && method != "reverse-hybrid")
        throw InputError("method: '" + method + "' is not one of kron, svd, hybrid, reverse-hybrid");
    if (text_path.empty()) throw InputError("text: choose a text file");
}

SurgeryRunResult runSurgeryAnalysis(Gpt2Model& model, const SurgeryRequest& rq, Progress& progress) {
    rq.validate();
    SurgeryRunResult out;
    out.request = rq;
    const auto plan = SurgeryPlan::named(model, rq.method, rq.block_size, rq.targets, rq.options);
    out.plan_label = plan.label;
    const auto text = tokenizeTextFile(model, rq.text_path);
    out.text_hash = text.hash;
    out.model_hash = model.contentHash();
    PerplexitySettings s = rq.ppl;
    describeText(s, text);
    auto p0 = progress.sub(0.0, rq.baseline ? 0.45 : 0.0);
    if (rq.baseline) out.baseline = model.perplexity(text.ids, s, p0);
    auto p1 = progress.sub(rq.baseline ? 0.45 : 0.0, rq.baseline ? 0.55 : 0.2);
    out.surgery = applySurgery(model, plan, p1);
    try {
        auto p2 = progress.sub(rq.baseline ? 0.55 : 0.2, 1.0);
        out.after = model.perplexity(text.ids, s, p2);
    } catch (...) {
        revertSurgery(model);
        throw;
    }
    revertSurgery(model);
    for (const auto& m : out.surgery.matrices)
        out.mean_rel_err += m.rel_err / static_cast<double>(out.surgery.matrices.size());
    return out;
}

}  // namespace kronscope::core
