#include "results/mechanism_view.h"

#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>
#include <cmath>
#include <map>

#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/plots.h"
#include "kronscope/views/result_table.h"

namespace kronscope::app {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}
QVariant num(double v) {
    if (std::isinf(v)) return QStringLiteral("inf");
    return std::isfinite(v) ? QVariant(v) : QVariant(QStringLiteral("-"));
}
QLabel* note(QWidget* parent) {
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}
const char* kKinds[] = {"attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"};

}  // namespace

MechanismView::MechanismView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("mechanismView"));
    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("mechanismTabs"));
    error_plot_ = new views::GroupedBarPlot(this);
    error_table_ = new views::ResultTable(
        {tr("Matrix"), tr("Kronecker act. err"), tr("SVD act. err"), tr("Kronecker Frobenius"),
         tr("SVD Frobenius"), tr("Kronecker params"), tr("SVD params"), tr("Winner (act.)")},
        this);
    error_note_ = note(this);
    tabs_->addTab(page({error_plot_, error_table_}, error_note_), tr("Activation error"));
    cond_table_ = new views::ResultTable(
        {tr("Matrix"), tr("cond W"), tr("cond W_kron"), tr("cond W_svd"), tr("rank W"), tr("rank W_kron"),
         tr("rank W_svd"), tr("of"), tr("eff. rank W"), tr("eff. rank W_kron"), tr("eff. rank W_svd")},
        this);
    cond_note_ = note(this);
    tabs_->addTab(page({cond_table_}, cond_note_), tr("Conditioning"));
    null_plot_ = new views::CurvePlot(this);
    null_table_ = new views::ResultTable({tr("eps"), tr("PPL"), tr("Gap reduction (%)")}, this);
    null_note_ = note(this);
    tabs_->addTab(page({null_plot_, null_table_}, null_note_), tr("Nullspace noise"));
    scan_map_ = new views::HeatmapView(this);
    scan_map_->setObjectName(QStringLiteral("mechanismScanMap"));
    add_table_ =
        new views::ResultTable({tr("Method"), tr("n"), tr("All at once: PPL"), tr("All at once: Δ mean NLL"),
                                tr("Sum of single Δ mean NLL"), tr("Ratio")},
                               this);
    scan_table_ = new views::ResultTable(
        {tr("Matrix"), tr("Method"), tr("n"), tr("PPL"), tr("Mean NLL"), tr("Δ mean NLL")}, this);
    scan_note_ = note(this);
    tabs_->addTab(page({scan_map_, add_table_, scan_table_}, scan_note_), tr("Single-matrix scan"));
    prop_plot_ = new views::CurvePlot(this);
    prop_table_ =
        new views::ResultTable({tr("Configuration"), tr("Layer"), tr("Rel. error"), tr("Cosine")}, this);
    prop_note_ = note(this);
    tabs_->addTab(page({prop_plot_, prop_table_}, prop_note_), tr("Error propagation"));
    for (QWidget* w : std::initializer_list<QWidget*>{error_plot_, null_plot_, scan_map_, prop_plot_})
        w->setMinimumHeight(320);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs_);
}

QWidget* MechanismView::page(std::initializer_list<QWidget*> widgets, QLabel* text) {
    auto* p = new QWidget(this);
    auto* split = new QSplitter(Qt::Vertical, p);
    int i = 0;
    for (auto* w : widgets) {
        split->addWidget(w);
        split->setStretchFactor(i, i == 0 ? 3 : 2);
        ++i;
    }
    auto* l = new QVBoxLayout(p);
    l->addWidget(split, 1);
    l->addWidget(text);
    return p;
}

void MechanismView::setResults(const std::vector<core::MechanismResult>& results) {
    results_ = results;
    for (const auto& r : results_) {
        switch (r.request.analysis) {
            case core::MechanismAnalysis::ActivationError:
                showErrors(r);
                break;
            case core::MechanismAnalysis::Conditioning:
                showConditioning(r);
                break;
            case core::MechanismAnalysis::Nullspace:
                showNullspace(r);
                break;
            case core::MechanismAnalysis::Scan:
                showScan(r);
                break;
            case core::MechanismAnalysis::Propagation:
                showPropagation(r);
                break;
        }
    }
}

void MechanismView::showAnalysis(core::MechanismAnalysis a) {
    tabs_->setCurrentIndex(static_cast<int>(a));
}

core::MechanismAnalysis MechanismView::currentAnalysis() const {
    return static_cast<core::MechanismAnalysis>(tabs_->currentIndex());
}

