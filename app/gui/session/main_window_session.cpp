// MainWindow's session files: capture everything the user sees into a core::SessionDocument (the state JSON
// with every result in the result codec's form, float arrays for heatmaps), write it atomically as HDF5, and
// restore it without recomputation. Opening reads and checks the whole file first (every field through
// core::JsonIn, so a field of the wrong type is refused with its path) and only then replaces what the window
// shows.
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
#include <cmath>

#include "pages/compression_panel.h"
#include "pages/generation_panel.h"
#include "pages/healing_panel.h"
#include "pages/mechanism_panel.h"
#include "pages/modular_panel.h"
#include "reactions/reactions.h"
#include "pages/decomposition_panel.h"
#include "results/decomposition_view.h"
#include "jobs/job_manager.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/codec/compression_json.h"
#include "kronscope/core/codec/healing_json.h"
#include "kronscope/core/codec/reproduce_json.h"
#include "kronscope/core/codec/mechanism_json.h"
#include "kronscope/core/codec/modular_json.h"
#include "kronscope/core/codec/result_json.h"
#include "kronscope/core/codec/session_state.h"
#include "kronscope/core/io/session_file.h"
#include "kronscope/views/result_table.h"
#include "document.h"
#include "main_window.h"
#include "widgets/model_browser.h"
#include "pages/perplexity_panel.h"
#include "pages/probe_panel.h"
#include "results/probe_view.h"
#include "pages/structure_map_panel.h"
#include "results/structure_map_view.h"
#include "pages/sweep_panel.h"
#include "results/sweep_view.h"
#include "pages/toy_panel.h"
#include "results/toy_view.h"

