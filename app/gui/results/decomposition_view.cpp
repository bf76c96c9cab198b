#include "results/decomposition_view.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/plots.h"

namespace kronscope::app {

DecompositionView::DecompositionView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("decompositionView"));
    summary_ = new QLabel(
        tr("Decompose a matrix from the Decomposition panel to see its fit, error, spectra and factors."),
        this);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    fit_ = new views::HeatmapView(this);
    error_ = new views::HeatmapView(this);
    spectrum_ = new views::SpectrumPlot(this);
    factor_a_ = new views::HeatmapView(this);
    factor_s_ = new views::HeatmapView(this);
    factor_k_ = new QSpinBox(this);
    factor_k_->setRange(1, 1);
    factor_k_->setPrefix(tr("k = "));
    factor_label_ = new QLabel(this);

    auto* factors = new QWidget(this);
    auto* fl = new QVBoxLayout(factors);
    fl->setContentsMargins(0, 0, 0, 0);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Kronecker factors"), factors));
    top->addWidget(factor_k_);
    top->addWidget(factor_label_, 1);
    fl->addLayout(top);
    auto* pair = new QSplitter(Qt::Horizontal, factors);
    pair->addWidget(factor_a_);
    pair->addWidget(factor_s_);
    fl->addWidget(pair, 1);

    auto* grid = new QGridLayout;
    grid->addWidget(fit_, 0, 0);
    grid->addWidget(error_, 0, 1);
    grid->addWidget(spectrum_, 1, 0);
    grid->addWidget(factors, 1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addLayout(grid, 1);
    connect(factor_k_, &QSpinBox::valueChanged, this, [this](int k) { showFactor(k); });
}

QString DecompositionView::summaryText() const {
    return summary_->text();
}

