#include "pages/mechanism_panel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include "widgets/cluster_buttons.h"
#include "kronscope/core/base/error.h"
#include "pages/page_fields.h"
#include "widgets/form_fields.h"

namespace kronscope::app {

MechanismPanel::MechanismPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("mechanismPanel"));
    auto* form = new QFormLayout(this);
    analysis_ = new QComboBox(this);
    analysis_->setObjectName(QStringLiteral("mechanismAnalysis"));
    analysis_->addItem(tr("Activation-weighted error"), int(core::MechanismAnalysis::ActivationError));
    analysis_->addItem(tr("Conditioning"), int(core::MechanismAnalysis::Conditioning));
    analysis_->addItem(tr("Nullspace noise"), int(core::MechanismAnalysis::Nullspace));
    analysis_->addItem(tr("Single-matrix scan"), int(core::MechanismAnalysis::Scan));
    analysis_->addItem(tr("Error propagation"), int(core::MechanismAnalysis::Propagation));
    form->addRow(tr("Analysis"), analysis_);
    blocks_ = new QLineEdit(QStringLiteral("16"), this);
    blocks_->setObjectName(QStringLiteral("mechanismBlocks"));
    blocks_->setToolTip(tr("One block size n (the scan takes a list: 4,16)."));
    form->addRow(tr("Block size"), blocks_);
    method_ = new QComboBox(this);
    method_->setObjectName(QStringLiteral("mechanismMethod"));
    method_->addItem(tr("both"), QStringLiteral("both"));
    method_->addItem(QStringLiteral("kron"), QStringLiteral("kron"));
    method_->addItem(QStringLiteral("svd"), QStringLiteral("svd"));
    form->addRow(tr("Scan methods"), method_);
    targets_ = new QLineEdit(QStringLiteral("all"), this);
    targets_->setObjectName(QStringLiteral("mechanismTargets"));
    targets_->setToolTip(
        tr("all, attn, mlp, layers:A-B, kinds:..., matrices:...; join with + for an intersection."));
    form->addRow(tr("Targets"), targets_);
    eps_ = new QLineEdit(QStringLiteral("0,0.25,0.5,1"), this);
    eps_->setObjectName(QStringLiteral("mechanismEps"));
    form->addRow(tr("Noise eps"), eps_);
    seed_ = spinField(this, "mechanismSeed", 0, 1 << 30, 0);
    form->addRow(tr("Noise seed"), seed_);
    run_ = new QPushButton(tr("Run analysis"), this);
    run_->setObjectName(QStringLiteral("mechanismRun"));
    run_->setEnabled(false);
    form->addRow(run_);
    cluster_ = new ClusterButtons(QStringLiteral("mechanism"), tr("this scan"), this);
    cluster_->setClusterEnabled(false);
    cluster_->setToolTip(
        tr("The single-matrix scan runs in shards on a cluster (the other analyses run here)"));
    form->addRow(cluster_);
    auto* hint =
        new QLabel(tr("Why Kronecker surgery beats SVD in perplexity while losing in every per-matrix error "
                      "(seed 000). Uses the Perplexity page's text and window; activation error and "
                      "propagation run non-overlapping windows of max_length."),
                   this);
    hint->setWordWrap(true);
    form->addRow(hint);
    connect(run_, &QPushButton::clicked, this, &MechanismPanel::runRequested);
}

core::MechanismRequest MechanismPanel::request() const {
    core::MechanismRequest r;
    r.analysis = static_cast<core::MechanismAnalysis>(analysis_->currentData().toInt());
    r.block_sizes = blockSizesFrom(blocks_->text());
    const QString m = method_->currentData().toString();
    r.methods = m == QLatin1String("both") ? std::vector<std::string>{"kron", "svd"}
                                           : std::vector<std::string>{m.toStdString()};
    r.targets = core::MatrixTargets::parse(targets_->text().trimmed().toStdString());
    r.eps.clear();
    for (const auto& part : eps_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok) throw core::InputError("eps: '" + part.trimmed().toStdString() + "' is not a number");
        r.eps.push_back(v);
    }
    r.seed = static_cast<uint64_t>(seed_->value());
    return r;
}

void MechanismPanel::setAnalysis(core::MechanismAnalysis a) {
    const int i = analysis_->findData(int(a));
    if (i >= 0) analysis_->setCurrentIndex(i);
}

void MechanismPanel::setEnabledForModel(bool has_model) {
    run_->setEnabled(has_model);
    cluster_->setClusterEnabled(has_model);
}

QVariantMap MechanismPanel::state() const {
    return {{QStringLiteral("analysis"), analysis_->currentData()},
            {QStringLiteral("blocks"), blocks_->text()},
            {QStringLiteral("method"), method_->currentData()},
            {QStringLiteral("targets"), targets_->text()},
            {QStringLiteral("eps"), eps_->text()},
            {QStringLiteral("seed"), seed_->value()}};
}

void MechanismPanel::setState(const QVariantMap& m) {
    const int a = analysis_->findData(m.value(QStringLiteral("analysis")));
    if (a >= 0) analysis_->setCurrentIndex(a);
    blocks_->setText(m.value(QStringLiteral("blocks"), blocks_->text()).toString());
    const int k = method_->findData(m.value(QStringLiteral("method")));
    if (k >= 0) method_->setCurrentIndex(k);
    targets_->setText(m.value(QStringLiteral("targets"), QStringLiteral("all")).toString());
    eps_->setText(m.value(QStringLiteral("eps"), eps_->text()).toString());
    seed_->setValue(m.value(QStringLiteral("seed"), 0).toInt());
}

}  // namespace kronscope::app
