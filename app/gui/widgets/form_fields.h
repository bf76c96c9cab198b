#pragma once
// Small constructors for the form fields of the Experiment pages and dialogs: a spin box with its object
// name (the GUI tests find fields by it), range and value in one call.
class QDoubleSpinBox;
class QSpinBox;
class QWidget;

namespace kronscope::app {

QSpinBox* spinField(QWidget* parent, const char* object_name, int lo, int hi, int value);

QDoubleSpinBox* doubleField(QWidget* parent, const char* object_name, int decimals, double lo, double hi,
                            double step, double value);

}  // namespace kronscope::app
