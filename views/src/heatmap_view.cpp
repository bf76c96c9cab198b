#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/colormaps.h"
#include "kronscope/views/plot_layout.h"

#include <qcustomplot.h>

#include <QFontMetricsF>

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
    keepTextReadable(plot_);
    // Cell annotations only where a cell holds its number: hidden when the map is drawn too small for them.
    connect(plot_, &QCustomPlot::beforeReplot, this, [this] {
        const QRect r = plot_->axisRect()->rect();
        if (data_.rows <= 0 || data_.cols <= 0 || r.width() <= 0 || r.height() <= 0) return;
        const double cw = r.width() / static_cast<double>(data_.cols),
                     ch = r.height() / static_cast<double>(data_.rows);
        for (int i = 0; i < plot_->itemCount(); ++i)
            if (auto* t = qobject_cast<QCPItemText*>(plot_->item(i))) {
                const QFontMetricsF fm(t->font());
                t->setVisible(fm.horizontalAdvance(t->text()) + 2.0 <= cw && fm.height() <= ch);
            }
    });
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
    connect(plot_, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) { press_pos_ = e->pos(); });
    connect(plot_, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* e) {
        int row = 0, col = 0;
        if (e->button() == Qt::LeftButton && (e->pos() - press_pos_).manhattanLength() <= 4 &&
            cellAt(e->pos(), &row, &col))
            emit cellClicked(row, col);
    });
}

void HeatmapView::setMatrix(const MatrixData& data) {
    data_ = data;
    const int rows = std::max(1, data.rows), cols = std::max(1, data.cols);
    map_->data()->setSize(cols, rows);
    // A single row or column still needs a non-empty key / value range for the cells to be drawn.
    map_->data()->setRange(cols > 1 ? QCPRange(0, cols - 1) : QCPRange(-0.5, 0.5),
                           rows > 1 ? QCPRange(0, rows - 1) : QCPRange(-0.5, 0.5));
    plot_->clearItems();
    double lo = 0.0, hi = 0.0;
    bool any = false;
    for (int r = 0; r < data.rows; ++r)
        for (int c = 0; c < data.cols; ++c) {
            const double v = data.values[static_cast<size_t>(r) * data.cols + c];
            map_->data()->setCell(c, r, v);
            if (!std::isfinite(v)) continue;
            lo = any ? std::min(lo, v) : v;
            hi = any ? std::max(hi, v) : v;
            any = true;
        }
    QCPColorGradient gradient;
    // Diverging data: blue - white - red (white at the centre), so that values near it read as "no effect"
    // and annotations stay legible.
    auto fromStops = [](const ColorStops& stops) {
        QCPColorGradient g;
        g.clearColorStops();
        for (const auto& [t, c] : stops) g.setColorStopAt(t, c);
        return g;
    };
    const QCPColorGradient diverging = fromStops(divergingStops());
    if (std::isfinite(data.center)) {
        const double m = std::max({data.center - lo, hi - data.center, 1e-12});
        gradient = diverging;
        map_->setDataRange(QCPRange(data.center - m, data.center + m));
    } else if (lo < 0.0 && hi > 0.0) {
        const double m = std::max(-lo, hi);
        gradient = diverging;
        map_->setDataRange(QCPRange(-m, m));
    } else {
        gradient = fromStops(viridisStops());  // sequential: perceptually uniform, colour-blind safe
        map_->setDataRange(QCPRange(lo, hi > lo ? hi : lo + 1.0));
    }
    gradient.setNanHandling(QCPColorGradient::nhTransparent);  // cells without a value (NaN) stay empty
    map_->setGradient(gradient);
    scale_->axis()->setLabel(data.value_label);
    auto labelAxis = [](QCPAxis* axis, const QStringList& labels, int count) {
        if (labels.size() == count && count > 0) {
            QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
            for (int i = 0; i < count; ++i) ticker->addTick(i, labels[i]);
            axis->setTicker(ticker);
        } else if (axis->ticker().dynamicCast<QCPAxisTickerText>()) {
            axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        }
    };
    labelAxis(plot_->xAxis, data.col_labels, data.cols);
    labelAxis(plot_->yAxis, data.row_labels, data.rows);
    plot_->xAxis->setTickLabelRotation(data.col_labels.size() == data.cols && data.cols > 6 ? 45 : 0);
    plot_->xAxis->setLabel(data.col_title.isEmpty() ? tr("column") : data.col_title);
    plot_->yAxis->setLabel(data.row_title.isEmpty() ? tr("row") : data.row_title);
    if (data.annotate && data.rows * data.cols <= 400) {
        for (int r = 0; r < data.rows; ++r)
            for (int c = 0; c < data.cols; ++c) {
                const double v = data.values[static_cast<size_t>(r) * data.cols + c];
                if (!std::isfinite(v)) continue;
                auto* text = new QCPItemText(plot_);
                text->position->setCoords(c, r);
                text->setText(QString::number(v, 'g', 3));
                text->setFont(QFont(font().family(), 8));
                const QColor cell = QColor::fromRgb(gradient.color(v, map_->dataRange()));
                text->setColor(cell.lightnessF() > 0.55 ? Qt::black : Qt::white);  // legible on any cell
            }
    }
    plot_->xAxis->setRange(-0.5, cols - 0.5);
    plot_->yAxis->setRange(-0.5, rows - 0.5);
    plot_->xAxis2->setLabel(data.title);
    replotIfShown(plot_);
}

void HeatmapView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    plot_->replot(QCustomPlot::rpQueuedReplot);  // data may have changed while hidden
}

void HeatmapView::clear() {
    setMatrix(MatrixData{});
}

bool HeatmapView::cellAt(const QPoint& pos, int* row, int* col) const {
    if (data_.values.empty() || !plot_->axisRect()->rect().contains(pos)) return false;
    *col = static_cast<int>(std::lround(plot_->xAxis->pixelToCoord(pos.x())));
    *row = static_cast<int>(std::lround(plot_->yAxis->pixelToCoord(pos.y())));
    return *row >= 0 && *col >= 0 && *row < data_.rows && *col < data_.cols;
}

void HeatmapView::onMouseMove(QMouseEvent* event) {
    if (data_.values.empty()) return;
    const double x = plot_->xAxis->pixelToCoord(event->pos().x());
    const double y = plot_->yAxis->pixelToCoord(event->pos().y());
    const int col = static_cast<int>(std::lround(x));
    const int row = static_cast<int>(std::lround(y));
    if (row < 0 || col < 0 || row >= data_.rows || col >= data_.cols) return;
    const double v = data_.values[static_cast<size_t>(row) * data_.cols + col];
    const QString rname =
        data_.row_labels.size() == data_.rows ? data_.row_labels[row] : QString::number(row);
    const QString cname =
        data_.col_labels.size() == data_.cols ? data_.col_labels[col] : QString::number(col);
    readout_->setText(std::isfinite(v) ? tr("row %1, column %2: %3").arg(rname, cname).arg(v, 0, 'g', 6)
                                       : tr("row %1, column %2: no value").arg(rname, cname));
    emit hovered(row, col, v);
}

}  // namespace kronscope::views
