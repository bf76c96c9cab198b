#pragma once
// Compression page (seed 001): which analysis of core's compression lab (analysis/compression.h) to run and
// its settings, as the requests `kronscope-cli stats | quantize | prune-sweep | procrustes` take. Perplexity
// uses the Perplexity page's text and window.
#include <QVariantMap>
#include <QWidget>

#include "kronscope/core/analysis/compression.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace kronscope::app {

class CompressionPanel : public QWidget {
    Q_OBJECT
  public:
    enum class Analysis { Stats = 0, Quantize = 1, PruneSweep = 2, Procrustes = 3 };
    explicit CompressionPanel(QWidget* parent = nullptr);
    Analysis analysis() const;
    void setAnalysis(Analysis a);
    /// Requests from the fields; InputError naming a bad field. The text and window are the caller's.
    core::QuantizeRequest quantizeRequest() const;
    core::PruneSweepRequest pruneSweepRequest() const;
    core::ProcrustesRequest procrustesRequest() const;
    int nullDraws() const;
    /// Whether quantization and the pruning sweep measure perplexity (on the Perplexity page's text).
    bool measurePerplexity() const;
    /// The matrices the model offers for Procrustes (units: wte, wpe, h.N.attn.c_attn.q/k/v, ...).
    void setModelUnits(const QStringList& units);
    void setEnabledForModel(bool has_model);
    QVariantMap state() const;
    void setState(const QVariantMap& state);

  signals:
    void runRequested();
    void compareRequested();

  private:
    QWidget* quantizePage();
    QWidget* prunePage();
    QWidget* procrustesPage();
    QComboBox* analysis_;
    QStackedWidget* pages_;
    QSpinBox* bits_;
    QCheckBox* clip_;
    QLineEdit* protect_;
    QDoubleSpinBox* fp16_rows_;
    QDoubleSpinBox* prune_;
    QSpinBox* level_;
    QCheckBox* measure_;
    QCheckBox* damage_;
    QLineEdit* artifact_;
    QLineEdit* prune_list_;
    QLineEdit* bits_list_;
    QCheckBox* prune_clip_;
    QCheckBox* prune_measure_;
    QComboBox* a_;
    QComboBox* b_;
    QComboBox* side_;
    QSpinBox* draws_;
    QSpinBox* rank_;
    QCheckBox* rotation_;
    QPushButton* run_;
    QPushButton* compare_;
};

}  // namespace kronscope::app
