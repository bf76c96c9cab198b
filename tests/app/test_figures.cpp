// Every figure of every view, in the real main window under Xvfb, checked for readable text
// (views::plotTextProblems: no two texts overlap, every text inside the plot) at its size in the window and
// at the export sizes of one and two journal columns (8.5 and 17.8 cm: 321 x 240 and 673 x 450 layout pixels,
// rendered at 300 dpi). The views are filled by short runs on the demo model: decomposition, the four probes,
// a sweep, a structure map, the mechanism's conditioning and activation error, tensor statistics and the
// Reproduce view. Screenshots with KRONSCOPE_SCREENSHOT_DIR.
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

#include "document.h"
#include "gui_test_util.h"
#include "kronscope/core/analysis/structure_probe.h"
#include "kronscope/views/plot_layout.h"
#include "kronscope/views/result_table.h"
#include "main_window.h"
#include "pages/compression_panel.h"
#include "pages/decomposition_panel.h"
#include "pages/mechanism_panel.h"
#include "pages/perplexity_panel.h"
#include "pages/probe_panel.h"
#include "pages/structure_map_panel.h"
#include "pages/sweep_panel.h"
#include "reactions/reactions.h"
#include "results/probe_view.h"
#include "results/reproduction_view.h"
#include "widgets/model_browser.h"

using namespace kronscope;
using app::MainWindow;
using test::probeState;
using test::shot;
using test::waitForJob;

namespace {

/// The problems of `plot` at width x height layout pixels (0: as it is in the window).
QStringList problemsAt(QCustomPlot* plot, int width, int height) {
    if (width == 0) {
        plot->replot(QCustomPlot::rpImmediateRefresh);
        plot->replot(
            QCustomPlot::rpImmediateRefresh);  // the second pass sees the first's layout (tick fitting)
        return views::plotTextProblems(plot);
    }
    // As File > Export Figure lays it out (views::exportPlot), and the image it writes.
    const views::ScopedPlotSize sized(plot, width, height);
    const QStringList problems = views::plotTextProblems(plot);
    const QString dir = qEnvironmentVariable("KRONSCOPE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        plot->toPixmap(width, height)
            .save(QStringLiteral("%1/figure-%2-%3x%4.png")
                      .arg(dir, QString::number(quintptr(plot), 16))
                      .arg(width)
                      .arg(height));
    return problems;
}

}  // namespace

class TestFigures : public QObject {
    Q_OBJECT

  private slots:
    void everyFigureIsReadable() {
        MainWindow w;
        w.resize(1600, 1000);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(waitForJob(w, w.openDemo()));
        w.prepareExample();
        w.perplexityPanel()->setTokenLimit(600);
        w.modelBrowser()->selectMatrix(QStringLiteral("h.1.mlp.c_fc"));
        w.decompositionPanel()->setBlockSize(4);
        QVERIFY(waitForJob(w, w.runDecomposition()));
        for (const auto kind : {core::ProbeKind::KronRatio, core::ProbeKind::BasisEnergy,
                                core::ProbeKind::Clifford, core::ProbeKind::Angles}) {
            w.probePanel()->setState(
                probeState(kind, QStringLiteral("all"), kind == core::ProbeKind::Clifford ? 4 : 2, 3));
            QVERIFY(waitForJob(w, w.runProbe()));
        }
        w.sweepPanel()->setBlockSizes(QStringLiteral("8,16"));
        QVERIFY(waitForJob(w, w.runSweep()));
        auto map = w.structureMapPanel()->state();
        map[QStringLiteral("blocks")] = QStringLiteral("2,4");
        map[QStringLiteral("null_draws")] = 3;
        w.structureMapPanel()->setState(map);
        QVERIFY(waitForJob(w, w.runStructureMap()));
        for (const char* analysis : {"conditioning", "activation-error"}) {
            auto m = w.mechanismPanel()->state();
            m[QStringLiteral("analysis")] = int(core::parseMechanismAnalysis(analysis));
            m[QStringLiteral("blocks")] = QStringLiteral("16");
            w.mechanismPanel()->setState(m);
            QVERIFY(waitForJob(w, w.runMechanism()));
        }
        auto c = w.compressionPanel()->state();
        c[QStringLiteral("analysis")] = 0;  // tensor statistics
        w.compressionPanel()->setState(c);
        QVERIFY(waitForJob(w, w.runCompression()));
        QVERIFY(waitForJob(w, w.reproduceReaction()->run(QStringLiteral("seed000-conditioning"))));
        QTRY_VERIFY_WITH_TIMEOUT(w.reproductionView()->hasResults(), 10000);

        QStringList all;
        int figures = 0;
        QTabWidget* tabs = w.viewTabs();
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QTest::qWait(50);
            // The probe view draws one run at a time: every run (the four probes) in turn.
            const int runs =
                tabs->widget(i) == w.probeView() ? static_cast<int>(w.probeView()->runs().size()) : 1;
            for (int run = 0; run < runs; ++run) {
                if (tabs->widget(i) == w.probeView()) {
                    w.probeView()->setCurrentRun(run);
                    QTest::qWait(50);
                }
                const auto list = app::ExportReaction::figuresOf(w, tabs->widget(i));
                for (const auto& [title, plot] : list) {
                    ++figures;
                    for (const QSize size : {QSize(0, 0), QSize(321, 240), QSize(673, 450)}) {
                        const QString where =
                            size.width() ? QStringLiteral("%1x%2").arg(size.width()).arg(size.height())
                                         : QStringLiteral("window size");
                        for (const QString& p : problemsAt(plot, size.width(), size.height()))
                            all << QStringLiteral("%1 / %2 at %3: %4").arg(tabs->tabText(i), title, where, p);
                    }
                }
                shot(w, QStringLiteral("figures-%1-%2.png").arg(i).arg(run));
            }
        }
        qInfo("%d figures checked, %d problems", figures, static_cast<int>(all.size()));
        for (const QString& p : all) qInfo("%s", qPrintable(p));
        QVERIFY2(all.isEmpty(), qPrintable(all.join(QLatin1Char('\n'))));
        QVERIFY(figures >= 12);
    }
};

QTEST_MAIN(TestFigures)
#include "test_figures.moc"
