#include "results/structure_map_view.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>
#include <cmath>
#include <map>

#include "kronscope/core/decompose/decomposition.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/decompose/null_models.h"
#include "kronscope/views/plots.h"

namespace kronscope::app {

views::LandscapeGrid StructureMapView::landscapeGrid(const StructureMapResult& r) {
    views::LandscapeGrid g;
    for (const auto& m : r.matrices) g.row_labels << QString::fromStdString(m);
    for (const auto n : r.request.block_sizes) g.col_labels << QString::number(n);
    g.values = r.values;
    g.row_title = tr("matrix");
    g.col_title = tr("block size n");
    switch (r.request.metric) {
        case core::MapMetric::KronRatio:
            g.metric = tr("Kronecker ratio");
            g.center = 1.0;  // 1 = no better than the null: white in the diverging map
            break;
        case core::MapMetric::KronErr:
            g.metric = tr("Kronecker rel. error");
            break;
        case core::MapMetric::SvdErr:
            g.metric = tr("SVD rel. error");
            break;
    }
    return g;
}

views::MatrixData StructureMapView::heatmapData(const views::LandscapeGrid& g) {
    views::MatrixData d;
    d.rows = static_cast<int>(g.row_labels.size());
    d.cols = static_cast<int>(g.col_labels.size());
    d.values.assign(g.values.begin(), g.values.end());
    d.title = g.metric;
    d.value_label = g.metric;
    d.row_labels = g.row_labels;
    d.col_labels = g.col_labels;
    d.row_title = g.row_title;
    d.col_title = g.col_title;
    d.center = g.center;
    d.annotate = d.rows * d.cols <= 120;
    return d;
}

StructureMapView::StructureMapView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("structureMapView"));
    landscape_ = new views::LandscapeView(this);
    heatmap_ = new views::HeatmapView(this);
    heatmap_->setObjectName(QStringLiteral("structureMapHeatmap"));
    summary_ = new QLabel(tr("Compute a structure map from the Experiment panel."), this);
    summary_->setWordWrap(true);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(landscape_);
    split->addWidget(heatmap_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addWidget(split, 1);
    connect(heatmap_, &views::HeatmapView::cellClicked, landscape_, &views::LandscapeView::picked);
    connect(landscape_, &views::LandscapeView::picked, this, [this](int r, int c) {
        if (!has_ || r < 0 || c < 0) return;
        const QString m = QString::fromStdString(result_.matrices[static_cast<size_t>(r)]);
        const double v = result_.at(static_cast<size_t>(r), static_cast<size_t>(c));
        summary_->setText(QString::fromStdString(result_.settings).toHtmlEscaped() + QStringLiteral("<br>") +
                          tr("Picked <b>%1</b> at n = %2: %3 = %4")
                              .arg(m, grid_.col_labels[c], grid_.metric)
                              .arg(v, 0, 'f', 4));
        emit matrixPicked(m, result_.request.block_sizes[static_cast<size_t>(c)]);
    });
}

void StructureMapView::setResult(const StructureMapResult& r) {
    result_ = r;
    grid_ = landscapeGrid(r);
    has_ = true;
    landscape_->setGrid(grid_);
    heatmap_->setMatrix(heatmapData(grid_));
    views::setPlotFootnote(heatmap_->plot(), QString::fromStdString(r.settings));
    double lo = 1e300, hi = -1e300;
    for (double v : r.values)
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    summary_->setText(
        QString::fromStdString(r.settings).toHtmlEscaped() + QStringLiteral("<br>") +
        tr("%1 from %2 to %3 over %4 matrices × %5 block sizes. Drag to rotate, wheel to zoom, click to "
           "select a matrix.")
            .arg(grid_.metric)
            .arg(lo, 0, 'f', 4)
            .arg(hi, 0, 'f', 4)
            .arg(grid_.row_labels.size())
            .arg(grid_.col_labels.size()));
}

}  // namespace kronscope::app