void MechanismView::showErrors(const core::MechanismResult& r) {
    error_table_->clear();
    QStringList cats;
    std::vector<std::vector<double>> v(4);
    std::map<std::string, std::pair<int, int>> wins;
    int k = 0;
    for (const auto& e : r.errors) {
        const bool kron = e.kron.act_rel_err < e.svd.act_rel_err;
        error_table_->addRow({qs(e.matrix), e.kron.act_rel_err, e.svd.act_rel_err, e.kron.rel_err,
                              e.svd.rel_err, qlonglong(e.kron.params), qlonglong(e.svd.params),
                              kron ? tr("Kronecker") : tr("SVD")});
        cats << qs(e.matrix);
        v[0].push_back(e.kron.rel_err), v[1].push_back(e.kron.act_rel_err), v[2].push_back(e.svd.rel_err),
            v[3].push_back(e.svd.act_rel_err);
        auto& w = wins[e.kind];
        w.first += kron, ++w.second, k += kron;
    }
    error_plot_->setBars(cats,
                         {tr("Kronecker ‖W − fit‖/‖W‖"), tr("Kronecker ‖X(W − fit)‖/‖XW‖"),
                          tr("SVD ‖W − fit‖/‖W‖"), tr("SVD ‖X(W − fit)‖/‖XW‖")},
                         v, tr("Per-matrix error: Frobenius beside activation-weighted"),
                         tr("relative error"));
    QStringList parts;
    for (const auto& [kind, w] : wins)
        parts << QStringLiteral("%1 %2/%3").arg(qs(kind)).arg(w.first).arg(w.second);
    const QString text =
        tr("Kronecker wins (activation-weighted): %1; all %2/%3 (seed 000: 0/48). X: the inputs of each "
           "matrix over %4 positions. %5")
            .arg(parts.join(QStringLiteral(", ")))
            .arg(k)
            .arg(r.errors.size())
            .arg(r.positions)
            .arg(qs(r.settings));
    error_note_->setText(text);
    views::setPlotFootnote(error_plot_->plot(),
                           qs(r.settings + "; text " + r.text_name + "; model " + r.model_hash));
}

void MechanismView::showConditioning(const core::MechanismResult& r) {
    cond_table_->clear();
    for (const auto& c : r.conditioning)
        cond_table_->addRow({qs(c.matrix), num(c.original.cond), num(c.kron.cond), num(c.svd.cond),
                             qlonglong(c.original.numerical_rank), qlonglong(c.kron.numerical_rank),
                             qlonglong(c.svd.numerical_rank), qlonglong(c.full_rank),
                             c.original.effective_rank, c.kron.effective_rank, c.svd.effective_rank});
    auto fmt = [](double v) { return std::isinf(v) ? QStringLiteral("inf") : QString::number(v, 'g', 3); };
    cond_note_->setText(
        tr("Median cond: W %1, Kronecker %2, SVD %3 (seed 000 at n = 16: 83.8 / 52.5 / 2.9e16). Median "
           "numerical rank %4 / %5 / %6. Full float64 SVDs, fits formed in float64. %7")
            .arg(fmt(r.median_original.cond), fmt(r.median_kron.cond), fmt(r.median_svd.cond))
            .arg(r.median_original.numerical_rank)
            .arg(r.median_kron.numerical_rank)
            .arg(r.median_svd.numerical_rank)
            .arg(qs(r.settings)));
}

void MechanismView::showNullspace(const core::MechanismResult& r) {
    null_table_->clear();
    views::CurvePlot::Curve c{tr("W_svd + eps N_perp"), {}, {}};
    double best = 0.0;
    for (const auto& p : r.nullspace) {
        null_table_->addRow({p.eps, p.ppl, 100.0 * p.gap_reduction});
        c.x.push_back(p.eps), c.y.push_back(p.ppl);
        best = std::max(best, p.gap_reduction);
    }
    null_plot_->setCurves({c},
                          {{tr("Kronecker surgery"), r.kron_ppl},
                           {tr("SVD surgery"), r.svd_ppl},
                           {tr("unmodified"), r.baseline_ppl}},
                          tr("Nullspace noise on the SVD fits"), tr("eps (noise norm / ||W − W_svd||)"),
                          tr("perplexity"), true);
    views::setPlotFootnote(null_plot_->plot(), qs(r.settings + "; text " + r.text_name));
    null_note_->setText(
        tr("The largest share of the SVD–Kronecker gap closed by noise outside the SVD's spaces: %1% (seed "
           "000: at best 4%). %2")
            .arg(100.0 * best, 0, 'f', 2)
            .arg(qs(r.settings)));
}

