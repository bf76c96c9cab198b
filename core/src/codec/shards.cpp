#include "kronscope/core/codec/shards.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "base/text_util.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/codec/mechanism_json.h"
#include "kronscope/core/codec/probe_json.h"
#include "kronscope/core/codec/result_json.h"

namespace kronscope::core {

using Json = nlohmann::json;

ShardSpec ShardSpec::parse(const std::string& text) {
    const auto slash = text.find('/');
    auto number = [&](const std::string& s) -> int64_t {
        if (s.empty() || s.size() > 9 ||
            !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return -1;
        return std::stoll(s);
    };
    ShardSpec spec;
    if (slash != std::string::npos) {
        spec.index = number(text.substr(0, slash));
        spec.count = number(text.substr(slash + 1));
    }
    if (slash == std::string::npos || spec.index < 0 || spec.count < 1 || spec.index >= spec.count)
        throw InputError("shard '" + text::printable(text, 40) +
                         "': expected I/N with 0 <= I < N (e.g. 0/4)");
    return spec;
}

int64_t sweepCellCount(const SweepSettings& s) {
    return (s.baseline ? 1 : 0) +
           static_cast<int64_t>(s.targets.size() * s.methods.size() * s.block_sizes.size());
}

Json sweepRequestJson(const SweepSettings& s) {
    return {{"block_sizes", s.block_sizes},
            {"methods", s.methods},
            {"targets", s.targets},
            {"terms", s.options.terms},
            {"small_first", s.options.small_first},
            {"rescale", s.options.rescale},
            {"baseline", s.baseline},
            {"max_length", s.ppl.max_length},
            {"stride", s.ppl.stride},
            {"max_tokens", s.ppl.max_tokens}};
}

Json sweepShardJson(const SweepResult& r, const SweepSettings& s) {
    Json j = toJson(r);
    j["result_version"] = kResultJsonVersion;
    Json cells = Json::array();
    for (const auto& row : r.rows) cells.push_back(row.cell);
    j["shard"] = {{"job", "sweep"},         {"index", s.shard_index},
                  {"count", s.shard_count}, {"total_cells", sweepCellCount(s)},
                  {"cells", cells},         {"request", sweepRequestJson(s)}};
    return j;
}

Json mapShardJson(const StructureMapResult& r, const std::string& model_dir) {
    Json j = toJson(r);
    j["model"] = model_dir;
    j["result_version"] = kResultJsonVersion;
    j["app_version"] = buildInfo().app_version;
    const auto& rq = r.request;
    const int64_t total = static_cast<int64_t>(r.matrices.size() * r.cols());
    Json cells = Json::array();
    for (int64_t k = 0; k < total; ++k)
        if (rq.shard_count <= 0 || k % rq.shard_count == rq.shard_index) cells.push_back(k);
    j["shard"] = {{"job", "map"},         {"index", rq.shard_index}, {"count", rq.shard_count},
                  {"total_cells", total}, {"cells", cells},          {"request", toJson(rq)}};
    return j;
}

Json scanShardJson(const MechanismResult& r, int64_t matrices, const std::string& model_dir) {
    Json j = toJson(r);
    j["model"] = model_dir;
    j["result_version"] = kResultJsonVersion;
    j["app_version"] = buildInfo().app_version;
    const auto& rq = r.request;
    std::vector<int64_t> cells;
    if (std::isfinite(r.baseline_mean_nll)) cells.push_back(0);
    for (const auto& a : r.additivity) cells.push_back(a.cell);
    for (const auto& row : r.scan) cells.push_back(row.cell);
    std::sort(cells.begin(), cells.end());
    MechanismRequest defining = rq;
    defining.shard_index = defining.shard_count = 0;
    j["shard"] = {{"job", "scan"},
                  {"index", rq.shard_index},
                  {"count", rq.shard_count},
                  {"total_cells", scanCellCount(matrices, static_cast<int64_t>(rq.methods.size()),
                                                static_cast<int64_t>(rq.block_sizes.size()))},
                  {"matrices", matrices},
                  {"cells", cells},
                  {"request", toJson(defining)}};
    return j;
}

Json probeShardJson(const ProbeRunResult& run) {
    // ijkl's aggregates are rebuilt from every matrix's null draws: its shards carry them either way (the
    // merge drops them again unless the request asks for them).
    ProbeRunResult rendered = run;
    if (run.request.kind == ProbeKind::BasisEnergy) rendered.request.with_samples = true;
    Json j = Json::parse(probeRunJson(rendered));
    j["result_version"] = kResultJsonVersion;
    j["app_version"] = buildInfo().app_version;
    j["shard"] = {{"job", "probe"},
                  {"index", run.request.shard_index},
                  {"count", run.request.shard_count},
                  {"total_cells", run.cell_matrices.size()},
                  {"cells", run.cells},
                  {"cell_matrices", run.cell_matrices},
                  {"request", toJson(run.request)}};
    return j;
}

namespace {

Json readShard(const std::string& path) {
    Json j;
    try {
        j = Json::parse(readTextFile(path, "shard file", int64_t{256} << 20));
    } catch (const Json::exception& e) {
        throw InputError(path + ": not valid JSON (" + text::printable(e.what(), 120) + ")");
    }
    if (!j.is_object() || !j.contains("shard") || !j["shard"].is_object() || !j["shard"].contains("job") ||
        !j["shard"]["job"].is_string())
        throw InputError(path +
                         ": not a Kronscope shard file (no \"shard\" object; write one with --shard I/N)");
    return j;
}

/// The first field in which `b` differs from `a`, or "".
std::string firstDifference(const Json& a, const Json& b) {
    const std::pair<const char*, Json> fields[] = {{"job", a["shard"]["job"]},
                                                   {"request", a["shard"]["request"]},
                                                   {"model_hash", a.value("model_hash", Json())},
                                                   {"text_hash", a.value("text_hash", Json())},
                                                   {"app_version", a.value("app_version", Json())},
                                                   {"shard count", a["shard"]["count"]}};
    const Json other[] = {b["shard"]["job"],
                          b["shard"]["request"],
                          b.value("model_hash", Json()),
                          b.value("text_hash", Json()),
                          b.value("app_version", Json()),
                          b["shard"]["count"]};
    for (size_t k = 0; k < 6; ++k)
        if (fields[k].second != other[k])
            return std::string(fields[k].first) + " (" + text::printable(other[k].dump(), 120) + " vs " +
                   text::printable(fields[k].second.dump(), 120) + ")";
    return "";
}

/// The map's cells from the shards that ran them; rows, columns and settings from the first.
MergedShards mergeMap(MergedShards& m, const std::vector<Json>& shards,
                      const std::vector<std::string>& paths) {
    std::vector<char> seen(static_cast<size_t>(std::max<int64_t>(m.total_cells, 0)), 0);
    for (size_t k = 0; k < shards.size(); ++k) {
        const StructureMapResult r = structureMapFromJson(JsonIn(shards[k], paths[k]));
        if (static_cast<int64_t>(r.matrices.size() * r.cols()) != m.total_cells)
            throw InputError(paths[k] + ": its map has " + std::to_string(r.matrices.size() * r.cols()) +
                             " cells, the shard object says " + std::to_string(m.total_cells));
        if (k == 0) {
            m.map = r;
            m.model_dir = shards[k].value("model", std::string());
            std::fill(m.map->values.begin(), m.map->values.end(), std::nan(""));
        } else if (r.matrices != m.map->matrices) {
            throw InputError(paths[k] + ": differs from " + paths.front() + " in its matrices");
        }
        const bool ratio = !r.null_mean.empty();
        for (const auto& c : shards[k]["shard"].value("cells", Json::array())) {
            const int64_t cell = c.is_number_integer() ? c.get<int64_t>() : -1;
            if (cell < 0 || cell >= m.total_cells)
                throw InputError(paths[k] + ": cell " + c.dump() + " is outside the map's " +
                                 std::to_string(m.total_cells) + " cells");
            const auto at = static_cast<size_t>(cell);
            if (seen[at]++) {
                m.duplicate.push_back(cell);
                continue;
            }
            m.map->values[at] = r.values[at];
            if (ratio) m.map->null_mean[at] = r.null_mean[at], m.map->null_std[at] = r.null_std[at];
        }
    }
    for (int64_t c = 0; c < m.total_cells; ++c)
        if (!seen[static_cast<size_t>(c)]) m.missing.push_back(c);
    m.map->request.shard_index = 0, m.map->request.shard_count = 0;
    if (!m.missing.empty())
        m.map->settings += " (incomplete: " + std::to_string(m.missing.size()) + " of " +
                           std::to_string(m.total_cells) + " cells have no shard result)";
    return m;
}

/// A shard's cell list, each inside [0, total).
std::vector<int64_t> shardCells(const Json& shard, int64_t total, const std::string& path) {
    std::vector<int64_t> cells;
    for (const auto& c : shard["shard"].value("cells", Json::array())) {
        const int64_t cell = c.is_number_integer() ? c.get<int64_t>() : -1;
        if (cell < 0 || cell >= total)
            throw InputError(path + ": cell " + c.dump() + " is outside the job's " + std::to_string(total) +
                             " cells");
        cells.push_back(cell);
    }
    return cells;
}

/// The scan's rows and all-at-once runs by cell, the baseline from the shard that ran cell 0; additivity
/// recomputed as the unsharded run computes it.
void mergeScan(MergedShards& m, const std::vector<Json>& shards, const std::vector<std::string>& paths) {
    std::map<int64_t, ScanRow> rows;
    std::map<int64_t, Additivity> adds;
    std::vector<char> seen(static_cast<size_t>(std::max<int64_t>(m.total_cells, 0)), 0);
    double baseline = std::nan("");
    for (size_t k = 0; k < shards.size(); ++k) {
        MechanismResult r;
        try {
            r = mechanismFromJson(JsonIn(shards[k], paths[k]));
        } catch (const Json::exception& e) {
            throw InputError(paths[k] + ": not a scan result (" + text::printable(e.what(), 120) + ")");
        }
        if (r.request.analysis != MechanismAnalysis::Scan)
            throw InputError(paths[k] + ": a " + std::string(mechanismAnalysisName(r.request.analysis)) +
                             " result, not a scan");
        if (!r.complete) throw InputError(paths[k] + ": the shard was cancelled before it finished");
        if (k == 0) m.scan = r, m.model_dir = shards[k].value("model", std::string());
        m.scan->prefix_reuse = m.scan->prefix_reuse && r.prefix_reuse;
        m.scan->cache_gb = std::max(m.scan->cache_gb, r.cache_gb);
        for (const int64_t cell : shardCells(shards[k], m.total_cells, paths[k])) {
            if (seen[static_cast<size_t>(cell)]++) m.duplicate.push_back(cell);
        }
        if (std::isfinite(r.baseline_mean_nll) && !std::isfinite(baseline)) baseline = r.baseline_mean_nll;
        for (const auto& row : r.scan) rows.emplace(row.cell, row);
        for (const auto& a : r.additivity) adds.emplace(a.cell, a);
    }
    for (int64_t c = 0; c < m.total_cells; ++c)
        if (!seen[static_cast<size_t>(c)]) m.missing.push_back(c);
    auto& out = *m.scan;
    out.request.shard_index = out.request.shard_count = 0;
    out.scan.clear(), out.additivity.clear();
    for (const auto& [cell, row] : rows) out.scan.push_back(row);
    for (const auto& [cell, a] : adds) out.additivity.push_back(a);
    out.baseline_mean_nll = baseline;
    out.baseline_ppl = std::exp(baseline);
    finishScanAdditivity(baseline, out.scan, out.additivity);
    // An all-at-once run whose single-matrix cells are not all here has no sum of single changes.
    const int64_t per_group = m.shards_matrices + 1;
    for (auto& a : out.additivity)
        for (int64_t c = a.cell + 1; c < a.cell + per_group && c < m.total_cells; ++c)
            if (!seen[static_cast<size_t>(c)]) a.sum_single_delta_nll = std::nan("");
    out.complete = m.missing.empty();
}

/// The probe's entries (matrices, angle results, skipped lines) in cell order; ijkl's aggregates rebuilt.
void mergeProbe(MergedShards& m, const std::vector<Json>& shards, const std::vector<std::string>& paths) {
    const Json& first = shards.front();
    const std::vector<std::string> names =
        first["shard"].value("cell_matrices", Json::array()).get<std::vector<std::string>>();
    if (static_cast<int64_t>(names.size()) != m.total_cells)
        throw InputError(paths.front() + ": its cell_matrices list " + std::to_string(names.size()) +
                         " matrices, the shard object says " + std::to_string(m.total_cells));
    std::map<std::string, int64_t> cell_of;
    for (size_t c = 0; c < names.size(); ++c) cell_of[names[c]] = static_cast<int64_t>(c);
    std::vector<int> owner(names.size(), -1);  // the shard whose result of the cell is kept
    for (size_t k = 0; k < shards.size(); ++k) {
        if (shards[k]["shard"].value("cell_matrices", Json::array()) != first["shard"]["cell_matrices"])
            throw InputError(paths[k] + ": differs from " + paths.front() + " in its selected matrices");
        for (const int64_t cell : shardCells(shards[k], m.total_cells, paths[k])) {
            if (owner[static_cast<size_t>(cell)] >= 0)
                m.duplicate.push_back(cell);
            else
                owner[static_cast<size_t>(cell)] = static_cast<int>(k);
        }
    }
    for (int64_t c = 0; c < m.total_cells; ++c)
        if (owner[static_cast<size_t>(c)] < 0) m.missing.push_back(c);
    const std::string probe = first.value("probe", std::string());
    const char* list_key = probe == "angles" ? "results" : "matrices";
    // Each entry goes to its matrix's cell, kept from the shard that owns the cell.
    std::vector<std::vector<Json>> entries(names.size()), skipped(names.size());
    double seconds = 0.0;
    for (size_t k = 0; k < shards.size(); ++k) {
        const Json& j = shards[k];
        seconds += j.value("seconds", 0.0);
        auto place = [&](const std::string& name, const Json& e, std::vector<std::vector<Json>>& into) {
            const auto it = cell_of.find(name);
            if (it == cell_of.end())
                throw InputError(paths[k] + ": result for '" + text::printable(name, 80) +
                                 "', which is not one of the selected matrices");
            if (owner[static_cast<size_t>(it->second)] == static_cast<int>(k))
                into[static_cast<size_t>(it->second)].push_back(e);
        };
        if (!j.contains(list_key) || !j[list_key].is_array())
            throw InputError(paths[k] + ": a " + probe + " report without " + list_key);
        for (const auto& e : j[list_key]) place(e.value("matrix", std::string()), e, entries);
        for (const auto& sk : j.value("skipped", Json::array()))
            if (sk.is_string()) {
                const std::string line = sk.get<std::string>();
                place(line.substr(0, line.find(':')), sk, skipped);
            }
    }
    Json out = first;
    out.erase("shard");
    Json list = Json::array(), skip = Json::array();
    for (size_t c = 0; c < names.size(); ++c) {
        for (const auto& e : entries[c]) list.push_back(e);
        for (const auto& e : skipped[c]) skip.push_back(e);
    }
    out[list_key] = list;
    if (!skip.empty() || probe == "angles")
        out["skipped"] = skip;
    else
        out.erase("skipped");
    out["seconds"] = seconds;
    if (probe == "ijkl") recomputeBasisAggregates(out);
    const Json request = first["shard"].value("request", Json::object());
    if (!request.value("with_samples", false)) stripNullSamples(out);
    out["complete"] = m.missing.empty();
    m.probe = out;
}

}  // namespace

MergedShards mergeShardFiles(const std::vector<std::string>& paths) {
    if (paths.empty()) throw InputError("merge: no shard files given");
    MergedShards m;
    m.files = paths;
    std::vector<Json> shards;
    for (const auto& p : paths) shards.push_back(readShard(p));
    const Json& first = shards.front();
    m.job = first["shard"]["job"].get<std::string>();
    if (m.job != "sweep" && m.job != "map" && m.job != "scan" && m.job != "probe")
        throw InputError(paths.front() + ": shard of job '" + m.job + "', which merge does not know");
    for (size_t k = 1; k < shards.size(); ++k) {
        const std::string d = firstDifference(first, shards[k]);
        if (!d.empty()) throw InputError(paths[k] + ": differs from " + paths.front() + " in " + d);
    }
    m.request = first["shard"].value("request", Json::object());
    try {
        m.shard_count = first["shard"].at("count").get<int64_t>();
        m.total_cells = first["shard"].at("total_cells").get<int64_t>();
        if (m.job == "scan") m.shards_matrices = first["shard"].at("matrices").get<int64_t>();
    } catch (const Json::exception&) {
        throw InputError(paths.front() + ": the shard object has no count or total_cells");
    }
    if (m.total_cells < 0 || m.total_cells > (int64_t{1} << 30))
        throw InputError(paths.front() + ": " + std::to_string(m.total_cells) + " cells is not a job's size");
    if (m.job == "map") return mergeMap(m, shards, paths);
    if (m.job == "scan") {
        mergeScan(m, shards, paths);
        return m;
    }
    if (m.job == "probe") {
        mergeProbe(m, shards, paths);
        return m;
    }
    std::map<int64_t, SweepRow> rows;
    for (size_t k = 0; k < shards.size(); ++k) {
        SweepResult r;
        try {
            r = sweepFromJson(JsonIn(shards[k], paths[k]));
        } catch (const Json::exception& e) {
            throw InputError(paths[k] + ": not a sweep result (" + text::printable(e.what(), 120) + ")");
        }
        if (k == 0) m.sweep = r;
        for (const auto& row : r.rows) {
            if (row.cell < 0 || row.cell >= m.total_cells)
                throw InputError(paths[k] + ": cell " + std::to_string(row.cell) + " is outside the job's " +
                                 std::to_string(m.total_cells) + " cells");
            if (!rows.emplace(row.cell, row).second) m.duplicate.push_back(row.cell);
        }
    }
    m.sweep.rows.clear();
    for (int64_t c = 0; c < m.total_cells; ++c) {
        const auto it = rows.find(c);
        if (it == rows.end())
            m.missing.push_back(c);
        else
            m.sweep.rows.push_back(it->second);
    }
    m.sweep.complete = m.missing.empty();
    return m;
}

std::string mergedTable(const MergedShards& m, const std::string& path) {
    const auto dot = path.rfind('.');
    const std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
    if (ext != "md" && ext != "csv" && ext != "json")
        throw InputError(path + ": a merged table is .md, .csv or .json");
    const bool complete = m.missing.empty();
    std::string note;
    if (!complete)
        note = "incomplete: " + std::to_string(m.missing.size()) + " of " + std::to_string(m.total_cells) +
               " cells have no shard result";
    if (m.job == "map") {
        if (ext == "csv") return structureMapCsv(*m.map);
        if (ext == "md") return structureMapMarkdown(*m.map, m.model_dir);
        auto j = toJson(*m.map);
        j.update({{"model", m.model_dir}, {"complete", complete}, {"result_version", kResultJsonVersion}});
        return j.dump() + "\n";
    }
    if (m.job == "scan") {
        if (ext == "json") {
            auto j = toJson(*m.scan);
            j.update(
                {{"model", m.model_dir}, {"complete", complete}, {"result_version", kResultJsonVersion}});
            return j.dump() + "\n";
        }
        return scanTable(*m.scan, m.model_dir, ext == "csv") +
               (ext == "md" && !complete ? "\n" + note + "\n" : "");
    }
    if (m.job == "probe") {
        if (ext == "json") return m.probe.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
        return probeTable(m.probe, ext == "csv") + (ext == "md" && !complete ? "\n" + note + "\n" : "");
    }
    throw InputError("mergedTable: the sweep is written by writeSweep");
}

}  // namespace kronscope::core
