#include "results/probe_runs.h"

#include <nlohmann/json.hpp>

#include "kronscope/core/base/error.h"
#include "results/probe_view.h"  // the translation context of the run titles

namespace kronscope::app {

using json = nlohmann::json;

QString probeTitle(ProbeKind kind) {
    switch (kind) {
        case ProbeKind::KronRatio:
            return ProbeView::tr("Kronecker ratio");
        case ProbeKind::BasisEnergy:
            return ProbeView::tr("2x2 basis energy");
        case ProbeKind::Clifford:
            return ProbeView::tr("Clifford violation");
        case ProbeKind::Angles:
            return ProbeView::tr("Rotation angles");
    }
    return {};
}

namespace {
QString qs(const std::string& s) {
    return QString::fromStdString(s);
}
}  // namespace

/// "2x2 basis energy · all · 2x2 factor first · 20 draws, seed 0": the view's and the session's name of a
/// run.
static QString runTitle(const ProbeRequest& rq) {
    const auto& s = rq.settings;
    QString detail;
    if (rq.kind == ProbeKind::Angles)
        detail = qs(core::angleSourceName(s.angle_source));
    else if (rq.kind == ProbeKind::BasisEnergy)
        detail = s.small_first ? ProbeView::tr("2x2 factor first") : ProbeView::tr("2x2 blocks");
    else
        detail = QStringLiteral("n = %1, r = %2").arg(s.block_size).arg(s.effectiveTerms());
    return ProbeView::tr("%1 · %2 · %3 · %4 draws, seed %5")
        .arg(probeTitle(rq.kind), qs(rq.matrices), detail)
        .arg(s.null_draws)
        .arg(s.seed);
}

std::vector<ProbeRun> toyProbeRuns(const core::ToyProbeReport& rep, const std::string& model_name) {
    std::vector<ProbeRun> out;
    const QString name = qs(model_name);
    const QString draws =
        ProbeView::tr("%1 draws, seed %2").arg(rep.settings.null_draws).arg(rep.settings.seed);
    core::KronRatioReport k;
    k.settings = rep.settings;
    k.matrices = {rep.kron_ratio};
    k.seconds = rep.kron_ratio.seconds;
    out.push_back({ProbeView::tr("Toy %1 · %2 · n = 2, r = 2 · %3")
                       .arg(name, probeTitle(ProbeKind::KronRatio), draws)
                       .toStdString(),
                   core::toJson(k, true)});
    core::BasisEnergyReport b;
    b.settings = rep.settings;
    b.matrices = {rep.basis_energy};
    b.model = core::aggregateBasisEnergy({&b.matrices[0]}, "toy W");
    b.seconds = rep.basis_energy.seconds;
    out.push_back(
        {ProbeView::tr("Toy %1 · %2 · %3").arg(name, probeTitle(ProbeKind::BasisEnergy), draws).toStdString(),
         core::toJson(b, true)});
    core::CliffordReport c;
    c.settings = rep.settings;
    c.matrices = {rep.clifford};
    c.seconds = rep.clifford.seconds;
    out.push_back({ProbeView::tr("Toy %1 · %2 · n = 2 · %3")
                       .arg(name, probeTitle(ProbeKind::Clifford), draws)
                       .toStdString(),
                   core::toJson(c, true)});
    core::AngleReport a;
    a.settings = rep.settings;
    core::AngleProbeResult ar;
    ar.matrix = "toy W";
    ar.layer = -1;
    ar.source = core::AngleSource::Whole;
    ar.pooled = rep.angles;
    a.results = {ar};
    a.seconds = rep.angles.seconds;
    out.push_back({ProbeView::tr("Toy %1 · %2 · column blocks · %3")
                       .arg(name, probeTitle(ProbeKind::Angles), draws)
                       .toStdString(),
                   core::toJson(a, true)});
    for (auto& run : out) {
        json j = json::parse(run.json);
        j["checkpoint"] = "toy model " + model_name;
        core::stripAngleLists(j);
        run.json = j.dump();
    }
    return out;
}

std::vector<ProbeRun> runProbes(const core::WeightSource& model, const ProbeRequest& rq,
                                core::Progress& progress) {
    std::vector<ProbeRun> out;
    for (const auto& r : core::runStructureProbe(model, rq, progress))
        out.push_back({runTitle(r.request).toStdString(), core::probeRunJson(r)});
    return out;
}

}  // namespace kronscope::app
