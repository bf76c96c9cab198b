#include <QFileInfo>

#include "document.h"
#include "jobs/job_manager.h"
#include "kronscope/core/analysis/perplexity.h"
#include "main_window.h"
#include "kronscope/views/result_table.h"
#include "pages/perplexity_panel.h"
#include "reactions/reactions.h"

Q_DECLARE_METATYPE(kronscope::core::PerplexityResult)

namespace kronscope::app {

int PerplexityReaction::trigger() {
    AnalysisDocument* doc = window_.document();
    std::shared_ptr<core::Gpt2Model> model = doc->model();
    if (!model) return 0;
    const auto settings = window_.perplexityPanel()->settings();
    const std::string text_path = window_.perplexityPanel()->textPath().toStdString();
    auto mutex = doc->modelMutex();
    return window_.jobs()->submit(
        MainWindow::tr("Perplexity on %1").arg(QString::fromStdString(settings.text_name)),
        [model, mutex, settings, text_path](core::Progress& p) {
            p.report(0.0, MainWindow::tr("waiting for the model").toStdString());
            std::lock_guard<std::mutex> lock(*mutex);
            return QVariant::fromValue(core::runPerplexity(*model, {text_path, settings}, p).result);
        },
        [this, model](const QVariant& v) {
            window_.document()->addPerplexityRow(
                {QFileInfo(QString::fromStdString(model->directory())).fileName(),
                 QString::fromStdString(model->contentHash()), v.value<core::PerplexityResult>()});
            window_.showView(window_.perplexityTable());
        });
}

}  // namespace kronscope::app
