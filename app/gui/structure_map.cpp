#include "structure_map.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>
#include <map>

#include "kronscope/core/decompose/decomposition.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/decompose/null_models.h"

namespace kronscope::app {

StructureMapResult computeStructureMap(const core::Gpt2Model& model, const StructureMapRequest& rq,
                                       core::Progress& progress) {
    StructureMapResult out;
    out.request = rq;
    const auto mats = model.matrices();
    const size_t rows = mats.size(), cols = rq.block_sizes.size();
    out.grid.values.assign(rows * cols, std::nan(""));
    for (const auto& m : mats) {
        out.matrices.push_back(m.name);
        out.grid.row_labels << QString::fromStdString(m.name);
    }
    for (const auto n : rq.block_sizes) out.grid.col_labels << QString::number(n);
    out.grid.row_title = StructureMapView::tr("matrix");
    out.grid.col_title = StructureMapView::tr("block size n");
    const bool ratio = rq.metric == StructureMetric::KroneckerRatio;
    out.grid.metric = ratio ? StructureMapView::tr("Kronecker ratio")
                            : (rq.metric == StructureMetric::KroneckerError ? StructureMapView::tr("Kronecker rel. error")
                                                                            : StructureMapView::tr("SVD rel. error"));
    if (ratio) out.null_mean.assign(rows * cols, 0.0), out.null_std.assign(rows * cols, 0.0);
    std::map<std::tuple<int64_t, int64_t, int64_t>, core::NullStats> nulls;  // (rows, cols, n) -> null
    const double total = static_cast<double>(rows * cols);
    size_t done = 0;
    for (size_t i = 0; i < rows; ++i) {
        const auto w = model.originalMatrix(mats[i].name);
        for (size_t j = 0; j < cols; ++j) {
            progress.throwIfCancelled();
            const int64_t n = rq.block_sizes[j];
            if (w.rows % n == 0 && w.cols % n == 0) {
                const auto spec = core::KroneckerSpec::forBlockSize(w.rows, w.cols, n);
                double value = 0.0;
                if (rq.metric == StructureMetric::SvdError) {
                    value = core::fitTruncatedSvd(w, core::matchedSvdRank(w.rows, w.cols, spec.params())).rel_err;
                } else {
                    const double err = core::fitKronecker(w, spec).rel_err;
                    value = err;
                    if (ratio) {
                        const auto key = std::make_tuple(w.rows, w.cols, n);
                        auto it = nulls.find(key);
                        if (it == nulls.end())
                            it = nulls.emplace(key, core::kroneckerErrorNull(w, spec, core::NullKind::Gaussian,
                                                                             rq.null_draws, rq.seed, nullptr))
                                     .first;
                        value = err / it->second.mean;
                        out.null_mean[i * cols + j] = it->second.mean;
                        out.null_std[i * cols + j] = it->second.std;
                    }
                }
                out.grid.values[i * cols + j] = value;
            }
            progress.report(static_cast<double>(++done) / total,
                            mats[i].name + " n=" + std::to_string(n));
        }
    }
    out.settings = ratio ? StructureMapView::tr("Kronecker ratio = rel. error / mean rel. error of %1 Gaussian matrices "
                                                "of the same shape (seed %2); r = n terms, small factor first")
                               .arg(rq.null_draws)
                               .arg(rq.seed)
                         : (rq.metric == StructureMetric::KroneckerError
                                ? StructureMapView::tr("Kronecker relative error, r = n terms, small factor first")
                                : StructureMapView::tr("relative error of the truncated SVD at the Kronecker parameter count"));
    return out;
}

StructureMapPanel::StructureMapPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("structureMapPanel"));
    auto* form = new QFormLayout(this);
    metric_ = new QComboBox(this);
    metric_->addItem(tr("Kronecker ratio (vs Gaussian null)"), int(StructureMetric::KroneckerRatio));
    metric_->addItem(tr("Kronecker relative error"), int(StructureMetric::KroneckerError));
    metric_->addItem(tr("SVD relative error (matched parameters)"), int(StructureMetric::SvdError));
    form->addRow(tr("Metric"), metric_);
    blocks_ = new QLineEdit(QStringLiteral("2,4,8,16"), this);
    form->addRow(tr("Block sizes"), blocks_);
    draws_ = new QSpinBox(this);
    draws_->setRange(2, 1000);
    draws_->setValue(20);
    form->addRow(tr("Null draws"), draws_);
    run_ = new QPushButton(tr("Compute structure map"), this);
    run_->setObjectName(QStringLiteral("structureRun"));
    run_->setEnabled(false);
    form->addRow(run_);
    auto* hint = new QLabel(tr("Every block matrix at every block size; shown as a 3D landscape. Click a cell to "
                               "select that matrix."),
                            this);
    hint->setWordWrap(true);
    form->addRow(hint);
    connect(run_, &QPushButton::clicked, this, &StructureMapPanel::runRequested);
}

