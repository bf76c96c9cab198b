#include "results/reproduction_view.h"

#include <QLabel>
#include <QVBoxLayout>

#include "document.h"
#include "kronscope/views/result_table.h"

namespace kronscope::app {

ReproductionView::ReproductionView(AnalysisDocument* doc, QWidget* parent) : QWidget(parent), doc_(doc) {
    setObjectName(QStringLiteral("reproductionView"));
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    summary_->setTextFormat(Qt::RichText);
    table_ = new views::ResultTable(
        {tr("recipe"), tr("quantity"), tr("seed (published)"), tr("this model"), tr("verdict")}, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addWidget(table_, 1);
    connect(doc_, &AnalysisDocument::reproductionsChanged, this, &ReproductionView::refresh);
    refresh();
}

bool ReproductionView::hasResults() const {
    return !doc_->reproductions().empty();
}

void ReproductionView::refresh() {
    table_->clear();
    const auto& items = doc_->reproductions();
    if (items.empty()) {
        summary_->setText(
            tr("Choose a table or figure of the seeds from the <b>Reproduce</b> menu: it fills the "
               "right page with the seed's settings for the open model, runs it, and lists the "
               "seed's published numbers here beside this model's, with a verdict on each claim."));
        return;
    }
    QString text;
    for (const auto& r : items) {
        for (const auto& row : r.rows)
            table_->addRow({QString::fromStdString(r.title), QString::fromStdString(row.quantity),
                            QString::fromStdString(row.seed), QString::fromStdString(row.ours),
                            QString::fromStdString(row.verdict)});
        text += tr("<p><b>%1</b>: %2. <i>Seed:</i> %3. <i>This run:</i> %4</p>")
                    .arg(QString::fromStdString(r.title).toHtmlEscaped(),
                         QString::fromStdString(r.summary()).toHtmlEscaped(),
                         QString::fromStdString(r.source).toHtmlEscaped(),
                         QString::fromStdString(r.settings).toHtmlEscaped());
    }
    summary_->setText(text +
                      tr("<p>The values differ from the seed's wherever the model does (\"value (other "
                         "model)\"); a claim (an ordering, a sign, a threshold) holds or not on this "
                         "model.</p>"));
}

}  // namespace kronscope::app
