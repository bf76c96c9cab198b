#pragma once
// The JSON of every structure-probe report (CLI --json, the probe view, session files): every score next to its
// nulls' mean, std and z (samples included when with_samples), and the settings. Part of the result codec.
#include <string>

#include "kronscope/core/probes/probes.h"

namespace kronscope::core {


/// One JSON object per result: every score next to its nulls' mean, std, z (samples included when
/// with_samples), and the settings.
std::string toJson(const KronRatioReport& report, bool with_samples = false);
std::string toJson(const BasisEnergyReport& report, bool with_samples = false);
std::string toJson(const CliffordReport& report, bool with_samples = false);
std::string toJson(const AngleReport& report, bool with_samples = false);
std::string toJson(const ToyProbeReport& report, bool with_samples = false);

}  // namespace kronscope::core
