#include "results/toy_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>
#include <cmath>

#include "kronscope/core/base/error.h"
#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/plots.h"
#include "kronscope/views/result_table.h"

namespace kronscope::app {

QString ToyLabView::itemName(int index) const {
    // Numbered: retraining with the same S and seed (other steps or lr) must not merge two models.
    return tr("#%1 %2").arg(index + 1).arg(runName(results_[static_cast<size_t>(index)].settings));
}

QString ToyLabView::runName(const core::ToyModelSettings& s) {
    return tr("S = %1, seed %2").arg(s.sparsity, 0, 'f', 3).arg(s.seed);
}

ToyLabView::ToyLabView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("toyLabView"));
    model_combo_ = new QComboBox(this);
    model_combo_->setObjectName(QStringLiteral("toyModelCombo"));
    model_combo_->setMinimumContentsLength(24);
    probe_ = new QPushButton(tr("Run all probes on this W"), this);
    probe_->setObjectName(QStringLiteral("toyProbe"));
    probe_->setEnabled(false);
    summary_ = new QLabel(tr("Train a toy model from the Experiment panel (Toy superposition model)."), this);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Model:"), this));
    bar->addWidget(model_combo_, 1);
    bar->addWidget(probe_);

    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("toyTabs"));
    loss_ = new views::LossPlot(this);
    loss_->setObjectName(QStringLiteral("toyLoss"));
    loss_->plot()->yAxis->setLabel(tr("weighted squared error"));
    table_ = new views::ResultTable(
        {tr("Model"), tr("Sparsity S"), tr("Seed"), tr("Steps"), tr("Initial loss"), tr("Final loss"),
         tr("Features represented (‖W_i‖ > 0.5)"), tr("Seconds"), tr("Settings")},
        this);
    auto* training = new QSplitter(Qt::Vertical);
    training->addWidget(loss_);
    training->addWidget(table_);
    training->setStretchFactor(0, 3);
    training->setStretchFactor(1, 1);
    tabs_->addTab(training, tr("Training"));
    w_map_ = new views::HeatmapView(this);
    w_map_->setObjectName(QStringLiteral("toyW"));
    gram_map_ = new views::HeatmapView(this);
    gram_map_->setObjectName(QStringLiteral("toyGram"));
    auto* weights = new QSplitter(Qt::Horizontal);
    weights->addWidget(w_map_);
    weights->addWidget(gram_map_);
    tabs_->addTab(weights, tr("W and WᵀW"));
    norms_ = new views::ScoreNullPlot(this);
    norms_->setObjectName(QStringLiteral("toyNorms"));
    tabs_->addTab(norms_, tr("Feature norms"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(summary_);
    layout->addWidget(tabs_, 1);
    connect(model_combo_, &QComboBox::currentIndexChanged, this, [this](int i) { show(i); });
    connect(probe_, &QPushButton::clicked, this, [this] {
        if (currentResult() >= 0) emit probeRequested(currentResult());
    });
}

void ToyLabView::begin(const std::vector<double>& sparsities) {
    live_sparsities_ = sparsities;
    loss_->clear();
    tabs_->setCurrentIndex(0);
}

void ToyLabView::addLossPoint(int run, int64_t step, double loss) {
    if (run < 0 || run >= static_cast<int>(live_sparsities_.size())) return;
    loss_->addPoint(tr("S = %1").arg(live_sparsities_[static_cast<size_t>(run)], 0, 'f', 3),
                    static_cast<double>(step), loss);
}

void ToyLabView::addResult(const core::ToyModelResult& r) {
    results_.push_back(r);
    table_->addRow({itemName(static_cast<int>(results_.size()) - 1), r.settings.sparsity,
                    static_cast<qlonglong>(r.settings.seed), static_cast<qlonglong>(r.steps_done),
                    r.initial_loss, r.final_loss,
                    QStringLiteral("%1 / %2").arg(r.represented).arg(r.settings.features), r.seconds,
                    QString::fromStdString(r.settings.describe())});
    model_combo_->addItem(itemName(static_cast<int>(results_.size()) - 1));
    model_combo_->setCurrentIndex(model_combo_->count() - 1);
    probe_->setEnabled(true);
}

void ToyLabView::finish() {
    live_sparsities_.clear();
    loss_->clear();
    QStringList notes;
    for (const auto& r : results_) notes << QString::fromStdString(r.settings.describe());
    notes.removeDuplicates();
    views::setPlotFootnote(loss_->plot(), notes.size() == 1
                                              ? notes.front()
                                              : tr("%n models; see the table for each one's settings",
                                                   nullptr, int(notes.size())));
    for (size_t k = 0; k < results_.size(); ++k) {
        const auto& r = results_[k];
        loss_->addSeries(itemName(static_cast<int>(k)),
                         std::vector<double>(r.loss_steps.begin(), r.loss_steps.end()), r.loss_history);
    }
}

void ToyLabView::clear() {
    results_.clear();
    live_sparsities_.clear();
    {
        QSignalBlocker block(model_combo_);
        model_combo_->clear();
    }
    table_->clear();
    loss_->clear();
    w_map_->clear();
    gram_map_->clear();
    norms_->clear();
    probe_->setEnabled(false);
    summary_->setText(tr("Train a toy model from the Experiment panel (Toy superposition model)."));
}

int ToyLabView::currentResult() const {
    return results_.empty() ? -1 : model_combo_->currentIndex();
}

void ToyLabView::setCurrentResult(int index) {
    if (index >= 0 && index < model_combo_->count()) model_combo_->setCurrentIndex(index);
}

QList<QPair<QString, QCustomPlot*>> ToyLabView::figures() const {
    QList<QPair<QString, QCustomPlot*>> out;
    out << qMakePair(tr("Loss curves"), loss_->plot()) << qMakePair(tr("W"), w_map_->plot())
        << qMakePair(tr("WᵀW"), gram_map_->plot()) << qMakePair(tr("Feature norms"), norms_->plot());
    return out;
}

void ToyLabView::show(int index) {
    if (index < 0 || index >= static_cast<int>(results_.size())) return;
    const auto& r = results_[static_cast<size_t>(index)];
    const auto& s = r.settings;
    views::MatrixData w;
    w.rows = static_cast<int>(r.w.rows);
    w.cols = static_cast<int>(r.w.cols);
    w.values = r.w.values;
    w.row_title = tr("hidden dimension");
    w.col_title = tr("feature (importance descending)");
    w.value_label = tr("weight");
    w.title = tr("W (%1 × %2), %3").arg(w.rows).arg(w.cols).arg(runName(s));
    w_map_->setMatrix(w);
    views::MatrixData g;
    g.rows = g.cols = static_cast<int>(s.features);
    g.values = r.gram;
    g.row_title = g.col_title = tr("feature");
    g.value_label = tr("WᵀW");
    g.title = tr("WᵀW: interference between features, %1").arg(runName(s));
    gram_map_->setMatrix(g);
    const QString note = QString::fromStdString(r.settings_line);
    views::setPlotFootnote(w_map_->plot(), note, 80);
    views::setPlotFootnote(gram_map_->plot(), note, 80);
    QStringList cats;
    for (int64_t i = 0; i < s.features; ++i) cats << (i % 10 == 0 ? QString::number(i) : QString());
    norms_->setScores(cats, r.feature_norms, {}, {}, tr("‖W_i‖"), QString(),
                      tr("Feature norms, %1: %2 of %3 features represented")
                          .arg(runName(s))
                          .arg(r.represented)
                          .arg(s.features),
                      tr("‖W_i‖ (column norm)"));
    views::setPlotFootnote(norms_->plot(), note);
    summary_->setText(
        tr("%1<br>loss %2 → %3 in %4 steps (%5 s). Run the structure probes on this W with the button "
           "above; they appear in the Structure probes tab, each beside its null.")
            .arg(QString::fromStdString(r.settings_line))
            .arg(r.initial_loss, 0, 'g', 4)
            .arg(r.final_loss, 0, 'g', 4)
            .arg(r.steps_done)
            .arg(r.seconds, 0, 'f', 1));
}

}  // namespace kronscope::app
