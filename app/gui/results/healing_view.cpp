#include "results/healing_view.h"

#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>
#include <cmath>

#include "document.h"
#include "kronscope/views/plots.h"
#include "kronscope/views/result_table.h"

namespace kronscope::app {

namespace {

QString runLabel(const core::HealSettings& s) {
    if (s.method == "none") return HealingView::tr("control (no surgery)");
    return QStringLiteral("%1 n=%2, %3")
        .arg(QString::fromStdString(s.method))
        .arg(s.block_size)
        .arg(QString::fromStdString(s.init));
}

}  // namespace

HealingView::HealingView(AnalysisDocument* doc, QWidget* parent) : QWidget(parent), doc_(doc) {
    setObjectName(QStringLiteral("healingView"));
    plot_ = new views::CurvePlot(this);
    table_ = new views::ResultTable(
        {tr("Method"), tr("n"), tr("Init"), tr("Params (model)"), tr("Replaced: factors"),
         tr("Replaced: dense"), tr("PPL original"), tr("PPL after surgery"), tr("PPL healed"), tr("Steps"),
         tr("Steps/s"), tr("Held-out text"), tr("Model hash")},
        this);
    table_->setObjectName(QStringLiteral("healingTable"));
    footer_ = new QLabel(this);
    footer_->setWordWrap(true);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(plot_);
    split->addWidget(table_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
    layout->addWidget(footer_);
    connect(doc_, &AnalysisDocument::healingChanged, this, &HealingView::refresh);
    connect(doc_, &AnalysisDocument::healEval, this, &HealingView::refresh);
    refresh();
}

void HealingView::refresh() {
    const auto& h = doc_->healing();
    std::vector<views::CurvePlot::Curve> curves;
    std::vector<views::CurvePlot::Reference> refs;
    for (const auto& run : h.runs) {
        views::CurvePlot::Curve c;
        c.name = runLabel(run.run.settings);
        for (const auto& e : run.run.history)
            if (std::isfinite(e.val_ppl))
                c.x.push_back(static_cast<double>(e.step)), c.y.push_back(e.val_ppl);
        curves.push_back(std::move(c));
    }
    if (!h.live.empty()) {
        views::CurvePlot::Curve c;
        c.name = h.live_label + tr(" (running)");
        c.dashed = true;
        for (const auto& e : h.live)
            if (std::isfinite(e.val_ppl))
                c.x.push_back(static_cast<double>(e.step)), c.y.push_back(e.val_ppl);
        curves.push_back(std::move(c));
    }
    if (!h.runs.empty())
        refs.push_back({tr("unmodified model: PPL %1").arg(h.runs.back().run.ppl_original, 0, 'f', 2),
                        h.runs.back().run.ppl_original});
    plot_->setCurves(curves, refs, tr("Held-out perplexity while healing"), tr("training step"),
                     tr("perplexity (log scale)"), /*log_y=*/true);
    table_->clear();
    for (const auto& run : h.runs) {
        const auto& r = run.run;
        int64_t fac = 0, dense = 0;
        for (const auto& m : r.matrices) fac += m.params, dense += m.dense_params;
        const bool control = r.settings.method == "none";
        table_->addRow({control ? tr("none (control)") : QString::fromStdString(r.settings.method),
                        control ? QVariant(QStringLiteral("-")) : QVariant(qlonglong(r.settings.block_size)),
                        QString::fromStdString(r.settings.init), qlonglong(r.params), qlonglong(fac),
                        qlonglong(dense), r.ppl_original, r.ppl_surgery, r.ppl_healed,
                        r.complete ? QVariant(qlonglong(r.steps))
                                   : QVariant(tr("%1 of %2 (stopped)").arg(r.steps).arg(r.settings.steps)),
                        r.steps_per_second, QString::fromStdString(run.heldout_name),
                        QString::fromStdString(r.model_hash)});
    }
    footer_->setText(h.runs.empty()
                         ? tr("Heal a surgered model from the Healing page (or a surgery sweep row's context "
                              "menu): its factors train, and the held-out perplexity is drawn here.")
                         : QString::fromStdString(h.runs.back().run.settings.describe()) +
                               tr("; PPL = exp(mean NLL) over %1 held-out tokens (windows of %2, stride %3); "
                                  "trained on %4")
                                   .arg(h.runs.back().run.eval_tokens)
                                   .arg(h.runs.back().run.settings.context_length + 1)
                                   .arg(h.runs.back().run.settings.context_length)
                                   .arg(QString::fromStdString(h.runs.back().corpus_name)) +
                               (h.runs.back().run.resumable
                                    ? tr(". Stopped at step %1 of %2: its state is in %3; Resume… on the "
                                         "Healing page continues it")
                                          .arg(h.runs.back().run.steps)
                                          .arg(h.runs.back().run.settings.steps)
                                          .arg(QString::fromStdString(h.runs.back().run.settings.out_dir))
                                    : QString()));
    views::setPlotFootnote(plot_->plot(), h.runs.empty() ? QString() : footer_->text());
}

}  // namespace kronscope::app
