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

/// Settings for a perplexity measurement: text file, window (max_length, stride), token limit, device and
/// precision (the last two apply when a checkpoint is opened).
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
    /// The compute precision the checkpoint is loaded in: "f32", or on CUDA "tf32", "bf16", "f16".
    QString dtype() const;

  signals:
    void runRequested();

  private:
    void updateEnabled();
    void updatePrecisions();

    QLineEdit* text_;
    QSpinBox* max_length_;
    QSpinBox* stride_;
    QSpinBox* max_tokens_;
    DeviceCombo* device_;
    QComboBox* dtype_;
    QPushButton* run_;
    QLabel* hint_;
    bool has_model_ = false;
};

}  // namespace kronscope::app
