#pragma once
#include <QWidget>

#include "pages/decomposition_panel.h"
#include "kronscope/core/decompose/decomposition.h"
#include "kronscope/core/decompose/null_models.h"

class QLabel;
class QSpinBox;

namespace kronscope::views {
class HeatmapView;
class SpectrumPlot;
}  // namespace kronscope::views

namespace kronscope::app {

/// Everything one decomposition job produces: core's result (computed on a worker thread).
using DecompositionOutcome = core::DecompositionResult;

/// Fit and error heatmaps, singular value spectra of W and R(W) with the kept part marked, and the factors
/// A_k and S_k; a summary line with the settings and the error beside its null.
class DecompositionView : public QWidget {
    Q_OBJECT
  public:
    explicit DecompositionView(QWidget* parent = nullptr);
    void setOutcome(const DecompositionOutcome& outcome);
    bool hasOutcome() const { return has_; }
    const DecompositionOutcome& outcome() const { return outcome_; }
    QString summaryText() const;
    views::HeatmapView* fitView() const { return fit_; }
    views::HeatmapView* errorView() const { return error_; }
    views::SpectrumPlot* spectrumView() const { return spectrum_; }
    views::HeatmapView* factorAView() const { return factor_a_; }
    views::HeatmapView* factorSView() const { return factor_s_; }

  private:
    void showFactor(int k);

    DecompositionOutcome outcome_;
    bool has_ = false;
    QLabel* summary_;
    views::HeatmapView* fit_;
    views::HeatmapView* error_;
    views::SpectrumPlot* spectrum_;
    views::HeatmapView* factor_a_;
    views::HeatmapView* factor_s_;
    QSpinBox* factor_k_;
    QLabel* factor_label_;
};

}  // namespace kronscope::app
