#include "pages/sweep_panel.h"
#include "widgets/cluster_buttons.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include "kronscope/core/base/error.h"
#include "pages/page_fields.h"

namespace kronscope::app {

SweepPanel::SweepPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("sweepPanel"));
    auto* form = new QFormLayout(this);
    auto* methods = new QWidget(this);
    auto* grid = new QGridLayout(methods);
    grid->setContentsMargins(0, 0, 0, 0);
    kron_ = new QCheckBox(tr("Kronecker"), methods);
    svd_ = new QCheckBox(tr("SVD"), methods);
    hybrid_ = new QCheckBox(tr("Hybrid"), methods);
    reverse_ = new QCheckBox(tr("Reverse hybrid"), methods);
    kron_->setObjectName(QStringLiteral("sweepKron"));
    svd_->setObjectName(QStringLiteral("sweepSvd"));
    hybrid_->setToolTip(tr("Kronecker on attention, SVD on MLP (seed 000's decisive test)."));
    reverse_->setToolTip(tr("SVD on attention, Kronecker on MLP."));
    kron_->setChecked(true);
    svd_->setChecked(true);
    grid->addWidget(kron_, 0, 0);
    grid->addWidget(svd_, 0, 1);
    grid->addWidget(hybrid_, 1, 0);
    grid->addWidget(reverse_, 1, 1);
    form->addRow(tr("Methods"), methods);
    blocks_ = new QLineEdit(QStringLiteral("2,4,8,16,32"), this);
    blocks_->setObjectName(QStringLiteral("sweepBlocks"));
    blocks_->setToolTip(tr("Comma-separated block sizes n (A_k n × n, r = n; SVD at the matched rank)."));
    form->addRow(tr("Block sizes"), blocks_);
    targets_ = new QComboBox(this);
    targets_->setObjectName(QStringLiteral("sweepTargets"));
    form->addRow(tr("Targets"), targets_);
    custom_ = new QLineEdit(this);
    custom_->setPlaceholderText(tr("e.g. attn+layers:6-11 or kinds:c_fc"));
    custom_->setToolTip(tr("all, attn, mlp, layers:A-B, kinds:K,K, matrices:M,M; join with + to intersect."));
    custom_->setEnabled(false);
    form->addRow(tr("Custom targets"), custom_);
    terms_ = new QSpinBox(this);
    terms_->setRange(0, 1 << 20);
    terms_->setSpecialValueText(tr("n (seed convention)"));
    form->addRow(tr("Kronecker terms r"), terms_);
    order_ = new QComboBox(this);
    order_->addItem(tr("small factor first (A_k n × n)"), true);
    order_->addItem(tr("small factor second (n × n tiles)"), false);
    form->addRow(tr("Factor order"), order_);
    rescale_ = new QCheckBox(tr("Frobenius rescaling"), this);
    form->addRow(rescale_);
    baseline_ = new QCheckBox(tr("Measure the unmodified model first"), this);
    baseline_->setChecked(true);
    form->addRow(baseline_);
    run_ = new QPushButton(tr("Run sweep"), this);
    run_->setObjectName(QStringLiteral("sweepRun"));
    form->addRow(run_);
    cluster_ = new ClusterButtons(QStringLiteral("sweep"), tr("this sweep"), this);
    form->addRow(cluster_);
    hint_ = new QLabel(tr("Uses the text and window of the Perplexity page."), this);
    hint_->setWordWrap(true);
    form->addRow(hint_);
    connect(targets_, &QComboBox::currentIndexChanged, this,
            [this] { custom_->setEnabled(targets_->currentData().toString() == QLatin1String("custom")); });
    connect(run_, &QPushButton::clicked, this, &SweepPanel::runRequested);
    setModelConfig(nullptr);
}

void SweepPanel::setModelConfig(const core::Gpt2Config* config) {
    n_layer_ = config ? config->n_layer : 0;
    targets_->clear();
    targets_->addItem(tr("All block matrices"), QStringLiteral("all"));
    targets_->addItem(tr("Attention only"), QStringLiteral("attn"));
    targets_->addItem(tr("MLP only"), QStringLiteral("mlp"));
    if (n_layer_ >= 2) {
        const int64_t half = n_layer_ / 2;
        targets_->addItem(tr("Early layers (0-%1)").arg(half - 1),
                          QStringLiteral("layers:0-%1").arg(half - 1));
        targets_->addItem(tr("Late layers (%1-%2)").arg(half).arg(n_layer_ - 1),
                          QStringLiteral("layers:%1-%2").arg(half).arg(n_layer_ - 1));
        targets_->addItem(tr("All five (seed table: all, attn, MLP, early, late)"),
                          QStringLiteral("all;attn;mlp;layers:0-%1;layers:%2-%3")
                              .arg(half - 1)
                              .arg(half)
                              .arg(n_layer_ - 1));
    }
    targets_->addItem(tr("Selected matrix"), QStringLiteral("selected"));
    targets_->addItem(tr("Custom…"), QStringLiteral("custom"));
    run_->setEnabled(config != nullptr);
    cluster_->setClusterEnabled(config != nullptr);
}

