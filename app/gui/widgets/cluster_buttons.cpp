#include "widgets/cluster_buttons.h"

#include <QPushButton>
#include <QVBoxLayout>

namespace kronscope::app {

ClusterButtons::ClusterButtons(const QString& prefix, const QString& what, QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    cluster_ = new QPushButton(tr("Run on a cluster…"), this);
    cluster_->setObjectName(prefix + QStringLiteral("Cluster"));
    cluster_->setToolTip(
        tr("Write a Slurm job array that runs %1 in shards, and the merge job after it").arg(what));
    auto* import = new QPushButton(tr("Import results…"), this);
    import->setObjectName(prefix + QStringLiteral("Import"));
    import->setToolTip(tr("Merge a folder of shard files (a cluster run) into the view"));
    layout->addWidget(cluster_);
    layout->addWidget(import);
    connect(cluster_, &QPushButton::clicked, this, &ClusterButtons::clusterRequested);
    connect(import, &QPushButton::clicked, this, &ClusterButtons::importRequested);
}

void ClusterButtons::setClusterEnabled(bool enabled) {
    cluster_->setEnabled(enabled);
}

}  // namespace kronscope::app
