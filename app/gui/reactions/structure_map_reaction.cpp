#include "document.h"
#include "jobs/job_manager.h"
#include "main_window.h"
#include "pages/structure_map_panel.h"
#include "reactions/reactions.h"
#include "results/structure_map_view.h"

Q_DECLARE_METATYPE(kronscope::core::StructureMapResult)

namespace kronscope::app {

int StructureMapReaction::trigger() {
    std::shared_ptr<core::Gpt2Model> model = window_.document()->model();
    if (!model) return 0;
    core::StructureMapRequest rq;
    try {
        rq = window_.structureMapPanel()->request();
        rq.targets.select(*model);  // names targets that select nothing now, not in a failed job
    } catch (const std::exception& e) {
        window_.reportError(MainWindow::tr("Structure map"), QString::fromStdString(e.what()));
        return 0;
    }
    return window_.jobs()->submit(
        MainWindow::tr("Structure map (%1 block sizes)").arg(rq.block_sizes.size()),
        [model, rq](core::Progress& p) { return QVariant::fromValue(core::runStructureMap(*model, rq, p)); },
        [this](const QVariant& v) {
            window_.document()->setStructureMap(v.value<core::StructureMapResult>());
            window_.showView(window_.structureMapView());
        });
}

}  // namespace kronscope::app
