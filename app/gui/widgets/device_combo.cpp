#include "widgets/device_combo.h"

#include <QStandardItemModel>

#include "kronscope/core/base/build_info.h"

namespace kronscope::app {

DeviceCombo::DeviceCombo(QWidget* parent) : QComboBox(parent) {
    addItem(tr("CPU"), QStringLiteral("cpu"));
    const auto& b = core::buildInfo();
    if (b.cuda_devices > 0) {
        for (int i = 0; i < b.cuda_devices; ++i)
            addItem(tr("CUDA device %1").arg(i), QStringLiteral("cuda:%1").arg(i));
        return;
    }
    addItem(tr("CUDA (not available)"), QStringLiteral("cuda"));
    auto* m = qobject_cast<QStandardItemModel*>(model());
    m->item(1)->setEnabled(false);
    m->item(1)->setToolTip(
        tr("This LibTorch build has no CUDA support or no GPU is visible. "
           "Build against the CUDA LibTorch to use a GPU (see README)."));
}

void DeviceCombo::setDevice(const QString& spec) {
    const int i = findData(spec == QLatin1String("cuda") ? QStringLiteral("cuda:0") : spec);
    if (i < 0) return;
    if (auto* m = qobject_cast<QStandardItemModel*>(model()); m && !m->item(i)->isEnabled()) return;
    setCurrentIndex(i);
}

}  // namespace kronscope::app
