#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QIcon>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

#include "about_dialog.h"
#include "kronscope/core/build_info.h"

// The .qrc is compiled into a static library: register it explicitly.
static void initResources() { Q_INIT_RESOURCE(kronscope); }

namespace kronscope::app {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    initResources();
    if (QApplication::windowIcon().isNull())
        QApplication::setWindowIcon(QIcon(QStringLiteral(":/kronscope/icons/kronscope.svg")));
    setWindowIcon(QApplication::windowIcon());
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Kronscope"));
    resize(1280, 820);

    views_ = new QTabWidget(this);
    views_->setObjectName(QStringLiteral("viewTabs"));
    views_->setDocumentMode(true);
    welcome_ = new QLabel(this);
    welcome_->setObjectName(QStringLiteral("welcome"));
    welcome_->setAlignment(Qt::AlignCenter);
    welcome_->setWordWrap(true);
    welcome_->setText(tr("<h2>Kronscope</h2><p>Kronecker and SVD structure analysis of GPT-2 weights.</p>"));
    views_->addTab(welcome_, tr("Welcome"));
    setCentralWidget(views_);

    createMenus();
    const auto& b = core::buildInfo();
    statusBar()->showMessage(b.cuda_devices > 0 ? tr("Ready. CUDA devices: %1").arg(b.cuda_devices)
                                                : tr("Ready. Device: CPU (no CUDA available)"));
}

void MainWindow::createMenus() {
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);
    quit->setObjectName(QStringLiteral("actionQuit"));

    auto* help = menuBar()->addMenu(tr("&Help"));
    auto* about = help->addAction(tr("&About Kronscope"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::showAbout() {
    AboutDialog dialog(this);
    dialog.exec();
}

}  // namespace kronscope::app
