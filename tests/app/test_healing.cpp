// The Healing page in the real main window under Xvfb: a surgered demo model heals from the page (the
// held-out perplexity curve and the healing table fill; the numbers equal `kronscope-cli heal` with the same
// request), a surgery sweep row's "Heal this row…" heals that row's surgery, and a session keeps both runs.
// Screenshots with KRONSCOPE_SCREENSHOT_DIR.
#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "document.h"
#include "gui_test_util.h"
#include "jobs/job_manager.h"
#include "kronscope/views/plots.h"
#include "kronscope/views/result_table.h"
#include "main_window.h"
#include "pages/healing_panel.h"
#include "pages/perplexity_panel.h"
#include "pages/sweep_panel.h"
#include "reactions/reactions.h"
#include "results/healing_view.h"
#include "results/sweep_view.h"

using namespace kronscope;
using app::MainWindow;
using test::cliJson;
using test::shot;
using test::waitForJob;

class TestHealing : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

    /// The first 30,000 bytes of the README as a text file in the test's folder.
    QString readmeText(const QString& name) {
        const QString text = tmp_.filePath(name);
        QFile readme(QStringLiteral(KRONSCOPE_SOURCE_DIR "/README.md"));
        QFile out(text);
        if (!readme.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly)) return {};
        out.write(readme.read(30000));
        return text;
    }

  private slots:
    void healFromThePageAndFromASweepRow() {
        MainWindow w;
        w.resize(1500, 950);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(waitForJob(w, w.openDemo()));
        const QString text = readmeText(QStringLiteral("text.txt"));
        QVERIFY(!text.isEmpty());
        w.perplexityPanel()->setTextPath(text);
        w.perplexityPanel()->setTokenLimit(200);

        auto state = w.healingPanel()->state();
        state[QStringLiteral("method")] = QStringLiteral("svd");
        state[QStringLiteral("block_size")] = 8;
        state[QStringLiteral("corpus")] = QStringLiteral("text");
        state[QStringLiteral("steps")] = 10;
        state[QStringLiteral("batch")] = 2;
        state[QStringLiteral("context")] = 32;
        state[QStringLiteral("lr")] = 0.003;
        w.healingPanel()->setState(state);
        w.showPage(w.healingPanel());
        QVERIFY(waitForJob(w, w.runHeal()));
        QCOMPARE(w.document()->healing().runs.size(), size_t(1));
        const auto& r = w.document()->healing().runs[0].run;
        QCOMPARE(r.steps, int64_t(10));
        QVERIFY2(
            r.ppl_surgery > r.ppl_original && r.ppl_healed < r.ppl_surgery,
            qPrintable(QStringLiteral("%1 %2 %3").arg(r.ppl_original).arg(r.ppl_surgery).arg(r.ppl_healed)));
        QCOMPARE(w.healingView()->table()->rowCount(), 1);
        QVERIFY(w.healingView()->plot()->curveCount() >= 1);
        shot(w, QStringLiteral("healing.png"));

        // The same request through the CLI: the same numbers.
        const auto j = cliJson({QStringLiteral("heal"),
                                QStringLiteral("--model"),
                                QStringLiteral(KRONSCOPE_SOURCE_DIR "/resources/demo/kronscope-demo-gpt2"),
                                QStringLiteral("--method"),
                                QStringLiteral("svd"),
                                QStringLiteral("--block-size"),
                                QStringLiteral("8"),
                                QStringLiteral("--corpus"),
                                text,
                                QStringLiteral("--steps"),
                                QStringLiteral("10"),
                                QStringLiteral("--batch"),
                                QStringLiteral("2"),
                                QStringLiteral("--context"),
                                QStringLiteral("32"),
                                QStringLiteral("--lr"),
                                QStringLiteral("0.003"),
                                QStringLiteral("--warmup"),
                                QStringLiteral("1"),
                                QStringLiteral("--eval-interval"),
                                QStringLiteral("1")});
        QVERIFY(!j.is_null());
        QVERIFY2(
            std::fabs(j["ppl_healed"].get<double>() - r.ppl_healed) <= 1e-6 * r.ppl_healed,
            qPrintable(
                QStringLiteral("CLI %1 vs GUI %2").arg(j["ppl_healed"].get<double>()).arg(r.ppl_healed)));

        // A sweep row's Heal this row…: that row's method, n and targets.
        w.sweepPanel()->setBlockSizes(QStringLiteral("16"));
        w.sweepPanel()->setMethods({QStringLiteral("kron")});
        QVERIFY(waitForJob(w, w.runSweep()));
        auto* table = w.sweepView()->table()->table();
        QCOMPARE(table->rowCount(), 2);  // baseline, kron n=16
        table->setCurrentCell(1, 0);
        auto* heal = table->findChild<QAction*>(QStringLiteral("sweepHealRow"));
        QVERIFY(heal);
        heal->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w.document()->healing().runs.size() == 2, 300000);
        const auto& row_run = w.document()->healing().runs[1].run;
        QCOMPARE(QString::fromStdString(row_run.settings.method), QStringLiteral("kron"));
        QCOMPARE(row_run.settings.block_size, int64_t(16));
        QCOMPARE(w.healingView()->table()->rowCount(), 2);
        shot(w, QStringLiteral("healing-two-runs.png"));
        // The healing table exports as the other tables do (its context menu, File > Export).
        const QString csv = tmp_.filePath(QStringLiteral("healing.csv"));
        QString error;
        QVERIFY2(w.healingView()->table()->exportTo(csv, &error), qPrintable(error));
        QFile exported(csv);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        QCOMPARE(exported.readAll().count('\n'), 3);  // the header and two runs

        const QString session = tmp_.filePath(QStringLiteral("heal.kss"));
        QVERIFY(w.saveSession(session));
        MainWindow w2;
        w2.show();
        QVERIFY(w2.openSession(session));
        QCOMPARE(w2.document()->healing().runs.size(), size_t(2));
        QCOMPARE(w2.document()->healing().runs[1].run.ppl_healed, row_run.ppl_healed);
        QCOMPARE(w2.healingView()->table()->rowCount(), 2);
        QCOMPARE(w2.healingPanel()->state().value(QStringLiteral("method")).toString(),
                 QStringLiteral("kron"));
        w.jobs()->waitForAll();
        w2.jobs()->waitForAll();
    }

    /// A run with an Output folder, cancelled while it trains, keeps its state there (the table says
    /// "stopped"); Resume… continues it to the end and the folder then holds the healed model, the same
    /// model a straight `kronscope-cli heal` of that request writes.
    void cancelAndResume() {
        MainWindow w;
        w.resize(1500, 950);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(waitForJob(w, w.openDemo()));
        const QString text = readmeText(QStringLiteral("resume.txt"));
        QVERIFY(!text.isEmpty());
        w.perplexityPanel()->setTextPath(text);
        const QString folder = tmp_.filePath(QStringLiteral("interrupted"));
        auto state = w.healingPanel()->state();
        state[QStringLiteral("method")] = QStringLiteral("svd");
        state[QStringLiteral("block_size")] = 8;
        state[QStringLiteral("corpus")] = QStringLiteral("text");
        state[QStringLiteral("steps")] = 120;
        state[QStringLiteral("batch")] = 2;
        state[QStringLiteral("context")] = 32;
        state[QStringLiteral("lr")] = 0.003;
        state[QStringLiteral("out")] = folder;
        w.healingPanel()->setState(state);
        w.showPage(w.healingPanel());
        const int id = w.runHeal();
        QVERIFY(id > 0);
        QTRY_VERIFY_WITH_TIMEOUT(w.document()->healing().live.size() >= 3, 120000);  // step 0, 12, 24
        w.jobs()->cancel(id);
        QVERIFY(waitForJob(w, id));
        QTRY_COMPARE_WITH_TIMEOUT(w.document()->healing().runs.size(), size_t(1), 10000);
        const auto stopped = w.document()->healing().runs[0].run;
        QVERIFY(stopped.resumable);
        QVERIFY(!stopped.complete);
        QVERIFY(stopped.steps < 120);
        QVERIFY(QFileInfo(folder + QStringLiteral("/heal_state.pt")).isFile());
        QVERIFY(!QFileInfo(folder + QStringLiteral("/model.safetensors")).exists());
        QVERIFY(w.healingView()->table()->table()->item(0, 9)->text().contains(QStringLiteral("stopped")));
        shot(w, QStringLiteral("healing-stopped.png"));

        const int resumed = w.healReaction()->resume();
        QVERIFY(resumed > 0);
        QVERIFY(waitForJob(w, resumed));
        QCOMPARE(w.document()->healing().runs.size(), size_t(2));
        const auto done = w.document()->healing().runs[1].run;
        QVERIFY(done.complete);
        QCOMPARE(done.steps, int64_t(120));
        QVERIFY(QFileInfo(folder + QStringLiteral("/model.safetensors")).isFile());
        QVERIFY(!QFileInfo(folder + QStringLiteral("/heal_state.pt")).exists());
        shot(w, QStringLiteral("healing-resumed.png"));

        // The straight run of the same request through the CLI: the same healed perplexity.
        const auto j =
            cliJson({QStringLiteral("heal"), QStringLiteral("--model"),
                     QStringLiteral(KRONSCOPE_SOURCE_DIR "/resources/demo/kronscope-demo-gpt2"),
                     QStringLiteral("--method"), QStringLiteral("svd"), QStringLiteral("--block-size"),
                     QStringLiteral("8"), QStringLiteral("--corpus"), text, QStringLiteral("--steps"),
                     QStringLiteral("120"), QStringLiteral("--batch"), QStringLiteral("2"),
                     QStringLiteral("--context"), QStringLiteral("32"), QStringLiteral("--lr"),
                     QStringLiteral("0.003")});
        QVERIFY(!j.is_null());
        QVERIFY2(std::fabs(j["ppl_healed"].get<double>() - done.ppl_healed) <= 1e-6 * done.ppl_healed,
                 qPrintable(QStringLiteral("CLI straight %1 vs GUI resumed %2")
                                .arg(j["ppl_healed"].get<double>())
                                .arg(done.ppl_healed)));
        w.jobs()->waitForAll();
    }
};

QTEST_MAIN(TestHealing)
#include "test_healing.moc"
