#include "pages/modular_panel.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "kronscope/core/base/error.h"
#include "widgets/device_combo.h"
#include "widgets/form_fields.h"

namespace kronscope::app {

namespace {

QStringList shippedRoots() {
    return {QCoreApplication::applicationDirPath() + QStringLiteral("/../share/kronscope/modular"),
            QStringLiteral(KRONSCOPE_SOURCE_DIR "/resources/modular")};
}

}  // namespace

QStringList ModularPanel::shippedModels() {
    QStringList out;
    for (const QString& root : shippedRoots()) {
        const QDir dir(root);
        for (const QString& name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            if (QFileInfo::exists(dir.filePath(name) + QStringLiteral("/model.safetensors")))
                out << QFileInfo(dir.filePath(name)).canonicalFilePath();
        if (!out.isEmpty()) break;  // the installed copy, else the source tree's
    }
    return out;
}

ModularPanel::ModularPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("modularPanel"));
    auto* top = new QVBoxLayout(this);
    top->setContentsMargins(0, 0, 0, 0);

    auto* model_box = new QGroupBox(tr("Model"), this);
    auto* mform = new QFormLayout(model_box);
    model_ = new QLabel(tr("none open"), model_box);
    model_->setObjectName(QStringLiteral("modularModel"));
    model_->setWordWrap(true);
    mform->addRow(model_);
    shipped_ = new QComboBox(model_box);
    shipped_->setObjectName(QStringLiteral("modularShipped"));
    for (const QString& dir : shippedModels()) shipped_->addItem(QFileInfo(dir).fileName(), dir);
    auto* load = new QPushButton(tr("Open"), model_box);
    load->setObjectName(QStringLiteral("modularOpenShipped"));
    load->setEnabled(shipped_->count() > 0);
    auto* row = new QHBoxLayout;
    row->addWidget(shipped_, 1);
    row->addWidget(load);
    mform->addRow(tr("Shipped"), row);
    auto* open = new QPushButton(tr("Open modular model folder…"), model_box);
    open->setObjectName(QStringLiteral("modularOpen"));
    mform->addRow(open);
    top->addWidget(model_box);

