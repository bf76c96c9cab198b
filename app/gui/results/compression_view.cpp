#include "results/compression_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>
#include <cmath>

#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/plots.h"
#include "kronscope/views/result_table.h"

namespace kronscope::app {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QVariant numOrDash(double v) {
    return std::isfinite(v) ? QVariant(v) : QVariant(QStringLiteral("-"));
}

QLabel* note(QWidget* parent) {
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

QWidget* column(QWidget* parent, std::initializer_list<QWidget*> widgets,
                std::initializer_list<int> stretch) {
    auto* split = new QSplitter(Qt::Vertical, parent);
    for (auto* w : widgets) split->addWidget(w);
    int i = 0;
    for (int s : stretch) split->setStretchFactor(i++, s);
    return split;
}

QString nullText(const core::NullStats& n, double score) {
    if (n.draws == 0) return QStringLiteral("-");
    return QStringLiteral("%1 ± %2 (z %3)")
        .arg(n.mean, 0, 'f', 4)
        .arg(n.std, 0, 'f', 4)
        .arg(n.std > 0 ? QString::number(n.z(score), 'f', 1) : QStringLiteral("-"));
}

/// "equals the null" / "above the null" by the Gaussian null's z.
QString verdict(const core::ProcrustesResult& r) {
    if (!std::isfinite(r.reduction)) return CompressionView::tr("undefined (A = B)");
    const double z = r.gaussian.z(r.reduction);
    if (std::fabs(z) < 3) return CompressionView::tr("equals the null");
    return z > 0 ? CompressionView::tr("above the null by %1").arg(r.reduction - r.gaussian.mean, 0, 'f', 4)
                 : CompressionView::tr("below the null");
}

const char* kKinds[] = {"attn.c_attn.q", "attn.c_attn.k", "attn.c_attn.v",
                        "attn.c_proj",   "mlp.c_fc",      "mlp.c_proj"};

}  // namespace

CompressionView::CompressionView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("compressionView"));
    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("compressionTabs"));
    tabs_->addTab(statisticsPage(), tr("Statistics"));
    tabs_->addTab(quantizationPage(), tr("Quantization"));
    tabs_->addTab(damagePage(), tr("Damage ranking"));
    tabs_->addTab(pruningPage(), tr("Pruning × int-k"));
    tabs_->addTab(procrustesPage(), tr("Procrustes"));
    tabs_->addTab(comparisonPage(), tr("Comparison"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs_);
}

QWidget* CompressionView::statisticsPage() {
    auto* page = new QWidget(this);
    stats_table_ = new views::ResultTable({tr("Rank"), tr("Tensor"), tr("Shape"), tr("Mean"), tr("Std"),
                                           tr("Kurtosis"), tr("Max |w|"), tr("Outliers > 6 std")},
                                          page);
    stats_table_->setObjectName(QStringLiteral("compressionStatsTable"));
    stats_map_ = new views::HeatmapView(page);
    stats_map_->setObjectName(QStringLiteral("compressionStatsMap"));
    stat_key_ = new QComboBox(page);
    stat_key_->setObjectName(QStringLiteral("compressionStatKey"));
    stat_key_->addItem(tr("excess kurtosis"), QStringLiteral("kurtosis"));
    stat_key_->addItem(tr("std"), QStringLiteral("std"));
    stat_key_->addItem(tr("max |w|"), QStringLiteral("max_abs"));
    stat_key_->addItem(tr("outlier share"), QStringLiteral("outlier_share"));
    connect(stat_key_, &QComboBox::currentIndexChanged, this, [this] { showStats(); });
    stat_1d_ = new QCheckBox(tr("List 1-D tensors (biases, LayerNorms)"), page);
    stat_1d_->setObjectName(QStringLiteral("compressionStat1d"));
    stat_1d_->setToolTip(
        tr("Their few entries make kurtosis noisy; the JSON and exports always hold every tensor."));
    connect(stat_1d_, &QCheckBox::toggled, this, [this] { showStats(); });
    stats_note_ = note(page);
    auto* right = new QWidget(page);
    auto* rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Heatmap of"), right));
    row->addWidget(stat_key_);
    row->addStretch(1);
    row->addWidget(stat_1d_);
    rl->addLayout(row);
    rl->addWidget(stats_map_, 1);
    auto* split = new QSplitter(Qt::Horizontal, page);
    split->addWidget(stats_table_);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* l = new QVBoxLayout(page);
    l->addWidget(split, 1);
    l->addWidget(stats_note_);
    return page;
}

