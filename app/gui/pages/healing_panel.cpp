#include "pages/healing_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include "kronscope/core/base/error.h"
#include "kronscope/core/model/matrix_targets.h"
#include "widgets/form_fields.h"

namespace kronscope::app {

HealingPanel::HealingPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("healingPanel"));
    auto* form = new QFormLayout(this);
    method_ = new QComboBox(this);
    method_->setObjectName(QStringLiteral("healMethod"));
    for (const char* m : {"kron", "svd", "hybrid", "reverse-hybrid"})
        method_->addItem(QString::fromLatin1(m), QString::fromLatin1(m));
    method_->addItem(tr("none (control: fine-tune the unmodified model)"), QStringLiteral("none"));
    form->addRow(tr("Surgery"), method_);
    block_ = spinField(this, "healBlock", 1, 4096, 16);
    form->addRow(tr("Block size n"), block_);
    targets_ = new QLineEdit(QStringLiteral("all"), this);
    targets_->setObjectName(QStringLiteral("healTargets"));
    form->addRow(tr("Targets"), targets_);
    init_ = new QComboBox(this);
    init_->setObjectName(QStringLiteral("healInit"));
    init_->addItem(tr("fit (Van Loan-Pitsianis / SVD)"), QStringLiteral("fit"));
    init_->addItem(tr("random (same shapes)"), QStringLiteral("random"));
    init_->addItem(tr("prune (fit of W at 50% magnitude pruning)"), QStringLiteral("prune"));
    form->addRow(tr("Initialization"), init_);
    dense_ = new QCheckBox(tr("Also train the weights the surgery left"), this);
    form->addRow(dense_);
    distill_ = doubleField(this, "healDistill", 2, 0.0, 1.0, 0.1, 0.0);
    distill_->setToolTip(
        tr("Weight w of the distillation term: (1 - w) LM loss + w tau² KL(unmodified || healed)"));
    form->addRow(tr("Distillation w"), distill_);
    temperature_ = doubleField(this, "healTemperature", 2, 0.1, 100.0, 0.5, 2.0);
    form->addRow(tr("Temperature tau"), temperature_);
    corpus_ = new QComboBox(this);
    corpus_->setObjectName(QStringLiteral("healCorpus"));
    corpus_->addItem(tr("Brown corpus (PPL on its validation split)"), QStringLiteral("brown"));
    corpus_->addItem(tr("The Perplexity page's text (last 10% held out)"), QStringLiteral("text"));
    form->addRow(tr("Corpus"), corpus_);
    steps_ = spinField(this, "healSteps", 0, 10000000, 200);
    form->addRow(tr("Steps"), steps_);
    batch_ = spinField(this, "healBatch", 1, 4096, 8);
    form->addRow(tr("Windows per step"), batch_);
    context_ = spinField(this, "healContext", 2, 1 << 16, 128);
    form->addRow(tr("Context (tokens)"), context_);
    lr_ = doubleField(this, "healLr", 5, 1e-5, 1.0, 1e-4, 1e-3);
    form->addRow(tr("Learning rate"), lr_);
    seed_ = spinField(this, "healSeed", 0, 1 << 30, 0);
    form->addRow(tr("Seed"), seed_);
    for (QComboBox* box : {method_, init_, corpus_}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(12);
    }
    out_ = new QLineEdit(this);
    out_->setObjectName(QStringLiteral("healOut"));
    out_->setPlaceholderText(tr("none: keep the result in the session only"));
    out_->setToolTip(
        tr("The healed model goes to this folder (dense export + factors + heal_log.json). "
           "While it trains, its state is saved there at every evaluation and on Cancel, so "
           "Resume… continues an interrupted run exactly."));
    auto* browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(QStringLiteral("healOutBrowse"));
    auto* out_row = new QHBoxLayout;
    out_row->addWidget(out_, 1);
    out_row->addWidget(browse);
    form->addRow(tr("Output folder"), out_row);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the healed model"));
        if (!dir.isEmpty()) out_->setText(dir);
    });
    run_ = new QPushButton(tr("Heal"), this);
    run_->setObjectName(QStringLiteral("healRun"));
    run_->setEnabled(false);
    resume_ = new QPushButton(tr("Resume…"), this);
    resume_->setObjectName(QStringLiteral("healResume"));
    resume_->setToolTip(
        tr("Continue an interrupted healing run (its folder holds heal_state.pt) with its own "
           "settings, model and corpus"));
    form->addRow(run_);
    form->addRow(resume_);
    connect(resume_, &QPushButton::clicked, this, &HealingPanel::resumeRequested);
    auto* hint = new QLabel(tr("Replaces the targeted matrices by their factors and trains the factors (the "
                               "same budget for every run); the held-out perplexity before surgery, after it "
                               "and while healing is plotted per run. A surgery sweep row's context menu has "
                               "Heal… too."),
                            this);
    hint->setWordWrap(true);
    form->addRow(hint);
    connect(run_, &QPushButton::clicked, this, &HealingPanel::runRequested);
}

