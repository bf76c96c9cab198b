#pragma once
// One small object per action (ParaView's pqReaction): it reads its Experiment page into a core Request,
// submits the core analysis as a job, and puts the Result into the analysis document; the views draw it from
// there. trigger() returns the job id, or 0 when nothing was started (the reason is shown). MainWindow only
// wires menus and buttons to these. No worker lambda captures a widget: workers get the model, the request
// and, for streamed rows, a QPointer to the document.
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "kronscope/core/analysis/cluster.h"
#include "kronscope/core/analysis/mechanism.h"

namespace kronscope::core {
struct HealRequest;
struct Reproduction;
struct SweepRequest;
struct SweepRow;
class Gpt2Model;
}  // namespace kronscope::core

class QCustomPlot;
class QImage;
class QWidget;

namespace kronscope::views {
class ResultTable;
}

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
    /// The page's sweep request, validated for `model`; InputError naming the problem.
    core::SweepRequest request(const core::Gpt2Model& model) const;
};

/// The sharded jobs a page can send to a cluster.
enum class ClusterJob { Sweep, Map, Probe, Scan };

/// Run on a cluster… and Import results… of the sweep, structure map, probe and mechanism pages: the page's
/// request as the job's command-line options (core/analysis/cluster.h: sweepJobArgs, mapJobArgs, ...), the
/// Slurm array written by core::writeSlurmJob (as `kronscope-cli slurm`), and a folder of shard files merged
/// by core::mergeShardFiles (as `kronscope-cli merge`) into the job's view.
class ClusterReaction : public Reaction {
    Q_OBJECT
  public:
    using Reaction::Reaction;
    /// Asks for the Slurm settings, then writeCluster.
    void clusterDialog(ClusterJob job);
    /// Writes the Slurm array for the page's job on the open model, submits it when asked, and shows the
    /// scripts and the command. `base` gives the Slurm settings (shards, partition, ..., out_dir). Returns
    /// the plan's folder, or "" on error.
    QString writeCluster(ClusterJob job, core::SlurmRequest base, bool submit);
    /// Asks for a folder, then importShards.
    void importDialog();
    /// Merges DIR/shards/*.json (or DIR/*.json) into the view of the job they hold (sweep, map, probe,
    /// scan). Returns the number of cells merged, or -1 on error; a missing cell is reported.
    int importShards(const QString& dir);

  private:
    /// "sweep", "map", "probe" or "mechanism", and the options of the page's request.
    std::pair<std::string, std::vector<std::string>> jobOf(ClusterJob job) const;
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
    /// The page's request with the Perplexity page's text and window, validated for `model`; InputError
    /// naming the problem.
    core::MechanismRequest request(const core::Gpt2Model& model) const;
};

/// Healing page (+ the Perplexity page's text for a text corpus) -> core::runHealing with the held-out
/// perplexity streamed to the document -> a healing run. One healing at a time.
class HealReaction : public Reaction {
    Q_OBJECT
  public:
    using Reaction::Reaction;
    int trigger();
    /// A surgery sweep row's Heal…: fills the Healing page with the row's method, n and targets, shows it,
    /// and heals.
    int healRow(const core::SweepRow& row);
    /// The Healing page's Resume…: continues the interrupted run in the page's Output folder (asks for the
    /// folder when the field does not name one with heal_state.pt).
    int resume();

  private:
    /// Runs `rq` as the healing job, its evaluations streamed to the document.
    int submit(core::HealRequest rq, const QString& label);
    /// InputError while a healing job is queued or running (one at a time).
    void refuseWhileHealing() const;
    int job_ = 0;
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
    /// The table File > Export Table writes for the view `current` (nullptr: none).
    static views::ResultTable* tableOf(MainWindow& w, QWidget* current);
    /// The figures File > Export Figure offers for the view `current`, named (empty: none).
    static QList<QPair<QString, QCustomPlot*>> figuresOf(MainWindow& w, QWidget* current);
};

/// Reproduce menu: one entry per table or figure of the seeds. run() fills the right page with the seed's
/// settings for the open model, runs it, and when the job ends adds the seed's numbers beside this model's
/// (core/analysis/reproduce.h) to the Reproduce view.
class ReproduceReaction : public Reaction {
    Q_OBJECT
  public:
    using Reaction::Reaction;
    struct Recipe {
        QString id, title;
    };
    static QList<Recipe> recipes();
    /// The job id of the recipe's (first) job; 0 when nothing started (the reason is shown).
    int run(const QString& id);

  private:
    void whenDone(int job, std::function<void()> next);
    /// Adds the reproduction (with the settings of the run it compares) to the document and shows it.
    void show(core::Reproduction reproduction, const QString& settings);
};

/// File > Export Report…: one self-contained HTML file (figures inline as PNG) or a PDF (Qt's printer) with
/// every result of the session: per view its figures (their settings in the footnotes) and its table, the
/// model (source, format, content hash), the text (path, hash), the app version and the date.
class ReportReaction : public Reaction {
    Q_OBJECT
  public:
    using Reaction::Reaction;
    void trigger();
    /// Writes the report to `path` (.html or .pdf); false with *error naming the file.
    bool write(const QString& path, QString* error);
    /// The report as HTML; images referenced as "fig-N.png" (inline for the HTML file, resources for the
    /// PDF). `images` receives them in order.
    QString html(QList<QImage>* images);
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