void MechanismView::showScan(const core::MechanismResult& r) {
    scan_table_->clear();
    add_table_->clear();
    int layers = 0;
    for (const auto& s : r.scan) layers = std::max(layers, s.layer + 1);
    const int64_t n = r.request.block_sizes.front();
    std::map<std::pair<std::string, std::string>, double> ppl;  // (matrix, method) at the first n
    for (const auto& s : r.scan) {
        scan_table_->addRow({qs(s.matrix), qs(s.method), qlonglong(s.block_size), s.ppl, s.mean_nll,
                             s.mean_nll - r.baseline_mean_nll});
        if (s.block_size == n) ppl[{s.matrix, s.method}] = s.ppl;
    }
    views::MatrixData m;
    m.rows = layers, m.cols = 4;
    m.values.assign(static_cast<size_t>(layers * 4), std::nanf(""));
    int kron_wins = 0, cells = 0;
    for (const auto& s : r.scan) {
        if (s.block_size != n || s.method != "kron") continue;
        const auto it = ppl.find({s.matrix, "svd"});
        if (it == ppl.end()) continue;
        for (int k = 0; k < 4; ++k)
            if (s.kind == kKinds[k])
                m.values[static_cast<size_t>(s.layer * 4 + k)] = static_cast<float>(it->second - s.ppl);
        kron_wins += it->second > s.ppl, ++cells;
    }
    for (int l = 0; l < layers; ++l) m.row_labels << tr("layer %1").arg(l);
    m.col_labels = QStringList{QStringLiteral("c_attn"), QStringLiteral("attn proj"), QStringLiteral("c_fc"),
                               QStringLiteral("mlp proj")};
    m.row_title = tr("layer");
    m.col_title = tr("matrix");
    m.title = tr("Gap PPL_svd − PPL_kron, one matrix at a time, n = %1 (> 0: Kronecker better)").arg(n);
    m.value_label = tr("PPL gap");
    m.center = 0.0;
    m.annotate = layers * 4 <= 400;
    scan_map_->setMatrix(m);
    views::setPlotFootnote(scan_map_->plot(), qs(r.settings + "; text " + r.text_name), 80);
    for (const auto& a : r.additivity)
        add_table_->addRow({qs(a.method), qlonglong(a.block_size), a.full_ppl, a.full_delta_nll,
                            a.sum_single_delta_nll,
                            a.sum_single_delta_nll != 0 ? QVariant(a.full_delta_nll / a.sum_single_delta_nll)
                                                        : QVariant(QStringLiteral("-"))});
    scan_note_->setText(
        tr("Baseline PPL %1. Kronecker better on %2 of %3 single-matrix surgeries at n = %4. Prefix reuse "
           "%5 (%6 GB). Additivity: the change of all at once beside the sum of single changes. %7")
            .arg(r.baseline_ppl, 0, 'f', 3)
            .arg(kron_wins)
            .arg(cells)
            .arg(n)
            .arg(r.prefix_reuse ? tr("on") : tr("off"))
            .arg(r.cache_gb, 0, 'f', 2)
            .arg(qs(r.settings) + (r.complete ? QString() : tr(" (incomplete: cancelled)"))));
}

void MechanismView::showPropagation(const core::MechanismResult& r) {
    prop_table_->clear();
    std::vector<views::CurvePlot::Curve> curves;
    for (const auto& p : r.propagation) {
        views::CurvePlot::Curve c{
            QStringLiteral("%1 (PPL %2)").arg(qs(p.config), QString::number(p.ppl, 'g', 4)), {}, {}};
        for (size_t l = 0; l < p.rel_err.size(); ++l) {
            c.x.push_back(static_cast<double>(l)), c.y.push_back(p.rel_err[l]);
            prop_table_->addRow({qs(p.config), qlonglong(l), p.rel_err[l], p.cosine[l]});
        }
        curves.push_back(c);
    }
    prop_plot_->setCurves(curves, {}, tr("Residual-stream error after each block"), tr("layer"),
                          tr("‖h′ − h‖ / ‖h‖ (log scale)"), true);
    views::setPlotFootnote(prop_plot_->plot(), qs(r.settings + "; text " + r.text_name));
    prop_note_->setText(
        tr("Per layer: the relative error and mean cosine of the surgered model's residual stream "
           "against the original's on the same windows. %1")
            .arg(qs(r.settings)));
}

QList<QPair<QString, QCustomPlot*>> MechanismView::figures() const {
    switch (currentAnalysis()) {
        case core::MechanismAnalysis::ActivationError:
            return {qMakePair(tr("Activation error"), error_plot_->plot())};
        case core::MechanismAnalysis::Nullspace:
            return {qMakePair(tr("Nullspace noise"), null_plot_->plot())};
        case core::MechanismAnalysis::Scan:
            return {qMakePair(tr("Scan gap map"), scan_map_->plot())};
        case core::MechanismAnalysis::Propagation:
            return {qMakePair(tr("Error propagation"), prop_plot_->plot())};
        default:
            return {};
    }
}

views::ResultTable* MechanismView::table() const {
    switch (currentAnalysis()) {
        case core::MechanismAnalysis::ActivationError:
            return error_table_;
        case core::MechanismAnalysis::Conditioning:
            return cond_table_;
        case core::MechanismAnalysis::Nullspace:
            return null_table_;
        case core::MechanismAnalysis::Scan:
            return scan_table_;
        case core::MechanismAnalysis::Propagation:
            return prop_table_;
    }
    return nullptr;
}

}  // namespace kronscope::app
