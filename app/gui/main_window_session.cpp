// MainWindow's session files: capture everything the user sees into a core::SessionDocument (JSON for state and
// tables, float arrays for heatmaps), write it atomically as HDF5, and restore it without recomputation.
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <nlohmann/json.hpp>
#include <cmath>

#include "decomposition_panel.h"
#include "decomposition_view.h"
#include "job_manager.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/io/session_file.h"
#include "kronscope/views/result_table.h"
#include "main_window.h"
#include "model_browser.h"
#include "perplexity_panel.h"
#include "sweep_panel.h"
#include "sweep_view.h"
#include "structure_map.h"
#include "probe_view.h"
#include "toy_lab.h"

namespace kronscope::app {

using nlohmann::json;

namespace {

json pplToJson(const core::PerplexityResult& r) {
    return {{"ppl", r.ppl},           {"nll_sum", r.nll_sum},       {"tokens_scored", r.tokens_scored},
            {"windows", r.windows},   {"tokens_total", r.tokens_total}, {"max_length", r.max_length},
            {"stride", r.stride},     {"seconds", r.seconds},       {"tokens_per_second", r.tokens_per_second},
            {"device", r.device},     {"dtype", r.dtype},           {"text", r.text_name}};
}

core::PerplexityResult pplFromJson(const json& j) {
    core::PerplexityResult r;
    r.ppl = j.at("ppl");
    r.nll_sum = j.at("nll_sum");
    r.tokens_scored = j.at("tokens_scored");
    r.windows = j.at("windows");
    r.tokens_total = j.value("tokens_total", int64_t{0});
    r.max_length = j.at("max_length");
    r.stride = j.at("stride");
    r.seconds = j.value("seconds", 0.0);
    r.tokens_per_second = j.value("tokens_per_second", 0.0);
    r.device = j.value("device", std::string());
    r.dtype = j.value("dtype", std::string());
    r.text_name = j.value("text", std::string());
    return r;
}

core::SessionArray toArray(const core::MatrixF& m) { return {{m.rows, m.cols}, m.values}; }

core::MatrixF fromArray(const core::SessionDocument& doc, const std::string& name) {
    auto it = doc.arrays.find(name);
    if (it == doc.arrays.end()) throw core::InputError(
            kronscope::app::MainWindow::tr("session is missing the array '%1'").arg(QString::fromStdString(name)).toStdString());
    const auto& a = it->second;
    if (a.shape.size() != 2) throw core::InputError(
            kronscope::app::MainWindow::tr("session array '%1' is not a matrix").arg(QString::fromStdString(name)).toStdString());
    return {a.shape[0], a.shape[1], a.values};
}

std::vector<float> flatArray(const core::SessionDocument& doc, const std::string& name) {
    auto it = doc.arrays.find(name);
    if (it == doc.arrays.end()) throw core::InputError(
            kronscope::app::MainWindow::tr("session is missing the array '%1'").arg(QString::fromStdString(name)).toStdString());
    return it->second.values;
}

/// JSON has no NaN: a diverged toy model's numbers are stored as null and read back as NaN.
json finiteOrNull(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
json finiteOrNull(const std::vector<double>& v) {
    json a = json::array();
    for (double x : v) a.push_back(finiteOrNull(x));
    return a;
}
double numberOrNan(const json& j) { return j.is_null() ? std::nan("") : j.get<double>(); }
std::vector<double> numbersOrNan(const json& j) {
    std::vector<double> out;
    for (const auto& x : j) out.push_back(numberOrNan(x));
    return out;
}

json toyToJson(const core::ToyModelResult& r) {
    const auto& s = r.settings;
    return {{"settings",
             {{"features", s.features}, {"hidden", s.hidden}, {"sparsity", s.sparsity},
              {"importance_decay", s.importance_decay}, {"importance", s.importance}, {"batch_size", s.batch_size},
              {"steps", s.steps}, {"lr", s.lr}, {"weight_decay", s.weight_decay}, {"seed", s.seed},
              {"log_interval", s.log_interval}}},
            {"b", finiteOrNull(std::vector<double>(r.b.begin(), r.b.end()))},
            {"importance", r.importance},
            {"loss_steps", r.loss_steps},
            {"loss_history", finiteOrNull(r.loss_history)},
            {"initial_loss", finiteOrNull(r.initial_loss)},
            {"final_loss", finiteOrNull(r.final_loss)},
            {"steps_done", r.steps_done},
            {"seconds", r.seconds},
            {"feature_norms", finiteOrNull(r.feature_norms)},
            {"superposition", finiteOrNull(r.superposition)},
            {"represented", r.represented},
            {"settings_line", r.settings_line}};
}

core::ToyModelResult toyFromJson(const json& j, const core::SessionDocument& doc, size_t index) {
    core::ToyModelResult r;
    const auto& s = j.at("settings");
    r.settings.features = s.at("features");
    r.settings.hidden = s.at("hidden");
    r.settings.sparsity = s.at("sparsity");
    r.settings.importance_decay = s.at("importance_decay");
    r.settings.importance = s.at("importance").get<std::vector<double>>();
    r.settings.batch_size = s.at("batch_size");
    r.settings.steps = s.at("steps");
    r.settings.lr = s.at("lr");
    r.settings.weight_decay = s.at("weight_decay");
    r.settings.seed = s.at("seed");
    r.settings.log_interval = s.at("log_interval");
    r.settings.validate();
    {
        const auto b = numbersOrNan(j.at("b"));
        r.b.assign(b.begin(), b.end());
    }
    r.importance = j.at("importance").get<std::vector<double>>();
    r.loss_steps = j.at("loss_steps").get<std::vector<int64_t>>();
    r.loss_history = numbersOrNan(j.at("loss_history"));
    r.initial_loss = numberOrNan(j.at("initial_loss"));
    r.final_loss = numberOrNan(j.at("final_loss"));
    r.steps_done = j.at("steps_done");
    r.seconds = j.at("seconds");
    r.feature_norms = numbersOrNan(j.at("feature_norms"));
    r.superposition = numbersOrNan(j.at("superposition"));
    r.represented = j.at("represented");
    r.settings_line = j.at("settings_line").get<std::string>();
    const std::string prefix = "toy/" + std::to_string(index) + "/";
    r.w = fromArray(doc, prefix + "w");
    r.gram = flatArray(doc, prefix + "gram");
    const auto n = static_cast<size_t>(r.settings.features);
    if (r.w.rows != r.settings.hidden || r.w.cols != r.settings.features || r.gram.size() != n * n ||
        r.feature_norms.size() != n || r.b.size() != n || r.loss_steps.size() != r.loss_history.size())
        throw core::InputError("toy model " + std::to_string(index) + ": stored arrays do not match its settings");
    return r;
}

}  // namespace

QString MainWindow::autosavePath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/autosave.kss");
}

QString MainWindow::runningMarkerPath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/running");
}

