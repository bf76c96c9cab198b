#include "document.h"
#include "jobs/job_manager.h"
#include "main_window.h"
#include "pages/decomposition_panel.h"
#include "reactions/reactions.h"
#include "results/decomposition_view.h"

Q_DECLARE_METATYPE(kronscope::core::DecompositionResult)

namespace kronscope::app {

int DecompositionReaction::trigger() {
    std::shared_ptr<core::Gpt2Model> model = window_.document()->model();
    if (!model) return 0;
    const core::DecompositionRequest req = window_.decompositionPanel()->request();
    if (req.matrix.empty()) return 0;
    return window_.jobs()->submit(
        MainWindow::tr("Decompose %1 (%2 n=%3)")
            .arg(QString::fromStdString(req.matrix),
                 req.kronecker ? MainWindow::tr("Kronecker") : MainWindow::tr("SVD"))
            .arg(req.block_size),
        [model, req](core::Progress& p) {
            return QVariant::fromValue(core::runDecomposition(*model, req, p));
        },
        [this](const QVariant& v) {
            window_.document()->setDecomposition(v.value<core::DecompositionResult>());
            window_.showView(window_.decompositionView());
        });
}

}  // namespace kronscope::app
