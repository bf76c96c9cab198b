#pragma once
// Toy superposition lab, its view: the live loss curve, W, W^T W and the feature norms of each trained toy
// model, and "Run all probes on this W" (Elhage et al. 2022, science.md).
#include <QVariantMap>
#include <QWidget>
#include <vector>

#include "kronscope/core/train/toy_model.h"

class QComboBox;
class QCustomPlot;
class QLabel;
class QPushButton;
class QTabWidget;

namespace kronscope::views {
class HeatmapView;
class LossPlot;
class ResultTable;
class ScoreNullPlot;
}  // namespace kronscope::views

namespace kronscope::app {

class ToyLabView : public QWidget {
    Q_OBJECT
  public:
    explicit ToyLabView(QWidget* parent = nullptr);
    /// Starts a new training: clears the loss curves (finished models stay in the list).
    void begin(const std::vector<double>& sparsities);
    /// A live loss point of run `run` (index into begin's sparsities).
    void addLossPoint(int run, int64_t step, double loss);
    /// A trained model: added to the list and shown.
    void addResult(const core::ToyModelResult& result);
    /// Training ended (or a session was reopened): the loss plot shows every model's recorded curve.
    void finish();
    const std::vector<core::ToyModelResult>& results() const { return results_; }
    bool hasResults() const { return !results_.empty(); }
    int currentResult() const;
    void setCurrentResult(int index);
    void clear();
    QList<QPair<QString, QCustomPlot*>> figures() const;
    views::ResultTable* table() const { return table_; }
    /// Shared by the view and the session: "S = 0.90, seed 0".
    static QString runName(const core::ToyModelSettings& s);

  signals:
    /// "Run the probes on this W" for results()[index].
    void probeRequested(int index);

  private:
    void show(int index);
    /// "#2 S = 0.900, seed 0": the list, table and curve name of results()[index].
    QString itemName(int index) const;
    std::vector<core::ToyModelResult> results_;
    std::vector<double> live_sparsities_;
    QComboBox* model_combo_;
    QPushButton* probe_;
    QLabel* summary_;
    QTabWidget* tabs_;
    views::LossPlot* loss_;
    views::ResultTable* table_;
    views::HeatmapView* w_map_;
    views::HeatmapView* gram_map_;
    views::ScoreNullPlot* norms_;
};

}  // namespace kronscope::app
