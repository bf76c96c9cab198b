#pragma once
// Structure probes (science.md "Structure scores, each with a null"): the Experiment page that sets them up
// and the view that shows their results. A probe run is kept as its report's JSON (core::toJson with the null
// samples), which is what the view draws from and what a session stores: one format, no second parser.
#include <QVariantMap>
#include <QWidget>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "results/probe_runs.h"

class QComboBox;
class QCustomPlot;
class QLabel;
class QStackedWidget;

namespace kronscope::views {
class AngleHistogramPlot;
class HeatmapView;
class PieChartPlot;
class ResultTable;
class ScoreNullPlot;
}  // namespace kronscope::views

namespace kronscope::app {

class ProbeView : public QWidget {
    Q_OBJECT
  public:
    explicit ProbeView(QWidget* parent = nullptr);
    /// Adds a run and shows it. Throws InputError when its JSON is not a probe report this view can read (so
    /// a corrupt session is refused before anything is shown).
    void addRun(const ProbeRun& run);
    /// Checks a run without adding it (throws InputError like addRun).
    static void validateRun(const ProbeRun& run);
    const std::vector<ProbeRun>& runs() const { return runs_; }
    bool hasRuns() const { return !runs_.empty(); }
    void clear();
    int currentRun() const;
    void setCurrentRun(int index);
    /// Items of the current run (model / layers / matrices / angle sources) and the one shown.
    QStringList items() const;
    void setCurrentItem(int index);
    /// The figures of the current page, for export.
    QList<QPair<QString, QCustomPlot*>> figures() const;
    /// The table of the current page, for export.
    views::ResultTable* table() const;
    QString summary() const;

  signals:
    /// A matrix picked in a probe figure (a cell of the Kronecker-ratio map): select it elsewhere.
    void matrixPicked(const QString& matrix, int64_t block_size, const QString& model_hash);

  private:
    void showRun(int index);
    void showItem(int index);
    void showRunImpl(int index);
    void showItemImpl(int index);
    void guarded(const std::function<void()>& draw);
    void fillKron();
    void fillBasis();
    void fillClifford();
    void fillAngles();
    void drawKronMap();
    QWidget* createKronPage();      // layers x matrix kinds map, table
    QWidget* createBasisPage();     // 2x2 basis energy: pies, tables
    QWidget* createCliffordPage();  // pair violations of the selected matrix's factors, table of all
    QWidget* createAnglePage();     // eigen-angle histogram with its null, S_k against the null, tables
    void pickKronCell(int row, int col);
    void showBasisItem(const nlohmann::json& j, int index);
    void showCliffordItem(const nlohmann::json& j, int index);
    void showAngleItem(const nlohmann::json& j, int index);

    std::vector<ProbeRun> runs_;
    int current_ = -1;
    QComboBox* run_combo_;
    QComboBox* item_combo_;
    QLabel* summary_;
    QStackedWidget* stack_;
    // kron-ratio page
    QComboBox* kron_metric_;
    views::HeatmapView* kron_map_;
    views::ResultTable* kron_table_;
    // ijkl page
    views::PieChartPlot* pies_;
    views::ResultTable* basis_table_;
    views::ResultTable* factor_table_;
    // clifford page
    views::HeatmapView* clifford_map_;
    views::ResultTable* clifford_table_;
    // angles page
    views::AngleHistogramPlot* histogram_;
    views::ScoreNullPlot* fold_plot_;
    views::ResultTable* fold_table_;
    views::ResultTable* angle_table_;
    QLabel* empty_;
};

}  // namespace kronscope::app
