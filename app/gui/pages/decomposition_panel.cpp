#include "pages/decomposition_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace kronscope::app {

DecompositionPanel::DecompositionPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("decompositionPanel"));
    auto* form = new QFormLayout(this);
    target_ = new QLabel(tr("Select a matrix in the Model panel."), this);
    target_->setWordWrap(true);
    form->addRow(target_);
    method_ = new QComboBox(this);
    method_->setObjectName(QStringLiteral("decMethod"));
    method_->addItem(tr("Kronecker sum (Van Loan-Pitsianis)"), true);
    method_->addItem(tr("Truncated SVD (matched parameters)"), false);
    form->addRow(tr("Method"), method_);
    block_ = new QComboBox(this);
    block_->setObjectName(QStringLiteral("decBlockSize"));
    block_->setToolTip(
        tr("Block size n: A_k is n × n (small factor first), S_k the rest; r = n terms. "
           "Only sizes that divide both dimensions are offered."));
    form->addRow(tr("Block size n"), block_);
    terms_ = new QSpinBox(this);
    terms_->setObjectName(QStringLiteral("decTerms"));
    terms_->setRange(0, 1 << 20);
    terms_->setSpecialValueText(tr("n (seed convention)"));
    form->addRow(tr("Terms r"), terms_);
    order_ = new QComboBox(this);
    order_->addItem(tr("small factor first (A_k n × n)"), true);
    order_->addItem(tr("small factor second (n × n tiles)"), false);
    form->addRow(tr("Factor order"), order_);
    rescale_ = new QCheckBox(tr("Frobenius rescaling (seed 003)"), this);
    form->addRow(rescale_);
    draws_ = new QSpinBox(this);
    draws_->setRange(2, 1000);
    draws_->setValue(20);
    draws_->setToolTip(
        tr("Gaussian matrices of the same shape fitted the same way: the error shown beside the null."));
    form->addRow(tr("Null draws"), draws_);
    run_ = new QPushButton(tr("Decompose selected matrix"), this);
    run_->setObjectName(QStringLiteral("decRun"));
    run_->setEnabled(false);
    form->addRow(run_);
    connect(run_, &QPushButton::clicked, this, &DecompositionPanel::runRequested);
    connect(method_, &QComboBox::currentIndexChanged, this, [this] {
        const bool kron = method_->currentData().toBool();
        order_->setEnabled(kron);
        rescale_->setEnabled(kron);
    });
}

void DecompositionPanel::setMatrix(const QString& name, int64_t rows, int64_t cols) {
    matrix_ = name;
    const int64_t previous = block_->currentData().toLongLong();
    block_->clear();
    if (name.isEmpty()) {
        target_->setText(tr("Select a matrix in the Model panel."));
        run_->setEnabled(false);
        return;
    }
    target_->setText(tr("<b>%1</b>: %2 × %3").arg(name).arg(rows).arg(cols));
    for (int64_t n = 2; n <= std::min<int64_t>(std::min(rows, cols), 256); ++n)
        if (rows % n == 0 && cols % n == 0)
            block_->addItem(QString::number(n), QVariant::fromValue<qlonglong>(n));
    const int idx = block_->findData(QVariant::fromValue<qlonglong>(previous > 0 ? previous : 16));
    block_->setCurrentIndex(idx >= 0 ? idx : 0);
    run_->setEnabled(block_->count() > 0);
    if (block_->count() == 0)
        target_->setText(target_->text() + tr("<br>No block size divides both dimensions."));
}

void DecompositionPanel::setBlockSize(int64_t n) {
    const int idx = block_->findData(QVariant::fromValue<qlonglong>(n));
    if (idx >= 0) block_->setCurrentIndex(idx);
}

void DecompositionPanel::setMethod(bool kronecker) {
    method_->setCurrentIndex(kronecker ? 0 : 1);
}

QVariantMap DecompositionPanel::state() const {
    const auto r = request();
    return {{QStringLiteral("kronecker"), r.kronecker},
            {QStringLiteral("block_size"), qlonglong(r.block_size)},
            {QStringLiteral("terms"), qlonglong(r.terms)},
            {QStringLiteral("small_first"), r.small_first},
            {QStringLiteral("rescale"), r.rescale},
            {QStringLiteral("null_draws"), r.null_draws}};
}

void DecompositionPanel::setState(const QVariantMap& m) {
    setMethod(m.value(QStringLiteral("kronecker"), true).toBool());
    setBlockSize(m.value(QStringLiteral("block_size"), 16).toLongLong());
    terms_->setValue(m.value(QStringLiteral("terms"), 0).toInt());
    order_->setCurrentIndex(m.value(QStringLiteral("small_first"), true).toBool() ? 0 : 1);
    rescale_->setChecked(m.value(QStringLiteral("rescale")).toBool());
    draws_->setValue(m.value(QStringLiteral("null_draws"), 20).toInt());
}

DecompositionRequest DecompositionPanel::request() const {
    DecompositionRequest r;
    r.matrix = matrix_.toStdString();
    r.kronecker = method_->currentData().toBool();
    r.block_size = block_->currentData().toLongLong();
    r.terms = terms_->value();
    r.small_first = order_->currentData().toBool();
    r.rescale = rescale_->isChecked();
    r.null_draws = draws_->value();
    return r;
}

}  // namespace kronscope::app
