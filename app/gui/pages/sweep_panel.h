#pragma once
#include <QVariantMap>
#include <QWidget>

#include "kronscope/core/surgery/surgery.h"

class QCheckBox;
class QLineEdit;
class QComboBox;
class QPushButton;
class QLabel;
class QSpinBox;

namespace kronscope::app {

class ClusterButtons;

/// Settings of a surgery sweep: methods, block sizes, targets. The text and window come from the Perplexity
/// panel.
class SweepPanel : public QWidget {
    Q_OBJECT
  public:
    explicit SweepPanel(QWidget* parent = nullptr);
    void setModelConfig(const core::Gpt2Config* config);
    /// Fills methods, block sizes, targets and baseline; throws InputError naming a bad field.
    core::SweepSettings settings() const;
    void setBlockSizes(const QString& text);
    void setMethods(const QStringList& methods);
    /// The matrix selected in the Model panel: offered as the target "Selected matrix".
    void setSelectedMatrix(const QString& name);
    /// Every field, for session files.
    QVariantMap state() const;
    void setState(const QVariantMap& state);
    /// Run on a cluster… and Import results… (MainWindow wires them to the cluster reaction).
    ClusterButtons* clusterButtons() const { return cluster_; }

  signals:
    void runRequested();

  private:
    QCheckBox* kron_;
    QCheckBox* svd_;
    QCheckBox* hybrid_;
    QCheckBox* reverse_;
    QLineEdit* blocks_;
    QComboBox* targets_;
    QLineEdit* custom_;
    QCheckBox* baseline_;
    QSpinBox* terms_;
    QComboBox* order_;
    QCheckBox* rescale_;
    QString selected_;
    QPushButton* run_;
    ClusterButtons* cluster_;
    QLabel* hint_;
    int64_t n_layer_ = 0;
};

}  // namespace kronscope::app
