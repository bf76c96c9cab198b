#include <QPointer>
#include <QToolBox>

#include "document.h"
#include "jobs/job_manager.h"
#include "kronscope/core/analysis/healing.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/surgery/surgery.h"
#include "main_window.h"
#include "pages/healing_panel.h"
#include "pages/perplexity_panel.h"
#include "reactions/reactions.h"
#include "results/healing_view.h"

Q_DECLARE_METATYPE(kronscope::core::HealingResult)

namespace kronscope::app {

int HealReaction::trigger() {
    std::shared_ptr<core::Gpt2Model> model = window_.document()->model();
    if (!model) return 0;
    core::HealRequest rq;
    try {
        if (const JobInfo* j = window_.jobs()->job(job_);
            j && (j->state == JobState::Queued || j->state == JobState::Running))
            throw core::InputError(
                MainWindow::tr("a model is already healing; wait for it or cancel it").toStdString());
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
                   if (r.run.cancelled) throw core::Cancelled();
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
    if (auto* toolbox = window_.findChild<QToolBox*>(QStringLiteral("experimentToolbox")))
        toolbox->setCurrentWidget(window_.healingPanel());
    return trigger();
}

}  // namespace kronscope::app
