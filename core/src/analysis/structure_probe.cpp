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
    if (shard_count < 0 || (shard_count > 0 && (shard_index < 0 || shard_index >= shard_count)))
        throw InputError("shard: " + std::to_string(shard_index) + "/" + std::to_string(shard_count) +
                         " (expected I/N with 0 <= I < N)");
    if (shard_count > 0 && both_orders)
        throw InputError("shard: run one factor order per sharded job (not both orders)");
    settings.validate();
}

namespace {

ProbeRunResult runOne(const WeightSource& model, const ProbeRequest& rq, Progress& progress) {
    const auto selected = selectProbeMatrices(model, rq.matrices);
    if (selected.empty()) throw InputError("no matrices match '" + rq.matrices + "'");
    ProbeRunResult out;
    out.request = rq;
    out.request.both_orders = false;
    std::vector<MatrixRef> matrices;
    for (size_t k = 0; k < selected.size(); ++k) {
        out.cell_matrices.push_back(selected[k].name);
        if (rq.shard_count <= 0 || static_cast<int64_t>(k) % rq.shard_count == rq.shard_index) {
            out.cells.push_back(static_cast<int64_t>(k));
            matrices.push_back(selected[k]);
        }
    }
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
