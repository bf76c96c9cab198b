#pragma once
// The JSON of a seed reproduction (the Reproduce view's rows in session files), part of the result codec:
// recipe, title, source, settings, rows[] (quantity, seed, ours, verdict).
#include "kronscope/core/analysis/reproduce.h"
#include "kronscope/core/codec/result_json.h"

namespace kronscope::core {

Json toJson(const Reproduction& r);
Reproduction reproductionFromJson(const JsonIn& j);

}  // namespace kronscope::core
