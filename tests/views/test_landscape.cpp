// The VTK landscape renders off screen under Xvfb: the image is not blank, picking finds a cell, PNG export
// works.
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <limits>

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

    /// A 24 x 2 map (24 matrices, 2 block sizes) keeps a square footprint (a surface, not a ribbon seen
    /// edge-on) and fills a good part of the default view; a ratio centred on 1 uses the diverging map (white
    /// at 1, blue below, red above), any other metric viridis; the 2D heatmap colours agree.
    void colourMapsAndFootprint() {
        LandscapeGrid g;
        for (int r = 0; r < 24; ++r) g.row_labels << QStringLiteral("h.%1.attn.c_attn").arg(r);
        g.col_labels << QStringLiteral("2") << QStringLiteral("4");
        for (int r = 0; r < 24; ++r)
            for (int c = 0; c < 2; ++c) g.values.push_back(0.8 + 0.01 * r + 0.05 * c);
        g.metric = QStringLiteral("Kronecker ratio");
        g.center = 1.0;
        LandscapeView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setGrid(g);
        const auto [fx, fy] = view.footprint();
        QVERIFY(std::abs(fx - fy) < 1e-9);
        const QImage img = view.render(800, 600);
        int non_white = 0;
        for (int y = 0; y < img.height(); y += 4)
            for (int x = 0; x < img.width(); x += 4) non_white += img.pixel(x, y) != qRgb(255, 255, 255);
        QVERIFY2(non_white > (200 * 150) / 8, qPrintable(QString::number(non_white)));
        const QColor white = view.colorFor(1.0), low = view.colorFor(0.8), high = view.colorFor(1.2);
        QVERIFY(white.red() > 240 && white.green() > 240 && white.blue() > 240);
        QVERIFY(low.blue() > low.red());
        QVERIFY(high.red() > high.blue());
        g.center = std::numeric_limits<double>::quiet_NaN();
        g.metric = QStringLiteral("SVD rel. error");
        view.setGrid(g);
        const QColor vmin = view.colorFor(0.8), vmax = view.colorFor(1.08);
        QVERIFY2(std::abs(vmin.red() - 0x44) <= 2 && std::abs(vmin.green() - 0x01) <= 2 &&
                     std::abs(vmin.blue() - 0x54) <= 2,
                 qPrintable(vmin.name()));
        QVERIFY2(std::abs(vmax.red() - 0xfd) <= 2 && std::abs(vmax.green() - 0xe7) <= 2 &&
                     std::abs(vmax.blue() - 0x25) <= 2,
                 qPrintable(vmax.name()));
        if (!qEnvironmentVariableIsEmpty("KRONSCOPE_SCREENSHOT_DIR"))
            img.save(qEnvironmentVariable("KRONSCOPE_SCREENSHOT_DIR") +
                     QStringLiteral("/landscape-24x2.png"));
    }
};

QTEST_MAIN(TestLandscape)
#include "test_landscape.moc"
