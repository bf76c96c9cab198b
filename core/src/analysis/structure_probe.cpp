#include "kronscope/core/analysis/structure_probe.h"

#include "kronscope/core/base/error.h"

namespace kronscope::core {

const char* probeKindName(ProbeKind kind) {
    switch (kind) {
        case ProbeKind::KronRatio:
            return "kron-ratio";
        case ProbeKind::BasisEnergy:
            return "ijkl";
        case ProbeKind::Clifford:
            return "clifford";
        case ProbeKind::Angles:
            return "angles";
    }
    return "?";
}

ProbeKind parseProbeKind(const std::string& name) {
    for (auto k : {ProbeKind::KronRatio, ProbeKind::BasisEnergy, ProbeKind::Clifford, ProbeKind::Angles})
        if (name == probeKindName(k)) return k;
    throw InputError("probe: '" + name + "' is not one of kron-ratio, ijkl, clifford, angles");
}

void ProbeRequest::validate() const {
    if (matrices.empty()) throw InputError("matrices: choose some (all, attn, mlp, layers:A-B, names, ...)");
    settings.validate();
}

namespace {

ProbeRunResult runOne(const WeightSource& model, const ProbeRequest& rq, Progress& progress) {
    const auto matrices = selectProbeMatrices(model, rq.matrices);
    if (matrices.empty()) throw InputError("no matrices match '" + rq.matrices + "'");
    ProbeRunResult out;
    out.request = rq;
    out.request.both_orders = false;
    const auto& s = rq.settings;
    switch (rq.kind) {
        case ProbeKind::KronRatio: {
            out.report = probeKronRatios(model, matrices, s, progress);
            break;
        }
        case ProbeKind::BasisEnergy: {
            out.report = probeBasisEnergies(model, matrices, s, progress);
            break;
        }
        case ProbeKind::Clifford: {
            out.report = probeCliffords(model, matrices, s, progress);
            break;
        }
        case ProbeKind::Angles: {
            out.report = probeAngles(model, matrices, s, progress);
            break;
        }
    }
    // Which checkpoint the numbers belong to (figures and exports carry it).
    out.checkpoint = model.directory();
    out.model_hash = model.contentHash();
    return out;
}

}  // namespace

std::vector<ProbeRunResult> runStructureProbe(const WeightSource& model, const ProbeRequest& rq,
                                              Progress& progress) {
    rq.validate();
    if (!rq.both_orders) return {runOne(model, rq, progress)};
    std::vector<ProbeRunResult> out;
    for (const bool small_first : {true, false}) {
        ProbeRequest one = rq;
        one.both_orders = false;
        one.settings.small_first = small_first;
        auto part = progress.sub(small_first ? 0.0 : 0.5, small_first ? 0.5 : 1.0);
        out.push_back(runOne(model, one, part));
    }
    return out;
}

}  // namespace kronscope::core
