#pragma once
#include <QMainWindow>
#include <QVariantMap>
#include <functional>
#include <memory>
#include <mutex>

#include "kronscope/core/model/gpt2_model.h"

class QDockWidget;
class QTabWidget;
class QLabel;
class QMenu;
class QTimer;

namespace kronscope::views {
class HeatmapView;
class ResultTable;
}  // namespace kronscope::views

namespace kronscope::app {

class AnalysisDocument;
class ExperimentPages;
class JobManager;
class PerplexityReaction;
class DecompositionReaction;
class SweepReaction;
class ClusterReaction;
class StructureMapReaction;
class ProbeReaction;
class ToyTrainReaction;
class ToyProbeReaction;
class ExportReaction;
class ReportReaction;
class ReproduceReaction;
class ReproductionView;
class CompressionReaction;
class CompareReaction;
class CompressionPanel;
class CompressionView;
class MechanismReaction;
class MechanismPanel;
class MechanismView;
class GenerationReaction;
class GenerationPanel;
class GenerationView;
class HealingPanel;
class HealingView;
class HealReaction;
class ModularReaction;
class ModularPanel;
class ModularView;
class JobsPanel;
class ModelBrowser;
class PerplexityPanel;
class DecompositionPanel;
class DecompositionView;
class SweepPanel;
class SweepView;
class StructureMapPanel;
class StructureMapView;
class ProbePanel;
class ProbeView;
class ToyLabPanel;
class ToyLabView;
struct ProbeRun;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    JobManager* jobs() const { return jobs_; }
    /// The open model and every result: what the views draw and a session saves.
    AnalysisDocument* document() const { return doc_; }
    const core::Gpt2Model* model() const;
    ModelBrowser* modelBrowser() const { return browser_; }
    PerplexityPanel* perplexityPanel() const { return ppl_panel_; }
    views::ResultTable* perplexityTable() const { return ppl_table_; }
    views::HeatmapView* weightView() const { return heatmap_; }
    DecompositionPanel* decompositionPanel() const { return dec_panel_; }
    DecompositionView* decompositionView() const { return dec_view_; }
    SweepPanel* sweepPanel() const { return sweep_panel_; }
    SweepView* sweepView() const { return sweep_view_; }
    QTabWidget* viewTabs() const { return views_; }
    StructureMapPanel* structureMapPanel() const { return map_panel_; }
    StructureMapView* structureMapView() const { return map_view_; }
    ProbePanel* probePanel() const { return probe_panel_; }
    ProbeView* probeView() const { return probe_view_; }
    ToyLabPanel* toyPanel() const { return toy_panel_; }
    ToyLabView* toyView() const { return toy_view_; }
    CompressionPanel* compressionPanel() const { return compression_panel_; }
    CompressionView* compressionView() const { return compression_view_; }
    MechanismPanel* mechanismPanel() const { return mechanism_panel_; }
    MechanismView* mechanismView() const { return mechanism_view_; }
    GenerationPanel* generationPanel() const { return generation_panel_; }
    GenerationView* generationView() const { return generation_view_; }
    HealingPanel* healingPanel() const { return healing_panel_; }
    HealingView* healingView() const { return healing_view_; }
    HealReaction* healReaction() const { return heal_reaction_; }
    ReportReaction* reportReaction() const { return report_reaction_; }
    ReproduceReaction* reproduceReaction() const { return reproduce_reaction_; }
    ReproductionView* reproductionView() const { return reproduction_view_; }
    ModularPanel* modularPanel() const { return modular_panel_; }
    ModularView* modularView() const { return modular_view_; }
    ModularReaction* modularReaction() const { return modular_reaction_; }
    SweepReaction* sweepReaction() const { return sweep_reaction_; }
    ClusterReaction* clusterReaction() const { return cluster_reaction_; }
    MechanismReaction* mechanismReaction() const { return mechanism_reaction_; }

