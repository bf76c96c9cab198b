#include <QPointer>

#include "document.h"
#include "jobs/job_manager.h"
#include "kronscope/core/base/error.h"
#include "main_window.h"
#include "pages/probe_panel.h"
#include "pages/toy_panel.h"
#include "reactions/reactions.h"
#include "results/probe_view.h"
#include "results/toy_view.h"

Q_DECLARE_METATYPE(std::vector<kronscope::app::ProbeRun>)
Q_DECLARE_METATYPE(std::vector<kronscope::core::ToyModelResult>)

namespace kronscope::app {

namespace {

/// Probe runs into the document (validated together) and the probe view on top.
void addRuns(MainWindow& w, const QVariant& v) {
    try {
        w.document()->addProbeRuns(v.value<std::vector<ProbeRun>>());
    } catch (const std::exception& e) {
        w.reportError(MainWindow::tr("Structure probe"), QString::fromStdString(e.what()));
        return;
    }
    w.showView(w.probeView());
}

}  // namespace

int ProbeReaction::trigger() {
    // The open GPT-2, or the Modular page's model (the probes' positive control): the same probes either way.
    std::shared_ptr<core::WeightSource> model;
    if (window_.probePanel()->weightsOf() == QLatin1String("modular"))
        model = window_.document()->modular().model;
    else
        model = window_.document()->model();
    if (!model) return 0;
    core::ProbeRequest rq;
    try {
        rq = window_.probePanel()->request();
        core::selectProbeMatrices(*model, rq.matrices);  // names an unknown matrix now, not in a failed job
    } catch (const std::exception& e) {
        window_.reportError(MainWindow::tr("Structure probe"), QString::fromStdString(e.what()));
        return 0;
    }
    return window_.jobs()->submit(
        MainWindow::tr("Probe %1 on %2")
            .arg(QString::fromLatin1(core::probeKindName(rq.kind)), QString::fromStdString(rq.matrices)),
        [model, rq](core::Progress& p) { return QVariant::fromValue(runProbes(*model, rq, p)); },
        [this](const QVariant& v) { addRuns(window_, v); });
}

int ToyTrainReaction::trigger() {
    ToyRequest rq;
    try {
        if (const JobInfo* j = window_.jobs()->job(job_);
            j && (j->state == JobState::Queued || j->state == JobState::Running))
            throw core::InputError(
                MainWindow::tr("a toy model is already training; wait for it or cancel it").toStdString());
        rq = window_.toyPanel()->request();
    } catch (const std::exception& e) {
        window_.reportError(MainWindow::tr("Toy model"), QString::fromStdString(e.what()));
        return 0;
    }
    window_.document()->beginToyTraining(rq.sparsities);
    window_.showView(window_.toyView());
    QPointer<AnalysisDocument> doc(window_.document());
    return job_ = window_.jobs()->submit(
               MainWindow::tr("Toy model: %n model(s)", nullptr, static_cast<int>(rq.sparsities.size())),
               [rq, doc](core::Progress& p) {
                   auto results = core::runToyModels(rq, p, [doc](size_t run, int64_t step, double loss) {
                       // Loss points stream to the document (GUI thread) while training runs.
                       QMetaObject::invokeMethod(
                           doc,
                           [doc, run, step, loss] {
                               if (doc) doc->addToyLossPoint(static_cast<int>(run), step, loss);
                           },
                           Qt::QueuedConnection);
                   });
                   return QVariant::fromValue(results);
               },
               [this](const QVariant& v) {
                   window_.document()->addToyResults(v.value<std::vector<core::ToyModelResult>>());
               });
}

int ToyProbeReaction::trigger(int index) {
    const auto& results = window_.document()->toyResults();
    if (index < 0 || index >= static_cast<int>(results.size())) return 0;
    const core::ToyModelResult r = results[static_cast<size_t>(index)];
    core::ProbeSettings s;
    s.null_draws = window_.toyPanel()->nullDraws();
    s.seed = r.settings.seed;
    const std::string name = ToyLabView::runName(r.settings).toStdString();
    return window_.jobs()->submit(
        MainWindow::tr("Probes on toy W (%1)").arg(QString::fromStdString(name)),
        [r, s, name](core::Progress& p) {
            return QVariant::fromValue(toyProbeRuns(core::probeToyWeights(r.w, s, &p), name));
        },
        [this](const QVariant& v) { addRuns(window_, v); });
}

}  // namespace kronscope::app