QWidget* CompressionView::quantizationPage() {
    auto* page = new QWidget(this);
    quant_table_ = new views::ResultTable(
        {tr("Run"), tr("Settings"), tr("Bytes (zstd)"), tr("MB"), tr("% of fp16"), tr("MSE"), tr("Rel. MSE"),
         tr("PPL"), tr("Unquantized PPL"), tr("Δ PPL"), tr("Tokens scored"), tr("Text"), tr("Model hash")},
        page);
    quant_table_->setObjectName(QStringLiteral("compressionQuantTable"));
    unit_table_ = new views::ResultTable(
        {tr("Unit"), tr("Shape"), tr("Storage"), tr("MSE"), tr("Rel. MSE"), tr("Pruned")}, page);
    unit_table_->setObjectName(QStringLiteral("compressionUnitTable"));
    quant_note_ = note(page);
    auto* l = new QVBoxLayout(page);
    l->addWidget(column(page, {quant_table_, unit_table_}, {2, 3}), 1);
    l->addWidget(quant_note_);
    return page;
}

QWidget* CompressionView::damagePage() {
    auto* page = new QWidget(this);
    damage_plot_ = new views::ScoreNullPlot(page);
    damage_table_ =
        new views::ResultTable({tr("Rank"), tr("Unit"), tr("Rel. MSE"), tr("PPL"), tr("Δ PPL")}, page);
    damage_table_->setObjectName(QStringLiteral("compressionDamageTable"));
    auto* l = new QVBoxLayout(page);
    l->addWidget(column(page, {damage_plot_, damage_table_}, {3, 2}));
    return page;
}

QWidget* CompressionView::pruningPage() {
    auto* page = new QWidget(this);
    prune_plot_ = new views::PruneSweepPlot(page);
    prune_plot_->setObjectName(QStringLiteral("compressionPrunePlot"));
    prune_table_ = new views::ResultTable({tr("Prune %"), tr("Bits"), tr("Bytes (zstd)"),
                                           tr("Δ bytes vs p = 0"), tr("MSE"), tr("PPL"), tr("Tokens scored")},
                                          page);
    prune_table_->setObjectName(QStringLiteral("compressionPruneTable"));
    auto* l = new QVBoxLayout(page);
    l->addWidget(column(page, {prune_plot_, prune_table_}, {3, 2}));
    return page;
}

QWidget* CompressionView::procrustesPage() {
    auto* page = new QWidget(this);
    proc_plot_ = new views::ScoreNullPlot(page);
    proc_table_ = new views::ResultTable(
        {tr("A"), tr("B"), tr("Shape"), tr("Side"), tr("Reduction"), tr("Gaussian null"), tr("Permuted null"),
         tr("Verdict"), tr("Cosine"), tr("Low-rank share"), tr("Haar null"), tr("Transport bytes"),
         tr("Plain bytes")},
        page);
    proc_table_->setObjectName(QStringLiteral("compressionProcrustesTable"));
    proc_note_ = note(page);
    auto* l = new QVBoxLayout(page);
    l->addWidget(column(page, {proc_plot_, proc_table_}, {3, 2}), 1);
    l->addWidget(proc_note_);
    return page;
}

