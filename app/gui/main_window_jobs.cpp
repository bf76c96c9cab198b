// MainWindow's Jobs dock: every job's row (JobsPanel), shown while jobs run and folded into the status bar's
// Jobs indicator when they are done.
#include <QDockWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolButton>

#include "jobs/job_manager.h"
#include "jobs/jobs_panel.h"
#include "main_window.h"

namespace kronscope::app {

QDockWidget* MainWindow::createJobsDock() {
    jobs_panel_ = new JobsPanel(jobs_, this);
    auto* jobs_dock = new QDockWidget(tr("Jobs"), this);
    jobs_dock->setObjectName(QStringLiteral("jobsDock"));
    jobs_dock->setWidget(jobs_panel_);
    addDockWidget(Qt::BottomDockWidgetArea, jobs_dock);
    // The Jobs panel takes room only while something runs (or when asked for): otherwise it folds into a
    // status-bar indicator that shows how many jobs run and opens the panel on a click.
    auto* indicator = new QToolButton(this);
    indicator->setObjectName(QStringLiteral("jobsIndicator"));
    indicator->setAutoRaise(true);
    indicator->setCheckable(true);
    indicator->setToolTip(
        tr("Show or hide the Jobs panel (every job with its progress, time left and Cancel)"));
    statusBar()->addPermanentWidget(indicator);
    auto* fold = new QTimer(this);
    fold->setSingleShot(true);
    fold->setInterval(2500);
    connect(fold, &QTimer::timeout, this, [this, jobs_dock] {
        if (jobs_->activeCount() == 0 && !jobs_pinned_) jobs_dock->hide();
    });
    auto refresh = [this, indicator] {
        const int active = jobs_->activeCount();
        indicator->setText(active == 0 ? tr("Jobs: idle") : tr("Jobs: %n running", nullptr, active));
    };
    connect(jobs_, &JobManager::jobAdded, this, [jobs_dock, fold, refresh] {
        fold->stop();
        jobs_dock->show();
        refresh();
    });
    connect(jobs_, &JobManager::jobFinished, this, [this, fold, refresh](int id, bool ok, const QString&) {
        refresh();
        const JobInfo* j = jobs_->job(id);
        // A failed job keeps the panel open (its row names the error); finished and cancelled ones fold it.
        if (jobs_->activeCount() == 0 && (ok || (j && j->state == JobState::Cancelled))) fold->start();
    });
    connect(indicator, &QToolButton::clicked, this, [this, jobs_dock](bool on) {
        jobs_pinned_ = on;
        jobs_dock->setVisible(on || jobs_->activeCount() > 0);
    });
    connect(jobs_dock, &QDockWidget::visibilityChanged, indicator,
            [indicator, jobs_dock](bool) { indicator->setChecked(jobs_dock->isVisible()); });
    refresh();
    jobs_dock->hide();
    return jobs_dock;
}

}  // namespace kronscope::app
