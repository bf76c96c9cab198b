// The sweep page's cluster path in the real main window under Xvfb: Run on a cluster… writes the Slurm array
// for the page's sweep (core::writeSlurmJob, as `kronscope-cli slurm sweep`); each array task, run here the
// way Slurm runs it (bash job.sbatch with SLURM_ARRAY_TASK_ID set), writes its shard; Import results… merges
// them (core::mergeShardFiles) into the sweep view, which then holds the rows the page's own sweep computed.
// A missing shard is reported and the table marked incomplete. The structure map, probe and mechanism scan
// pages go the same way (their own Run on a cluster… and Import results…), each merged result equal to the
// page's own run. Screenshots with KRONSCOPE_SCREENSHOT_DIR.
#include <QFile>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>

#include "document.h"
#include "gui_test_util.h"
#include "jobs/job_manager.h"
#include "main_window.h"
#include "pages/mechanism_panel.h"
#include "pages/perplexity_panel.h"
#include "pages/probe_panel.h"
#include "pages/structure_map_panel.h"
#include "pages/sweep_panel.h"
#include "reactions/reactions.h"

using namespace kronscope;
using app::MainWindow;
using test::shot;
using test::waitForJob;
using test::watchForMessageBox;

class TestCluster : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

    /// Writes the page's job as a Slurm array of `shards` under `name` and runs each task as Slurm would.
    QString writeAndRun(MainWindow& w, app::ClusterJob job, int shards, const QString& name) {
        core::SlurmRequest srq;
        srq.shards = shards;
        srq.out_dir = tmp_.filePath(name).toStdString();
        QString* box = watchForMessageBox();
        const QString dir = w.clusterReaction()->writeCluster(job, srq, /*submit=*/false);
        QTest::qWaitFor([box] { return !box->isEmpty(); }, 10000);
        delete box;
        for (int i = 0; i < shards && !dir.isEmpty(); ++i) {
            QProcess task;
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("SLURM_ARRAY_TASK_ID"), QString::number(i));
            task.setProcessEnvironment(env);
            task.start(QStringLiteral("bash"), {dir + QStringLiteral("/job.sbatch")});
            if (!task.waitForFinished(300000) || task.exitCode() != 0) {
                qWarning() << task.readAllStandardError();
                return {};
            }
        }
        return dir;
    }

    QString textFile() {
        const QString text = tmp_.filePath(QStringLiteral("text.txt"));
        QFile readme(QStringLiteral(KRONSCOPE_SOURCE_DIR "/README.md"));
        if (!readme.open(QIODevice::ReadOnly)) return {};
        QFile out(text);
        if (!out.open(QIODevice::WriteOnly)) return {};
        out.write(readme.read(4000));
        return text;
    }

  private slots:
    void writeRunAndImport() {
        qputenv("KRONSCOPE_CLI",
                KRONSCOPE_CLI);  // the GUI finds the CLI beside itself; a test binary is elsewhere
        MainWindow w;
        w.resize(1500, 950);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(waitForJob(w, w.openDemo()));
        const QString text = textFile();
        QVERIFY(!text.isEmpty());
        w.perplexityPanel()->setTextPath(text);
        w.perplexityPanel()->setTokenLimit(200);
        w.sweepPanel()->setBlockSizes(QStringLiteral("4,8"));
        w.sweepPanel()->setMethods({QStringLiteral("kron"), QStringLiteral("svd")});

        // The page's own sweep, for comparison.
        QVERIFY(waitForJob(w, w.runSweep()));
        const auto local = w.document()->sweep().rows;
        QCOMPARE(local.size(), size_t(5));

        core::SlurmRequest srq;
        srq.shards = 3;
        srq.out_dir = tmp_.filePath(QStringLiteral("run")).toStdString();
        QString* box = watchForMessageBox(QStringLiteral("cluster-written.png"));
        const QString dir = w.clusterReaction()->writeCluster(app::ClusterJob::Sweep, srq, /*submit=*/false);
        QVERIFY(!dir.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!box->isEmpty(), 10000);
        QVERIFY2(box->contains(QStringLiteral("a job array of 3 shards: 0-2")), qPrintable(*box));
        QVERIFY(box->contains(QStringLiteral("sbatch --dependency=afterok")));
        delete box;

        // Each array task as Slurm runs it.
        for (int i = 0; i < 3; ++i) {
            QProcess task;
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("SLURM_ARRAY_TASK_ID"), QString::number(i));
            task.setProcessEnvironment(env);
            task.start(QStringLiteral("bash"), {dir + QStringLiteral("/job.sbatch")});
            QVERIFY(task.waitForFinished(300000));
            QVERIFY2(task.exitCode() == 0, task.readAllStandardError().constData());
        }
        // Two of three shards: imported, reported incomplete.
        QFile::rename(dir + QStringLiteral("/shards/shard-1.json"),
                      tmp_.filePath(QStringLiteral("shard-1.json")));
        QString* partial = watchForMessageBox();
        QCOMPARE(w.clusterReaction()->importShards(dir), 3);
        QTRY_VERIFY_WITH_TIMEOUT(!partial->isEmpty(), 10000);
        QVERIFY2(partial->contains(QStringLiteral("2 of 5 cells have no shard result yet (cells 1,4)")),
                 qPrintable(*partial));
        delete partial;
        QFile::rename(tmp_.filePath(QStringLiteral("shard-1.json")),
                      dir + QStringLiteral("/shards/shard-1.json"));

        // All three: the page's rows, in the page's order.
        QCOMPARE(w.clusterReaction()->importShards(dir), 5);
        const auto merged = w.document()->sweep().rows;
        QCOMPARE(merged.size(), local.size());
        for (size_t k = 0; k < merged.size(); ++k) {
            QCOMPARE(merged[k].cell, static_cast<int64_t>(k));
            QCOMPARE(QString::fromStdString(merged[k].method), QString::fromStdString(local[k].method));
            QCOMPARE(merged[k].block_size, local[k].block_size);
            QVERIFY2(std::fabs(merged[k].ppl.ppl - local[k].ppl.ppl) <= 1e-9 * local[k].ppl.ppl,
                     qPrintable(QStringLiteral("%1 vs %2").arg(merged[k].ppl.ppl).arg(local[k].ppl.ppl)));
        }
        QVERIFY(w.document()->sweep().subtitle.contains(QStringLiteral("merged from 3 shard file(s)")));
        shot(w, QStringLiteral("cluster-imported.png"));
        // The page a user starts from: its Run on a cluster… and Import results… buttons.
        w.showPage(w.sweepPanel());
        QVERIFY(w.sweepPanel()->findChild<QPushButton*>(QStringLiteral("sweepCluster"))->isEnabled());
        QVERIFY(w.sweepPanel()->findChild<QPushButton*>(QStringLiteral("sweepImport"))->isVisible());
        shot(w, QStringLiteral("cluster-sweep-page.png"));
    }

    void mapProbeAndScanPages() {
        qputenv("KRONSCOPE_CLI", KRONSCOPE_CLI);
        MainWindow w;
        w.resize(1500, 950);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(waitForJob(w, w.openDemo()));

        // Structure map: 2 shards of the page's map; the merged values are the page's.
        auto map_state = w.structureMapPanel()->state();
        map_state[QStringLiteral("blocks")] = QStringLiteral("2,4");
        map_state[QStringLiteral("null_draws")] = 3;
        map_state[QStringLiteral("targets")] = QStringLiteral("mlp");
        w.structureMapPanel()->setState(map_state);
        QVERIFY(waitForJob(w, w.runStructureMap()));
        const auto local_map = *w.document()->structureMap();
        const QString map_dir = writeAndRun(w, app::ClusterJob::Map, 2, QStringLiteral("maprun"));
        QVERIFY(!map_dir.isEmpty());
        QCOMPARE(w.clusterReaction()->importShards(map_dir), static_cast<int>(local_map.values.size()));
        const auto& merged_map = *w.document()->structureMap();
        QCOMPARE(merged_map.matrices, local_map.matrices);
        for (size_t k = 0; k < local_map.values.size(); ++k)
            QCOMPARE(merged_map.values[k], local_map.values[k]);
        w.showPage(w.structureMapPanel());
        QVERIFY(
            w.structureMapPanel()->findChild<QPushButton*>(QStringLiteral("structureCluster"))->isEnabled());
        shot(w, QStringLiteral("cluster-map-imported.png"));

        // Probe (ijkl, layers 0-1): the merged run's shares and aggregates are the page's run's.
        auto probe_state = w.probePanel()->state();
        probe_state[QStringLiteral("probe")] = static_cast<int>(core::ProbeKind::BasisEnergy);
        probe_state[QStringLiteral("scope")] = QStringLiteral("custom");
        probe_state[QStringLiteral("custom")] = QStringLiteral("layers:0-1");
        probe_state[QStringLiteral("null_draws")] = 4;
        w.probePanel()->setState(probe_state);
        QVERIFY(waitForJob(w, w.runProbe()));
        QCOMPARE(w.document()->probeRuns().size(), size_t(1));
        const QString probe_dir = writeAndRun(w, app::ClusterJob::Probe, 3, QStringLiteral("proberun"));
        QVERIFY(!probe_dir.isEmpty());
        QVERIFY(w.clusterReaction()->importShards(probe_dir) > 0);
        QCOMPARE(w.document()->probeRuns().size(), size_t(2));
        const auto local = nlohmann::json::parse(w.document()->probeRuns()[0].json);
        const auto merged = nlohmann::json::parse(w.document()->probeRuns()[1].json);
        QCOMPARE(merged["matrices"].size(), local["matrices"].size());
        for (size_t k = 0; k < local["matrices"].size(); ++k)
            QCOMPARE(merged["matrices"][k]["shares"].dump(), local["matrices"][k]["shares"].dump());
        QCOMPARE(merged["model"]["shares"].dump(), local["model"]["shares"].dump());
        QCOMPARE(merged["layers"].dump(), local["layers"].dump());
        QVERIFY(QString::fromStdString(w.document()->probeRuns()[1].title)
                    .contains(QStringLiteral("merged from 3")));
        w.showPage(w.probePanel());
        shot(w, QStringLiteral("cluster-probe-imported.png"));

        // Mechanism scan (layer 0, n = 4, both methods): rows and additivity as the page's own scan.
        const QString text = textFile();
        QVERIFY(!text.isEmpty());
        w.perplexityPanel()->setTextPath(text);
        w.perplexityPanel()->setTokenLimit(200);
        auto mech_state = w.mechanismPanel()->state();
        mech_state[QStringLiteral("analysis")] = static_cast<int>(core::MechanismAnalysis::Conditioning);
        w.mechanismPanel()->setState(mech_state);
        QString* refusal = watchForMessageBox();
        QVERIFY(
            w.clusterReaction()->writeCluster(app::ClusterJob::Scan, core::SlurmRequest{}, false).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!refusal->isEmpty(), 10000);
        QVERIFY2(refusal->contains(QStringLiteral("only the single-matrix scan runs on a cluster")),
                 qPrintable(*refusal));
        delete refusal;
        mech_state[QStringLiteral("analysis")] = static_cast<int>(core::MechanismAnalysis::Scan);
        mech_state[QStringLiteral("blocks")] = QStringLiteral("4");
        mech_state[QStringLiteral("targets")] = QStringLiteral("layers:0-0");
        w.mechanismPanel()->setState(mech_state);
        QVERIFY(waitForJob(w, w.runMechanism()));
        const auto local_scan = w.document()->mechanism().back();
        const QString scan_dir = writeAndRun(w, app::ClusterJob::Scan, 3, QStringLiteral("scanrun"));
        QVERIFY(!scan_dir.isEmpty());
        QCOMPARE(w.clusterReaction()->importShards(scan_dir), 11);
        const auto& merged_scan = w.document()->mechanism().back();
        QCOMPARE(merged_scan.scan.size(), local_scan.scan.size());
        for (size_t k = 0; k < local_scan.scan.size(); ++k)
            QCOMPARE(merged_scan.scan[k].mean_nll, local_scan.scan[k].mean_nll);
        QCOMPARE(merged_scan.additivity.size(), local_scan.additivity.size());
        for (size_t k = 0; k < local_scan.additivity.size(); ++k)
            QCOMPARE(merged_scan.additivity[k].sum_single_delta_nll,
                     local_scan.additivity[k].sum_single_delta_nll);
        w.showPage(w.mechanismPanel());
        shot(w, QStringLiteral("cluster-scan-imported.png"));
    }
};

QTEST_MAIN(TestCluster)
#include "test_cluster.moc"
