#include "kronscope/core/codec/compression_json.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"

namespace kronscope::core {

namespace {

Json statsRow(const TensorStats& s) {
    return {{"name", s.name},
            {"kind", s.kind},
            {"layer", s.layer},
            {"rows", s.rows},
            {"cols", s.cols},
            {"mean", finiteOrNull(s.mean)},
            {"std", finiteOrNull(s.std)},
            {"kurtosis", finiteOrNull(s.kurtosis)},
            {"max_abs", finiteOrNull(s.max_abs)},
            {"outlier_share", finiteOrNull(s.outlier_share)}};
}

TensorStats statsRowFrom(const JsonIn& j) {
    TensorStats s;
    s.name = j.at("name").string();
    s.kind = j.at("kind").string();
    s.layer = static_cast<int>(j.at("layer").integerIn(-1, 1 << 20));
    s.rows = j.at("rows").integer();
    s.cols = j.at("cols").integer();
    s.mean = j.at("mean").number();
    s.std = j.at("std").number();
    s.kurtosis = j.at("kurtosis").number();
    s.max_abs = j.at("max_abs").number();
    s.outlier_share = j.at("outlier_share").number();
    return s;
}

Json settingsJson(const QuantizeSettings& s) {
    return {{"bits", s.bits},          {"clip_search", s.clip_search},
            {"protect", s.protect},    {"fp16_rows", s.fp16_rows},
            {"prune", s.prune},        {"zstd_level", s.zstd_level},
            {"describe", s.describe()}};
}

QuantizeSettings settingsFrom(const JsonIn& j) {
    QuantizeSettings s;
    s.bits = j.at("bits").integerIn(2, 8);
    s.clip_search = j.at("clip_search").boolean();
    s.protect = j.at("protect").string();
    s.fp16_rows = j.at("fp16_rows").number();
    s.prune = j.at("prune").number();
    s.zstd_level = j.at("zstd_level").integerIn(1, 22);
    try {
        s.validate();
    } catch (const InputError& e) {
        j.fail(e.what());
    }
    return s;
}

Json pplSettingsJson(const PerplexitySettings& s) {
    return {{"max_length", s.max_length},
            {"stride", s.stride},
            {"max_tokens", s.max_tokens},
            {"text", s.text_name}};
}

PerplexitySettings pplSettingsFrom(const JsonIn& j) {
    PerplexitySettings s;
    s.max_length = j.at("max_length").integer();
    s.stride = j.at("stride").integer();
    s.max_tokens = j.at("max_tokens").integer();
    s.text_name = j.at("text").string();
    return s;
}

Json nullWithZ(const NullStats& n, double score) {
    Json j = nullJson(n);
    j["z"] = finiteOrNull(n.z(score));
    return j;
}

std::optional<PerplexityResult> optionalPpl(const JsonIn& j, const char* key) {
    if (!j.has(key) || j.at(key).raw().is_null()) return std::nullopt;
    return perplexityFromJson(j.at(key));
}

}  // namespace

// ---- statistics

Json toJson(const StatsResult& r) {
    Json rows = Json::array();
    for (const auto& s : r.tensors) rows.push_back(statsRow(s));
    return {{"analysis", "stats"}, {"tensors", rows}, {"model_hash", r.model_hash}, {"settings", r.settings}};
}

StatsResult statsFromJson(const JsonIn& j) {
    StatsResult r;
    const auto rows = j.at("tensors");
    for (size_t i = 0; i < rows.size(); ++i) r.tensors.push_back(statsRowFrom(rows[i]));
    r.model_hash = j.at("model_hash").string();
    r.settings = j.at("settings").string();
    return r;
}

// ---- quantization

Json toJson(const QuantizeResult& r) {
    Json units = Json::array();
    for (const auto& u : r.units)
        units.push_back({{"name", u.name},
                         {"kind", u.kind},
                         {"layer", u.layer},
                         {"rows", u.rows},
                         {"cols", u.cols},
                         {"storage", u.storage},
                         {"fp16_rows", u.fp16_rows},
                         {"mse", finiteOrNull(u.mse)},
                         {"rel_mse", finiteOrNull(u.rel_mse)},
                         {"pruned_share", finiteOrNull(u.pruned_share)}});
    Json damage = Json::array();
    for (const auto& d : r.damage)
        damage.push_back({{"unit", d.unit},
                          {"rel_mse", finiteOrNull(d.rel_mse)},
                          {"ppl", finiteOrNull(d.ppl)},
                          {"delta_ppl", finiteOrNull(d.delta_ppl)}});
    return {{"analysis", "quantize"},
            {"request",
             {{"settings", settingsJson(r.request.settings)},
              {"text_path", r.request.text_path},
              {"ppl", pplSettingsJson(r.request.ppl)},
              {"baseline", r.request.baseline},
              {"damage", r.request.damage},
              {"artifact_path", r.request.artifact_path}}},
            {"settings", r.settings},
            {"bytes", r.bytes},
            {"payload_bytes", r.payload_bytes},
            {"fp16_bytes", r.fp16_bytes},
            {"weights", r.weights},
            {"mse", finiteOrNull(r.mse)},
            {"rel_mse", finiteOrNull(r.rel_mse)},
            {"ppl", r.ppl ? finiteOrNull(r.ppl->ppl) : Json()},
            {"perplexity", r.ppl ? toJson(*r.ppl) : Json()},
            {"baseline", r.baseline ? toJson(*r.baseline) : Json()},
            {"tensors", units},
            {"damage", damage},
            {"model_hash", r.model_hash},
            {"text_hash", r.text_hash}};
}

QuantizeResult quantizeFromJson(const JsonIn& j) {
    QuantizeResult r;
    const auto rq = j.at("request");
    r.request.settings = settingsFrom(rq.at("settings"));
    r.request.text_path = rq.at("text_path").string();
    r.request.ppl = pplSettingsFrom(rq.at("ppl"));
    r.request.baseline = rq.at("baseline").boolean();
    r.request.damage = rq.at("damage").boolean();
    r.request.artifact_path = rq.at("artifact_path").string();
    r.settings = j.at("settings").string();
    r.bytes = j.at("bytes").integer();
    r.payload_bytes = j.at("payload_bytes").integer();
    r.fp16_bytes = j.at("fp16_bytes").integer();
    r.weights = j.at("weights").integer();
    r.mse = j.at("mse").number();
    r.rel_mse = j.at("rel_mse").number();
    r.ppl = optionalPpl(j, "perplexity");
    r.baseline = optionalPpl(j, "baseline");
    const auto units = j.at("tensors");
    for (size_t i = 0; i < units.size(); ++i) {
        const auto u = units[i];
        UnitQuantization q;
        q.name = u.at("name").string(), q.kind = u.at("kind").string();
        q.layer = static_cast<int>(u.at("layer").integerIn(-1, 1 << 20));
        q.rows = u.at("rows").integer(), q.cols = u.at("cols").integer();
        q.storage = u.at("storage").string(), q.fp16_rows = u.at("fp16_rows").integer();
        q.mse = u.at("mse").number(), q.rel_mse = u.at("rel_mse").number();
        q.pruned_share = u.at("pruned_share").number();
        r.units.push_back(q);
    }
    const auto damage = j.at("damage");
    for (size_t i = 0; i < damage.size(); ++i) {
        const auto d = damage[i];
        r.damage.push_back({d.at("unit").string(), d.at("rel_mse").number(), d.at("ppl").number(),
                            d.at("delta_ppl").number()});
    }
    r.model_hash = j.at("model_hash").string();
    r.text_hash = j.at("text_hash").string();
    return r;
}

// ---- pruning x int-k

Json toJson(const PruneSweepRow& r) {
    return {{"prune", r.prune},
            {"bits", r.bits},
            {"bytes", r.bytes},
            {"mse", finiteOrNull(r.mse)},
            {"rel_mse", finiteOrNull(r.rel_mse)},
            {"ppl", finiteOrNull(r.ppl)},
            {"tokens_scored", r.tokens_scored}};
}

Json toJson(const PruneSweepResult& r) {
    Json rows = Json::array();
    for (const auto& row : r.rows) rows.push_back(toJson(row));
    return {{"analysis", "prune-sweep"},
            {"request",
             {{"settings", settingsJson(r.request.settings)},
              {"prunes", r.request.prunes},
              {"bits", r.request.bits},
              {"text_path", r.request.text_path},
              {"ppl", pplSettingsJson(r.request.ppl)}}},
            {"settings", r.settings},
            {"rows", rows},
            {"complete", r.complete},
            {"model_hash", r.model_hash},
            {"text_hash", r.text_hash},
            {"text", r.text_name},
            {"tokenizer", r.tokenizer}};
}

PruneSweepResult pruneSweepFromJson(const JsonIn& j) {
    PruneSweepResult r;
    const auto rq = j.at("request");
    r.request.settings = settingsFrom(rq.at("settings"));
    r.request.prunes = rq.at("prunes").numbers();
    r.request.bits.clear();
    for (const auto b : rq.at("bits").integers()) r.request.bits.push_back(static_cast<int>(b));
    r.request.text_path = rq.at("text_path").string();
    r.request.ppl = pplSettingsFrom(rq.at("ppl"));
    r.settings = j.at("settings").string();
    const auto rows = j.at("rows");
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto x = rows[i];
        PruneSweepRow row;
        row.prune = x.at("prune").number();
        row.bits = x.at("bits").integerIn(2, 8);
        row.bytes = x.at("bytes").integer();
        row.mse = x.at("mse").number();
        row.rel_mse = x.at("rel_mse").number();
        row.ppl = x.at("ppl").number();
        row.tokens_scored = x.at("tokens_scored").integer();
        r.rows.push_back(row);
    }
    r.complete = j.at("complete").boolean();
    r.model_hash = j.at("model_hash").string();
    r.text_hash = j.at("text_hash").string();
    r.text_name = j.at("text").string();
    r.tokenizer = j.string("tokenizer", "");
    return r;
}

