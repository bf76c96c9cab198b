#pragma once
// Mechanism page (seed 000, second half): the request of core's mechanism lab (analysis/mechanism.h), as
// `kronscope-cli mechanism` takes it. Texts and windows come from the Perplexity page.
#include <QVariantMap>
#include <QWidget>

#include "kronscope/core/analysis/mechanism.h"

class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace kronscope::app {

class ClusterButtons;

class MechanismPanel : public QWidget {
    Q_OBJECT
  public:
    explicit MechanismPanel(QWidget* parent = nullptr);
    /// The request from the fields (text and window are the caller's); InputError naming a bad field.
    core::MechanismRequest request() const;
    void setAnalysis(core::MechanismAnalysis a);
    void setEnabledForModel(bool has_model);
    QVariantMap state() const;
    void setState(const QVariantMap& state);
    /// Run on a cluster… and Import results… (MainWindow wires them to the cluster reaction).
    ClusterButtons* clusterButtons() const { return cluster_; }

  signals:
    void runRequested();

  private:
    QComboBox* analysis_;
    QLineEdit* blocks_;
    QComboBox* method_;
    QLineEdit* targets_;
    QLineEdit* eps_;
    QSpinBox* seed_;
    QPushButton* run_;
    ClusterButtons* cluster_;
};

}  // namespace kronscope::app
