#pragma once
// The toy superposition lab (the Toy page and `kronscope-cli toy`): one toy model, or one per sparsity of a
// sweep, trained with the same settings and seed (the sparsity is the only difference). Defaults and
// validation live here.
#include <cstdint>
#include <functional>
#include <vector>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/train/toy_model.h"

namespace kronscope::core {

struct ToyRequest {
    ToyModelSettings base;           // base.log_interval <= 0: max(1, steps / 200) (about 200 loss points)
    std::vector<double> sparsities;  // one model per entry; empty: {base.sparsity}
    int null_draws = 20;             // for the probes on W
    /// Fills the defaults above. Called by runToyModels.
    void resolveDefaults();
    /// InputError naming the field: the settings' own checks, hidden m not below features n (no
    /// superposition), a sparsity outside [0, 1), fewer than 2 null draws.
    void validate() const;
};

/// Trains every model of the request; on_loss(run, step, loss) on the training thread at each history point.
std::vector<ToyModelResult> runToyModels(
    ToyRequest request, Progress& progress,
    const std::function<void(size_t run, int64_t step, double loss)>& on_loss = {});

}  // namespace kronscope::core
