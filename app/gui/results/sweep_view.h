#pragma once
#include <QWidget>

class QLabel;

#include "kronscope/core/surgery/surgery.h"

namespace kronscope::views {
class SweepPlot;
class ResultTable;
}  // namespace kronscope::views

namespace kronscope::app {

/// PPL vs block size (log scale) per method with the baseline, and the sweep table; both fill as rows stream
/// in.
class SweepView : public QWidget {
    Q_OBJECT
  public:
    explicit SweepView(QWidget* parent = nullptr);
    /// Starts a new sweep's display (clears plot and table).
    void begin(const QString& subtitle);
    void addRow(const core::SweepRow& row, const QString& model_hash, const QString& text_hash);
    const std::vector<core::SweepRow>& rows() const { return rows_; }
    const QString& subtitle() const { return subtitle_; }
    const QString& modelHash() const { return model_hash_; }
    const QString& textHash() const { return text_hash_; }
    views::SweepPlot* plot() const { return plot_; }
    views::ResultTable* table() const { return table_; }
    /// "Throughput: ... evaluations/min, ... tokens/s ..." over the rows so far (core::sweepThroughput).
    QString throughputText() const;

  private:
    views::SweepPlot* plot_;
    views::ResultTable* table_;
    QLabel* throughput_;
    std::vector<core::SweepRow> rows_;
    QString subtitle_, model_hash_, text_hash_;
    double baseline_ = 0.0;
};

}  // namespace kronscope::app
