#include "toy_lab.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>
#include <cmath>

#include "kronscope/core/base/error.h"
#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/plots.h"
#include "kronscope/views/result_table.h"

namespace kronscope::app {

// ---- panel ----

ToyLabPanel::ToyLabPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("toyLabPanel"));
    auto* form = new QFormLayout(this);
    features_ = new QSpinBox(this);
    features_->setObjectName(QStringLiteral("toyFeatures"));
    features_->setRange(2, 4096);
    features_->setValue(80);
    form->addRow(tr("Features n"), features_);
    hidden_ = new QSpinBox(this);
    hidden_->setObjectName(QStringLiteral("toyHidden"));
    hidden_->setRange(1, 4096);
    hidden_->setValue(20);
    form->addRow(tr("Hidden m"), hidden_);
    sparsity_ = new QDoubleSpinBox(this);
    sparsity_->setObjectName(QStringLiteral("toySparsity"));
    sparsity_->setDecimals(3);
    sparsity_->setRange(0.0, 0.999);
    sparsity_->setSingleStep(0.05);
    sparsity_->setValue(0.9);
    sparsity_->setToolTip(tr("S = the probability that a feature is zero (0 dense, near 1 sparse)"));
    form->addRow(tr("Sparsity S"), sparsity_);
    sweep_ = new QCheckBox(tr("Sparsity sweep (S = 0 … 0.99)"), this);
    sweep_->setObjectName(QStringLiteral("toySweep"));
    sweep_->setToolTip(tr("One model per sparsity, log-spaced in 1 − S; everything else (and the seed) the same"));
    form->addRow(sweep_);
    sweep_count_ = new QSpinBox(this);
    sweep_count_->setRange(2, 32);
    sweep_count_->setValue(6);
    sweep_count_->setEnabled(false);
    form->addRow(tr("Sweep models"), sweep_count_);
    decay_ = new QDoubleSpinBox(this);
    decay_->setDecimals(3);
    decay_->setRange(0.01, 1.0);
    decay_->setSingleStep(0.01);
    decay_->setValue(0.9);
    form->addRow(tr("Importance I_i = d^i, d ="), decay_);
    steps_ = new QSpinBox(this);
    steps_->setObjectName(QStringLiteral("toySteps"));
    steps_->setRange(1, 1000000);
    steps_->setValue(4000);
    form->addRow(tr("Steps"), steps_);
    batch_ = new QSpinBox(this);
    batch_->setRange(1, 1 << 16);
    batch_->setValue(1024);
    form->addRow(tr("Batch"), batch_);
    lr_ = new QDoubleSpinBox(this);
    lr_->setDecimals(5);
    lr_->setRange(1e-5, 1.0);
    lr_->setSingleStep(1e-4);
    lr_->setValue(1e-3);
    form->addRow(tr("Learning rate"), lr_);
    seed_ = new QSpinBox(this);
    seed_->setObjectName(QStringLiteral("toySeed"));
    seed_->setRange(0, 1 << 30);
    form->addRow(tr("Seed"), seed_);
    draws_ = new QSpinBox(this);
    draws_->setRange(2, 1000);
    draws_->setValue(20);
    form->addRow(tr("Null draws (probes)"), draws_);
    train_ = new QPushButton(tr("Train toy model"), this);
    train_->setObjectName(QStringLiteral("toyTrain"));
    form->addRow(train_);
    auto* hint = new QLabel(tr("h = W x, x' = ReLU(Wᵀh + b), loss Σ I_i (x_i − x'_i)², AdamW. A seed reproduces a run "
                               "exactly; a sweep changes only S."),
                            this);
    hint->setWordWrap(true);
    form->addRow(hint);
    connect(sweep_, &QCheckBox::toggled, sweep_count_, &QWidget::setEnabled);
    connect(sweep_, &QCheckBox::toggled, sparsity_, [this](bool on) { sparsity_->setEnabled(!on); });
    connect(train_, &QPushButton::clicked, this, &ToyLabPanel::trainRequested);
}

ToyRequest ToyLabPanel::request() const {
    ToyRequest r;
    auto& s = r.base;
    s.features = features_->value();
    s.hidden = hidden_->value();
    s.sparsity = sparsity_->value();
    s.importance_decay = decay_->value();
    s.steps = steps_->value();
    s.batch_size = batch_->value();
    s.lr = lr_->value();
    s.seed = static_cast<uint64_t>(seed_->value());
    s.log_interval = std::max<int64_t>(1, s.steps / 200);
    if (s.hidden >= s.features)
        throw core::InputError(
            tr("hidden m (%1) must be smaller than features n (%2) for superposition").arg(s.hidden).arg(s.features).toStdString());
    s.validate();
    r.sparsities = sweep_->isChecked() ? core::toySparsityGrid(sweep_count_->value()) : std::vector<double>{s.sparsity};
    r.null_draws = draws_->value();
    return r;
}

int ToyLabPanel::nullDraws() const { return draws_->value(); }

