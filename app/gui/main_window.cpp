#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>

#include <fstream>
#include <sstream>

#include "about_dialog.h"
#include "job_manager.h"
#include "jobs_panel.h"
#include "kronscope/core/build_info.h"
#include "kronscope/core/error.h"
#include "kronscope/core/model_locator.h"
#include "kronscope/core/tokenizer.h"
#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/result_table.h"
#include "model_browser.h"
#include "perplexity_panel.h"

Q_DECLARE_METATYPE(std::shared_ptr<kronscope::core::Gpt2Model>)
Q_DECLARE_METATYPE(kronscope::core::PerplexityResult)

// The .qrc is compiled into a static library: register it explicitly.
static void initResources() { Q_INIT_RESOURCE(kronscope); }

namespace kronscope::app {

namespace {
constexpr int kMaxRecent = 8;

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
    setWindowTitle(tr("Kronscope"));
    setAcceptDrops(true);
    resize(1400, 900);

    jobs_ = new JobManager(this);

    views_ = new QTabWidget(this);
    views_->setObjectName(QStringLiteral("viewTabs"));
    views_->setDocumentMode(true);
    welcome_ = new QLabel(this);
    welcome_->setObjectName(QStringLiteral("welcome"));
    welcome_->setAlignment(Qt::AlignCenter);
    welcome_->setWordWrap(true);
    welcome_->setText(tr("<h2>Kronscope</h2><p>Kronecker and SVD structure analysis of GPT-2 weights.</p>"
                         "<p>Open a checkpoint folder (config.json + model.safetensors) with <b>File &gt; Open "
                         "Checkpoint…</b>, drop it on this window, or pick a model from <b>File &gt; Hugging Face "
                         "Cache</b>.</p><p>Select a matrix in the <b>Model</b> panel to see its weights; measure "
                         "perplexity in the <b>Perplexity</b> panel. Jobs run in the background and can be "
                         "cancelled in the <b>Jobs</b> panel.</p>"));
    views_->addTab(welcome_, tr("Welcome"));
    heatmap_ = new views::HeatmapView(this);
    heatmap_->setObjectName(QStringLiteral("weightView"));
    views_->addTab(heatmap_, tr("Weights"));
    ppl_table_ = new views::ResultTable({tr("Model"), tr("Text"), tr("max_length"), tr("stride"), tr("Tokens scored"),
                                         tr("Windows"), tr("PPL"), tr("Device"), tr("Seconds"), tr("Model hash")},
                                        this);
    ppl_table_->setObjectName(QStringLiteral("perplexityTable"));
    views_->addTab(ppl_table_, tr("Perplexity"));
    setCentralWidget(views_);

