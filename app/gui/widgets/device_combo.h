#pragma once
// The device chooser shared by the Perplexity page and the Train dialog: "CPU", then one entry per CUDA
// device LibTorch sees ("cuda:0", ...), or a disabled "CUDA (not available)" entry that says why.
#include <QComboBox>

namespace kronscope::app {

class DeviceCombo : public QComboBox {
    Q_OBJECT
  public:
    explicit DeviceCombo(QWidget* parent = nullptr);
    /// "cpu" or "cuda:N": the spec that core::parseDevice and the CLI's --device take.
    QString device() const { return currentData().toString(); }
    /// Selects `spec` ("cpu", "cuda", "cuda:N"; "cuda" = the first CUDA device) when it is available.
    void setDevice(const QString& spec);
};

}  // namespace kronscope::app
