#pragma once
// The JSON of the modular-arithmetic lab (CLI --json, exports, session files), part of the result codec.
// Training: settings, steps_done, complete, `tasks[]` (q, train_acc, val_acc, test_acc and the losses),
// generalized_at, history[]. Search: the axes and `rows[]`. Analyses (flat; a key is there when its
// analysis ran): accuracy `tasks[]`, `history[]`, `generalized_at`; positional `pearson`, `pos0`, `pos1`;
// svd `singular_values[]`, `rank50`, `rank90`, `left_vectors[]`; fourier `active_frequencies`, `norms[]`,
// `cos_norms[]`, `sin_norms[]`, `threshold`; neurons `neurons[]` (neuron, variance, kx, ky, top_share),
// `shown`, `concentrated_share` and, with maps, `neuron_maps[]`, `neuron_dfts[]`; attention `heads` and,
// with maps, `attention_x0[]`, `attention_x1[]`; `claims[]` (finding, seed, ours, verdict).
#include <map>

#include "kronscope/core/analysis/modular.h"
#include "kronscope/core/codec/result_json.h"

namespace kronscope::core {

Json toJson(const ModularTrainSettings& s);
ModularTrainSettings modularTrainSettingsFromJson(const JsonIn& j);
Json toJson(const ModularEval& e);
ModularEval modularEvalFromJson(const JsonIn& j);
Json toJson(const ModularTrainRun& r);
ModularTrainRun modularTrainFromJson(const JsonIn& j);
Json toJson(const ModularSearchResult& r);
ModularSearchResult modularSearchFromJson(const JsonIn& j);
/// with_maps: the p x p maps inline (CLI); without, sessions keep them as arrays (putArrays).
Json toJson(const ModularAnalysisResult& r, bool with_maps = true);
ModularAnalysisResult modularAnalysisFromJson(const JsonIn& j);
void putArrays(const ModularAnalysisResult& r, const std::string& prefix,
               std::map<std::string, SessionArray>& arrays);
void takeArrays(ModularAnalysisResult& r, const std::string& prefix,
                const std::map<std::string, SessionArray>& arrays);

}  // namespace kronscope::core
