#include "kronscope/core/codec/probe_json.h"

#include <nlohmann/json.hpp>

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

}  // namespace kronscope::core
