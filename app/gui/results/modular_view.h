#pragma once
// The modular-arithmetic lab's results (seed 002; core/analysis/modular.h): per-task accuracy curves on a log
// step axis (live while training), the positional embedding and its correlation, W_E's singular values with
// the 50% / 90% ranks and its top singular vectors, the DFT of W_E with the active frequencies, neuron maps
// over the p x p grid with their 2D DFT, attention per head over the grid, seed 002's findings beside this
// model's, and the search table.
#include <QWidget>
#include <optional>

#include "kronscope/core/analysis/modular.h"

class QComboBox;
class QCustomPlot;
class QLabel;
class QTabWidget;

namespace kronscope::views {
class CurvePlot;
class HeatmapView;
class ResultTable;
}  // namespace kronscope::views

namespace kronscope::app {

class ModularView : public QWidget {
    Q_OBJECT
  public:
    explicit ModularView(QWidget* parent = nullptr);
    /// A finished training run (its history, final scores and settings).
    void setTraining(const std::optional<core::ModularTrainRun>& run);
    /// The evaluations of the run in progress so far (live curves).
    void setLiveHistory(const std::vector<core::ModularEval>& history, const QString& settings);
    void setAnalysis(const std::optional<core::ModularAnalysisResult>& r);
    void setSearch(const std::optional<core::ModularSearchResult>& r);
    bool hasResults() const { return has_training_ || analysis_.has_value() || has_search_; }
    QList<QPair<QString, QCustomPlot*>> figures() const;
    views::ResultTable* table() const;
    void showTab(const QString& object_name);
    // For tests.
    views::CurvePlot* accuracyPlot() const { return acc_plot_; }
    views::CurvePlot* fourierPlot() const { return fourier_plot_; }
    views::HeatmapView* neuronMap() const { return neuron_map_; }
    views::HeatmapView* attentionMap() const { return attn_map_; }
    views::ResultTable* claimsTable() const { return claims_table_; }
    views::ResultTable* scoresTable() const { return scores_table_; }
    views::ResultTable* searchTable() const { return search_table_; }

  private:
    QWidget* page(const char* name, std::initializer_list<QWidget*> widgets, QLabel* note);
    void drawHistory(const std::vector<core::ModularEval>& history, const QString& settings);
    void drawEmbedding(const core::ModularAnalysisResult& r);
    void drawFourier(const core::ModularAnalysisResult& r);
    void drawNeuron();
    void drawAttention();
    void drawClaims(const core::ModularAnalysisResult& r);
    std::optional<core::ModularAnalysisResult> analysis_;
    bool has_training_ = false, has_search_ = false;
    QTabWidget* tabs_;
    views::CurvePlot* acc_plot_;
    views::ResultTable* scores_table_;
    QLabel* train_note_;
    views::CurvePlot *pos_plot_, *sv_plot_, *vec_plot_;
    QLabel* embed_note_;
    views::CurvePlot* fourier_plot_;
    QLabel* fourier_note_;
    QComboBox* neuron_combo_;
    views::HeatmapView *neuron_map_, *neuron_dft_;
    views::ResultTable* neuron_table_;
    QLabel* neuron_note_;
    QComboBox *head_combo_, *key_combo_;
    views::HeatmapView* attn_map_;
    QLabel* attn_note_;
    views::ResultTable* claims_table_;
    QLabel* claims_note_;
    views::ResultTable* search_table_;
    QLabel* search_note_;
};

}  // namespace kronscope::app
