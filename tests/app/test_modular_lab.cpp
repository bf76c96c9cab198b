// Drives the modular-arithmetic lab (seed 002) through the real main window under Xvfb: a small nanda model
// trains as a job with live per-task curves, opens and is analyzed (accuracy, embeddings, Fourier, neurons,
// attention, the seed's findings), the numbers equal the CLI's JSON for the same model, the Structure probes
// page probes the modular model's matrices, a bad p is refused with a message, and a session brings the
// results back. With KRONSCOPE_SCREENSHOT_DIR set it saves the README's screenshots (on the shipped nanda
// model when it is in the tree).
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
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
#include "pages/modular_panel.h"
#include "pages/probe_panel.h"
#include "reactions/reactions.h"
#include "results/modular_view.h"
#include "results/probe_view.h"

using namespace kronscope;
using app::MainWindow;
using test::cliJson;
using test::shot;
using test::waitForJob;
using test::watchForMessageBox;

namespace {

QVariantMap trainState(int p, int steps, const QString& out) {
    return {{QStringLiteral("task"), QStringLiteral("nanda")},
            {QStringLiteral("p"), p},
            {QStringLiteral("seed"), 0},
            {QStringLiteral("steps"), steps},
            {QStringLiteral("eval"), 20},
            {QStringLiteral("lr"), 0.003},
            {QStringLiteral("wd"), 1.0},
            {QStringLiteral("dropout"), 0.0},
            {QStringLiteral("alpha"), 0.98},
            {QStringLiteral("lambda"), 2.0},
            {QStringLiteral("d"), 32},
            {QStringLiteral("heads"), 2},
            {QStringLiteral("out"), out},
            {QStringLiteral("samples"), 2},
            {QStringLiteral("analysis"), QStringLiteral("all")},
            {QStringLiteral("layer"), 0},
            {QStringLiteral("neurons"), 4}};
}

bool idle(MainWindow& w) {
    return w.jobs()->activeCount() == 0;
}

}  // namespace