// ---- Procrustes

Json toJson(const ProcrustesResult& r) {
    Json j = {{"analysis", "procrustes"},
              {"request",
               {{"a", r.request.a},
                {"b", r.request.b},
                {"side", procrustesSideName(r.request.side)},
                {"null_draws", r.request.null_draws},
                {"seed", r.request.seed},
                {"rank", r.request.rank},
                {"rotation", r.request.rotation},
                {"bits", r.request.bits},
                {"zstd_level", r.request.zstd_level}}},
              {"settings", r.settings},
              {"a_model", r.a_model},
              {"b_model", r.b_model},
              {"a_model_hash", r.a_model_hash},
              {"b_model_hash", r.b_model_hash},
              {"rows", r.rows},
              {"cols", r.cols},
              {"reduction", finiteOrNull(r.reduction)},
              {"cosine", finiteOrNull(r.cosine)},
              {"residual", finiteOrNull(r.residual)},
              {"null",
               {{"gaussian", nullWithZ(r.gaussian, r.reduction)},
                {"permuted", nullWithZ(r.permuted, r.reduction)}}}};
    if (r.request.rotation)
        j["rotation"] = {{"size", r.rotation_size},
                         {"rank", r.rank},
                         {"low_rank_share", finiteOrNull(r.low_rank_share)},
                         {"null", {{"haar", nullWithZ(r.haar, r.low_rank_share)}}},
                         {"transport_bytes", r.transport_bytes},
                         {"plain_bytes", r.plain_bytes}};
    return j;
}

