// MainWindow's lab pages (compression, mechanism, generation, healing, modular arithmetic), the Reproduce
// menu and the example text its recipes and the demo use, and the wiring of the actions several pages share:
// Run on a cluster… / Import results… and the sweep table's Heal this row….
#include <QAction>
#include <QDir>
#include <QMenuBar>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>

#include "kronscope/core/base/files.h"
#include "kronscope/core/train/corpus.h"
#include "kronscope/views/result_table.h"
#include "pages/perplexity_panel.h"
#include "main_window.h"
#include "pages/compression_panel.h"
#include "pages/generation_panel.h"
#include "pages/healing_panel.h"
#include "pages/mechanism_panel.h"
#include "pages/modular_panel.h"
#include "pages/probe_panel.h"
#include "pages/structure_map_panel.h"
#include "pages/sweep_panel.h"
#include "reactions/reactions.h"
#include "results/sweep_view.h"
#include "widgets/cluster_buttons.h"
#include "widgets/experiment_pages.h"

namespace kronscope::app {

void MainWindow::createLabPages(ExperimentPages* toolbox) {
    compression_panel_ = new CompressionPanel(this);
    toolbox->addPage(compression_panel_, tr("Compression (seed 001)"));
    connect(compression_panel_, &CompressionPanel::runRequested, this, &MainWindow::runCompression);
    connect(compression_panel_, &CompressionPanel::compareRequested, this, &MainWindow::compareWithDialog);
    mechanism_panel_ = new MechanismPanel(this);
    toolbox->addPage(mechanism_panel_, tr("Mechanism (seed 000)"));
    connect(mechanism_panel_, &MechanismPanel::runRequested, this, &MainWindow::runMechanism);
    generation_panel_ = new GenerationPanel(this);
    toolbox->addPage(generation_panel_, tr("Generation after surgery"));
    connect(generation_panel_, &GenerationPanel::runRequested, this, &MainWindow::runGeneration);
    healing_panel_ = new HealingPanel(this);
    toolbox->addPage(healing_panel_, tr("Healing after surgery"));
    connect(healing_panel_, &HealingPanel::runRequested, this, &MainWindow::runHeal);
    connect(healing_panel_, &HealingPanel::resumeRequested, this, [this] { heal_reaction_->resume(); });
    modular_panel_ = new ModularPanel(this);
    toolbox->addPage(modular_panel_, tr("Modular arithmetic (seed 002)"));
    connect(modular_panel_, &ModularPanel::openRequested, this,
            [this](const QString& dir) { modular_reaction_->open(dir); });
    connect(modular_panel_, &ModularPanel::trainRequested, modular_reaction_, &ModularReaction::train);
    connect(modular_panel_, &ModularPanel::searchRequested, modular_reaction_, &ModularReaction::search);
    connect(modular_panel_, &ModularPanel::analyzeRequested, modular_reaction_, &ModularReaction::analyze);
}

void MainWindow::addSweepHealAction() {
    // Heal this row…: the surgery sweep table's context menu (beside Copy and Export).
    auto* table = sweep_view_->table();
    auto* heal = new QAction(tr("Heal this row…"), table->table());
    heal->setObjectName(QStringLiteral("sweepHealRow"));
    table->table()->addAction(heal);
    connect(heal, &QAction::triggered, this, [this, table] {
        const int r = table->table()->currentRow();
        if (r < 0) return;
        core::SweepRow row;
        row.method = table->text(r, 0).toStdString();
        row.block_size = table->text(r, 1).toLongLong();
        row.targets = table->text(r, 2).toStdString();
        heal_reaction_->healRow(row);
    });
}

void MainWindow::connectClusterButtons() {
    // Run on a cluster… and Import results… of the four sharded pages: one reaction.
    const std::pair<ClusterButtons*, ClusterJob> sharded[] = {
        {sweep_panel_->clusterButtons(), ClusterJob::Sweep},
        {map_panel_->clusterButtons(), ClusterJob::Map},
        {probe_panel_->clusterButtons(), ClusterJob::Probe},
        {mechanism_panel_->clusterButtons(), ClusterJob::Scan}};
    for (const auto& [buttons, job] : sharded) {
        connect(buttons, &ClusterButtons::clusterRequested, cluster_reaction_,
                [this, job = job] { cluster_reaction_->clusterDialog(job); });
        connect(buttons, &ClusterButtons::importRequested, cluster_reaction_, &ClusterReaction::importDialog);
    }
}

void MainWindow::createReproduceMenu() {
    // One entry per table or figure of the seeds: fills the right page with the seed's settings, runs it, and
    // shows the seed's numbers beside this model's in the Reproduce view.
    auto* reproduce = menuBar()->addMenu(tr("&Reproduce"));
    reproduce->setObjectName(QStringLiteral("menuReproduce"));
    for (const auto& recipe : ReproduceReaction::recipes()) {
        auto* action = reproduce->addAction(recipe.title, this,
                                            [this, id = recipe.id] { reproduce_reaction_->run(id); });
        action->setObjectName(QStringLiteral("reproduce-") + recipe.id);
    }
}

void MainWindow::prepareExample() {
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    const QString text = cache + QStringLiteral("/brown-test.txt");
    if (!QFileInfo::exists(text)) {
        try {
            const auto split = core::loadBrownCorpus();
            QDir().mkpath(cache);
            core::writeFileAtomically(text.toStdString(), split.test);
        } catch (const std::exception& e) {
            statusBar()->showMessage(tr("No example text: %1").arg(QString::fromStdString(e.what())), 10000);
            return;
        }
    }
    ppl_panel_->setTextPath(text);
    ppl_panel_->setTokenLimit(20000);
    sweep_panel_->setBlockSizes(QStringLiteral("2,4,8,16,32"));
    sweep_panel_->setMethods({QStringLiteral("kron"), QStringLiteral("svd")});
}

}  // namespace kronscope::app
