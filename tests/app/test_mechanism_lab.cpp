// Drives the mechanism lab (seed 000, second half) through the real main window under Xvfb on the demo model:
// every analysis runs as a job and is drawn (bars, conditioning table, nullspace curve, scan heatmap,
// propagation curves), the numbers equal the CLI's JSON for the same request, a scan cancels, a bad block
// size is refused with a message, and a session brings every result back. With KRONSCOPE_SCREENSHOT_DIR set
// it saves the README's screenshots.
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>

#include "document.h"
#include "gui_test_util.h"
#include "jobs/job_manager.h"
#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/plots.h"
#include "kronscope/views/result_table.h"
#include "main_window.h"
#include "pages/generation_panel.h"
#include "pages/mechanism_panel.h"
#include "pages/perplexity_panel.h"
#include "results/generation_view.h"
#include "results/mechanism_view.h"

using namespace kronscope;
using app::MainWindow;
using core::MechanismAnalysis;
using test::cliJson;
using test::shot;
using test::waitForJob;
using test::watchForMessageBox;

namespace {

QVariantMap state(MechanismAnalysis a, const QString& blocks, const QString& targets) {
    return {{QStringLiteral("analysis"), int(a)},
            {QStringLiteral("blocks"), blocks},
            {QStringLiteral("method"), QStringLiteral("both")},
            {QStringLiteral("targets"), targets},
            {QStringLiteral("eps"), QStringLiteral("0,0.5,1")},
            {QStringLiteral("seed"), 0}};
}

}  // namespace

