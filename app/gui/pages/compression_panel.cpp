#include "pages/compression_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "kronscope/core/base/error.h"
#include "widgets/form_fields.h"

namespace kronscope::app {

namespace {

QLabel* hint(const QString& text, QWidget* parent) {
    auto* l = new QLabel(text, parent);
    l->setWordWrap(true);
    return l;
}

QCheckBox* check(const QString& text, const char* name, bool on, QWidget* parent) {
    auto* c = new QCheckBox(text, parent);
    c->setObjectName(QString::fromLatin1(name));
    c->setChecked(on);
    return c;
}

QLineEdit* line(const QString& text, const char* name, QWidget* parent) {
    auto* e = new QLineEdit(text, parent);
    e->setObjectName(QString::fromLatin1(name));
    return e;
}

}  // namespace

CompressionPanel::CompressionPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("compressionPanel"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QFormLayout;
    analysis_ = new QComboBox(this);
    analysis_->setObjectName(QStringLiteral("compressionAnalysis"));
    analysis_->addItem(tr("Tensor statistics"));
    analysis_->addItem(tr("Quantize (int-k + zstd)"));
    analysis_->addItem(tr("Pruning × int-k sweep"));
    analysis_->addItem(tr("Procrustes (two matrices)"));
    top->addRow(tr("Analysis"), analysis_);
    layout->addLayout(top);
    pages_ = new QStackedWidget(this);
    pages_->addWidget(
        hint(tr("Mean, std, excess kurtosis, max |w| and the share beyond 6 std for every tensor "
                "(c_attn also as Q, K, V), ranked, and as a layer × kind heatmap."),
             this));
    pages_->addWidget(quantizePage());
    pages_->addWidget(prunePage());
    pages_->addWidget(procrustesPage());
    layout->addWidget(pages_);
    run_ = new QPushButton(tr("Run"), this);
    run_->setObjectName(QStringLiteral("compressionRun"));
    run_->setEnabled(false);
    layout->addWidget(run_);
    compare_ = new QPushButton(tr("Compare with another checkpoint…"), this);
    compare_->setObjectName(QStringLiteral("compressionCompare"));
    compare_->setEnabled(false);
    compare_->setToolTip(
        tr("File > Compare with…: Procrustes of every matrix of both checkpoints beside its "
           "nulls, and their statistics side by side."));
    layout->addWidget(compare_);
    layout->addStretch(1);
    for (auto* combo : findChildren<QComboBox*>()) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(12);
    }
    connect(analysis_, &QComboBox::currentIndexChanged, pages_, &QStackedWidget::setCurrentIndex);
    connect(run_, &QPushButton::clicked, this, &CompressionPanel::runRequested);
    connect(compare_, &QPushButton::clicked, this, &CompressionPanel::compareRequested);
}

QWidget* CompressionPanel::quantizePage() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    bits_ = spinField(page, "compressionBits", 2, 8, 6);
    form->addRow(tr("Bits k"), bits_);
    clip_ = check(tr("Clip search (GPTQ-lite)"), "compressionClip", false, page);
    form->addRow(clip_);
    protect_ = line(QString(), "compressionProtect", page);
    protect_->setPlaceholderText(tr("e.g. last:2/k"));
    protect_->setToolTip(
        tr("Kept in float16: unit names (h.7.attn.c_attn.k, wte) or kinds (q, k, v, c_attn, "
           "attn.c_proj, c_fc, mlp.c_proj, wte, wpe), optionally after layers:A-B/ or last:N/, "
           "joined by commas."));
    form->addRow(tr("Protect"), protect_);
    fp16_rows_ = doubleField(page, "compressionFp16Rows", 1, 0.0, 100.0, 1.0, 0.0);
    fp16_rows_->setSuffix(QStringLiteral(" %"));
    fp16_rows_->setToolTip(tr("The wte rows with the highest entropy of their int-k codes stay float16."));
    form->addRow(tr("fp16 wte rows"), fp16_rows_);
    prune_ = doubleField(page, "compressionPrune", 2, 0.0, 99.0, 1.0, 0.0);
    prune_->setSuffix(QStringLiteral(" %"));
    form->addRow(tr("Prune first"), prune_);
    level_ = spinField(page, "compressionLevel", 1, 22, 22);
    form->addRow(tr("zstd level"), level_);
    measure_ = check(tr("Measure perplexity"), "compressionMeasure", true, page);
    measure_->setToolTip(tr("On the Perplexity page's text and window."));
    form->addRow(measure_);
    damage_ = check(tr("Damage ranking"), "compressionDamage", false, page);
    damage_->setToolTip(tr("One perplexity per unit, with only that unit quantized."));
    form->addRow(damage_);
    artifact_ = line(QString(), "compressionArtifact", page);
    artifact_->setPlaceholderText(tr("optional .ksq file"));
    auto* browse = new QToolButton(page);
    browse->setText(QStringLiteral("…"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString p = QFileDialog::getSaveFileName(this, tr("Artifact file"), QStringLiteral("model.ksq"),
                                                       tr("Kronscope quantized artifact (*.ksq)"));
        if (!p.isEmpty()) artifact_->setText(p);
    });
    auto* row = new QHBoxLayout;
    row->addWidget(artifact_);
    row->addWidget(browse);
    form->addRow(tr("Artifact"), row);
    return page;
}

