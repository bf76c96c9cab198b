#include <QFileDialog>
#include <QStatusBar>
#include <QTabWidget>
#include <qcustomplot.h>

#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/landscape_view.h"
#include "kronscope/views/plots.h"
#include "kronscope/views/result_table.h"
#include "main_window.h"
#include "reactions/reactions.h"
#include "results/compression_view.h"
#include "results/mechanism_view.h"
#include "results/modular_view.h"
#include "results/decomposition_view.h"
#include "results/healing_view.h"
#include "results/probe_view.h"
#include "results/reproduction_view.h"
#include "results/structure_map_view.h"
#include "results/sweep_view.h"
#include "results/toy_view.h"
#include "widgets/export_dialog.h"

namespace kronscope::app {

views::ResultTable* ExportReaction::tableOf(MainWindow& w, QWidget* current) {
    return current == w.sweepView()                              ? w.sweepView()->table()
           : current == w.perplexityTable()                      ? w.perplexityTable()
           : current == w.probeView()                            ? w.probeView()->table()
           : current == w.toyView() && w.toyView()->hasResults() ? w.toyView()->table()
           : current == w.compressionView()                      ? w.compressionView()->table()
           : current == w.mechanismView()                        ? w.mechanismView()->table()
           : current == w.modularView()                          ? w.modularView()->table()
           : current == w.healingView()                          ? w.healingView()->table()
           : current == w.reproductionView() && w.reproductionView()->hasResults()
               ? w.reproductionView()->table()
               : nullptr;
}

QList<QPair<QString, QCustomPlot*>> ExportReaction::figuresOf(MainWindow& w, QWidget* current) {
    QList<QPair<QString, QCustomPlot*>> plots;
    if (current == w.weightView()) {
        if (!w.weightView()->isEmpty()) plots << qMakePair(MainWindow::tr("Weights"), w.weightView()->plot());
    } else if (current == w.sweepView()) {
        if (!w.sweepView()->rows().empty())
            plots << qMakePair(MainWindow::tr("Perplexity sweep"), w.sweepView()->plot()->plot());
    } else if (current == w.decompositionView() && w.decompositionView()->hasOutcome()) {
        plots << qMakePair(MainWindow::tr("Fit"), w.decompositionView()->fitView()->plot())
              << qMakePair(MainWindow::tr("Error"), w.decompositionView()->errorView()->plot())
              << qMakePair(MainWindow::tr("Spectra"), w.decompositionView()->spectrumView()->plot())
              << qMakePair(MainWindow::tr("Factor A_k"), w.decompositionView()->factorAView()->plot())
              << qMakePair(MainWindow::tr("Factor S_k"), w.decompositionView()->factorSView()->plot());
    } else if (current == w.probeView()) {
        plots = w.probeView()->figures();
    } else if (current == w.toyView() && w.toyView()->hasResults()) {
        plots = w.toyView()->figures();
    } else if (current == w.compressionView() && w.compressionView()->hasResults()) {
        plots = w.compressionView()->figures();
    } else if (current == w.mechanismView() && w.mechanismView()->hasResults()) {
        plots = w.mechanismView()->figures();
    } else if (current == w.modularView() && w.modularView()->hasResults()) {
        plots = w.modularView()->figures();
    } else if (current == w.healingView() && w.healingView()->table()->rowCount() > 0) {
        plots << qMakePair(MainWindow::tr("Healing curves"), w.healingView()->plot()->plot());
    }
    return plots;
}

void ExportReaction::trigger(bool table) {
    MainWindow& w = window_;
    QWidget* current = w.viewTabs()->currentWidget();
    if (!table && current == w.structureMapView()) {
        if (!w.structureMapView()->hasResult()) return;
        const QString path =
            QFileDialog::getSaveFileName(&w, MainWindow::tr("Export landscape"),
                                         QStringLiteral("landscape.png"), MainWindow::tr("PNG (*.png)"));
        if (path.isEmpty()) return;
        QString error;
        if (!w.structureMapView()->landscape()->exportPng(path, 1600, 1200, &error))
            w.reportError(MainWindow::tr("Export figure"), error);
        else
            w.statusBar()->showMessage(MainWindow::tr("Wrote %1").arg(path), 6000);
        return;
    }
    if (table) {
        views::ResultTable* t = tableOf(w, current);
        if (!t) return;
        const QString path =
            QFileDialog::getSaveFileName(&w, MainWindow::tr("Export table"), QString(),
                                         MainWindow::tr("CSV (*.csv);;Markdown (*.md);;LaTeX (*.tex)"));
        if (path.isEmpty()) return;
        QString error;
        if (!t->exportTo(path, &error))
            w.reportError(MainWindow::tr("Export table"), error);
        else
            w.statusBar()->showMessage(MainWindow::tr("Wrote %1").arg(path), 6000);
        return;
    }
    const QList<QPair<QString, QCustomPlot*>> plots = figuresOf(w, current);
    if (plots.isEmpty()) return;
    ExportDialog dialog(plots, &w);
    if (dialog.exec() != QDialog::Accepted) return;
    QString error;
    if (!views::exportPlot(dialog.plot(), dialog.path(), dialog.widthPx(), dialog.heightPx(), dialog.dpi(),
                           &error))
        w.reportError(MainWindow::tr("Export figure"), error);
    else
        w.statusBar()->showMessage(MainWindow::tr("Wrote %1").arg(dialog.path()), 6000);
}

}  // namespace kronscope::app
