#pragma once
// Healing page: a surgered model trains its factors, as `kronscope-cli heal` does (core/analysis/healing.h).
// The corpus is the Brown corpus or the Perplexity page's text (its last 10% held out).
#include <QVariantMap>
#include <QWidget>

#include "kronscope/core/analysis/healing.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace kronscope::app {

class HealingPanel : public QWidget {
    Q_OBJECT
  public:
    explicit HealingPanel(QWidget* parent = nullptr);
    /// The request for `model_dir`; `text_path` is the Perplexity page's text (used when the corpus is "the
    /// Perplexity page's text"). InputError naming a bad field.
    core::HealRequest request(const std::string& model_dir, const QString& text_path) const;
    /// Fills method, block size and targets (a sweep or surgery row's "Heal…").
    void setSurgery(const QString& method, int64_t block_size, const QString& targets);
    void setEnabledForModel(bool has_model);
    QVariantMap state() const;
    void setState(const QVariantMap& state);

    /// The Output folder field ("" = the run writes nothing and cannot be resumed).
    QString outputFolder() const;

  signals:
    void runRequested();
    /// Resume…: continue the interrupted run in the Output folder (or a folder the user picks).
    void resumeRequested();

  private:
    QComboBox* method_;
    QSpinBox* block_;
    QLineEdit* targets_;
    QComboBox* init_;
    QCheckBox* dense_;
    QDoubleSpinBox* distill_;
    QDoubleSpinBox* temperature_;
    QComboBox* corpus_;
    QSpinBox* steps_;
    QSpinBox* batch_;
    QSpinBox* context_;
    QDoubleSpinBox* lr_;
    QSpinBox* seed_;
    QLineEdit* out_;
    QPushButton* run_;
    QPushButton* resume_;
};

}  // namespace kronscope::app
