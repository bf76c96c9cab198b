#include "results/modular_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>
#include <cmath>

#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/plots.h"
#include "kronscope/views/result_table.h"

namespace kronscope::app {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}
QLabel* note(QWidget* parent) {
    auto* l = new QLabel(parent);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}
QString stepText(int64_t s) {
    return s < 0 ? QStringLiteral("–") : QString::number(s);
}

}  // namespace

ModularView::ModularView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("modularView"));
    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("modularTabs"));
    acc_plot_ = new views::CurvePlot(this);
    acc_plot_->setObjectName(QStringLiteral("modularAccuracy"));
    scores_table_ = new views::ResultTable({tr("q"), tr("Train acc"), tr("Val acc"), tr("Test acc"),
                                            tr("Val loss"), tr("Val acc >= 0.99 at step")},
                                           this);
    scores_table_->setObjectName(QStringLiteral("modularScores"));
    train_note_ = note(this);
    tabs_->addTab(page("modularTrainingTab", {acc_plot_, scores_table_}, train_note_), tr("Accuracy"));

    pos_plot_ = new views::CurvePlot(this);
    sv_plot_ = new views::CurvePlot(this);
    vec_plot_ = new views::CurvePlot(this);
    embed_note_ = note(this);
    auto* top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(pos_plot_);
    top->addWidget(sv_plot_);
    tabs_->addTab(page("modularEmbeddingTab", {top, vec_plot_}, embed_note_), tr("Embeddings"));

    fourier_plot_ = new views::CurvePlot(this);
    fourier_plot_->setObjectName(QStringLiteral("modularFourier"));
    fourier_note_ = note(this);
    tabs_->addTab(page("modularFourierTab", {fourier_plot_}, fourier_note_), tr("Fourier"));

    auto* nbar = new QWidget(this);
    auto* nrow = new QHBoxLayout(nbar);
    nrow->setContentsMargins(0, 0, 0, 0);
    neuron_combo_ = new QComboBox(nbar);
    neuron_combo_->setObjectName(QStringLiteral("modularNeuronCombo"));
    nrow->addWidget(new QLabel(tr("Neuron"), nbar));
    nrow->addWidget(neuron_combo_, 1);
    auto* maps = new QSplitter(Qt::Horizontal, this);
    neuron_map_ = new views::HeatmapView(this);
    neuron_map_->setObjectName(QStringLiteral("modularNeuronMap"));
    neuron_dft_ = new views::HeatmapView(this);
    neuron_dft_->setObjectName(QStringLiteral("modularNeuronDft"));
    maps->addWidget(neuron_map_);
    maps->addWidget(neuron_dft_);
    neuron_table_ = new views::ResultTable({tr("Neuron"), tr("Variance"), tr("Top frequency (kx, ky)"),
                                            tr("Frequency k"), tr("Share in k's family")},
                                           this);
    neuron_note_ = note(this);
    tabs_->addTab(page("modularNeuronsTab", {nbar, maps, neuron_table_}, neuron_note_), tr("Neurons"));

    auto* abar = new QWidget(this);
    auto* arow = new QHBoxLayout(abar);
    arow->setContentsMargins(0, 0, 0, 0);
    head_combo_ = new QComboBox(abar);
    head_combo_->setObjectName(QStringLiteral("modularHeadCombo"));
    key_combo_ = new QComboBox(abar);
    key_combo_->addItem(tr("attention of \"=\" to x0"));
    key_combo_->addItem(tr("attention of \"=\" to x1"));
    arow->addWidget(new QLabel(tr("Head"), abar));
    arow->addWidget(head_combo_);
    arow->addWidget(key_combo_, 1);
    attn_map_ = new views::HeatmapView(this);
    attn_map_->setObjectName(QStringLiteral("modularAttentionMap"));
    attn_note_ = note(this);
    tabs_->addTab(page("modularAttentionTab", {abar, attn_map_}, attn_note_), tr("Attention"));

    claims_table_ =
        new views::ResultTable({tr("Finding"), tr("Seed 002"), tr("This model"), tr("Verdict")}, this);
    claims_table_->setObjectName(QStringLiteral("modularClaims"));
    claims_note_ = note(this);
    tabs_->addTab(page("modularClaimsTab", {claims_table_}, claims_note_), tr("Seed 002 vs this model"));

    search_table_ = new views::ResultTable(
        {tr("Dropout"), tr("Lambda"), tr("Weight decay"), tr("d"), tr("lr"), tr("Heads"), tr("Mean val acc"),
         tr("Min val acc"), tr("Tasks >= 0.99"), tr("All >= 0.99 at step"), tr("Seconds")},
        this);
    search_table_->setObjectName(QStringLiteral("modularSearchTable"));
    search_note_ = note(this);
    tabs_->addTab(page("modularSearchTab", {search_table_}, search_note_), tr("Search"));
    for (QWidget* w : std::initializer_list<QWidget*>{acc_plot_, top, fourier_plot_, maps, attn_map_})
        w->setMinimumHeight(300);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs_);
    connect(neuron_combo_, &QComboBox::currentIndexChanged, this, [this] { drawNeuron(); });
    connect(head_combo_, &QComboBox::currentIndexChanged, this, [this] { drawAttention(); });
    connect(key_combo_, &QComboBox::currentIndexChanged, this, [this] { drawAttention(); });
}