QWidget* CompressionView::comparisonPage() {
    auto* page = new QWidget(this);
    cmp_plot_ = new views::ScoreNullPlot(page);
    cmp_table_ = new views::ResultTable({tr("Matrix"), tr("Reduction"), tr("Gaussian null"),
                                         tr("Permuted null"), tr("Verdict"), tr("Cosine")},
                                        page);
    cmp_table_->setObjectName(QStringLiteral("compressionCompareTable"));
    cmp_stats_ = new views::ResultTable({tr("Tensor"), tr("Std A"), tr("Std B"), tr("Kurtosis A"),
                                         tr("Kurtosis B"), tr("Max |w| A"), tr("Max |w| B")},
                                        page);
    cmp_note_ = note(page);
    auto* tables = new QSplitter(Qt::Horizontal, page);
    tables->addWidget(cmp_table_);
    tables->addWidget(cmp_stats_);
    auto* l = new QVBoxLayout(page);
    l->addWidget(column(page, {cmp_plot_, tables}, {3, 2}), 1);
    l->addWidget(cmp_note_);
    return page;
}

void CompressionView::setContents(const AnalysisDocument::Compression& c) {
    contents_ = c;
    showStats();
    showQuantization();
    showPruning();
    showProcrustes();
    showComparison();
}

void CompressionView::showPage(Page p) {
    tabs_->setCurrentIndex(static_cast<int>(p));
}

CompressionView::Page CompressionView::currentPage() const {
    return static_cast<Page>(tabs_->currentIndex());
}

void CompressionView::showStats() {
    stats_table_->clear();
    if (!contents_.stats) {
        stats_map_->clear();
        stats_note_->clear();
        return;
    }
    const auto& r = *contents_.stats;
    const std::string key = stat_key_->currentData().toString().toStdString();
    const auto order = r.ranked(key);
    int rank = 0;
    for (const size_t i : order) {
        const auto& s = r.tensors[i];
        if (s.rows <= 1 && !stat_1d_->isChecked()) continue;
        stats_table_->addRow({++rank, qs(s.name), QStringLiteral("%1×%2").arg(s.rows).arg(s.cols), s.mean,
                              s.std, s.kurtosis, s.max_abs, s.outlier_share});
    }
    int layers = 0;
    for (const auto& s : r.tensors) layers = std::max(layers, s.layer + 1);
    views::MatrixData m;
    m.rows = layers, m.cols = 6;
    m.values.assign(static_cast<size_t>(layers * 6), std::nanf(""));
    for (const auto& s : r.tensors)
        for (int k = 0; k < 6; ++k)
            if (s.layer >= 0 && s.kind == kKinds[k])
                m.values[static_cast<size_t>(s.layer * 6 + k)] = static_cast<float>(core::statValue(s, key));
    for (int l = 0; l < layers; ++l) m.row_labels << tr("layer %1").arg(l);
    m.col_labels = QStringList{QStringLiteral("Q"), QStringLiteral("K"),  QStringLiteral("V"),
                               QStringLiteral("O"), QStringLiteral("fc"), QStringLiteral("proj")};
    m.row_title = tr("layer");
    m.col_title = tr("attention Q K V O (c_proj) · MLP fc, proj");
    m.title = tr("%1 per layer and matrix").arg(stat_key_->currentText());
    m.value_label = stat_key_->currentText();
    m.annotate = layers * 6 <= 400;
    stats_map_->setMatrix(m);
    views::setPlotFootnote(stats_map_->plot(), qs(r.settings + "; model " + r.model_hash), 70);
    stats_note_->setText(tr("Ranked by %1 (click a header to sort by another column). %2; model %3.")
                             .arg(stat_key_->currentText(), qs(r.settings), qs(r.model_hash)));
}