class TestModularLab : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

  private slots:
    void trainAnalyzeProbeAndSession() {
        MainWindow w;
        w.resize(1500, 950);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.showPage(w.modularPanel());
        auto* panel = w.modularPanel();
        auto* view = w.modularView();
        const QString out = tmp_.filePath(QStringLiteral("nanda23"));

        // A bad p is refused with a message naming it; nothing starts.
        panel->setState(trainState(24, 100, out));
        QString* box = watchForMessageBox();
        panel->findChild<QPushButton*>(QStringLiteral("modularTrain"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!box->isEmpty(), 10000);
        QVERIFY2(box->contains(QStringLiteral("p = 24")), qPrintable(*box));
        QVERIFY(idle(w));

        // Train: live curves while it runs, then the model opens and is analyzed.
        panel->setState(trainState(23, 200, out));
        panel->findChild<QPushButton*>(QStringLiteral("modularTrain"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(w.document()->modular().analysis.has_value() && idle(w), 240000);
        const auto& m = w.document()->modular();
        QVERIFY(m.training.has_value());
        QCOMPARE(m.training->run.steps_done, 200);
        QVERIFY(m.model != nullptr);
        QCOMPARE(QString::fromStdString(m.model->directory()), out);
        QCOMPARE(view->accuracyPlot()->curveCount(), 2);  // validation and training of the one task
        QCOMPARE(view->scoresTable()->rowCount(), 1);
        QVERIFY(view->claimsTable()->rowCount() >= 3);
        QVERIFY(view->fourierPlot()->curveCount() >= 3);
        QVERIFY(!view->neuronMap()->isEmpty());
        QVERIFY(!view->attentionMap()->isEmpty());

        // A search over two cells of the seed's grid (the page's steps each) fills the Search tab.
        panel->findChild<QSpinBox*>(QStringLiteral("modularSamples"))->setValue(2);
        panel->findChild<QSpinBox*>(QStringLiteral("modularSteps"))->setValue(20);
        panel->findChild<QSpinBox*>(QStringLiteral("modularD"))->setValue(32);
        panel->findChild<QPushButton*>(QStringLiteral("modularSearch"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(w.document()->modular().search.has_value() && idle(w), 240000);
        QCOMPARE(view->searchTable()->rowCount(), 2);
        QCOMPARE(w.document()->modular().search->request.gridSize(), 384);

        // The same numbers as the CLI on the same model.
        const auto j = cliJson({QStringLiteral("modular"), QStringLiteral("analyze"),
                                QStringLiteral("--model"), out, QStringLiteral("--neurons"),
                                QStringLiteral("4"), QStringLiteral("--json"), QStringLiteral("--quiet")});
        const auto& a = *m.analysis;
        QCOMPARE(j.at("active_frequencies").get<std::vector<int64_t>>(), a.fourier.active);
        QCOMPARE(j.at("rank50").get<int64_t>(), a.svd.rank50);
        QCOMPARE(j.at("rank90").get<int64_t>(), a.svd.rank90);
        QCOMPARE(j.at("pearson").get<double>(), a.positional_pearson);
        QCOMPARE(j.at("tasks").at(0).at("val_acc").get<double>(), a.scores.at(0).val_acc);
        QCOMPARE(j.at("shown").get<std::vector<int64_t>>(), a.shown);

        // The Structure probes page on the modular model's matrices (the positive control).
        auto* probes = w.probePanel();
        w.showPage(probes);
        auto* weights = probes->findChild<QComboBox*>(QStringLiteral("probeWeights"));
        weights->setCurrentIndex(weights->findData(QStringLiteral("modular")));
        probes->findChild<QSpinBox*>(QStringLiteral("probeDraws"))->setValue(3);
        const int pid = w.runProbe();
        QVERIFY(pid > 0);
        QVERIFY(waitForJob(w, pid));
        QCOMPARE(w.jobs()->job(pid)->state, app::JobState::Finished);
        const auto report = nlohmann::json::parse(w.document()->probeRuns().back().json);
        QCOMPARE(QString::fromStdString(report.at("checkpoint").get<std::string>()), out);
        QVERIFY(report.at("matrices").size() >= 4);  // W_E, W_in, W_out, the heads' matrices

        // A session brings the lab back (results and maps), and reopens the model.
        const QString session = tmp_.filePath(QStringLiteral("modular.kss"));
        QVERIFY(w.saveSession(session));
        MainWindow w2;
        w2.show();
        QVERIFY(w2.openSession(session));
        QTRY_VERIFY_WITH_TIMEOUT(w2.document()->modular().model != nullptr && idle(w2), 60000);
        const auto& m2 = w2.document()->modular();
        QVERIFY(m2.analysis.has_value() && m2.training.has_value());
        QCOMPARE(m2.analysis->fourier.active, a.fourier.active);
        QCOMPARE(m2.analysis->maps, a.maps);
        QCOMPARE(m2.analysis->attention, a.attention);
        QCOMPARE(m2.training->run.history.size(), m.training->run.history.size());
        QVERIFY(!w2.modularView()->neuronMap()->isEmpty());
    }

    void shippedModelScreenshots() {
        const QStringList shipped = app::ModularPanel::shippedModels();
        QString nanda;
        for (const auto& s : shipped)
            if (s.endsWith(QStringLiteral("nanda-p113"))) nanda = s;
        if (nanda.isEmpty()) QSKIP("no shipped nanda model in the tree");
        MainWindow w;
        w.resize(1600, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.showPage(w.modularPanel());
        w.modularReaction()->open(nanda);
        QTRY_VERIFY_WITH_TIMEOUT(w.document()->modular().analysis.has_value() && idle(w), 120000);
        const auto& a = *w.document()->modular().analysis;
        QVERIFY(a.scores.at(0).val_acc > 0.9);  // the shipped model has generalized
        auto* tabs = w.modularView()->findChild<QTabWidget*>(QStringLiteral("modularTabs"));
        for (const char* tab : {"modularTrainingTab", "modularFourierTab", "modularNeuronsTab"}) {
            w.modularView()->showTab(QLatin1String(tab));
            QTest::qWait(200);
            shot(w, QStringLiteral("modular-") + QString::fromLatin1(tab).mid(7).toLower() +
                        QStringLiteral(".png"));
        }
        QVERIFY(tabs != nullptr);
    }
};

QTEST_MAIN(TestModularLab)
#include "test_modular_lab.moc"
