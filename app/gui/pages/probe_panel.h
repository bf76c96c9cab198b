#pragma once
// Structure probes page: which probe, which matrices and its settings (core's ProbeRequest).
#include <QVariantMap>
#include <QWidget>

#include "results/probe_runs.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QLabel;
class QFormLayout;

namespace kronscope::app {

class ClusterButtons;

class ProbePanel : public QWidget {
    Q_OBJECT
  public:
    explicit ProbePanel(QWidget* parent = nullptr);
    /// Throws InputError naming a bad field.
    ProbeRequest request() const;
    void setEnabledForModel(bool has_model);
    /// Whether a modular-arithmetic model is open (the Modular page): it can then be probed instead.
    void setModularAvailable(bool available);
    /// "gpt2" (the open checkpoint) or "modular" (the Modular page's model).
    QString weightsOf() const;
    /// The matrix selected in the model browser ("selected matrix" scope).
    void setSelectedMatrix(const QString& name);
    void setProbe(ProbeKind kind);
    /// Every field, for session files.
    QVariantMap state() const;
    void setState(const QVariantMap& state);
    /// Run on a cluster… and Import results… (MainWindow wires them to the cluster reaction).
    ClusterButtons* clusterButtons() const { return cluster_; }

  signals:
    void runRequested();

  private:
    void addMatrixRows(QFormLayout* form);  // probe, matrices, block size, terms, factor order
    void addNullRows(QFormLayout* form);    // null draws, seed, permuted null
    void addAngleRows(QFormLayout* form);   // angle source, histogram bins, S_k range
    void updateEnabled();
    QComboBox* weights_;
    QComboBox* probe_;
    QComboBox* scope_;
    QLineEdit* custom_;
    QSpinBox* block_;
    QSpinBox* terms_;
    QComboBox* order_;
    QSpinBox* draws_;
    QSpinBox* seed_;
    QCheckBox* permuted_;
    QComboBox* source_;
    QSpinBox* bins_;
    QSpinBox* fold_;
    QPushButton* run_;
    ClusterButtons* cluster_;
    QString selected_;
    bool has_model_ = false, has_modular_ = false;
};

}  // namespace kronscope::app