core::HealRequest HealingPanel::request(const std::string& model_dir, const QString& text_path) const {
    core::HealRequest rq;
    rq.model = model_dir;
    if (corpus_->currentData().toString() == QLatin1String("brown")) {
        rq.corpus = "brown";
    } else {
        if (!QFileInfo(text_path).isFile())
            throw core::InputError(tr("choose a text file on the Perplexity page first").toStdString());
        rq.corpus = QFileInfo(text_path).absoluteFilePath().toStdString();
    }
    auto& s = rq.settings;
    s.method = method_->currentData().toString().toStdString();
    s.block_size = block_->value();
    s.targets = targets_->text().trimmed().toStdString();
    s.init = init_->currentData().toString().toStdString();
    s.train_dense = dense_->isChecked();
    s.distill = distill_->value();
    s.temperature = temperature_->value();
    s.steps = steps_->value();
    s.batch_size = batch_->value();
    s.context_length = context_->value();
    s.lr = lr_->value();
    s.seed = static_cast<uint64_t>(seed_->value());
    s.warmup = std::min<int64_t>(100, s.steps / 10);
    s.eval_interval = std::max<int64_t>(1, s.steps / 10);
    s.out_dir = out_->text().trimmed().toStdString();
    core::MatrixTargets::parse(s.targets);
    rq.validate();
    return rq;
}

void HealingPanel::setSurgery(const QString& method, int64_t block_size, const QString& targets) {
    const int i = method_->findData(method);
    if (i >= 0) method_->setCurrentIndex(i);
    if (block_size > 0) block_->setValue(static_cast<int>(block_size));
    if (!targets.isEmpty()) targets_->setText(targets);
}

QString HealingPanel::outputFolder() const {
    return out_->text().trimmed();
}

void HealingPanel::setEnabledForModel(bool has_model) {
    run_->setEnabled(has_model);
}

QVariantMap HealingPanel::state() const {
    return {{QStringLiteral("method"), method_->currentData()},
            {QStringLiteral("block_size"), block_->value()},
            {QStringLiteral("targets"), targets_->text()},
            {QStringLiteral("init"), init_->currentData()},
            {QStringLiteral("train_dense"), dense_->isChecked()},
            {QStringLiteral("distill"), distill_->value()},
            {QStringLiteral("temperature"), temperature_->value()},
            {QStringLiteral("corpus"), corpus_->currentData()},
            {QStringLiteral("steps"), steps_->value()},
            {QStringLiteral("batch"), batch_->value()},
            {QStringLiteral("context"), context_->value()},
            {QStringLiteral("lr"), lr_->value()},
            {QStringLiteral("seed"), seed_->value()},
            {QStringLiteral("out"), out_->text()}};
}

void HealingPanel::setState(const QVariantMap& m) {
    auto pick = [&m](QComboBox* box, const char* key) {
        const int i = box->findData(m.value(QLatin1String(key)));
        if (i >= 0) box->setCurrentIndex(i);
    };
    pick(method_, "method");
    pick(init_, "init");
    pick(corpus_, "corpus");
    block_->setValue(m.value(QStringLiteral("block_size"), block_->value()).toInt());
    targets_->setText(m.value(QStringLiteral("targets"), targets_->text()).toString());
    dense_->setChecked(m.value(QStringLiteral("train_dense"), false).toBool());
    distill_->setValue(m.value(QStringLiteral("distill"), 0.0).toDouble());
    temperature_->setValue(m.value(QStringLiteral("temperature"), 2.0).toDouble());
    steps_->setValue(m.value(QStringLiteral("steps"), steps_->value()).toInt());
    batch_->setValue(m.value(QStringLiteral("batch"), batch_->value()).toInt());
    context_->setValue(m.value(QStringLiteral("context"), context_->value()).toInt());
    lr_->setValue(m.value(QStringLiteral("lr"), lr_->value()).toDouble());
    seed_->setValue(m.value(QStringLiteral("seed"), 0).toInt());
    out_->setText(m.value(QStringLiteral("out")).toString());
}

}  // namespace kronscope::app
