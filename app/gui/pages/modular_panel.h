#pragma once
// Modular arithmetic page (seed 002): the open modular model, and the requests of core's modular lab
// (analysis/modular.h) as `kronscope-cli modular train | search | analyze` take them.
#include <QVariantMap>
#include <QWidget>

#include "kronscope/core/analysis/modular.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace kronscope::app {

class DeviceCombo;

class ModularPanel : public QWidget {
    Q_OBJECT
  public:
    explicit ModularPanel(QWidget* parent = nullptr);
    /// The training settings from the fields (out_dir included); InputError naming a bad field.
    core::ModularTrainSettings trainSettings() const;
    core::ModularSearchRequest searchRequest() const;
    core::ModularAnalysisRequest analysisRequest() const;
    /// The model the page shows ("" = none): enables Analyze.
    void setModel(const QString& description);
    void setOutputFolder(const QString& dir);
    /// The shipped models (folder names under resources/modular), offered in the Shipped combo.
    static QStringList shippedModels();
    QVariantMap state() const;
    void setState(const QVariantMap& state);

  signals:
    void openRequested(const QString& directory);  // "" = ask for a folder
    void trainRequested();
    void searchRequested();
    void analyzeRequested();

  private:
    QLabel* model_;
    QComboBox* shipped_;
    QComboBox* task_;
    QSpinBox *p_, *seed_, *steps_, *eval_, *d_, *heads_, *samples_, *layer_, *neurons_;
    QDoubleSpinBox *lr_, *wd_, *dropout_, *alpha_, *lambda_;
    DeviceCombo* device_;
    QLineEdit* out_;
    QComboBox* analysis_;
    QPushButton *train_, *search_, *analyze_;
};

}  // namespace kronscope::app
