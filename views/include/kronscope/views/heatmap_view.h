#pragma once
// A matrix heatmap: QCPColorMap with a color scale, zoom and pan with the mouse, and a hover readout
// of row, column and value. Views take plain row-major float data; they never see torch.
#include <QStringList>
#include <QWidget>
#include <limits>
#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QLabel;

namespace kronscope::views {

struct MatrixData {
    int rows = 0;
    int cols = 0;
    std::vector<float> values;  // row-major, rows * cols
    QString title;              // e.g. "h.0.mlp.c_fc.weight  768 x 3072"
    QString value_label;        // color-scale label, e.g. "weight"
    /// Optional axis labels (one per row / column; e.g. "layer 3" and "c_fc"): drawn as tick labels.
    QStringList row_labels, col_labels;
    /// Optional row / column axis titles (default "row" / "column").
    QString row_title, col_title;
    /// A diverging palette centred here (e.g. 1 for a ratio to its null, 0 for a z-score); NaN: automatic.
    double center = std::numeric_limits<double>::quiet_NaN();
    /// Write each cell's value on the map (small matrices only: at most 400 cells).
    bool annotate = false;
};

class HeatmapView : public QWidget {
    Q_OBJECT
  public:
    explicit HeatmapView(QWidget* parent = nullptr);

    /// Shows `data`. The color range is symmetric around zero (diverging palette) unless all values share a
    /// sign.
    void setMatrix(const MatrixData& data);
    void clear();
    bool isEmpty() const { return data_.values.empty(); }
    const MatrixData& matrix() const { return data_; }
    QCustomPlot* plot() const { return plot_; }

  signals:
    /// The cell under the mouse (row, col of the matrix as stored) and its value.
    void hovered(int row, int col, double value);
    /// A click (press and release without dragging) on a cell.
    void cellClicked(int row, int col);

  protected:
    void showEvent(QShowEvent* event) override;

  private:
    void onMouseMove(QMouseEvent* event);
    /// The cell under a widget position of the plot, or false.
    bool cellAt(const QPoint& pos, int* row, int* col) const;
    QPoint press_pos_;

    QCustomPlot* plot_ = nullptr;
    QCPColorMap* map_ = nullptr;
    QCPColorScale* scale_ = nullptr;
    QLabel* readout_ = nullptr;
    MatrixData data_;
};

}  // namespace kronscope::views
