#include <QFileInfo>

#include "document.h"
#include "jobs/job_manager.h"
#include "kronscope/core/base/error.h"
#include "main_window.h"
#include "pages/generation_panel.h"
#include "pages/mechanism_panel.h"
#include "pages/perplexity_panel.h"
#include "reactions/reactions.h"
#include "results/generation_view.h"
#include "results/mechanism_view.h"

Q_DECLARE_METATYPE(kronscope::core::MechanismResult)
Q_DECLARE_METATYPE(kronscope::core::GenerationResult)

namespace kronscope::app {

core::MechanismRequest MechanismReaction::request(const core::Gpt2Model& model) const {
    core::MechanismRequest rq = window_.mechanismPanel()->request();
    if (rq.analysis != core::MechanismAnalysis::Conditioning) {
        const QFileInfo text(window_.perplexityPanel()->textPath());
        if (!text.isFile())
            throw core::InputError(
                MainWindow::tr("choose a text file on the Perplexity page first").toStdString());
        rq.text_path = text.absoluteFilePath().toStdString();
    }
    rq.ppl = window_.perplexityPanel()->settings();
    rq.validateFor(model);
    return rq;
}

int MechanismReaction::trigger() {
    std::shared_ptr<core::Gpt2Model> model = window_.document()->model();
    if (!model) return 0;
    core::MechanismRequest rq;
    try {
        rq = request(*model);
    } catch (const std::exception& e) {
        window_.reportError(MainWindow::tr("Mechanism"), QString::fromStdString(e.what()));
        return 0;
    }
    auto mutex = window_.document()->modelMutex();
    const auto analysis = rq.analysis;
    return window_.jobs()->submit(
        MainWindow::tr("Mechanism: %1").arg(QString::fromLatin1(core::mechanismAnalysisName(rq.analysis))),
        [model, mutex, rq](core::Progress& p) {
            p.report(0.0, MainWindow::tr("waiting for the model").toStdString());
            std::lock_guard<std::mutex> lock(*mutex);
            auto r = core::runMechanismAnalysis(*model, rq, p);
            if (!r.complete) throw core::Cancelled();
            return QVariant::fromValue(r);
        },
        [this, analysis](const QVariant& v) {
            window_.document()->setMechanism(v.value<core::MechanismResult>());
            window_.mechanismView()->showAnalysis(analysis);
            window_.showView(window_.mechanismView());
        });
}

int GenerationReaction::trigger() {
    std::shared_ptr<core::Gpt2Model> model = window_.document()->model();
    if (!model) return 0;
    core::GenerationRequest rq;
    try {
        rq = window_.generationPanel()->request();
        core::SurgeryPlan::named(*model, rq.method, rq.block_size, rq.targets);  // names a bad setting now
    } catch (const std::exception& e) {
        window_.reportError(MainWindow::tr("Generation"), QString::fromStdString(e.what()));
        return 0;
    }
    auto mutex = window_.document()->modelMutex();
    return window_.jobs()->submit(
        MainWindow::tr("Generate (unmodified and %1 n=%2)")
            .arg(QString::fromStdString(rq.method))
            .arg(rq.block_size),
        [model, mutex, rq](core::Progress& p) {
            std::lock_guard<std::mutex> lock(*mutex);
            return QVariant::fromValue(core::runGeneration(*model, rq, p));
        },
        [this](const QVariant& v) {
            window_.document()->setGeneration(v.value<core::GenerationResult>());
            window_.showView(window_.generationView());
        });
}

}  // namespace kronscope::app
