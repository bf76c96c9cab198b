// The Structure probes view's widgets: the result and item bar, and one page per probe kind (probe_view.cpp
// fills them from a run's report).
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/plots.h"
#include "kronscope/views/result_table.h"
#include "results/probe_view.h"

namespace kronscope::app {

namespace {

QWidget* splitPage(QWidget* top, QWidget* bottom, Qt::Orientation o = Qt::Vertical) {
    auto* split = new QSplitter(o);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    return split;
}

}  // namespace

ProbeView::ProbeView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("probeView"));
    run_combo_ = new QComboBox(this);
    run_combo_->setObjectName(QStringLiteral("probeRunCombo"));
    run_combo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    run_combo_->setMinimumContentsLength(40);
    item_combo_ = new QComboBox(this);
    item_combo_->setObjectName(QStringLiteral("probeItemCombo"));
    item_combo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    item_combo_->setMinimumContentsLength(24);
    summary_ = new QLabel(this);
    summary_->setObjectName(QStringLiteral("probeSummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Result:"), this));
    bar->addWidget(run_combo_, 2);
    bar->addWidget(new QLabel(tr("Show:"), this));
    bar->addWidget(item_combo_, 1);

    stack_ = new QStackedWidget(this);
    empty_ = new QLabel(
        tr("Run a structure probe from the Experiment panel (Structure probes). Results appear here, "
           "each score beside its null model."),
        this);
    empty_->setAlignment(Qt::AlignCenter);
    empty_->setWordWrap(true);
    stack_->addWidget(empty_);

    stack_->addWidget(createKronPage());
    stack_->addWidget(createBasisPage());
    stack_->addWidget(createCliffordPage());
    stack_->addWidget(createAnglePage());
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(summary_);
    layout->addWidget(stack_, 1);

    connect(run_combo_, &QComboBox::currentIndexChanged, this, [this](int i) { showRun(i); });
    connect(item_combo_, &QComboBox::currentIndexChanged, this, [this](int i) { showItem(i); });
    connect(kron_metric_, &QComboBox::currentIndexChanged, this,
            [this] { guarded([this] { drawKronMap(); }); });
    connect(kron_map_, &views::HeatmapView::cellClicked, this,
            [this](int row, int col) { guarded([&] { pickKronCell(row, col); }); });
    clear();
}

// Kronecker ratio: layers x matrix kinds.
QWidget* ProbeView::createKronPage() {
    auto* kron = new QWidget(this);
    kron_metric_ = new QComboBox(kron);
    kron_metric_->setObjectName(QStringLiteral("kronMetric"));
    kron_metric_->addItem(tr("ratio to the Gaussian null"), 0);
    kron_metric_->addItem(tr("z against the Gaussian null"), 1);
    kron_metric_->addItem(tr("ratio to the permuted null"), 2);
    kron_metric_->addItem(tr("z against the permuted null"), 3);
    kron_metric_->addItem(tr("ratio to the row/column-permuted null"), 4);
    kron_metric_->addItem(tr("z against the row/column-permuted null"), 5);
    kron_map_ = new views::HeatmapView(kron);
    kron_map_->setObjectName(QStringLiteral("kronMap"));
    kron_table_ = new views::ResultTable(
        {tr("Matrix"), tr("Layer"), tr("Shape"), tr("n"), tr("r"), tr("rel. error"), tr("Gaussian null mean"),
         tr("Gaussian null std"), tr("ratio (Gaussian)"), tr("z (Gaussian)"), tr("permuted null mean"),
         tr("ratio (permuted)"), tr("z (permuted)"), tr("row/col null mean"), tr("ratio (row/col)"),
         tr("z (row/col)"), tr("Settings")},
        kron);
    auto* kron_top = new QWidget(kron);
    auto* kt = new QVBoxLayout(kron_top);
    kt->setContentsMargins(0, 0, 0, 0);
    auto* kbar = new QHBoxLayout;
    kbar->addWidget(new QLabel(tr("Color:"), kron_top));
    kbar->addWidget(kron_metric_);
    kbar->addStretch(1);
    kt->addLayout(kbar);
    kt->addWidget(kron_map_, 1);
    auto* kl = new QVBoxLayout(kron);
    kl->setContentsMargins(0, 0, 0, 0);
    kl->addWidget(splitPage(kron_top, kron_table_));
    return kron;
}