ProcrustesResult procrustesFromJson(const JsonIn& j) {
    ProcrustesResult r;
    const auto rq = j.at("request");
    r.request.a = rq.at("a").string();
    r.request.b = rq.at("b").string();
    try {
        r.request.side = parseProcrustesSide(rq.at("side").string());
    } catch (const InputError& e) {
        rq.at("side").fail(e.what());
    }
    r.request.null_draws = rq.at("null_draws").integerIn(2, 1 << 24);
    r.request.seed = seedFromJson(rq.at("seed"));
    r.request.rank = rq.at("rank").integer();
    r.request.rotation = rq.at("rotation").boolean();
    r.request.bits = rq.at("bits").integerIn(2, 8);
    r.request.zstd_level = rq.at("zstd_level").integerIn(1, 22);
    r.settings = j.at("settings").string();
    r.a_model = j.at("a_model").string(), r.b_model = j.at("b_model").string();
    r.a_model_hash = j.at("a_model_hash").string(), r.b_model_hash = j.at("b_model_hash").string();
    r.rows = j.at("rows").integer(), r.cols = j.at("cols").integer();
    r.reduction = j.at("reduction").number();
    r.cosine = j.at("cosine").number();
    r.residual = j.at("residual").number();
    r.gaussian = nullFromJson(j.at("null").at("gaussian"));
    r.permuted = nullFromJson(j.at("null").at("permuted"));
    r.low_rank_share = std::nan("");
    if (r.request.rotation) {
        const auto rot = j.at("rotation");
        r.rotation_size = rot.at("size").integer();
        r.rank = rot.at("rank").integer();
        r.low_rank_share = rot.at("low_rank_share").number();
        r.haar = nullFromJson(rot.at("null").at("haar"));
        r.transport_bytes = rot.at("transport_bytes").integer();
        r.plain_bytes = rot.at("plain_bytes").integer();
    }
    return r;
}

