#include "kronscope/core/analysis/generation.h"

#include "kronscope/core/base/error.h"
#include "kronscope/core/tokenizer/tokenizer.h"

namespace kronscope::core {

void GenerationRequest::validate() const {
    if (prompt.empty()) throw InputError("prompt: give a prompt");
    if (settings.max_new_tokens < 0 || settings.max_new_tokens > 100000)
        throw InputError("max new tokens: " + std::to_string(settings.max_new_tokens) +
                         " (expected 0..100000)");
    if (!method.empty() && method != "kron" && method != "svd" && method != "hybrid" &&
        method != "reverse-hybrid")
        throw InputError("method: '" + method + "' is not one of kron, svd, hybrid, reverse-hybrid");
    if (!method.empty() && block_size < 1)
        throw InputError("block size: " + std::to_string(block_size) + " is not a positive integer");
}

GenerationResult runGeneration(Gpt2Model& model, const GenerationRequest& rq, Progress& progress) {
    rq.validate();
    GenerationResult out;
    out.request = rq;
    out.model_hash = model.contentHash();
    const auto tok = Gpt2Tokenizer::forCheckpoint(model.directory());
    const auto in = tok.encode(rq.prompt);
    if (in.empty()) throw InputError("prompt: it tokenizes to nothing");
    revertSurgery(model);
    const bool surgery = !rq.method.empty();
    auto p0 = progress.sub(0.0, surgery ? 0.45 : 1.0);
    out.original_ids = model.generate(in, rq.settings, &p0);
    out.original = tok.decode(out.original_ids);
    out.new_tokens = static_cast<int64_t>(out.original_ids.size() - in.size());
    if (!surgery) return out;
    const auto plan = SurgeryPlan::named(model, rq.method, rq.block_size, rq.targets, rq.options);
    out.plan_label = plan.label;
    auto p1 = progress.sub(0.45, 0.55);
    const auto s = applySurgery(model, plan, p1);
    try {
        auto p2 = progress.sub(0.55, 1.0);
        out.surgered_ids = model.generate(in, rq.settings, &p2);
    } catch (...) {
        revertSurgery(model);
        throw;
    }
    revertSurgery(model);
    out.surgered = tok.decode(out.surgered_ids);
    for (const auto& m : s.matrices) out.mean_rel_err += m.rel_err / static_cast<double>(s.matrices.size());
    return out;
}

}  // namespace kronscope::core
