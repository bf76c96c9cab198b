#include "widgets/cluster_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace kronscope::app {

ClusterDialog::ClusterDialog(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("clusterDialog"));
    setWindowTitle(tr("Run on a cluster"));
    auto* form = new QFormLayout(this);
    auto* intro =
        new QLabel(tr("Writes a Slurm job array: task I runs shard I of N of this sweep (the cells k with "
                      "k mod N = I), and a merge job that waits for all of them (afterok) and writes "
                      "result.md and result.json. Import results… reads the folder back."),
                   this);
    intro->setWordWrap(true);
    form->addRow(intro);
    shards_ = new QSpinBox(this);
    shards_->setRange(1, 10000);
    shards_->setValue(8);
    form->addRow(tr("Shards (array tasks)"), shards_);
    partition_ = new QLineEdit(this);
    partition_->setPlaceholderText(tr("the cluster's default"));
    form->addRow(tr("Partition"), partition_);
    gpus_ = new QSpinBox(this);
    gpus_->setRange(0, 16);
    gpus_->setToolTip(tr("With GPUs the tasks run with --device cuda"));
    form->addRow(tr("GPUs per task"), gpus_);
    cpus_ = new QSpinBox(this);
    cpus_->setRange(0, 512);
    cpus_->setSpecialValueText(tr("default"));
    form->addRow(tr("CPUs per task"), cpus_);
    time_ = new QLineEdit(this);
    time_->setPlaceholderText(tr("e.g. 02:00:00"));
    form->addRow(tr("Time limit"), time_);
    account_ = new QLineEdit(this);
    form->addRow(tr("Account"), account_);
    out_ = new QLineEdit(QDir::current().filePath(QStringLiteral("kronscope-slurm")), this);
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Job folder"), out_->text());
        if (!d.isEmpty()) out_->setText(d);
    });
    auto* row = new QHBoxLayout;
    row->addWidget(out_);
    row->addWidget(browse);
    form->addRow(tr("Job folder"), row);
    submit_ = new QCheckBox(tr("Submit now with sbatch (this machine must be a Slurm login node)"), this);
    form->addRow(submit_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Write the job"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

core::SlurmRequest ClusterDialog::request() const {
    core::SlurmRequest r;
    r.shards = shards_->value();
    r.partition = partition_->text().trimmed().toStdString();
    r.gpus_per_task = gpus_->value();
    r.cpus_per_task = cpus_->value();
    r.time = time_->text().trimmed().toStdString();
    r.account = account_->text().trimmed().toStdString();
    r.out_dir = out_->text().trimmed().toStdString();
    return r;
}

bool ClusterDialog::submit() const {
    return submit_->isChecked();
}

}  // namespace kronscope::app
