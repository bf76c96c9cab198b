// Drives the compression lab (seed 001) through the real main window under Xvfb: statistics, quantization
// with perplexity and its damage ranking, the pruning x int-k sweep, Procrustes beside its nulls and File >
// Compare with... on the demo model; the numbers equal the CLI's JSON for the same request; bad settings and
// a checkpoint of another architecture are refused with a message; a session brings every result back. With
// KRONSCOPE_SCREENSHOT_DIR set it saves the README's screenshots.
#include <QApplication>
#include <QCheckBox>
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
#include "kronscope/core/model/checkpoint_writer.h"
#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/plots.h"
#include "kronscope/views/result_table.h"
#include "main_window.h"
#include "pages/compression_panel.h"
#include "pages/perplexity_panel.h"
#include "results/compression_view.h"

using namespace kronscope;
using app::MainWindow;
using test::cliJson;
using test::shot;
using test::waitForJob;
using test::watchForMessageBox;

namespace {

int runAndWait(MainWindow& w) {
    const int id = w.runCompression();
    if (id <= 0 || !waitForJob(w, id)) return -1;
    return w.jobs()->job(id)->state == app::JobState::Finished ? id : -1;
}

}  // namespace

class TestCompressionLab : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString model_dir_;

  private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        model_dir_ = QStringLiteral(KRONSCOPE_SOURCE_DIR "/resources/demo/kronscope-demo-gpt2");
        if (!QFile::exists(model_dir_ + QStringLiteral("/model.safetensors")))
            QSKIP("the demo model is not in the tree");
    }

    void compressionLab() {
        MainWindow w;
        w.resize(1500, 950);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(waitForJob(w, w.openCheckpoint(model_dir_)));
        QVERIFY(w.model());
        w.prepareExample();
        const QString text = w.perplexityPanel()->textPath();
        if (!QFile::exists(text)) QSKIP("no Brown corpus in the data cache");
        w.perplexityPanel()->findChild<QSpinBox*>(QStringLiteral("pplMaxTokens"))->setValue(2048);
        w.showPage(w.compressionPanel());
        auto* panel = w.compressionPanel();
        auto* view = w.compressionView();
        const QStringList window{QStringLiteral("--text"),       text,
                                 QStringLiteral("--max-length"), QStringLiteral("256"),
                                 QStringLiteral("--max-tokens"), QStringLiteral("2048")};

        // Statistics: every tensor, the layer x kind map, equal to the CLI's JSON.
        panel->setAnalysis(app::CompressionPanel::Analysis::Stats);
        QVERIFY(runAndWait(w) > 0);
        QCOMPARE(w.viewTabs()->currentWidget(), static_cast<QWidget*>(view));
        const auto& stats = *w.document()->compression().stats;
        QCOMPARE(int(stats.tensors.size()), 2 + 6 * 15 + 2);
        int matrices = 0;
        for (const auto& t : stats.tensors) matrices += t.rows > 1;
        QCOMPARE(view->statsTable()->rowCount(), matrices);  // 1-D tensors on request
        view->findChild<QCheckBox*>(QStringLiteral("compressionStat1d"))->setChecked(true);
        QCOMPARE(view->statsTable()->rowCount(), int(stats.tensors.size()));
        view->findChild<QCheckBox*>(QStringLiteral("compressionStat1d"))->setChecked(false);
        QCOMPARE(view->statsTable()->text(0, 1), QStringLiteral("wte"));  // the heaviest-tailed 2-D tensor
        auto* map = view->findChild<views::HeatmapView*>(QStringLiteral("compressionStatsMap"));
        QCOMPARE(map->matrix().rows, 6);
        QCOMPARE(map->matrix().cols, 6);
        const auto js = cliJson({QStringLiteral("stats"), QStringLiteral("--model"), model_dir_});
        QCOMPARE(js["tensors"].size(), stats.tensors.size());
        for (size_t i = 0; i < stats.tensors.size(); ++i)
            QCOMPARE(js["tensors"][i]["kurtosis"].get<double>(), stats.tensors[i].kurtosis);
        shot(w, QStringLiteral("compression-stats.png"));

        // Quantization: bytes beside perplexity, the CLI's numbers exactly; with a damage ranking.
        panel->setAnalysis(app::CompressionPanel::Analysis::Quantize);
        panel->findChild<QSpinBox*>(QStringLiteral("compressionBits"))->setValue(4);
        panel->findChild<QLineEdit*>(QStringLiteral("compressionProtect"))
            ->setText(QStringLiteral("last:1/k"));
        QVERIFY(runAndWait(w) > 0);
        const auto q = w.document()->compression().quantize.back();  // a copy: more runs follow
        QVERIFY(q.ppl && q.baseline);
        QVERIFY(q.ppl->ppl > q.baseline->ppl);
        const auto jq = cliJson(QStringList{QStringLiteral("quantize"), QStringLiteral("--model"), model_dir_,
                                            QStringLiteral("--bits"), QStringLiteral("4"),
                                            QStringLiteral("--protect"), QStringLiteral("last:1/k")} +
                                window);
        QCOMPARE(jq["bytes"].get<int64_t>(), q.bytes);
        QCOMPARE(jq["ppl"].get<double>(), q.ppl->ppl);
        QCOMPARE(view->quantizeTable()->rowCount(), 1);
        panel->findChild<QCheckBox*>(QStringLiteral("compressionDamage"))->setChecked(true);
        panel->findChild<QSpinBox*>(QStringLiteral("compressionBits"))->setValue(3);
        QVERIFY(runAndWait(w) > 0);
        QCOMPARE(int(w.document()->compression().quantize.back().damage.size()), 2 + 6 * 6);
        QCOMPARE(view->currentPage(), app::CompressionView::Damage);
        shot(w, QStringLiteral("compression-damage.png"));
        view->showPage(app::CompressionView::Quantization);
        shot(w, QStringLiteral("compression-quantize.png"));
        panel->findChild<QCheckBox*>(QStringLiteral("compressionDamage"))->setChecked(false);

        // A bad protect spec is refused before any job, naming the item.
        panel->findChild<QLineEdit*>(QStringLiteral("compressionProtect"))
            ->setText(QStringLiteral("last:0/k"));
        QString* box = watchForMessageBox();
        QCOMPARE(w.runCompression(), 0);
        QTRY_VERIFY(!box->isEmpty());
        QVERIFY2(box->contains(QStringLiteral("last:0/k")), qPrintable(*box));
        delete box;
        panel->findChild<QLineEdit*>(QStringLiteral("compressionProtect"))->clear();

        // Pruning x int-k: bytes and perplexity per share, plotted.
        panel->setAnalysis(app::CompressionPanel::Analysis::PruneSweep);
        panel->findChild<QLineEdit*>(QStringLiteral("compressionPruneList"))->setText(QStringLiteral("0,3"));
        panel->findChild<QLineEdit*>(QStringLiteral("compressionBitsList"))->setText(QStringLiteral("4,6"));
        QVERIFY(runAndWait(w) > 0);
        QCOMPARE(int(w.document()->compression().prune->rows.size()), 4);
        QCOMPARE(view->pruneplot()->pointCount(), 4);
        shot(w, QStringLiteral("compression-prune.png"));

        // A long sweep cancels at once; the sweep shown stays.
        panel->findChild<QLineEdit*>(QStringLiteral("compressionPruneList"))
            ->setText(QStringLiteral("0,1,2,3,4,5,10"));
        int id = w.runCompression();
        QVERIFY(id > 0);
        QTest::qWait(500);
        w.jobs()->cancel(id);
        QVERIFY(waitForJob(w, id, 30000));
        QCOMPARE(w.jobs()->job(id)->state, app::JobState::Cancelled);
        QCOMPARE(int(w.document()->compression().prune->rows.size()), 4);

        // Procrustes beside its nulls.
        panel->setAnalysis(app::CompressionPanel::Analysis::Procrustes);
        panel->findChild<QComboBox*>(QStringLiteral("compressionA"))
            ->setCurrentText(QStringLiteral("h.4.mlp.c_proj"));
        panel->findChild<QComboBox*>(QStringLiteral("compressionB"))
            ->setCurrentText(QStringLiteral("h.5.mlp.c_proj"));
        panel->findChild<QSpinBox*>(QStringLiteral("compressionDraws"))->setValue(8);
        QVERIFY(runAndWait(w) > 0);
        const auto pr = w.document()->compression().procrustes.back();
        QCOMPARE(pr.gaussian.draws, 8);
        QCOMPARE(view->procrustesTable()->rowCount(), 1);
        const auto jp =
            cliJson({QStringLiteral("procrustes"), QStringLiteral("--model"), model_dir_,
                     QStringLiteral("--a"), QStringLiteral("h.4.mlp.c_proj"), QStringLiteral("--b"),
                     QStringLiteral("h.5.mlp.c_proj"), QStringLiteral("--null-draws"), QStringLiteral("8")});
        QCOMPARE(jp["reduction"].get<double>(), pr.reduction);
        QCOMPARE(jp["null"]["gaussian"]["mean"].get<double>(), pr.gaussian.mean);
        shot(w, QStringLiteral("compression-procrustes.png"));

        // Compare with another checkpoint: a dequantized copy (same architecture), and a refusal for another
        // one.
        const QString ksq = tmp_.filePath(QStringLiteral("demo.ksq")),
                      copy = tmp_.filePath(QStringLiteral("demo-int6"));
        QVERIFY(!cliJson({QStringLiteral("quantize"), QStringLiteral("--model"), model_dir_,
                          QStringLiteral("--out"), ksq})
                     .is_null());
        QVERIFY(!cliJson({QStringLiteral("dequantize"), ksq, QStringLiteral("--out"), copy}).is_null());
        id = w.compareWith(copy);
        QVERIFY(waitForJob(w, id));
        QCOMPARE(w.jobs()->job(id)->state, app::JobState::Finished);
        QCOMPARE(view->currentPage(), app::CompressionView::Comparison);
        QCOMPARE(view->compareTable()->rowCount(), 24);
        shot(w, QStringLiteral("compression-compare.png"));
        const QString other = tmp_.filePath(QStringLiteral("tiny"));
        core::writeRandomCheckpoint(other.toStdString(), core::presetConfig("tiny"), {});
        box = watchForMessageBox(QStringLiteral("compression-refusal.png"));
        id = w.compareWith(other);
        QVERIFY(waitForJob(w, id));
        QCOMPARE(w.jobs()->job(id)->state, app::JobState::Failed);
        QTRY_VERIFY(!box->isEmpty());
        QVERIFY2(box->contains(QStringLiteral("differ in n_layer")), qPrintable(*box));
        delete box;
        QCOMPARE(view->compareTable()->rowCount(), 24);  // the comparison shown stays

        // Exports and the session.
        const QString csv = tmp_.filePath(QStringLiteral("compare.csv"));
        QString error;
        QVERIFY2(view->table()->exportTo(csv, &error), qPrintable(error));
        QVERIFY(QFile(csv).size() > 100);
        const QString session = tmp_.filePath(QStringLiteral("lab.kss"));
        QVERIFY(w.saveSession(session));
        MainWindow w2;
        w2.show();
        QVERIFY(w2.openSession(session));
        const auto& c2 = w2.document()->compression();
        QVERIFY(c2.stats && c2.prune && c2.compare);
        QCOMPARE(int(c2.quantize.size()), 2);
        QCOMPARE(c2.quantize.front().bytes, q.bytes);
        QCOMPARE(c2.procrustes.front().reduction, pr.reduction);
        QCOMPARE(w2.compressionView()->quantizeTable()->rowCount(), 2);
        QCOMPARE(w2.compressionView()->compareTable()->rowCount(), 24);
        for (auto* win : {&w, &w2}) win->jobs()->waitForAll();
        w2.close();
        QVERIFY(w.saveSession(session));  // nothing left unsaved when the window closes
    }
};

QTEST_MAIN(TestCompressionLab)
#include "test_compression_lab.moc"
