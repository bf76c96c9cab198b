#pragma once
#include <QDialog>
#include <QList>
#include <QPair>

class QCustomPlot;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace kronscope::app {

/// Figure export: which plot of the view, file (PNG, PDF or SVG by extension), size in pixels and DPI.
class ExportDialog : public QDialog {
    Q_OBJECT
  public:
    ExportDialog(const QList<QPair<QString, QCustomPlot*>>& plots, QWidget* parent = nullptr);
    QCustomPlot* plot() const;
    QString path() const;
    int widthPx() const;
    int heightPx() const;
    double dpi() const;

  private:
    QList<QPair<QString, QCustomPlot*>> plots_;
    QComboBox* which_;
    QLineEdit* path_;
    QSpinBox* width_;
    QSpinBox* height_;
    QSpinBox* dpi_;
};

}  // namespace kronscope::app