Json toJson(const CompareResult& r) {
    Json rows = Json::array();
    for (const auto& p : r.rows) rows.push_back(toJson(p));
    Json stats = Json::array();
    for (const auto& s : r.stats)
        stats.push_back({{"name", s.name}, {"a", statsRow(s.a)}, {"b", statsRow(s.b)}});
    return {{"analysis", "compare"},
            {"request",
             {{"targets", r.request.targets},
              {"side", procrustesSideName(r.request.side)},
              {"null_draws", r.request.null_draws},
              {"seed", r.request.seed}}},
            {"settings", r.settings},
            {"a_model", r.a_model},
            {"b_model", r.b_model},
            {"a_model_hash", r.a_model_hash},
            {"b_model_hash", r.b_model_hash},
            {"rows", rows},
            {"stats", stats},
            {"complete", r.complete}};
}

CompareResult compareFromJson(const JsonIn& j) {
    CompareResult r;
    const auto rq = j.at("request");
    r.request.targets = rq.at("targets").string();
    try {
        r.request.side = parseProcrustesSide(rq.at("side").string());
    } catch (const InputError& e) {
        rq.at("side").fail(e.what());
    }
    r.request.null_draws = rq.at("null_draws").integerIn(2, 1 << 24);
    r.request.seed = seedFromJson(rq.at("seed"));
    r.settings = j.at("settings").string();
    r.a_model = j.at("a_model").string(), r.b_model = j.at("b_model").string();
    r.a_model_hash = j.at("a_model_hash").string(), r.b_model_hash = j.at("b_model_hash").string();
    const auto rows = j.at("rows");
    for (size_t i = 0; i < rows.size(); ++i) r.rows.push_back(procrustesFromJson(rows[i]));
    const auto stats = j.at("stats");
    for (size_t i = 0; i < stats.size(); ++i)
        r.stats.push_back(
            {stats[i].at("name").string(), statsRowFrom(stats[i].at("a")), statsRowFrom(stats[i].at("b"))});
    r.complete = j.at("complete").boolean();
    return r;
}

// ---- tables

namespace {

std::string extensionOf(const std::string& path) {
    const auto dot = path.rfind('.');
    return dot == std::string::npos ? "" : path.substr(dot + 1);
}

std::string num(double v, const char* fmt = "%.6g") {
    if (!std::isfinite(v)) return "-";
    char b[64];
    std::snprintf(b, sizeof b, fmt, v);
    return b;
}

std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                  const std::string& ext, const std::string& note) {
    std::ostringstream o;
    const bool md = ext == "md";
    auto line = [&](const std::vector<std::string>& cells) {
        for (size_t i = 0; i < cells.size(); ++i)
            o << (md ? "| " : (i ? "," : "")) << cells[i] << (md ? " " : "");
        o << (md ? "|\n" : "\n");
    };
    line(header);
    if (md) {
        for (size_t i = 0; i < header.size(); ++i) o << "|---";
        o << "|\n";
    }
    for (const auto& r : rows) line(r);
    if (md) o << "\n" << note << "\n";
    return o.str();
}

void writeTable(const std::string& path, const Json& json, const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows, const std::string& note) {
    const std::string ext = extensionOf(path);
    if (ext == "json")
        writeTextFile(path, json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n");
    else if (ext == "md" || ext == "csv")
        writeTextFile(path, table(header, rows, ext, note));
    else
        throw InputError(path + ": unknown table format (use .md, .csv or .json)");
}

}  // namespace

void writeStatsTable(const StatsResult& r, const std::string& path) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : r.tensors)
        rows.push_back({s.name, std::to_string(s.rows) + "x" + std::to_string(s.cols), num(s.mean),
                        num(s.std), num(s.kurtosis, "%.4f"), num(s.max_abs), num(s.outlier_share)});
    writeTable(path, toJson(r), {"tensor", "shape", "mean", "std", "kurtosis", "max |w|", "outlier share"},
               rows, r.settings + "; model " + r.model_hash);
}

void writePruneSweepTable(const PruneSweepResult& r, const std::string& path) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& x : r.rows)
        rows.push_back({num(x.prune), std::to_string(x.bits), std::to_string(x.bytes), num(x.mse),
                        num(x.ppl, "%.4f"), std::to_string(x.tokens_scored)});
    writeTable(path, toJson(r), {"prune %", "bits", "bytes", "mse", "ppl", "tokens scored"}, rows,
               r.settings + (r.text_name.empty() ? "" : "; text " + r.text_name) + "; model " + r.model_hash +
                   (r.complete ? "" : "; INCOMPLETE (cancelled)"));
}

}  // namespace kronscope::core
