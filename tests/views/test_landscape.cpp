// The VTK landscape renders off screen under Xvfb: the image is not blank, picking finds a cell, PNG export
// works.
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "kronscope/views/landscape_view.h"

using kronscope::views::LandscapeGrid;
using kronscope::views::LandscapeView;

class TestLandscape : public QObject {
    Q_OBJECT
  private slots:
    void rendersPicksAndExports() {
        LandscapeGrid g;
        for (int r = 0; r < 8; ++r) g.row_labels << QStringLiteral("h.%1").arg(r);
        for (int n : {2, 4, 8, 16}) g.col_labels << QString::number(n);
        for (int r = 0; r < 8; ++r)
            for (int c = 0; c < 4; ++c) g.values.push_back(0.5 + 0.4 * std::sin(r * 0.7) * std::cos(c * 0.9));
        g.metric = QStringLiteral("Kronecker ratio");
        g.row_title = QStringLiteral("matrix");
        g.col_title = QStringLiteral("block size");
        LandscapeView view;
        view.resize(640, 480);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setGrid(g);
        const QImage img = view.render(640, 480);
        QCOMPARE(img.size(), QSize(640, 480));
        QSet<QRgb> colors;
        int non_white = 0;
        for (int y = 0; y < img.height(); y += 2)
            for (int x = 0; x < img.width(); x += 2) {
                const QRgb p = img.pixel(x, y);
                colors.insert(p);
                if (p != qRgb(255, 255, 255)) ++non_white;
            }
        qInfo("landscape: %d distinct colors, %d of %d sampled pixels not white", int(colors.size()),
              non_white, (img.width() / 2) * (img.height() / 2));
        QVERIFY(colors.size() > 50);
        QVERIFY(non_white > (img.width() / 2) * (img.height() / 2) / 20);
        // Rotating changes the picture.
        view.rotate(40, 10);
        QVERIFY(view.render(640, 480) != img);
        view.resetCamera();
        // Picking: some pixel of the widget hits the surface; its cell is in range.
        int hits = 0;
        for (int y = 60; y < 420 && hits == 0; y += 20)
            for (int x = 60; x < 580 && hits == 0; x += 20) {
                const auto [r, c] = view.pick(QPoint(x, y));
                if (r >= 0) {
                    QVERIFY(r < 8 && c >= 0 && c < 4);
                    ++hits;
                }
            }
        QVERIFY(hits > 0);
        QTemporaryDir tmp;
        QString error;
        const QString png = tmp.filePath(QStringLiteral("landscape.png"));
        QVERIFY2(view.exportPng(png, 800, 600, &error), qPrintable(error));
        QImage back(png);
        QCOMPARE(back.size(), QSize(800, 600));
        if (!qEnvironmentVariableIsEmpty("KRONSCOPE_SCREENSHOT_DIR"))
            back.save(qEnvironmentVariable("KRONSCOPE_SCREENSHOT_DIR") +
                      QStringLiteral("/landscape-test.png"));
    }
};

QTEST_MAIN(TestLandscape)
#include "test_landscape.moc"
