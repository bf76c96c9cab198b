#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QPointer>

#include "document.h"
#include "jobs/job_manager.h"
#include "kronscope/core/analysis/healing.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/surgery/surgery.h"
#include "kronscope/core/train/healer.h"
#include "main_window.h"
#include "pages/healing_panel.h"
#include "pages/perplexity_panel.h"
#include "reactions/reactions.h"
#include "results/healing_view.h"

Q_DECLARE_METATYPE(kronscope::core::HealingResult)

namespace kronscope::app {

void HealReaction::refuseWhileHealing() const {
    if (const JobInfo* j = window_.jobs()->job(job_);
        j && (j->state == JobState::Queued || j->state == JobState::Running))
        throw core::InputError(
            MainWindow::tr("a model is already healing; wait for it or cancel it").toStdString());
}

int HealReaction::trigger() {
    std::shared_ptr<core::Gpt2Model> model = window_.document()->model();
    if (!model) return 0;
    core::HealRequest rq;
    try {
        refuseWhileHealing();
        rq = window_.healingPanel()->request(model->directory(), window_.perplexityPanel()->textPath());
        if (rq.settings.method != "none")  // names a bad block size or target now, not in a failed job
            core::SurgeryPlan::named(*model, rq.settings.method, rq.settings.block_size,
                                     core::MatrixTargets::parse(rq.settings.targets));
    } catch (const std::exception& e) {
        window_.reportError(MainWindow::tr("Healing"), QString::fromStdString(e.what()));
        return 0;
    }
    const QString label = rq.settings.method == "none" ? MainWindow::tr("control (no surgery)")
                                                       : QStringLiteral("%1 n=%2, %3")
                                                             .arg(QString::fromStdString(rq.settings.method))
                                                             .arg(rq.settings.block_size)
                                                             .arg(QString::fromStdString(rq.settings.init));
    return submit(std::move(rq), label);
}

int HealReaction::resume() {
    QString dir = window_.healingPanel()->outputFolder();
    if (dir.isEmpty() || !QFileInfo(QDir(dir).filePath(QLatin1String(core::kHealStateFile))).isFile())
        dir = QFileDialog::getExistingDirectory(&window_,
                                                MainWindow::tr("Folder of an interrupted healing run"), dir);
    if (dir.isEmpty()) return 0;
    core::HealRequest rq;
    try {
        refuseWhileHealing();
        rq = core::loadHealRequest(dir.toStdString());
        rq.validate();
    } catch (const std::exception& e) {
        window_.reportError(MainWindow::tr("Healing"), QString::fromStdString(e.what()));
        return 0;
    }
    const auto& s = rq.settings;
    const QString label = MainWindow::tr("%1 n=%2, %3 (resumed)")
                              .arg(QString::fromStdString(s.method == "none" ? "control" : s.method))
                              .arg(s.block_size)
                              .arg(QString::fromStdString(s.init));
    return submit(std::move(rq), label);
}

int HealReaction::submit(core::HealRequest rq, const QString& label) {
    window_.document()->beginHealing(label);
    window_.showView(window_.healingView());
    QPointer<AnalysisDocument> doc(window_.document());
    rq.settings.on_eval = [doc](const core::HealEval& e) {
        QMetaObject::invokeMethod(
            doc,
            [doc, e] {
                if (doc) doc->addHealEval(e);
            },
            Qt::QueuedConnection);
    };
    return job_ = window_.jobs()->submit(
               MainWindow::tr("Heal %1 (%2 steps)").arg(label).arg(rq.settings.steps),
               [rq](core::Progress& p) {
                   auto r = core::runHealing(rq, p);
                   // A cancelled run with an output folder left its state there: shown, resumable.
                   if (r.run.cancelled && !r.run.resumable) throw core::Cancelled();
                   return QVariant::fromValue(r);
               },
               [this](const QVariant& v) { window_.document()->addHealing(v.value<core::HealingResult>()); });
}

int HealReaction::healRow(const core::SweepRow& row) {
    if (row.method == "baseline" || row.block_size <= 0) {
        window_.reportError(MainWindow::tr("Healing"),
                            MainWindow::tr("the unmodified model's row has no surgery to heal"));
        return 0;
    }
    window_.healingPanel()->setSurgery(QString::fromStdString(row.method), row.block_size,
                                       QString::fromStdString(row.targets));
    window_.showPage(window_.healingPanel());
    return trigger();
}

}  // namespace kronscope::app
