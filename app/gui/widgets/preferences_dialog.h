#pragma once
#include <QDialog>

class QComboBox;
class QSpinBox;

namespace kronscope::app {

/// Edit > Preferences: the interface language (QSettings "language") and the threads for computations
/// (QSettings "threads", 0 = all cores). Both take effect on the next start.
class PreferencesDialog : public QDialog {
    Q_OBJECT
  public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    /// Writes the dialog's values to QSettings (what OK does).
    void save();

  private:
    QComboBox* language_ = nullptr;
    QSpinBox* threads_ = nullptr;
};

}  // namespace kronscope::app