QWidget* ModularView::page(const char* name, std::initializer_list<QWidget*> widgets, QLabel* text) {
    auto* p = new QWidget(this);
    p->setObjectName(QLatin1String(name));
    auto* split = new QSplitter(Qt::Vertical, p);
    int i = 0;
    for (auto* w : widgets) {
        split->addWidget(w);
        split->setStretchFactor(i, w->minimumHeight() > 0 || i == 0 ? 3 : 2);
        ++i;
    }
    auto* l = new QVBoxLayout(p);
    l->addWidget(split, 1);
    l->addWidget(text);
    return p;
}

void ModularView::showTab(const QString& object_name) {
    for (int i = 0; i < tabs_->count(); ++i)
        if (tabs_->widget(i)->objectName() == object_name) tabs_->setCurrentIndex(i);
}

void ModularView::drawHistory(const std::vector<core::ModularEval>& h, const QString& settings) {
    std::vector<views::CurvePlot::Curve> curves;
    const size_t tasks = h.empty() ? 0 : h.front().tasks.size();
    const bool many = tasks > 6;
    for (size_t k = 0; k < tasks; ++k) {
        const int64_t q = h.front().tasks[k].q;
        views::CurvePlot::Curve val, train;
        val.name = tr("val q=%1").arg(q);
        train.name = tr("train q=%1").arg(q);
        for (const auto& e : h) {
            val.x.push_back(static_cast<double>(e.step));
            val.y.push_back(e.tasks[k].val_acc);
            train.x.push_back(static_cast<double>(e.step));
            train.y.push_back(e.tasks[k].train_acc);
        }
        val.markers = train.markers = false;
        train.dashed = true;
        train.color = val.color = static_cast<int>(k);
        if (many) {  // miiii: q = 2, 3, 5, 7 in colour (the seed's order claim), the other tasks in grey
            const bool small = q <= 7;
            if (!small) {
                val.rgb = QColor(150, 150, 150);
                val.name = tr("val, other q");
                val.in_legend = k == 4;
            }
            curves.push_back(val);
            continue;
        }
        curves.push_back(val);
        curves.push_back(train);
    }
    acc_plot_->setLogX(true);
    acc_plot_->setCurves(curves, {},
                         many ? tr("Validation accuracy per task (log step axis)")
                              : tr("Accuracy per task: validation (solid), training (dashed)"),
                         tr("step"), tr("accuracy"));
    views::setPlotFootnote(acc_plot_->plot(), settings);
}

