#include "main_window.h"
#include "widgets/data_export.h"
#include "widgets/experiment_pages.h"
#include "results/reproduction_view.h"

#include "kronscope/core/base/files.h"

#include "document.h"
#include "reactions/reactions.h"

#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QIcon>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <qcustomplot.h>
#include <QSettings>
#include <QGuiApplication>
#include <QScreen>
#include <QToolButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QFile>
#include <QDir>

#include <fstream>
#include <sstream>

#include "widgets/about_dialog.h"
#include "widgets/cluster_buttons.h"
#include "jobs/job_manager.h"
#include "jobs/jobs_panel.h"
#include "kronscope/core/analysis/convert.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/model/model_locator.h"
#include "kronscope/core/tokenizer/tokenizer.h"
#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/result_table.h"
#include "pages/compression_panel.h"
#include "pages/generation_panel.h"
#include "pages/healing_panel.h"
#include "pages/mechanism_panel.h"
#include "pages/modular_panel.h"
#include "results/generation_view.h"
#include "results/healing_view.h"
#include "results/mechanism_view.h"
#include "results/modular_view.h"
#include "pages/decomposition_panel.h"
#include "results/compression_view.h"
#include "results/decomposition_view.h"
#include "kronscope/core/decompose/null_models.h"
#include "kronscope/core/surgery/surgery.h"
#include "kronscope/views/plots.h"
#include "widgets/model_browser.h"
#include "pages/perplexity_panel.h"
#include "widgets/preferences_dialog.h"
#include "pages/sweep_panel.h"
#include "results/sweep_view.h"
#include "pages/structure_map_panel.h"
#include "results/structure_map_view.h"
#include "pages/probe_panel.h"
#include "results/probe_view.h"
#include "pages/toy_panel.h"
#include "results/toy_view.h"
#include "kronscope/core/probes/probes.h"
#include "kronscope/core/codec/probe_json.h"
#include "kronscope/core/train/toy_model.h"
#include "kronscope/views/landscape_view.h"
#include "widgets/train_dialog.h"
#include "widgets/export_dialog.h"

Q_DECLARE_METATYPE(std::shared_ptr<kronscope::core::Gpt2Model>)

// The .qrc is compiled into a static library: register it explicitly.
static void initResources() {
    Q_INIT_RESOURCE(kronscope);
}

namespace kronscope::app {

namespace {
constexpr int kMaxRecent = 8;

/// The compression lab's units of a model (core's unitMatrix names): wte, wpe, each block matrix and c_attn's
/// Q, K, V rows.
QStringList unitNames(const core::Gpt2Model& model) {
    QStringList out{QStringLiteral("wte"), QStringLiteral("wpe")};
    for (const auto& m : model.matrices()) {
        const QString n = QString::fromStdString(m.name);
        out << n;
        if (m.kind == "attn.c_attn")
            out << n + QStringLiteral(".q") << n + QStringLiteral(".k") << n + QStringLiteral(".v");
    }
    return out;
}

QString checkpointDirFor(const QString& path) {
    const QFileInfo fi(path);
    return fi.isDir() ? fi.absoluteFilePath() : fi.absolutePath();
}
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    initResources();
    if (QApplication::windowIcon().isNull())
        QApplication::setWindowIcon(QIcon(QStringLiteral(":/kronscope/icons/kronscope.svg")));
    setWindowIcon(QApplication::windowIcon());
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Kronscope[*]"));
    setAcceptDrops(true);
    // A sensible size for the screen (90% of it, at most 1600 x 1000), or the size it had when it was last
    // closed (within the screen).
    if (const QScreen* screen = QGuiApplication::primaryScreen()) {
        const QRect avail = screen->availableGeometry();
        resize(std::min(1600, avail.width() * 9 / 10), std::min(1000, avail.height() * 9 / 10));
    } else {
        resize(1400, 900);
    }
    const QSize saved = QSettings().value(QStringLiteral("mainWindow/size")).toSize();
    if (saved.isValid() && saved.width() >= 800 && saved.height() >= 600) {
        const QScreen* screen = QGuiApplication::primaryScreen();
        resize(screen ? saved.boundedTo(screen->availableGeometry().size()) : saved);
    }

