#pragma once
// The analysis document: the open model and every result of this session (perplexity rows, the surgery sweep,
// the decomposition, the structure map, probe runs, toy models). Jobs put their results here (on the GUI
// thread); the views draw what the document announces; session files save and restore the document. It is not
// a widget, so a worker may hold a QPointer to it and post streamed rows without touching any view.
#include <QObject>
#include <QString>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "kronscope/core/analysis/compression.h"
#include "kronscope/core/analysis/decompose_matrix.h"
#include "kronscope/core/analysis/generation.h"
#include "kronscope/core/analysis/healing.h"
#include "kronscope/core/analysis/reproduce.h"
#include "kronscope/core/analysis/mechanism.h"
#include "kronscope/core/analysis/modular.h"
#include "kronscope/core/analysis/structure_map.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/surgery/surgery.h"
#include "kronscope/core/train/toy_model.h"
#include "results/probe_runs.h"

namespace kronscope::app {

class AnalysisDocument : public QObject {
    Q_OBJECT
  public:
    struct PerplexityRow {
        QString model_name, model_hash;
        core::PerplexityResult result;
    };
    struct Sweep {
        QString subtitle, model_hash, text_hash;
        std::vector<core::SweepRow> rows;
    };

    /// The compression lab's results (seed 001): the last statistics, every quantization and Procrustes run,
    /// the last pruning sweep and the last two-checkpoint comparison.
    struct Compression {
        std::optional<core::StatsResult> stats;
        std::vector<core::QuantizeResult> quantize;
        std::optional<core::PruneSweepResult> prune;
        std::vector<core::ProcrustesResult> procrustes;
        std::optional<core::CompareResult> compare;
        bool empty() const { return !stats && quantize.empty() && !prune && procrustes.empty() && !compare; }
    };

    /// The modular-arithmetic lab (seed 002): the open modular model (its folder is what a session keeps),
    /// the last training run, the evaluations of the run in progress, the last analyses and the last search.
    struct Modular {
        std::shared_ptr<core::ModularModel> model;
        std::optional<core::ModularTrainRun> training;
        std::vector<core::ModularEval> live;
        std::optional<core::ModularAnalysisResult> analysis;
        std::optional<core::ModularSearchResult> search;
        bool empty() const { return !training && !analysis && !search; }
    };

    explicit AnalysisDocument(QObject* parent = nullptr) : QObject(parent) {}

    // ---- the model
    const std::shared_ptr<core::Gpt2Model>& model() const { return model_; }
    void setModel(std::shared_ptr<core::Gpt2Model> model);
    /// Jobs that run the model (perplexity, surgery) hold this for their duration: surgery changes the
    /// weights the forward pass uses, so such jobs run one at a time. Reading original weights needs no lock.
    const std::shared_ptr<std::mutex>& modelMutex() const { return model_mutex_; }

    // ---- results
    const std::vector<PerplexityRow>& perplexityRows() const { return ppl_rows_; }
    void addPerplexityRow(const PerplexityRow& row);
    const Sweep& sweep() const { return sweep_; }
    void beginSweep(const QString& subtitle, const QString& model_hash = {}, const QString& text_hash = {});
    void addSweepRow(const core::SweepRow& row, const QString& model_hash, const QString& text_hash);
    const std::optional<core::DecompositionResult>& decomposition() const { return decomposition_; }
    void setDecomposition(const core::DecompositionResult& r);
    const std::optional<core::StructureMapResult>& structureMap() const { return map_; }
    void setStructureMap(const core::StructureMapResult& r);
    const std::vector<ProbeRun>& probeRuns() const { return probe_runs_; }
    /// Validated together (all or none); InputError for a damaged run.
    void addProbeRuns(const std::vector<ProbeRun>& runs);
    const std::vector<core::ToyModelResult>& toyResults() const { return toy_; }
    void beginToyTraining(const std::vector<double>& sparsities);
    void addToyLossPoint(int run, int64_t step, double loss);
    void addToyResults(const std::vector<core::ToyModelResult>& results);

    const Compression& compression() const { return compression_; }
    void setTensorStats(const core::StatsResult& r);
    void addQuantization(const core::QuantizeResult& r);
    void setPruneSweep(const core::PruneSweepResult& r);
    void addProcrustes(const core::ProcrustesResult& r);
    void setComparison(const core::CompareResult& r);

