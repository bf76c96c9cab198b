#include "pages/generation_panel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include "widgets/form_fields.h"

namespace kronscope::app {

GenerationPanel::GenerationPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("generationPanel"));
    auto* form = new QFormLayout(this);
    prompt_ = new QLineEdit(QStringLiteral("The history of the city"), this);
    prompt_->setObjectName(QStringLiteral("generationPrompt"));
    form->addRow(tr("Prompt"), prompt_);
    tokens_ = spinField(this, "generationTokens", 1, 2000, 30);
    form->addRow(tr("New tokens"), tokens_);
    sampling_ = new QComboBox(this);
    sampling_->setObjectName(QStringLiteral("generationSampling"));
    sampling_->addItem(tr("greedy"), false);
    sampling_->addItem(tr("sample (top-k 40)"), true);
    form->addRow(tr("Decoding"), sampling_);
    seed_ = spinField(this, "generationSeed", 0, 1 << 30, 0);
    form->addRow(tr("Seed"), seed_);
    method_ = new QComboBox(this);
    method_->setObjectName(QStringLiteral("generationMethod"));
    for (const char* m : {"kron", "svd", "hybrid", "reverse-hybrid"})
        method_->addItem(QString::fromLatin1(m), QString::fromLatin1(m));
    form->addRow(tr("Surgery"), method_);
    block_ = spinField(this, "generationBlock", 1, 4096, 16);
    form->addRow(tr("Block size"), block_);
    targets_ = new QLineEdit(QStringLiteral("all"), this);
    targets_->setObjectName(QStringLiteral("generationTargets"));
    form->addRow(tr("Targets"), targets_);
    run_ = new QPushButton(tr("Generate both"), this);
    run_->setObjectName(QStringLiteral("generationRun"));
    run_->setEnabled(false);
    form->addRow(run_);
    connect(run_, &QPushButton::clicked, this, &GenerationPanel::runRequested);
}

core::GenerationRequest GenerationPanel::request() const {
    core::GenerationRequest r;
    r.prompt = prompt_->text().toStdString();
    r.settings.max_new_tokens = tokens_->value();
    r.settings.sample = sampling_->currentData().toBool();
    r.settings.top_k = r.settings.sample ? 40 : 0;
    r.settings.seed = static_cast<uint64_t>(seed_->value());
    r.method = method_->currentData().toString().toStdString();
    r.block_size = block_->value();
    r.targets = core::MatrixTargets::parse(targets_->text().trimmed().toStdString());
    r.validate();
    return r;
}

void GenerationPanel::setEnabledForModel(bool has_model) {
    run_->setEnabled(has_model);
}

QVariantMap GenerationPanel::state() const {
    return {{QStringLiteral("prompt"), prompt_->text()},
            {QStringLiteral("tokens"), tokens_->value()},
            {QStringLiteral("sampling"), sampling_->currentIndex()},
            {QStringLiteral("seed"), seed_->value()},
            {QStringLiteral("method"), method_->currentData()},
            {QStringLiteral("block"), block_->value()},
            {QStringLiteral("targets"), targets_->text()}};
}

void GenerationPanel::setState(const QVariantMap& m) {
    prompt_->setText(m.value(QStringLiteral("prompt"), prompt_->text()).toString());
    tokens_->setValue(m.value(QStringLiteral("tokens"), 30).toInt());
    sampling_->setCurrentIndex(qBound(0, m.value(QStringLiteral("sampling"), 0).toInt(), 1));
    seed_->setValue(m.value(QStringLiteral("seed"), 0).toInt());
    const int i = method_->findData(m.value(QStringLiteral("method")));
    if (i >= 0) method_->setCurrentIndex(i);
    block_->setValue(m.value(QStringLiteral("block"), 16).toInt());
    targets_->setText(m.value(QStringLiteral("targets"), QStringLiteral("all")).toString());
}

}  // namespace kronscope::app
