#include "pages/structure_map_panel.h"

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
#include "pages/page_fields.h"
#include "widgets/cluster_buttons.h"
#include "kronscope/core/decompose/null_models.h"

namespace kronscope::app {

StructureMapPanel::StructureMapPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("structureMapPanel"));
    auto* form = new QFormLayout(this);
    metric_ = new QComboBox(this);
    metric_->addItem(tr("Kronecker ratio (vs Gaussian null)"), int(core::MapMetric::KronRatio));
    metric_->addItem(tr("Kronecker relative error"), int(core::MapMetric::KronErr));
    metric_->addItem(tr("SVD relative error (matched parameters)"), int(core::MapMetric::SvdErr));
    form->addRow(tr("Metric"), metric_);
    blocks_ = new QLineEdit(QStringLiteral("2,4,8,16"), this);
    blocks_->setObjectName(QStringLiteral("structureBlocks"));
    form->addRow(tr("Block sizes"), blocks_);
    targets_ = new QLineEdit(QStringLiteral("all"), this);
    targets_->setObjectName(QStringLiteral("structureTargets"));
    targets_->setToolTip(
        tr("Which block matrices: all, attn, mlp, layers:A-B, kinds:c_fc,..., matrices:h.0.mlp.c_fc,...; "
           "join with + for an intersection (attn+layers:6-11)."));
    form->addRow(tr("Targets"), targets_);
    draws_ = new QSpinBox(this);
    draws_->setRange(2, 1000);
    draws_->setValue(20);
    form->addRow(tr("Null draws"), draws_);
    run_ = new QPushButton(tr("Compute structure map"), this);
    run_->setObjectName(QStringLiteral("structureRun"));
    run_->setEnabled(false);
    form->addRow(run_);
    cluster_ = new ClusterButtons(QStringLiteral("structure"), tr("this structure map"), this);
    cluster_->setClusterEnabled(false);
    form->addRow(cluster_);
    auto* hint =
        new QLabel(tr("Every block matrix at every block size; shown as a 3D landscape. Click a cell to "
                      "select that matrix."),
                   this);
    hint->setWordWrap(true);
    form->addRow(hint);
    connect(run_, &QPushButton::clicked, this, &StructureMapPanel::runRequested);
}

QVariantMap StructureMapPanel::state() const {
    return {{QStringLiteral("metric"), metric_->currentData()},
            {QStringLiteral("blocks"), blocks_->text()},
            {QStringLiteral("null_draws"), draws_->value()},
            {QStringLiteral("targets"), targets_->text()}};
}

void StructureMapPanel::setState(const QVariantMap& m) {
    const int i = metric_->findData(m.value(QStringLiteral("metric")));
    if (i >= 0) metric_->setCurrentIndex(i);
    blocks_->setText(m.value(QStringLiteral("blocks"), blocks_->text()).toString());
    draws_->setValue(m.value(QStringLiteral("null_draws"), 20).toInt());
    targets_->setText(m.value(QStringLiteral("targets"), QStringLiteral("all")).toString());
}

void StructureMapPanel::setEnabledForModel(bool has_model) {
    run_->setEnabled(has_model);
    cluster_->setClusterEnabled(has_model);
}

StructureMapRequest StructureMapPanel::request() const {
    StructureMapRequest r;
    r.metric = static_cast<core::MapMetric>(metric_->currentData().toInt());
    r.targets = core::MatrixTargets::parse(targets_->text().trimmed().toStdString());
    r.block_sizes = blockSizesFrom(blocks_->text());
    r.null_draws = draws_->value();
    r.validate();
    return r;
}

}  // namespace kronscope::app
