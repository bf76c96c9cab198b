// The sweep page's cluster path in the real main window under Xvfb: Run on a cluster… writes the Slurm array
// for the page's sweep (core::writeSlurmJob, as `kronscope-cli slurm sweep`); each array task, run here the
// way Slurm runs it (bash job.sbatch with SLURM_ARRAY_TASK_ID set), writes its shard; Import results… merges
// them (core::mergeShardFiles) into the sweep view, which then holds the rows the page's own sweep computed.
// A missing shard is reported and the table marked incomplete. Screenshots with KRONSCOPE_SCREENSHOT_DIR.
#include <QFile>
#include <QProcess>
#include <QPushButton>
#include <QToolBox>
#include <QTemporaryDir>
#include <QtTest>

#include "document.h"
#include "gui_test_util.h"
#include "jobs/job_manager.h"
#include "main_window.h"
#include "pages/perplexity_panel.h"
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

  private slots:
    void writeRunAndImport() {
        qputenv("KRONSCOPE_CLI",
                KRONSCOPE_CLI);  // the GUI finds the CLI beside itself; a test binary is elsewhere
        MainWindow w;
        w.resize(1500, 950);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(waitForJob(w, w.openDemo()));
        const QString text = tmp_.filePath(QStringLiteral("text.txt"));
        QFile readme(QStringLiteral(KRONSCOPE_SOURCE_DIR "/README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        QFile out(text);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(readme.read(4000));
        out.close();
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
        const QString dir = w.sweepReaction()->writeCluster(srq, /*submit=*/false);
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
        QCOMPARE(w.sweepReaction()->importShards(dir), 3);
        QTRY_VERIFY_WITH_TIMEOUT(!partial->isEmpty(), 10000);
        QVERIFY2(partial->contains(QStringLiteral("2 of 5 cells have no shard result yet (cells 1,4)")),
                 qPrintable(*partial));
        delete partial;
        QFile::rename(tmp_.filePath(QStringLiteral("shard-1.json")),
                      dir + QStringLiteral("/shards/shard-1.json"));

        // All three: the page's rows, in the page's order.
        QCOMPARE(w.sweepReaction()->importShards(dir), 5);
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
        w.findChild<QToolBox*>(QStringLiteral("experimentToolbox"))->setCurrentWidget(w.sweepPanel());
        QVERIFY(w.sweepPanel()->findChild<QPushButton*>(QStringLiteral("sweepCluster"))->isEnabled());
        QVERIFY(w.sweepPanel()->findChild<QPushButton*>(QStringLiteral("sweepImport"))->isVisible());
        shot(w, QStringLiteral("cluster-sweep-page.png"));
    }
};

QTEST_MAIN(TestCluster)
#include "test_cluster.moc"
