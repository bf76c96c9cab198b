#pragma once
// Run on a cluster…: the Slurm settings of a sharded job (shards, partition, GPUs and CPUs per task, time,
// account, the job folder) and whether to submit now.
#include <QDialog>

#include "kronscope/core/analysis/cluster.h"

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace kronscope::app {

class ClusterDialog : public QDialog {
    Q_OBJECT
  public:
    explicit ClusterDialog(QWidget* parent = nullptr);
    /// The settings as a request (the job and its options are the caller's).
    core::SlurmRequest request() const;
    bool submit() const;

  private:
    QSpinBox* shards_;
    QSpinBox* gpus_;
    QSpinBox* cpus_;
    QLineEdit* partition_;
    QLineEdit* time_;
    QLineEdit* account_;
    QLineEdit* out_;
    QCheckBox* submit_;
};

}  // namespace kronscope::app