namespace kronscope::app {

using core::Json;
using core::JsonIn;

namespace {

Json panelJson(const QVariantMap& m) {
    return Json::parse(
        QJsonDocument(QJsonObject::fromVariantMap(m)).toJson(QJsonDocument::Compact).toStdString());
}

/// A panel's saved fields (an object; absent gives an empty map, which leaves the panel as it is).
QVariantMap panelState(const JsonIn& settings, const char* key) {
    if (!settings.has(key)) return {};
    const JsonIn p = settings.at(key);
    if (!p.raw().is_object()) p.fail("expected an object of panel settings");
    return QJsonDocument::fromJson(QByteArray::fromStdString(p.raw().dump())).object().toVariantMap();
}

/// Everything a session file holds, read and checked before anything in the window changes.
struct SessionContents {
    using PerplexityRow = AnalysisDocument::PerplexityRow;
    std::vector<PerplexityRow> ppl_rows;
    bool has_sweep = false;
    QString sweep_subtitle, sweep_model_hash, sweep_text_hash;
    std::vector<core::SweepRow> sweep_rows;
    bool has_decomposition = false;
    core::DecompositionResult decomposition;
    bool has_map = false;
    core::StructureMapResult map;
    std::vector<ProbeRun> probe_runs;
    int probe_current = 0;
    std::vector<core::ToyModelResult> toy_runs;
    int toy_current = 0;
    AnalysisDocument::Compression compression;
    std::vector<core::MechanismResult> mechanism;
    std::optional<core::GenerationResult> generation;
    std::vector<core::HealingResult> healing;
    std::vector<core::Reproduction> reproductions;
    AnalysisDocument::Modular modular;
    std::string modular_model;  // the Modular page's model folder ("" = none)
    bool has_ppl_settings = false;
    QString ppl_text;
    int ppl_max_length = 1024, ppl_stride = 1024, ppl_max_tokens = 0;
    QVariantMap sweep_panel, map_panel, probe_panel, toy_panel, dec_panel, compression_panel, mechanism_panel,
        generation_panel, modular_panel, healing_panel;
    int current_tab = 0;
    QString selected_matrix;
    bool has_model = false;
    std::string model_path, model_absolute_path;
    QString model_hash;
};

/// `key` of `j`, which must be an object (a damaged state names the field).
JsonIn objectAt(const JsonIn& j, const char* key) {
    const JsonIn o = j.at(key);
    if (!o.raw().is_object()) o.fail("expected an object");
    return o;
}

/// The compression lab's results under "compression" (the codec's forms).
Json compressionJson(const AnalysisDocument::Compression& c) {
    Json j = Json::object();
    if (c.stats) j["stats"] = core::toJson(*c.stats);
    Json q = Json::array(), pr = Json::array();
    for (const auto& r : c.quantize) q.push_back(core::toJson(r));
    for (const auto& r : c.procrustes) pr.push_back(core::toJson(r));
    j["quantize"] = q;
    j["procrustes"] = pr;
    if (c.prune) j["prune_sweep"] = core::toJson(*c.prune);
    if (c.compare) j["compare"] = core::toJson(*c.compare);
    return j;
}

AnalysisDocument::Compression compressionFrom(const JsonIn& j) {
    AnalysisDocument::Compression c;
    if (j.has("stats")) c.stats = core::statsFromJson(j.at("stats"));
    const auto q = j.at("quantize"), pr = j.at("procrustes");
    for (size_t i = 0; i < q.size(); ++i) c.quantize.push_back(core::quantizeFromJson(q[i]));
    for (size_t i = 0; i < pr.size(); ++i) c.procrustes.push_back(core::procrustesFromJson(pr[i]));
    if (j.has("prune_sweep")) c.prune = core::pruneSweepFromJson(j.at("prune_sweep"));
    if (j.has("compare")) c.compare = core::compareFromJson(j.at("compare"));
    return c;
}

/// The open view, the selected matrix and the model reference.
void readModelAndViews(const JsonIn& s, SessionContents& c) {
    if (s.has("views")) {
        const auto v = objectAt(s, "views");
        c.current_tab = v.has("current_tab") ? v.at("current_tab").integerIn(0, 1000) : 0;
        c.selected_matrix = QString::fromStdString(v.string("selected_matrix", ""));
    }
    if (s.has("model")) {
        const auto m = objectAt(s, "model");
        c.has_model = true;
        c.model_path = m.string("path", "");
        c.model_absolute_path = m.string("absolute_path", "");
        c.model_hash = QString::fromStdString(m.string("hash", ""));
    }
}

/// The labs' results (compression, mechanism, generation after surgery), read into `c`.
void readLabResults(const JsonIn& s, const core::SessionDocument& doc, SessionContents& c) {
    if (s.has("modular")) {  // seed 002's lab: results, maps as arrays, and the model's folder
        const auto m = objectAt(s, "modular");
        if (m.has("training")) c.modular.training = core::modularTrainFromJson(m.at("training"));
        if (m.has("analysis")) {
            auto r = core::modularAnalysisFromJson(m.at("analysis"));
            core::takeArrays(r, "modular/", doc.arrays);
            c.modular.analysis = r;
        }
        if (m.has("search")) c.modular.search = core::modularSearchFromJson(m.at("search"));
        c.modular_model = m.string("model", "");
    }
    if (s.has("compression")) c.compression = compressionFrom(objectAt(s, "compression"));
    if (s.has("mechanism")) {
        const auto runs = s.at("mechanism");
        for (size_t i = 0; i < runs.size(); ++i) c.mechanism.push_back(core::mechanismFromJson(runs[i]));
    }
    if (s.has("generation")) c.generation = core::generationFromJson(s.at("generation"));
    if (s.has("healing")) {
        const auto runs = s.at("healing");
        for (size_t i = 0; i < runs.size(); ++i) c.healing.push_back(core::healingFromJson(runs[i]));
    }
    if (s.has("reproductions")) {
        const auto items = s.at("reproductions");
        for (size_t i = 0; i < items.size(); ++i)
            c.reproductions.push_back(core::reproductionFromJson(items[i]));
    }
}

/// The labs' results of `doc` into the state `j`.
void writeLabResults(const AnalysisDocument& doc, Json& j,
                     std::map<std::string, core::SessionArray>& arrays) {
    const auto& m = doc.modular();
    if (!m.empty() || m.model) {
        Json mj = Json::object();
        if (m.model) mj["model"] = m.model->directory();
        if (m.training) mj["training"] = core::toJson(*m.training);
        if (m.analysis) {
            mj["analysis"] = core::toJson(*m.analysis, false);
            core::putArrays(*m.analysis, "modular/", arrays);
        }
        if (m.search) mj["search"] = core::toJson(*m.search);
        j["modular"] = mj;
    }
    if (!doc.compression().empty()) j["compression"] = compressionJson(doc.compression());
    if (const auto& g = doc.generation()) j["generation"] = core::toJson(*g);
    if (!doc.mechanism().empty()) {
        Json runs = Json::array();
        for (const auto& r : doc.mechanism()) runs.push_back(core::toJson(r));
        j["mechanism"] = runs;
    }
    if (!doc.healing().runs.empty()) {
        Json runs = Json::array();
        for (const auto& r : doc.healing().runs) runs.push_back(core::toJson(r));
        j["healing"] = runs;
    }
    if (!doc.reproductions().empty()) {
        Json items = Json::array();
        for (const auto& r : doc.reproductions()) items.push_back(core::toJson(r));
        j["reproductions"] = items;
    }
}

SessionContents readContents(const core::SessionDocument& doc, const Json& j) {
    SessionContents c;
    const JsonIn s(j, "state");
    if (s.has("perplexity_rows")) {
        const auto rows = s.at("perplexity_rows");
        for (size_t i = 0; i < rows.size(); ++i)
            c.ppl_rows.push_back({QString::fromStdString(rows[i].at("model").string()),
                                  QString::fromStdString(rows[i].at("model_hash").string()),
                                  core::perplexityFromJson(rows[i].at("result"))});
    }
    if (s.has("sweep")) {
        const auto sw = objectAt(s, "sweep");
        c.has_sweep = true;
        c.sweep_subtitle = QString::fromStdString(sw.string("subtitle", ""));
        c.sweep_model_hash = QString::fromStdString(sw.string("model_hash", ""));
        c.sweep_text_hash = QString::fromStdString(sw.string("text_hash", ""));
        const auto rows = sw.at("rows");
        for (size_t i = 0; i < rows.size(); ++i) c.sweep_rows.push_back(core::sweepRowFromJson(rows[i]));
    }
    if (s.has("decomposition")) {
        c.decomposition = core::decompositionFromJson(s.at("decomposition"));
        core::takeArrays(c.decomposition, "decomposition/", doc.arrays);
        c.has_decomposition = true;
    }
    if (s.has("structure_map")) {
        c.map = core::structureMapFromJson(s.at("structure_map"));
        c.has_map = true;
    }
    if (s.has("probes")) {
        const auto pr = objectAt(s, "probes");
        const auto runs = pr.at("runs");
        for (size_t i = 0; i < runs.size(); ++i) {
            ProbeRun run{runs[i].at("title").string(), runs[i].at("report").raw().dump()};
            ProbeView::validateRun(run);
            c.probe_runs.push_back(run);
        }
        c.probe_current = pr.has("current") ? pr.at("current").integerIn(0, 1 << 20) : 0;
    }
    if (s.has("toy")) {
        const auto toy = objectAt(s, "toy");
        const auto runs = toy.at("runs");
        for (size_t i = 0; i < runs.size(); ++i) {
            auto r = core::toyFromJson(runs[i]);
            core::takeArrays(r, "toy/" + std::to_string(i) + "/", doc.arrays);
            c.toy_runs.push_back(std::move(r));
        }
        c.toy_current = toy.has("current") ? toy.at("current").integerIn(0, 1 << 20) : 0;
    }
    readLabResults(s, doc, c);
    if (s.has("settings")) {
        const auto st = objectAt(s, "settings");
        if (st.has("perplexity")) {
            const auto p = objectAt(st, "perplexity");
            c.has_ppl_settings = true;
            c.ppl_text = QString::fromStdString(p.string("text", ""));
            c.ppl_max_length = p.has("max_length") ? p.at("max_length").integerIn(2, 1 << 24) : 1024;
            c.ppl_stride = p.has("stride") ? p.at("stride").integerIn(1, 1 << 24) : 1024;
            c.ppl_max_tokens = p.has("max_tokens") ? p.at("max_tokens").integerIn(0, 1 << 30) : 0;
        }
        c.sweep_panel = panelState(st, "sweep");
        c.map_panel = panelState(st, "structure_map");
        c.probe_panel = panelState(st, "probes");
        c.toy_panel = panelState(st, "toy");
        c.dec_panel = panelState(st, "decomposition_panel");
        c.compression_panel = panelState(st, "compression");
        c.mechanism_panel = panelState(st, "mechanism");
        c.generation_panel = panelState(st, "generation");
        c.healing_panel = panelState(st, "healing");
        c.modular_panel = panelState(st, "modular");
    }
    readModelAndViews(s, c);
    return c;
}

}  // namespace

QString MainWindow::autosavePath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/autosave.kss");
}

