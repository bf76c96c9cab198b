#pragma once
#include <QWidget>

#include "kronscope/core/model/gpt2_model.h"

class QLineEdit;
class QSpinBox;
class QComboBox;
class QPushButton;
class QLabel;

namespace kronscope::app {

class DeviceCombo;

/// Settings for a perplexity measurement: text file, window (max_length, stride), token limit, device.
class PerplexityPanel : public QWidget {
    Q_OBJECT
  public:
    explicit PerplexityPanel(QWidget* parent = nullptr);

    void setModelConfig(const core::Gpt2Config* config);  // nullptr: no model open
    QString textPath() const;
    void setTextPath(const QString& path);
    core::PerplexitySettings settings() const;
    void setTokenLimit(int64_t tokens);
    QString device() const;

  signals:
    void runRequested();

  private:
    void updateEnabled();

    QLineEdit* text_;
    QSpinBox* max_length_;
    QSpinBox* stride_;
    QSpinBox* max_tokens_;
    DeviceCombo* device_;
    QPushButton* run_;
    QLabel* hint_;
    bool has_model_ = false;
};

}  // namespace kronscope::app