void CompressionView::showQuantization() {
    quant_table_->clear();
    unit_table_->clear();
    damage_table_->clear();
    damage_plot_->clear();
    int run = 0;
    const core::QuantizeResult* with_damage = nullptr;
    for (const auto& q : contents_.quantize) {
        const double base = q.baseline ? q.baseline->ppl : std::nan("");
        const double ppl = q.ppl ? q.ppl->ppl : std::nan("");
        quant_table_->addRow(
            {++run, qs(q.settings), qlonglong(q.bytes), q.bytes / 1e6,
             100.0 * static_cast<double>(q.bytes) / static_cast<double>(std::max<int64_t>(1, q.fp16_bytes)),
             q.mse, q.rel_mse, numOrDash(ppl), numOrDash(base), numOrDash(ppl - base),
             q.ppl ? QVariant(qlonglong(q.ppl->tokens_scored)) : QVariant(QStringLiteral("-")),
             q.ppl ? qs(q.ppl->text_name) : QStringLiteral("-"), qs(q.model_hash)});
        if (!q.damage.empty()) with_damage = &q;
    }
    if (!contents_.quantize.empty()) {
        const auto& last = contents_.quantize.back();
        for (const auto& u : last.units)
            if (u.rows > 1)
                unit_table_->addRow({qs(u.name), QStringLiteral("%1×%2").arg(u.rows).arg(u.cols),
                                     qs(u.storage), u.mse, u.rel_mse, u.pruned_share});
        quant_note_->setText(tr("Bytes: one zstd frame of the int-k codes (int8) and float16 per-row scales "
                                "of every 2-D tensor and the "
                                "float16 1-D tensors, in key order (science.md). Units of run %1 shown; 1-D "
                                "tensors are float16.")
                                 .arg(run));
    } else {
        quant_note_->clear();
    }
    if (with_damage) {
        QStringList names;
        std::vector<double> delta;
        int rank = 0;
        for (const auto& d : with_damage->damage) {
            damage_table_->addRow({++rank, qs(d.unit), d.rel_mse, d.ppl, d.delta_ppl});
            if (rank <= 24) names << qs(d.unit), delta.push_back(d.delta_ppl);
        }
        damage_plot_->setScores(names, delta, {}, {}, tr("Δ PPL, only this unit quantized"), QString(),
                                tr("Damage ranking (top %1)").arg(names.size()), tr("Δ perplexity"));
        views::setPlotFootnote(
            damage_plot_->plot(),
            qs(with_damage->settings) +
                tr("; unquantized PPL %1 on %2")
                    .arg(with_damage->baseline ? with_damage->baseline->ppl : 0.0, 0, 'f', 3)
                    .arg(with_damage->ppl ? qs(with_damage->ppl->text_name) : QString()));
    }
}

void CompressionView::showPruning() {
    prune_table_->clear();
    if (!contents_.prune) {
        prune_plot_->clear();
        return;
    }
    const auto& r = *contents_.prune;
    std::vector<views::PruneSweepPlot::Point> points;
    for (const auto& x : r.rows) {
        double zero = std::nan("");
        for (const auto& y : r.rows)
            if (y.bits == x.bits && y.prune == 0) zero = static_cast<double>(y.bytes);
        points.push_back({x.prune, x.bits, x.bytes / 1e6, x.ppl});
        prune_table_->addRow({x.prune, x.bits, qlonglong(x.bytes),
                              numOrDash(static_cast<double>(x.bytes) - zero), x.mse, numOrDash(x.ppl),
                              qlonglong(x.tokens_scored)});
    }
    prune_plot_->setPoints(points, tr("Pruning × int-k: artifact bytes and perplexity%1")
                                       .arg(r.complete ? QString() : tr(" (incomplete: cancelled)")));
    views::setPlotFootnote(
        prune_plot_->plot(),
        qs(r.settings + (r.text_name.empty() ? "" : "; text " + r.text_name) + "; model " + r.model_hash));
}

