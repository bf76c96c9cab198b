#pragma once
// The mechanism lab's results (seed 000, second half; core/analysis/mechanism.h): Kronecker vs SVD bars per
// matrix (Frobenius beside activation-weighted) with win counts, the conditioning table with medians, the
// nullspace-noise curve with the Kronecker and SVD lines, the scan as a layers x kinds heatmap of the gap
// with the additivity table, and the propagation curves. Drawn from the document's mechanism results.
#include <QWidget>

#include "kronscope/core/analysis/mechanism.h"

class QCustomPlot;
class QLabel;
class QTabWidget;

namespace kronscope::views {
class CurvePlot;
class GroupedBarPlot;
class HeatmapView;
class ResultTable;
}  // namespace kronscope::views

namespace kronscope::app {

class MechanismView : public QWidget {
    Q_OBJECT
  public:
    explicit MechanismView(QWidget* parent = nullptr);
    void setResults(const std::vector<core::MechanismResult>& results);
    bool hasResults() const { return !results_.empty(); }
    void showAnalysis(core::MechanismAnalysis a);
    core::MechanismAnalysis currentAnalysis() const;
    QList<QPair<QString, QCustomPlot*>> figures() const;
    views::ResultTable* table() const;
    views::ResultTable* errorTable() const { return error_table_; }
    views::ResultTable* conditioningTable() const { return cond_table_; }
    views::ResultTable* scanTable() const { return scan_table_; }
    views::HeatmapView* scanMap() const { return scan_map_; }
    views::CurvePlot* propagationPlot() const { return prop_plot_; }
    views::CurvePlot* nullspacePlot() const { return null_plot_; }

  private:
    QWidget* page(std::initializer_list<QWidget*> widgets, QLabel* note);
    void showErrors(const core::MechanismResult& r);
    void showConditioning(const core::MechanismResult& r);
    void showNullspace(const core::MechanismResult& r);
    void showScan(const core::MechanismResult& r);
    void showPropagation(const core::MechanismResult& r);
    std::vector<core::MechanismResult> results_;
    QTabWidget* tabs_;
    views::GroupedBarPlot* error_plot_;
    views::ResultTable* error_table_;
    QLabel* error_note_;
    views::ResultTable* cond_table_;
    QLabel* cond_note_;
    views::CurvePlot* null_plot_;
    views::ResultTable* null_table_;
    QLabel* null_note_;
    views::HeatmapView* scan_map_;
    views::ResultTable* scan_table_;
    views::ResultTable* add_table_;
    QLabel* scan_note_;
    views::CurvePlot* prop_plot_;
    views::ResultTable* prop_table_;
    QLabel* prop_note_;
};

}  // namespace kronscope::app
