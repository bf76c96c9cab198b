#pragma once
// The Generation page's result: the unmodified and the surgered continuation of one prompt side by side, with
// the surgery's label, its mean relative error and the decoding settings.
#include <QWidget>
#include <optional>

#include "kronscope/core/analysis/generation.h"

class QLabel;
class QPlainTextEdit;

namespace kronscope::app {

class GenerationView : public QWidget {
    Q_OBJECT
  public:
    explicit GenerationView(QWidget* parent = nullptr);
    void setResult(const std::optional<core::GenerationResult>& r);
    QString originalText() const;
    QString surgeredText() const;

  private:
    QPlainTextEdit* original_;
    QPlainTextEdit* surgered_;
    QLabel* left_title_;
    QLabel* right_title_;
    QLabel* note_;
};

}  // namespace kronscope::app
