#include "widgets/train_dialog.h"

#include <cmath>
#include <limits>
#include <initializer_list>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

#include "widgets/device_combo.h"
#include "widgets/form_fields.h"
#include "jobs/job_manager.h"
#include "kronscope/core/analysis/training.h"
#include "kronscope/core/model/checkpoint_writer.h"
#include "kronscope/core/train/corpus.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/tokenizer/tokenizer.h"
#include "kronscope/core/train/trainer.h"
#include "kronscope/views/plots.h"

/// A training job's result: core's (analysis/training.h), as `kronscope-cli train` reports it.
Q_DECLARE_METATYPE(kronscope::core::TrainingResult)

namespace kronscope::app {

namespace {

/// A line edit with a "Browse…" button beside it; the button is returned through `button`.
QHBoxLayout* withBrowse(QWidget* parent, QLineEdit* edit, QPushButton** button) {
    *button = new QPushButton(TrainDialog::tr("Browse…"), parent);
    auto* row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(*button);
    return row;
}

}  // namespace

TrainDialog::TrainDialog(JobManager* jobs, QWidget* parent) : QDialog(parent), jobs_(jobs) {
    setWindowTitle(tr("Train a GPT-2"));
    setObjectName(QStringLiteral("trainDialog"));
    resize(760, 640);
    auto* form = new QFormLayout;
    addDataRows(form);
    addScheduleRows(form);
    addOutputRows(form);

    loss_ = new views::LossPlot(this);
    feed_ = new TrainingFeed(this);
    connect(feed_, &TrainingFeed::evaluated, this,
            [this](double step, double train, double val, double average, double ema) {
                loss_->addPoint(tr("train"), step, train);
                loss_->addPoint(tr("validation"), step, val);
                if (std::isfinite(average)) loss_->addPoint(tr("validation (weight average)"), step, average);
                if (std::isfinite(ema)) loss_->addPoint(tr("validation (EMA)"), step, ema);
            });
    loss_->setMinimumHeight(220);
    status_ = new QLabel(recipeText(), this);
    status_->setObjectName(QStringLiteral("trainStatus"));
    status_->setWordWrap(true);
    start_ = new QPushButton(tr("Start training"), this);
    start_->setObjectName(QStringLiteral("trainStart"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(start_, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(loss_, 1);
    layout->addWidget(status_);
    layout->addWidget(buttons);
    offerResume();
    connect(start_, &QPushButton::clicked, this, [this] { start(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void TrainDialog::addDataRows(QFormLayout* form) {
    corpus_ = new QComboBox(this);
    corpus_->addItem(tr("Brown corpus (train split; validation split for the loss)"),
                     QStringLiteral("brown"));
    corpus_->addItem(tr("A UTF-8 text file"), QStringLiteral("file"));
    form->addRow(tr("Corpus"), corpus_);
    corpus_file_ = new QLineEdit(this);
    corpus_file_->setEnabled(false);
    QPushButton* browse = nullptr;
    form->addRow(tr("Text file"), withBrowse(this, corpus_file_, &browse));
    browse->setEnabled(false);
    preset_ = new QComboBox(this);
    preset_->setObjectName(QStringLiteral("trainPreset"));
    preset_->addItem(tr("demo: 6 layers, n_embd 128, 256 positions (the shipped demo)"),
                     QStringLiteral("demo"));
    preset_->addItem(tr("tiny: 2 layers, n_embd 64 (seconds)"), QStringLiteral("tiny"));
    preset_->addItem(tr("gpt2: GPT-2 small (GPU recommended)"), QStringLiteral("gpt2"));
    form->addRow(tr("Architecture"), preset_);
    init_ = new QLineEdit(this);
    init_->setObjectName(QStringLiteral("trainInit"));
    init_->setPlaceholderText(tr("random init (GPT-2's recipe)"));
    init_->setToolTip(
        tr("A Hugging Face GPT-2 checkpoint folder whose weights start the run: fine-tune a model, or "
           "continue a finished run with a new schedule. Its config.json is the architecture."));
    QPushButton* browse_init = nullptr;
    form->addRow(tr("Start from"), withBrowse(this, init_, &browse_init));

    connect(corpus_, &QComboBox::currentIndexChanged, this, [this, browse] {
        const bool file = corpus_->currentData().toString() == QLatin1String("file");
        corpus_file_->setEnabled(file);
        browse->setEnabled(file);
    });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Training text"), QString(),
                                                       tr("Text (*.txt);;All files (*)"));
        if (!f.isEmpty()) corpus_file_->setText(f);
    });
    connect(browse_init, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Start from checkpoint"), init_->text());
        if (!d.isEmpty()) init_->setText(d);
    });
    // A start checkpoint brings its own architecture.
    connect(init_, &QLineEdit::textChanged, this, [this] {
        const bool resume = resume_->isEnabled() && resume_->isChecked();
        const QString init = init_->text().trimmed();
        preset_->setEnabled(!resume && init.isEmpty());
        const QString config = QDir(init).filePath(QStringLiteral("config.json"));
        if (resume || init.isEmpty() || !QFileInfo(config).isFile()) return;
        try {  // the context fits the checkpoint's positions
            const auto c = core::Gpt2Config::fromFile(config.toStdString());
            context_->setValue(static_cast<int>(std::min<int64_t>(context_->value(), c.n_positions)));
        } catch (const std::exception&) {
            // reported with the reason when training starts
        }
    });
    connect(preset_, &QComboBox::currentIndexChanged, this, [this] {
        const QString p = preset_->currentData().toString();
        context_->setValue(p == QLatin1String("tiny") ? 128 : (p == QLatin1String("demo") ? 256 : 1024));
    });
}

void TrainDialog::addScheduleRows(QFormLayout* form) {
    seed_ = spinField(this, "trainSeed", 0, 1 << 30, 1);
    seed_->setToolTip(
        tr("The same seed gives the same weights (on the same thread count): train several seeds for "
           "cross-seed comparisons."));
    form->addRow(tr("Seed"), seed_);
    steps_ = spinField(this, "trainSteps", 1, 10000000, 1200);
    form->addRow(tr("Steps"), steps_);
    batch_ = spinField(this, "trainBatch", 1, 4096, 8);
    form->addRow(tr("Batch (windows)"), batch_);
    context_ = spinField(this, "trainContext", 2, 1 << 16, 256);
    form->addRow(tr("Context (tokens)"), context_);
    lr_ = doubleField(this, "trainLr", 6, 1e-6, 1.0, 1e-4, 3e-3);
    form->addRow(tr("Peak learning rate"), lr_);
    min_lr_ = doubleField(this, "trainMinLr", 3, 0.0, 1.0, 0.05, 0.1);
    min_lr_->setToolTip(tr("The cosine decay ends at this fraction of the peak learning rate."));
    form->addRow(tr("Final learning rate (x peak)"), min_lr_);
    warmup_ = spinField(this, "trainWarmup", 0, 10000000, 0);
    warmup_->setSpecialValueText(tr("auto: min(100, steps / 10)"));
    warmup_->setToolTip(
        tr("Steps of linear learning-rate warmup before the cosine decay (the shipped demo: 200)."));
    form->addRow(tr("Warmup steps"), warmup_);
    dropout_ = doubleField(this, "trainDropout", 2, 0.0, 0.9, 0.05, 0.0);
    dropout_->setToolTip(
        tr("Dropout on embeddings, attention and residual branches while training (GPT-2's *_pdrop)"));
    form->addRow(tr("Dropout"), dropout_);
    average_from_ = spinField(this, "trainAverageFrom", -1, 10000000, -1);
    average_from_->setSpecialValueText(tr("off"));
    average_from_->setToolTip(
        tr("Stochastic weight averaging: after every step past this one the weights enter a "
           "running mean, which is validated too and is the exported model. Useful with a "
           "constant learning rate (final = 1 x peak)."));
    form->addRow(tr("Average weights after step"), average_from_);
    ema_ = doubleField(this, "trainEma", 4, 0.0, 0.9999, 0.001, 0.0);
    ema_->setSpecialValueText(tr("off"));
    ema_->setToolTip(
        tr("Exponential moving average of the weights (w_ema <- d w_ema + (1 - d) w after every "
           "step), validated too and exported to the output folder's ema/ beside the main "
           "checkpoint: compare SWA and EMA on the Compression page."));
    form->addRow(tr("EMA decay"), ema_);
}

void TrainDialog::addOutputRows(QFormLayout* form) {
    device_ = new DeviceCombo(this);
    device_->setObjectName(QStringLiteral("trainDevice"));
    device_->setToolTip(
        tr("Train on the CPU or a CUDA GPU. Dropout masks are drawn on this device, so a run with "
           "dropout resumes on the same kind of device."));
    form->addRow(tr("Device"), device_);
    out_ = new QLineEdit(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                             QStringLiteral("/kronscope-gpt2-seed1"),
                         this);
    QPushButton* browse_out = nullptr;
    form->addRow(tr("Output folder"), withBrowse(this, out_, &browse_out));
    resume_ = new QCheckBox(tr("Resume the run saved in this folder (with its own settings)"), this);
    resume_->setObjectName(QStringLiteral("trainResume"));
    resume_->setEnabled(false);
    resume_->setToolTip(
        tr("A cancelled or interrupted run keeps trainer_state.pt in its folder: resuming continues "
           "it exactly where it stopped. Corpus and device come from this dialog."));
    form->addRow(QString(), resume_);
    connect(browse_out, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Output folder"), out_->text());
        if (!d.isEmpty()) out_->setText(d);
    });
    connect(out_, &QLineEdit::textChanged, this, [this] { offerResume(); });
    connect(resume_, &QCheckBox::toggled, this, [this] { showResumeState(); });
}

// The resume box is offered (and ticked) when the output folder holds a saved run; ticked, it shows the
// run's own settings, which the fields cannot change.
void TrainDialog::offerResume() {
    const bool saved =
        QFileInfo::exists(QDir(out_->text().trimmed()).filePath(QStringLiteral("trainer_state.pt")));
    resume_->setEnabled(saved);
    resume_->setChecked(saved);
    showResumeState();
}

QString TrainDialog::recipeText() {
    return tr(
        "AdamW (betas 0.9/0.95, weight decay 0.1), linear warmup and cosine decay to the final learning "
        "rate, "
        "gradient clipping 1.0. Cancel in the Jobs panel keeps a resumable state.");
}

void TrainDialog::showResumeState() {
    const bool resume = resume_->isEnabled() && resume_->isChecked();
    for (QWidget* w : std::initializer_list<QWidget*>{seed_, steps_, batch_, context_, lr_, min_lr_, warmup_,
                                                      dropout_, average_from_, ema_, init_})
        w->setEnabled(!resume);
    preset_->setEnabled(!resume && init_->text().trimmed().isEmpty());
    if (!resume) {
        if (start_->isEnabled()) status_->setText(recipeText());  // not while a run's status is shown
        return;
    }
    // Shown from training_log.json (small), not from trainer_state.pt, which holds the weights and the
    // optimizer's moments (gigabytes for GPT-2 small): the state is read by the job, on its thread.
    QFile f(QDir(out_->text().trimmed()).filePath(QStringLiteral("training_log.json")));
    const auto run = f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll())
                                                       .object()
                                                       .value(QStringLiteral("settings"))
                                                       .toObject()
                                                       .value(QStringLiteral("run"))
                                                       .toObject()
                                                 : QJsonObject();
    if (run.isEmpty()) {
        status_->setText(
            tr("A saved run is in this folder; its settings are read from trainer_state.pt when it "
               "continues."));
        return;
    }
    try {
        const auto config = core::Gpt2Config::fromJsonText(
            QJsonDocument(run.value(QStringLiteral("config")).toObject()).toJson().toStdString(),
            "training_log.json");
        for (int i = 0; i < preset_->count(); ++i)  // the architecture, where it is one of the presets
            if (core::presetConfig(preset_->itemData(i).toString().toStdString()).toJsonText() ==
                config.toJsonText())
                preset_->setCurrentIndex(i);
        seed_->setValue(run.value(QStringLiteral("seed")).toInt());
        steps_->setValue(run.value(QStringLiteral("steps")).toInt());
        batch_->setValue(run.value(QStringLiteral("batch_size")).toInt());
        context_->setValue(run.value(QStringLiteral("context_length")).toInt());
        lr_->setValue(run.value(QStringLiteral("lr")).toDouble());
        min_lr_->setValue(run.value(QStringLiteral("min_lr_ratio")).toDouble(0.1));
        init_->setText(run.value(QStringLiteral("init_from")).toString());
        average_from_->setValue(run.value(QStringLiteral("average_from")).toInt(-1));
        ema_->setValue(run.value(QStringLiteral("ema_decay")).toDouble(0.0));
        warmup_->setValue(run.value(QStringLiteral("warmup")).toInt());
        dropout_->setValue(run.value(QStringLiteral("dropout")).toDouble());
        status_->setText(tr("Saved run: %1 layers, n_embd %2, %3 steps; it continues where it stopped.")
                             .arg(config.n_layer)
                             .arg(config.n_embd)
                             .arg(steps_->value()));
    } catch (const std::exception& e) {
        status_->setText(tr("Cannot resume: %1").arg(QString::fromStdString(e.what())));
    }
}

void TrainDialog::setOutputDirectory(const QString& dir) {
    out_->setText(dir);
}
void TrainDialog::setPreset(const QString& name) {
    preset_->setCurrentIndex(std::max(0, preset_->findData(name)));
}
void TrainDialog::setSteps(int steps) {
    if (steps_->isEnabled()) steps_->setValue(steps);  // locked to a saved run's own while resuming
}
void TrainDialog::setDevice(const QString& spec) {
    device_->setDevice(spec);
}
void TrainDialog::setInitCheckpoint(const QString& dir) {
    init_->setText(dir);
}
void TrainDialog::setLearningRate(double peak, double final_ratio) {
    lr_->setValue(peak);
    min_lr_->setValue(final_ratio);
}
void TrainDialog::setAverageFrom(int step) {
    average_from_->setValue(step);
}
void TrainDialog::setCorpusFile(const QString& path) {
    corpus_->setCurrentIndex(1);
    corpus_file_->setText(path);
}

/// The run's settings from the fields (a resumed run: only the device; the job reads the saved settings).
/// InputError naming what is missing or impossible.
core::TrainSettings TrainDialog::settingsFromFields(bool brown, const QString& file, bool resume) const {
    core::TrainSettings s;
    if (!brown && !QFileInfo(file).isFile())
        throw core::InputError(tr("choose a text file to train on").toStdString());
    if (out_->text().trimmed().isEmpty()) throw core::InputError(tr("choose an output folder").toStdString());
    if (!resume) {
        const QString init = init_->text().trimmed();
        if (init.isEmpty()) {
            s.config = core::presetConfig(preset_->currentData().toString().toStdString());
        } else {
            const QString config = QDir(init).filePath(QStringLiteral("config.json"));
            if (!QFileInfo(config).isFile())
                throw core::InputError(tr("%1 is not a checkpoint folder (no config.json) to start from")
                                           .arg(init)
                                           .toStdString());
            s.config = core::Gpt2Config::fromFile(config.toStdString());
            s.init_from = init.toStdString();
        }
        if (context_->value() > s.config.n_positions)
            throw core::InputError(tr("context %1 is longer than the model's %2 positions")
                                       .arg(context_->value())
                                       .arg(s.config.n_positions)
                                       .toStdString());
    }
    if (!resume) {
        s.context_length = context_->value();
        s.batch_size = batch_->value();
        s.steps = steps_->value();
        s.warmup = warmup_->value() > 0 ? warmup_->value() : -1;  // -1: core's default, as the CLI's
        s.eval_interval = -1;
        s.lr = lr_->value();
        s.min_lr_ratio = min_lr_->value();
        s.dropout = dropout_->value();
        s.average_from = average_from_->value();
        s.ema_decay = ema_->value();
        s.seed = static_cast<uint64_t>(seed_->value());
        s.out_dir = out_->text().trimmed().toStdString();
    }
    s.device = device_->device().toStdString();
    return s;
}

/// A resumed run's curve so far, from the log the stopped run wrote.
void TrainDialog::replaySavedCurve() {
    QFile f(QDir(out_->text().trimmed()).filePath(QStringLiteral("training_log.json")));
    if (f.open(QIODevice::ReadOnly)) {
        const auto evals =
            QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("evals")).toArray();
        for (const auto& v : evals) {
            const auto e = v.toObject();
            const double step = e.value(QStringLiteral("step")).toDouble();
            if (e.value(QStringLiteral("train_loss")).isDouble())
                loss_->addPoint(tr("train"), step, e.value(QStringLiteral("train_loss")).toDouble());
            if (e.value(QStringLiteral("val_loss")).isDouble())
                loss_->addPoint(tr("validation"), step, e.value(QStringLiteral("val_loss")).toDouble());
            if (e.value(QStringLiteral("average_val_loss")).isDouble())
                loss_->addPoint(tr("validation (weight average)"), step,
                                e.value(QStringLiteral("average_val_loss")).toDouble());
            if (e.value(QStringLiteral("ema_val_loss")).isDouble())
                loss_->addPoint(tr("validation (EMA)"), step,
                                e.value(QStringLiteral("ema_val_loss")).toDouble());
        }
    }
}

int TrainDialog::start() {
    core::TrainSettings s;
    const bool brown = corpus_->currentData().toString() == QLatin1String("brown");
    const QString file = corpus_file_->text();
    const bool resume = resume_->isEnabled() && resume_->isChecked();
    try {
        s = settingsFromFields(brown, file, resume);
    } catch (const std::exception& e) {
        QMessageBox::critical(this, windowTitle(), QString::fromStdString(e.what()));
        return 0;
    }
    QPointer<TrainingFeed> feed(feed_);
    s.on_eval = [feed](const core::TrainEval& e) {  // on the training thread
        QMetaObject::invokeMethod(
            feed,
            [feed, e] {
                if (feed)
                    emit feed->evaluated(double(e.step), e.train_loss, e.val_loss, e.average_val_loss,
                                         e.ema_val_loss);
            },
            Qt::QueuedConnection);
    };
    loss_->clear();
    if (resume) replaySavedCurve();
    start_->setEnabled(false);
    const std::string file_s = file.toStdString();
    const QString out = out_->text().trimmed();
    QPointer<TrainDialog> self(this);
    job_ = jobs_->submit(
        resume ? tr("Resume training in %1 (seed %2, %3 steps)")
                     .arg(QFileInfo(out).fileName())
                     .arg(seed_->value())
                     .arg(steps_->value())
               : tr("Train %1 (seed %2, %3 steps)")
                     .arg(s.init_from.empty()
                              ? preset_->currentData().toString()
                              : tr("from %1").arg(QFileInfo(QString::fromStdString(s.init_from)).fileName()))
                     .arg(s.seed)
                     .arg(s.steps),
        [s, resume, out_s = out.toStdString(), brown, file_s](core::Progress& p) {
            core::TrainingRequest rq;
            rq.corpus = brown ? "brown" : file_s;
            rq.settings = s;
            if (resume) {  // the saved run's own settings (read here, off the GUI thread); device and curve
                           // are ours
                rq.settings = core::loadTrainSettings(out_s);
                rq.settings.device = s.device;
                rq.settings.on_eval = s.on_eval;
            }
            return QVariant::fromValue(core::runTraining(rq, p));
        },
        [self, out](const QVariant& v) {
            if (!self) return;
            const auto o = v.value<core::TrainingResult>();
            const auto& r = o.run;
            self->start_->setEnabled(true);
            QString text =
                tr("Done: %1 steps, validation loss %2, %3 tokens/s. Checkpoint: %4")
                    .arg(r.steps_done)
                    .arg(std::isfinite(r.final_val_loss) ? QString::number(r.final_val_loss, 'f', 4)
                                                         : tr("none (no validation text)"))
                    .arg(r.tokens_per_second, 0, 'f', 0)
                    .arg(out);
            if (o.has_test)
                text += QLatin1Char('\n') + tr("Brown test split: PPL %1 (max_length = stride = %2, %3 "
                                               "tokens) vs add-one unigram %4; "
                                               "unigram PPL / model PPL = %5.")
                                                .arg(o.test.ppl, 0, 'f', 1)
                                                .arg(o.test.max_length)
                                                .arg(o.test_tokens)
                                                .arg(o.unigram_test_ppl, 0, 'f', 1)
                                                .arg(o.unigram_test_ppl / o.test.ppl, 0, 'f', 2);
            self->status_->setText(text);
            if (r.complete) emit self->trained(out);
        });
    connect(jobs_, &JobManager::jobFinished, this, [this](int id, bool ok, const QString&) {
        if (id == job_ && !ok) start_->setEnabled(true);
    });
    return job_;
}

}  // namespace kronscope::app