void DecompositionView::setOutcome(const DecompositionOutcome& o) {
    outcome_ = o;
    has_ = true;
    const auto& r = o.request;
    const double ratio = o.null.mean > 0 ? o.rel_err / o.null.mean : 0.0;
    QString text = tr("<b>%1</b> (%2 × %3): %4<br>relative error <b>%5</b> — %6; ratio to null %7, z = %8<br>"
                      "%9 parameters instead of %10 (%11%)")
                       .arg(QString::fromStdString(r.matrix))
                       .arg(o.rows)
                       .arg(o.cols)
                       .arg(QString::fromStdString(o.settings).toHtmlEscaped())
                       .arg(o.rel_err, 0, 'f', 4)
                       .arg(QString::fromStdString(o.null.describe()).toHtmlEscaped())
                       .arg(ratio, 0, 'f', 3)
                       .arg(o.null.z(o.rel_err), 0, 'f', 1)
                       .arg(o.params)
                       .arg(o.dense_params)
                       .arg(100.0 * static_cast<double>(o.params) /
                                static_cast<double>(std::max<int64_t>(1, o.dense_params)),
                            0, 'f', 2);
    if (o.hasPermutedNull())
        text += QStringLiteral("<br>") +
                tr("%1; ratio %2, z = %3")
                    .arg(QString::fromStdString(o.permuted.describe()).toHtmlEscaped())
                    .arg(o.permuted.mean > 0 ? o.rel_err / o.permuted.mean : 0.0, 0, 'f', 3)
                    .arg(o.permuted.z(o.rel_err), 0, 'f', 1);
    if (o.row_col.draws > 0)
        text += QStringLiteral("<br>") +
                tr("%1; ratio %2, z = %3")
                    .arg(QString::fromStdString(o.row_col.describe()).toHtmlEscaped())
                    .arg(o.row_col.mean > 0 ? o.rel_err / o.row_col.mean : 0.0, 0, 'f', 3)
                    .arg(o.row_col.z(o.rel_err), 0, 'f', 1);
    summary_->setText(text);
    // Every figure carries its settings (and the null beside the error) when exported.
    const QString note = tr("%1, %2; model %3; rel. error %4 (%5)")
                             .arg(QString::fromStdString(r.matrix), QString::fromStdString(o.settings),
                                  QString::fromStdString(o.model_hash))
                             .arg(o.rel_err, 0, 'g', 4)
                             .arg(QString::fromStdString(o.null.describe()));
    for (auto* plot : {fit_->plot(), error_->plot(), spectrum_->plot(), factor_a_->plot(), factor_s_->plot()})
        views::setPlotFootnote(plot, note);

    const core::MatrixF& fit = r.kronecker ? o.kron.approximation : o.svd.approximation;
    const core::MatrixF& err = r.kronecker ? o.kron.error : o.svd.error;
    auto toData = [](const core::MatrixF& m, const QString& title, const QString& label) {
        views::MatrixData d;
        d.rows = static_cast<int>(m.rows);
        d.cols = static_cast<int>(m.cols);
        d.values = m.values;
        d.title = title;
        d.value_label = label;
        return d;
    };
    const QString method =
        r.kronecker ? tr("Kronecker n=%1").arg(r.block_size) : tr("SVD rank %1").arg(o.svd.rank);
    fit_->setMatrix(toData(fit, tr("fit: %1").arg(method), tr("weight")));
    error_->setMatrix(toData(err, tr("error W − fit (rel. %1)").arg(o.rel_err, 0, 'f', 4), tr("error")));

    std::vector<views::SpectrumPlot::Series> series;
    series.push_back({tr("W"), o.svd.singular_values, static_cast<int>(o.svd.rank)});
    if (r.kronecker) series.push_back({tr("R(W)"), o.kron.singular_values, static_cast<int>(o.kron.terms)});
    spectrum_->setSeries(series, r.kronecker ? tr("Spectra of W and R(W)") : tr("Spectrum of W"));
    if (r.kronecker && o.kron.terms > 0) {
        factor_k_->setEnabled(true);
        factor_k_->setRange(1, static_cast<int>(o.kron.terms));
        factor_k_->setValue(1);
        showFactor(1);
    } else {
        factor_k_->setEnabled(false);
        factor_a_->clear();
        factor_s_->clear();
        factor_label_->setText(tr("(SVD has no Kronecker factors)"));
    }
}

void DecompositionView::showFactor(int k) {
    if (!has_ || !outcome_.request.kronecker) return;
    const auto& kr = outcome_.kron;
    const auto& sp = kr.spec;
    if (k < 1 || k > kr.terms) return;
    const size_t ka = static_cast<size_t>(sp.m1 * sp.p1), ks = static_cast<size_t>(sp.m2 * sp.p2);
    views::MatrixData a, s;
    a.rows = static_cast<int>(sp.m1);
    a.cols = static_cast<int>(sp.p1);
    a.values.assign(kr.a.begin() + static_cast<std::ptrdiff_t>((k - 1) * ka),
                    kr.a.begin() + static_cast<std::ptrdiff_t>(k * ka));
    a.title = tr("A_%1 (%2 × %3)").arg(k).arg(sp.m1).arg(sp.p1);
    a.value_label = tr("A");
    s.rows = static_cast<int>(sp.m2);
    s.cols = static_cast<int>(sp.p2);
    s.values.assign(kr.s.begin() + static_cast<std::ptrdiff_t>((k - 1) * ks),
                    kr.s.begin() + static_cast<std::ptrdiff_t>(k * ks));
    s.title = tr("S_%1 (%2 × %3)").arg(k).arg(sp.m2).arg(sp.p2);
    s.value_label = tr("S");
    factor_a_->setMatrix(a);
    factor_s_->setMatrix(s);
    factor_label_->setText(
        tr("σ_%1 of R(W) = %2").arg(k).arg(kr.singular_values[static_cast<size_t>(k - 1)], 0, 'g', 5));
}

}  // namespace kronscope::app
