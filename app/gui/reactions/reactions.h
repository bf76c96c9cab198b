#pragma once
// One small object per action (ParaView's pqReaction): it reads its Experiment page into a core Request,
// submits the core analysis as a job, and puts the Result into the analysis document; the views draw it from
// there. trigger() returns the job id, or 0 when nothing was started (the reason is shown). MainWindow only
// wires menus and buttons to these. No worker lambda captures a widget: workers get the model, the request
// and, for streamed rows, a QPointer to the document.
#include <QObject>
#include <QString>

#include "kronscope/core/analysis/cluster.h"

namespace kronscope::core {
struct SweepRequest;
class Gpt2Model;
}  // namespace kronscope::core

namespace kronscope::app {

class MainWindow;

class Reaction : public QObject {
    Q_OBJECT
  public:
    explicit Reaction(MainWindow& window);

  protected:
    MainWindow& window_;
};

/// Perplexity panel -> Gpt2Model::perplexity on the panel's text -> a perplexity row.
class PerplexityReaction : public Reaction {
    Q_OBJECT
  public:
    using Reaction::Reaction;
    int trigger();
};

/// Decomposition page -> core::runDecomposition -> the document's decomposition.
class DecompositionReaction : public Reaction {
    Q_OBJECT
  public:
    using Reaction::Reaction;
    int trigger();
};

/// Surgery sweep page (+ the Perplexity page's text and window) -> core::runSweepAnalysis, rows streamed to
/// the document.
class SweepReaction : public Reaction {
    Q_OBJECT
  public:
    using Reaction::Reaction;
    int trigger();
    /// Run on a cluster…: asks for the Slurm settings, then writeCluster.
    void clusterDialog();
    /// Writes the Slurm array for the page's sweep on the open model (core::writeSlurmJob, as
    /// `kronscope-cli slurm sweep`), submits it when asked, and shows the scripts and the command. `base`
    /// gives the Slurm settings (shards, partition, ..., out_dir). Returns the plan's folder, or "" on error.
    QString writeCluster(core::SlurmRequest base, bool submit);
    /// Import results…: asks for a folder, then importShards.
    void importDialog();
    /// Merges DIR/shards/*.json (or DIR/*.json) with core::mergeShardFiles (as `kronscope-cli merge`) into
    /// the sweep view. Returns the number of rows, or -1 on error.
    int importShards(const QString& dir);

  private:
    /// The page's sweep request, validated for `model`; InputError naming the problem.
    core::SweepRequest request(const core::Gpt2Model& model) const;
};

/// Structure map page -> core::runStructureMap -> the document's structure map.
class StructureMapReaction : public Reaction {
    Q_OBJECT
  public:
    using Reaction::Reaction;
    int trigger();
};

/// Structure probes page -> core::runStructureProbe -> probe runs.
class ProbeReaction : public Reaction {
    Q_OBJECT
  public:
    using Reaction::Reaction;
    int trigger();
};

/// Toy page -> core::trainToySweep with live loss points -> toy models. One training at a time.
class ToyTrainReaction : public Reaction {
    Q_OBJECT
  public:
    using Reaction::Reaction;
    int trigger();

  private:
    int job_ = 0;
};

/// "Run all probes on this W" -> core::probeToyWeights on toy model `index` -> probe runs.
class ToyProbeReaction : public Reaction {
    Q_OBJECT
  public:
    using Reaction::Reaction;
    int trigger(int index);
};

/// Compression page -> core::runTensorStats / runQuantize / runPruneSweep / runProcrustes (by the page's
/// analysis; quantization and the pruning sweep measure on the Perplexity page's text) -> the document's
/// compression results.
class CompressionReaction : public Reaction {
    Q_OBJECT
  public:
    using Reaction::Reaction;
    int trigger();
};

/// File > Compare with...: loads a second checkpoint in the job and runs core::runCompare against the open
/// model (a refusal names the first architecture difference) -> the document's comparison.
class CompareReaction : public Reaction {
    Q_OBJECT
  public:
    using Reaction::Reaction;
    int trigger(const QString& directory);
};

/// Mechanism page (+ the Perplexity page's text and window) -> core::runMechanismAnalysis -> the document's
/// mechanism results. Holds the model (surgery analyses change the weights the forward pass uses).
class MechanismReaction : public Reaction {
    Q_OBJECT
  public:
    using Reaction::Reaction;
    int trigger();
};

/// Generation page -> core::runGeneration (unmodified and surgered continuation) -> the document's
/// generation.
class GenerationReaction : public Reaction {
    Q_OBJECT
  public:
    using Reaction::Reaction;
    int trigger();
};

/// File > Export Figure / Export Table: the current view's figure (PNG, PDF, SVG; the landscape as PNG) or
/// table (CSV, Markdown, LaTeX), to a file the user picks.
class ExportReaction : public Reaction {
    Q_OBJECT
  public:
    using Reaction::Reaction;
    void trigger(bool table);
};

/// Modular arithmetic page (seed 002) -> core's modular lab: open a modular model, train one (evaluations
/// streamed to the document for live curves), search the seed's grid, analyze the open model.
class ModularReaction : public Reaction {
    Q_OBJECT
  public:
    using Reaction::Reaction;
    /// Loads a modular model folder ("" = ask) as the page's model, then (analyze) runs the page's analyses
    /// on it. Returns the job id.
    int open(const QString& directory, bool analyze = true);
    int train();
    int search();
    int analyze();

  private:
    int train_job_ = 0;
};

}  // namespace kronscope::app
