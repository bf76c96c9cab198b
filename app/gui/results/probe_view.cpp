#include "results/probe_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "kronscope/core/base/error.h"
#include "kronscope/views/heatmap_view.h"
#include "kronscope/views/plots.h"
#include "kronscope/views/result_table.h"

namespace kronscope::app {

using json = nlohmann::json;

namespace {

ProbeKind kindFromName(const std::string& name) {
    for (int k = 0; k < 4; ++k)
        if (name == probeKindName(static_cast<ProbeKind>(k))) return static_cast<ProbeKind>(k);
    throw core::InputError("unknown probe '" + name + "'");
}

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

/// A score and its nulls as read from the report JSON.
struct NullNumbers {
    bool present = false;
    double mean = 0.0, std = 0.0, z = 0.0;
    int draws = 0;
};
struct Score {
    double value = std::nan("");
    NullNumbers gaussian, permuted, haar, row_col;
    /// The first null that was run (haar for angles, else gaussian).
    const NullNumbers& first() const { return haar.present ? haar : gaussian; }
};

Score readScore(const json& j) {
    Score s;
    s.value = j.at("value").get<double>();
    const json& nulls = j.at("nulls");
    auto read = [&](const char* key, NullNumbers& n) {
        if (!nulls.contains(key)) return;
        const json& x = nulls.at(key);
        n.present = true;
        n.mean = x.at("mean").get<double>();
        n.std = x.at("std").get<double>();
        n.z = x.at("z").get<double>();
        n.draws = x.at("draws").get<int>();
    };
    read("gaussian", s.gaussian);
    read("permuted", s.permuted);
    read("haar", s.haar);
    read("row-col-permuted", s.row_col);
    if (!s.gaussian.present && !s.haar.present)
        throw core::InputError("a score without its null (" + j.value("name", std::string("?")) + ")");
    return s;
}

QVariant num(double v) {
    return std::isfinite(v) ? QVariant(v) : QVariant(QStringLiteral("–"));
}
QVariant nullMean(const NullNumbers& n) {
    return n.present ? num(n.mean) : QVariant(QStringLiteral("–"));
}
QVariant nullStd(const NullNumbers& n) {
    return n.present ? num(n.std) : QVariant(QStringLiteral("–"));
}
QVariant nullZ(const NullNumbers& n) {
    return n.present ? num(n.z) : QVariant(QStringLiteral("–"));
}

/// "h.3.mlp.c_fc" -> "mlp.c_fc"
QString kindOf(const std::string& matrix) {
    const QString m = qs(matrix);
    const int first = m.indexOf(QLatin1Char('.')), second = m.indexOf(QLatin1Char('.'), first + 1);
    return second > 0 ? m.mid(second + 1) : m;
}

const QStringList& kindOrder() {
    static const QStringList order = {QStringLiteral("attn.c_attn"), QStringLiteral("attn.c_proj"),
                                      QStringLiteral("mlp.c_fc"), QStringLiteral("mlp.c_proj")};
    return order;
}

json parseReport(const ProbeRun& run) {
    json j;
    try {
        j = json::parse(run.json);
    } catch (const json::exception& e) {
        throw core::InputError(std::string("probe result is not valid JSON (") + e.what() + ")");
    }
    if (!j.is_object() || !j.contains("probe") || !j.at("probe").is_string())
        throw core::InputError("probe result without a probe name");
    return j;
}

QString nullLine(const NullNumbers& n, const QString& name) {
    if (!n.present) return {};
    return ProbeView::tr("%1 null: mean %2, std %3 over %4 draws; z = %5")
        .arg(name)
        .arg(n.mean, 0, 'g', 4)
        .arg(n.std, 0, 'g', 3)
        .arg(n.draws)
        .arg(n.z, 0, 'f', 2);
}

/// "<br>Skipped: ..." for the matrices a probe could not take (their shape), or "".
QString skippedText(const json& j) {
    if (!j.contains("skipped") || j.at("skipped").empty()) return {};
    return ProbeView::tr("<br>Skipped: %1").arg(qs(j.at("skipped").at(0))) +
           (j.at("skipped").size() > 1
                ? ProbeView::tr(" (and %n more)", nullptr, int(j.at("skipped").size() - 1))
                : QString());
}

/// The settings that matter for this probe, from the report's settings object.
QString settingsOnly(const json& j) {
    const json& s = j.at("settings");
    const auto kind = kindFromName(j.at("probe").get<std::string>());
    const QString source = qs(s.value("angle_source", std::string("whole")));
    const bool permuted = s.value("permuted_null", true);
    const QString nulls = permuted ? ProbeView::tr("Gaussian + permuted") : ProbeView::tr("Gaussian");
    QString fit =
        ProbeView::tr("n = %1, r = %2, %3")
            .arg(s.value("block_size", 2))
            .arg(s.value("terms", 0) > 0 ? s.value("terms", 0) : s.value("block_size", 2))
            .arg(s.value("order", std::string()) == "small-second" ? ProbeView::tr("small factor second")
                                                                   : ProbeView::tr("small factor first"));
    if (kind == ProbeKind::BasisEnergy)
        fit = s.value("order", std::string()) == "small-second" ? ProbeView::tr("2x2 blocks (S ⊗ A)")
                                                                : ProbeView::tr("2x2 factor first (A ⊗ S)");
    if (kind != ProbeKind::Angles)
        return ProbeView::tr("%1; %2 nulls, %3 draws, seed %4")
            .arg(fit, nulls)
            .arg(s.value("null_draws", 0))
            .arg(s.value("seed", 0));
    const QString angle_nulls = source == QLatin1String("blocks2x2") ? nulls : ProbeView::tr("Haar O(N)");
    return ProbeView::tr("angles from %1%2; %3 bins, S_1..S_%4; %5 nulls, %6 draws, seed %7")
        .arg(source, source == QLatin1String("factors") ? QStringLiteral(" (") + fit + QStringLiteral(")")
                                                        : QString())
        .arg(s.value("histogram_bins", 36))
        .arg(s.value("max_fold", 12))
        .arg(angle_nulls)
        .arg(s.value("null_draws", 0))
        .arg(s.value("seed", 0));
}

/// "model kronscope-demo-gpt2 (hash 8f7b…) · settings": what a figure of this report was made with.
QString footnote(const json& j) {
    QString model = qs(j.value("checkpoint", std::string()));
    model = model.mid(model.lastIndexOf(QLatin1Char('/')) + 1);
    const QString hash = qs(j.value("model_hash", std::string()));
    QString who;
    if (!model.isEmpty() && !hash.isEmpty())
        who = ProbeView::tr("model %1 (content hash %2) · ").arg(model, hash);
    else if (!model.isEmpty())
        who = model + QStringLiteral(" · ");
    else if (!hash.isEmpty())
        who = ProbeView::tr("model content hash %1 · ").arg(hash);
    return who + settingsOnly(j);
}

}  // namespace

void ProbeView::pickKronCell(int row, int col) {
    // The map's rows are layers and its columns matrix kinds: find the matrix of that cell.
    if (current_ < 0) return;
    const json j = parseReport(runs_[static_cast<size_t>(current_)]);
    const auto& d = kron_map_->matrix();
    if (row >= d.row_labels.size() || col >= d.col_labels.size()) return;
    for (const auto& m : j.at("matrices")) {
        const int layer = m.at("layer").get<int>();
        const QString label = layer < 0 ? tr("(no layer)") : tr("layer %1").arg(layer);
        if (label == d.row_labels[row] && kindOf(m.at("matrix")) == d.col_labels[col] && layer >= 0) {
            emit matrixPicked(qs(m.at("matrix")), j.at("settings").at("block_size").get<int64_t>(),
                              qs(j.value("model_hash", std::string())));
            return;
        }
    }
}

void ProbeView::validateRun(const ProbeRun& run) {
    const json j = parseReport(run);
    try {
        switch (kindFromName(j.at("probe").get<std::string>())) {
            case ProbeKind::KronRatio:
                for (const auto& m : j.at("matrices")) {
                    readScore(m.at("rel_err"));
                    m.at("matrix").get<std::string>();
                    m.at("layer").get<int>();
                    m.at("ratio").at("gaussian").get<double>();
                    m.at("spec").at("a_shape").at(0).get<int64_t>();
                    m.at("spec").at("terms").get<int64_t>();
                    m.at("rows").get<int64_t>();
                    m.at("cols").get<int64_t>();
                }
                break;
            case ProbeKind::BasisEnergy:
                for (const auto& m : j.at("matrices")) {
                    for (const char* x : {"I", "J", "K", "L", "complex"}) readScore(m.at("shares").at(x));
                    for (const auto& f : m.at("factors")) {
                        readScore(f.at("complex_share"));
                        if (f.at("m").size() != 4) throw core::InputError("a 2x2 factor without 4 entries");
                    }
                }
                for (const auto& a : j.at("layers"))
                    for (const char* x : {"I", "J", "K", "L", "complex"}) readScore(a.at("shares").at(x));
                for (const char* x : {"I", "J", "K", "L", "complex"})
                    readScore(j.at("model").at("shares").at(x));
                break;
            case ProbeKind::Clifford:
                for (const auto& m : j.at("matrices")) {
                    readScore(m.at("violation"));
                    const auto r = m.at("signature").size();
                    if (m.at("pair_violation").size() != r * r)
                        throw core::InputError("pair violations do not match the number of factors");
                }
                break;
            case ProbeKind::Angles:
                for (const auto& r : j.at("results")) {
                    auto check = [](const json& a) {
                        const auto bins = a.at("bins").get<size_t>();
                        if (a.at("histogram").size() != bins || a.at("null_histogram").size() != bins)
                            throw core::InputError("an angle histogram with the wrong number of bins");
                        for (const auto& f : a.at("fold")) readScore(f);
                    };
                    check(r.at("pooled"));
                    for (const auto& b : r.at("per_block")) check(b);
                }
                break;
        }
        j.at("settings").at("describe").get<std::string>();
    } catch (const json::exception& e) {
        throw core::InputError(std::string("probe result is incomplete (") + e.what() + ")");
    }
}

void ProbeView::addRun(const ProbeRun& run) {
    validateRun(run);
    runs_.push_back(run);
    run_combo_->addItem(qs(run.title));
    run_combo_->setCurrentIndex(run_combo_->count() - 1);  // shows it
}

void ProbeView::clear() {
    runs_.clear();
    current_ = -1;
    QSignalBlocker b1(run_combo_), b2(item_combo_);
    run_combo_->clear();
    item_combo_->clear();
    summary_->setText(QString());
    stack_->setCurrentWidget(empty_);
}

int ProbeView::currentRun() const {
    return current_;
}

void ProbeView::setCurrentRun(int index) {
    if (index >= 0 && index < run_combo_->count()) run_combo_->setCurrentIndex(index);
}

QStringList ProbeView::items() const {
    QStringList out;
    for (int i = 0; i < item_combo_->count(); ++i) out << item_combo_->itemText(i);
    return out;
}

void ProbeView::setCurrentItem(int index) {
    if (index >= 0 && index < item_combo_->count()) item_combo_->setCurrentIndex(index);
}

QString ProbeView::summary() const {
    return summary_->text();
}

views::ResultTable* ProbeView::table() const {
    if (current_ < 0) return nullptr;
    switch (stack_->currentIndex()) {
        case 1:
            return kron_table_;
        case 2:
            return basis_table_;
        case 3:
            return clifford_table_;
        case 4:
            return fold_table_;
    }
    return nullptr;
}

QList<QPair<QString, QCustomPlot*>> ProbeView::figures() const {
    QList<QPair<QString, QCustomPlot*>> out;
    if (current_ < 0) return out;
    switch (stack_->currentIndex()) {
        case 1:
            out << qMakePair(tr("Kronecker ratio map"), kron_map_->plot());
            break;
        case 2:
            out << qMakePair(tr("Basis-energy pies"), pies_->plot());
            break;
        case 3:
            out << qMakePair(tr("Clifford pair violations"), clifford_map_->plot());
            break;
        case 4:
            out << qMakePair(tr("Angle histogram"), histogram_->plot())
                << qMakePair(tr("S_k vs null"), fold_plot_->plot());
            break;
    }
    return out;
}

void ProbeView::showRun(int index) {
    guarded([&] { showRunImpl(index); });
}

void ProbeView::showItem(int index) {
    guarded([&] { showItemImpl(index); });
}

void ProbeView::guarded(const std::function<void()>& draw) {
    // Reports are validated when added; anything they still lack shows as a message, never a crash.
    try {
        draw();
    } catch (const std::exception& e) {
        stack_->setCurrentWidget(empty_);
        summary_->setText(tr("This result cannot be shown: %1").arg(QString::fromUtf8(e.what())));
    }
}

void ProbeView::showRunImpl(int index) {
    if (index < 0 || index >= static_cast<int>(runs_.size())) return;
    current_ = index;
    const json j = parseReport(runs_[static_cast<size_t>(index)]);
    const auto kind = kindFromName(j.at("probe").get<std::string>());
    {
        QSignalBlocker block(item_combo_);
        item_combo_->clear();
    }
    stack_->setCurrentIndex(1 + static_cast<int>(kind));
    {
        QSignalBlocker block(item_combo_);
        switch (kind) {
            case ProbeKind::KronRatio:
                fillKron();
                break;
            case ProbeKind::BasisEnergy:
                fillBasis();
                break;
            case ProbeKind::Clifford:
                fillClifford();
                break;
            case ProbeKind::Angles:
                fillAngles();
                break;
        }
        item_combo_->setCurrentIndex(0);
    }
    item_combo_->setEnabled(item_combo_->count() > 1);
    showItem(item_combo_->currentIndex());
}

void ProbeView::fillKron() {
    const json j = parseReport(runs_[static_cast<size_t>(current_)]);
    kron_table_->clear();
    for (const auto& m : j.at("matrices")) {
        const Score e = readScore(m.at("rel_err"));
        const auto& ratio = m.at("ratio");
        kron_table_->addRow(
            {qs(m.at("matrix")), m.at("layer").get<int>(),
             QStringLiteral("%1 × %2").arg(m.at("rows").get<qlonglong>()).arg(m.at("cols").get<qlonglong>()),
             j.at("settings").at("block_size").get<qlonglong>(), m.at("spec").at("terms").get<qlonglong>(),
             e.value, nullMean(e.gaussian), nullStd(e.gaussian), num(ratio.value("gaussian", std::nan(""))),
             nullZ(e.gaussian), nullMean(e.permuted),
             e.permuted.present ? num(ratio.value("permuted", std::nan(""))) : QVariant(QStringLiteral("–")),
             nullZ(e.permuted), nullMean(e.row_col),
             e.row_col.present ? num(ratio.value("row-col-permuted", std::nan("")))
                               : QVariant(QStringLiteral("–")),
             nullZ(e.row_col), qs(m.at("settings"))});
    }
    item_combo_->addItem(tr("layers × matrix kinds"));
    summary_->setText(
        tr("<b>Kronecker ratio</b> = rel. error of the Kronecker fit / mean rel. error of the same fit on "
           "null matrices of the same shape. Below 1 (z ≪ 0): more Kronecker structure than "
           "chance.<br>%1; %2 matrices, %3 s")
            .arg(settingsOnly(j))
            .arg(j.at("matrices").size())
            .arg(j.value("seconds", 0.0), 0, 'f', 2) +
        skippedText(j));
    drawKronMap();
}

void ProbeView::drawKronMap() {
    if (current_ < 0) return;
    const json j = parseReport(runs_[static_cast<size_t>(current_)]);
    if (j.at("probe") != "kron-ratio") return;
    const int metric = kron_metric_->currentData().toInt();
    std::set<int> layers;
    std::set<QString> kinds_present;
    for (const auto& m : j.at("matrices")) {
        layers.insert(m.at("layer").get<int>());
        kinds_present.insert(kindOf(m.at("matrix")));
    }
    QStringList kinds;
    for (const auto& k : kindOrder())
        if (kinds_present.count(k)) kinds << k;
    for (const auto& k : kinds_present)
        if (!kinds.contains(k)) kinds << k;
    const std::vector<int> layer_list(layers.begin(), layers.end());
    views::MatrixData d;
    d.rows = static_cast<int>(layer_list.size());
    d.cols = static_cast<int>(kinds.size());
    d.values.assign(static_cast<size_t>(d.rows) * d.cols, std::nanf(""));
    for (int l : layer_list) d.row_labels << (l < 0 ? tr("(no layer)") : tr("layer %1").arg(l));
    d.col_labels = kinds;
    d.row_title = tr("layer");
    d.col_title = tr("matrix kind");
    for (const auto& m : j.at("matrices")) {
        const int r = static_cast<int>(
            std::find(layer_list.begin(), layer_list.end(), m.at("layer").get<int>()) - layer_list.begin());
        const int c = static_cast<int>(kinds.indexOf(kindOf(m.at("matrix"))));
        const Score e = readScore(m.at("rel_err"));
        double v = std::nan("");
        if (metric == 0) v = m.at("ratio").value("gaussian", std::nan(""));
        if (metric == 1 && e.gaussian.present) v = e.gaussian.z;
        if (metric == 2 && e.permuted.present) v = m.at("ratio").value("permuted", std::nan(""));
        if (metric == 3 && e.permuted.present) v = e.permuted.z;
        if (metric == 4 && e.row_col.present) v = m.at("ratio").value("row-col-permuted", std::nan(""));
        if (metric == 5 && e.row_col.present) v = e.row_col.z;
        d.values[static_cast<size_t>(r) * d.cols + c] = static_cast<float>(v);
    }
    d.center = (metric == 0 || metric == 2 || metric == 4) ? 1.0 : 0.0;
    d.annotate = true;
    d.value_label = kron_metric_->currentText();
    d.title = tr("Kronecker ratio per layer and matrix kind");
    kron_map_->setMatrix(d);
    views::setPlotFootnote(kron_map_->plot(), footnote(j));
}

void ProbeView::fillBasis() {
    const json j = parseReport(runs_[static_cast<size_t>(current_)]);
    basis_table_->clear();
    const QString order =
        qs(j.at("matrices").empty() ? std::string() : j.at("matrices").at(0).value("order", std::string()));
    auto addScope = [&](const QString& scope, int matrices, const json& shares) {
        const Score c = readScore(shares.at("complex"));
        basis_table_->addRow({scope, order, matrices, readScore(shares.at("I")).value,
                              readScore(shares.at("J")).value, readScore(shares.at("K")).value,
                              readScore(shares.at("L")).value, c.value, nullMean(c.gaussian),
                              nullStd(c.gaussian), nullZ(c.gaussian), nullZ(c.permuted)});
    };
    addScope(tr("whole selection"), j.at("model").at("matrices").get<int>(), j.at("model").at("shares"));
    item_combo_->addItem(tr("whole selection (%1 matrices)").arg(j.at("model").at("matrices").get<int>()));
    for (const auto& a : j.at("layers")) {
        addScope(qs(a.at("label")), a.at("matrices").get<int>(), a.at("shares"));
        item_combo_->addItem(qs(a.at("label")));
    }
    for (const auto& m : j.at("matrices")) {
        addScope(qs(m.at("matrix")), 1, m.at("shares"));
        item_combo_->addItem(qs(m.at("matrix")));
    }
    summary_->setText(
        tr("<b>2x2 basis energy</b>: W = I⊗S_I + J⊗S_J + K⊗S_K + L⊗S_L (I scaling, J rotation, K and L "
           "reflections); share of X = 2‖S_X‖² / ‖W‖². Null: 25 % each, complex (I + J) 50 %.<br>%1; %2 s")
            .arg(settingsOnly(j))
            .arg(j.value("seconds", 0.0), 0, 'f', 2) +
        skippedText(j));
}

void ProbeView::fillClifford() {
    const json j = parseReport(runs_[static_cast<size_t>(current_)]);
    clifford_table_->clear();
    for (const auto& m : j.at("matrices")) {
        const Score v = readScore(m.at("violation"));
        QStringList sig;
        for (const auto& s : m.at("signature"))
            sig << (s.get<int>() > 0 ? QStringLiteral("+") : QStringLiteral("−"));
        clifford_table_->addRow(
            {qs(m.at("matrix")), m.at("layer").get<int>(), m.at("factor_size").get<qlonglong>(),
             static_cast<qlonglong>(m.at("signature").size()), v.value, nullMean(v.gaussian),
             nullStd(v.gaussian), nullZ(v.gaussian), nullMean(v.permuted), nullZ(v.permuted),
             sig.join(QString()), qs(m.at("settings"))});
        item_combo_->addItem(qs(m.at("matrix")));
    }
    summary_->setText(
        tr("<b>Clifford violation</b> V of the fitted factors A_k (normalized, best diagonal signature): "
           "0 for an exact Clifford generating set, about 1 for none. The map shows each pair's "
           "‖{A_i, A_j} − 2η_ij I‖² / ‖{A_i, A_j}‖².<br>%1; %2 s")
            .arg(settingsOnly(j))
            .arg(j.value("seconds", 0.0), 0, 'f', 2) +
        skippedText(j));
}

void ProbeView::fillAngles() {
    const json j = parseReport(runs_[static_cast<size_t>(current_)]);
    angle_table_->clear();
    auto addSummary = [&](const json& a) {
        int best = 0;
        double best_z = -1e300;
        for (size_t k = 0; k < a.at("fold").size(); ++k) {
            const Score s = readScore(a.at("fold").at(k));
            if (s.first().z > best_z) best_z = s.first().z, best = static_cast<int>(k);
        }
        const Score s =
            a.at("fold").empty() ? Score{} : readScore(a.at("fold").at(static_cast<size_t>(best)));
        angle_table_->addRow({qs(a.at("source")), a.at("block_size").get<qlonglong>(),
                              a.at("blocks").get<qlonglong>(), a.at("angles_count").get<qlonglong>(),
                              best + 1, s.value, nullMean(s.first()), nullZ(s.first()),
                              qs(a.at("settings"))});
    };
    for (const auto& r : j.at("results")) {
        addSummary(r.at("pooled"));
        item_combo_->addItem(qs(r.at("pooled").at("source")));
        for (const auto& b : r.at("per_block")) {
            addSummary(b);
            item_combo_->addItem(QStringLiteral("  ") + qs(b.at("source")));
        }
    }
    summary_->setText(
        tr("<b>Rotation angles</b>: eigen-angles θ of polar factors; S_k = |mean exp(ikθ)| detects "
           "k-fold (roots-of-unity) symmetry. Null: Haar-random rotations of the same size.<br>%1; %2 s%3")
            .arg(settingsOnly(j))
            .arg(j.value("seconds", 0.0), 0, 'f', 2)
            .arg(skippedText(j)));
}

void ProbeView::showItemImpl(int index) {
    if (current_ < 0 || index < 0) return;
    const json j = parseReport(runs_[static_cast<size_t>(current_)]);
    const auto kind = kindFromName(j.at("probe").get<std::string>());
    stack_->setCurrentIndex(1 + static_cast<int>(kind));  // back from a message page of an earlier item
    if (kind == ProbeKind::BasisEnergy)
        showBasisItem(j, index);
    else if (kind == ProbeKind::Clifford)
        showCliffordItem(j, index);
    else if (kind == ProbeKind::Angles)
        showAngleItem(j, index);
}

/// Items: whole selection, layers, matrices.
void ProbeView::showBasisItem(const json& j, int index) {
    const size_t n_layers = j.at("layers").size();
    const json* shares = nullptr;
    QString scope;
    std::vector<const json*> mats;
    if (index == 0) {
        shares = &j.at("model").at("shares");
        scope = tr("whole selection");
        for (const auto& m : j.at("matrices")) mats.push_back(&m);
    } else if (static_cast<size_t>(index) <= n_layers) {
        const auto& a = j.at("layers").at(static_cast<size_t>(index - 1));
        shares = &a.at("shares");
        scope = qs(a.at("label"));
        for (const auto& m : j.at("matrices"))
            if (m.at("layer") == a.at("layer")) mats.push_back(&m);
    } else {
        const auto& m = j.at("matrices").at(static_cast<size_t>(index) - 1 - n_layers);
        shares = &m.at("shares");
        scope = qs(m.at("matrix"));
        mats.push_back(&m);
    }
    const QStringList labels = {QStringLiteral("I"), QStringLiteral("J"), QStringLiteral("K"),
                                QStringLiteral("L")};
    std::vector<double> observed, gauss, perm;
    for (const auto& x : labels) {
        const Score s = readScore(shares->at(x.toStdString()));
        observed.push_back(s.value);
        gauss.push_back(s.gaussian.mean);
        perm.push_back(s.permuted.present ? s.permuted.mean : std::nan(""));
    }
    const Score c = readScore(shares->at("complex"));
    std::vector<views::PieChartPlot::Pie> pies;
    pies.push_back({tr("observed"), observed, tr("complex (I+J)\n%1 %").arg(100.0 * c.value, 0, 'f', 1)});
    pies.push_back({tr("Gaussian null\n(mean of %1)").arg(c.gaussian.draws), gauss,
                    tr("complex %1 % ± %2\nz = %3")
                        .arg(100.0 * c.gaussian.mean, 0, 'f', 1)
                        .arg(100.0 * c.gaussian.std, 0, 'f', 1)
                        .arg(c.gaussian.z, 0, 'f', 2)});
    if (c.permuted.present)
        pies.push_back({tr("permuted null\n(mean of %1)").arg(c.permuted.draws), perm,
                        tr("complex %1 % ± %2\nz = %3")
                            .arg(100.0 * c.permuted.mean, 0, 'f', 1)
                            .arg(100.0 * c.permuted.std, 0, 'f', 1)
                            .arg(c.permuted.z, 0, 'f', 2)});
    pies_->setPies(labels, pies, tr("2x2 basis energy of %1").arg(scope));
    views::setPlotFootnote(pies_->plot(), footnote(j));
    factor_table_->clear();
    const double rad = 180.0 / std::acos(-1.0);
    for (const json* m : mats)
        for (const auto& f : m->at("factors")) {
            const Score cs = readScore(f.at("complex_share"));
            factor_table_->addRow(
                {qs(m->at("matrix")), f.at("term").get<int>() + 1, f.at("m").at(0).get<double>(),
                 f.at("m").at(1).get<double>(), f.at("m").at(2).get<double>(), f.at("m").at(3).get<double>(),
                 f.at("a").get<double>(), f.at("b").get<double>(), f.at("c").get<double>(),
                 f.at("d").get<double>(), cs.value, nullMean(cs.gaussian), nullZ(cs.gaussian),
                 f.at("angle").get<double>() * rad, f.at("det").get<double>(), qs(f.at("label"))});
        }
}

void ProbeView::showCliffordItem(const json& j, int index) {
    const auto& m = j.at("matrices").at(static_cast<size_t>(index));
    const Score v = readScore(m.at("violation"));
    views::MatrixData d;
    const int r = static_cast<int>(m.at("signature").size());
    d.rows = d.cols = r;
    for (const auto& x : m.at("pair_violation")) d.values.push_back(x.get<float>());
    for (int i = 0; i < r; ++i) {
        d.row_labels << QStringLiteral("A_%1").arg(i + 1);
        d.col_labels << QStringLiteral("A_%1").arg(i + 1);
    }
    d.row_title = d.col_title = tr("factor");
    d.annotate = true;
    d.value_label = tr("pair violation");
    d.title = tr("%1: V = %2; %3")
                  .arg(qs(m.at("matrix")))
                  .arg(v.value, 0, 'g', 4)
                  .arg(nullLine(v.gaussian, tr("Gaussian")));
    clifford_map_->setMatrix(d);
    views::setPlotFootnote(clifford_map_->plot(), footnote(j));
}

void ProbeView::showAngleItem(const json& j, int index) {
    int i = 0;
    const json* found = nullptr;
    for (const auto& r : j.at("results")) {
        if (i++ == index) found = &r.at("pooled");
        for (const auto& b : r.at("per_block"))
            if (i++ == index) found = &b;
    }
    if (!found) return;
    const json& a = *found;
    const auto hist = a.at("histogram").get<std::vector<double>>();
    const auto null_hist = a.at("null_histogram").get<std::vector<double>>();
    QStringList ks;
    std::vector<double> s_k, mean, stdv;
    fold_table_->clear();
    QString null_name = tr("Haar O(%1) null").arg(a.at("block_size").get<qlonglong>());
    int draws = 0;
    for (size_t k = 0; k < a.at("fold").size(); ++k) {
        const Score s = readScore(a.at("fold").at(k));
        const NullNumbers& n = s.first();
        if (!s.haar.present) null_name = tr("Gaussian null");
        draws = n.draws;
        ks << QString::number(k + 1);
        s_k.push_back(s.value);
        mean.push_back(n.mean);
        stdv.push_back(n.std);
        fold_table_->addRow(
            {qs(a.at("source")), static_cast<int>(k + 1), s.value, n.mean, n.std, n.z, null_name});
    }
    histogram_->setHistogram(hist, null_hist,
                             tr("observed (%1 angles)").arg(a.at("angles_count").get<qlonglong>()),
                             tr("%1, mean of %2 draws").arg(null_name).arg(draws),
                             tr("Eigen-angles of %1").arg(qs(a.at("source"))));
    fold_plot_->setScores(ks, s_k, mean, stdv, tr("S_k observed"), tr("%1 mean").arg(null_name),
                          tr("k-fold symmetry S_k of %1").arg(qs(a.at("source"))),
                          tr("S_k = |mean exp(ikθ)|"));
    views::setPlotFootnote(histogram_->plot(), footnote(j), 80);
    views::setPlotFootnote(fold_plot_->plot(), footnote(j), 80);
}

}  // namespace kronscope::app
