#pragma once
// Toy superposition lab, its Experiment page: the toy model's settings, one model or a sweep over sparsities
// (Elhage et al. 2022, science.md).
#include <QVariantMap>
#include <QWidget>
#include <vector>

#include "kronscope/core/analysis/toy_lab.h"

class QCheckBox;
class QDoubleSpinBox;
class QPushButton;
class QSpinBox;

namespace kronscope::app {

/// The toy lab's request is core's (analysis/toy_lab.h), the same as `kronscope-cli toy` builds.
using ToyRequest = core::ToyRequest;

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
