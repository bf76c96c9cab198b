// Data out and the report in the real main window under Xvfb: the decomposition's fit and error heatmaps
// carry "Export data…" in their context menus and write exactly the bytes `kronscope-cli export` writes for
// the same fit (.npy, .csv, .safetensors); a plot writes its series as CSV; File > Export Report writes one
// self-contained HTML file (figures inline, the model hash, the app version) and a PDF.
#include <QAction>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

#include "document.h"
#include "gui_test_util.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/plots.h"
#include "main_window.h"
#include "pages/decomposition_panel.h"
#include "reactions/reactions.h"
#include "results/decomposition_view.h"
#include "results/reproduction_view.h"
#include "pages/perplexity_panel.h"
#include "kronscope/core/analysis/reproduce.h"
#include "kronscope/views/result_table.h"
#include "jobs/job_manager.h"
#include "widgets/data_export.h"
#include "widgets/model_browser.h"

using namespace kronscope;
using app::MainWindow;
using test::shot;
using test::waitForJob;

namespace {

QByteArray bytesOf(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool cliExport(const QString& tensor, const QString& out) {
    QProcess cli;
    cli.start(QStringLiteral(KRONSCOPE_CLI),
              {QStringLiteral("export"), QStringLiteral("--model"),
               QStringLiteral(KRONSCOPE_SOURCE_DIR "/resources/demo/kronscope-demo-gpt2"),
               QStringLiteral("--tensor"), tensor, QStringLiteral("--out"), out, QStringLiteral("--quiet")});
    if (!cli.waitForFinished(120000) || cli.exitCode() != 0) {
        qWarning() << cli.readAllStandardError();
        return false;
    }
    return true;
}

bool hasAction(QWidget* w, const char* name) {
    for (QAction* a : w->actions())
        if (a->objectName() == QLatin1String(name)) return true;
    return false;
}

}  // namespace

class TestDataOut : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

  private slots:
    void heatmapsPlotsAndTheReport() {
        MainWindow w;
        w.resize(1500, 950);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(waitForJob(w, w.openDemo()));
        w.modelBrowser()->selectMatrix(QStringLiteral("h.1.mlp.c_fc"));
        w.decompositionPanel()->setBlockSize(4);
        QVERIFY(waitForJob(w, w.runDecomposition()));
        auto* dec = w.decompositionView();
        QVERIFY(dec->hasOutcome());
        for (auto* view : {dec->fitView(), dec->errorView(), dec->factorAView(), dec->factorSView()})
            QVERIFY(hasAction(view->plot(), "exportHeatmapData"));
        QVERIFY(hasAction(dec->spectrumView()->plot(), "exportPlotData"));
        QVERIFY(!hasAction(dec->fitView()->plot(), "exportPlotData"));

        // GUI = CLI, byte for byte, in all three formats.
        for (const QString ext :
             {QStringLiteral(".npy"), QStringLiteral(".csv"), QStringLiteral(".safetensors")}) {
            const QString gui = tmp_.filePath(QStringLiteral("gui-fit") + ext),
                          cli = tmp_.filePath(QStringLiteral("cli-fit") + ext);
            QString error;
            QVERIFY2(app::exportHeatmapData(*dec->fitView(), gui, &error), qPrintable(error));
            QVERIFY(cliExport(QStringLiteral("h.1.mlp.c_fc@kron4:fit"), cli));
            if (ext == QLatin1String(".safetensors")) {
                // Same data; the tensor's name differs (the view's title vs the CLI's tensor name).
                QCOMPARE(bytesOf(gui).size() > 1000, true);
                QCOMPARE(bytesOf(gui).right(4096), bytesOf(cli).right(4096));
            } else {
                QCOMPARE(bytesOf(gui), bytesOf(cli));
            }
        }
        const QString err_gui = tmp_.filePath(QStringLiteral("gui-err.npy")),
                      err_cli = tmp_.filePath(QStringLiteral("cli-err.npy"));
        QString error;
        QVERIFY(app::exportHeatmapData(*dec->errorView(), err_gui, &error));
        QVERIFY(cliExport(QStringLiteral("h.1.mlp.c_fc@kron4:error"), err_cli));
        QCOMPARE(bytesOf(err_gui), bytesOf(err_cli));
        // A bad name is refused with the file named, and nothing is written.
        const QString bad = tmp_.filePath(QStringLiteral("fit.txt"));
        QVERIFY(!app::exportHeatmapData(*dec->fitView(), bad, &error));
        QVERIFY(error.contains(QStringLiteral("fit.txt")));
        QVERIFY(!QFile::exists(bad));

        // A plot's series.
        const QString spectrum = tmp_.filePath(QStringLiteral("spectrum.csv"));
        QVERIFY2(app::exportPlotData(*dec->spectrumView()->plot(), spectrum, &error), qPrintable(error));
        const QList<QByteArray> lines = bytesOf(spectrum).trimmed().split('\n');
        QCOMPARE(lines.first(), QByteArray("series,x,y"));
        QVERIFY(lines.size() > 64);  // W's 64 singular values and R(W)'s
        QVERIFY(lines[1].startsWith("W: kept"));

        // The report: self-contained HTML and a PDF.
        const QString html = tmp_.filePath(QStringLiteral("report.html"));
        QVERIFY2(w.reportReaction()->write(html, &error), qPrintable(error));
        const QByteArray h = bytesOf(html);
        QVERIFY(h.contains("data:image/png;base64,"));
        QVERIFY(!h.contains("src=\"fig-"));
        QVERIFY(h.contains(QByteArray::fromStdString(w.document()->model()->contentHash())));
        QVERIFY(h.contains(QByteArray::fromStdString(core::buildInfo().app_version)));
        QVERIFY(h.count("<img") >= 5);  // weights, fit, error, spectra, A_k, S_k
        const QString pdf = tmp_.filePath(QStringLiteral("report.pdf"));
        QVERIFY2(w.reportReaction()->write(pdf, &error), qPrintable(error));
        QVERIFY(bytesOf(pdf).startsWith("%PDF"));
        QVERIFY(bytesOf(pdf).size() > 20000);
        QVERIFY(!w.reportReaction()->write(tmp_.filePath(QStringLiteral("report.doc")), &error));
        QVERIFY(error.contains(QStringLiteral("report.doc")));
        shot(w, QStringLiteral("data-out.png"));
    }

