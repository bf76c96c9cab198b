#pragma once
// A structure probe over a model's block matrices (the Structure probes page and `kronscope-cli probe`): one
// request (which probe, which matrices, the probe settings, optionally both factor orders), one run on the
// original weights, one result: the typed report(s), whose JSON (codec/probe_json.h, probeRunJson) views,
// tables and sessions read. Every score in it sits beside its nulls.
#include <string>
#include <variant>
#include <vector>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/probes/probes.h"

namespace kronscope::core {

enum class ProbeKind { KronRatio = 0, BasisEnergy = 1, Clifford = 2, Angles = 3 };
const char* probeKindName(ProbeKind kind);  // "kron-ratio", "ijkl", "clifford", "angles" (the CLI's names)
/// Parses probeKindName(); InputError naming the choices.
ProbeKind parseProbeKind(const std::string& name);

struct ProbeRequest {
    ProbeKind kind = ProbeKind::KronRatio;
    std::string matrices =
        "all";  // a selectProbeMatrices spec (the MatrixTargets grammar or a list of names)
    ProbeSettings settings;
    bool both_orders = false;  // one run per factor order (small first, then small second)
    bool with_samples = true;  // every null draw in the JSON (histograms); the CLI leaves it out by default
    bool keep_angle_lists =
        false;  // raw eigen-angles in the JSON (large); histograms and S_k are always kept
    /// InputError naming the field.
    void validate() const;
};

using ProbeReport = std::variant<KronRatioReport, BasisEnergyReport, CliffordReport, AngleReport>;

struct ProbeRunResult {
    ProbeRequest request;  // as run (one factor order)
    ProbeReport report;
    std::string checkpoint;  // the model's directory
    std::string model_hash;  // its content hash
};

/// Runs the probe (and with both_orders, once per factor order) on the model's original weights: safe beside
/// other jobs. Cancellable between null draws.
std::vector<ProbeRunResult> runStructureProbe(const WeightSource& model, const ProbeRequest& request,
                                              Progress& progress);

}  // namespace kronscope::core