    jobs_ = new JobManager(this);
    doc_ = new AnalysisDocument(this);
    ppl_reaction_ = new PerplexityReaction(*this);
    dec_reaction_ = new DecompositionReaction(*this);
    sweep_reaction_ = new SweepReaction(*this);
    cluster_reaction_ = new ClusterReaction(*this);
    map_reaction_ = new StructureMapReaction(*this);
    probe_reaction_ = new ProbeReaction(*this);
    toy_reaction_ = new ToyTrainReaction(*this);
    toy_probe_reaction_ = new ToyProbeReaction(*this);
    export_reaction_ = new ExportReaction(*this);
    report_reaction_ = new ReportReaction(*this);
    reproduce_reaction_ = new ReproduceReaction(*this);
    compression_reaction_ = new CompressionReaction(*this);
    compare_reaction_ = new CompareReaction(*this);
    mechanism_reaction_ = new MechanismReaction(*this);
    generation_reaction_ = new GenerationReaction(*this);
    heal_reaction_ = new HealReaction(*this);
    modular_reaction_ = new ModularReaction(*this);

    createViews();
    setCentralWidget(views_);

    createDocks();
    createMenus();
    connectDocument();
    // Every heatmap and plot: "Export data…" in its context menu (views created later get it on show).
    installDataExport(this);
    connect(views_, &QTabWidget::currentChanged, this, [this] { installDataExport(this); });
    connect(jobs_, &JobManager::jobFinished, this, [this](int id, bool ok, const QString& error) {
        const JobInfo* j = jobs_->job(id);
        if (!j) return;
        if (!ok && j->state == JobState::Failed) showError(j->title, error);
        statusBar()->showMessage(ok ? tr("%1: done").arg(j->title)
                                    : (j->state == JobState::Cancelled ? tr("%1: cancelled").arg(j->title)
                                                                       : tr("%1: failed").arg(j->title)),
                                 8000);
    });
    autosave_timer_ = new QTimer(this);
    autosave_timer_->setInterval(2 * 60 * 1000);
    connect(autosave_timer_, &QTimer::timeout, this, [this] {
        if (dirty_) autosave();
    });
    autosave_timer_->start();
    const auto& b = core::buildInfo();
    statusBar()->showMessage(b.cuda_devices > 0 ? tr("Ready. CUDA devices: %1").arg(b.cuda_devices)
                                                : tr("Ready. Device: CPU (no CUDA available)"));
}

MainWindow::~MainWindow() {
    jobs_->cancelAll();
    jobs_->waitForAll();
}

void MainWindow::createViews() {
    views_ = new QTabWidget(this);
    views_->setObjectName(QStringLiteral("viewTabs"));
    views_->setDocumentMode(true);
    welcome_ = new QLabel(this);
    welcome_->setObjectName(QStringLiteral("welcome"));
    welcome_->setAlignment(Qt::AlignCenter);
    welcome_->setWordWrap(true);
    welcome_->setText(
        tr("<h2>Kronscope</h2><p>Kronecker and SVD structure analysis of GPT-2 weights.</p>"
           "<p>Open a checkpoint folder (config.json + model.safetensors) with <b>File &gt; Open "
           "Checkpoint…</b>, drop it on this window, or pick a model from <b>File &gt; Hugging Face "
           "Cache</b>.</p><p>Select a matrix in the <b>Model</b> panel to see its weights; measure "
           "perplexity in the <b>Perplexity</b> panel. Jobs run in the background and can be "
           "cancelled in the <b>Jobs</b> panel.</p>"));
    views_->addTab(welcome_, tr("Welcome"));
    heatmap_ = new views::HeatmapView(this);
    heatmap_->setObjectName(QStringLiteral("weightView"));
    views_->addTab(heatmap_, tr("Weights"));
    dec_view_ = new DecompositionView(this);
    views_->addTab(dec_view_, tr("Decomposition"));
    sweep_view_ = new SweepView(this);
    views_->addTab(sweep_view_, tr("Surgery sweep"));
    map_view_ = new StructureMapView(this);
    views_->addTab(map_view_, tr("Structure landscape"));
    probe_view_ = new ProbeView(this);
    views_->addTab(probe_view_, tr("Structure probes"));
    toy_view_ = new ToyLabView(this);
    views_->addTab(toy_view_, tr("Toy model"));
    compression_view_ = new CompressionView(this);
    views_->addTab(compression_view_, tr("Compression"));
    mechanism_view_ = new MechanismView(this);
    views_->addTab(mechanism_view_, tr("Mechanism"));
    generation_view_ = new GenerationView(this);
    views_->addTab(generation_view_, tr("Generation"));
    healing_view_ = new HealingView(doc_, this);
    views_->addTab(healing_view_, tr("Healing"));
    modular_view_ = new ModularView(this);
    views_->addTab(modular_view_, tr("Modular arithmetic"));
    reproduction_view_ = new ReproductionView(doc_, this);
    views_->addTab(reproduction_view_, tr("Reproduce"));
    ppl_table_ =
        new views::ResultTable({tr("Model"), tr("Text"), tr("max_length"), tr("stride"), tr("Tokens scored"),
                                tr("Windows"), tr("PPL"), tr("Device"), tr("Seconds"), tr("Model hash")},
                               this);
    ppl_table_->setObjectName(QStringLiteral("perplexityTable"));
    views_->addTab(ppl_table_, tr("Perplexity"));
}

void MainWindow::createDocks() {
    browser_ = new ModelBrowser(this);
    browser_->setMinimumWidth(220);
    auto* model_dock = new QDockWidget(tr("Model"), this);
    model_dock->setObjectName(QStringLiteral("modelDock"));
    model_dock->setWidget(browser_);
    addDockWidget(Qt::LeftDockWidgetArea, model_dock);
    connect(browser_, &ModelBrowser::matrixSelected, this, &MainWindow::showMatrix);

    ppl_panel_ = new PerplexityPanel(this);
    dec_panel_ = new DecompositionPanel(this);
    sweep_panel_ = new SweepPanel(this);
    auto* toolbox = new ExperimentPages(this);
    toolbox->setObjectName(QStringLiteral("experimentToolbox"));
    pages_ = toolbox;
    toolbox->addGroup(tr("Measure"));
    toolbox->addPage(ppl_panel_, tr("Perplexity: text and window"));
    toolbox->addGroup(tr("Decompose and probe"));
    toolbox->addPage(dec_panel_, tr("Decomposition of one matrix"));
    toolbox->addPage(sweep_panel_, tr("Surgery sweep"));
    map_panel_ = new StructureMapPanel(this);
    toolbox->addPage(map_panel_, tr("Structure map (3D landscape)"));
    connect(map_panel_, &StructureMapPanel::runRequested, this, &MainWindow::runStructureMap);
    probe_panel_ = new ProbePanel(this);
    toolbox->addPage(probe_panel_, tr("Structure probes (with null models)"));
    connect(probe_panel_, &ProbePanel::runRequested, this, &MainWindow::runProbe);
    toolbox->addGroup(tr("Labs"));
    toy_panel_ = new ToyLabPanel(this);
    toolbox->addPage(toy_panel_, tr("Toy superposition model"));
    connect(toy_panel_, &ToyLabPanel::trainRequested, this, &MainWindow::trainToy);
    connect(toy_view_, &ToyLabView::probeRequested, this, &MainWindow::probeToy);
    createLabPages(toolbox);
    connect(
        probe_view_, &ProbeView::matrixPicked, this,
        [this](const QString& m, int64_t n, const QString& hash) {
            const auto& model = doc_->model();
            if (!model) return;
            if (!hash.isEmpty() && hash != QString::fromStdString(model->contentHash())) {
                statusBar()->showMessage(
                    tr("This result belongs to another model (content hash %1): open that model to "
                       "inspect %2")
                        .arg(hash, m),
                    8000);
                return;
            }
            browser_->selectMatrix(m);  // shows its weights; the Decomposition page is set to this block size
            dec_panel_->setBlockSize(n);
            statusBar()->showMessage(
                tr("Selected %1 (block size %2): decompose it on the Decomposition page").arg(m).arg(n),
                8000);
        });
    connect(map_view_, &StructureMapView::matrixPicked, this, [this](const QString& m, int64_t n) {
        browser_->selectMatrix(m);
        dec_panel_->setBlockSize(n);
        views_->setCurrentWidget(map_view_);
        statusBar()->showMessage(tr("Selected %1 (block size %2)").arg(m).arg(n), 6000);
    });
    auto* ppl_dock = new QDockWidget(tr("Experiment"), this);
    ppl_dock->setObjectName(QStringLiteral("experimentDock"));
    ppl_dock->setWidget(toolbox);
    addDockWidget(Qt::RightDockWidgetArea, ppl_dock);
    connect(ppl_panel_, &PerplexityPanel::runRequested, this, &MainWindow::runPerplexity);
    connect(dec_panel_, &DecompositionPanel::runRequested, this, &MainWindow::runDecomposition);
    connect(sweep_panel_, &SweepPanel::runRequested, this, &MainWindow::runSweep);
    connectClusterButtons();
    addSweepHealAction();

    QDockWidget* jobs_dock = createJobsDock();
    toolbox->setMinimumWidth(280);
    resizeDocks({model_dock, ppl_dock}, {320, std::max(360, toolbox->minimumSizeHint().width())},
                Qt::Horizontal);
    // The dock grows to the page in use when that page needs more room (nothing hidden behind a scroll bar).
    connect(toolbox, &ExperimentPages::currentChanged, this, [this, ppl_dock, toolbox] {
        const int need = toolbox->minimumSizeHint().width();
        if (ppl_dock->width() < need) resizeDocks({ppl_dock}, {need}, Qt::Horizontal);
    });
    resizeDocks({jobs_dock}, {150}, Qt::Vertical);
}

void MainWindow::addExportActions(QMenu* file) {
    auto* exp_fig = file->addAction(tr("Export &Figure…"), this, [this] { exportCurrent(false); });
    exp_fig->setObjectName(QStringLiteral("actionExportFigure"));
    exp_fig->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    auto* exp_tab = file->addAction(tr("Export &Table…"), this, [this] { exportCurrent(true); });
    exp_tab->setObjectName(QStringLiteral("actionExportTable"));
    auto* exp_report =
        file->addAction(tr("Export &Report (HTML, PDF)…"), this, [this] { report_reaction_->trigger(); });
    exp_report->setObjectName(QStringLiteral("actionExportReport"));
    auto updateExports = [this, exp_fig, exp_tab] {
        QWidget* w = views_->currentWidget();
        bool figure = w == sweep_view_ && !sweep_view_->rows().empty();
        if (w == heatmap_) figure = !heatmap_->isEmpty();
        if (w == dec_view_) figure = dec_view_->hasOutcome();
        if (w == map_view_) figure = map_view_->hasResult();
        if (w == probe_view_) figure = probe_view_->hasRuns();
        if (w == toy_view_) figure = toy_view_->hasResults();
        if (w == compression_view_)
            figure = compression_view_->hasResults() && !compression_view_->figures().isEmpty();
        if (w == mechanism_view_)
            figure = mechanism_view_->hasResults() && !mechanism_view_->figures().isEmpty();
        if (w == modular_view_) figure = modular_view_->hasResults() && !modular_view_->figures().isEmpty();
        exp_fig->setEnabled(figure);
        auto rows = [](views::ResultTable* t) { return t != nullptr && t->rowCount() > 0; };
        exp_tab->setEnabled((w == sweep_view_ && !sweep_view_->rows().empty()) ||
                            (w == ppl_table_ && rows(ppl_table_)) ||
                            (w == probe_view_ && probe_view_->table() != nullptr) ||
                            (w == toy_view_ && toy_view_->hasResults()) ||
                            (w == compression_view_ && rows(compression_view_->table())) ||
                            (w == mechanism_view_ && rows(mechanism_view_->table())) ||
                            (w == modular_view_ && rows(modular_view_->table())));
    };
    connect(views_, &QTabWidget::currentChanged, this, updateExports);
    connect(file, &QMenu::aboutToShow, this, updateExports);
}

void MainWindow::createFileMenu() {
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* open = file->addAction(tr("&Open Checkpoint…"), this, &MainWindow::openCheckpointDialog);
    open->setShortcut(QKeySequence::Open);
    open->setObjectName(QStringLiteral("actionOpenCheckpoint"));
    auto* open_file =
        file->addAction(tr("Open Checkpoint &File…"), this, &MainWindow::openCheckpointFileDialog);
    open_file->setObjectName(QStringLiteral("actionOpenCheckpointFile"));
    auto* convert = file->addAction(tr("Save Model as Safe&tensors…"), this, &MainWindow::convertModelDialog);
    convert->setObjectName(QStringLiteral("actionConvertModel"));
    connect(file, &QMenu::aboutToShow, convert,
            [this, convert] { convert->setEnabled(doc_->model() != nullptr); });
    auto* open_session = file->addAction(tr("Open &Session…"), this, &MainWindow::openSessionDialog);
    open_session->setObjectName(QStringLiteral("actionOpenSession"));
    open_session->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    auto* save_session = file->addAction(tr("&Save Session"), this, [this] {
        if (session_path_.isEmpty())
            saveSessionDialog();
        else
            saveSession(session_path_);
    });
    save_session->setObjectName(QStringLiteral("actionSaveSession"));
    save_session->setShortcut(QKeySequence::Save);
    auto* save_as = file->addAction(tr("Save Session &As…"), this, &MainWindow::saveSessionDialog);
    save_as->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    if (!demoModelDirectory().isEmpty()) {
        auto* demo = file->addAction(tr("Open &Demo Model"), this, [this] {
            openDemo();
            prepareExample();
        });
        demo->setObjectName(QStringLiteral("actionOpenDemo"));
    }
    auto* compare = file->addAction(tr("&Compare with…"), this, &MainWindow::compareWithDialog);
    compare->setObjectName(QStringLiteral("actionCompareWith"));
    compare->setEnabled(false);
    connect(this, &MainWindow::modelChanged, compare,
            [this, compare] { compare->setEnabled(doc_->model() != nullptr); });
    recent_menu_ = file->addMenu(tr("Open &Recent"));
    cache_menu_ = file->addMenu(tr("&Hugging Face Cache"));
    rebuildRecentMenu();
    rebuildCacheMenu();
    file->addSeparator();
    addExportActions(file);
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setObjectName(QStringLiteral("actionQuit"));
}

void MainWindow::createMenus() {
    createFileMenu();
    auto* edit = menuBar()->addMenu(tr("&Edit"));
    auto* prefs = edit->addAction(tr("&Preferences…"), this, [this] {
        PreferencesDialog dialog(this);
        dialog.exec();
    });
    prefs->setShortcut(QKeySequence::Preferences);
    prefs->setMenuRole(QAction::PreferencesRole);
    prefs->setObjectName(QStringLiteral("actionPreferences"));

    auto* tools = menuBar()->addMenu(tr("&Tools"));
    auto* train = tools->addAction(tr("&Train a GPT-2…"), this, [this] {
        auto* dialog = new TrainDialog(jobs_, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &TrainDialog::trained, this, [this](const QString& dir) {
            if (QMessageBox::question(this, tr("Training finished"),
                                      tr("Open the trained model %1?").arg(dir)) == QMessageBox::Yes)
                openCheckpoint(dir);
        });
        dialog->show();
    });
    train->setObjectName(QStringLiteral("actionTrain"));

    createReproduceMenu();

    auto* help = menuBar()->addMenu(tr("&Help"));
    auto* about = help->addAction(tr("&About Kronscope"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::rebuildRecentMenu() {
    recent_menu_->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentCheckpoints")).toStringList();
    for (const QString& dir : recent)
        recent_menu_->addAction(dir, this, [this, dir] { openCheckpoint(dir); });
    // Menu entries appear only when they work.
    recent_menu_->menuAction()->setVisible(!recent.isEmpty());
}

void MainWindow::rebuildCacheMenu() {
    cache_menu_->clear();
    const auto models = core::scanHuggingFaceCache();
    for (const auto& m : models) {
        const QString dir = QString::fromStdString(m.directory);
        cache_menu_->addAction(
            tr("%1 (%2)").arg(QString::fromStdString(m.name), QString::fromStdString(m.size_name)), this,
            [this, dir] { openCheckpoint(dir); });
    }
    cache_menu_->menuAction()->setVisible(!models.empty());
}

void MainWindow::addRecent(const QString& directory) {
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentCheckpoints")).toStringList();
    recent.removeAll(directory);
    recent.prepend(directory);
    while (recent.size() > kMaxRecent) recent.removeLast();
    settings.setValue(QStringLiteral("recentCheckpoints"), recent);
    rebuildRecentMenu();
}

QString MainWindow::demoModelDirectory() {
    const QStringList candidates = {
        QCoreApplication::applicationDirPath() +
            QStringLiteral("/../share/kronscope/demo/kronscope-demo-gpt2"),
        QStringLiteral(KRONSCOPE_SOURCE_DIR "/resources/demo/kronscope-demo-gpt2")};
    for (const QString& c : candidates)
        if (QFileInfo::exists(c + QStringLiteral("/model.safetensors")))
            return QFileInfo(c).canonicalFilePath();
    return {};
}

int MainWindow::openDemo() {
    const QString dir = demoModelDirectory();
    return dir.isEmpty() ? 0 : openCheckpoint(dir);
}

void MainWindow::openCheckpointDialog() {
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Open a GPT-2 checkpoint folder (safetensors, pytorch_model.bin or nanoGPT's ckpt.pt)"),
        QSettings().value(QStringLiteral("lastCheckpointParent")).toString());
    if (dir.isEmpty()) return;
    QSettings().setValue(QStringLiteral("lastCheckpointParent"), QFileInfo(dir).absolutePath());
    openCheckpoint(dir);
}

void MainWindow::openCheckpointFileDialog() {
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Open a checkpoint file"),
        QSettings().value(QStringLiteral("lastCheckpointParent")).toString(),
        tr("Checkpoints (*.safetensors *.bin *.pt *.pth *.ckpt);;All files (*)"));
    if (file.isEmpty()) return;
    QSettings().setValue(QStringLiteral("lastCheckpointParent"), QFileInfo(file).absolutePath());
    openCheckpoint(file);
}

void MainWindow::convertModelDialog() {
    const auto& model = doc_->model();
    if (!model) return;
    bool ok = false;
    const QString dtype = QInputDialog::getItem(
        this, tr("Save Model as Safetensors"),
        tr("%1\nread as %2.\nWrite its original weights as:")
            .arg(QString::fromStdString(model->source()), QString::fromStdString(model->format())),
        {QStringLiteral("F32"), QStringLiteral("F16"), QStringLiteral("BF16")}, 0, false, &ok);
    if (!ok) return;
    const QString out = QFileDialog::getSaveFileName(
        this, tr("New checkpoint folder"),
        QFileInfo(QString::fromStdString(model->directory())).absolutePath() + QStringLiteral("/") +
            QFileInfo(QString::fromStdString(model->directory())).fileName() +
            QStringLiteral("-safetensors"));
    if (!out.isEmpty()) convertModel(out, dtype);
}

int MainWindow::convertModel(const QString& out, const QString& dtype) {
    const std::shared_ptr<core::Gpt2Model> model = doc_->model();
    if (!model) return 0;
    core::ConvertRequest rq;
    rq.out = out.toStdString();
    rq.dtype = dtype.toStdString();
    try {
        rq.validate();
    } catch (const core::InputError& e) {
        showError(tr("Save Model as Safetensors"), QString::fromStdString(e.what()));
        return 0;
    }
    return jobs_->submit(
        tr("Convert to %1").arg(QFileInfo(out).fileName()),
        [model, rq](core::Progress& p) {
            const auto r = core::runConvert(*model, rq, p);
            return QVariant(
                tr("Wrote %1 (%2, %3 MB, tokenizer: %4); content hash %5")
                    .arg(QString::fromStdString(r.request.out), QString::fromStdString(r.request.dtype))
                    .arg(static_cast<double>(r.bytes) / 1e6, 0, 'f', 1)
                    .arg(r.tokenizer.empty() ? tr("none") : QString::fromStdString(r.tokenizer),
                         QString::fromStdString(r.out_hash)));
        },
        [this](const QVariant& v) {
            // After the jobs panel's own "done" line, which would otherwise replace it.
            const QString message = v.toString();
            QTimer::singleShot(0, this, [this, message] { statusBar()->showMessage(message, 20000); });
        });
}

int MainWindow::openCheckpoint(const QString& path) {
    const QString dir = checkpointDirFor(path);
    if (core::isModularCheckpoint(dir.toStdString()))
        return modular_reaction_->open(dir);  // seed 002's models
    core::LoadOptions options;
    options.device = ppl_panel_->device().toStdString();
    options.dtype = ppl_panel_->dtype().toStdString();
    // A weights file named by the user (ckpt_2000.pt, a .bin) is read as such; a folder finds its files.
    const QFileInfo fi(path);
    const bool weights_file =
        fi.isFile() && QStringList{QStringLiteral("safetensors"), QStringLiteral("bin"), QStringLiteral("pt"),
                                   QStringLiteral("pth"), QStringLiteral("ckpt")}
                           .contains(fi.suffix());
    const QString target = weights_file ? fi.absoluteFilePath() : dir;
    const std::string sdir = target.toStdString();
    return jobs_->submit(
        tr("Open %1").arg(QFileInfo(dir).fileName()),
        [sdir, options](core::Progress& p) {
            std::shared_ptr<core::Gpt2Model> m = core::Gpt2Model::load(sdir, options, &p);
            m->contentHash();                // hash on the worker, not later on the GUI thread
            core::installStoredFactors(*m);  // a healed checkpoint runs in its factored form
            return QVariant::fromValue(m);
        },
        [this, dir, target](const QVariant& v) {
            doc_->setModel(v.value<std::shared_ptr<core::Gpt2Model>>());
            const auto& model = doc_->model();
            browser_->setModel(model.get());
            ppl_panel_->setModelConfig(&model->config());
            sweep_panel_->setModelConfig(&model->config());
            map_panel_->setEnabledForModel(true);
            probe_panel_->setEnabledForModel(true);
            compression_panel_->setEnabledForModel(true);
            compression_panel_->setModelUnits(unitNames(*model));
            mechanism_panel_->setEnabledForModel(true);
            generation_panel_->setEnabledForModel(true);
            healing_panel_->setEnabledForModel(true);
            heatmap_->clear();
            addRecent(target);
            if (session_path_.isEmpty())
                setWindowTitle(tr("Kronscope — %1[*]").arg(QFileInfo(dir).fileName()));
            for (const auto& w : model->warnings())
                statusBar()->showMessage(QString::fromStdString(w), 10000);
            if (!model->warnings().empty())
                QMessageBox::warning(this, tr("Checkpoint warnings"),
                                     QString::fromStdString(model->warnings().front()) +
                                         (model->warnings().size() > 1 ? tr("\n(and %n more)", nullptr,
                                                                            int(model->warnings().size() - 1))
                                                                       : QString()));
            const auto mats = model->matrices();
            if (!mats.empty()) browser_->selectMatrix(QString::fromStdString(mats.front().name));
            views_->setCurrentWidget(heatmap_);
            emit modelChanged();
        });
}

void MainWindow::showMatrix(const QString& name) {
    const auto& model = doc_->model();
    if (!model) return;
    // The original weights: never modified, so readable while a surgery job runs.
    const auto m = model->originalMatrix(name.toStdString());
    dec_panel_->setMatrix(name, m.rows, m.cols);
    sweep_panel_->setSelectedMatrix(name);
    probe_panel_->setSelectedMatrix(name);
    views::MatrixData data;
    data.rows = static_cast<int>(m.rows);
    data.cols = static_cast<int>(m.cols);
    data.values = m.values;
    data.title = tr("%1  (%2 × %3, stored [in, out])").arg(name).arg(m.rows).arg(m.cols);
    data.value_label = tr("weight");
    heatmap_->setMatrix(data);
    views_->setCurrentWidget(heatmap_);
}

int MainWindow::runPerplexity() {
    return ppl_reaction_->trigger();
}

int MainWindow::runDecomposition() {
    return dec_reaction_->trigger();
}
int MainWindow::runSweep() {
    return sweep_reaction_->trigger();
}
int MainWindow::runStructureMap() {
    return map_reaction_->trigger();
}
int MainWindow::runProbe() {
    return probe_reaction_->trigger();
}
int MainWindow::runCompression() {
    return compression_reaction_->trigger();
}
int MainWindow::runMechanism() {
    return mechanism_reaction_->trigger();
}
int MainWindow::runGeneration() {
    return generation_reaction_->trigger();
}
int MainWindow::runHeal() {
    return heal_reaction_->trigger();
}
void MainWindow::showPage(QWidget* page) {
    pages_->setCurrentWidget(page);
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("experimentDock"))) {
        dock->show();
        dock->raise();
    }
}
int MainWindow::compareWith(const QString& directory) {
    return compare_reaction_->trigger(directory);
}
void MainWindow::compareWithDialog() {
    if (!doc_->model()) return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Compare with checkpoint"));
    if (!dir.isEmpty()) compareWith(dir);
}
int MainWindow::trainToy() {
    return toy_reaction_->trigger();
}
int MainWindow::probeToy(int index) {
    return toy_probe_reaction_->trigger(index);
}

void MainWindow::showView(QWidget* view) {
    views_->setCurrentWidget(view);
}

const core::Gpt2Model* MainWindow::model() const {
    return doc_->model().get();
}

void MainWindow::connectDocument() {
    connect(doc_, &AnalysisDocument::modified, this, [this] { setDirty(true); });
    connect(doc_, &AnalysisDocument::perplexityCleared, ppl_table_, &views::ResultTable::clear);
    connect(
        doc_, &AnalysisDocument::perplexityRowAdded, this,
        [this](const AnalysisDocument::PerplexityRow& row) {
            const auto& r = row.result;
            ppl_table_->addRow({row.model_name, QString::fromStdString(r.text_name), qlonglong(r.max_length),
                                qlonglong(r.stride), qlonglong(r.tokens_scored), qlonglong(r.windows), r.ppl,
                                QString::fromStdString(r.device + " " + r.dtype), r.seconds, row.model_hash});
        });
    connect(doc_, &AnalysisDocument::sweepBegun, sweep_view_, &SweepView::begin);
    connect(doc_, &AnalysisDocument::sweepRowAdded, sweep_view_, &SweepView::addRow);
    connect(doc_, &AnalysisDocument::decompositionChanged, this,
            [this] { dec_view_->setOutcome(*doc_->decomposition()); });
    connect(doc_, &AnalysisDocument::structureMapChanged, this,
            [this] { map_view_->setResult(*doc_->structureMap()); });
    connect(doc_, &AnalysisDocument::probeRunsCleared, probe_view_, &ProbeView::clear);
    connect(doc_, &AnalysisDocument::probeRunsAdded, this, [this](const std::vector<ProbeRun>& runs) {
        for (const auto& run : runs) probe_view_->addRun(run);
    });
    connect(doc_, &AnalysisDocument::toyCleared, toy_view_, &ToyLabView::clear);
    connect(doc_, &AnalysisDocument::toyTrainingBegun, toy_view_, &ToyLabView::begin);
    connect(doc_, &AnalysisDocument::toyLossPoint, toy_view_, &ToyLabView::addLossPoint);
    connect(doc_, &AnalysisDocument::toyResultsAdded, this,
            [this](const std::vector<core::ToyModelResult>& results) {
                for (const auto& r : results) toy_view_->addResult(r);
                toy_view_->finish();
            });
    connect(doc_, &AnalysisDocument::compressionChanged, this,
            [this] { compression_view_->setContents(doc_->compression()); });
    connect(doc_, &AnalysisDocument::mechanismChanged, this,
            [this] { mechanism_view_->setResults(doc_->mechanism()); });
    connect(doc_, &AnalysisDocument::generationChanged, this,
            [this] { generation_view_->setResult(doc_->generation()); });
    connect(doc_, &AnalysisDocument::modularChanged, this, [this] {
        const auto& m = doc_->modular();
        modular_panel_->setModel(
            m.model ? QString::fromStdString(m.model->directory() + "\n" + m.model->config().describe())
                    : QString());
        probe_panel_->setModularAvailable(m.model != nullptr);
        modular_view_->setTraining(m.training);
        modular_view_->setAnalysis(m.analysis);
        modular_view_->setSearch(m.search);
    });
    connect(doc_, &AnalysisDocument::modularEval, this,
            [this] { modular_view_->setLiveHistory(doc_->modular().live, tr("training in progress")); });
}

void MainWindow::exportCurrent(bool table) {
    export_reaction_->trigger(table);
}

void MainWindow::setDirty(bool dirty) {
    dirty_ = dirty;
    setWindowModified(dirty);
}

void MainWindow::showError(const QString& title, const QString& message) {
    qWarning("%s: %s", qPrintable(title), qPrintable(message));  // also on the terminal / in logs
    QMessageBox box(QMessageBox::Critical, title, message, QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("errorBox"));
    box.exec();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile()) return;
    openCheckpoint(urls.first().toLocalFile());
    event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (dirty_ && !qEnvironmentVariableIsSet("KRONSCOPE_NO_CLOSE_PROMPT")) {
        const auto answer = QMessageBox::question(
            this, tr("Unsaved results"), tr("Save the session before closing?"),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel ||
            (answer == QMessageBox::Save &&
             !(session_path_.isEmpty() ? (saveSessionDialog(), !dirty_) : saveSession(session_path_)))) {
            event->ignore();
            return;
        }
    }
    if (!isMaximized() && !isFullScreen()) QSettings().setValue(QStringLiteral("mainWindow/size"), size());
    jobs_->cancelAll();
    jobs_->waitForAll();
    // A clean exit: no recovery offer next time.
    QFile::remove(autosavePath());
    QFile::remove(runningMarkerPath());
    event->accept();
}

void MainWindow::showAbout() {
    AboutDialog dialog(this);
    dialog.exec();
}

}  // namespace kronscope::app