QVariantMap ToyLabPanel::state() const {
    return {{QStringLiteral("features"), features_->value()}, {QStringLiteral("hidden"), hidden_->value()},
            {QStringLiteral("sparsity"), sparsity_->value()}, {QStringLiteral("sweep"), sweep_->isChecked()},
            {QStringLiteral("sweep_count"), sweep_count_->value()}, {QStringLiteral("decay"), decay_->value()},
            {QStringLiteral("steps"), steps_->value()},       {QStringLiteral("batch"), batch_->value()},
            {QStringLiteral("lr"), lr_->value()},             {QStringLiteral("seed"), seed_->value()},
            {QStringLiteral("null_draws"), draws_->value()}};
}

void ToyLabPanel::setState(const QVariantMap& m) {
    features_->setValue(m.value(QStringLiteral("features"), features_->value()).toInt());
    hidden_->setValue(m.value(QStringLiteral("hidden"), hidden_->value()).toInt());
    sparsity_->setValue(m.value(QStringLiteral("sparsity"), sparsity_->value()).toDouble());
    sweep_->setChecked(m.value(QStringLiteral("sweep"), sweep_->isChecked()).toBool());
    sweep_count_->setValue(m.value(QStringLiteral("sweep_count"), sweep_count_->value()).toInt());
    decay_->setValue(m.value(QStringLiteral("decay"), decay_->value()).toDouble());
    steps_->setValue(m.value(QStringLiteral("steps"), steps_->value()).toInt());
    batch_->setValue(m.value(QStringLiteral("batch"), batch_->value()).toInt());
    lr_->setValue(m.value(QStringLiteral("lr"), lr_->value()).toDouble());
    seed_->setValue(m.value(QStringLiteral("seed"), seed_->value()).toInt());
    draws_->setValue(m.value(QStringLiteral("null_draws"), draws_->value()).toInt());
}

// ---- view ----

QString ToyLabView::itemName(int index) const {
    // Numbered: retraining with the same S and seed (other steps or lr) must not merge two models.
    return tr("#%1 %2").arg(index + 1).arg(runName(results_[static_cast<size_t>(index)].settings));
}

QString ToyLabView::runName(const core::ToyModelSettings& s) {
    return tr("S = %1, seed %2").arg(s.sparsity, 0, 'f', 3).arg(s.seed);
}

