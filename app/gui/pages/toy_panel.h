#pragma once
// Toy superposition lab, its Experiment page: the toy model's settings, one model or a sweep over sparsities
// (Elhage et al. 2022, science.md).
#include <QVariantMap>
#include <QWidget>
#include <vector>

#include "kronscope/core/train/toy_model.h"

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace kronscope::views {
class HeatmapView;
class LossPlot;
class ResultTable;
class ScoreNullPlot;
}  // namespace kronscope::views

namespace kronscope::app {

struct ToyRequest {
    core::ToyModelSettings base;
    std::vector<double> sparsities;  // one model per entry (the sparsity is the only difference)
    int null_draws = 20;             // for the probes on W
};

class ToyLabPanel : public QWidget {
    Q_OBJECT
  public:
    explicit ToyLabPanel(QWidget* parent = nullptr);
    /// Throws InputError naming a bad field.
    ToyRequest request() const;
    /// Null draws for the probes on W.
    int nullDraws() const;
    QVariantMap state() const;
    void setState(const QVariantMap& state);

  signals:
    void trainRequested();

  private:
    QSpinBox* features_;
    QSpinBox* hidden_;
    QDoubleSpinBox* sparsity_;
    QCheckBox* sweep_;
    QSpinBox* sweep_count_;
    QDoubleSpinBox* decay_;
    QSpinBox* steps_;
    QSpinBox* batch_;
    QDoubleSpinBox* lr_;
    QSpinBox* seed_;
    QSpinBox* draws_;
    QPushButton* train_;
};

}  // namespace kronscope::app
