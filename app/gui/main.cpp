// kronscope: the desktop application.
#include <QApplication>
#include <QIcon>

#include "main_window.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Kronscope"));
    QApplication::setOrganizationName(QStringLiteral("Kronscope"));
    QApplication::setApplicationVersion(QStringLiteral(KRONSCOPE_APP_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/kronscope/icons/kronscope.svg")));
    kronscope::app::MainWindow window;
    window.show();
    return QApplication::exec();
}