void ModularView::setLiveHistory(const std::vector<core::ModularEval>& history, const QString& settings) {
    has_training_ = true;
    drawHistory(history, settings);
    if (!history.empty())
        train_note_->setText(
            tr("Training… step %1; training objective %2, validation %3 (sum of CE_q / ln q).")
                .arg(history.back().step)
                .arg(history.back().train_loss, 0, 'g', 4)
                .arg(history.back().val_loss, 0, 'g', 4));
}

void ModularView::setTraining(const std::optional<core::ModularTrainRun>& run) {
    if (!run) return;
    has_training_ = true;
    const auto& r = run->run;
    drawHistory(r.history, qs(r.settings.describe()));
    scores_table_->clear();
    const auto& final = run->final_scores.empty() ? r.history.back().tasks : run->final_scores;
    for (size_t k = 0; k < final.size(); ++k) {
        const auto& t = final[k];
        scores_table_->addRow(
            {QVariant::fromValue<qlonglong>(t.q), t.train_acc, t.val_acc,
             run->final_scores.empty() ? QVariant(QStringLiteral("–")) : QVariant(t.test_acc), t.val_loss,
             k < r.generalized_at.size() ? stepText(r.generalized_at[k]) : QStringLiteral("–")});
    }
    train_note_->setText(
        tr("%1 at step %2 of %3 in %4 s (%5 steps/s); written to %6. Loss: sum over tasks of CE_q / ln q; "
           "accuracy on the seeded split (30% train, 1,000 validation, the rest test).")
            .arg(r.cancelled  ? tr("Cancelled")
                 : r.complete ? tr("Finished")
                              : tr("Stopped"))
            .arg(r.steps_done)
            .arg(r.settings.steps)
            .arg(r.seconds, 0, 'f', 1)
            .arg(r.steps_per_second, 0, 'f', 1)
            .arg(qs(r.out_dir)));
}

void ModularView::setAnalysis(const std::optional<core::ModularAnalysisResult>& r) {
    analysis_ = r;
    if (!r) return;
    const QString model =
        tr("%1 (%2, hash %3)").arg(qs(r->checkpoint), qs(r->config.describe()), qs(r->model_hash));
    if (!r->scores.empty()) {
        if (!r->history.empty()) drawHistory(r->history, model);
        has_training_ = true;
        scores_table_->clear();
        for (size_t k = 0; k < r->scores.size(); ++k) {
            const auto& t = r->scores[k];
            scores_table_->addRow(
                {QVariant::fromValue<qlonglong>(t.q), t.train_acc, t.val_acc, t.test_acc, t.val_loss,
                 k < r->generalized_at.size() ? stepText(r->generalized_at[k]) : QStringLiteral("–")});
        }
        train_note_->setText(
            tr("Accuracy of %1 recomputed from its files on the split of seed %2%3.")
                .arg(model)
                .arg(r->config.seed)
                .arg(r->history.empty() ? tr(" (no training_log.json: no curves)") : QString()));
    }
    drawEmbedding(*r);
    drawFourier(*r);
    neuron_combo_->blockSignals(true);
    neuron_combo_->clear();
    neuron_table_->clear();
    if (r->has_neurons) {
        for (size_t i = 0; i < r->shown.size(); ++i) {
            const auto& n = r->neurons[static_cast<size_t>(r->shown[i])];
            neuron_combo_->addItem(tr("neuron %1 (variance %2, top frequency (%3, %4), %5% in k = %6)")
                                       .arg(n.neuron)
                                       .arg(n.variance, 0, 'g', 3)
                                       .arg(n.kx)
                                       .arg(n.ky)
                                       .arg(100 * n.k_share, 0, 'f', 0)
                                       .arg(n.k));
        }
        for (const auto& n : r->neurons)
            neuron_table_->addRow({QVariant::fromValue<qlonglong>(n.neuron), n.variance,
                                   QStringLiteral("(%1, %2)").arg(n.kx).arg(n.ky),
                                   QVariant::fromValue<qlonglong>(n.k), n.k_share});
        neuron_note_->setText(
            tr("Post-ReLU activations of layer %1 at the \"=\" position over every pair (x0 rows, x1 "
               "columns), the %2 most variable neurons; right: |2D DFT| (constant term left out). "
               "%3% of the active neurons hold at least half of their energy in the family of one frequency "
               "k "
               "(k x0, k x1, k (x0 ± x1)).")
                .arg(r->request.layer)
                .arg(r->shown.size())
                .arg(100 * r->concentrated_share, 0, 'f', 1));
    }
    neuron_combo_->blockSignals(false);
    drawNeuron();
    head_combo_->blockSignals(true);
    head_combo_->clear();
    for (size_t h = 0; h < r->attention.size(); ++h) head_combo_->addItem(tr("head %1").arg(h));
    head_combo_->blockSignals(false);
    drawAttention();
    drawClaims(*r);
}

