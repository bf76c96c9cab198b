#pragma once
// One surgery measured (kronscope-cli surgery; the Surgery sweep page runs many through runSweep): the named
// method at block size n on the targeted matrices, perplexity of the text before (optional) and after, the
// model reverted at the end (also on error and cancel).
#include <cstdint>
#include <optional>
#include <string>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/model/matrix_targets.h"
#include "kronscope/core/surgery/surgery.h"

namespace kronscope::core {

struct SurgeryRequest {
    std::string method = "kron";  // kron, svd, hybrid, reverse-hybrid
    int64_t block_size = 0;       // n
    MatrixTargets targets = MatrixTargets::all();
    SurgeryOptions options;
    std::string text_path;
    PerplexitySettings ppl;  // text_name is filled from the file when empty
    bool baseline = true;    // also measure the unmodified model first
    /// InputError naming the field.
    void validate() const;
};

struct SurgeryRunResult {
    SurgeryRequest request;
    std::string plan_label;
    SurgeryResult surgery;
    std::optional<PerplexityResult> baseline;
    PerplexityResult after;
    double mean_rel_err = 0.0;  // over the replaced matrices
    std::string text_hash, model_hash;
};

/// Plans, applies, measures and reverts. The caller holds the model for the duration (surgery changes the
/// weights the forward pass uses).
SurgeryRunResult runSurgeryAnalysis(Gpt2Model& model, const SurgeryRequest& request, Progress& progress);

}  // namespace kronscope::core
