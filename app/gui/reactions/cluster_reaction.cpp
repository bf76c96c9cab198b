#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>

#include "document.h"
#include "kronscope/core/analysis/cluster.h"
#include "kronscope/core/analysis/sweep.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/codec/shards.h"
#include "kronscope/core/modular/modular_model.h"
#include "main_window.h"
#include "pages/probe_panel.h"
#include "pages/structure_map_panel.h"
#include "reactions/reactions.h"
#include "results/mechanism_view.h"
#include "results/probe_view.h"
#include "results/structure_map_view.h"
#include "results/sweep_view.h"
#include "widgets/cluster_dialog.h"

namespace kronscope::app {

namespace {

/// The kronscope-cli beside this executable (build tree: app/gui/kronscope -> app/kronscope-cli; installed:
/// bin/kronscope -> bin/kronscope-cli), else the one on PATH; $KRONSCOPE_CLI overrides.
QString cliPath() {
    if (qEnvironmentVariableIsSet("KRONSCOPE_CLI")) return qEnvironmentVariable("KRONSCOPE_CLI");
    const QString dir = QCoreApplication::applicationDirPath();
    for (const QString& c :
         {dir + QStringLiteral("/kronscope-cli"), dir + QStringLiteral("/../kronscope-cli")})
        if (QFileInfo(c).isExecutable()) return QFileInfo(c).canonicalFilePath();
    return QStringLiteral("kronscope-cli");
}

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

}  // namespace

std::pair<std::string, std::vector<std::string>> ClusterReaction::jobOf(ClusterJob job) const {
    const auto& model = window_.document()->model();
    switch (job) {
        case ClusterJob::Sweep:
            if (!model) break;
            return {"sweep", core::sweepJobArgs(window_.sweepReaction()->request(*model), model->source())};
        case ClusterJob::Map: {
            if (!model) break;
            const auto rq = window_.structureMapPanel()->request();
            rq.targets.select(*model);  // names targets that select nothing now
            return {"map", core::mapJobArgs(rq, model->source())};
        }
        case ClusterJob::Probe: {
            // The open GPT-2 or the Modular page's model, as the page's own Run probe chooses.
            const bool modular = window_.probePanel()->weightsOf() == QLatin1String("modular");
            const auto& mm = window_.document()->modular().model;
            if (modular && !mm)
                throw core::InputError(MainWindow::tr("no modular model is open").toStdString());
            if (!modular && !model) break;
            auto rq = window_.probePanel()->request();
            rq.with_samples = true;  // the probe view draws the null histograms
            if (modular) {
                core::selectProbeMatrices(*mm, rq.matrices);
                return {"probe", core::probeJobArgs(rq, mm->directory())};
            }
            core::selectProbeMatrices(*model, rq.matrices);
            return {"probe", core::probeJobArgs(rq, model->source())};
        }
        case ClusterJob::Scan: {
            if (!model) break;
            const auto rq = window_.mechanismReaction()->request(*model);
            if (rq.analysis != core::MechanismAnalysis::Scan)
                throw core::InputError(
                    MainWindow::tr("only the single-matrix scan runs on a cluster: choose the analysis "
                                   "\"Single-matrix scan\"")
                        .toStdString());
            return {"mechanism", core::scanJobArgs(rq, model->source())};
        }
    }
    throw core::InputError(MainWindow::tr("open a model first").toStdString());
}

void ClusterReaction::clusterDialog(ClusterJob job) {
    ClusterDialog dialog(&window_);
    if (dialog.exec() != QDialog::Accepted) return;
    writeCluster(job, dialog.request(), dialog.submit());
}

QString ClusterReaction::writeCluster(ClusterJob job, core::SlurmRequest srq, bool submit) {
    const QString title = MainWindow::tr("Run on a cluster");
    try {
        std::tie(srq.job, srq.job_args) = jobOf(job);
        srq.cli = cliPath().toStdString();
        srq.working_dir = QFileInfo(qs(srq.out_dir)).absolutePath().toStdString();
        const auto plan = core::writeSlurmJob(srq);
        core::SlurmSubmission sub;
        if (submit) sub = core::submitSlurmJob(plan);
        QString text = MainWindow::tr("Wrote %1 (a job array of %2 shards: %3) and %4.")
                           .arg(qs(plan.array_script))
                           .arg(srq.shards)
                           .arg(qs(plan.array_spec), qs(plan.merge_script));
        if (submit)
            text += QStringLiteral("\n\n") + MainWindow::tr(
                                                 "Submitted array job %1 and merge job %2 (afterok). When it "
                                                 "has run, Import results… reads %3.")
                                                 .arg(qs(sub.array_job), qs(sub.merge_job), qs(plan.dir));
        else
            text += QStringLiteral("\n\n") + MainWindow::tr(
                                                 "Submit on the cluster with:\n%1\nthen Import results… "
                                                 "reads %2.")
                                                 .arg(qs(plan.submit_commands), qs(plan.dir));
        QFile script(qs(plan.array_script));
        script.open(QIODevice::ReadOnly);
        QMessageBox box(QMessageBox::Information, title, text, QMessageBox::Ok, &window_);
        box.setObjectName(QStringLiteral("clusterBox"));
        box.setTextInteractionFlags(Qt::TextSelectableByMouse);
        box.setDetailedText(QString::fromUtf8(script.readAll()));
        window_.statusBar()->showMessage(MainWindow::tr("Wrote the Slurm job in %1").arg(qs(plan.dir)),
                                         15000);
        box.exec();
        return qs(plan.dir);
    } catch (const std::exception& e) {
        window_.reportError(title, qs(e.what()));
        return {};
    }
}

void ClusterReaction::importDialog() {
    const QString dir =
        QFileDialog::getExistingDirectory(&window_, MainWindow::tr("Folder of a cluster run (its shards/)"));
    if (!dir.isEmpty()) importShards(dir);
}

namespace {

/// The merged result into the document and its view on top; the number of cells it holds.
int showMerged(MainWindow& w, const core::MergedShards& m) {
    auto* doc = w.document();
    const int cells = static_cast<int>(m.total_cells - static_cast<int64_t>(m.missing.size()));
    const int files = static_cast<int>(m.files.size());
    if (m.job == "sweep") {
        doc->beginSweep(MainWindow::tr("%1 on %2, max_length %3, stride %4; merged from %5 shard file(s)")
                            .arg(QFileInfo(qs(m.sweep.model_dir)).fileName(), qs(m.sweep.text_name))
                            .arg(m.sweep.ppl_settings.max_length)
                            .arg(m.sweep.ppl_settings.stride)
                            .arg(files));
        for (const auto& row : m.sweep.rows)
            doc->addSweepRow(row, qs(m.sweep.model_hash), qs(m.sweep.text_hash));
        w.showView(w.sweepView());
        return static_cast<int>(m.sweep.rows.size());
    }
    if (m.job == "map") {
        doc->setStructureMap(*m.map);
        w.showView(w.structureMapView());
    } else if (m.job == "scan") {
        doc->setMechanism(*m.scan);
        w.mechanismView()->showAnalysis(core::MechanismAnalysis::Scan);
        w.showView(w.mechanismView());
    } else {
        const auto& rq = m.request;
        ProbeRun run;
        run.title = MainWindow::tr("%1 · %2 · %3 · merged from %4 shard file(s)")
                        .arg(probeTitle(core::parseProbeKind(rq.value("probe", std::string()))),
                             qs(rq.value("matrices", std::string())),
                             qs(rq.at("settings").value("describe", std::string())))
                        .arg(files)
                        .toStdString();
        run.json = m.probe.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        doc->addProbeRuns({run});
        w.showView(w.probeView());
    }
    return cells;
}

}  // namespace

int ClusterReaction::importShards(const QString& dir) {
    const QString title = MainWindow::tr("Import results");
    QDir folder(dir);
    if (QDir(dir + QStringLiteral("/shards")).exists()) folder.setPath(dir + QStringLiteral("/shards"));
    std::vector<std::string> files;
    for (const auto& f : folder.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        files.push_back(f.absoluteFilePath().toStdString());
    try {
        if (files.empty())
            throw core::InputError(
                MainWindow::tr("%1: no shard files (*.json) in it or in its shards/").arg(dir).toStdString());
        const auto m = core::mergeShardFiles(files);
        const int cells = showMerged(window_, m);
        if (!m.missing.empty()) {
            QStringList list;
            for (const auto c : m.missing) list << QString::number(c);
            window_.reportError(
                title, MainWindow::tr("%1 of %2 cells have no shard result yet (cells %3): the result "
                                      "is incomplete. Rerun them with kronscope-cli slurm "
                                      "--only-missing.")
                           .arg(m.missing.size())
                           .arg(m.total_cells)
                           .arg(list.join(QLatin1Char(','))));
        }
        return cells;
    } catch (const std::exception& e) {
        window_.reportError(title, qs(e.what()));
        return -1;
    }
}

}  // namespace kronscope::app