void CompressionView::showProcrustes() {
    proc_table_->clear();
    proc_plot_->clear();
    if (contents_.procrustes.empty()) {
        proc_note_->clear();
        return;
    }
    QStringList cats;
    std::vector<double> values, mean, sd;
    for (const auto& r : contents_.procrustes) {
        const bool two = r.a_model_hash != r.b_model_hash;
        const QString b = qs(r.request.b) + (two ? tr(" (other checkpoint)") : QString());
        proc_table_->addRow(
            {qs(r.request.a), b, QStringLiteral("%1×%2").arg(r.rows).arg(r.cols),
             qs(core::procrustesSideName(r.request.side)), numOrDash(r.reduction),
             nullText(r.gaussian, r.reduction), nullText(r.permuted, r.reduction), verdict(r), r.cosine,
             r.request.rotation ? QVariant(r.low_rank_share) : QVariant(QStringLiteral("-")),
             r.request.rotation ? nullText(r.haar, r.low_rank_share) : QStringLiteral("-"),
             r.request.rotation ? QVariant(qlonglong(r.transport_bytes)) : QVariant(QStringLiteral("-")),
             r.request.rotation ? QVariant(qlonglong(r.plain_bytes)) : QVariant(QStringLiteral("-"))});
        cats << QStringLiteral("%1 → %2").arg(qs(r.request.a), qs(r.request.b));
        values.push_back(r.reduction);
        mean.push_back(r.gaussian.mean);
        sd.push_back(r.gaussian.std);
    }
    const auto& last = contents_.procrustes.back();
    proc_plot_->setScores(cats, values, mean, sd, tr("MSE reduction"), tr("Gaussian null (mean ± 2 std)"),
                          tr("Procrustes MSE reduction beside its null"), tr("1 - ||AR - B||² / ||A - B||²"));
    views::setPlotFootnote(proc_plot_->plot(), qs(last.settings));
    proc_note_->setText(
        tr("Two independent Gaussian matrices of the same shape already give most of the reduction "
           "(0.917 at 512 × 1536): a reduction means rotational structure only where it exceeds the "
           "null. %1")
            .arg(qs(last.settings)));
}

void CompressionView::showComparison() {
    cmp_table_->clear();
    cmp_stats_->clear();
    cmp_plot_->clear();
    if (!contents_.compare) {
        cmp_note_->clear();
        return;
    }
    const auto& c = *contents_.compare;
    QStringList cats;
    std::vector<double> values, mean, sd;
    for (const auto& r : c.rows) {
        cmp_table_->addRow({qs(r.request.a), numOrDash(r.reduction), nullText(r.gaussian, r.reduction),
                            nullText(r.permuted, r.reduction), verdict(r), r.cosine});
        cats << qs(r.request.a);
        values.push_back(r.reduction);
        mean.push_back(r.gaussian.mean);
        sd.push_back(r.gaussian.std);
    }
    for (const auto& s : c.stats)
        cmp_stats_->addRow(
            {qs(s.name), s.a.std, s.b.std, s.a.kurtosis, s.b.kurtosis, s.a.max_abs, s.b.max_abs});
    cmp_plot_->setScores(
        cats, values, mean, sd, tr("MSE reduction"), tr("Gaussian null (mean ± 2 std)"),
        tr("Cross-checkpoint Procrustes%1").arg(c.complete ? QString() : tr(" (incomplete: cancelled)")),
        tr("reduction"));
    const QString names =
        tr("A = %1, B = %2").arg(QFileInfo(qs(c.a_model)).fileName(), QFileInfo(qs(c.b_model)).fileName());
    views::setPlotFootnote(cmp_plot_->plot(), names + QStringLiteral("; ") + qs(c.settings));
    cmp_note_->setText(names + tr(" (hashes %1, %2); ").arg(qs(c.a_model_hash), qs(c.b_model_hash)) +
                       qs(c.settings));
}

QList<QPair<QString, QCustomPlot*>> CompressionView::figures() const {
    switch (currentPage()) {
        case Statistics:
            return {qMakePair(tr("Statistics heatmap"), stats_map_->plot())};
        case Damage:
            return {qMakePair(tr("Damage ranking"), damage_plot_->plot())};
        case Pruning:
            return {qMakePair(tr("Pruning × int-k"), prune_plot_->plot())};
        case Procrustes:
            return {qMakePair(tr("Procrustes"), proc_plot_->plot())};
        case Comparison:
            return {qMakePair(tr("Comparison"), cmp_plot_->plot())};
        default:
            return {};
    }
}

views::ResultTable* CompressionView::table() const {
    switch (currentPage()) {
        case Statistics:
            return stats_table_;
        case Quantization:
            return quant_table_;
        case Damage:
            return damage_table_;
        case Pruning:
            return prune_table_;
        case Procrustes:
            return proc_table_;
        case Comparison:
            return cmp_table_;
    }
    return nullptr;
}

}  // namespace kronscope::app
