#include "kronscope/core/analysis/toy_lab.h"

#include <algorithm>
#include <string>

#include "kronscope/core/base/error.h"

namespace kronscope::core {

void ToyRequest::resolveDefaults() {
    if (base.log_interval <= 0) base.log_interval = std::max<int64_t>(1, base.steps / 200);
    if (sparsities.empty()) sparsities = {base.sparsity};
}

void ToyRequest::validate() const {
    base.validate();
    if (base.hidden >= base.features)
        throw InputError("hidden m (" + std::to_string(base.hidden) + ") must be smaller than features n (" +
                         std::to_string(base.features) + ") for superposition");
    for (const double s : sparsities)
        if (!(s >= 0.0 && s < 1.0)) throw InputError("sparsity " + std::to_string(s) + " is outside [0, 1)");
    if (null_draws < 2)
        throw InputError("null draws: " + std::to_string(null_draws) + " (a null needs at least 2)");
}

std::vector<ToyModelResult> runToyModels(ToyRequest rq, Progress& progress,
                                         const std::function<void(size_t, int64_t, double)>& on_loss) {
    rq.resolveDefaults();
    rq.validate();
    return trainToySweep(rq.base, rq.sparsities, progress, on_loss);
}

}  // namespace kronscope::core
