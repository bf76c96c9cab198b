#pragma once
#include <QString>

namespace kronscope::views {

/// "9.1.0": the VTK the views were built against.
QString vtkVersionString();
/// "6.4.2 (runtime 6.4.2)".
QString qtVersionString();
/// "2.1.0".
QString qcustomplotVersionString();

}  // namespace kronscope::views