  public slots:
    void showAbout();
    /// Loads a checkpoint directory on a worker thread; the current model stays until the new one is ready.
    /// Returns the job id.
    int openCheckpoint(const QString& directory);
    void openCheckpointDialog();
    /// Opens a weights file (.safetensors, .bin, .pt, .pth, .ckpt) chosen in a file dialog.
    void openCheckpointFileDialog();
    /// Asks for a dtype and a new folder, then converts the open model (convertModel).
    void convertModelDialog();
    /// Writes the open model's original weights as Hugging Face safetensors into `out` (a job; core's
    /// runConvert, as `kronscope-cli convert`). Returns the job id, or 0.
    int convertModel(const QString& out, const QString& dtype);
    /// The demo GPT-2 that ships with Kronscope (trained by `kronscope-cli train`), or "" if not installed.
    static QString demoModelDirectory();
    /// Opens the demo model; returns the job id or 0.
    int openDemo();
    /// A ready-to-run example: the held-out Brown test text (written to the cache on first use) with a token
    /// limit that keeps each measurement to seconds, and the seed's block sizes for Kronecker vs SVD.
    void prepareExample();
    /// Runs the perplexity panel's settings on the open model (a job). Returns the job id, or 0.
    int runPerplexity();
    void showMatrix(const QString& name);
    /// Decomposes the selected matrix with the Decomposition panel's settings (a job). Returns the job id, or
    /// 0.
    int runDecomposition();
    /// Runs a surgery sweep with the Sweep panel's settings on the Perplexity panel's text (a job).
    int runSweep();
    /// Computes the structure map (landscape) with the Structure map page's settings (a job).
    int runStructureMap();
    /// Runs the Structure probes page's probe on the open model (a job). Returns the job id, or 0.
    int runProbe();
    /// Trains the toy model(s) of the Toy page with live loss curves (a job). Returns the job id, or 0.
    int trainToy();
    /// Runs every structure probe on the W of toy model `index` (a job); results go to the probe view.
    int probeToy(int index);
    /// Runs the Compression page's analysis (statistics, quantization, pruning sweep, Procrustes) as a job.
    int runCompression();
    /// Runs the Mechanism page's analysis (activation error, conditioning, nullspace, scan, propagation).
    int runMechanism();
    /// Continues the Generation page's prompt with the unmodified and the surgered model (a job).
    int runGeneration();
    /// Heals the Healing page's surgery: the factors train, the held-out perplexity streams in (a job).
    int runHeal();
    /// Shows `page` (one of the Experiment dock's pages) in the dock.
    void showPage(QWidget* page);
    ExperimentPages* experimentPages() const { return pages_; }
    /// File > Compare with...: the open model against the checkpoint in `directory` (a job).
    int compareWith(const QString& directory);
    void compareWithDialog();
    /// Saves everything (model reference + hash, settings, results, open view) to an HDF5 session file.
    /// Returns false after showing the error; the file on disk is then unchanged.
    bool saveSession(const QString& path);
    /// Opens a session: tables and plots come back without recomputation and the model is reloaded in the
    /// background. A corrupt, truncated or newer file is refused with a message and the current session is
    /// kept.
    bool openSession(const QString& path);
    void saveSessionDialog();
    void openSessionDialog();
    /// Writes the autosave file now (also done every two minutes while there are unsaved results).
    void autosave();
    /// Where autosaves go, and the marker that says a run is in progress (present after a crash).
    static QString autosavePath();
    static QString runningMarkerPath();
    /// Offers to recover the autosave left by a run that did not close cleanly. Returns true if recovered.
    bool offerRecovery();
    const QString& sessionPath() const { return session_path_; }
    /// Exports the figure of the current view (PNG, PDF, SVG) or, with `table`, its table (CSV, Markdown,
    /// LaTeX).
    void exportCurrent(bool table);
    /// Brings a result view to the front (reactions call it when their result arrives).
    void showView(QWidget* view);
    /// A modal error box with the message (also logged); the app and the session stay as they are.
    void reportError(const QString& title, const QString& message) { showError(title, message); }

  signals:
    void modelChanged();

  protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

