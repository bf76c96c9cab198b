// Drives the structure probes and the toy superposition lab through the real main window under Xvfb: every
// probe runs as a job on the demo model, its view shows the score beside its null (pies, histograms with the
// Haar overlay, S_k, Clifford map, layers x kinds map), the numbers agree with the CLI's JSON for the same
// settings, long probes cancel, bad input is refused with a message, the toy model trains with a live loss
// curve and its W is probed, figures and tables export, and a session brings everything back (a corrupt probe
// entry is refused with the open session untouched). With KRONSCOPE_SCREENSHOT_DIR set it saves the README's
// screenshots.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>
#include <qcustomplot.h>

#include <nlohmann/json.hpp>

#include "jobs/job_manager.h"
#include "kronscope/core/model/checkpoint_writer.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/io/session_file.h"
#include "kronscope/core/train/toy_model.h"
#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/plots.h"
#include "kronscope/views/result_table.h"
#include "gui_test_util.h"
#include "main_window.h"
#include "widgets/model_browser.h"
#include "pages/probe_panel.h"
#include "results/probe_view.h"
#include "pages/toy_panel.h"
#include "results/toy_view.h"

using namespace kronscope;
using app::MainWindow;
using test::probeState;
using test::shot;
using test::waitForJob;
using test::watchForMessageBox;

namespace {

template <typename T>
T* child(QWidget& w, const char* name) {
    return w.findChild<T*>(QString::fromLatin1(name));
}

}  // namespace