void ModularView::drawEmbedding(const core::ModularAnalysisResult& r) {
    if (r.has_positional) {
        views::CurvePlot::Curve a, b;
        a.name = tr("W_pos[0] (x0)");
        b.name = tr("W_pos[1] (x1)");
        for (size_t i = 0; i < r.pos0.size(); ++i) {
            a.x.push_back(static_cast<double>(i));
            b.x.push_back(static_cast<double>(i));
            a.y.push_back(r.pos0[i]);
            b.y.push_back(r.pos1[i]);
        }
        a.markers = b.markers = false;
        pos_plot_->setCurves({a, b}, {},
                             tr("Positional embedding: Pearson r = %1").arg(r.positional_pearson, 0, 'f', 3),
                             tr("dimension"), tr("weight"));
        views::setPlotFootnote(
            pos_plot_->plot(),
            tr("seed 002: r = 0.95 (nanda), -0.64 (miiii); %1").arg(qs(r.config.describe())));
    }
    if (r.has_svd) {
        views::CurvePlot::Curve sv;
        sv.name = tr("s_i");
        sv.markers = false;
        for (size_t i = 0; i < r.svd.singular_values.size(); ++i) {
            sv.x.push_back(static_cast<double>(i + 1));
            sv.y.push_back(r.svd.singular_values[i]);
        }
        std::vector<views::CurvePlot::Curve> curves{sv};
        const double top = r.svd.singular_values.empty() ? 1.0 : r.svd.singular_values.front();
        const double bottom =
            r.svd.singular_values.empty() ? 0.1 : std::max(1e-6 * top, r.svd.singular_values.back());
        for (auto [rank, label] :
             {std::pair{r.svd.rank50, tr("50%: rank %1")}, std::pair{r.svd.rank90, tr("90%: rank %1")}}) {
            views::CurvePlot::Curve m;
            m.name = label.arg(rank);
            m.x = {static_cast<double>(rank), static_cast<double>(rank)};
            m.y = {bottom, top};
            m.dashed = true;
            m.markers = false;
            curves.push_back(m);
        }
        sv_plot_->setCurves(curves, {}, tr("W_E (%1 number tokens x d %2)").arg(r.svd.rows).arg(r.svd.cols),
                            tr("index"), tr("singular value"), true);
        views::setPlotFootnote(sv_plot_->plot(),
                               tr("ranks where sum of s_i^2 reaches 50% and 90%; the \"=\" row is left out"));
        std::vector<views::CurvePlot::Curve> vecs;
        for (int64_t k = 0; k < r.svd.vectors; ++k) {
            views::CurvePlot::Curve c;
            c.name = tr("u_%1").arg(k + 1);
            c.markers = false;
            for (int64_t x = 0; x < r.svd.rows; ++x) {
                c.x.push_back(static_cast<double>(x));
                c.y.push_back(r.svd.left_vectors[static_cast<size_t>(k * r.svd.rows + x)]);
            }
            vecs.push_back(c);
        }
        vec_plot_->setCurves(vecs, {}, tr("Top singular vectors of W_E over the tokens x"), tr("token x"),
                             tr("component"));
    }
    if (r.has_positional || r.has_svd)
        embed_note_->setText(
            tr("%1. Periodic singular vectors are the cos / sin lookup table of Nanda et al. (2023).")
                .arg(r.has_svd ? tr("W_E: 50% of the variance within rank %1, 90% within %2")
                                     .arg(r.svd.rank50)
                                     .arg(r.svd.rank90)
                               : tr("No SVD run")));
}