    createDocks();
    createMenus();
    connect(jobs_, &JobManager::jobFinished, this, [this](int id, bool ok, const QString& error) {
        const JobInfo* j = jobs_->job(id);
        if (!j) return;
        if (!ok && j->state == JobState::Failed) showError(j->title, error);
        statusBar()->showMessage(ok ? tr("%1: done").arg(j->title)
                                    : (j->state == JobState::Cancelled ? tr("%1: cancelled").arg(j->title)
                                                                       : tr("%1: failed").arg(j->title)),
                                 8000);
    });
    const auto& b = core::buildInfo();
    statusBar()->showMessage(b.cuda_devices > 0 ? tr("Ready. CUDA devices: %1").arg(b.cuda_devices)
                                                : tr("Ready. Device: CPU (no CUDA available)"));
}

MainWindow::~MainWindow() {
    jobs_->cancelAll();
    jobs_->waitForAll();
}

void MainWindow::createDocks() {
    browser_ = new ModelBrowser(this);
    auto* model_dock = new QDockWidget(tr("Model"), this);
    model_dock->setObjectName(QStringLiteral("modelDock"));
    model_dock->setWidget(browser_);
    addDockWidget(Qt::LeftDockWidgetArea, model_dock);
    connect(browser_, &ModelBrowser::matrixSelected, this, &MainWindow::showMatrix);

    ppl_panel_ = new PerplexityPanel(this);
    auto* ppl_dock = new QDockWidget(tr("Perplexity"), this);
    ppl_dock->setObjectName(QStringLiteral("perplexityDock"));
    ppl_dock->setWidget(ppl_panel_);
    addDockWidget(Qt::RightDockWidgetArea, ppl_dock);
    connect(ppl_panel_, &PerplexityPanel::runRequested, this, &MainWindow::runPerplexity);

    jobs_panel_ = new JobsPanel(jobs_, this);
    auto* jobs_dock = new QDockWidget(tr("Jobs"), this);
    jobs_dock->setObjectName(QStringLiteral("jobsDock"));
    jobs_dock->setWidget(jobs_panel_);
    addDockWidget(Qt::BottomDockWidgetArea, jobs_dock);
    resizeDocks({model_dock, ppl_dock}, {340, 320}, Qt::Horizontal);
    resizeDocks({jobs_dock}, {150}, Qt::Vertical);
}

void MainWindow::createMenus() {
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* open = file->addAction(tr("&Open Checkpoint…"), this, &MainWindow::openCheckpointDialog);
    open->setShortcut(QKeySequence::Open);
    open->setObjectName(QStringLiteral("actionOpenCheckpoint"));
    recent_menu_ = file->addMenu(tr("Open &Recent"));
    cache_menu_ = file->addMenu(tr("&Hugging Face Cache"));
    rebuildRecentMenu();
    rebuildCacheMenu();
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setObjectName(QStringLiteral("actionQuit"));

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
        cache_menu_->addAction(tr("%1 (%2)").arg(QString::fromStdString(m.name), QString::fromStdString(m.size_name)),
                               this, [this, dir] { openCheckpoint(dir); });
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

void MainWindow::openCheckpointDialog() {
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Open a GPT-2 checkpoint folder (config.json + model.safetensors)"),
        QSettings().value(QStringLiteral("lastCheckpointParent")).toString());
    if (dir.isEmpty()) return;
    QSettings().setValue(QStringLiteral("lastCheckpointParent"), QFileInfo(dir).absolutePath());
    openCheckpoint(dir);
}

int MainWindow::openCheckpoint(const QString& path) {
    const QString dir = checkpointDirFor(path);
    core::LoadOptions options;
    options.device = ppl_panel_->device().toStdString();
    const std::string sdir = dir.toStdString();
    return jobs_->submit(
        tr("Open %1").arg(QFileInfo(dir).fileName()),
        [sdir, options](core::Progress& p) {
            std::shared_ptr<core::Gpt2Model> m = core::Gpt2Model::load(sdir, options, &p);
            m->contentHash();  // hash on the worker, not later on the GUI thread
            return QVariant::fromValue(m);
        },
        [this, dir](const QVariant& v) {
            model_ = v.value<std::shared_ptr<core::Gpt2Model>>();
            browser_->setModel(model_.get());
            ppl_panel_->setModelConfig(&model_->config());
            heatmap_->clear();
            addRecent(dir);
            setWindowTitle(tr("Kronscope — %1").arg(QFileInfo(dir).fileName()));
            for (const auto& w : model_->warnings()) statusBar()->showMessage(QString::fromStdString(w), 10000);
            if (!model_->warnings().empty())
                QMessageBox::warning(this, tr("Checkpoint warnings"),
                                     QString::fromStdString(model_->warnings().front()) +
                                         (model_->warnings().size() > 1
                                              ? tr("\n(and %n more)", nullptr, int(model_->warnings().size() - 1))
                                              : QString()));
            const auto mats = model_->matrices();
            if (!mats.empty()) browser_->selectMatrix(QString::fromStdString(mats.front().name));
            views_->setCurrentWidget(heatmap_);
            emit modelChanged();
        });
}

void MainWindow::showMatrix(const QString& name) {
    if (!model_) return;
    const auto m = model_->matrix(name.toStdString());
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
    if (!model_) return 0;
    const auto settings = ppl_panel_->settings();
    const std::string text_path = ppl_panel_->textPath().toStdString();
    std::shared_ptr<core::Gpt2Model> model = model_;
    return jobs_->submit(
        tr("Perplexity on %1").arg(QString::fromStdString(settings.text_name)),
        [model, settings, text_path](core::Progress& p) {
            std::ifstream in(text_path, std::ios::binary);
            if (!in) throw core::InputError(text_path + ": cannot open text file");
            std::stringstream ss;
            ss << in.rdbuf();
            auto tokenize = p.sub(0.0, 0.05);
            tokenize.report(0.0, "tokenizing");
            const auto ids = core::Gpt2Tokenizer::forCheckpoint(model->directory()).encode(ss.str());
            auto run = p.sub(0.05, 1.0);
            return QVariant::fromValue(model->perplexity(ids, settings, run));
        },
        [this, model](const QVariant& v) {
            const auto r = v.value<core::PerplexityResult>();
            ppl_table_->addRow({QFileInfo(QString::fromStdString(model->directory())).fileName(),
                                QString::fromStdString(r.text_name), qlonglong(r.max_length), qlonglong(r.stride),
                                qlonglong(r.tokens_scored), qlonglong(r.windows), r.ppl,
                                QString::fromStdString(r.device + " " + r.dtype), r.seconds,
                                QString::fromStdString(model->contentHash())});
            views_->setCurrentWidget(ppl_table_);
        });
}

void MainWindow::showError(const QString& title, const QString& message) {
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
    jobs_->cancelAll();
    jobs_->waitForAll();
    event->accept();
}

void MainWindow::showAbout() {
    AboutDialog dialog(this);
    dialog.exec();
}

}  // namespace kronscope::app