ToyLabView::ToyLabView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("toyLabView"));
    model_combo_ = new QComboBox(this);
    model_combo_->setObjectName(QStringLiteral("toyModelCombo"));
    model_combo_->setMinimumContentsLength(24);
    probe_ = new QPushButton(tr("Run all probes on this W"), this);
    probe_->setObjectName(QStringLiteral("toyProbe"));
    probe_->setEnabled(false);
    summary_ = new QLabel(tr("Train a toy model from the Experiment panel (Toy superposition model)."), this);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Model:"), this));
    bar->addWidget(model_combo_, 1);
    bar->addWidget(probe_);

    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("toyTabs"));
    loss_ = new views::LossPlot(this);
    loss_->setObjectName(QStringLiteral("toyLoss"));
    loss_->plot()->yAxis->setLabel(tr("weighted squared error"));
    table_ = new views::ResultTable({tr("Model"), tr("Sparsity S"), tr("Seed"), tr("Steps"), tr("Initial loss"),
                                     tr("Final loss"), tr("Features represented (‖W_i‖ > 0.5)"), tr("Seconds"),
                                     tr("Settings")},
                                    this);
    auto* training = new QSplitter(Qt::Vertical);
    training->addWidget(loss_);
    training->addWidget(table_);
    training->setStretchFactor(0, 3);
    training->setStretchFactor(1, 1);
    tabs_->addTab(training, tr("Training"));
    w_map_ = new views::HeatmapView(this);
    w_map_->setObjectName(QStringLiteral("toyW"));
    gram_map_ = new views::HeatmapView(this);
    gram_map_->setObjectName(QStringLiteral("toyGram"));
    auto* weights = new QSplitter(Qt::Horizontal);
    weights->addWidget(w_map_);
    weights->addWidget(gram_map_);
    tabs_->addTab(weights, tr("W and WᵀW"));
    norms_ = new views::ScoreNullPlot(this);
    norms_->setObjectName(QStringLiteral("toyNorms"));
    tabs_->addTab(norms_, tr("Feature norms"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(summary_);
    layout->addWidget(tabs_, 1);
    connect(model_combo_, &QComboBox::currentIndexChanged, this, [this](int i) { show(i); });
    connect(probe_, &QPushButton::clicked, this, [this] {
        if (currentResult() >= 0) emit probeRequested(currentResult());
    });
}

void ToyLabView::begin(const std::vector<double>& sparsities) {
    live_sparsities_ = sparsities;
    loss_->clear();
    tabs_->setCurrentIndex(0);
}

void ToyLabView::addLossPoint(int run, int64_t step, double loss) {
    if (run < 0 || run >= static_cast<int>(live_sparsities_.size())) return;
    loss_->addPoint(tr("S = %1").arg(live_sparsities_[static_cast<size_t>(run)], 0, 'f', 3), static_cast<double>(step),
                    loss);
}

void ToyLabView::addResult(const core::ToyModelResult& r) {
    results_.push_back(r);
    table_->addRow({itemName(static_cast<int>(results_.size()) - 1), r.settings.sparsity, static_cast<qlonglong>(r.settings.seed),
                    static_cast<qlonglong>(r.steps_done), r.initial_loss, r.final_loss,
                    QStringLiteral("%1 / %2").arg(r.represented).arg(r.settings.features), r.seconds,
                    QString::fromStdString(r.settings.describe())});
    model_combo_->addItem(itemName(static_cast<int>(results_.size()) - 1));
    model_combo_->setCurrentIndex(model_combo_->count() - 1);
    probe_->setEnabled(true);
}

void ToyLabView::finish() {
    live_sparsities_.clear();
    loss_->clear();
    QStringList notes;
    for (const auto& r : results_) notes << QString::fromStdString(r.settings.describe());
    notes.removeDuplicates();
    views::setPlotFootnote(loss_->plot(), notes.size() == 1 ? notes.front() : tr("%n models; see the table for each one's settings", nullptr, int(notes.size())));
    for (size_t k = 0; k < results_.size(); ++k) {
        const auto& r = results_[k];
        loss_->addSeries(itemName(static_cast<int>(k)), std::vector<double>(r.loss_steps.begin(), r.loss_steps.end()),
                         r.loss_history);
    }
}

void ToyLabView::clear() {
    results_.clear();
    live_sparsities_.clear();
    {
        QSignalBlocker block(model_combo_);
        model_combo_->clear();
    }
    table_->clear();
    loss_->clear();
    w_map_->clear();
    gram_map_->clear();
    norms_->clear();
    probe_->setEnabled(false);
    summary_->setText(tr("Train a toy model from the Experiment panel (Toy superposition model)."));
}

int ToyLabView::currentResult() const { return results_.empty() ? -1 : model_combo_->currentIndex(); }

void ToyLabView::setCurrentResult(int index) {
    if (index >= 0 && index < model_combo_->count()) model_combo_->setCurrentIndex(index);
}

QList<QPair<QString, QCustomPlot*>> ToyLabView::figures() const {
    QList<QPair<QString, QCustomPlot*>> out;
    out << qMakePair(tr("Loss curves"), loss_->plot()) << qMakePair(tr("W"), w_map_->plot())
        << qMakePair(tr("WᵀW"), gram_map_->plot()) << qMakePair(tr("Feature norms"), norms_->plot());
    return out;
}

void ToyLabView::show(int index) {
    if (index < 0 || index >= static_cast<int>(results_.size())) return;
    const auto& r = results_[static_cast<size_t>(index)];
    const auto& s = r.settings;
    views::MatrixData w;
    w.rows = static_cast<int>(r.w.rows);
    w.cols = static_cast<int>(r.w.cols);
    w.values = r.w.values;
    w.row_title = tr("hidden dimension");
    w.col_title = tr("feature (importance descending)");
    w.value_label = tr("weight");
    w.title = tr("W (%1 × %2), %3").arg(w.rows).arg(w.cols).arg(runName(s));
    w_map_->setMatrix(w);
    views::MatrixData g;
    g.rows = g.cols = static_cast<int>(s.features);
    g.values = r.gram;
    g.row_title = g.col_title = tr("feature");
    g.value_label = tr("WᵀW");
    g.title = tr("WᵀW: interference between features, %1").arg(runName(s));
    gram_map_->setMatrix(g);
    const QString note = QString::fromStdString(r.settings_line);
    views::setPlotFootnote(w_map_->plot(), note, 80);
    views::setPlotFootnote(gram_map_->plot(), note, 80);
    QStringList cats;
    for (int64_t i = 0; i < s.features; ++i) cats << (i % 10 == 0 ? QString::number(i) : QString());
    norms_->setScores(cats, r.feature_norms, {}, {}, tr("‖W_i‖"), QString(),
                      tr("Feature norms, %1: %2 of %3 features represented").arg(runName(s)).arg(r.represented).arg(s.features),
                      tr("‖W_i‖ (column norm)"));
    views::setPlotFootnote(norms_->plot(), note);
    summary_->setText(tr("%1<br>loss %2 → %3 in %4 steps (%5 s). Run the structure probes on this W with the button "
                         "above; they appear in the Structure probes tab, each beside its null.")
                          .arg(QString::fromStdString(r.settings_line))
                          .arg(r.initial_loss, 0, 'g', 4)
                          .arg(r.final_loss, 0, 'g', 4)
                          .arg(r.steps_done)
                          .arg(r.seconds, 0, 'f', 1));
}

}  // namespace kronscope::app
