#pragma once
// The JSON of the compression lab's results (CLI --json, exports, session files). Part of the result codec
// (result_json.h: the same checked reading, NaN as null). Keys the CLI documents: stats `tensors[]` (name,
// std, kurtosis, max_abs, ...); quantize `bytes`, `mse`, `ppl`, `tensors[]`; prune-sweep `rows[]` (prune,
// bits, bytes, ppl); procrustes `reduction`, `cosine`, `null.gaussian.mean|std|z`.
#include "kronscope/core/analysis/compression.h"
#include "kronscope/core/codec/result_json.h"

namespace kronscope::core {

Json toJson(const StatsResult& r);
StatsResult statsFromJson(const JsonIn& j);
Json toJson(const QuantizeResult& r);
QuantizeResult quantizeFromJson(const JsonIn& j);
Json toJson(const PruneSweepRow& r);
Json toJson(const PruneSweepResult& r);
PruneSweepResult pruneSweepFromJson(const JsonIn& j);
Json toJson(const ProcrustesResult& r);
ProcrustesResult procrustesFromJson(const JsonIn& j);
Json toJson(const CompareResult& r);
CompareResult compareFromJson(const JsonIn& j);

/// Tables by extension (.md, .csv, .json), written atomically; InputError for other extensions.
void writeStatsTable(const StatsResult& r, const std::string& path);
void writePruneSweepTable(const PruneSweepResult& r, const std::string& path);

}  // namespace kronscope::core
