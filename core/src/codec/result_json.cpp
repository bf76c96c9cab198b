#include "kronscope/core/codec/result_json.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <limits>

#include "base/text_util.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"

namespace kronscope::core {

// ---- checked access

namespace {

const char* typeName(const Json& j) {
    switch (j.type()) {
        case Json::value_t::null:
            return "null";
        case Json::value_t::object:
            return "an object";
        case Json::value_t::array:
            return "an array";
        case Json::value_t::string:
            return "a string";
        case Json::value_t::boolean:
            return "a boolean";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
        case Json::value_t::number_float:
            return "a number";
        default:
            return "an unknown value";
    }
}

}  // namespace

void JsonIn::fail(const std::string& what) const {
    throw InputError(path_ + ": " + what);
}

JsonIn JsonIn::at(const char* key) const {
    if (!v_->is_object()) fail(std::string("expected an object, found ") + typeName(*v_));
    const auto it = v_->find(key);
    if (it == v_->end()) throw InputError(path_ + "." + key + ": missing");
    return JsonIn(*it, path_ + "." + key);
}

JsonIn JsonIn::operator[](size_t index) const {
    if (!v_->is_array()) fail(std::string("expected an array, found ") + typeName(*v_));
    if (index >= v_->size()) fail("has no element " + std::to_string(index));
    return JsonIn((*v_)[index], path_ + "[" + std::to_string(index) + "]");
}

size_t JsonIn::size() const {
    if (!v_->is_array()) fail(std::string("expected an array, found ") + typeName(*v_));
    return v_->size();
}

double JsonIn::number() const {
    if (v_->is_null()) return std::numeric_limits<double>::quiet_NaN();
    if (!v_->is_number()) fail(std::string("expected a number, found ") + typeName(*v_));
    return v_->get<double>();
}

int64_t JsonIn::integer() const {
    if (v_->is_number_integer() || v_->is_number_unsigned()) {
        if (v_->is_number_unsigned() && v_->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
            fail("integer out of range");
        return v_->get<int64_t>();
    }
    if (v_->is_number_float()) {
        const double d = v_->get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e18) return static_cast<int64_t>(d);
        fail("expected an integer, found " + std::to_string(d));
    }
    fail(std::string("expected an integer, found ") + typeName(*v_));
}

int JsonIn::integerIn(int lo, int hi) const {
    const int64_t v = integer();
    if (v < lo || v > hi)
        fail(std::to_string(v) + " is outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return static_cast<int>(v);
}

bool JsonIn::boolean() const {
    if (!v_->is_boolean()) fail(std::string("expected true or false, found ") + typeName(*v_));
    return v_->get<bool>();
}

std::string JsonIn::string() const {
    if (!v_->is_string()) fail(std::string("expected a string, found ") + typeName(*v_));
    return v_->get<std::string>();
}

std::vector<double> JsonIn::numbers() const {
    std::vector<double> out(size());
    for (size_t i = 0; i < out.size(); ++i) out[i] = (*this)[i].number();
    return out;
}

std::vector<int64_t> JsonIn::integers() const {
    std::vector<int64_t> out(size());
    for (size_t i = 0; i < out.size(); ++i) out[i] = (*this)[i].integer();
    return out;
}

std::vector<std::string> JsonIn::strings() const {
    std::vector<std::string> out(size());
    for (size_t i = 0; i < out.size(); ++i) out[i] = (*this)[i].string();
    return out;
}

double JsonIn::number(const char* key, double fallback) const {
    return has(key) && !(*v_)[key].is_null() ? at(key).number() : fallback;
}
int64_t JsonIn::integer(const char* key, int64_t fallback) const {
    return has(key) && !(*v_)[key].is_null() ? at(key).integer() : fallback;
}
bool JsonIn::boolean(const char* key, bool fallback) const {
    return has(key) && !(*v_)[key].is_null() ? at(key).boolean() : fallback;
}
std::string JsonIn::string(const char* key, const std::string& fallback) const {
    return has(key) && !(*v_)[key].is_null() ? at(key).string() : fallback;
}

Json finiteOrNull(double v) {
    return std::isfinite(v) ? Json(v) : Json(nullptr);
}
Json finiteOrNull(const std::vector<double>& v) {
    Json a = Json::array();
    for (double x : v) a.push_back(finiteOrNull(x));
    return a;
}

uint64_t seedFromJson(const JsonIn& j) {
    const int64_t s = j.integer();
    if (s < 0) j.fail("a seed cannot be negative");
    return static_cast<uint64_t>(s);
}

namespace {
uint64_t seedOf(const JsonIn& j) {
    return seedFromJson(j);
}
}  // namespace

Json nullJson(const NullStats& n) {
    return {{"kind", nullKindName(n.kind)},
            {"draws", n.draws},
            {"seed", n.seed},
            {"mean", finiteOrNull(n.mean)},
            {"std", finiteOrNull(n.std)}};
}

NullStats nullFromJson(const JsonIn& j) {
    NullStats n;
    const std::string kind = j.at("kind").string();
    if (kind == "gaussian")
        n.kind = NullKind::Gaussian;
    else if (kind == "permuted")
        n.kind = NullKind::Permuted;
    else if (kind == "haar")
        n.kind = NullKind::Haar;
    else if (kind == "row-col-permuted")
        n.kind = NullKind::RowColPermuted;
    else
        j.at("kind").fail("unknown null kind '" + text::printable(kind) + "'");
    n.draws = j.at("draws").integerIn(0, 1 << 30);
    n.seed = seedOf(j.at("seed"));
    n.mean = j.at("mean").number();
    n.std = j.at("std").number();
    return n;
}

namespace {

SessionArray matrixArray(const MatrixF& m) {
    return {{m.rows, m.cols}, m.values};
}

const SessionArray& findArray(const std::map<std::string, SessionArray>& arrays, const std::string& name) {
    const auto it = arrays.find(name);
    if (it == arrays.end()) throw InputError("session is missing the array '" + text::printable(name) + "'");
    return it->second;
}

MatrixF matrixFrom(const std::map<std::string, SessionArray>& arrays, const std::string& name, int64_t rows,
                   int64_t cols) {
    const auto& a = findArray(arrays, name);
    if (a.shape.size() != 2 || a.shape[0] != rows || a.shape[1] != cols)
        throw InputError("session array '" + text::printable(name) + "' is not a " + std::to_string(rows) +
                         " x " + std::to_string(cols) + " matrix");
    return {rows, cols, a.values};
}

}  // namespace

std::vector<float> valuesFrom(const std::map<std::string, SessionArray>& arrays, const std::string& name,
                              size_t count) {
    const auto& a = findArray(arrays, name);
    if (a.values.size() != count)
        throw InputError("session array '" + text::printable(name) + "' has " +
                         std::to_string(a.values.size()) + " values, expected " + std::to_string(count));
    return a.values;
}

// ---- perplexity

Json toJson(const PerplexityResult& r) {
    return {{"ppl", finiteOrNull(r.ppl)},
            {"nll_sum", finiteOrNull(r.nll_sum)},
            {"tokens_scored", r.tokens_scored},
            {"windows", r.windows},
            {"tokens_total", r.tokens_total},
            {"max_length", r.max_length},
            {"stride", r.stride},
            {"seconds", r.seconds},
            {"tokens_per_second", r.tokens_per_second},
            {"device", r.device},
            {"dtype", r.dtype},
            {"text", r.text_name},
            {"tokenizer", r.tokenizer}};
}

Json toJson(const ConvertResult& r) {
    return {{"source", r.source},
            {"source_format", r.source_format},
            {"source_layout", r.source_layout},
            {"source_dtype", r.source_dtype},
            {"source_hash", r.source_hash},
            {"out", r.request.out},
            {"dtype", r.request.dtype},
            {"out_hash", r.out_hash},
            {"tokenizer", r.tokenizer},
            {"parameters", r.parameters},
            {"bytes", r.bytes}};
}

PerplexityResult perplexityFromJson(const JsonIn& j) {
    PerplexityResult r;
    r.ppl = j.at("ppl").number();
    r.nll_sum = j.at("nll_sum").number();
    r.tokens_scored = j.at("tokens_scored").integer();
    r.windows = j.at("windows").integer();
    r.tokens_total = j.integer("tokens_total", 0);
    r.max_length = j.at("max_length").integer();
    r.stride = j.at("stride").integer();
    r.seconds = j.number("seconds", 0.0);
    r.tokens_per_second = j.number("tokens_per_second", 0.0);
    r.device = j.string("device", "");
    r.dtype = j.string("dtype", "");
    r.text_name = j.string("text", "");
    r.tokenizer = j.string("tokenizer", "");
    return r;
}

// ---- sweep

Json toJson(const SweepRow& row) {
    return {{"cell", row.cell},
            {"method", row.method},
            {"block_size", row.block_size},
            {"targets", row.targets},
            {"matrices", row.matrices},
            {"params", row.params},
            {"dense_params", row.dense_params},
            {"mean_rel_err", finiteOrNull(row.mean_rel_err)},
            {"ppl", finiteOrNull(row.ppl.ppl)},
            {"nll_sum", finiteOrNull(row.ppl.nll_sum)},
            {"tokens_scored", row.ppl.tokens_scored},
            {"windows", row.ppl.windows},
            {"tokens_total", row.ppl.tokens_total},
            {"max_length", row.ppl.max_length},
            {"stride", row.ppl.stride},
            {"seconds", row.ppl.seconds},
            {"tokens_per_second", row.ppl.tokens_per_second},
            {"cell_seconds", row.seconds},
            {"device", row.ppl.device},
            {"dtype", row.ppl.dtype},
            {"text", row.ppl.text_name},
            {"tokenizer", row.ppl.tokenizer}};
}

SweepRow sweepRowFromJson(const JsonIn& j) {
    SweepRow row;
    row.cell = j.integer("cell", 0);
    row.method = j.at("method").string();
    row.block_size = j.at("block_size").integer();
    row.targets = j.at("targets").string();
    row.matrices = j.at("matrices").integer();
    row.params = j.at("params").integer();
    row.dense_params = j.at("dense_params").integer();
    row.mean_rel_err = j.at("mean_rel_err").number();
    row.ppl = perplexityFromJson(j);  // the row's perplexity fields sit beside its surgery fields
    row.seconds = j.number("cell_seconds", 0.0);
    return row;
}

Json toJson(const SweepResult& r) {
    Json rows = Json::array();
    for (const auto& row : r.rows) {
        Json x = toJson(row);
        // Each row is complete on its own (a CSV-like JSON export): the run's identity repeated.
        x["max_tokens"] = r.ppl_settings.max_tokens;
        x["model"] = r.model_dir;
        x["model_hash"] = r.model_hash;
        x["text_hash"] = r.text_hash;
        x["app_version"] = r.app_version;
        rows.push_back(std::move(x));
    }
    Json out = {{"model", r.model_dir},
                {"model_hash", r.model_hash},
                {"text", r.text_name},
                {"text_hash", r.text_hash},
                {"tokenizer", r.ppl_settings.tokenizer},
                {"app_version", r.app_version},
                {"complete", r.complete},
                {"max_length", r.ppl_settings.max_length},
                {"stride", r.ppl_settings.stride},
                {"max_tokens", r.ppl_settings.max_tokens},
                {"rows", rows}};
    // Derived from the rows' cell_seconds (recomputed when read): what the sweep ran per minute and per
    // second.
    const auto t = sweepThroughput(r.rows);
    if (t.known())
        out["throughput"] = {{"evaluations", t.evaluations},
                             {"cell_seconds", t.seconds},
                             {"tokens", t.tokens},
                             {"evaluations_per_minute", t.evaluations_per_minute},
                             {"tokens_per_second", t.tokens_per_second}};
    return out;
}

SweepResult sweepFromJson(const JsonIn& j) {
    SweepResult r;
    r.model_dir = j.string("model", "");
    r.model_hash = j.string("model_hash", "");
    r.text_name = j.string("text", "");
    r.text_hash = j.string("text_hash", "");
    r.ppl_settings.tokenizer = j.string("tokenizer", "");
    r.app_version = j.string("app_version", "");
    r.complete = j.boolean("complete", true);
    r.ppl_settings.max_length = j.integer("max_length", 0);
    r.ppl_settings.stride = j.integer("stride", 0);
    r.ppl_settings.max_tokens = j.integer("max_tokens", 0);
    const auto rows = j.at("rows");
    for (size_t i = 0; i < rows.size(); ++i) {
        r.rows.push_back(sweepRowFromJson(rows[i]));
        if (!rows[i].has("cell"))
            r.rows.back().cell = static_cast<int64_t>(i);  // written before shards existed
    }
    return r;
}

void writeSweep(const SweepResult& r, const std::string& path) {
    const auto dot = path.rfind('.');
    const std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
    std::string text;
    if (ext == "md")
        text = sweepToMarkdown(r);
    else if (ext == "csv")
        text = sweepToCsv(r);
    else if (ext == "json")
        text = toJson(r).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    else
        throw InputError(path + ": unknown table format (use .md, .csv or .json)");
    writeTextFile(path, text);
}

// ---- decomposition

Json toJson(const DecompositionRequest& r) {
    return {{"matrix", r.matrix},
            {"kronecker", r.kronecker},
            {"block_size", r.block_size},
            {"terms", r.terms},
            {"small_first", r.small_first},
            {"rescale", r.rescale},
            {"null_draws", r.null_draws},
            {"seed", r.seed},
            {"permuted_null", r.permuted_null}};
}

DecompositionRequest decompositionRequestFromJson(const JsonIn& j) {
    DecompositionRequest r;
    r.matrix = j.at("matrix").string();
    r.kronecker = j.at("kronecker").boolean();
    r.block_size = j.at("block_size").integer();
    r.terms = j.at("terms").integer();
    r.small_first = j.at("small_first").boolean();
    r.rescale = j.at("rescale").boolean();
    r.null_draws = j.at("null_draws").integerIn(0, 1 << 30);
    r.seed = j.has("seed") ? seedOf(j.at("seed")) : 0;
    r.permuted_null = j.boolean("permuted_null", false);
    return r;
}

Json toJson(const DecompositionResult& o) {
    const auto& rq = o.request;
    Json j = {{"request", toJson(rq)},
              {"model_hash", o.model_hash},
              {"matrix", rq.matrix},
              {"method", rq.kronecker ? "kron" : "svd"},
              {"block_size", rq.block_size},
              {"rows", o.rows},
              {"cols", o.cols},
              {"rel_err", finiteOrNull(o.rel_err)},
              {"tail_rel_err", finiteOrNull(o.tail_rel_err)},
              {"params", o.params},
              {"dense_params", o.dense_params},
              {"settings", o.settings},
              {"null", nullJson(o.null)},
              {"ratio_to_null", o.null.mean > 0 ? finiteOrNull(o.rel_err / o.null.mean) : Json(nullptr)},
              {"z", finiteOrNull(o.null.z(o.rel_err))},
              {"svd",
               {{"rank", o.svd.rank},
                {"rel_err", finiteOrNull(o.svd.rel_err)},
                {"params", o.svd.params},
                {"singular_values", finiteOrNull(o.svd.singular_values)}}}};
    if (o.hasPermutedNull()) {
        j["permuted_null"] = nullJson(o.permuted);
        j["ratio_to_permuted_null"] =
            o.permuted.mean > 0 ? finiteOrNull(o.rel_err / o.permuted.mean) : Json(nullptr);
        j["z_permuted"] = finiteOrNull(o.permuted.z(o.rel_err));
    }
    if (o.row_col.draws > 0) {
        j["row_col_null"] = nullJson(o.row_col);
        j["ratio_to_row_col_null"] =
            o.row_col.mean > 0 ? finiteOrNull(o.rel_err / o.row_col.mean) : Json(nullptr);
        j["z_row_col"] = finiteOrNull(o.row_col.z(o.rel_err));
    }
    if (rq.kronecker) {
        const auto& k = o.kron;
        j["terms"] = k.terms;
        j["order"] = rq.small_first ? "small-first" : "small-second";
        j["rescale"] = rq.rescale;
        j["a_shape"] = {k.spec.m1, k.spec.p1};
        j["s_shape"] = {k.spec.m2, k.spec.p2};
        j["flops_factored"] = k.flops_factored;
        j["flops_dense"] = k.flops_dense;
        j["seconds"] = k.seconds;
        j["kron"] = {{"m1", k.spec.m1},  {"p1", k.spec.p1},
                     {"m2", k.spec.m2},  {"p2", k.spec.p2},
                     {"terms", k.terms}, {"singular_values", finiteOrNull(k.singular_values)}};
    } else {
        j["rank"] = o.svd.rank;
        j["matched_kron_params"] =
            KroneckerSpec::forBlockSize(o.rows, o.cols, rq.block_size, rq.small_first).params();
        j["flops_factored"] = o.svd.flops_factored;
        j["flops_dense"] = o.svd.flops_dense;
        j["seconds"] = o.svd.seconds;
    }
    return j;
}

DecompositionResult decompositionFromJson(const JsonIn& j) {
    DecompositionResult o;
    o.request = decompositionRequestFromJson(j.at("request"));
    o.model_hash = j.string("model_hash", "");
    o.rows = j.at("rows").integer();
    o.cols = j.at("cols").integer();
    if (o.rows < 1 || o.cols < 1 || o.rows > (1 << 20) || o.cols > (1 << 20))
        j.fail("rows x cols = " + std::to_string(o.rows) + " x " + std::to_string(o.cols) +
               " is not a matrix shape");
    o.rel_err = j.at("rel_err").number();
    o.tail_rel_err = j.number("tail_rel_err", o.rel_err);
    o.params = j.at("params").integer();
    o.dense_params = j.at("dense_params").integer();
    o.settings = j.at("settings").string();
    o.null = nullFromJson(j.at("null"));
    if (j.has("permuted_null")) o.permuted = nullFromJson(j.at("permuted_null"));
    if (j.has("row_col_null")) o.row_col = nullFromJson(j.at("row_col_null"));
    const auto svd = j.at("svd");
    o.svd.rows = o.rows;
    o.svd.cols = o.cols;
    o.svd.rank = svd.at("rank").integer();
    o.svd.singular_values = svd.at("singular_values").numbers();
    o.svd.rel_err = svd.number("rel_err", 0.0);
    o.svd.params = svd.integer("params", 0);
    if (!o.request.kronecker) {
        o.svd.flops_factored = j.integer("flops_factored", 0);
        o.svd.flops_dense = j.integer("flops_dense", 0);
        o.svd.seconds = j.number("seconds", 0.0);
    }
    if (o.request.kronecker) {
        const auto k = j.at("kron");
        o.kron.rows = o.rows;
        o.kron.cols = o.cols;
        o.kron.spec.m1 = k.at("m1").integer();
        o.kron.spec.p1 = k.at("p1").integer();
        o.kron.spec.m2 = k.at("m2").integer();
        o.kron.spec.p2 = k.at("p2").integer();
        o.kron.terms = k.at("terms").integer();
        o.kron.spec.terms = o.kron.terms;
        o.kron.singular_values = k.at("singular_values").numbers();
        o.kron.rel_err = o.rel_err;
        o.kron.tail_rel_err = o.tail_rel_err;
        o.kron.params = o.params;
        o.kron.flops_factored = j.integer("flops_factored", 0);
        o.kron.flops_dense = j.integer("flops_dense", 0);
        o.kron.seconds = j.number("seconds", 0.0);
        o.kron.settings = o.settings;
        const auto& s = o.kron.spec;
        if (s.m1 < 1 || s.p1 < 1 || s.m2 < 1 || s.p2 < 1 || s.m1 * s.m2 != o.rows || s.p1 * s.p2 != o.cols ||
            o.kron.terms < 1 || o.kron.terms > s.maxTerms())
            k.fail("factor shapes do not match the matrix");
    }
    return o;
}

void putArrays(const DecompositionResult& o, const std::string& prefix,
               std::map<std::string, SessionArray>& arrays) {
    if (o.request.kronecker) {
        const auto& k = o.kron;
        arrays[prefix + "fit"] = matrixArray(k.approximation);
        arrays[prefix + "error"] = matrixArray(k.error);
        arrays[prefix + "a"] = {{k.terms, k.spec.m1, k.spec.p1}, k.a};
        arrays[prefix + "s"] = {{k.terms, k.spec.m2, k.spec.p2}, k.s};
    } else {
        arrays[prefix + "fit"] = matrixArray(o.svd.approximation);
        arrays[prefix + "error"] = matrixArray(o.svd.error);
    }
}

void takeArrays(DecompositionResult& o, const std::string& prefix,
                const std::map<std::string, SessionArray>& arrays) {
    const auto fit = matrixFrom(arrays, prefix + "fit", o.rows, o.cols);
    const auto err = matrixFrom(arrays, prefix + "error", o.rows, o.cols);
    if (o.request.kronecker) {
        auto& k = o.kron;
        k.approximation = fit;
        k.error = err;
        k.a = valuesFrom(arrays, prefix + "a", static_cast<size_t>(k.terms * k.spec.m1 * k.spec.p1));
        k.s = valuesFrom(arrays, prefix + "s", static_cast<size_t>(k.terms * k.spec.m2 * k.spec.p2));
    } else {
        o.svd.approximation = fit;
        o.svd.error = err;
    }
}

// ---- structure map

Json toJson(const StructureMapRequest& r) {
    return {{"metric", mapMetricName(r.metric)},
            {"block_sizes", r.block_sizes},
            {"targets", r.targets.spec},
            {"null_draws", r.null_draws},
            {"seed", r.seed}};
}

StructureMapRequest structureMapRequestFromJson(const JsonIn& j) {
    StructureMapRequest r;
    const std::string metric = j.at("metric").string();
    const std::string targets = j.string("targets", "all");
    try {
        r.metric = parseMapMetric(metric);
        r.targets = MatrixTargets::parse(targets);
    } catch (const InputError& e) {
        j.fail(e.what());
    }
    r.block_sizes = j.at("block_sizes").integers();
    r.null_draws = j.at("null_draws").integerIn(0, 1 << 30);
    r.seed = seedOf(j.at("seed"));
    return r;
}

Json toJson(const StructureMapResult& r) {
    return {{"request", toJson(r.request)},
            {"metric_label", mapMetricLabel(r.request.metric)},
            {"matrices", r.matrices},
            {"values", finiteOrNull(r.values)},
            {"null_mean", finiteOrNull(r.null_mean)},
            {"null_std", finiteOrNull(r.null_std)},
            {"settings", r.settings},
            {"model_hash", r.model_hash}};
}

StructureMapResult structureMapFromJson(const JsonIn& j) {
    StructureMapResult r;
    r.request = structureMapRequestFromJson(j.at("request"));
    r.matrices = j.at("matrices").strings();
    r.values = j.at("values").numbers();
    r.null_mean = j.at("null_mean").numbers();
    r.null_std = j.at("null_std").numbers();
    r.settings = j.at("settings").string();
    r.model_hash = j.string("model_hash", "");
    const size_t cells = r.matrices.size() * r.request.block_sizes.size();
    if (r.values.size() != cells)
        j.at("values").fail("holds " + std::to_string(r.values.size()) + " cells, expected " +
                            std::to_string(cells) + " (matrices x block sizes)");
    if (!r.null_mean.empty() && (r.null_mean.size() != cells || r.null_std.size() != cells))
        j.at("null_mean").fail("does not have one entry per cell");
    return r;
}

// ---- toy model

Json toJson(const ToyModelSettings& s) {
    return {{"features", s.features},
            {"hidden", s.hidden},
            {"sparsity", s.sparsity},
            {"importance_decay", s.importance_decay},
            {"importance", s.importance},
            {"batch_size", s.batch_size},
            {"steps", s.steps},
            {"lr", s.lr},
            {"weight_decay", s.weight_decay},
            {"seed", s.seed},
            {"log_interval", s.log_interval}};
}

ToyModelSettings toySettingsFromJson(const JsonIn& j) {
    ToyModelSettings s;
    s.features = j.at("features").integer();
    s.hidden = j.at("hidden").integer();
    s.sparsity = j.at("sparsity").number();
    s.importance_decay = j.at("importance_decay").number();
    s.importance = j.at("importance").numbers();
    s.batch_size = j.at("batch_size").integer();
    s.steps = j.at("steps").integer();
    s.lr = j.at("lr").number();
    s.weight_decay = j.at("weight_decay").number();
    s.seed = seedOf(j.at("seed"));
    s.log_interval = j.at("log_interval").integer();
    try {
        s.validate();
    } catch (const InputError& e) {
        j.fail(e.what());
    }
    return s;
}

Json toJson(const ToyModelResult& r) {
    return {{"settings", toJson(r.settings)},
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

ToyModelResult toyFromJson(const JsonIn& j) {
    ToyModelResult r;
    r.settings = toySettingsFromJson(j.at("settings"));
    const auto b = j.at("b").numbers();
    r.b.assign(b.begin(), b.end());
    r.importance = j.at("importance").numbers();
    r.loss_steps = j.at("loss_steps").integers();
    r.loss_history = j.at("loss_history").numbers();
    r.initial_loss = j.at("initial_loss").number();
    r.final_loss = j.at("final_loss").number();
    r.steps_done = j.at("steps_done").integer();
    r.seconds = j.at("seconds").number();
    r.feature_norms = j.at("feature_norms").numbers();
    r.superposition = j.at("superposition").numbers();
    r.represented = j.at("represented").integer();
    r.settings_line = j.at("settings_line").string();
    const auto n = static_cast<size_t>(r.settings.features);
    if (r.feature_norms.size() != n || r.b.size() != n || r.loss_steps.size() != r.loss_history.size())
        j.fail("stored values do not match its settings");
    return r;
}

void putArrays(const ToyModelResult& r, const std::string& prefix,
               std::map<std::string, SessionArray>& arrays) {
    arrays[prefix + "w"] = matrixArray(r.w);
    arrays[prefix + "gram"] = {{r.settings.features, r.settings.features}, r.gram};
}

void takeArrays(ToyModelResult& r, const std::string& prefix,
                const std::map<std::string, SessionArray>& arrays) {
    r.w = matrixFrom(arrays, prefix + "w", r.settings.hidden, r.settings.features);
    r.gram =
        valuesFrom(arrays, prefix + "gram", static_cast<size_t>(r.settings.features * r.settings.features));
}

// ---- training

Json toJson(const TrainEval& e) {
    return Json::parse(trainEvalJson(e));
}  // the trainer's log form

Json toJson(const TrainResult& r) {
    Json history = Json::array();
    for (const auto& e : r.history) history.push_back(toJson(e));
    return {{"out", r.out_dir},
            {"steps_done", r.steps_done},
            {"steps_total", r.steps_total},
            {"complete", r.complete},
            {"cancelled", r.cancelled},
            {"final_train_loss", finiteOrNull(r.final_train_loss)},
            {"final_val_loss", finiteOrNull(r.final_val_loss)},
            {"seconds", r.seconds},
            {"tokens_per_second", r.tokens_per_second},
            {"history", history}};
}

}  // namespace kronscope::core
