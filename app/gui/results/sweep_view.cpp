#include "results/sweep_view.h"

#include <QLabel>
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
         tr("× baseline"), tr("Mean rel. error"), tr("Tokens scored"), tr("Seconds"), tr("Tokens/s"),
         tr("max_length"), tr("stride"), tr("Text"), tr("Model hash"), tr("Text hash")},
        this);
    table_->setObjectName(QStringLiteral("sweepTable"));
    throughput_ = new QLabel(this);
    throughput_->setObjectName(QStringLiteral("sweepThroughput"));
    throughput_->setWordWrap(true);
    throughput_->setToolTip(
        tr("The sweep's own throughput over the cells finished so far: evaluations per minute and tokens run "
           "through the model per second, both per second of cell time (the surgery's fits plus the "
           "evaluation). Seconds: a cell's wall time; Tokens/s: its evaluation alone."));
    auto* lower = new QWidget(this);
    auto* lower_layout = new QVBoxLayout(lower);
    lower_layout->setContentsMargins(0, 0, 0, 0);
    lower_layout->addWidget(throughput_);
    lower_layout->addWidget(table_, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(plot_);
    split->addWidget(lower);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
}

QString SweepView::throughputText() const {
    return throughput_->text();
}

void SweepView::begin(const QString& subtitle) {
    plot_->clear();
    plot_->setSubtitle(subtitle);
    table_->clear();
    throughput_->clear();
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
         qlonglong(row.ppl.tokens_scored),
         row.seconds > 0 ? QVariant(row.seconds) : QVariant(QStringLiteral("-")),
         row.ppl.tokens_per_second > 0 ? QVariant(row.ppl.tokens_per_second) : QVariant(QStringLiteral("-")),
         qlonglong(row.ppl.max_length), qlonglong(row.ppl.stride), QString::fromStdString(row.ppl.text_name),
         model_hash, text_hash});
    const auto t = core::sweepThroughput(rows_);
    if (t.known())
        throughput_->setText(
            tr("Throughput: %1 evaluations/min, %2 tokens/s through the model (cells timed: "
               "%3, %4 s of surgery + evaluation, %5 %6)")
                .arg(t.evaluations_per_minute, 0, 'f', 2)
                .arg(t.tokens_per_second, 0, 'f', 0)
                .arg(t.evaluations)
                .arg(t.seconds, 0, 'f', 1)
                .arg(QString::fromStdString(row.ppl.device), QString::fromStdString(row.ppl.dtype)));
    else
        throughput_->setText(
            tr("Throughput: not recorded (rows from a file written before cells were timed)"));
}

}  // namespace kronscope::app
