#include <QFileInfo>
#include <QPointer>

#include "document.h"
#include "jobs/job_manager.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/analysis/perplexity.h"
#include "main_window.h"
#include "pages/perplexity_panel.h"
#include "pages/sweep_panel.h"
#include "reactions/reactions.h"
#include "results/sweep_view.h"

Q_DECLARE_METATYPE(kronscope::core::SweepResult)

namespace kronscope::app {

int SweepReaction::trigger() {
    std::shared_ptr<core::Gpt2Model> model = window_.document()->model();
    if (!model) return 0;
    core::SweepSettings s;
    try {
        s = window_.sweepPanel()->settings();
        if (!QFileInfo(window_.perplexityPanel()->textPath()).isFile())
            throw core::InputError(
                MainWindow::tr("choose a text file on the Perplexity page first").toStdString());
        s.ppl = window_.perplexityPanel()->settings();
        for (const auto n : s.block_sizes)
            for (const auto& m : model->matrices())
                core::KroneckerSpec::forBlockSize(m.rows, m.cols, n, s.options.small_first);
    } catch (const std::exception& e) {
        window_.reportError(MainWindow::tr("Surgery sweep"), QString::fromStdString(e.what()));
        return 0;
    }
    const std::string text_path = window_.perplexityPanel()->textPath().toStdString();
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
    return window_.jobs()->submit(MainWindow::tr("Surgery sweep (%1 steps)").arg(steps),
                                  [model, mutex, s, text_path, doc, model_hash](core::Progress& p) {
                                      const auto text = core::tokenizeTextFile(*model, text_path);
                                      const QString text_hash = QString::fromStdString(text.hash);
                                      p.report(0.0, MainWindow::tr("waiting for the model").toStdString());
                                      std::lock_guard<std::mutex> lock(*mutex);
                                      auto r = core::runSweep(
                                          *model, text.ids, text.hash, s, p,
                                          [doc, model_hash, text_hash](const core::SweepRow& row) {
                                              // Rows stream to the document (GUI thread) as they finish.
                                              QMetaObject::invokeMethod(
                                                  doc,
                                                  [doc, row, model_hash, text_hash] {
                                                      if (doc) doc->addSweepRow(row, model_hash, text_hash);
                                                  },
                                                  Qt::QueuedConnection);
                                          });
                                      if (!r.complete) throw core::Cancelled();
                                      return QVariant::fromValue(r);
                                  });
}

}  // namespace kronscope::app