namespace {

/// Every Experiment page's fields (the session's "settings").
Json pageSettings(const MainWindow& w) {
    Json j;
    const auto ps = w.perplexityPanel()->settings();
    j["perplexity"] = {{"text", w.perplexityPanel()->textPath().toStdString()},
                       {"max_length", ps.max_length},
                       {"stride", ps.stride},
                       {"max_tokens", ps.max_tokens}};
    j["decomposition"] = core::toJson(w.decompositionPanel()->request());
    j["decomposition_panel"] = panelJson(w.decompositionPanel()->state());
    j["sweep"] = panelJson(w.sweepPanel()->state());
    j["structure_map"] = panelJson(w.structureMapPanel()->state());
    j["probes"] = panelJson(w.probePanel()->state());
    j["toy"] = panelJson(w.toyPanel()->state());
    j["compression"] = panelJson(w.compressionPanel()->state());
    j["mechanism"] = panelJson(w.mechanismPanel()->state());
    j["generation"] = panelJson(w.generationPanel()->state());
    j["healing"] = panelJson(w.healingPanel()->state());
    j["modular"] = panelJson(w.modularPanel()->state());
    return j;
}

}  // namespace

QString MainWindow::runningMarkerPath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/running");
}

bool MainWindow::saveSession(const QString& path) {
    try {
        core::SessionDocument doc;
        doc.app_version = core::buildInfo().app_version;
        Json j;
        j["state_version"] = core::kSessionStateVersion;
        const auto& model = doc_->model();
        if (model) {
            j["model"] = {{"path", core::relativeModelPath(path.toStdString(), model->source())},
                          {"absolute_path", model->source()},
                          {"hash", model->contentHash()},
                          {"device", model->device()},
                          {"dtype", model->dtype()}};
        }
        j["settings"] = pageSettings(*this);
        writeLabResults(*doc_, j, doc.arrays);
        if (!doc_->probeRuns().empty()) {
            Json runs = Json::array();
            for (const auto& r : doc_->probeRuns())
                runs.push_back({{"title", r.title}, {"report", Json::parse(r.json)}});
            j["probes"] = {{"runs", runs}, {"current", probe_view_->currentRun()}};
        }
        if (!doc_->toyResults().empty()) {
            Json runs = Json::array();
            for (size_t i = 0; i < doc_->toyResults().size(); ++i) {
                const auto& r = doc_->toyResults()[i];
                runs.push_back(core::toJson(r));
                core::putArrays(r, "toy/" + std::to_string(i) + "/", doc.arrays);
            }
            j["toy"] = {{"runs", runs}, {"current", toy_view_->currentResult()}};
        }
        Json rows = Json::array();
        for (const auto& r : doc_->perplexityRows())
            rows.push_back({{"model", r.model_name.toStdString()},
                            {"model_hash", r.model_hash.toStdString()},
                            {"result", core::toJson(r.result)}});
        j["perplexity_rows"] = rows;
        const auto& sweep = doc_->sweep();
        if (!sweep.rows.empty()) {
            Json srows = Json::array();
            for (const auto& r : sweep.rows) srows.push_back(core::toJson(r));
            j["sweep"] = {{"subtitle", sweep.subtitle.toStdString()},
                          {"model_hash", sweep.model_hash.toStdString()},
                          {"text_hash", sweep.text_hash.toStdString()},
                          {"rows", srows}};
        }
        if (const auto& d = doc_->decomposition()) {
            j["decomposition"] = core::toJson(*d);
            core::putArrays(*d, "decomposition/", doc.arrays);
        }
        if (const auto& m = doc_->structureMap()) j["structure_map"] = core::toJson(*m);
        j["views"] = {{"current_tab", views_->currentIndex()},
                      {"selected_matrix", browser_->selectedMatrix().toStdString()}};
        doc.json = j.dump(-1, ' ', false, Json::error_handler_t::replace);
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

void MainWindow::reloadSessionModel(const QString& path, const std::string& stored,
                                    const std::string& absolute, const QString& hash, const QString& selected,
                                    const QVariantMap& dec_state, int tab,
                                    const std::function<void()>& restore_settings) {
    QString dir = QString::fromStdString(core::resolveModelPath(path.toStdString(), stored));
    // A checkpoint folder or, for a named weights file (a ckpt_2000.pt), the file itself.
    if (!QFileInfo::exists(dir)) dir = QString::fromStdString(absolute);
    if (QFileInfo::exists(dir)) {
        if (!doc_->model() ||
            QString::fromStdString(doc_->model()->source()) != QFileInfo(dir).absoluteFilePath()) {
            const int id = openCheckpoint(dir);
            connect(jobs_, &JobManager::jobFinished, this,
                    [this, id, hash, selected, dec_state, tab, restore_settings](int done, bool ok,
                                                                                 const QString&) {
                        if (done != id || !ok || !doc_->model()) return;
                        if (restore_settings) restore_settings();
                        if (!hash.isEmpty() && QString::fromStdString(doc_->model()->contentHash()) != hash)
                            QMessageBox::warning(
                                this, tr("Open session"),
                                tr("The checkpoint changed since the session was saved (content hash %1, "
                                   "now %2). Results shown are from the saved session.")
                                    .arg(hash, QString::fromStdString(doc_->model()->contentHash())));
                        if (!selected.isEmpty()) browser_->selectMatrix(selected);
                        if (!dec_state.isEmpty())
                            dec_panel_->setState(dec_state);  // block sizes exist once a matrix is selected
                        // Opening the model shows its weights: the session's own tab comes back on top.
                        if (tab >= 0 && tab < views_->count()) views_->setCurrentIndex(tab);
                    });
        } else {
            if (!selected.isEmpty()) browser_->selectMatrix(selected);
            if (!dec_state.isEmpty()) dec_panel_->setState(dec_state);
            if (tab >= 0 && tab < views_->count()) views_->setCurrentIndex(tab);
        }
    } else {
        QMessageBox::warning(
            this, tr("Open session"),
            tr("The session's checkpoint was not found (%1). Its results are shown; open the "
               "checkpoint to compute more.")
                .arg(QString::fromStdString(stored)));
    }
}

bool MainWindow::openSession(const QString& path) {
    // Read, upgrade and check everything before touching the current session.
    SessionContents c;
    try {
        const core::SessionDocument doc = core::readSession(path.toStdString());
        Json j;
        try {
            j = Json::parse(doc.json);
        } catch (const std::exception&) {
            throw core::InputError(tr("%1: the session state is not valid JSON").arg(path).toStdString());
        }
        core::upgradeSessionState(j, path.toStdString());
        c = readContents(doc, j);
    } catch (const std::exception& e) {
        const QString what = QString::fromStdString(e.what());
        showError(tr("Open session"),
                  what.startsWith(QStringLiteral("state")) ? tr("%1: %2").arg(path, what) : what);
        return false;
    }

    // Apply: the file was valid. The document takes the results; the views follow it.
    AnalysisDocument::Contents contents;
    contents.ppl_rows = c.ppl_rows;
    if (c.has_sweep)
        contents.sweep =
            AnalysisDocument::Sweep{c.sweep_subtitle, c.sweep_model_hash, c.sweep_text_hash, c.sweep_rows};
    if (c.has_decomposition) contents.decomposition = c.decomposition;
    if (c.has_map) contents.map = c.map;
    contents.probe_runs = c.probe_runs;
    contents.toy = c.toy_runs;
    contents.compression = c.compression;
    contents.mechanism = c.mechanism;
    contents.generation = c.generation;
    contents.healing = c.healing;
    contents.reproductions = c.reproductions;
    contents.modular = c.modular;
    try {
        doc_->replaceResults(contents);
    } catch (const std::exception& e) {  // cannot happen: every run was validated above
        showError(tr("Open session"), QString::fromStdString(e.what()));
        return false;
    }
    if (!c.probe_runs.empty())
        probe_view_->setCurrentRun(std::min<int>(c.probe_current, int(c.probe_runs.size()) - 1));
    if (c.toy_runs.empty()) toy_view_->finish();
    if (!c.toy_runs.empty())
        toy_view_->setCurrentResult(std::min<int>(c.toy_current, int(c.toy_runs.size()) - 1));
    // The Perplexity page's window; applied again once the model is open (opening a model resets it).
    const auto restore_window = [this, c] {
        if (!c.has_ppl_settings) return;
        ppl_panel_->findChild<QSpinBox*>(QStringLiteral("pplMaxLength"))->setValue(c.ppl_max_length);
        ppl_panel_->findChild<QSpinBox*>(QStringLiteral("pplStride"))->setValue(c.ppl_stride);
        ppl_panel_->findChild<QSpinBox*>(QStringLiteral("pplMaxTokens"))->setValue(c.ppl_max_tokens);
    };
    if (c.has_ppl_settings) ppl_panel_->setTextPath(c.ppl_text);
    restore_window();
    if (!c.sweep_panel.isEmpty()) sweep_panel_->setState(c.sweep_panel);
    if (!c.map_panel.isEmpty()) map_panel_->setState(c.map_panel);
    if (!c.probe_panel.isEmpty()) probe_panel_->setState(c.probe_panel);
    if (!c.toy_panel.isEmpty()) toy_panel_->setState(c.toy_panel);
    if (!c.compression_panel.isEmpty()) compression_panel_->setState(c.compression_panel);
    if (!c.mechanism_panel.isEmpty()) mechanism_panel_->setState(c.mechanism_panel);
    if (!c.generation_panel.isEmpty()) generation_panel_->setState(c.generation_panel);
    if (!c.healing_panel.isEmpty()) healing_panel_->setState(c.healing_panel);
    if (!c.modular_panel.isEmpty()) modular_panel_->setState(c.modular_panel);
    if (!c.modular_model.empty() &&
        QFileInfo::exists(QString::fromStdString(c.modular_model) + "/model.safetensors"))
        modular_reaction_->open(QString::fromStdString(c.modular_model), false);  // its results stay as saved
    const int tab = c.current_tab;
    if (tab >= 0 && tab < views_->count()) views_->setCurrentIndex(tab);

    // The model: reloaded in the background when found and unchanged; the results stay visible either way.
    if (c.has_model)
        reloadSessionModel(path, c.model_path, c.model_absolute_path, c.model_hash, c.selected_matrix,
                           c.dec_panel, tab, restore_window);
    session_path_ = path;
    setDirty(false);
    setWindowTitle(tr("Kronscope — %1[*]").arg(QFileInfo(path).fileName()));
    statusBar()->showMessage(tr("Opened session %1").arg(path), 6000);
    return true;
}

void MainWindow::saveSessionDialog() {
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save session"), session_path_.isEmpty() ? QStringLiteral("session.kss") : session_path_,
        tr("Kronscope sessions (*.kss *.h5)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".kss");
    saveSession(path);
}

void MainWindow::openSessionDialog() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open session"), QFileInfo(session_path_).path(),
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