  private:
    void createMenus();
    void createFileMenu();
    void addExportActions(QMenu* file);  // Export Figure / Table, enabled for the current view
    void createViews();                  // the result views, one tab each
    void createDocks();
    /// The Jobs dock and its status-bar indicator (main_window_jobs.cpp); hidden until a job runs.
    QDockWidget* createJobsDock();
    /// Run on a cluster… and Import results… of the four sharded pages, to the one cluster reaction.
    void connectClusterButtons();
    /// The sweep table's Heal this row… action.
    void addSweepHealAction();
    /// The seeds' labs (compression, mechanism, generation, modular arithmetic) as Experiment pages.
    void createLabPages(ExperimentPages* toolbox);
    /// Reproduce: one action per ReproduceReaction recipe.
    void createReproduceMenu();
    void rebuildRecentMenu();
    void rebuildCacheMenu();
    void addRecent(const QString& directory);
    void showError(const QString& title, const QString& message);
    void setDirty(bool dirty);
    /// The views follow the document: each result it announces is drawn where it belongs.
    void connectDocument();
    /// Opens a session's checkpoint (stored relative to `path`, else absolute) in the background, warns when
    /// its content hash changed, then restores the selected matrix, the Decomposition page and the view tab.
    void reloadSessionModel(const QString& path, const std::string& stored, const std::string& absolute,
                            const QString& hash, const QString& selected, const QVariantMap& dec_state,
                            int tab, const std::function<void()>& restore_settings);
    QString session_path_;
    bool dirty_ = false;
    QTimer* autosave_timer_ = nullptr;

    JobManager* jobs_ = nullptr;
    AnalysisDocument* doc_ = nullptr;
    PerplexityReaction* ppl_reaction_ = nullptr;
    DecompositionReaction* dec_reaction_ = nullptr;
    SweepReaction* sweep_reaction_ = nullptr;
    ClusterReaction* cluster_reaction_ = nullptr;
    StructureMapReaction* map_reaction_ = nullptr;
    ProbeReaction* probe_reaction_ = nullptr;
    ToyTrainReaction* toy_reaction_ = nullptr;
    ToyProbeReaction* toy_probe_reaction_ = nullptr;
    ExportReaction* export_reaction_ = nullptr;
    ReportReaction* report_reaction_ = nullptr;
    ReproduceReaction* reproduce_reaction_ = nullptr;
    ReproductionView* reproduction_view_ = nullptr;
    ExperimentPages* pages_ = nullptr;
    bool jobs_pinned_ = false;  // the user opened the Jobs panel: it stays open when jobs end
    CompressionReaction* compression_reaction_ = nullptr;
    CompareReaction* compare_reaction_ = nullptr;
    CompressionPanel* compression_panel_ = nullptr;
    CompressionView* compression_view_ = nullptr;
    MechanismReaction* mechanism_reaction_ = nullptr;
    MechanismPanel* mechanism_panel_ = nullptr;
    MechanismView* mechanism_view_ = nullptr;
    GenerationReaction* generation_reaction_ = nullptr;
    GenerationPanel* generation_panel_ = nullptr;
    GenerationView* generation_view_ = nullptr;
    HealReaction* heal_reaction_ = nullptr;
    HealingPanel* healing_panel_ = nullptr;
    HealingView* healing_view_ = nullptr;
    ModularReaction* modular_reaction_ = nullptr;
    ModularPanel* modular_panel_ = nullptr;
    ModularView* modular_view_ = nullptr;
    QTabWidget* views_ = nullptr;
    QLabel* welcome_ = nullptr;
    views::HeatmapView* heatmap_ = nullptr;
    views::ResultTable* ppl_table_ = nullptr;
    ModelBrowser* browser_ = nullptr;
    PerplexityPanel* ppl_panel_ = nullptr;
    JobsPanel* jobs_panel_ = nullptr;
    DecompositionPanel* dec_panel_ = nullptr;
    DecompositionView* dec_view_ = nullptr;
    SweepPanel* sweep_panel_ = nullptr;
    SweepView* sweep_view_ = nullptr;
    StructureMapPanel* map_panel_ = nullptr;
    StructureMapView* map_view_ = nullptr;
    ProbePanel* probe_panel_ = nullptr;
    ProbeView* probe_view_ = nullptr;
    ToyLabPanel* toy_panel_ = nullptr;
    ToyLabView* toy_view_ = nullptr;
    QMenu* recent_menu_ = nullptr;
    QMenu* cache_menu_ = nullptr;
};

}  // namespace kronscope::app
