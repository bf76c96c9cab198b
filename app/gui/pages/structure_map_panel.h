#pragma once
// Structure map page: the request of core's structure map (analysis/structure_map.h) from the page's fields.
#include <QVariantMap>
#include <QWidget>
#include <vector>

#include "kronscope/core/analysis/structure_map.h"

class QComboBox;
class QLineEdit;
class QSpinBox;
class QPushButton;
class QLabel;

namespace kronscope::app {

class ClusterButtons;

/// The map itself is computed by core (analysis/structure_map.h): the same request and result as
/// `kronscope-cli map`.
using StructureMapRequest = core::StructureMapRequest;

class StructureMapPanel : public QWidget {
    Q_OBJECT
  public:
    explicit StructureMapPanel(QWidget* parent = nullptr);
    /// Throws InputError naming a bad field.
    StructureMapRequest request() const;
    void setEnabledForModel(bool has_model);
    /// Every field, for session files.
    QVariantMap state() const;
    void setState(const QVariantMap& state);
    /// Run on a cluster… and Import results… (MainWindow wires them to the cluster reaction).
    ClusterButtons* clusterButtons() const { return cluster_; }

  signals:
    void runRequested();

  private:
    QComboBox* metric_;
    QLineEdit* blocks_;
    QLineEdit* targets_;
    QSpinBox* draws_;
    QPushButton* run_;
    ClusterButtons* cluster_;
};

}  // namespace kronscope::app
