#include "results/sweep_view.h"

#include <QSplitter>
#include <QVBoxLayout>

#include "kronscope/views/plots.h"
#include "kronscope/views/result_table.h"

namespace kronscope::app {

SweepView::SweepView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("sweepView"));
    plot_ = new views::SweepPlot(this);
    table_ = new views::ResultTable(
        {tr("Method"), tr("Block size"), tr("Targets"), tr("Matrices"), tr("Params"), tr("PPL"),
         tr("× baseline"), tr("Mean rel. error"), tr("Tokens scored"), tr("max_length"), tr("stride"),
         tr("Text"), tr("Model hash"), tr("Text hash")},
        this);
    table_->setObjectName(QStringLiteral("sweepTable"));
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(plot_);
    split->addWidget(table_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
}

void SweepView::begin(const QString& subtitle) {
    plot_->clear();
    plot_->setSubtitle(subtitle);
    table_->clear();
    rows_.clear();
    baseline_ = 0.0;
    subtitle_ = subtitle;
}

void SweepView::addRow(const core::SweepRow& row, const QString& model_hash, const QString& text_hash) {
    rows_.push_back(row);
    model_hash_ = model_hash;
    text_hash_ = text_hash;
    const QString method = QString::fromStdString(row.method);
    if (row.method == "baseline") {
        baseline_ = row.ppl.ppl;
        plot_->setBaseline(row.ppl.ppl, tr("unmodified model: PPL %1").arg(row.ppl.ppl, 0, 'f', 2));
    } else {
        plot_->addPoint(QStringLiteral("%1 (%2)").arg(method, QString::fromStdString(row.targets)),
                        static_cast<double>(row.block_size), row.ppl.ppl);
    }
    table_->addRow(
        {method, row.block_size ? QVariant(qlonglong(row.block_size)) : QVariant(QStringLiteral("-")),
         QString::fromStdString(row.targets), qlonglong(row.matrices),
         row.matrices ? QVariant(qlonglong(row.params)) : QVariant(QStringLiteral("-")), row.ppl.ppl,
         baseline_ > 0 ? QVariant(row.ppl.ppl / baseline_) : QVariant(QStringLiteral("-")),
         row.matrices ? QVariant(row.mean_rel_err) : QVariant(QStringLiteral("-")),
         qlonglong(row.ppl.tokens_scored), qlonglong(row.ppl.max_length), qlonglong(row.ppl.stride),
         QString::fromStdString(row.ppl.text_name), model_hash, text_hash});
}

}  // namespace kronscope::app
