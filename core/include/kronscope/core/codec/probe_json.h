#pragma once
// The JSON of every structure-probe report (CLI --json, the probe view, session files): every score next to
// its nulls' mean, std and z (samples included when with_samples), and the settings. Part of the result
// codec.
#include <nlohmann/json.hpp>
#include <string>

#include "kronscope/core/analysis/structure_probe.h"
#include "kronscope/core/probes/probes.h"

namespace kronscope::core {

/// One JSON object per result: every score next to its nulls' mean, std, z (samples included when
/// with_samples), and the settings.
std::string toJson(const KronRatioReport& report, bool with_samples = false);
std::string toJson(const BasisEnergyReport& report, bool with_samples = false);
std::string toJson(const CliffordReport& report, bool with_samples = false);
std::string toJson(const AngleReport& report, bool with_samples = false);
std::string toJson(const ToyProbeReport& report, bool with_samples = false);
/// A probe run's report as JSON with "checkpoint" and "model_hash", null draws as its request asks
/// (with_samples) and the raw angle lists dropped unless keep_angle_lists.
std::string probeRunJson(const ProbeRunResult& run);
/// The request's JSON (probe, matrices, settings, with_samples, keep_angle_lists; not the shard).
nlohmann::json toJson(const ProbeRequest& request);
/// Rebuilds an ijkl report's "layers" and "model" aggregates from its "matrices" (whose nulls must carry
/// their samples): what the merge of a sharded run does. InputError naming the matrix otherwise.
void recomputeBasisAggregates(nlohmann::json& report);
/// Drops every null's samples and the raw angle lists (what a report without with_samples holds).
void stripNullSamples(nlohmann::json& report);
/// The report as a table, one line per (entry, score) with its Gaussian and second null: Markdown (with the
/// skipped matrices and the settings) or CSV.
std::string probeTable(const nlohmann::json& report, bool csv);
/// Drops the raw eigen-angle lists of an angle report's JSON (large; histograms and S_k stay).
void stripAngleLists(nlohmann::json& report);

}  // namespace kronscope::core