class TestProbeViews : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString model_dir_;

  private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        const QString demo = QStringLiteral(KRONSCOPE_SOURCE_DIR "/resources/demo/kronscope-demo-gpt2");
        if (QFile::exists(demo + QStringLiteral("/model.safetensors"))) {
            model_dir_ = demo;
        } else {
            model_dir_ = tmp_.filePath(QStringLiteral("random-gpt2"));
            core::Gpt2Config c = core::presetConfig("tiny");
            core::writeRandomCheckpoint(model_dir_.toStdString(), c, {});
        }
    }

    void probesToyLabAndSession() {
        MainWindow w;
        w.resize(1500, 950);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const int open = w.openCheckpoint(model_dir_);
        QVERIFY(waitForJob(w, open));
        QVERIFY(w.model());
        auto* view = w.probeView();
        w.showPage(w.probePanel());
        const int layers = static_cast<int>(w.model()->config().n_layer);

        // Kronecker ratio over every block matrix: layers x kinds map, table beside the CLI's JSON.
        w.probePanel()->setState(probeState(app::ProbeKind::KronRatio, QStringLiteral("all"), 2, 6));
        int id = w.runProbe();
        QVERIFY(id > 0);
        QVERIFY(waitForJob(w, id));
        QCOMPARE(w.jobs()->job(id)->state, app::JobState::Finished);
        QCOMPARE(w.viewTabs()->currentWidget(), static_cast<QWidget*>(view));
        QCOMPARE(int(view->runs().size()), 1);
        auto* kron_map = child<views::HeatmapView>(w, "kronMap");
        QCOMPARE(kron_map->matrix().rows, layers);
        QCOMPARE(kron_map->matrix().cols, 4);
        QCOMPARE(kron_map->matrix().col_labels.front(), QStringLiteral("attn.c_attn"));
        QCOMPARE(view->table()->rowCount(), 4 * layers);
        QVERIFY2(view->summary().contains(QStringLiteral("6 draws, seed 5")), qPrintable(view->summary()));
        {
            QProcess cli;
            cli.start(
                QStringLiteral(KRONSCOPE_CLI),
                {QStringLiteral("probe"), QStringLiteral("--model"), model_dir_, QStringLiteral("--probe"),
                 QStringLiteral("kron-ratio"), QStringLiteral("--block-size"), QStringLiteral("2"),
                 QStringLiteral("--null-draws"), QStringLiteral("6"), QStringLiteral("--seed"),
                 QStringLiteral("5"), QStringLiteral("--quiet"), QStringLiteral("--json")});
            QVERIFY(cli.waitForFinished(120000));
            QCOMPARE(cli.exitCode(), 0);
            const QList<QByteArray> lines = cli.readAllStandardOutput().trimmed().split('\n');
            const auto j = nlohmann::json::parse(lines.last().toStdString());
            const auto gui = nlohmann::json::parse(view->runs().front().json);
            QCOMPARE(j["matrices"].size(), gui["matrices"].size());
            for (size_t i = 0; i < j["matrices"].size(); ++i) {
                QCOMPARE(QString::fromStdString(gui["matrices"][i]["matrix"]),
                         QString::fromStdString(j["matrices"][i]["matrix"]));
                const double a = gui["matrices"][i]["ratio"]["gaussian"],
                             b = j["matrices"][i]["ratio"]["gaussian"];
                QVERIFY2(std::fabs(a - b) <= 1e-9 * std::fabs(b),
                         qPrintable(QStringLiteral("%1 vs %2").arg(a).arg(b)));
            }
        }
        auto* metric = child<QComboBox>(w, "kronMetric");
        metric->setCurrentIndex(1);  // z against the Gaussian null
        QCOMPARE(kron_map->matrix().center, 0.0);
        shot(w, QStringLiteral("probes-kron-ratio.png"));
        metric->setCurrentIndex(0);
        // Clicking a cell selects that matrix (layer 1, mlp.c_fc) in the model browser and the weights view.
        {
            auto* plot = kron_map->plot();
            const QPoint at(plot->xAxis->coordToPixel(2), plot->yAxis->coordToPixel(1));
            QTest::mouseClick(plot, Qt::LeftButton, {}, at);
            QTRY_COMPARE_WITH_TIMEOUT(w.modelBrowser()->selectedMatrix(), QStringLiteral("h.1.mlp.c_fc"),
                                      5000);
            QCOMPARE(w.viewTabs()->currentWidget(), static_cast<QWidget*>(w.weightView()));
            w.viewTabs()->setCurrentWidget(view);
        }

        // 2x2 basis energy: pies of the observed shares beside both nulls, per model / layer / matrix.
        // This one as a user does it: the panel's button; both factor orders in one go.
        auto both = probeState(app::ProbeKind::BasisEnergy, QStringLiteral("attn"), 2, 6);
        both[QStringLiteral("order")] = QStringLiteral("both");
        w.probePanel()->setState(both);
        QTest::mouseClick(child<QPushButton>(w, "probeRun"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(int(view->runs().size()), 3, 120000);
        QVERIFY(nlohmann::json::parse(view->runs()[1].json)["matrices"][0]["order"] == "small-first");
        QVERIFY(nlohmann::json::parse(view->runs()[2].json)["matrices"][0]["order"] == "small-second");
        view->setCurrentRun(1);
        auto* pies = child<views::PieChartPlot>(w, "basisPies");
        QCOMPARE(pies->pieCount(), 3);
        QCOMPARE(view->items().size(), 1 + layers + 2 * layers);
        QCOMPARE(view->table()->rowCount(), 1 + layers + 2 * layers);
        view->setCurrentItem(1 + layers);                                      // the first matrix
        QCOMPARE(child<views::ResultTable>(w, "factorTable")->rowCount(), 2);  // its two fitted 2x2 factors
        shot(w, QStringLiteral("probes-basis-energy.png"));

        // Clifford violation at n = 4 for the selected matrix: 4 x 4 pair map.
        w.modelBrowser()->selectMatrix(QStringLiteral("h.0.attn.c_proj"));
        w.probePanel()->setState(probeState(app::ProbeKind::Clifford, QStringLiteral("selected"), 4, 6));
        id = w.runProbe();
        QVERIFY(waitForJob(w, id));
        QCOMPARE(w.jobs()->job(id)->state, app::JobState::Finished);
        auto* cmap = child<views::HeatmapView>(w, "cliffordMap");
        QCOMPARE(cmap->matrix().rows, 4);
        QCOMPARE(view->table()->rowCount(), 1);
        QCOMPARE(view->table()->text(0, 0), QStringLiteral("h.0.attn.c_proj"));
        shot(w, QStringLiteral("probes-clifford.png"));

        // Rotation angles per head: histogram with the Haar null overlaid, S_1..S_12 against the null.
        auto state = probeState(app::ProbeKind::Angles, QStringLiteral("attn"), 2, 6);
        state[QStringLiteral("source")] = QStringLiteral("heads");
        w.probePanel()->setState(state);
        id = w.runProbe();
        QVERIFY(waitForJob(w, id));
        QCOMPARE(w.jobs()->job(id)->state, app::JobState::Finished);
        auto* hist = child<views::AngleHistogramPlot>(w, "angleHistogram");
        QCOMPARE(hist->plot()->plottableCount(), 2);  // observed bars + null step line
        QCOMPARE(view->table()->rowCount(), 12);      // S_1..S_12
        QVERIFY(view->items().size() > 4 * layers);   // pooled sources and their heads
        QCOMPARE(view->figures().size(), 2);
        shot(w, QStringLiteral("probes-angles.png"));

        // Export the current figures and table.
        for (const auto& ext : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")}) {
            const QString path = tmp_.filePath(QStringLiteral("angles.") + ext);
            QString error;
            QVERIFY2(views::exportPlot(view->figures().front().second, path, 900, 600, 150, &error),
                     qPrintable(error));
            QVERIFY(QFileInfo(path).size() > 1000);
        }
        QString error;
        QVERIFY(view->table()->exportTo(tmp_.filePath(QStringLiteral("fold.csv")), &error));
        QVERIFY(view->table()->toCsv().contains(QStringLiteral("null mean")));

        // Damaged reports are refused before they are shown.
        QVERIFY_THROWS_EXCEPTION(core::InputError, app::ProbeView::validateRun({"x", "not json"}));
        QVERIFY_THROWS_EXCEPTION(core::InputError,
                                 app::ProbeView::validateRun({"x", R"({"probe":"kron-ratio"})"}));
        QVERIFY_THROWS_EXCEPTION(core::InputError,
                                 app::ProbeView::validateRun({"x", R"({"probe":"nonsense"})"}));

        // Bad input: an unknown matrix is named, nothing runs, the results stay.
        state = probeState(app::ProbeKind::KronRatio, QStringLiteral("custom"), 2, 6);
        state[QStringLiteral("custom")] = QStringLiteral("h.99.attn.c_proj");
        w.probePanel()->setState(state);
        QString* msg = watchForMessageBox();
        QCOMPARE(w.runProbe(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!msg->isEmpty(), 5000);
        QVERIFY2(msg->contains(QStringLiteral("h.99.attn.c_proj")), qPrintable(*msg));
        delete msg;
        QCOMPARE(int(view->runs().size()), 5);

        // A long probe cancels promptly and adds nothing.
        w.probePanel()->setState(probeState(app::ProbeKind::Clifford, QStringLiteral("all"), 4, 1000));
        id = w.runProbe();
        QTest::qWait(300);
        QElapsedTimer cancel_timer;
        cancel_timer.start();
        w.jobs()->cancel(id);
        QVERIFY(waitForJob(w, id, 30000));
        qInfo("probe cancelled after %lld ms", static_cast<long long>(cancel_timer.elapsed()));
        QCOMPARE(w.jobs()->job(id)->state, app::JobState::Cancelled);
        QCOMPARE(int(view->runs().size()), 5);

        // Toy lab: trains in the app with a live loss curve, then every probe runs on its W.
        w.toyPanel()->setState({{QStringLiteral("steps"), 600},
                                {QStringLiteral("seed"), 3},
                                {QStringLiteral("sparsity"), 0.9},
                                {QStringLiteral("sweep"), false}});
        w.showPage(w.toyPanel());
        QTest::mouseClick(child<QPushButton>(w, "toyTrain"), Qt::LeftButton);
        auto* toy = w.toyView();
        QTRY_COMPARE_WITH_TIMEOUT(int(toy->results().size()), 1, 120000);
        QCOMPARE(int(toy->results().size()), 1);
        const core::ToyModelResult r = toy->results().front();  // a copy: the list grows below
        QCOMPARE(r.w.rows, int64_t(20));
        QCOMPARE(r.w.cols, int64_t(80));
        QVERIFY(r.final_loss < r.initial_loss);
        auto* loss = child<views::LossPlot>(w, "toyLoss");
        QVERIFY(loss->plot()->graphCount() == 1 && loss->plot()->graph(0)->dataCount() >= 100);
        QCOMPARE(child<views::HeatmapView>(w, "toyW")->matrix().cols, 80);
        shot(w, QStringLiteral("toy-lab.png"));
        // Same seed, same model; one toy training at a time.
        id = w.trainToy();
        {
            QString* busy = watchForMessageBox();
            QCOMPARE(w.trainToy(), 0);
            QTRY_VERIFY_WITH_TIMEOUT(!busy->isEmpty(), 5000);
            QVERIFY2(busy->contains(QStringLiteral("already training")), qPrintable(*busy));
            delete busy;
        }
        QVERIFY(waitForJob(w, id));
        QCOMPARE(int(toy->results().size()), 2);
        QCOMPARE(toy->results()[1].w.values, toy->results()[0].w.values);
        toy->setCurrentResult(0);
        QTest::mouseClick(child<QPushButton>(w, "toyProbe"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(int(view->runs().size()), 9, 120000);
        QCOMPARE(w.viewTabs()->currentWidget(), static_cast<QWidget*>(view));
        QVERIFY(QString::fromStdString(view->runs().back().title).startsWith(QStringLiteral("Toy")));
        QCOMPARE(view->table()->rowCount(), 12);  // the toy's S_k table is shown last

        // Session: everything comes back; a corrupt probe entry is refused and the open session kept.
        view->setCurrentRun(1);
        const QString basis_md = view->table()->toMarkdown();
        const QString session = tmp_.filePath(QStringLiteral("probes.kss"));
        QVERIFY(w.saveSession(session));
        {
            MainWindow w2;
            w2.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w2));
            QVERIFY(w2.openSession(session));
            QCOMPARE(int(w2.probeView()->runs().size()), 9);
            QCOMPARE(w2.probeView()->currentRun(), 1);
            QCOMPARE(w2.probeView()->table()->toMarkdown(), basis_md);
            QCOMPARE(int(w2.toyView()->results().size()), 2);
            QCOMPARE(w2.toyView()->results()[0].w.values, r.w.values);
            QCOMPARE(w2.toyView()->results()[0].loss_history, r.loss_history);
            QCOMPARE(w2.probePanel()->state(), w.probePanel()->state());
            QCOMPARE(w2.toyPanel()->state(), w.toyPanel()->state());
            w2.jobs()->waitForAll();

            auto doc = core::readSession(session.toStdString());
            auto j = nlohmann::json::parse(doc.json);
            j["probes"]["runs"][0]["report"]["matrices"][0]["rel_err"]["nulls"] = nlohmann::json::object();
            doc.json = j.dump();
            const QString corrupt = tmp_.filePath(QStringLiteral("corrupt-probe.kss"));
            core::writeSession(corrupt.toStdString(), doc);
            QString* m2 = watchForMessageBox();
            QVERIFY(!w2.openSession(corrupt));
            QTRY_VERIFY_WITH_TIMEOUT(!m2->isEmpty(), 5000);
            QVERIFY2(m2->contains(QStringLiteral("null")), qPrintable(*m2));
            delete m2;
            QCOMPARE(int(w2.probeView()->runs().size()), 9);
            QCOMPARE(w2.sessionPath(), session);
        }
    }
};

QTEST_MAIN(TestProbeViews)
#include "test_probe_views.moc"