bool MainWindow::saveSession(const QString& path) {
    try {
        core::SessionDocument doc;
        doc.app_version = core::buildInfo().app_version;
        json j;
        if (model_) {
            j["model"] = {{"path", core::relativeModelPath(path.toStdString(), model_->directory())},
                          {"absolute_path", model_->directory()},
                          {"hash", model_->contentHash()},
                          {"device", model_->device()}};
        }
        const auto ps = ppl_panel_->settings();
        j["settings"]["perplexity"] = {{"text", ppl_panel_->textPath().toStdString()},
                                       {"max_length", ps.max_length},
                                       {"stride", ps.stride},
                                       {"max_tokens", ps.max_tokens}};
        const auto dr = dec_panel_->request();
        j["settings"]["decomposition"] = {{"kronecker", dr.kronecker}, {"block_size", dr.block_size},
                                          {"terms", dr.terms},         {"small_first", dr.small_first},
                                          {"rescale", dr.rescale},     {"null_draws", dr.null_draws}};
        auto panelJson = [](const QVariantMap& m) {
            return json::parse(QJsonDocument(QJsonObject::fromVariantMap(m)).toJson(QJsonDocument::Compact).toStdString());
        };
        j["settings"]["decomposition_panel"] = panelJson(dec_panel_->state());
        j["settings"]["sweep"] = panelJson(sweep_panel_->state());
        j["settings"]["structure_map"] = panelJson(map_panel_->state());
        j["settings"]["probes"] = panelJson(probe_panel_->state());
        j["settings"]["toy"] = panelJson(toy_panel_->state());
        if (probe_view_->hasRuns()) {
            json runs = json::array();
            for (const auto& r : probe_view_->runs()) runs.push_back({{"title", r.title}, {"report", json::parse(r.json)}});
            j["probes"] = {{"runs", runs}, {"current", probe_view_->currentRun()}};
        }
        if (toy_view_->hasResults()) {
            json runs = json::array();
            for (size_t i = 0; i < toy_view_->results().size(); ++i) {
                const auto& r = toy_view_->results()[i];
                runs.push_back(toyToJson(r));
                doc.arrays["toy/" + std::to_string(i) + "/w"] = toArray(r.w);
                doc.arrays["toy/" + std::to_string(i) + "/gram"] = {{r.settings.features, r.settings.features}, r.gram};
            }
            j["toy"] = {{"runs", runs}, {"current", toy_view_->currentResult()}};
        }
        json rows = json::array();
        for (const auto& r : ppl_rows_)
            rows.push_back({{"model", r.model_name.toStdString()}, {"model_hash", r.model_hash.toStdString()},
                            {"result", pplToJson(r.result)}});
        j["perplexity_rows"] = rows;

        if (!sweep_view_->rows().empty()) {
            json srows = json::array();
            for (const auto& r : sweep_view_->rows())
                srows.push_back({{"method", r.method},
                                 {"block_size", r.block_size},
                                 {"targets", r.targets},
                                 {"matrices", r.matrices},
                                 {"params", r.params},
                                 {"dense_params", r.dense_params},
                                 {"mean_rel_err", r.mean_rel_err},
                                 {"ppl", pplToJson(r.ppl)}});
            j["sweep"] = {{"subtitle", sweep_view_->subtitle().toStdString()},
                          {"model_hash", sweep_view_->modelHash().toStdString()},
                          {"text_hash", sweep_view_->textHash().toStdString()},
                          {"rows", srows}};
        }
        if (dec_view_->hasOutcome()) {
            const auto& o = dec_view_->outcome();
            const auto& rq = o.request;
            json d = {{"matrix", rq.matrix.toStdString()},
                      {"kronecker", rq.kronecker},
                      {"block_size", rq.block_size},
                      {"terms", rq.terms},
                      {"small_first", rq.small_first},
                      {"rescale", rq.rescale},
                      {"null_draws", rq.null_draws},
                      {"rows", o.rows},
                      {"cols", o.cols},
                      {"rel_err", o.rel_err},
                      {"params", o.params},
                      {"dense_params", o.dense_params},
                      {"settings", o.settings.toStdString()},
                      {"null", {{"kind", core::nullKindName(o.null.kind)}, {"draws", o.null.draws},
                                {"seed", o.null.seed}, {"mean", o.null.mean}, {"std", o.null.std}}},
                      {"svd", {{"rank", o.svd.rank}, {"singular_values", o.svd.singular_values}}}};
            if (rq.kronecker) {
                const auto& k = o.kron;
                d["kron"] = {{"m1", k.spec.m1}, {"p1", k.spec.p1}, {"m2", k.spec.m2}, {"p2", k.spec.p2},
                             {"terms", k.terms}, {"singular_values", k.singular_values}};
                doc.arrays["decomposition/fit"] = toArray(k.approximation);
                doc.arrays["decomposition/error"] = toArray(k.error);
                doc.arrays["decomposition/a"] = {{k.terms, k.spec.m1, k.spec.p1}, k.a};
                doc.arrays["decomposition/s"] = {{k.terms, k.spec.m2, k.spec.p2}, k.s};
            } else {
                doc.arrays["decomposition/fit"] = toArray(o.svd.approximation);
                doc.arrays["decomposition/error"] = toArray(o.svd.error);
            }
            j["decomposition"] = d;
        }
        if (map_view_->hasResult()) {
            const auto& m = map_view_->result();
            std::vector<std::string> cols;
            for (const auto& c : m.grid.col_labels) cols.push_back(c.toStdString());
            std::vector<double> values;
            for (double v : m.grid.values) values.push_back(std::isfinite(v) ? v : -1.0);  // JSON has no NaN
            j["structure_map"] = {{"metric", int(m.request.metric)},   {"block_sizes", m.request.block_sizes},
                                  {"null_draws", m.request.null_draws}, {"seed", m.request.seed},
                                  {"matrices", m.matrices},             {"values", values},
                                  {"null_mean", m.null_mean},           {"null_std", m.null_std},
                                  {"metric_name", m.grid.metric.toStdString()},
                                  {"settings", m.settings.toStdString()}};
        }
        j["views"] = {{"current_tab", views_->currentIndex()},
                      {"selected_matrix", browser_->selectedMatrix().toStdString()}};
        doc.json = j.dump();
        core::writeSession(path.toStdString(), doc);
    } catch (const std::exception& e) {
        if (path != autosavePath()) showError(tr("Save session"), QString::fromStdString(e.what()));
        return false;
    }
    if (path != autosavePath()) {
        session_path_ = path;
        setDirty(false);
        statusBar()->showMessage(tr("Saved session %1").arg(path), 6000);
        setWindowTitle(tr("Kronscope — %1[*]").arg(QFileInfo(path).fileName()));
    }
    return true;
}