class TestMechanismLab : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

  private slots:
    void mechanismLab() {
        const QString model_dir = QStringLiteral(KRONSCOPE_SOURCE_DIR "/resources/demo/kronscope-demo-gpt2");
        if (!QFile::exists(model_dir + QStringLiteral("/model.safetensors")))
            QSKIP("the demo model is not in the tree");
        MainWindow w;
        w.resize(1500, 950);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(waitForJob(w, w.openCheckpoint(model_dir)));
        w.prepareExample();
        const QString text = w.perplexityPanel()->textPath();
        if (!QFile::exists(text)) QSKIP("no Brown corpus in the data cache");
        w.perplexityPanel()->findChild<QSpinBox*>(QStringLiteral("pplMaxTokens"))->setValue(1024);
        w.showPage(w.mechanismPanel());
        auto* panel = w.mechanismPanel();
        auto* view = w.mechanismView();
        auto run = [&](MechanismAnalysis a, const QString& blocks, const QString& targets) {
            panel->setState(state(a, blocks, targets));
            const int id = w.runMechanism();
            return id > 0 && waitForJob(w, id) && w.jobs()->job(id)->state == app::JobState::Finished;
        };
        const QStringList window{QStringLiteral("--text"),       text,
                                 QStringLiteral("--max-length"), QStringLiteral("256"),
                                 QStringLiteral("--max-tokens"), QStringLiteral("1024")};

        QVERIFY(run(MechanismAnalysis::ActivationError, QStringLiteral("16"), QStringLiteral("all")));
        QCOMPARE(w.viewTabs()->currentWidget(), static_cast<QWidget*>(view));
        QCOMPARE(view->errorTable()->rowCount(), 24);
        const auto je = cliJson(QStringList{QStringLiteral("mechanism"), QStringLiteral("--analysis"),
                                            QStringLiteral("activation-error"), QStringLiteral("--model"),
                                            model_dir, QStringLiteral("--block-size"), QStringLiteral("16")} +
                                window);
        const auto& gui = w.document()->mechanism().back();
        QCOMPARE(je["matrices"].size(), gui.errors.size());
        for (size_t i = 0; i < gui.errors.size(); ++i)
            QCOMPARE(je["matrices"][i]["kron"]["act_rel_err"].get<double>(), gui.errors[i].kron.act_rel_err);
        shot(w, QStringLiteral("mechanism-activation.png"));

        QVERIFY(run(MechanismAnalysis::Conditioning, QStringLiteral("16"), QStringLiteral("all")));
        QCOMPARE(view->conditioningTable()->rowCount(), 24);
        shot(w, QStringLiteral("mechanism-conditioning.png"));

        QVERIFY(run(MechanismAnalysis::Nullspace, QStringLiteral("16"), QStringLiteral("all")));
        QCOMPARE(view->nullspacePlot()->curveCount(), 4);  // the curve and three reference lines
        shot(w, QStringLiteral("mechanism-nullspace.png"));

        QVERIFY(run(MechanismAnalysis::Scan, QStringLiteral("16"), QStringLiteral("layers:4-5")));
        QCOMPARE(view->scanTable()->rowCount(), 16);
        QCOMPARE(view->scanMap()->matrix().rows, 6);
        const auto js = cliJson(QStringList{QStringLiteral("mechanism"), QStringLiteral("--analysis"),
                                            QStringLiteral("scan"), QStringLiteral("--model"), model_dir,
                                            QStringLiteral("--block-size"), QStringLiteral("16"),
                                            QStringLiteral("--targets"), QStringLiteral("layers:4-5")} +
                                window);
        const auto scan = w.document()->mechanism().back();
        QCOMPARE(js["rows"].size(), scan.scan.size());
        for (size_t i = 0; i < scan.scan.size(); ++i)
            QCOMPARE(js["rows"][i]["ppl"].get<double>(), scan.scan[i].ppl);
        shot(w, QStringLiteral("mechanism-scan.png"));

        QVERIFY(run(MechanismAnalysis::Propagation, QStringLiteral("16"), QStringLiteral("all")));
        QCOMPARE(view->propagationPlot()->curveCount(), 4);
        shot(w, QStringLiteral("mechanism-propagation.png"));

        // A long scan cancels; a bad block size is refused before any job.
        panel->setState(state(MechanismAnalysis::Scan, QStringLiteral("4,16"), QStringLiteral("all")));
        int id = w.runMechanism();
        QVERIFY(id > 0);
        QTest::qWait(400);
        w.jobs()->cancel(id);
        QVERIFY(waitForJob(w, id, 60000));
        QCOMPARE(w.jobs()->job(id)->state, app::JobState::Cancelled);
        QCOMPARE(view->scanTable()->rowCount(), 16);  // the scan shown stays
        panel->setState(state(MechanismAnalysis::Conditioning, QStringLiteral("3"), QStringLiteral("all")));
        QString* box = watchForMessageBox();
        QCOMPARE(w.runMechanism(), 0);
        QTRY_VERIFY(!box->isEmpty());
        QVERIFY2(box->contains(QStringLiteral("3 does not divide")), qPrintable(*box));
        delete box;

        // The current page's table exports (what File > Export Table writes).
        view->showAnalysis(MechanismAnalysis::Scan);
        QCOMPARE(view->table(), view->scanTable());
        const QString md = tmp_.filePath(QStringLiteral("scan.md"));
        QString error;
        QVERIFY2(view->table()->exportTo(md, &error), qPrintable(error));
        QVERIFY(QFile(md).size() > 200);

        // Generation after surgery, beside the CLI's.
        w.generationPanel()->setState({{QStringLiteral("prompt"), QStringLiteral("The history of the city")},
                                       {QStringLiteral("tokens"), 12},
                                       {QStringLiteral("method"), QStringLiteral("svd")},
                                       {QStringLiteral("block"), 4},
                                       {QStringLiteral("targets"), QStringLiteral("attn")}});
        id = w.runGeneration();
        QVERIFY(id > 0 && waitForJob(w, id));
        QCOMPARE(w.viewTabs()->currentWidget(), static_cast<QWidget*>(w.generationView()));
        const auto jg =
            cliJson({QStringLiteral("generate"), QStringLiteral("--model"), model_dir,
                     QStringLiteral("--prompt"), QStringLiteral("The history of the city"),
                     QStringLiteral("--max-new-tokens"), QStringLiteral("12"), QStringLiteral("--method"),
                     QStringLiteral("svd"), QStringLiteral("--block-size"), QStringLiteral("4"),
                     QStringLiteral("--targets"), QStringLiteral("attn")});
        QCOMPARE(w.generationView()->originalText(), QString::fromStdString(jg["text"].get<std::string>()));
        QCOMPARE(w.generationView()->surgeredText(),
                 QString::fromStdString(jg["surgered"]["text"].get<std::string>()));
        QVERIFY(w.generationView()->originalText() != w.generationView()->surgeredText());
        shot(w, QStringLiteral("generation.png"));

        const QString session = tmp_.filePath(QStringLiteral("mech.kss"));
        QVERIFY(w.saveSession(session));
        MainWindow w2;
        w2.show();
        QVERIFY(w2.openSession(session));
        QCOMPARE(int(w2.document()->mechanism().size()), 5);
        QCOMPARE(w2.mechanismView()->scanTable()->rowCount(), 16);
        QCOMPARE(w2.mechanismView()->errorTable()->rowCount(), 24);
        QCOMPARE(w2.generationView()->surgeredText(), w.generationView()->surgeredText());
        w.jobs()->waitForAll();
        w2.jobs()->waitForAll();
    }
};

QTEST_MAIN(TestMechanismLab)
#include "test_mechanism_lab.moc"
