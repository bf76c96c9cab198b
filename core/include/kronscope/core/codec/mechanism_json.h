#pragma once
// The JSON of the mechanism lab's results (CLI --json, exports, session files), part of the result codec.
// Keys by analysis: activation-error `matrices[]` (name, kron.act_rel_err, kron.rel_err, svd.act_rel_err,
// svd.rel_err) and `wins`; conditioning `matrices[]` (name, original|kron|svd .cond (null for inf),
// .numerical_rank, .effective_rank) and `median`; nullspace `baseline_ppl`, `kron_ppl`, `svd_ppl`,
// `points[]`; scan `baseline_ppl`, `rows[]` (matrix, method, block_size, ppl, mean_nll) and `additivity[]`;
// propagation `runs[]` (config, ppl, layers[] with rel_err, cosine).
#include "kronscope/core/analysis/generation.h"
#include "kronscope/core/analysis/mechanism.h"
#include "kronscope/core/codec/result_json.h"

namespace kronscope::core {

Json toJson(const MechanismResult& r);
MechanismResult mechanismFromJson(const JsonIn& j);
Json toJson(const MechanismRequest& r);
MechanismRequest mechanismRequestFromJson(const JsonIn& j);
/// Generation after surgery (the Generation page's result).
Json toJson(const GenerationResult& r);
GenerationResult generationFromJson(const JsonIn& j);

}  // namespace kronscope::core
