#pragma once
// Healing view: held-out perplexity against training step per run (the running one live), with the
// unmodified model's perplexity as a reference line, and the healing table (one row per run: method, n,
// init, parameters of the model and of the replaced matrices, PPL original / after surgery / healed).
#include <QWidget>

namespace kronscope::views {
class CurvePlot;
class ResultTable;
}  // namespace kronscope::views

class QLabel;

namespace kronscope::app {

class AnalysisDocument;

class HealingView : public QWidget {
    Q_OBJECT
  public:
    explicit HealingView(AnalysisDocument* doc, QWidget* parent = nullptr);
    views::CurvePlot* plot() const { return plot_; }
    views::ResultTable* table() const { return table_; }

  public slots:
    void refresh();

  private:
    AnalysisDocument* doc_;
    views::CurvePlot* plot_;
    views::ResultTable* table_;
    QLabel* footer_;
};

}  // namespace kronscope::app
