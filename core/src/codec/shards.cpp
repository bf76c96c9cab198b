#include "kronscope/core/codec/shards.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "base/text_util.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
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

}  // namespace

MergedShards mergeShardFiles(const std::vector<std::string>& paths) {
    if (paths.empty()) throw InputError("merge: no shard files given");
    MergedShards m;
    m.files = paths;
    std::vector<Json> shards;
    for (const auto& p : paths) shards.push_back(readShard(p));
    const Json& first = shards.front();
    m.job = first["shard"]["job"].get<std::string>();
    if (m.job != "sweep" && m.job != "map")
        throw InputError(paths.front() + ": shard of job '" + m.job + "', which merge does not know");
    for (size_t k = 1; k < shards.size(); ++k) {
        const std::string d = firstDifference(first, shards[k]);
        if (!d.empty()) throw InputError(paths[k] + ": differs from " + paths.front() + " in " + d);
    }
    try {
        m.shard_count = first["shard"].at("count").get<int64_t>();
        m.total_cells = first["shard"].at("total_cells").get<int64_t>();
    } catch (const Json::exception&) {
        throw InputError(paths.front() + ": the shard object has no count or total_cells");
    }
    if (m.job == "map") return mergeMap(m, shards, paths);
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

}  // namespace kronscope::core
