#pragma once
#include <QWidget>

#include "kronscope/core/model/gpt2_model.h"

class QTreeWidget;
class QLabel;

namespace kronscope::app {

/// The open checkpoint: its configuration, and layers -> block matrices with shapes and parameter counts.
class ModelBrowser : public QWidget {
    Q_OBJECT
  public:
    explicit ModelBrowser(QWidget* parent = nullptr);
    void setModel(const core::Gpt2Model* model);
    QString selectedMatrix() const;
    void selectMatrix(const QString& name);
    /// The summary above the tree (path, shapes, dtype and layout, format), as plain text.
    QString summaryText() const;

  signals:
    void matrixSelected(const QString& name);

  private:
    QLabel* summary_;
    QTreeWidget* tree_;
};

}  // namespace kronscope::app