// 2x2 basis energy: pies + tables.
QWidget* ProbeView::createBasisPage() {
    auto* basis = new QWidget(this);
    pies_ = new views::PieChartPlot(basis);
    pies_->setObjectName(QStringLiteral("basisPies"));
    basis_table_ = new views::ResultTable(
        {tr("Scope"), tr("Order"), tr("Matrices"), tr("I"), tr("J"), tr("K"), tr("L"), tr("complex (I+J)"),
         tr("Gaussian null mean"), tr("Gaussian null std"), tr("z (Gaussian)"), tr("z (permuted)")},
        basis);
    factor_table_ = new views::ResultTable(
        {tr("Matrix"), tr("k"), tr("m11"), tr("m12"), tr("m21"), tr("m22"), tr("a (I)"), tr("b (J)"),
         tr("c (K)"), tr("d (L)"), tr("complex share"), tr("null mean"), tr("z (Gaussian)"),
         tr("angle (deg)"), tr("det"), tr("Class")},
        basis);
    basis_table_->setObjectName(QStringLiteral("basisTable"));
    factor_table_->setObjectName(QStringLiteral("factorTable"));
    auto* bl = new QVBoxLayout(basis);
    bl->setContentsMargins(0, 0, 0, 0);
    bl->addWidget(splitPage(pies_, splitPage(basis_table_, factor_table_, Qt::Horizontal)));
    return basis;
}

// Clifford: pair violations of the selected matrix's factors + table of all.
QWidget* ProbeView::createCliffordPage() {
    auto* clifford = new QWidget(this);
    clifford_map_ = new views::HeatmapView(clifford);
    clifford_map_->setObjectName(QStringLiteral("cliffordMap"));
    clifford_table_ = new views::ResultTable(
        {tr("Matrix"), tr("Layer"), tr("n"), tr("r"), tr("V"), tr("Gaussian null mean"),
         tr("Gaussian null std"), tr("z (Gaussian)"), tr("permuted null mean"), tr("z (permuted)"),
         tr("Signature"), tr("Settings")},
        clifford);
    auto* cl = new QVBoxLayout(clifford);
    cl->setContentsMargins(0, 0, 0, 0);
    cl->addWidget(splitPage(clifford_map_, clifford_table_));
    return clifford;
}

// Rotation angles: histogram with the null overlaid, S_k against the null, tables.
QWidget* ProbeView::createAnglePage() {
    auto* angles = new QWidget(this);
    histogram_ = new views::AngleHistogramPlot(angles);
    histogram_->setObjectName(QStringLiteral("angleHistogram"));
    fold_plot_ = new views::ScoreNullPlot(angles);
    fold_plot_->setObjectName(QStringLiteral("foldPlot"));
    fold_table_ = new views::ResultTable(
        {tr("Source"), tr("k"), tr("S_k"), tr("null mean"), tr("null std"), tr("z"), tr("Null")}, angles);
    angle_table_ =
        new views::ResultTable({tr("Source"), tr("N"), tr("Blocks"), tr("Angles"), tr("strongest k"),
                                tr("S_k"), tr("null mean"), tr("z"), tr("Settings")},
                               angles);
    auto* al = new QVBoxLayout(angles);
    al->setContentsMargins(0, 0, 0, 0);
    al->addWidget(splitPage(splitPage(histogram_, fold_plot_, Qt::Horizontal),
                            splitPage(fold_table_, angle_table_, Qt::Horizontal)));
    return angles;
}

}  // namespace kronscope::app
