#include <QFileInfo>
#include <memory>

#include "document.h"
#include "jobs/job_manager.h"
#include "kronscope/core/analysis/reproduce.h"
#include "kronscope/core/model/gpt2_model.h"
#include "main_window.h"
#include "pages/compression_panel.h"
#include "pages/mechanism_panel.h"
#include "pages/modular_panel.h"
#include "pages/perplexity_panel.h"
#include "pages/sweep_panel.h"
#include "reactions/reactions.h"
#include "results/reproduction_view.h"

namespace kronscope::app {

QList<ReproduceReaction::Recipe> ReproduceReaction::recipes() {
    return {
        {QStringLiteral("seed000-exp3"), MainWindow::tr("Seed 000 Experiment 3: surgery sweep")},
        {QStringLiteral("seed000-targets"), MainWindow::tr("Seed 000: surgery by target (n = 16)")},
        {QStringLiteral("seed000-hybrid"), MainWindow::tr("Seed 000: hybrid surgery (n = 16)")},
        {QStringLiteral("seed000-conditioning"), MainWindow::tr("Seed 000 mechanism: conditioning (n = 16)")},
        {QStringLiteral("seed000-activation-error"),
         MainWindow::tr("Seed 000 mechanism: activation-weighted error (n = 16)")},
        {QStringLiteral("seed001-finding8"), MainWindow::tr("Seed 001 finding 8: pruning × zstd")},
        {QStringLiteral("seed002-findings"),
         MainWindow::tr("Seed 002 Figure 7 and findings: the nanda model (positional embeddings, "
                        "frequencies, ranks)")}};
}

void ReproduceReaction::whenDone(int job, std::function<void()> next) {
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(window_.jobs(), &JobManager::jobFinished, this,
                          [job, next, connection](int id, bool ok, const QString&) {
                              if (id != job) return;
                              QObject::disconnect(*connection);
                              if (ok) next();
                          });
}

void ReproduceReaction::show(core::Reproduction r, const QString& settings) {
    r.settings = settings.toStdString();
    window_.document()->addReproduction(r);
    window_.viewTabs()->setCurrentWidget(window_.reproductionView());
}

int ReproduceReaction::run(const QString& id) {
    MainWindow& w = window_;
    const bool gpt2 = id.startsWith(QLatin1String("seed000")) || id == QLatin1String("seed001-finding8");
    const auto model = w.document()->model();
    if (gpt2 && !model) {
        w.reportError(MainWindow::tr("Reproduce"),
                      MainWindow::tr("open a GPT-2 checkpoint first (File > Open Demo Model gives one)"));
        return 0;
    }
    // The seed's perplexity analyses need a text: the example text (Brown's test split) when none is chosen.
    if (gpt2 && !QFileInfo(w.perplexityPanel()->textPath()).isFile()) w.prepareExample();
    AnalysisDocument* doc = w.document();
    if (id.startsWith(QLatin1String("seed000-")) &&
        (id == QLatin1String("seed000-exp3") || id == QLatin1String("seed000-targets") ||
         id == QLatin1String("seed000-hybrid"))) {
        const int64_t layers = model->config().n_layer, half = layers / 2;
        QVariantMap s = w.sweepPanel()->state();
        s[QStringLiteral("kron")] = true;
        s[QStringLiteral("svd")] = id != QLatin1String("seed000-targets");
        s[QStringLiteral("hybrid")] = id == QLatin1String("seed000-hybrid");
        s[QStringLiteral("reverse")] = id == QLatin1String("seed000-hybrid");
        s[QStringLiteral("blocks")] =
            id == QLatin1String("seed000-exp3") ? QStringLiteral("2,4,8,16,32") : QStringLiteral("16");
        s[QStringLiteral("targets")] = id == QLatin1String("seed000-targets")
                                           ? QStringLiteral("all;attn;mlp;layers:0-%1;layers:%2-%3")
                                                 .arg(half - 1)
                                                 .arg(half)
                                                 .arg(layers - 1)
                                           : QStringLiteral("all");
        s[QStringLiteral("terms")] = 0;
        s[QStringLiteral("small_first")] = true;
        s[QStringLiteral("rescale")] = false;
        s[QStringLiteral("baseline")] = true;
        w.sweepPanel()->setState(s);
        w.showPage(w.sweepPanel());
        const int job = w.runSweep();
        if (job > 0)
            whenDone(job, [this, doc, id, layers] {
                const auto& rows = doc->sweep().rows;
                const auto r = id == QLatin1String("seed000-exp3") ? core::reproduceExperiment3(rows)
                               : id == QLatin1String("seed000-targets")
                                   ? core::reproduceSurgeryByTarget(rows, layers)
                                   : core::reproduceHybrid(rows);
                show(r, doc->sweep().subtitle);
            });
        return job;
    }
    if (id == QLatin1String("seed000-conditioning") || id == QLatin1String("seed000-activation-error")) {
        QVariantMap s = w.mechanismPanel()->state();
        const bool cond = id == QLatin1String("seed000-conditioning");
        s[QStringLiteral("analysis")] = static_cast<int>(cond ? core::MechanismAnalysis::Conditioning
                                                              : core::MechanismAnalysis::ActivationError);
        s[QStringLiteral("blocks")] = QStringLiteral("16");
        s[QStringLiteral("targets")] = QStringLiteral("all");
        w.mechanismPanel()->setState(s);
        w.showPage(w.mechanismPanel());
        const int job = w.runMechanism();
        if (job > 0)
            whenDone(job, [this, doc, cond] {
                if (doc->mechanism().empty()) return;
                const auto& m = doc->mechanism().back();
                show(cond ? core::reproduceConditioning(m) : core::reproduceActivationError(m),
                     QString::fromStdString(m.settings));
            });
        return job;
    }
    if (id == QLatin1String("seed001-finding8")) {
        QVariantMap s = w.compressionPanel()->state();
        s[QStringLiteral("analysis")] = 2;  // the pruning x int-k sweep
        s[QStringLiteral("prune_list")] = QStringLiteral("0,1,2,3,4,5");
        s[QStringLiteral("bits_list")] = QStringLiteral("6");
        s[QStringLiteral("level")] = 22;
        s[QStringLiteral("prune_measure")] = false;  // bytes are the finding; perplexity is not
        w.compressionPanel()->setState(s);
        w.showPage(w.compressionPanel());
        const int job = w.runCompression();
        if (job > 0)
            whenDone(job, [this, doc] {
                if (!doc->compression().prune) return;
                show(core::reproducePruningZstd(*doc->compression().prune),
                     QString::fromStdString(doc->compression().prune->settings));
            });
        return job;
    }
    if (id == QLatin1String("seed002-findings")) {
        QString nanda;
        for (const QString& dir : ModularPanel::shippedModels())
            if (QFileInfo(dir).fileName() == QLatin1String("nanda-p113")) nanda = dir;
        if (nanda.isEmpty()) {
            w.reportError(MainWindow::tr("Reproduce"),
                          MainWindow::tr("the shipped nanda-p113 model is missing"));
            return 0;
        }
        w.showPage(w.modularPanel());
        const int job = w.modularReaction()->open(nanda, /*analyze=*/false);
        if (job > 0)
            whenDone(job, [this, doc] {
                const int analysis = window_.modularReaction()->analyze();
                if (analysis > 0)
                    whenDone(analysis, [this, doc] {
                        if (!doc->modular().analysis) return;
                        const auto& a = *doc->modular().analysis;
                        show(core::reproduceModular(a),
                             QString::fromStdString(a.checkpoint + " (hash " + a.model_hash + ")"));
                    });
            });
        return job;
    }
    w.reportError(MainWindow::tr("Reproduce"), MainWindow::tr("unknown recipe '%1'").arg(id));
    return 0;
}

}  // namespace kronscope::app
