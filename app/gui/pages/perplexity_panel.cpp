#include "pages/perplexity_panel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>

#include "widgets/device_combo.h"

namespace kronscope::app {

PerplexityPanel::PerplexityPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("perplexityPanel"));
    auto* form = new QFormLayout(this);
    text_ = new QLineEdit(this);
    text_->setObjectName(QStringLiteral("pplText"));
    text_->setPlaceholderText(tr("UTF-8 text file"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* row = new QHBoxLayout;
    row->addWidget(text_, 1);
    row->addWidget(browse);
    form->addRow(tr("Text"), row);
    max_length_ = new QSpinBox(this);
    max_length_->setObjectName(QStringLiteral("pplMaxLength"));
    max_length_->setRange(2, 1024);
    max_length_->setValue(1024);
    max_length_->setToolTip(tr("Tokens per window (at most the model's n_positions)."));
    form->addRow(tr("max_length"), max_length_);
    stride_ = new QSpinBox(this);
    stride_->setObjectName(QStringLiteral("pplStride"));
    stride_->setRange(1, 1 << 20);
    stride_->setValue(1024);
    stride_->setToolTip(
        tr("Step between window starts. stride < max_length gives every scored token more context."));
    form->addRow(tr("stride"), stride_);
    max_tokens_ = new QSpinBox(this);
    max_tokens_->setObjectName(QStringLiteral("pplMaxTokens"));
    max_tokens_->setRange(0, 1 << 30);
    max_tokens_->setSpecialValueText(tr("whole text"));
    max_tokens_->setToolTip(tr("Use only the first N tokens of the text (0: all)."));
    form->addRow(tr("Token limit"), max_tokens_);
    device_ = new DeviceCombo(this);
    device_->setObjectName(QStringLiteral("pplDevice"));
    device_->setToolTip(tr("The checkpoint is loaded on this device when opened."));
    form->addRow(tr("Device"), device_);
    dtype_ = new QComboBox(this);
    dtype_->setObjectName(QStringLiteral("pplDtype"));
    dtype_->addItem(QStringLiteral("f32"), QStringLiteral("f32"));
    dtype_->addItem(tr("tf32 (f32 weights, TF32 matmuls)"), QStringLiteral("tf32"));
    dtype_->addItem(QStringLiteral("bf16"), QStringLiteral("bf16"));
    dtype_->addItem(QStringLiteral("f16"), QStringLiteral("f16"));
    dtype_->setToolTip(
        tr("The precision the checkpoint is loaded in when opened. On the CPU: f32. On a CUDA device also "
           "tf32 (float32 weights, tensor-core matmuls), bf16 and f16 (about 3 significant digits; the "
           "perplexity moves by well under 1% on GPT-2)."));
    form->addRow(tr("Precision"), dtype_);
    run_ = new QPushButton(tr("Measure perplexity"), this);
    run_->setObjectName(QStringLiteral("pplRun"));
    form->addRow(run_);
    hint_ = new QLabel(this);
    hint_->setWordWrap(true);
    form->addRow(hint_);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f =
            QFileDialog::getOpenFileName(this, tr("Choose a text"), QFileInfo(text_->text()).path(),
                                         tr("Text files (*.txt *.raw *.md);;All files (*)"));
        if (!f.isEmpty()) text_->setText(f);
    });
    connect(text_, &QLineEdit::textChanged, this, &PerplexityPanel::updateEnabled);
    connect(device_, &QComboBox::currentIndexChanged, this, &PerplexityPanel::updatePrecisions);
    updatePrecisions();
    connect(run_, &QPushButton::clicked, this, &PerplexityPanel::runRequested);
    updateEnabled();
}

void PerplexityPanel::setModelConfig(const core::Gpt2Config* config) {
    has_model_ = config != nullptr;
    if (config) {
        // A new model starts from the usual setting: windows of min(1024, n_positions), no overlap.
        max_length_->setMaximum(static_cast<int>(config->n_positions));
        max_length_->setValue(static_cast<int>(std::min<int64_t>(1024, config->n_positions)));
        stride_->setValue(max_length_->value());
    }
    updateEnabled();
}

QString PerplexityPanel::textPath() const {
    return text_->text();
}
void PerplexityPanel::setTextPath(const QString& path) {
    text_->setText(path);
}
void PerplexityPanel::setTokenLimit(int64_t tokens) {
    max_tokens_->setValue(static_cast<int>(tokens));
}

QString PerplexityPanel::device() const {
    return device_->device();
}

QString PerplexityPanel::dtype() const {
    return dtype_->currentData().toString();
}

void PerplexityPanel::updatePrecisions() {
    // Reduced precisions are CUDA's: on the CPU only f32 can be chosen (core refuses the others there).
    const bool cuda = device_->device().startsWith(QLatin1String("cuda"));
    auto* m = qobject_cast<QStandardItemModel*>(dtype_->model());
    for (int i = 1; i < dtype_->count(); ++i) {
        m->item(i)->setEnabled(cuda);
        m->item(i)->setToolTip(cuda ? QString() : tr("CUDA devices only"));
    }
    if (!cuda) dtype_->setCurrentIndex(0);
}

core::PerplexitySettings PerplexityPanel::settings() const {
    core::PerplexitySettings s;
    s.max_length = max_length_->value();
    s.stride = stride_->value();
    s.max_tokens = max_tokens_->value();
    s.text_name = QFileInfo(text_->text()).fileName().toStdString();
    return s;
}

void PerplexityPanel::updateEnabled() {
    const bool text_ok = QFileInfo(text_->text()).isFile();
    run_->setEnabled(has_model_ && text_ok);
    if (!has_model_)
        hint_->setText(tr("Open a checkpoint first."));
    else if (!text_ok)
        hint_->setText(tr("Choose a text file to score."));
    else
        hint_->clear();
}

}  // namespace kronscope::app
