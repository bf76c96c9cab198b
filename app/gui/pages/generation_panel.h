#pragma once
// Generation page (seed 003's check): a prompt continued by the unmodified model and after a surgery, as
// `kronscope-cli generate --method ...` does (core/analysis/generation.h).
#include <QVariantMap>
#include <QWidget>

#include "kronscope/core/analysis/generation.h"

class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace kronscope::app {

class GenerationPanel : public QWidget {
    Q_OBJECT
  public:
    explicit GenerationPanel(QWidget* parent = nullptr);
    /// InputError naming a bad field.
    core::GenerationRequest request() const;
    void setEnabledForModel(bool has_model);
    QVariantMap state() const;
    void setState(const QVariantMap& state);

  signals:
    void runRequested();

  private:
    QLineEdit* prompt_;
    QSpinBox* tokens_;
    QComboBox* method_;
    QSpinBox* block_;
    QLineEdit* targets_;
    QSpinBox* seed_;
    QComboBox* sampling_;
    QPushButton* run_;
};

}  // namespace kronscope::app