QVariantMap SweepPanel::state() const {
    return {{QStringLiteral("kron"), kron_->isChecked()},
            {QStringLiteral("svd"), svd_->isChecked()},
            {QStringLiteral("hybrid"), hybrid_->isChecked()},
            {QStringLiteral("reverse"), reverse_->isChecked()},
            {QStringLiteral("blocks"), blocks_->text()},
            {QStringLiteral("targets"), targets_->currentData()},
            {QStringLiteral("custom"), custom_->text()},
            {QStringLiteral("terms"), terms_->value()},
            {QStringLiteral("small_first"), order_->currentData()},
            {QStringLiteral("rescale"), rescale_->isChecked()},
            {QStringLiteral("baseline"), baseline_->isChecked()}};
}

void SweepPanel::setState(const QVariantMap& m) {
    kron_->setChecked(m.value(QStringLiteral("kron"), true).toBool());
    svd_->setChecked(m.value(QStringLiteral("svd"), true).toBool());
    hybrid_->setChecked(m.value(QStringLiteral("hybrid")).toBool());
    reverse_->setChecked(m.value(QStringLiteral("reverse")).toBool());
    blocks_->setText(m.value(QStringLiteral("blocks"), blocks_->text()).toString());
    const int t = targets_->findData(m.value(QStringLiteral("targets")));
    if (t >= 0) targets_->setCurrentIndex(t);
    custom_->setText(m.value(QStringLiteral("custom")).toString());
    terms_->setValue(m.value(QStringLiteral("terms"), 0).toInt());
    order_->setCurrentIndex(m.value(QStringLiteral("small_first"), true).toBool() ? 0 : 1);
    rescale_->setChecked(m.value(QStringLiteral("rescale")).toBool());
    baseline_->setChecked(m.value(QStringLiteral("baseline"), true).toBool());
}

void SweepPanel::setSelectedMatrix(const QString& name) {
    selected_ = name;
}

void SweepPanel::setBlockSizes(const QString& text) {
    blocks_->setText(text);
}

void SweepPanel::setMethods(const QStringList& methods) {
    kron_->setChecked(methods.contains(QLatin1String("kron")));
    svd_->setChecked(methods.contains(QLatin1String("svd")));
    hybrid_->setChecked(methods.contains(QLatin1String("hybrid")));
    reverse_->setChecked(methods.contains(QLatin1String("reverse-hybrid")));
}

core::SweepSettings SweepPanel::settings() const {
    core::SweepSettings s;
    s.methods.clear();
    if (kron_->isChecked()) s.methods.push_back("kron");
    if (svd_->isChecked()) s.methods.push_back("svd");
    if (hybrid_->isChecked()) s.methods.push_back("hybrid");
    if (reverse_->isChecked()) s.methods.push_back("reverse-hybrid");
    if (s.methods.empty()) throw core::InputError(tr("choose at least one method").toStdString());
    s.block_sizes = blockSizesFrom(blocks_->text());
    if (s.block_sizes.empty()) throw core::InputError(tr("block sizes: give at least one").toStdString());
    QString t = targets_->currentData().toString();
    if (t == QLatin1String("custom")) t = custom_->text().trimmed();
    if (t == QLatin1String("selected")) {
        if (selected_.isEmpty())
            throw core::InputError(tr("targets: select a matrix in the Model panel").toStdString());
        t = QStringLiteral("matrices:") + selected_;
    }
    s.targets.clear();
    for (const QString& part : t.split(QLatin1Char(';'), Qt::SkipEmptyParts))
        s.targets.push_back(part.toStdString());
    if (s.targets.empty()) throw core::InputError(tr("targets: empty").toStdString());
    for (const auto& x : s.targets) core::MatrixTargets::parse(x);
    s.baseline = baseline_->isChecked();
    s.options.terms = terms_->value();
    s.options.small_first = order_->currentData().toBool();
    s.options.rescale = rescale_->isChecked();
    return s;
}

}  // namespace kronscope::app
