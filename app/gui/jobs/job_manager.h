#pragma once
// Runs long computations on worker threads (QThreadPool) with the core's Progress contract:
// progress and time left arrive as signals on the GUI thread, every job can be cancelled at any moment,
// and finished() is always delivered on the main thread. No processEvents() loops anywhere.
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QVariant>
#include <functional>
#include <memory>

#include "kronscope/core/base/progress.h"

namespace kronscope::app {

/// core::Progress whose reports become queued Qt signals.
class QtProgress : public QObject, public core::Progress {
    Q_OBJECT
  signals:
    void progressed(double fraction, double seconds_left, const QString& message);

  protected:
    void onReport(double fraction, double seconds_left, const std::string& message) override {
        emit progressed(fraction, seconds_left, QString::fromStdString(message));
    }
};

enum class JobState { Queued, Running, Finished, Failed, Cancelled };

struct JobInfo {
    int id = 0;
    QString title;
    JobState state = JobState::Queued;
    double fraction = 0.0;
    double seconds_left = -1.0;
    QString message;
    QString error;
};

class JobManager : public QObject {
    Q_OBJECT
  public:
    /// The work runs on a worker thread; it returns a result (any QVariant) or throws.
    /// core::Cancelled marks the job cancelled; other exceptions mark it failed with their message.
    using Work = std::function<QVariant(core::Progress&)>;
    /// Called on the main thread with the result when the job finished successfully.
    using Done = std::function<void(const QVariant&)>;

    explicit JobManager(QObject* parent = nullptr);
    ~JobManager() override;

    int submit(const QString& title, Work work, Done done = {});
    void cancel(int id);
    void cancelAll();
    /// Blocks until every job has finished (shutdown and tests only).
    void waitForAll();
    int activeCount() const;
    const JobInfo* job(int id) const;

  signals:
    void jobAdded(int id);
    void jobChanged(int id);
    /// Emitted on the main thread after the job's Done callback ran.
    void jobFinished(int id, bool ok, const QString& error);

  private:
    struct Entry;
    std::map<int, std::shared_ptr<Entry>> jobs_;
    int next_id_ = 1;
};

}  // namespace kronscope::app
