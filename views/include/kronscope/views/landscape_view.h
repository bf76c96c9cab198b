#pragma once
// A 3D structure landscape rendered by VTK: a surface of one per-matrix metric (Kronecker ratio, relative
// error,
// ...) over two categorical axes, e.g. (layer x matrix kind) or (matrix x block size), with axes, a color
// bar, rotate (drag), zoom (wheel) and pick (click: the cell under the mouse is reported so other views can
// select it).
//
// Debian's VTK Qt module is built for Qt 5, so this widget hosts VTK's own OpenGL render window off screen
// and paints the rendered image, forwarding mouse interaction to VTK's camera. It works under Xvfb.
#include <QColor>
#include <QImage>
#include <QStringList>
#include <QWidget>
#include <limits>
#include <memory>
#include <vector>

namespace kronscope::views {

struct LandscapeGrid {
    QStringList row_labels;      // e.g. "h.0.attn.c_attn", ... (y axis)
    QStringList col_labels;      // e.g. "2", "4", "8" (x axis)
    std::vector<double> values;  // row-major rows x cols; NaN = missing
    QString metric;              // z axis and color bar title, e.g. "Kronecker ratio"
    QString row_title, col_title;
    /// Finite: a diverging colour map centred here (1 for a ratio to its null); NaN: viridis.
    double center = std::numeric_limits<double>::quiet_NaN();
};

class LandscapeView : public QWidget {
    Q_OBJECT
  public:
    explicit LandscapeView(QWidget* parent = nullptr);
    ~LandscapeView() override;

    void setGrid(const LandscapeGrid& grid);
    const LandscapeGrid& grid() const { return grid_; }
    bool isEmpty() const { return grid_.values.empty(); }
    /// Renders at width x height and returns the image (also what the widget paints).
    QImage render(int width, int height);
    /// Writes a PNG at width x height. Returns false and fills *error on failure.
    bool exportPng(const QString& path, int width, int height, QString* error);
    /// The grid cell under widget position `pos`, or (-1, -1).
    std::pair<int, int> pick(const QPoint& pos);
    /// Camera: rotate by degrees, zoom by a factor (> 1 zooms in); reset to the default view.
    void rotate(double azimuth, double elevation);
    void zoom(double factor);
    void resetCamera();
    /// The colour the surface's colour map gives `value` (before shading): the colour bar's.
    QColor colorFor(double value) const;
    /// The world-space extent of the surface's footprint, x (columns) and y (rows): equal for any grid.
    std::pair<double, double> footprint() const;

  signals:
    /// A click picked the cell (row, col) of the grid.
    void picked(int row, int col);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

  private:
    struct Vtk;
    std::unique_ptr<Vtk> vtk_;
    LandscapeGrid grid_;
    QImage image_;
    QPoint press_pos_, last_pos_;
    bool dragging_ = false;
};

}  // namespace kronscope::views
