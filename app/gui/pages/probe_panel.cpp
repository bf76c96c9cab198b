#include "pages/probe_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "widgets/cluster_buttons.h"
#include "kronscope/core/base/error.h"
#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/plots.h"
#include "kronscope/views/result_table.h"

#include "widgets/form_fields.h"

namespace kronscope::app {

ProbePanel::ProbePanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("probePanel"));
    auto* form = new QFormLayout(this);
    addMatrixRows(form);
    addNullRows(form);
    addAngleRows(form);
    run_ = new QPushButton(tr("Run probe"), this);
    run_->setObjectName(QStringLiteral("probeRun"));
    form->addRow(run_);
    cluster_ = new ClusterButtons(QStringLiteral("probe"), tr("this probe"), this);
    form->addRow(cluster_);
    auto* hint =
        new QLabel(tr("Every score is shown beside the same score on null matrices (Gaussian, permuted "
                      "entries, or Haar-random rotations) with its z-score. See Help in the README for "
                      "the definitions."),
                   this);
    hint->setWordWrap(true);
    form->addRow(hint);
    // The Experiment dock is narrow: long entries elide instead of widening it.
    for (QComboBox* box : {weights_, probe_, scope_, order_, source_}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(12);
    }
    custom_->setMinimumWidth(60);
    connect(run_, &QPushButton::clicked, this, &ProbePanel::runRequested);
    connect(probe_, &QComboBox::currentIndexChanged, this, &ProbePanel::updateEnabled);
    connect(scope_, &QComboBox::currentIndexChanged, this, &ProbePanel::updateEnabled);
    connect(source_, &QComboBox::currentIndexChanged, this, &ProbePanel::updateEnabled);
    connect(weights_, &QComboBox::currentIndexChanged, this, &ProbePanel::updateEnabled);
    updateEnabled();
}

void ProbePanel::addMatrixRows(QFormLayout* form) {
    weights_ = new QComboBox(this);
    weights_->setObjectName(QStringLiteral("probeWeights"));
    weights_->addItem(tr("The open GPT-2 checkpoint"), QStringLiteral("gpt2"));
    weights_->addItem(tr("The open modular model (seed 002)"), QStringLiteral("modular"));
    weights_->setToolTip(
        tr("A modular-addition model holds rotations by its key frequencies: the positive "
           "control for these probes. Its matrices: W_E, W_U, W_in, W_out and every head's "
           "W_Q, W_K, W_V, W_O; shapes the block size does not divide are skipped."));
    form->addRow(tr("Weights of"), weights_);
    probe_ = new QComboBox(this);
    probe_->setObjectName(QStringLiteral("probeKind"));
    for (int k = 0; k < 4; ++k) probe_->addItem(probeTitle(static_cast<ProbeKind>(k)), k);
    form->addRow(tr("Probe"), probe_);
    scope_ = new QComboBox(this);
    scope_->setObjectName(QStringLiteral("probeScope"));
    scope_->addItem(tr("All block matrices"), QStringLiteral("all"));
    scope_->addItem(tr("Attention (c_attn, attn.c_proj)"), QStringLiteral("attn"));
    scope_->addItem(tr("MLP (c_fc, mlp.c_proj)"), QStringLiteral("mlp"));
    scope_->addItem(tr("Selected matrix"), QStringLiteral("selected"));
    scope_->addItem(tr("Custom…"), QStringLiteral("custom"));
    form->addRow(tr("Matrices"), scope_);
    custom_ = new QLineEdit(this);
    custom_->setObjectName(QStringLiteral("probeCustom"));
    custom_->setPlaceholderText(
        QStringLiteral("h.0.attn.c_proj,h.3.mlp.c_fc | layers:0-5 | attn+layers:6-11"));
    form->addRow(tr("Custom"), custom_);
    block_ = spinField(this, "probeBlockSize", 2, 4096, 2);
    form->addRow(tr("Block size n"), block_);
    terms_ = spinField(this, "probeTerms", 0, 1 << 20, 0);
    terms_->setSpecialValueText(tr("r = n"));
    form->addRow(tr("Terms r"), terms_);
    order_ = new QComboBox(this);
    order_->setObjectName(QStringLiteral("probeOrder"));
    order_->addItem(tr("small factor first (A ⊗ S)"), QStringLiteral("first"));
    order_->addItem(tr("small factor second (S ⊗ A)"), QStringLiteral("second"));
    order_->addItem(tr("both orders (2x2 basis energy)"), QStringLiteral("both"));
    form->addRow(tr("Factor order"), order_);
}

void ProbePanel::addNullRows(QFormLayout* form) {
    draws_ = spinField(this, "probeDraws", 2, 1000, 20);
    form->addRow(tr("Null draws"), draws_);
    seed_ = spinField(this, "probeSeed", 0, 1 << 30, 0);
    form->addRow(tr("Seed"), seed_);
    permuted_ = new QCheckBox(tr("Also the permuted-entries null"), this);
    permuted_->setChecked(true);
    form->addRow(permuted_);
}

void ProbePanel::addAngleRows(QFormLayout* form) {
    source_ = new QComboBox(this);
    source_->setObjectName(QStringLiteral("probeAngleSource"));
    source_->addItem(tr("Whole square matrices (polar factor)"), QStringLiteral("whole"));
    source_->addItem(tr("Per-head blocks of Q, K, V, output"), QStringLiteral("heads"));
    source_->addItem(tr("Kronecker factors A_k (n × n)"), QStringLiteral("factors"));
    source_->addItem(tr("Every 2×2 tile (atan2(b, a))"), QStringLiteral("blocks2x2"));
    form->addRow(tr("Angles from"), source_);
    bins_ = spinField(this, nullptr, 4, 720, 36);
    form->addRow(tr("Histogram bins"), bins_);
    fold_ = spinField(this, nullptr, 1, 64, 12);
    form->addRow(tr("S_k up to k ="), fold_);
}

