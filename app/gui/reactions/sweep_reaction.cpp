#include <QFileInfo>
#include <QPointer>

#include "document.h"
#include "jobs/job_manager.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/analysis/sweep.h"
#include "main_window.h"
#include "pages/perplexity_panel.h"
#include "pages/sweep_panel.h"
#include "reactions/reactions.h"
#include "results/sweep_view.h"

Q_DECLARE_METATYPE(kronscope::core::SweepResult)

namespace kronscope::app {

core::SweepRequest SweepReaction::request(const core::Gpt2Model& model) const {
    core::SweepRequest rq;
    rq.settings = window_.sweepPanel()->settings();
    if (!QFileInfo(window_.perplexityPanel()->textPath()).isFile())
        throw core::InputError(
            MainWindow::tr("choose a text file on the Perplexity page first").toStdString());
    rq.settings.ppl = window_.perplexityPanel()->settings();
    rq.text_path = QFileInfo(window_.perplexityPanel()->textPath()).absoluteFilePath().toStdString();
    rq.validateFor(model);
    return rq;
}

int SweepReaction::trigger() {
    std::shared_ptr<core::Gpt2Model> model = window_.document()->model();
    if (!model) return 0;
    core::SweepRequest rq;
    try {
        rq = request(*model);
    } catch (const std::exception& e) {
        window_.reportError(MainWindow::tr("Surgery sweep"), QString::fromStdString(e.what()));
        return 0;
    }
    const core::SweepSettings& s = rq.settings;
    auto mutex = window_.document()->modelMutex();
    const QString subtitle = MainWindow::tr("%1 on %2, max_length %3, stride %4")
                                 .arg(QFileInfo(QString::fromStdString(model->directory())).fileName(),
                                      QString::fromStdString(s.ppl.text_name))
                                 .arg(s.ppl.max_length)
                                 .arg(s.ppl.stride);
    window_.document()->beginSweep(subtitle);
    window_.showView(window_.sweepView());
    QPointer<AnalysisDocument> doc(window_.document());
    const QString model_hash = QString::fromStdString(model->contentHash());
    const auto steps = (s.baseline ? 1 : 0) + s.methods.size() * s.block_sizes.size() * s.targets.size();
    // Rows stream to the document (GUI thread) as they finish.
    auto on_row = [doc, model_hash](const core::SweepRow& row, const std::string& text_hash) {
        const QString hash = QString::fromStdString(text_hash);
        QMetaObject::invokeMethod(
            doc,
            [doc, row, model_hash, hash] {
                if (doc) doc->addSweepRow(row, model_hash, hash);
            },
            Qt::QueuedConnection);
    };
    return window_.jobs()->submit(MainWindow::tr("Surgery sweep (%1 steps)").arg(steps),
                                  [model, mutex, rq, on_row](core::Progress& p) {
                                      p.report(0.0, MainWindow::tr("waiting for the model").toStdString());
                                      std::lock_guard<std::mutex> lock(*mutex);
                                      auto r = core::runSweepAnalysis(*model, rq, p, on_row);
                                      if (!r.complete) throw core::Cancelled();
                                      return QVariant::fromValue(r);
                                  });
}

}  // namespace kronscope::app
