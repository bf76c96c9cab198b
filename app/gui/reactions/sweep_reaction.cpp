#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>
#include <QPointer>

#include "document.h"
#include "jobs/job_manager.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/analysis/cluster.h"
#include "kronscope/core/codec/shards.h"
#include "kronscope/core/analysis/sweep.h"
#include "main_window.h"
#include "pages/perplexity_panel.h"
#include "pages/sweep_panel.h"
#include "reactions/reactions.h"
#include "results/sweep_view.h"
#include "widgets/cluster_dialog.h"

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

}  // namespace

void SweepReaction::clusterDialog() {
    if (!window_.document()->model()) return;
    ClusterDialog dialog(&window_);
    if (dialog.exec() != QDialog::Accepted) return;
    writeCluster(dialog.request(), dialog.submit());
}

QString SweepReaction::writeCluster(core::SlurmRequest srq, bool submit) {
    const auto& model = window_.document()->model();
    if (!model) return {};
    const QString title = MainWindow::tr("Run on a cluster");
    try {
        const core::SweepRequest rq = request(*model);
        srq.job = "sweep";
        srq.job_args = core::sweepJobArgs(rq, model->source());
        srq.cli = cliPath().toStdString();
        srq.working_dir = QFileInfo(QString::fromStdString(srq.out_dir)).absolutePath().toStdString();
        const auto plan = core::writeSlurmJob(srq);
        core::SlurmSubmission sub;
        if (submit) sub = core::submitSlurmJob(plan);
        QString text =
            MainWindow::tr("Wrote %1 (a job array of %2 shards: %3) and %4.")
                .arg(QString::fromStdString(plan.array_script))
                .arg(srq.shards)
                .arg(QString::fromStdString(plan.array_spec), QString::fromStdString(plan.merge_script));
        if (submit)
            text += QStringLiteral("\n\n") + MainWindow::tr(
                                                 "Submitted array job %1 and merge job %2 (afterok). When it "
                                                 "has run, Import results… reads %3.")
                                                 .arg(QString::fromStdString(sub.array_job),
                                                      QString::fromStdString(sub.merge_job),
                                                      QString::fromStdString(plan.dir));
        else
            text += QStringLiteral("\n\n") +
                    MainWindow::tr(
                        "Submit on the cluster with:\n%1\nthen Import results… "
                        "reads %2.")
                        .arg(QString::fromStdString(plan.submit_commands), QString::fromStdString(plan.dir));
        QFile script(QString::fromStdString(plan.array_script));
        script.open(QIODevice::ReadOnly);
        QMessageBox box(QMessageBox::Information, title, text, QMessageBox::Ok, &window_);
        box.setObjectName(QStringLiteral("clusterBox"));
        box.setTextInteractionFlags(Qt::TextSelectableByMouse);
        box.setDetailedText(QString::fromUtf8(script.readAll()));
        window_.statusBar()->showMessage(
            MainWindow::tr("Wrote the Slurm job in %1").arg(QString::fromStdString(plan.dir)), 15000);
        box.exec();
        return QString::fromStdString(plan.dir);
    } catch (const std::exception& e) {
        window_.reportError(title, QString::fromStdString(e.what()));
        return {};
    }
}

void SweepReaction::importDialog() {
    const QString dir =
        QFileDialog::getExistingDirectory(&window_, MainWindow::tr("Folder of a cluster run (its shards/)"));
    if (!dir.isEmpty()) importShards(dir);
}

int SweepReaction::importShards(const QString& dir) {
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
        const QString model_hash = QString::fromStdString(m.sweep.model_hash);
        const QString text_hash = QString::fromStdString(m.sweep.text_hash);
        auto* doc = window_.document();
        doc->beginSweep(MainWindow::tr("%1 on %2, max_length %3, stride %4; merged from %5 shard file(s)")
                            .arg(QFileInfo(QString::fromStdString(m.sweep.model_dir)).fileName(),
                                 QString::fromStdString(m.sweep.text_name))
                            .arg(m.sweep.ppl_settings.max_length)
                            .arg(m.sweep.ppl_settings.stride)
                            .arg(files.size()));
        for (const auto& row : m.sweep.rows) doc->addSweepRow(row, model_hash, text_hash);
        window_.showView(window_.sweepView());
        if (!m.missing.empty()) {
            QStringList cells;
            for (const auto c : m.missing) cells << QString::number(c);
            window_.reportError(
                title, MainWindow::tr("%1 of %2 cells have no shard result yet (cells %3): the table "
                                      "is incomplete. Rerun them with kronscope-cli slurm "
                                      "--only-missing.")
                           .arg(m.missing.size())
                           .arg(m.total_cells)
                           .arg(cells.join(QLatin1Char(','))));
        }
        return static_cast<int>(m.sweep.rows.size());
    } catch (const std::exception& e) {
        window_.reportError(title, QString::fromStdString(e.what()));
        return -1;
    }
}

}  // namespace kronscope::app
