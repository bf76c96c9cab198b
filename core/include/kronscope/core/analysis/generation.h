#pragma once
// Generation after surgery (seed 003's check; the Generation page and `kronscope-cli generate --method ...`):
// the same prompt continued by the unmodified model and by the model with the requested surgery, side by
// side.
#include <cstdint>
#include <string>
#include <vector>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/model/matrix_targets.h"
#include "kronscope/core/surgery/surgery.h"

namespace kronscope::core {

struct GenerationRequest {
    std::string prompt;
    GenerationSettings settings;
    std::string method;  // "" = the unmodified model only; else kron, svd, hybrid, reverse-hybrid
    int64_t block_size = 16;
    MatrixTargets targets = MatrixTargets::all();
    SurgeryOptions options;
    /// InputError naming the field.
    void validate() const;
};

struct GenerationResult {
    GenerationRequest request;
    std::string original, surgered;                   // prompt + continuation, decoded
    std::vector<int32_t> original_ids, surgered_ids;  // prompt + new tokens
    int64_t new_tokens = 0;                           // of the unmodified continuation
    std::string plan_label;                           // "" without surgery
    double mean_rel_err = 0.0;                        // over the replaced matrices
    std::string model_hash;
};

/// Tokenizes the prompt with the checkpoint's tokenizer, continues it with the unmodified model, then (with a
/// method) applies the surgery, continues it again with the same settings (the same seed when sampling) and
/// reverts. The caller holds the model.
GenerationResult runGeneration(Gpt2Model& model, const GenerationRequest& request, Progress& progress);

}  // namespace kronscope::core
