#pragma once
// Structure probe runs (science.md "Structure scores, each with a null"): core's probe analysis titled for
// the view. A probe run is kept as its report's JSON (the codec's probe form with the null samples), which is
// what the view draws from and what a session stores: one format, no second parser.
#include <QString>
#include <string>
#include <vector>

#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/analysis/structure_probe.h"
#include "kronscope/core/probes/probes.h"
#include "kronscope/core/codec/probe_json.h"
#include "kronscope/core/base/progress.h"

namespace kronscope::app {

/// The probe itself is core's analysis (analysis/structure_probe.h), the same request as `kronscope-cli
/// probe`.
using ProbeKind = core::ProbeKind;
using ProbeRequest = core::ProbeRequest;
using core::probeKindName;  // "kron-ratio", "ijkl", "clifford", "angles"

/// One finished probe: what the view shows and a session stores.
struct ProbeRun {
    std::string title;  // "2x2 basis energy · all · n = 2, small first"
    std::string json;   // the report (core::toJson(report, /*with_samples=*/true))
};

/// core::runStructureProbe, each result titled for the view (a worker thread; safe beside other jobs).
std::vector<ProbeRun> runProbes(const core::WeightSource& model, const ProbeRequest& request,
                                core::Progress& progress);

/// The probes of a toy model's W (core::probeToyWeights) as the four runs the probe view shows.
std::vector<ProbeRun> toyProbeRuns(const core::ToyProbeReport& report, const std::string& model_name);

/// "Kronecker ratio", "2x2 basis energy", "Clifford violation", "Rotation angles" (translated).
QString probeTitle(ProbeKind kind);

}  // namespace kronscope::app
