#include "kronscope/views/heatmap_view.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace kronscope::views {

// A hidden plot (another tab) has no paint buffer yet; it replots when it is shown and resized.
static void replotIfShown(QCustomPlot* plot) {
    if (plot->isVisible() && plot->width() > 0 && plot->height() > 0) plot->replot();
}

HeatmapView::HeatmapView(QWidget* parent) : QWidget(parent) {
    plot_ = new QCustomPlot(this);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->axisRect()->setupFullAxesBox(true);
    plot_->xAxis->setLabel(tr("column"));
    plot_->yAxis->setLabel(tr("row"));
    plot_->yAxis->setRangeReversed(true);  // row 0 at the top, as matrices are read

    map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    map_->setInterpolate(false);
    scale_ = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(0, 1, scale_);
    scale_->setType(QCPAxis::atRight);
    map_->setColorScale(scale_);
    auto* group = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, group);

    readout_ = new QLabel(this);
    readout_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    readout_->setText(tr("Hover over the map to read row, column and value."));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_, 1);
    layout->addWidget(readout_);
    connect(plot_, &QCustomPlot::mouseMove, this, &HeatmapView::onMouseMove);
}

void HeatmapView::setMatrix(const MatrixData& data) {
    data_ = data;
    const int rows = std::max(1, data.rows), cols = std::max(1, data.cols);
    map_->data()->setSize(cols, rows);
    map_->data()->setRange(QCPRange(0, cols - 1), QCPRange(0, rows - 1));
    float lo = 0.0f, hi = 0.0f;
    if (!data.values.empty()) {
        const auto [mn, mx] = std::minmax_element(data.values.begin(), data.values.end());
        lo = *mn;
        hi = *mx;
        for (int r = 0; r < data.rows; ++r)
            for (int c = 0; c < data.cols; ++c)
                map_->data()->setCell(c, r, data.values[static_cast<size_t>(r) * data.cols + c]);
    }
    QCPColorGradient gradient;
    if (lo < 0.0f && hi > 0.0f) {
        const double m = std::max(-lo, hi);
        gradient = QCPColorGradient(QCPColorGradient::gpPolar);
        map_->setDataRange(QCPRange(-m, m));
    } else {
        gradient = QCPColorGradient(QCPColorGradient::gpThermal);
        map_->setDataRange(QCPRange(lo, hi > lo ? hi : lo + 1.0));
    }
    map_->setGradient(gradient);
    scale_->axis()->setLabel(data.value_label);
    plot_->xAxis->setRange(-0.5, cols - 0.5);
    plot_->yAxis->setRange(-0.5, rows - 0.5);
    plot_->xAxis2->setLabel(data.title);
    replotIfShown(plot_);
}

void HeatmapView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    plot_->replot(QCustomPlot::rpQueuedReplot);  // data may have changed while hidden
}

void HeatmapView::clear() { setMatrix(MatrixData{}); }

void HeatmapView::onMouseMove(QMouseEvent* event) {
    if (data_.values.empty()) return;
    const double x = plot_->xAxis->pixelToCoord(event->pos().x());
    const double y = plot_->yAxis->pixelToCoord(event->pos().y());
    const int col = static_cast<int>(std::lround(x));
    const int row = static_cast<int>(std::lround(y));
    if (row < 0 || col < 0 || row >= data_.rows || col >= data_.cols) return;
    const double v = data_.values[static_cast<size_t>(row) * data_.cols + col];
    readout_->setText(tr("row %1, column %2: %3").arg(row).arg(col).arg(v, 0, 'g', 6));
    emit hovered(row, col, v);
}

}  // namespace kronscope::views
