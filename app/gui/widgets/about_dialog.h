#pragma once
#include <QDialog>

namespace kronscope::app {

/// Help > About: versions of Kronscope, Qt, QCustomPlot, LibTorch, VTK, HDF5, and whether CUDA is available.
class AboutDialog : public QDialog {
    Q_OBJECT
  public:
    explicit AboutDialog(QWidget* parent = nullptr);
    /// The same facts as plain text (also used by "Copy" and by tests).
    static QString versionsText();
};

}  // namespace kronscope::app
