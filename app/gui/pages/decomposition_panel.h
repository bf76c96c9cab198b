#pragma once
#include <QVariantMap>
#include <QWidget>

#include "kronscope/core/analysis/decompose_matrix.h"

class QComboBox;
class QSpinBox;
class QCheckBox;
class QPushButton;
class QLabel;

namespace kronscope::app {

/// The request of core's Decomposition analysis (analysis/decompose_matrix.h), the same as `kronscope-cli
/// decompose`.
using DecompositionRequest = core::DecompositionRequest;

/// Settings for decomposing the selected matrix: method, block size (valid divisors only), terms, order,
/// rescale.
class DecompositionPanel : public QWidget {
    Q_OBJECT
  public:
    explicit DecompositionPanel(QWidget* parent = nullptr);
    /// The matrix the next decomposition applies to (rows x cols as stored); empty name disables the panel.
    void setMatrix(const QString& name, int64_t rows, int64_t cols);
    DecompositionRequest request() const;
    void setBlockSize(int64_t n);
    void setMethod(bool kronecker);
    /// Every field, for session files (the block size applies once the matrix offers it).
    QVariantMap state() const;
    void setState(const QVariantMap& state);

  signals:
    void runRequested();

  private:
    QString matrix_;
    QLabel* target_;
    QComboBox* method_;
    QComboBox* block_;
    QSpinBox* terms_;
    QComboBox* order_;
    QCheckBox* rescale_;
    QSpinBox* draws_;
    QPushButton* run_;
};

}  // namespace kronscope::app
