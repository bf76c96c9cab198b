#include "results/generation_view.h"

#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>

namespace kronscope::app {

GenerationView::GenerationView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("generationView"));
    auto* grid = new QGridLayout(this);
    left_title_ = new QLabel(tr("<b>Unmodified model</b>"), this);
    right_title_ = new QLabel(tr("<b>After surgery</b>"), this);
    right_title_->setWordWrap(true);
    original_ = new QPlainTextEdit(this);
    surgered_ = new QPlainTextEdit(this);
    for (auto* e : {original_, surgered_}) e->setReadOnly(true);
    original_->setObjectName(QStringLiteral("generationOriginal"));
    surgered_->setObjectName(QStringLiteral("generationSurgered"));
    note_ = new QLabel(
        tr("Generate on the Generation page: the same prompt, the unmodified model beside the surgered one."),
        this);
    note_->setWordWrap(true);
    grid->addWidget(left_title_, 0, 0);
    grid->addWidget(right_title_, 0, 1);
    grid->addWidget(original_, 1, 0);
    grid->addWidget(surgered_, 1, 1);
    grid->addWidget(note_, 2, 0, 1, 2);
}

void GenerationView::setResult(const std::optional<core::GenerationResult>& r) {
    if (!r) {
        original_->clear();
        surgered_->clear();
        return;
    }
    original_->setPlainText(QString::fromStdString(r->original));
    surgered_->setPlainText(QString::fromStdString(r->surgered));
    right_title_->setText(tr("<b>After %1</b> (mean rel. error %2)")
                              .arg(QString::fromStdString(r->plan_label).toHtmlEscaped())
                              .arg(r->mean_rel_err, 0, 'f', 4));
    const auto& s = r->request.settings;
    note_->setText(tr("%1 new tokens, %2, seed %3; model %4.")
                       .arg(r->new_tokens)
                       .arg(s.sample
                                ? tr("top-k %1 sampling at temperature %2").arg(s.top_k).arg(s.temperature)
                                : tr("greedy"))
                       .arg(s.seed)
                       .arg(QString::fromStdString(r->model_hash)));
}

QString GenerationView::originalText() const {
    return original_->toPlainText();
}
QString GenerationView::surgeredText() const {
    return surgered_->toPlainText();
}

}  // namespace kronscope::app
