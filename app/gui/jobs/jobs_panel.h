#pragma once
#include <QWidget>
#include <map>

class QTreeWidget;
class QTreeWidgetItem;

namespace kronscope::app {

class JobManager;

/// Lists queued, running and finished jobs with a progress bar, time left, status and a Cancel button.
class JobsPanel : public QWidget {
    Q_OBJECT
  public:
    explicit JobsPanel(JobManager* jobs, QWidget* parent = nullptr);

  private:
    void addJob(int id);
    void updateJob(int id);

    JobManager* jobs_;
    QTreeWidget* tree_;
    std::map<int, QTreeWidgetItem*> items_;
};

}  // namespace kronscope::app
