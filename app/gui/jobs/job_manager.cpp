#include "jobs/job_manager.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>

#include "kronscope/core/base/error.h"

namespace kronscope::app {

struct JobManager::Entry {
    JobInfo info;
    QtProgress progress;
    Work work;
    Done done;
    bool finished = false;
};

JobManager::JobManager(QObject* parent) : QObject(parent) {}

JobManager::~JobManager() {
    cancelAll();
    waitForAll();
}

int JobManager::submit(const QString& title, Work work, Done done) {
    auto entry = std::make_shared<Entry>();
    const int id = next_id_++;
    entry->info.id = id;
    entry->info.title = title;
    entry->work = std::move(work);
    entry->done = std::move(done);
    jobs_[id] = entry;
    connect(
        &entry->progress, &QtProgress::progressed, this,
        [this, id](double f, double left, const QString& msg) {
            auto it = jobs_.find(id);
            if (it == jobs_.end() || it->second->finished) return;
            it->second->info.fraction = f;
            it->second->info.seconds_left = left;
            if (!msg.isEmpty()) it->second->info.message = msg;
            emit jobChanged(id);
        },
        Qt::QueuedConnection);
    emit jobAdded(id);

    QPointer<JobManager> self(this);
    QThreadPool::globalInstance()->start([self, entry, id] {
        QMetaObject::invokeMethod(
            self,
            [self, id] {
                if (!self) return;
                auto it = self->jobs_.find(id);
                if (it != self->jobs_.end() && it->second->info.state == JobState::Queued) {
                    it->second->info.state = JobState::Running;
                    emit self->jobChanged(id);
                }
            },
            Qt::QueuedConnection);
        QVariant result;
        JobState state = JobState::Finished;
        QString error;
        try {
            entry->progress.throwIfCancelled();
            result = entry->work(entry->progress);
        } catch (const core::Cancelled&) {
            state = JobState::Cancelled;
        } catch (const std::exception& e) {
            state = JobState::Failed;
            error = QString::fromStdString(e.what());
        } catch (...) {
            state = JobState::Failed;
            error = QObject::tr("unknown error");
        }
        QMetaObject::invokeMethod(
            self,
            [self, entry, id, result, state, error] {
                if (!self) return;
                entry->finished = true;
                entry->info.state = state;
                entry->info.error = error;
                if (state == JobState::Finished) {
                    entry->info.fraction = 1.0;
                    entry->info.seconds_left = 0.0;
                    if (entry->done) entry->done(result);
                }
                emit self->jobChanged(id);
                emit self->jobFinished(id, state == JobState::Finished, error);
            },
            Qt::QueuedConnection);
    });
    return id;
}

void JobManager::cancel(int id) {
    auto it = jobs_.find(id);
    if (it != jobs_.end() && !it->second->finished) it->second->progress.cancel();
}

void JobManager::cancelAll() {
    for (auto& [id, e] : jobs_)
        if (!e->finished) e->progress.cancel();
}

void JobManager::waitForAll() {
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::sendPostedEvents(this);
}

int JobManager::activeCount() const {
    int n = 0;
    for (const auto& [id, e] : jobs_)
        if (!e->finished) ++n;
    return n;
}

const JobInfo* JobManager::job(int id) const {
    auto it = jobs_.find(id);
    return it == jobs_.end() ? nullptr : &it->second->info;
}

}  // namespace kronscope::app
