#include "kronscope/views/library_versions.h"

#include <qcustomplot.h>
#include <vtkVersion.h>

namespace kronscope::views {

QString vtkVersionString() {
    return QString::fromLatin1(vtkVersion::GetVTKVersion());
}

QString qtVersionString() {
    return QObject::tr("%1 (runtime %2)")
        .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()));
}

QString qcustomplotVersionString() {
    return QStringLiteral(QCUSTOMPLOT_VERSION_STR);
}

}  // namespace kronscope::views