void ProbePanel::updateEnabled() {
    const auto kind = static_cast<ProbeKind>(probe_->currentData().toInt());
    const bool angles = kind == ProbeKind::Angles;
    const bool factors = angles && source_->currentData().toString() == QLatin1String("factors");
    custom_->setEnabled(scope_->currentData().toString() == QLatin1String("custom"));
    // 2x2 basis energy is defined at n = 2 (its factors come from the n = 2, r = 2 fit).
    block_->setEnabled(kind == ProbeKind::KronRatio || kind == ProbeKind::Clifford || factors);
    terms_->setEnabled(kind == ProbeKind::KronRatio || kind == ProbeKind::Clifford || factors);
    order_->setEnabled(!angles || factors);
    permuted_->setEnabled(!angles || source_->currentData().toString() == QLatin1String("blocks2x2"));
    source_->setEnabled(angles);
    bins_->setEnabled(angles);
    fold_->setEnabled(angles);
    run_->setEnabled(weightsOf() == QLatin1String("modular") ? has_modular_ : has_model_);
    cluster_->setClusterEnabled(run_->isEnabled());
}

void ProbePanel::setModularAvailable(bool available) {
    has_modular_ = available;
    updateEnabled();
}

QString ProbePanel::weightsOf() const {
    return weights_->currentData().toString();
}

void ProbePanel::setEnabledForModel(bool has_model) {
    has_model_ = has_model;
    updateEnabled();
}

void ProbePanel::setSelectedMatrix(const QString& name) {
    selected_ = name;
}

void ProbePanel::setProbe(ProbeKind kind) {
    probe_->setCurrentIndex(probe_->findData(int(kind)));
}

ProbeRequest ProbePanel::request() const {
    ProbeRequest r;
    r.kind = static_cast<ProbeKind>(probe_->currentData().toInt());
    const QString scope = scope_->currentData().toString();
    if (scope == QLatin1String("selected")) {
        if (selected_.isEmpty())
            throw core::InputError(tr("select a matrix in the Model panel first").toStdString());
        r.matrices = selected_.toStdString();
    } else if (scope == QLatin1String("custom")) {
        if (custom_->text().trimmed().isEmpty())
            throw core::InputError(
                tr("custom matrices: give names or a spec such as layers:0-5").toStdString());
        r.matrices = custom_->text().trimmed().toStdString();
    } else {
        r.matrices = scope.toStdString();
    }
    auto& s = r.settings;
    s.block_size = r.kind == ProbeKind::BasisEnergy ? 2 : block_->value();
    s.terms = r.kind == ProbeKind::BasisEnergy ? 2 : terms_->value();
    const QString order = order_->currentData().toString();
    if (order == QLatin1String("both") && r.kind != ProbeKind::BasisEnergy)
        throw core::InputError(
            tr("both factor orders at once is for the 2x2 basis energy: pick one order for this probe")
                .toStdString());
    r.both_orders = order == QLatin1String("both");
    s.small_first = order != QLatin1String("second");
    s.null_draws = draws_->value();
    s.seed = static_cast<uint64_t>(seed_->value());
    s.permuted_null = permuted_->isChecked();
    s.histogram_bins = bins_->value();
    s.max_fold = fold_->value();
    s.angle_source = core::parseAngleSource(source_->currentData().toString().toStdString());
    s.validate();
    return r;
}

QVariantMap ProbePanel::state() const {
    return {{QStringLiteral("probe"), probe_->currentData()},
            {QStringLiteral("scope"), scope_->currentData()},
            {QStringLiteral("custom"), custom_->text()},
            {QStringLiteral("block_size"), block_->value()},
            {QStringLiteral("terms"), terms_->value()},
            {QStringLiteral("order"), order_->currentData()},
            {QStringLiteral("null_draws"), draws_->value()},
            {QStringLiteral("seed"), seed_->value()},
            {QStringLiteral("permuted"), permuted_->isChecked()},
            {QStringLiteral("source"), source_->currentData()},
            {QStringLiteral("bins"), bins_->value()},
            {QStringLiteral("max_fold"), fold_->value()}};
}

void ProbePanel::setState(const QVariantMap& m) {
    auto pick = [&m](QComboBox* box, const char* key) {
        if (!m.contains(QLatin1String(key))) return;
        const int i = box->findData(m.value(QLatin1String(key)));
        if (i >= 0) box->setCurrentIndex(i);
    };
    pick(probe_, "probe");
    pick(scope_, "scope");
    pick(order_, "order");
    if (!m.contains(QStringLiteral("order")) &&
        m.contains(QStringLiteral("small_first")))  // sessions before "both"
        order_->setCurrentIndex(m.value(QStringLiteral("small_first")).toBool() ? 0 : 1);
    pick(source_, "source");
    custom_->setText(m.value(QStringLiteral("custom"), custom_->text()).toString());
    block_->setValue(m.value(QStringLiteral("block_size"), block_->value()).toInt());
    terms_->setValue(m.value(QStringLiteral("terms"), terms_->value()).toInt());
    draws_->setValue(m.value(QStringLiteral("null_draws"), draws_->value()).toInt());
    seed_->setValue(m.value(QStringLiteral("seed"), seed_->value()).toInt());
    permuted_->setChecked(m.value(QStringLiteral("permuted"), permuted_->isChecked()).toBool());
    bins_->setValue(m.value(QStringLiteral("bins"), bins_->value()).toInt());
    fold_->setValue(m.value(QStringLiteral("max_fold"), fold_->value()).toInt());
    updateEnabled();
}

}  // namespace kronscope::app
