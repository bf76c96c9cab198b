#include "kronscope/core/codec/probe_json.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <map>

#include "kronscope/core/base/error.h"

namespace kronscope::core {

namespace {

using json = nlohmann::json;

json nullJson(const ProbeNull& n, bool with_samples) {
    json j = {{"draws", n.draws}, {"seed", n.seed}, {"mean", n.mean}, {"std", n.std}, {"z", n.z}};
    if (with_samples) j["samples"] = n.samples;
    return j;
}

json scoreJson(const ProbeScore& s, bool with_samples) {
    json nulls = json::object();
    for (const auto& n : s.nulls) nulls[probeNullName(n.kind)] = nullJson(n, with_samples);
    return {{"name", s.name}, {"value", s.value}, {"nulls", nulls}};
}

json settingsJson(const ProbeSettings& s) {
    return {{"block_size", s.block_size},
            {"terms", s.effectiveTerms()},
            {"order", s.small_first ? "small-first" : "small-second"},
            {"null_draws", s.null_draws},
            {"seed", s.seed},
            {"permuted_null", s.permuted_null},
            {"histogram_bins", s.histogram_bins},
            {"max_fold", s.max_fold},
            {"angle_source", angleSourceName(s.angle_source)},
            {"describe", s.describe()}};
}

json specJson(const KroneckerSpec& spec) {
    return {{"a_shape", {spec.m1, spec.p1}},
            {"s_shape", {spec.m2, spec.p2}},
            {"terms", spec.effectiveTerms()},
            {"label", spec.label()}};
}

json kronJson(const KronRatioResult& r, bool ws) {
    return {{"matrix", r.matrix},
            {"layer", r.layer},
            {"rows", r.rows},
            {"cols", r.cols},
            {"spec", specJson(r.spec)},
            {"rel_err", scoreJson(r.rel_err, ws)},
            {"ratio",
             {{"gaussian", r.ratio_gaussian},
              {"permuted", r.ratio_permuted},
              {"row-col-permuted", r.ratio_row_col}}},
            {"ratio_null_std",
             {{"gaussian", r.ratio_gaussian_std},
              {"permuted", r.ratio_permuted_std},
              {"row-col-permuted", r.ratio_row_col_std}}},
            {"seconds", r.seconds},
            {"settings", r.settings}};
}

json factorJson(const Factor2x2& f, bool ws) {
    return {{"term", f.term},
            {"m", f.m},
            {"a", f.a},
            {"b", f.b},
            {"c", f.c},
            {"d", f.d},
            {"shares", {{"I", f.shares[0]}, {"J", f.shares[1]}, {"K", f.shares[2]}, {"L", f.shares[3]}}},
            {"complex_share", scoreJson(f.complex_share, ws)},
            {"angle", f.angle},
            {"det", f.det},
            {"dominant", basis2x2Name(f.dominant)},
            {"label", f.label}};
}

json sharesJson(const std::array<ProbeScore, 4>& shares, const ProbeScore& complex, bool ws) {
    json j = json::object();
    for (int i = 0; i < 4; ++i) j[basis2x2Name(static_cast<Basis2x2>(i))] = scoreJson(shares[i], ws);
    j["complex"] = scoreJson(complex, ws);
    return j;
}

json basisJson(const BasisEnergyResult& r, bool ws) {
    json factors = json::array();
    for (const auto& f : r.factors) factors.push_back(factorJson(f, ws));
    return {{"matrix", r.matrix},
            {"layer", r.layer},
            {"rows", r.rows},
            {"cols", r.cols},
            {"order", r.small_first ? "small-first" : "small-second"},
            {"energy", r.energy},
            {"shares", sharesJson(r.shares, r.complex_share, ws)},
            {"factors", factors},
            {"seconds", r.seconds},
            {"settings", r.settings}};
}

json aggregateJson(const BasisEnergyAggregate& a, bool ws) {
    return {{"label", a.label},
            {"layer", a.layer},
            {"matrices", a.matrices},
            {"energy", a.energy},
            {"shares", sharesJson(a.shares, a.complex_share, ws)}};
}

json cliffordJson(const CliffordResult& r, bool ws) {
    return {{"matrix", r.matrix},
            {"layer", r.layer},
            {"rows", r.rows},
            {"cols", r.cols},
            {"spec", specJson(r.spec)},
            {"violation", scoreJson(r.violation, ws)},
            {"signature", r.score.signature},
            {"pair_violation", r.score.pair_violation},
            {"factor_size", r.score.n},
            {"factors", r.factors},
            {"seconds", r.seconds},
            {"settings", r.settings}};
}

json anglesJson(const RotationAngles& r, bool ws) {
    json fold = json::array();
    for (const auto& f : r.fold) fold.push_back(scoreJson(f, ws));
    json j = {{"source", r.source},
              {"block_size", r.block_size},
              {"blocks", r.blocks},
              {"angles_count", r.angles.size()},
              {"bins", r.bins},
              {"histogram", r.histogram},
              {"null_histogram", r.null_histogram},
              {"fold", fold},
              {"seconds", r.seconds},
              {"settings", r.settings}};
    if (ws) j["angles"] = r.angles;
    return j;
}

std::string dump(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string toJson(const KronRatioReport& rep, bool ws) {
    json list = json::array();
    for (const auto& r : rep.matrices) list.push_back(kronJson(r, ws));
    json j = {{"probe", "kron-ratio"},
              {"settings", settingsJson(rep.settings)},
              {"matrices", list},
              {"seconds", rep.seconds}};
    if (!rep.skipped.empty()) j["skipped"] = rep.skipped;  // matrices whose shape the block size does not fit
    return dump(j);
}

std::string toJson(const BasisEnergyReport& rep, bool ws) {
    json list = json::array(), layers = json::array();
    for (const auto& r : rep.matrices) list.push_back(basisJson(r, ws));
    for (const auto& a : rep.layers) layers.push_back(aggregateJson(a, ws));
    json j = {{"probe", "ijkl"},  {"settings", settingsJson(rep.settings)}, {"matrices", list},
              {"layers", layers}, {"model", aggregateJson(rep.model, ws)},  {"seconds", rep.seconds}};
    if (!rep.skipped.empty()) j["skipped"] = rep.skipped;
    return dump(j);
}

std::string toJson(const CliffordReport& rep, bool ws) {
    json list = json::array();
    for (const auto& r : rep.matrices) list.push_back(cliffordJson(r, ws));
    json j = {{"probe", "clifford"},
              {"settings", settingsJson(rep.settings)},
              {"matrices", list},
              {"seconds", rep.seconds}};
    if (!rep.skipped.empty()) j["skipped"] = rep.skipped;  // matrices whose shape the block size does not fit
    return dump(j);
}

std::string toJson(const AngleReport& rep, bool ws) {
    json list = json::array();
    for (const auto& r : rep.results) {
        json per_block = json::array();
        for (const auto& b : r.per_block) per_block.push_back(anglesJson(b, ws));
        list.push_back({{"matrix", r.matrix},
                        {"layer", r.layer},
                        {"part", r.part},
                        {"source", angleSourceName(r.source)},
                        {"pooled", anglesJson(r.pooled, ws)},
                        {"per_block", per_block}});
    }
    return dump({{"probe", "angles"},
                 {"settings", settingsJson(rep.settings)},
                 {"results", list},
                 {"skipped", rep.skipped},
                 {"seconds", rep.seconds}});
}

std::string toJson(const ToyProbeReport& rep, bool ws) {
    return dump({{"settings", settingsJson(rep.settings)},
                 {"kron_ratio", kronJson(rep.kron_ratio, ws)},
                 {"ijkl", basisJson(rep.basis_energy, ws)},
                 {"clifford", cliffordJson(rep.clifford, ws)},
                 {"angles", anglesJson(rep.angles, ws)},
                 {"seconds", rep.seconds}});
}

void stripAngleLists(nlohmann::json& report) {
    if (!report.contains("results")) return;
    for (auto& r : report["results"]) {
        if (r.contains("pooled")) r["pooled"].erase("angles");
        if (r.contains("per_block"))
            for (auto& b : r["per_block"]) b.erase("angles");
    }
}

std::string probeRunJson(const ProbeRunResult& run) {
    const bool ws = run.request.with_samples;
    std::string text = std::visit([ws](const auto& rep) { return toJson(rep, ws); }, run.report);
    auto j = nlohmann::json::parse(text);
    j["checkpoint"] = run.checkpoint;
    j["model_hash"] = run.model_hash;
    if (!run.request.keep_angle_lists) stripAngleLists(j);
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

ProbeScore scoreFrom(const json& j, const std::string& where) {
    ProbeScore s;
    try {
        s.name = j.at("name").get<std::string>();
        s.value = j.at("value").get<double>();
        for (const auto& [key, n] : j.at("nulls").items()) {
            ProbeNull null;
            bool known = false;
            for (auto k : {NullKind::Gaussian, NullKind::Permuted, NullKind::Haar, NullKind::RowColPermuted})
                if (key == nullKindName(k)) null.kind = k, known = true;
            if (!known) throw InputError(where + ": unknown null '" + key + "'");
            null.draws = n.at("draws").get<int>();
            null.seed = n.at("seed").get<uint64_t>();
            null.mean = n.at("mean").get<double>();
            null.std = n.at("std").get<double>();
            null.z = n.at("z").get<double>();
            if (!n.contains("samples"))
                throw InputError(where + ": its nulls have no draws (shards of ijkl need them: --samples)");
            null.samples = n.at("samples").get<std::vector<double>>();
            s.nulls.push_back(std::move(null));
        }
    } catch (const json::exception& e) {
        throw InputError(where + ": not a probe score (" + std::string(e.what()) + ")");
    }
    return s;
}

/// "0.7018 ± 0.0012 (z -3.4)" / CSV cells of one null.
void nullCells(const ProbeScore& s, NullKind kind, bool csv, std::string& line) {
    const ProbeNull* n = s.null(kind);
    char b[160];
    if (csv) {
        if (n)
            std::snprintf(b, sizeof b, ",%.17g,%.17g,%.17g", n->mean, n->std, n->z);
        else
            std::snprintf(b, sizeof b, ",,,");
    } else if (n) {
        std::snprintf(b, sizeof b, " %.6g ± %.3g (z %+.2f) |", n->mean, n->std, n->z);
    } else {
        std::snprintf(b, sizeof b, " - |");
    }
    line += b;
}

}  // namespace

json toJson(const ProbeRequest& rq) {
    return {{"probe", probeKindName(rq.kind)},
            {"matrices", rq.matrices},
            {"settings", settingsJson(rq.settings)},
            {"with_samples", rq.with_samples},
            {"keep_angle_lists", rq.keep_angle_lists}};
}

void recomputeBasisAggregates(json& report) {
    BasisEnergyReport rep;
    const auto& mats = report.at("matrices");
    for (size_t i = 0; i < mats.size(); ++i) {
        const auto& m = mats[i];
        const std::string where = "matrix " + m.value("matrix", std::to_string(i));
        BasisEnergyResult r;
        r.matrix = m.value("matrix", std::string());
        r.layer = m.value("layer", -1);
        r.energy = m.value("energy", 0.0);
        const auto& shares = m.at("shares");
        for (int k = 0; k < 4; ++k)
            r.shares[static_cast<size_t>(k)] =
                scoreFrom(shares.at(basis2x2Name(static_cast<Basis2x2>(k))), where);
        r.complex_share = scoreFrom(shares.at("complex"), where);
        rep.matrices.push_back(std::move(r));
    }
    aggregateBasisLayers(rep);
    json layers = json::array();
    for (const auto& a : rep.layers) layers.push_back(aggregateJson(a, true));
    report["layers"] = layers;
    report["model"] = aggregateJson(rep.model, true);
}

void stripNullSamples(json& j) {
    if (j.is_object()) {
        if (j.contains("draws") && j.contains("mean") && j.contains("samples")) j.erase("samples");
        if (j.contains("angles_count") && j.contains("angles")) j.erase("angles");
        for (auto& [key, v] : j.items()) stripNullSamples(v);
    } else if (j.is_array()) {
        for (auto& v : j) stripNullSamples(v);
    }
}

std::string probeTable(const json& report, bool csv) {
    // One line per (entry, score): the score beside its Gaussian null and its second null (permuted or
    // Haar), as the probe view's tables show them.
    const std::string probe = report.value("probe", std::string());
    std::string out = csv ? "matrix,part,score,value,gaussian_mean,gaussian_std,gaussian_z,second_null,"
                            "second_mean,second_std,second_z\n"
                          : "| matrix | part | score | value | gaussian null (z) | second null | second null "
                            "(z) |\n|---|---|---|---|---|---|---|\n";
    auto line = [&](const std::string& matrix, const std::string& part, const json& score) {
        const ProbeScore s = [&] {
            json copy = score;
            for (auto& [k, n] : copy["nulls"].items())
                if (!n.contains("samples")) n["samples"] = json::array();
            return scoreFrom(copy, matrix);
        }();
        NullKind second = NullKind::Permuted;
        for (const auto& n : s.nulls)
            if (n.kind != NullKind::Gaussian) second = n.kind;
        char v[64];
        std::snprintf(v, sizeof v, csv ? "%.17g" : "%.6g", s.value);
        std::string l = csv ? matrix + "," + part + "," + s.name + "," + v
                            : "| " + matrix + " | " + part + " | " + s.name + " | " + v + " |";
        nullCells(s, NullKind::Gaussian, csv, l);
        l += csv ? std::string(",") + nullKindName(second) : std::string(" ") + nullKindName(second) + " |";
        nullCells(s, second, csv, l);
        out += l + "\n";
    };
    if (probe == "angles") {
        for (const auto& r : report.at("results"))
            for (const auto& f : r.at("pooled").at("fold"))
                line(r.value("matrix", std::string()), r.value("part", std::string()), f);
    } else {
        for (const auto& m : report.at("matrices")) {
            const std::string name = m.value("matrix", std::string());
            if (probe == "kron-ratio") line(name, "", m.at("rel_err"));
            if (probe == "clifford") line(name, "", m.at("violation"));
            if (probe == "ijkl") {
                for (const char* x : {"I", "J", "K", "L", "complex"}) line(name, "", m.at("shares").at(x));
            }
        }
        if (probe == "ijkl") {
            for (const auto& a : report.at("layers"))
                for (const char* x : {"I", "J", "K", "L", "complex"})
                    line(a.value("label", std::string()), "aggregate", a.at("shares").at(x));
            for (const char* x : {"I", "J", "K", "L", "complex"})
                line("model", "aggregate", report.at("model").at("shares").at(x));
        }
    }
    if (!csv) {
        if (report.contains("skipped"))
            for (const auto& s : report["skipped"]) out += "\nskipped: " + s.get<std::string>();
        out += "\n" + report.at("settings").value("describe", std::string()) + "\n";
    }
    return out;
}

}  // namespace kronscope::core