void ModularView::drawFourier(const core::ModularAnalysisResult& r) {
    if (!r.has_fourier) return;
    const auto& f = r.fourier;
    views::CurvePlot::Curve n, c, s;
    n.name = tr("norm");
    c.name = tr("cos part");
    s.name = tr("sin part");
    c.dashed = s.dashed = true;
    c.markers = s.markers = false;
    for (size_t k = 0; k < f.norm.size(); ++k) {
        for (auto* curve : {&n, &c, &s}) curve->x.push_back(static_cast<double>(k + 1));
        n.y.push_back(f.norm[k]);
        c.y.push_back(f.cos_norm[k]);
        s.y.push_back(f.sin_norm[k]);
    }
    fourier_plot_->setCurves(
        {n, c, s}, {{tr("mean + 2 std (active above)"), f.threshold}},
        tr("DFT of W_E over the %1 number tokens: %2 active frequencies").arg(f.p).arg(f.active.size()),
        tr("frequency k"), tr("norm"));
    QStringList active;
    for (auto k : f.active) active << QString::number(k);
    views::setPlotFootnote(
        fourier_plot_->plot(),
        tr("orthonormal basis sqrt(2/p) cos(2 pi k x / p), sin; %1").arg(qs(r.config.describe())));
    fourier_note_->setText(
        tr("Active frequencies (norm > mean + 2 std = %1): %2. Seed 002: few for nanda, many for "
           "miiii, none for basis. Constant component: %3.")
            .arg(f.threshold, 0, 'g', 4)
            .arg(active.isEmpty() ? tr("none") : active.join(QStringLiteral(", ")))
            .arg(f.constant_norm, 0, 'g', 4));
}

void ModularView::drawNeuron() {
    const int i = neuron_combo_->currentIndex();
    if (!analysis_ || i < 0 || static_cast<size_t>(i) >= analysis_->maps.size()) {
        neuron_map_->clear();
        neuron_dft_->clear();
        return;
    }
    const auto& r = *analysis_;
    const int p = static_cast<int>(r.config.p);
    views::MatrixData m;
    m.rows = m.cols = p;
    m.values = r.maps[static_cast<size_t>(i)];
    m.title = tr("neuron %1: activation over (x0, x1)").arg(r.shown[static_cast<size_t>(i)]);
    m.value_label = tr("ReLU output");
    m.row_title = QStringLiteral("x0");
    m.col_title = QStringLiteral("x1");
    neuron_map_->setMatrix(m);
    views::MatrixData d = m;
    d.values.assign(r.map_dfts[static_cast<size_t>(i)].begin(), r.map_dfts[static_cast<size_t>(i)].end());
    d.values[0] = 0.0f;  // the constant term would wash out the rest
    d.title = tr("|2D DFT| of neuron %1").arg(r.shown[static_cast<size_t>(i)]);
    d.value_label = tr("|F|");
    d.row_title = QStringLiteral("kx");
    d.col_title = QStringLiteral("ky");
    neuron_dft_->setMatrix(d);
}

