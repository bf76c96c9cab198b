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
    /// A cluster shard (kronscope-cli probe --shard I/N): the cells are the selected matrices in selection
    /// order; only those with k mod shard_count == shard_index are probed (0 = all). Each matrix's nulls are
    /// seeded from (seed, its name), so a shard gives the numbers of the unsharded run; aggregates (ijkl's
    /// layers and model) are rebuilt by the merge from the matrices' null draws.
    int64_t shard_index = 0, shard_count = 0;
    /// InputError naming the field.
    void validate() const;
};

using ProbeReport = std::variant<KronRatioReport, BasisEnergyReport, CliffordReport, AngleReport>;

struct ProbeRunResult {
    ProbeRequest request;  // as run (one factor order)
    ProbeReport report;
    std::string checkpoint;  // the model's directory
    std::string model_hash;  // its content hash
    /// The cells: every selected matrix in selection order, and the ones this run probed (all unless
    /// sharded).
    std::vector<std::string> cell_matrices;
    std::vector<int64_t> cells;
};

/// Runs the probe (and with both_orders, once per factor order) on the model's original weights: safe beside
/// other jobs. Cancellable between null draws.
std::vector<ProbeRunResult> runStructureProbe(const WeightSource& model, const ProbeRequest& request,
                                              Progress& progress);

}  // namespace kronscope::core