QWidget* CompressionPanel::prunePage() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    prune_list_ = line(QStringLiteral("0,1,2,3,4,5,10"), "compressionPruneList", page);
    form->addRow(tr("Prune (%)"), prune_list_);
    bits_list_ = line(QStringLiteral("6"), "compressionBitsList", page);
    form->addRow(tr("Bits"), bits_list_);
    prune_clip_ = check(tr("Clip search"), "compressionPruneClip", false, page);
    form->addRow(prune_clip_);
    prune_measure_ = check(tr("Measure perplexity"), "compressionPruneMeasure", true, page);
    prune_measure_->setToolTip(tr("On the Perplexity page's text and window."));
    form->addRow(prune_measure_);
    form->addRow(hint(tr("Protection and zstd level come from the Quantize settings."), page));
    return page;
}

QWidget* CompressionPanel::procrustesPage() {
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    a_ = new QComboBox(page);
    a_->setObjectName(QStringLiteral("compressionA"));
    a_->setEditable(true);
    form->addRow(tr("A"), a_);
    b_ = new QComboBox(page);
    b_->setObjectName(QStringLiteral("compressionB"));
    b_->setEditable(true);
    form->addRow(tr("B"), b_);
    side_ = new QComboBox(page);
    side_->setObjectName(QStringLiteral("compressionSide"));
    side_->addItem(tr("right (A R ≈ B)"), QStringLiteral("right"));
    side_->addItem(tr("left (R A ≈ B)"), QStringLiteral("left"));
    side_->setToolTip(tr("right: R acts on the columns (p × p); left: on the rows (m × m)."));
    form->addRow(tr("Side"), side_);
    draws_ = spinField(page, "compressionDraws", 2, 1000, 20);
    form->addRow(tr("Null draws"), draws_);
    rank_ = spinField(page, "compressionRank", 0, 1 << 20, 0);
    rank_->setSpecialValueText(tr("auto (a quarter of R)"));
    form->addRow(tr("Low-rank rank"), rank_);
    rotation_ = check(tr("Low-rank share and transport bytes"), "compressionRotation", true, page);
    rotation_->setToolTip(tr("Needs the full rotation R (p × p for side right): slow for wide matrices."));
    form->addRow(rotation_);
    return page;
}

CompressionPanel::Analysis CompressionPanel::analysis() const {
    return static_cast<Analysis>(analysis_->currentIndex());
}

void CompressionPanel::setAnalysis(Analysis a) {
    analysis_->setCurrentIndex(static_cast<int>(a));
}

int CompressionPanel::nullDraws() const {
    return draws_->value();
}

bool CompressionPanel::measurePerplexity() const {
    return analysis() == Analysis::PruneSweep ? prune_measure_->isChecked() : measure_->isChecked();
}

core::QuantizeRequest CompressionPanel::quantizeRequest() const {
    core::QuantizeRequest rq;
    rq.settings.bits = bits_->value();
    rq.settings.clip_search = clip_->isChecked();
    rq.settings.protect = protect_->text().trimmed().toStdString();
    rq.settings.fp16_rows = fp16_rows_->value();
    rq.settings.prune = prune_->value();
    rq.settings.zstd_level = level_->value();
    rq.damage = damage_->isChecked();
    rq.artifact_path = artifact_->text().trimmed().toStdString();
    rq.settings.validate();
    return rq;
}

core::PruneSweepRequest CompressionPanel::pruneSweepRequest() const {
    core::PruneSweepRequest rq;
    rq.settings.clip_search = prune_clip_->isChecked();
    rq.settings.protect = protect_->text().trimmed().toStdString();
    rq.settings.zstd_level = level_->value();
    rq.prunes.clear();
    for (const auto& part : prune_list_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok) throw core::InputError("prune: '" + part.trimmed().toStdString() + "' is not a percentage");
        rq.prunes.push_back(v);
    }
    rq.bits.clear();
    for (const auto& part : bits_list_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int v = part.trimmed().toInt(&ok);
        if (!ok) throw core::InputError("bits: '" + part.trimmed().toStdString() + "' is not an integer");
        rq.bits.push_back(v);
    }
    rq.validate();
    return rq;
}

