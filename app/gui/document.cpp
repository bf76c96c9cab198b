#include "document.h"

#include "results/probe_view.h"  // ProbeView::validateRun

namespace kronscope::app {

void AnalysisDocument::setModel(std::shared_ptr<core::Gpt2Model> model) {
    model_ = std::move(model);
    emit modelChanged();
}

void AnalysisDocument::addPerplexityRow(const PerplexityRow& row) {
    ppl_rows_.push_back(row);
    emit perplexityRowAdded(row);
    emit modified();
}

void AnalysisDocument::beginSweep(const QString& subtitle, const QString& model_hash,
                                  const QString& text_hash) {
    sweep_ = Sweep{subtitle, model_hash, text_hash, {}};
    emit sweepBegun(subtitle);
}

void AnalysisDocument::addSweepRow(const core::SweepRow& row, const QString& model_hash,
                                   const QString& text_hash) {
    sweep_.model_hash = model_hash;
    sweep_.text_hash = text_hash;
    sweep_.rows.push_back(row);
    emit sweepRowAdded(row, model_hash, text_hash);
    emit modified();
}

void AnalysisDocument::setDecomposition(const core::DecompositionResult& r) {
    decomposition_ = r;
    emit decompositionChanged();
    emit modified();
}

void AnalysisDocument::setStructureMap(const core::StructureMapResult& r) {
    map_ = r;
    emit structureMapChanged();
    emit modified();
}

void AnalysisDocument::addProbeRuns(const std::vector<ProbeRun>& runs) {
    for (const auto& run : runs) ProbeView::validateRun(run);  // all or none
    probe_runs_.insert(probe_runs_.end(), runs.begin(), runs.end());
    emit probeRunsAdded(runs);
    emit modified();
}

void AnalysisDocument::beginToyTraining(const std::vector<double>& sparsities) {
    emit toyTrainingBegun(sparsities);
}

void AnalysisDocument::addToyLossPoint(int run, int64_t step, double loss) {
    emit toyLossPoint(run, step, loss);
}

void AnalysisDocument::addToyResults(const std::vector<core::ToyModelResult>& results) {
    toy_.insert(toy_.end(), results.begin(), results.end());
    emit toyResultsAdded(results);
    emit modified();
}

void AnalysisDocument::setTensorStats(const core::StatsResult& r) {
    compression_.stats = r;
    emit compressionChanged();
    emit modified();
}

void AnalysisDocument::addQuantization(const core::QuantizeResult& r) {
    compression_.quantize.push_back(r);
    emit compressionChanged();
    emit modified();
}

void AnalysisDocument::setPruneSweep(const core::PruneSweepResult& r) {
    compression_.prune = r;
    emit compressionChanged();
    emit modified();
}

void AnalysisDocument::addProcrustes(const core::ProcrustesResult& r) {
    compression_.procrustes.push_back(r);
    emit compressionChanged();
    emit modified();
}

void AnalysisDocument::setComparison(const core::CompareResult& r) {
    compression_.compare = r;
    emit compressionChanged();
    emit modified();
}

void AnalysisDocument::setMechanism(const core::MechanismResult& r) {
    for (auto it = mechanism_.begin(); it != mechanism_.end(); ++it)
        if (it->request.analysis == r.request.analysis) {
            mechanism_.erase(it);
            break;
        }
    mechanism_.push_back(r);
    emit mechanismChanged();
    emit modified();
}

void AnalysisDocument::setGeneration(const core::GenerationResult& r) {
    generation_ = r;
    emit generationChanged();
    emit modified();
}

void AnalysisDocument::beginHealing(const QString& label) {
    healing_.live_label = label;
    healing_.live.clear();
    emit healingChanged();
}

void AnalysisDocument::addHealEval(const core::HealEval& e) {
    healing_.live.push_back(e);
    emit healEval(e);
}

void AnalysisDocument::addHealing(const core::HealingResult& r) {
    healing_.runs.push_back(r);
    healing_.live.clear();
    healing_.live_label.clear();
    emit healingChanged();
    emit modified();
}

void AnalysisDocument::setModularModel(std::shared_ptr<core::ModularModel> model) {
    modular_.model = std::move(model);
    emit modularChanged();
}

void AnalysisDocument::beginModularTraining() {
    modular_.live.clear();
    emit modularChanged();
}

void AnalysisDocument::addModularEval(const core::ModularEval& e) {
    modular_.live.push_back(e);
    emit modularEval(e);
}

void AnalysisDocument::setModularTraining(const core::ModularTrainRun& r) {
    modular_.training = r;
    modular_.live.clear();
    emit modularChanged();
    emit modified();
}

void AnalysisDocument::setModularAnalysis(const core::ModularAnalysisResult& r) {
    modular_.analysis = r;
    emit modularChanged();
    emit modified();
}

void AnalysisDocument::setModularSearch(const core::ModularSearchResult& r) {
    modular_.search = r;
    emit modularChanged();
    emit modified();
}

void AnalysisDocument::addReproduction(const core::Reproduction& r) {
    for (size_t i = 0; i < reproductions_.size(); ++i)
        if (reproductions_[i].recipe == r.recipe) {
            reproductions_.erase(reproductions_.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
    reproductions_.insert(reproductions_.begin(), r);
    emit reproductionsChanged();
    emit modified();
}

void AnalysisDocument::replaceResults(const Contents& c) {
    reproductions_ = c.reproductions;
    emit reproductionsChanged();
    modular_.training = c.modular.training;
    modular_.analysis = c.modular.analysis;
    modular_.search = c.modular.search;
    modular_.live.clear();
    emit modularChanged();
    generation_ = c.generation;
    emit generationChanged();
    healing_ = Healing{c.healing, {}, {}};
    emit healingChanged();
    compression_ = c.compression;
    emit compressionChanged();
    mechanism_ = c.mechanism;
    emit mechanismChanged();
    if (c.map) setStructureMap(*c.map);
    probe_runs_.clear();
    emit probeRunsCleared();
    if (!c.probe_runs.empty()) addProbeRuns(c.probe_runs);
    toy_.clear();
    emit toyCleared();
    if (!c.toy.empty()) addToyResults(c.toy);
    ppl_rows_.clear();
    emit perplexityCleared();
    for (const auto& r : c.ppl_rows) addPerplexityRow(r);
    const Sweep sweep = c.sweep ? *c.sweep : Sweep{};
    beginSweep(sweep.subtitle, sweep.model_hash, sweep.text_hash);
    for (const auto& r : sweep.rows) addSweepRow(r, sweep.model_hash, sweep.text_hash);
    if (c.decomposition) setDecomposition(*c.decomposition);
}

}  // namespace kronscope::app