bool MainWindow::openSession(const QString& path) {
    // Parse and validate everything before touching the current session.
    core::SessionDocument doc;
    json j;
    DecompositionOutcome outcome;
    bool has_outcome = false;
    std::vector<PerplexityRow> ppl_rows;
    std::vector<core::SweepRow> sweep_rows;
    try {
        doc = core::readSession(path.toStdString());
        try {
            j = json::parse(doc.json);
        } catch (const std::exception&) {
            throw core::InputError(tr("%1: the session state is not valid JSON").arg(path).toStdString());
        }
        if (!j.is_object()) throw core::InputError(tr("%1: the session state is not an object").arg(path).toStdString());
        for (const auto& r : j.value("perplexity_rows", json::array()))
            ppl_rows.push_back({QString::fromStdString(r.at("model").get<std::string>()),
                                QString::fromStdString(r.at("model_hash").get<std::string>()),
                                pplFromJson(r.at("result"))});
        if (j.contains("sweep"))
            for (const auto& r : j["sweep"].at("rows")) {
                core::SweepRow row;
                row.method = r.at("method");
                row.block_size = r.at("block_size");
                row.targets = r.at("targets");
                row.matrices = r.at("matrices");
                row.params = r.at("params");
                row.dense_params = r.at("dense_params");
                row.mean_rel_err = r.at("mean_rel_err");
                row.ppl = pplFromJson(r.at("ppl"));
                sweep_rows.push_back(row);
            }
        if (j.contains("decomposition")) {
            const auto& d = j["decomposition"];
            auto& o = outcome;
            o.request.matrix = QString::fromStdString(d.at("matrix").get<std::string>());
            o.request.kronecker = d.at("kronecker");
            o.request.block_size = d.at("block_size");
            o.request.terms = d.at("terms");
            o.request.small_first = d.at("small_first");
            o.request.rescale = d.at("rescale");
            o.request.null_draws = d.at("null_draws");
            o.rows = d.at("rows");
            o.cols = d.at("cols");
            o.rel_err = d.at("rel_err");
            o.params = d.at("params");
            o.dense_params = d.at("dense_params");
            o.settings = QString::fromStdString(d.at("settings").get<std::string>());
            o.null.kind = d["null"].at("kind") == "permuted" ? core::NullKind::Permuted : core::NullKind::Gaussian;
            o.null.draws = d["null"].at("draws");
            o.null.seed = d["null"].at("seed");
            o.null.mean = d["null"].at("mean");
            o.null.std = d["null"].at("std");
            o.svd.rank = d["svd"].at("rank");
            o.svd.singular_values = d["svd"].at("singular_values").get<std::vector<double>>();
            if (o.request.kronecker) {
                const auto& k = d.at("kron");
                o.kron.spec.m1 = k.at("m1");
                o.kron.spec.p1 = k.at("p1");
                o.kron.spec.m2 = k.at("m2");
                o.kron.spec.p2 = k.at("p2");
                o.kron.terms = k.at("terms");
                o.kron.spec.terms = o.kron.terms;
                o.kron.singular_values = k.at("singular_values").get<std::vector<double>>();
                o.kron.approximation = fromArray(doc, "decomposition/fit");
                o.kron.error = fromArray(doc, "decomposition/error");
                o.kron.a = flatArray(doc, "decomposition/a");
                o.kron.s = flatArray(doc, "decomposition/s");
                const auto& sp = o.kron.spec;
                if (o.kron.a.size() != size_t(o.kron.terms * sp.m1 * sp.p1) ||
                    o.kron.s.size() != size_t(o.kron.terms * sp.m2 * sp.p2) ||
                    o.kron.singular_values.size() < size_t(o.kron.terms))
                    throw core::InputError(
                        tr("%1: the stored Kronecker factors do not match their shapes").arg(path).toStdString());
            } else {
                o.svd.approximation = fromArray(doc, "decomposition/fit");
                o.svd.error = fromArray(doc, "decomposition/error");
            }
            const auto& fit = o.request.kronecker ? o.kron.approximation : o.svd.approximation;
            if (fit.rows != o.rows || fit.cols != o.cols)
                throw core::InputError(tr("%1: the stored fit does not match the matrix shape").arg(path).toStdString());
            has_outcome = true;
        }
    } catch (const json::exception& e) {
        showError(tr("Open session"), tr("%1: the session state is incomplete (%2)").arg(path, QString::fromUtf8(e.what())));
        return false;
    } catch (const std::exception& e) {
        showError(tr("Open session"), QString::fromStdString(e.what()));
        return false;
    }

    StructureMapResult map;
    bool has_map = false;
    if (j.contains("structure_map")) {
        try {
            const auto& m = j["structure_map"];
            map.request.metric = static_cast<StructureMetric>(m.at("metric").get<int>());
            map.request.block_sizes = m.at("block_sizes").get<std::vector<int64_t>>();
            map.request.null_draws = m.at("null_draws");
            map.request.seed = m.at("seed");
            map.matrices = m.at("matrices").get<std::vector<std::string>>();
            map.null_mean = m.at("null_mean").get<std::vector<double>>();
            map.null_std = m.at("null_std").get<std::vector<double>>();
            for (const auto& name : map.matrices) map.grid.row_labels << QString::fromStdString(name);
            for (const auto n : map.request.block_sizes) map.grid.col_labels << QString::number(n);
            for (double v : m.at("values").get<std::vector<double>>()) map.grid.values.push_back(v < 0 ? std::nan("") : v);
            if (map.grid.values.size() != map.matrices.size() * map.request.block_sizes.size())
                throw core::InputError("the structure map's values do not match its rows and columns");
            map.grid.metric = QString::fromStdString(m.at("metric_name").get<std::string>());
            map.grid.row_title = StructureMapView::tr("matrix");
            map.grid.col_title = StructureMapView::tr("block size n");
            map.settings = QString::fromStdString(m.at("settings").get<std::string>());
            has_map = true;
        } catch (const std::exception& e) {
            showError(tr("Open session"), tr("%1: %2").arg(path, QString::fromUtf8(e.what())));
            return false;
        }
    }

    std::vector<ProbeRun> probe_runs;
    std::vector<core::ToyModelResult> toy_runs;
    try {
        if (j.contains("probes"))
            for (const auto& r : j["probes"].at("runs")) {
                ProbeRun run{r.at("title").get<std::string>(), r.at("report").dump()};
                ProbeView::validateRun(run);
                probe_runs.push_back(run);
            }
        if (j.contains("toy"))
            for (const auto& r : j["toy"].at("runs")) toy_runs.push_back(toyFromJson(r, doc, toy_runs.size()));
    } catch (const std::exception& e) {
        showError(tr("Open session"), tr("%1: %2").arg(path, QString::fromUtf8(e.what())));
        return false;
    }

    // Apply: the file was valid.
    if (has_map) map_view_->setResult(map);
    probe_view_->clear();
    for (const auto& r : probe_runs) probe_view_->addRun(r);
    if (j.contains("probes")) probe_view_->setCurrentRun(j["probes"].value("current", 0));
    toy_view_->clear();
    for (const auto& r : toy_runs) toy_view_->addResult(r);
    toy_view_->finish();
    if (j.contains("toy")) toy_view_->setCurrentResult(j["toy"].value("current", 0));
    const auto& settings = j.value("settings", json::object());
    if (settings.contains("perplexity")) {
        const auto& p = settings["perplexity"];
        ppl_panel_->setTextPath(QString::fromStdString(p.value("text", std::string())));
        ppl_panel_->findChild<QSpinBox*>(QStringLiteral("pplMaxLength"))->setValue(int(p.value("max_length", 1024)));
        ppl_panel_->findChild<QSpinBox*>(QStringLiteral("pplStride"))->setValue(int(p.value("stride", 1024)));
        ppl_panel_->findChild<QSpinBox*>(QStringLiteral("pplMaxTokens"))->setValue(int(p.value("max_tokens", 0)));
    }
    auto panelState = [&settings](const char* key) {
        if (!settings.contains(key)) return QVariantMap();
        return QJsonDocument::fromJson(QByteArray::fromStdString(settings[key].dump())).object().toVariantMap();
    };
    if (settings.contains("sweep")) sweep_panel_->setState(panelState("sweep"));
    if (settings.contains("structure_map")) map_panel_->setState(panelState("structure_map"));
    if (settings.contains("probes")) probe_panel_->setState(panelState("probes"));
    if (settings.contains("toy")) toy_panel_->setState(panelState("toy"));
    const QVariantMap dec_state = panelState("decomposition_panel");
    ppl_rows_.clear();
    ppl_table_->clear();
    for (const auto& r : ppl_rows) addPerplexityRow(r.model_name, r.model_hash, r.result);
    if (j.contains("sweep")) {
        sweep_view_->begin(QString::fromStdString(j["sweep"].value("subtitle", std::string())));
        const QString mh = QString::fromStdString(j["sweep"].value("model_hash", std::string()));
        const QString th = QString::fromStdString(j["sweep"].value("text_hash", std::string()));
        for (const auto& r : sweep_rows) sweep_view_->addRow(r, mh, th);
    } else {
        sweep_view_->begin(QString());
    }
    if (has_outcome) dec_view_->setOutcome(outcome);
    const int tab = j.value("views", json::object()).value("current_tab", 0);
    if (tab >= 0 && tab < views_->count()) views_->setCurrentIndex(tab);

    // The model: reloaded in the background when found and unchanged; the results stay visible either way.
    if (j.contains("model")) {
        const std::string stored = j["model"].value("path", std::string());
        QString dir = QString::fromStdString(core::resolveModelPath(path.toStdString(), stored));
        if (!QFileInfo(dir + QStringLiteral("/config.json")).exists())
            dir = QString::fromStdString(j["model"].value("absolute_path", std::string()));
        const QString hash = QString::fromStdString(j["model"].value("hash", std::string()));
        const QString selected = QString::fromStdString(j.value("views", json::object()).value("selected_matrix", std::string()));
        if (QFileInfo(dir + QStringLiteral("/config.json")).exists()) {
            if (!model_ || QString::fromStdString(model_->directory()) != QFileInfo(dir).absoluteFilePath()) {
                const int id = openCheckpoint(dir);
                connect(jobs_, &JobManager::jobFinished, this, [this, id, hash, selected, dec_state, tab](int done, bool ok, const QString&) {
                    if (done != id || !ok || !model_) return;
                    if (!hash.isEmpty() && QString::fromStdString(model_->contentHash()) != hash)
                        QMessageBox::warning(this, tr("Open session"),
                                             tr("The checkpoint changed since the session was saved (content hash %1, "
                                                "now %2). Results shown are from the saved session.")
                                                 .arg(hash, QString::fromStdString(model_->contentHash())));
                    if (!selected.isEmpty()) browser_->selectMatrix(selected);
                    if (!dec_state.isEmpty()) dec_panel_->setState(dec_state);  // block sizes exist once a matrix is selected
                    // Opening the model shows its weights: the session's own tab comes back on top.
                    if (tab >= 0 && tab < views_->count()) views_->setCurrentIndex(tab);
                });
            } else {
                if (!selected.isEmpty()) browser_->selectMatrix(selected);
                if (!dec_state.isEmpty()) dec_panel_->setState(dec_state);
                if (tab >= 0 && tab < views_->count()) views_->setCurrentIndex(tab);
            }
        } else {
            QMessageBox::warning(this, tr("Open session"),
                                 tr("The session's checkpoint was not found (%1). Its results are shown; open the "
                                    "checkpoint to compute more.")
                                     .arg(QString::fromStdString(stored)));
        }
    }
    session_path_ = path;
    setDirty(false);
    setWindowTitle(tr("Kronscope — %1[*]").arg(QFileInfo(path).fileName()));
    statusBar()->showMessage(tr("Opened session %1").arg(path), 6000);
    return true;
}

