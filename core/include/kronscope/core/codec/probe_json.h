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
/// Drops the raw eigen-angle lists of an angle report's JSON (large; histograms and S_k stay).
void stripAngleLists(nlohmann::json& report);

}  // namespace kronscope::core
