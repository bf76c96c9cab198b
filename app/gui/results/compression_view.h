#pragma once
// The compression lab's results (seed 001; core/analysis/compression.h): tensor statistics (ranked table and
// a layer x kind heatmap), quantization runs (bytes beside perplexity), the damage ranking, the pruning x
// int-k plot, Procrustes runs and the two-checkpoint comparison, every reduction beside its nulls. Drawn from
// the document's Compression contents.
#include <QWidget>

#include "document.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QTabWidget;

namespace kronscope::views {
class HeatmapView;
class PruneSweepPlot;
class ResultTable;
class ScoreNullPlot;
}  // namespace kronscope::views

namespace kronscope::app {

class CompressionView : public QWidget {
    Q_OBJECT
  public:
    enum Page { Statistics = 0, Quantization, Damage, Pruning, Procrustes, Comparison };
    explicit CompressionView(QWidget* parent = nullptr);
    void setContents(const AnalysisDocument::Compression& c);
    bool hasResults() const { return !contents_.empty(); }
    void showPage(Page p);
    Page currentPage() const;
    /// The figures of the current page, for export.
    QList<QPair<QString, QCustomPlot*>> figures() const;
    /// The table of the current page, for export (nullptr when it has none).
    views::ResultTable* table() const;
    views::ResultTable* statsTable() const { return stats_table_; }
    views::ResultTable* quantizeTable() const { return quant_table_; }
    views::ResultTable* procrustesTable() const { return proc_table_; }
    views::ResultTable* compareTable() const { return cmp_table_; }
    views::PruneSweepPlot* pruneplot() const { return prune_plot_; }

  private:
    QWidget* statisticsPage();
    QWidget* quantizationPage();
    QWidget* damagePage();
    QWidget* pruningPage();
    QWidget* procrustesPage();
    QWidget* comparisonPage();
    void showStats();
    void showQuantization();
    void showPruning();
    void showProcrustes();
    void showComparison();
    AnalysisDocument::Compression contents_;
    QTabWidget* tabs_;
    views::ResultTable* stats_table_;
    views::HeatmapView* stats_map_;
    QComboBox* stat_key_;
    QCheckBox* stat_1d_;
    QLabel* stats_note_;
    views::ResultTable* quant_table_;
    views::ResultTable* unit_table_;
    QLabel* quant_note_;
    views::ResultTable* damage_table_;
    views::ScoreNullPlot* damage_plot_;
    views::PruneSweepPlot* prune_plot_;
    views::ResultTable* prune_table_;
    views::ResultTable* proc_table_;
    views::ScoreNullPlot* proc_plot_;
    QLabel* proc_note_;
    views::ResultTable* cmp_table_;
    views::ResultTable* cmp_stats_;
    views::ScoreNullPlot* cmp_plot_;
    QLabel* cmp_note_;
};

}  // namespace kronscope::app