void ModularView::drawAttention() {
    const int h = head_combo_->currentIndex();
    if (!analysis_ || h < 0 || static_cast<size_t>(h) >= analysis_->attention.size()) {
        attn_map_->clear();
        return;
    }
    const auto& r = *analysis_;
    const bool x1 = key_combo_->currentIndex() == 1;
    views::MatrixData m;
    m.rows = m.cols = static_cast<int>(r.config.p);
    m.values = (x1 ? r.attention_x1 : r.attention)[static_cast<size_t>(h)];
    m.title = tr("head %1: attention of \"=\" to %2 over (x0, x1)")
                  .arg(h)
                  .arg(x1 ? QStringLiteral("x1") : QStringLiteral("x0"));
    m.value_label = tr("attention weight");
    m.row_title = QStringLiteral("x0");
    m.col_title = QStringLiteral("x1");
    attn_map_->setMatrix(m);
    attn_note_->setText(
        tr("Layer %1; the rest of each query's weight goes to \"=\" itself.").arg(r.request.layer));
}

void ModularView::drawClaims(const core::ModularAnalysisResult& r) {
    claims_table_->clear();
    for (const auto& c : r.claims)
        claims_table_->addRow({qs(c.finding), qs(c.seed), qs(c.ours), qs(c.verdict)});
    claims_note_->setText(
        tr("Seed 002's findings beside %1 (%2). Each verdict names its rule. Whether Grokfast is "
           "needed (seed: miiii does not converge with lambda = 0) is a comparison of two runs: "
           "train the same settings with lambda 0 (README, \"Seed 002\").")
            .arg(qs(r.checkpoint), qs(r.config.describe())));
}

void ModularView::setSearch(const std::optional<core::ModularSearchResult>& r) {
    if (!r) return;
    has_search_ = true;
    search_table_->clear();
    for (const auto& x : r->rows) {
        const auto& s = x.settings;
        search_table_->addRow(
            {s.dropout, s.grokfast_lambda, s.weight_decay, QVariant::fromValue<qlonglong>(s.d_model), s.lr,
             QVariant::fromValue<qlonglong>(s.n_heads), x.mean_val_acc, x.min_val_acc,
             QVariant::fromValue<qlonglong>(x.generalized), stepText(x.all_generalized_at), x.seconds});
    }
    const auto& b = r->request.base;
    search_note_->setText(tr("%1 of the %2 cells of seed 002's Table 1 grid (seeded draw %3), %4 steps each, "
                             "task %5 at p = %6, "
                             "data seed %7%8.")
                              .arg(r->rows.size())
                              .arg(r->request.gridSize())
                              .arg(r->request.search_seed)
                              .arg(b.steps)
                              .arg(QString::fromLatin1(core::modularTaskName(b.task)))
                              .arg(b.p)
                              .arg(b.seed)
                              .arg(r->complete ? QString() : tr("; cancelled: the rows so far")));
}

QList<QPair<QString, QCustomPlot*>> ModularView::figures() const {
    QList<QPair<QString, QCustomPlot*>> out;
    if (has_training_) out.append({tr("accuracy"), acc_plot_->plot()});
    if (analysis_ && analysis_->has_positional) out.append({tr("positional"), pos_plot_->plot()});
    if (analysis_ && analysis_->has_svd) {
        out.append({tr("singular values"), sv_plot_->plot()});
        out.append({tr("singular vectors"), vec_plot_->plot()});
    }
    if (analysis_ && analysis_->has_fourier) out.append({tr("fourier"), fourier_plot_->plot()});
    if (!neuron_map_->isEmpty()) {
        out.append({tr("neuron map"), neuron_map_->plot()});
        out.append({tr("neuron dft"), neuron_dft_->plot()});
    }
    if (!attn_map_->isEmpty()) out.append({tr("attention"), attn_map_->plot()});
    return out;
}

views::ResultTable* ModularView::table() const {
    const QString tab = tabs_->currentWidget()->objectName();
    if (tab == QLatin1String("modularClaimsTab")) return claims_table_;
    if (tab == QLatin1String("modularSearchTab")) return search_table_;
    if (tab == QLatin1String("modularNeuronsTab")) return neuron_table_;
    return scores_table_;
}

}  // namespace kronscope::app