    auto* train_box = new QGroupBox(tr("Train (full batch, AdamW, Grokfast)"), this);
    auto* form = new QFormLayout(train_box);
    task_ = new QComboBox(train_box);
    task_->setObjectName(QStringLiteral("modularTask"));
    task_->addItem(tr("nanda: (x0 + x1) mod p"), QStringLiteral("nanda"));
    task_->addItem(tr("miiii: (x0 + x1 p) mod q, every prime q < p"), QStringLiteral("miiii"));
    task_->addItem(tr("basis: miiii's labels shuffled"), QStringLiteral("basis"));
    task_->addItem(tr("masked: miiii without q = 2, 3, 5, 7"), QStringLiteral("masked"));
    form->addRow(tr("Task"), task_);
    p_ = spinField(train_box, "modularP", int(core::kModularMinP), int(core::kModularMaxP), 113);
    form->addRow(tr("p (prime)"), p_);
    seed_ = spinField(train_box, "modularSeed", 0, 1 << 30, 0);
    form->addRow(tr("Seed"), seed_);
    steps_ = spinField(train_box, "modularSteps", 1, 10'000'000, 6000);
    form->addRow(tr("Steps"), steps_);
    eval_ = spinField(train_box, "modularEval", 1, 1'000'000, 50);
    form->addRow(tr("Evaluate every"), eval_);
    lr_ = doubleField(train_box, "modularLr", 5, 1e-5, 1.0, 1e-4, 1e-3);
    form->addRow(tr("Learning rate"), lr_);
    wd_ = doubleField(train_box, "modularWd", 3, 0.0, 100.0, 0.1, 1.0);
    form->addRow(tr("Weight decay"), wd_);
    dropout_ = doubleField(train_box, "modularDropout", 2, 0.0, 0.95, 0.05, 0.0);
    form->addRow(tr("Dropout"), dropout_);
    alpha_ = doubleField(train_box, "modularAlpha", 3, 0.0, 0.999, 0.01, 0.98);
    form->addRow(tr("Grokfast alpha"), alpha_);
    lambda_ = doubleField(train_box, "modularLambda", 2, 0.0, 100.0, 0.5, 2.0);
    lambda_->setToolTip(tr("0 turns Grokfast off (plain AdamW)."));
    form->addRow(tr("Grokfast lambda"), lambda_);
    d_ = spinField(train_box, "modularD", 2, 4096, 128);
    form->addRow(tr("d_model"), d_);
    heads_ = spinField(train_box, "modularHeads", 1, 64, 4);
    form->addRow(tr("Heads"), heads_);
    device_ = new DeviceCombo(train_box);
    form->addRow(tr("Device"), device_);
    out_ = new QLineEdit(train_box);
    out_->setObjectName(QStringLiteral("modularOut"));
    out_->setPlaceholderText(tr("output folder (required)"));
    auto* browse = new QPushButton(tr("…"), train_box);
    auto* orow = new QHBoxLayout;
    orow->addWidget(out_, 1);
    orow->addWidget(browse);
    form->addRow(tr("Output folder"), orow);
    train_ = new QPushButton(tr("Train"), train_box);
    train_->setObjectName(QStringLiteral("modularTrain"));
    form->addRow(train_);
    samples_ = spinField(train_box, "modularSamples", 0, 1 << 16, 8);
    samples_->setToolTip(tr("Cells of the seed's Table 1 grid drawn (seeded); 0 runs all 384."));
    search_ = new QPushButton(tr("Search"), train_box);
    search_->setObjectName(QStringLiteral("modularSearch"));
    auto* srow = new QHBoxLayout;
    srow->addWidget(samples_);
    srow->addWidget(search_, 1);
    form->addRow(tr("Search cells"), srow);
    top->addWidget(train_box);

    auto* an_box = new QGroupBox(tr("Analyze the open model"), this);
    auto* aform = new QFormLayout(an_box);
    analysis_ = new QComboBox(an_box);
    analysis_->setObjectName(QStringLiteral("modularAnalysis"));
    analysis_->addItem(tr("All analyses"), QStringLiteral("all"));
    for (auto a : core::parseModularAnalyses("all"))
        analysis_->addItem(QString::fromLatin1(core::modularAnalysisName(a)),
                           QString::fromLatin1(core::modularAnalysisName(a)));
    aform->addRow(tr("Analysis"), analysis_);
    layer_ = spinField(an_box, "modularLayer", 0, 15, 0);
    aform->addRow(tr("Layer"), layer_);
    neurons_ = spinField(an_box, "modularNeurons", 0, 64, 8);
    aform->addRow(tr("Neuron maps"), neurons_);
    analyze_ = new QPushButton(tr("Analyze"), an_box);
    analyze_->setObjectName(QStringLiteral("modularAnalyze"));
    analyze_->setEnabled(false);
    aform->addRow(analyze_);
    auto* hint =
        new QLabel(tr("Seed 002: multi-task modular arithmetic, Grokfast and the Fourier analysis of "
                      "a 1-layer transformer. The Structure probes page runs on the open modular "
                      "model too (choose it there): the positive control for the probes."),
                   an_box);
    hint->setWordWrap(true);
    aform->addRow(hint);
    top->addWidget(an_box);
    top->addStretch(1);

    connect(open, &QPushButton::clicked, this, [this] { emit openRequested(QString()); });
    connect(load, &QPushButton::clicked, this, [this] {
        if (shipped_->count() > 0) emit openRequested(shipped_->currentData().toString());
    });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Output folder for the modular model"), out_->text());
        if (!dir.isEmpty()) out_->setText(dir);
    });
    connect(train_, &QPushButton::clicked, this, &ModularPanel::trainRequested);
    connect(search_, &QPushButton::clicked, this, &ModularPanel::searchRequested);
    connect(analyze_, &QPushButton::clicked, this, &ModularPanel::analyzeRequested);
}

