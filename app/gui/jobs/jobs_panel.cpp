#include "jobs/jobs_panel.h"

#include <QHeaderView>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "jobs/job_manager.h"

namespace kronscope::app {

namespace {
enum Column { kTitle, kProgress, kLeft, kStatus, kCancel };

QString stateText(const JobInfo& j) {
    switch (j.state) {
        case JobState::Queued:
            return JobsPanel::tr("queued");
        case JobState::Running:
            return j.message.isEmpty() ? JobsPanel::tr("running") : j.message;
        case JobState::Finished:
            return JobsPanel::tr("done");
        case JobState::Cancelled:
            return JobsPanel::tr("cancelled");
        case JobState::Failed:
            return JobsPanel::tr("failed: %1").arg(j.error);
    }
    return {};
}
}  // namespace

JobsPanel::JobsPanel(JobManager* jobs, QWidget* parent) : QWidget(parent), jobs_(jobs) {
    setObjectName(QStringLiteral("jobsPanel"));
    tree_ = new QTreeWidget(this);
    tree_->setObjectName(QStringLiteral("jobsTree"));
    tree_->setRootIsDecorated(false);
    tree_->setHeaderLabels({tr("Job"), tr("Progress"), tr("Time left"), tr("Status"), QString()});
    tree_->header()->setStretchLastSection(false);
    tree_->header()->setSectionResizeMode(kStatus, QHeaderView::Stretch);
    tree_->setColumnWidth(kTitle, 260);
    tree_->setColumnWidth(kCancel, 90);
    tree_->setColumnWidth(kProgress, 160);
    tree_->setColumnWidth(kLeft, 90);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tree_);
    connect(jobs_, &JobManager::jobAdded, this, &JobsPanel::addJob);
    connect(jobs_, &JobManager::jobChanged, this, &JobsPanel::updateJob);
}

void JobsPanel::addJob(int id) {
    const JobInfo* j = jobs_->job(id);
    if (!j) return;
    auto* item = new QTreeWidgetItem(tree_);
    item->setText(kTitle, j->title);
    auto* bar = new QProgressBar(tree_);
    bar->setRange(0, 1000);
    bar->setTextVisible(true);
    tree_->setItemWidget(item, kProgress, bar);
    auto* cancel = new QPushButton(tr("Cancel"), tree_);
    cancel->setObjectName(QStringLiteral("cancelJob%1").arg(id));
    connect(cancel, &QPushButton::clicked, this, [this, id] { jobs_->cancel(id); });
    tree_->setItemWidget(item, kCancel, cancel);
    items_[id] = item;
    tree_->scrollToItem(item);
    updateJob(id);
}

void JobsPanel::updateJob(int id) {
    const JobInfo* j = jobs_->job(id);
    auto it = items_.find(id);
    if (!j || it == items_.end()) return;
    QTreeWidgetItem* item = it->second;
    if (auto* bar = qobject_cast<QProgressBar*>(tree_->itemWidget(item, kProgress))) {
        bar->setValue(static_cast<int>(j->fraction * 1000.0));
        bar->setFormat(tr("%1%").arg(j->fraction * 100.0, 0, 'f', 1));
    }
    const bool active = j->state == JobState::Queued || j->state == JobState::Running;
    item->setText(kLeft, active ? QString::fromStdString(core::formatDuration(j->seconds_left)) : QString());
    item->setText(kStatus, stateText(*j));
    item->setToolTip(kStatus, stateText(*j));
    if (auto* cancel = qobject_cast<QPushButton*>(tree_->itemWidget(item, kCancel)))
        cancel->setEnabled(active);
}

}  // namespace kronscope::app
