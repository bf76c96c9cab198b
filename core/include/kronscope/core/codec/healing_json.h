#pragma once
// The JSON of a healing run (kronscope-cli heal --json, heal-sweep rows, session files), part of the result
// codec: method, block_size, init, settings (describe()), the request's fields under "request",
// ppl_original, ppl_surgery, ppl_healed, params, params_original, params_trainable, steps, history[] (step,
// train_loss, val_ppl, lr, seconds), matrices[] (matrix, method, params, dense_params, init_rel_err,
// factored), corpus, heldout, model_hash, out, cancelled.
#include "kronscope/core/analysis/healing.h"
#include "kronscope/core/codec/result_json.h"

namespace kronscope::core {

Json toJson(const HealingResult& r);
HealingResult healingFromJson(const JsonIn& j);

}  // namespace kronscope::core