core::ProcrustesRequest CompressionPanel::procrustesRequest() const {
    core::ProcrustesRequest rq;
    rq.a = a_->currentText().trimmed().toStdString();
    rq.b = b_->currentText().trimmed().toStdString();
    rq.side = core::parseProcrustesSide(side_->currentData().toString().toStdString());
    rq.null_draws = draws_->value();
    rq.rank = rank_->value();
    rq.rotation = rotation_->isChecked();
    rq.bits = bits_->value();
    rq.zstd_level = level_->value();
    rq.validate();
    return rq;
}

void CompressionPanel::setModelUnits(const QStringList& units) {
    for (QComboBox* c : {a_, b_}) {
        const QString keep = c->currentText();
        c->clear();
        c->addItems(units);
        if (!keep.isEmpty() && units.contains(keep)) c->setCurrentText(keep);
    }
    // A useful first pair: the last two layers' MLP c_proj (seed 001's "MLP proj" of layers i and j).
    QStringList proj;
    for (const auto& u : units)
        if (u.endsWith(QStringLiteral(".mlp.c_proj"))) proj << u;
    if (proj.size() >= 2 && a_->currentText() == units.value(0)) {
        a_->setCurrentText(proj[proj.size() - 2]);
        b_->setCurrentText(proj.back());
    }
}

void CompressionPanel::setEnabledForModel(bool has_model) {
    run_->setEnabled(has_model);
    compare_->setEnabled(has_model);
}

QVariantMap CompressionPanel::state() const {
    return {{QStringLiteral("analysis"), analysis_->currentIndex()},
            {QStringLiteral("bits"), bits_->value()},
            {QStringLiteral("clip"), clip_->isChecked()},
            {QStringLiteral("protect"), protect_->text()},
            {QStringLiteral("fp16_rows"), fp16_rows_->value()},
            {QStringLiteral("prune"), prune_->value()},
            {QStringLiteral("level"), level_->value()},
            {QStringLiteral("measure"), measure_->isChecked()},
            {QStringLiteral("damage"), damage_->isChecked()},
            {QStringLiteral("artifact"), artifact_->text()},
            {QStringLiteral("prune_list"), prune_list_->text()},
            {QStringLiteral("bits_list"), bits_list_->text()},
            {QStringLiteral("prune_clip"), prune_clip_->isChecked()},
            {QStringLiteral("prune_measure"), prune_measure_->isChecked()},
            {QStringLiteral("a"), a_->currentText()},
            {QStringLiteral("b"), b_->currentText()},
            {QStringLiteral("side"), side_->currentIndex()},
            {QStringLiteral("draws"), draws_->value()},
            {QStringLiteral("rank"), rank_->value()},
            {QStringLiteral("rotation"), rotation_->isChecked()}};
}

void CompressionPanel::setState(const QVariantMap& m) {
    auto i = [&](const char* k, int fallback) { return m.value(QLatin1String(k), fallback).toInt(); };
    auto b = [&](const char* k, bool fallback) { return m.value(QLatin1String(k), fallback).toBool(); };
    auto s = [&](const char* k, const QString& fallback) {
        return m.value(QLatin1String(k), fallback).toString();
    };
    analysis_->setCurrentIndex(qBound(0, i("analysis", 0), analysis_->count() - 1));
    bits_->setValue(i("bits", 6));
    clip_->setChecked(b("clip", false));
    protect_->setText(s("protect", QString()));
    fp16_rows_->setValue(m.value(QStringLiteral("fp16_rows"), 0.0).toDouble());
    prune_->setValue(m.value(QStringLiteral("prune"), 0.0).toDouble());
    level_->setValue(i("level", 22));
    measure_->setChecked(b("measure", true));
    damage_->setChecked(b("damage", false));
    artifact_->setText(s("artifact", QString()));
    prune_list_->setText(s("prune_list", QStringLiteral("0,1,2,3,4,5,10")));
    bits_list_->setText(s("bits_list", QStringLiteral("6")));
    prune_clip_->setChecked(b("prune_clip", false));
    prune_measure_->setChecked(b("prune_measure", true));
    a_->setCurrentText(s("a", a_->currentText()));
    b_->setCurrentText(s("b", b_->currentText()));
    side_->setCurrentIndex(qBound(0, i("side", 0), 1));
    draws_->setValue(i("draws", 20));
    rank_->setValue(i("rank", 0));
    rotation_->setChecked(b("rotation", true));
}

}  // namespace kronscope::app