core::ModularTrainSettings ModularPanel::trainSettings() const {
    core::ModularTrainSettings s;
    s.task = core::parseModularTask(task_->currentData().toString().toStdString());
    s.p = p_->value();
    s.seed = static_cast<uint64_t>(seed_->value());
    s.steps = steps_->value();
    s.eval_interval = eval_->value();
    s.lr = lr_->value();
    s.weight_decay = wd_->value();
    s.dropout = dropout_->value();
    s.grokfast_alpha = alpha_->value();
    s.grokfast_lambda = lambda_->value();
    s.d_model = d_->value();
    s.n_heads = heads_->value();
    s.device = device_->device().toStdString();
    s.out_dir = out_->text().trimmed().toStdString();
    if (s.out_dir.empty()) throw core::InputError("output folder: choose a folder for the trained model");
    s.validate();
    return s;
}

core::ModularSearchRequest ModularPanel::searchRequest() const {
    core::ModularSearchRequest r;
    r.base = trainSettings();
    r.base.out_dir.clear();  // the search keeps no models
    r.samples = samples_->value();
    r.search_seed = r.base.seed;
    r.validate();
    return r;
}

core::ModularAnalysisRequest ModularPanel::analysisRequest() const {
    core::ModularAnalysisRequest r;
    const QString a = analysis_->currentData().toString();
    if (a != QLatin1String("all")) r.analyses = core::parseModularAnalyses(a.toStdString());
    r.layer = layer_->value();
    r.neurons_shown = neurons_->value();
    r.validate();
    return r;
}

void ModularPanel::setModel(const QString& description) {
    model_->setText(description.isEmpty() ? tr("none open") : description);
    analyze_->setEnabled(!description.isEmpty());
}

void ModularPanel::setOutputFolder(const QString& dir) {
    out_->setText(dir);
}

QVariantMap ModularPanel::state() const {
    return {{QStringLiteral("task"), task_->currentData()},
            {QStringLiteral("p"), p_->value()},
            {QStringLiteral("seed"), seed_->value()},
            {QStringLiteral("steps"), steps_->value()},
            {QStringLiteral("eval"), eval_->value()},
            {QStringLiteral("lr"), lr_->value()},
            {QStringLiteral("wd"), wd_->value()},
            {QStringLiteral("dropout"), dropout_->value()},
            {QStringLiteral("alpha"), alpha_->value()},
            {QStringLiteral("lambda"), lambda_->value()},
            {QStringLiteral("d"), d_->value()},
            {QStringLiteral("heads"), heads_->value()},
            {QStringLiteral("out"), out_->text()},
            {QStringLiteral("samples"), samples_->value()},
            {QStringLiteral("analysis"), analysis_->currentData()},
            {QStringLiteral("layer"), layer_->value()},
            {QStringLiteral("neurons"), neurons_->value()}};
}

void ModularPanel::setState(const QVariantMap& m) {
    auto pick = [&](QComboBox* c, const char* key) {
        const int i = c->findData(m.value(QLatin1String(key)));
        if (i >= 0) c->setCurrentIndex(i);
    };
    pick(task_, "task");
    pick(analysis_, "analysis");
    for (auto [box, key] : {std::pair{p_, "p"},
                            {seed_, "seed"},
                            {steps_, "steps"},
                            {eval_, "eval"},
                            {d_, "d"},
                            {heads_, "heads"},
                            {samples_, "samples"},
                            {layer_, "layer"},
                            {neurons_, "neurons"}})
        box->setValue(m.value(QLatin1String(key), box->value()).toInt());
    for (auto [box, key] :
         {std::pair{lr_, "lr"}, {wd_, "wd"}, {dropout_, "dropout"}, {alpha_, "alpha"}, {lambda_, "lambda"}})
        box->setValue(m.value(QLatin1String(key), box->value()).toDouble());
    out_->setText(m.value(QStringLiteral("out"), out_->text()).toString());
}

}  // namespace kronscope::app