QVariantMap StructureMapPanel::state() const {
    return {{QStringLiteral("metric"), metric_->currentData()},
            {QStringLiteral("blocks"), blocks_->text()},
            {QStringLiteral("null_draws"), draws_->value()}};
}

void StructureMapPanel::setState(const QVariantMap& m) {
    const int i = metric_->findData(m.value(QStringLiteral("metric")));
    if (i >= 0) metric_->setCurrentIndex(i);
    blocks_->setText(m.value(QStringLiteral("blocks"), blocks_->text()).toString());
    draws_->setValue(m.value(QStringLiteral("null_draws"), 20).toInt());
}

void StructureMapPanel::setEnabledForModel(bool has_model) { run_->setEnabled(has_model); }

StructureMapRequest StructureMapPanel::request() const {
    StructureMapRequest r;
    r.metric = static_cast<StructureMetric>(metric_->currentData().toInt());
    r.block_sizes.clear();
    for (const QString& part : blocks_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qlonglong n = part.trimmed().toLongLong(&ok);
        if (!ok || n < 1)
            throw core::InputError(tr("block sizes: '%1' is not a positive integer").arg(part.trimmed()).toStdString());
        r.block_sizes.push_back(n);
    }
    if (r.block_sizes.empty()) throw core::InputError(tr("block sizes: give at least one").toStdString());
    r.null_draws = draws_->value();
    return r;
}

StructureMapView::StructureMapView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("structureMapView"));
    landscape_ = new views::LandscapeView(this);
    summary_ = new QLabel(tr("Compute a structure map from the Experiment panel."), this);
    summary_->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addWidget(landscape_, 1);
    connect(landscape_, &views::LandscapeView::picked, this, [this](int r, int c) {
        if (!has_ || r < 0 || c < 0) return;
        const QString m = QString::fromStdString(result_.matrices[static_cast<size_t>(r)]);
        const double v = result_.grid.values[static_cast<size_t>(r) * result_.grid.col_labels.size() + c];
        summary_->setText(result_.settings + QStringLiteral("<br>") +
                          tr("Picked <b>%1</b> at n = %2: %3 = %4")
                              .arg(m, result_.grid.col_labels[c], result_.grid.metric)
                              .arg(v, 0, 'f', 4));
        emit matrixPicked(m, result_.request.block_sizes[static_cast<size_t>(c)]);
    });
}

void StructureMapView::setResult(const StructureMapResult& r) {
    result_ = r;
    has_ = true;
    landscape_->setGrid(r.grid);
    double lo = 1e300, hi = -1e300;
    for (double v : r.grid.values)
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    summary_->setText(r.settings + QStringLiteral("<br>") +
                      tr("%1 from %2 to %3 over %4 matrices × %5 block sizes. Drag to rotate, wheel to zoom, click to "
                         "select a matrix.")
                          .arg(r.grid.metric)
                          .arg(lo, 0, 'f', 4)
                          .arg(hi, 0, 'f', 4)
                          .arg(r.grid.row_labels.size())
                          .arg(r.grid.col_labels.size()));
}

}  // namespace kronscope::app
