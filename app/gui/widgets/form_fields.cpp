#include "widgets/form_fields.h"

#include <QDoubleSpinBox>
#include <QSpinBox>

namespace kronscope::app {

QSpinBox* spinField(QWidget* parent, const char* object_name, int lo, int hi, int value) {
    auto* box = new QSpinBox(parent);
    if (object_name) box->setObjectName(QLatin1String(object_name));
    box->setRange(lo, hi);
    box->setValue(value);
    return box;
}

QDoubleSpinBox* doubleField(QWidget* parent, const char* object_name, int decimals, double lo, double hi,
                            double step, double value) {
    auto* box = new QDoubleSpinBox(parent);
    if (object_name) box->setObjectName(QLatin1String(object_name));
    box->setDecimals(decimals);
    box->setRange(lo, hi);
    box->setSingleStep(step);
    box->setValue(value);
    return box;
}

}  // namespace kronscope::app
