// Drives the real main window under Xvfb.
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QStandardItemModel>
#include <QDialog>
#include <QLabel>
#include <QTimer>
#include <QtTest>

#include "widgets/about_dialog.h"
#include "kronscope/core/base/build_info.h"
#include "gui_test_util.h"
#include "main_window.h"
#include "pages/perplexity_panel.h"

using kronscope::app::MainWindow;

class TestMainWindow : public QObject {
    Q_OBJECT
  private slots:
    void startsWithIconAndMenus() {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(!w.windowIcon().isNull());
        QVERIFY(!w.windowIcon().pixmap(64, 64).isNull());  // the SVG really renders
        QVERIFY(w.findChild<QAction*>(QStringLiteral("actionAbout")));
        QVERIFY(w.findChild<QAction*>(QStringLiteral("actionQuit")));
    }

    void aboutShowsLibraryVersions() {
        const QString text = kronscope::app::AboutDialog::versionsText();
        for (const char* lib : {"Qt ", "LibTorch ", "VTK ", "HDF5 ", "CUDA", "QCustomPlot "})
            QVERIFY2(text.contains(QLatin1String(lib)), lib);
        // Open the real dialog from the menu action and close it again.
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        bool seen = false;
        QTimer::singleShot(200, [&] {
            auto* dlg = qobject_cast<QDialog*>(QApplication::activeModalWidget());
            if (dlg) {
                seen = dlg->findChild<QLabel*>(QStringLiteral("versionsLabel")) != nullptr;
                dlg->reject();
            }
        });
        w.findChild<QAction*>(QStringLiteral("actionAbout"))->trigger();
        QVERIFY(seen);
    }

    // The Perplexity page's precision: f32 on the CPU (the reduced ones listed but disabled, since core
    // refuses them there); on a CUDA device all four can be chosen, and going back to the CPU returns to f32.
    void precisionFollowsTheDevice() {
        MainWindow w;
        auto* panel = w.perplexityPanel();
        auto* device = panel->findChild<QComboBox*>(QStringLiteral("pplDevice"));
        auto* dtype = panel->findChild<QComboBox*>(QStringLiteral("pplDtype"));
        QVERIFY(device && dtype);
        QCOMPARE(dtype->count(), 4);
        QCOMPARE(panel->device(), QStringLiteral("cpu"));
        QCOMPARE(panel->dtype(), QStringLiteral("f32"));
        auto* m = qobject_cast<QStandardItemModel*>(dtype->model());
        for (int i = 1; i < 4; ++i) QVERIFY(!m->item(i)->isEnabled());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        kronscope::test::shot(w, QStringLiteral("precision.png"));
        if (kronscope::core::buildInfo().cuda_devices == 0) return;
        device->setCurrentIndex(device->findData(QStringLiteral("cuda:0")));
        for (int i = 1; i < 4; ++i) QVERIFY(m->item(i)->isEnabled());
        dtype->setCurrentIndex(dtype->findData(QStringLiteral("bf16")));
        QCOMPARE(panel->dtype(), QStringLiteral("bf16"));
        device->setCurrentIndex(0);
        QCOMPARE(panel->dtype(), QStringLiteral("f32"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
