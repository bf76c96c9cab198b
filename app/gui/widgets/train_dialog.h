#pragma once
#include <QDialog>

#include "kronscope/core/train/trainer.h"

class QComboBox;
class QLineEdit;
class QSpinBox;
class QFormLayout;
class QDoubleSpinBox;
class QPushButton;
class QLabel;
class QCheckBox;
class QProgressBar;

namespace kronscope::views {
class LossPlot;
}

namespace kronscope::app {

class JobManager;
class DeviceCombo;

/// Evaluations of a running training, delivered on the GUI thread. The worker holds a QPointer to this plain
/// QObject (never to a widget); the dialog draws what it announces.
class TrainingFeed : public QObject {
    Q_OBJECT
  public:
    using QObject::QObject;
  signals:
    void evaluated(double step, double train_loss, double val_loss, double average_val_loss,
                   double ema_val_loss);
};

/// Tools > Train a GPT-2: the trainer of `kronscope-cli train` with a live loss curve. Runs as a job
/// (progress, time left, cancel keeps a resumable state); when it finishes the new checkpoint can be opened.
class TrainDialog : public QDialog {
    Q_OBJECT
  public:
    TrainDialog(JobManager* jobs, QWidget* parent = nullptr);
    int jobId() const { return job_; }
    /// Starts training with the dialog's settings; returns the job id (0 when a setting is invalid).
    int start();
    void setOutputDirectory(const QString& dir);
    void setPreset(const QString& name);
    void setSteps(int steps);
    void setCorpusFile(const QString& path);  // a UTF-8 text file instead of the Brown corpus
    void setDevice(const QString& spec);      // "cpu", "cuda", "cuda:N"
    /// Start from this Hugging Face checkpoint's weights ("" = random init); its config is the architecture.
    void setInitCheckpoint(const QString& dir);
    void setLearningRate(double peak, double final_ratio);
    /// Stochastic weight averaging from this step on (-1 = off): the exported model is the mean of the
    /// weights.
    void setAverageFrom(int step);

  signals:
    /// The finished checkpoint directory.
    void trained(const QString& directory);

  private:
    void addDataRows(QFormLayout* form);  // corpus, architecture, start checkpoint
    void addScheduleRows(
        QFormLayout* form);                 // seed, steps, batch, context, learning rate, dropout, averaging
    void addOutputRows(QFormLayout* form);  // device, output folder, resume
    void offerResume();
    core::TrainSettings settingsFromFields(bool brown, const QString& file, bool resume) const;
    void replaySavedCurve();
    static QString recipeText();
    void showResumeState();  // fields disabled and filled from the saved run while "resume" is ticked

    JobManager* jobs_;
    QComboBox* corpus_;
    QLineEdit* corpus_file_;
    QComboBox* preset_;
    QSpinBox* seed_;
    QSpinBox* steps_;
    QSpinBox* batch_;
    QSpinBox* context_;
    QDoubleSpinBox* lr_;
    QDoubleSpinBox* dropout_;
    QSpinBox* warmup_;
    QDoubleSpinBox* min_lr_;
    QSpinBox* average_from_;
    QDoubleSpinBox* ema_;
    QLineEdit* init_;
    DeviceCombo* device_;
    QCheckBox* resume_;
    QLineEdit* out_;
    QPushButton* start_;
    QLabel* status_;
    views::LossPlot* loss_;
    TrainingFeed* feed_;
    int job_ = 0;
};

}  // namespace kronscope::app
