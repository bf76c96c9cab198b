#include "pages/toy_panel.h"

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
    sweep_->setToolTip(
        tr("One model per sparsity, log-spaced in 1 − S; everything else (and the seed) the same"));
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
    auto* hint =
        new QLabel(tr("h = W x, x' = ReLU(Wᵀh + b), loss Σ I_i (x_i − x'_i)², AdamW. A seed reproduces a run "
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
    s.log_interval = 0;  // core's default: about 200 loss points
    r.sparsities =
        sweep_->isChecked() ? core::toySparsityGrid(sweep_count_->value()) : std::vector<double>{s.sparsity};
    r.null_draws = draws_->value();
    r.resolveDefaults();
    r.validate();
    return r;
}

int ToyLabPanel::nullDraws() const {
    return draws_->value();
}

QVariantMap ToyLabPanel::state() const {
    return {{QStringLiteral("features"), features_->value()},
            {QStringLiteral("hidden"), hidden_->value()},
            {QStringLiteral("sparsity"), sparsity_->value()},
            {QStringLiteral("sweep"), sweep_->isChecked()},
            {QStringLiteral("sweep_count"), sweep_count_->value()},
            {QStringLiteral("decay"), decay_->value()},
            {QStringLiteral("steps"), steps_->value()},
            {QStringLiteral("batch"), batch_->value()},
            {QStringLiteral("lr"), lr_->value()},
            {QStringLiteral("seed"), seed_->value()},
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

}  // namespace kronscope::app