    /// Reproduce > Seed 000: hybrid surgery fills the sweep page with the seed's settings (kron, svd, hybrid,
    /// reverse hybrid at n = 16 on all matrices), runs it, and the Reproduce view lists the seed's numbers
    /// beside this model's: the same rows core::reproduceHybrid gives for the document's sweep; a session
    /// keeps them.
    void reproduceMenu() {
        MainWindow w;
        w.resize(1500, 950);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(waitForJob(w, w.openDemo()));
        w.prepareExample();
        w.perplexityPanel()->setTokenLimit(600);
        QVERIFY(w.findChild<QAction*>(QStringLiteral("reproduce-seed000-hybrid")));
        QVERIFY(w.findChild<QAction*>(QStringLiteral("reproduce-seed002-findings")));
        const int job = w.reproduceReaction()->run(QStringLiteral("seed000-hybrid"));
        QVERIFY(job > 0);
        QVERIFY(waitForJob(w, job));
        QTRY_COMPARE_WITH_TIMEOUT(w.document()->reproductions().size(), size_t(1), 10000);
        const auto& rows = w.document()->sweep().rows;
        QCOMPARE(rows.size(), size_t(5));  // baseline + 4 configurations at n = 16
        const auto expected = core::reproduceHybrid(rows);
        const auto& got = w.document()->reproductions().front();
        QCOMPARE(got.rows.size(), expected.rows.size());
        for (size_t i = 0; i < got.rows.size(); ++i) {
            QCOMPARE(QString::fromStdString(got.rows[i].ours), QString::fromStdString(expected.rows[i].ours));
            QCOMPARE(QString::fromStdString(got.rows[i].verdict),
                     QString::fromStdString(expected.rows[i].verdict));
        }
        QCOMPARE(w.reproductionView()->table()->rowCount(), static_cast<int>(expected.rows.size()));
        QCOMPARE(w.viewTabs()->currentWidget(), static_cast<QWidget*>(w.reproductionView()));
        shot(w, QStringLiteral("reproduce.png"));

        const QString session = tmp_.filePath(QStringLiteral("reproduce.kss"));
        QVERIFY(w.saveSession(session));
        MainWindow w2;
        w2.show();
        QVERIFY(w2.openSession(session));
        QCOMPARE(w2.document()->reproductions().size(), size_t(1));
        QCOMPARE(QString::fromStdString(w2.document()->reproductions().front().settings),
                 QString::fromStdString(got.settings));
        QCOMPARE(w2.reproductionView()->table()->rowCount(), static_cast<int>(expected.rows.size()));
        w.jobs()->waitForAll();
        w2.jobs()->waitForAll();
    }
};

QTEST_MAIN(TestDataOut)
#include "test_data_out.moc"