void MainWindow::saveSessionDialog() {
    QString path = QFileDialog::getSaveFileName(this, tr("Save session"),
                                                session_path_.isEmpty() ? QStringLiteral("session.kss") : session_path_,
                                                tr("Kronscope sessions (*.kss *.h5)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".kss");
    saveSession(path);
}

void MainWindow::openSessionDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), QFileInfo(session_path_).path(),
                                                      tr("Kronscope sessions (*.kss *.h5);;All files (*)"));
    if (!path.isEmpty()) openSession(path);
}

void MainWindow::autosave() {
    QDir().mkpath(QFileInfo(autosavePath()).path());
    if (saveSession(autosavePath())) statusBar()->showMessage(tr("Autosaved"), 3000);
}

bool MainWindow::offerRecovery() {
    if (!QFile::exists(runningMarkerPath()) || !QFile::exists(autosavePath())) return false;
    const auto answer = QMessageBox::question(
        this, tr("Recover session"),
        tr("Kronscope did not close cleanly last time. Recover the autosaved session (%1)?")
            .arg(QFileInfo(autosavePath()).lastModified().toString()));
    if (answer != QMessageBox::Yes) return false;
    const bool ok = openSession(autosavePath());
    session_path_.clear();  // the autosave is not the user's file: Save asks where to save
    setDirty(ok);
    return ok;
}

}  // namespace kronscope::app