    /// The mechanism lab's results: the last of each analysis, in the order they arrived.
    const std::vector<core::MechanismResult>& mechanism() const { return mechanism_; }
    void setMechanism(const core::MechanismResult& r);
    const std::optional<core::GenerationResult>& generation() const { return generation_; }
    void setGeneration(const core::GenerationResult& r);

    /// Healing runs (factors trained after surgery), in the order they finished; live() is the running one.
    struct Healing {
        std::vector<core::HealingResult> runs;
        QString live_label;
        std::vector<core::HealEval> live;
    };
    const Healing& healing() const { return healing_; }
    void beginHealing(const QString& label);
    void addHealEval(const core::HealEval& e);
    void addHealing(const core::HealingResult& r);

    const Modular& modular() const { return modular_; }
    void setModularModel(std::shared_ptr<core::ModularModel> model);
    void beginModularTraining();
    void addModularEval(const core::ModularEval& e);
    void setModularTraining(const core::ModularTrainRun& r);
    void setModularAnalysis(const core::ModularAnalysisResult& r);
    void setModularSearch(const core::ModularSearchResult& r);

    /// The seeds' tables beside this model's (the Reproduce menu), newest first; one per recipe.
    const std::vector<core::Reproduction>& reproductions() const { return reproductions_; }
    void addReproduction(const core::Reproduction& r);

    /// Replaces every result (a session being opened): announced as cleared, then each result as added.
    struct Contents {
        std::vector<PerplexityRow> ppl_rows;
        std::optional<Sweep> sweep;
        std::optional<core::DecompositionResult> decomposition;
        std::optional<core::StructureMapResult> map;
        std::vector<ProbeRun> probe_runs;
        std::vector<core::ToyModelResult> toy;
        Compression compression;
        std::vector<core::MechanismResult> mechanism;
        std::optional<core::GenerationResult> generation;
        std::vector<core::HealingResult> healing;
        Modular modular;  // results only (the model is opened from its folder)
        std::vector<core::Reproduction> reproductions;
    };
    void replaceResults(const Contents& contents);

  signals:
    void modelChanged();
    void perplexityCleared();
    void perplexityRowAdded(const kronscope::app::AnalysisDocument::PerplexityRow& row);
    void sweepBegun(const QString& subtitle);
    void sweepRowAdded(const kronscope::core::SweepRow& row, const QString& model_hash,
                       const QString& text_hash);
    void decompositionChanged();
    void structureMapChanged();
    void probeRunsCleared();
    void probeRunsAdded(const std::vector<kronscope::app::ProbeRun>& runs);
    void toyCleared();
    void toyTrainingBegun(const std::vector<double>& sparsities);
    void toyLossPoint(int run, int64_t step, double loss);
    void toyResultsAdded(const std::vector<kronscope::core::ToyModelResult>& results);
    /// Any compression-lab result added or replaced; the view redraws from compression().
    void compressionChanged();
    /// A mechanism result added or replaced; the view redraws from mechanism().
    void mechanismChanged();
    void generationChanged();
    /// A healing run began, finished or was restored; the view redraws from healing().
    void healingChanged();
    void healEval(const kronscope::core::HealEval& e);
    /// The modular lab's model or results changed; modularEval streams the running training's evaluations.
    void modularChanged();
    void modularEval(const kronscope::core::ModularEval& e);
    void reproductionsChanged();
    /// Any result added or replaced (the window marks the session unsaved).
    void modified();

  private:
    std::shared_ptr<core::Gpt2Model> model_;
    std::shared_ptr<std::mutex> model_mutex_ = std::make_shared<std::mutex>();
    std::vector<PerplexityRow> ppl_rows_;
    Sweep sweep_;
    std::optional<core::DecompositionResult> decomposition_;
    std::optional<core::StructureMapResult> map_;
    std::vector<ProbeRun> probe_runs_;
    std::vector<core::ToyModelResult> toy_;
    Compression compression_;
    std::vector<core::MechanismResult> mechanism_;
    std::optional<core::GenerationResult> generation_;
    Healing healing_;
    Modular modular_;
    std::vector<core::Reproduction> reproductions_;
};

}  // namespace kronscope::app
