#include "kronscope/core/codec/mechanism_json.h"

#include <cmath>
#include <cstdint>

#include "kronscope/core/base/error.h"

namespace kronscope::core {

namespace {

Json fitJson(const FitError& f) {
    return {{"act_rel_err", finiteOrNull(f.act_rel_err)},
            {"rel_err", finiteOrNull(f.rel_err)},
            {"params", f.params}};
}
FitError fitFrom(const JsonIn& j) {
    return {j.at("act_rel_err").number(), j.at("rel_err").number(), j.at("params").integer()};
}
Json specJson(const SpectrumStats& s) {
    return {{"cond", finiteOrNull(s.cond)},
            {"numerical_rank", s.numerical_rank},
            {"effective_rank", finiteOrNull(s.effective_rank)}};
}
SpectrumStats specFrom(const JsonIn& j) {
    SpectrumStats s;
    const double c = j.at("cond").number();
    s.cond = std::isnan(c) ? INFINITY : c;  // null is inf here: a singular matrix
    s.numerical_rank = j.at("numerical_rank").integer();
    s.effective_rank = j.at("effective_rank").number();
    return s;
}

Json winsJson(const std::vector<MatrixErrorRow>& rows) {
    Json wins = Json::object();
    for (const auto& r : rows) {
        auto& w = wins[r.kind];
        if (w.is_null()) w = {{"kron_act", 0}, {"kron_fro", 0}, {"matrices", 0}};
        w["matrices"] = w["matrices"].get<int>() + 1;
        if (r.kron.act_rel_err < r.svd.act_rel_err) w["kron_act"] = w["kron_act"].get<int>() + 1;
        if (r.kron.rel_err < r.svd.rel_err) w["kron_fro"] = w["kron_fro"].get<int>() + 1;
    }
    return wins;
}

}  // namespace

Json toJson(const MechanismRequest& r) {
    return {{"analysis", mechanismAnalysisName(r.analysis)},
            {"block_sizes", r.block_sizes},
            {"methods", r.methods},
            {"targets", r.targets.spec},
            {"eps", r.eps},
            {"text_path", r.text_path},
            {"max_length", r.ppl.max_length},
            {"stride", r.ppl.stride},
            {"max_tokens", r.ppl.max_tokens},
            {"seed", r.seed},
            {"cache_gb", r.cache_gb}};
}

MechanismRequest mechanismRequestFromJson(const JsonIn& j) {
    MechanismRequest r;
    try {
        r.analysis = parseMechanismAnalysis(j.at("analysis").string());
        r.targets = MatrixTargets::parse(j.at("targets").string());
    } catch (const InputError& e) {
        j.fail(e.what());
    }
    r.block_sizes = j.at("block_sizes").integers();
    r.methods = j.at("methods").strings();
    r.eps = j.at("eps").numbers();
    r.text_path = j.at("text_path").string();
    r.ppl.max_length = j.at("max_length").integer();
    r.ppl.stride = j.at("stride").integer();
    r.ppl.max_tokens = j.at("max_tokens").integer();
    r.seed = seedFromJson(j.at("seed"));
    r.cache_gb = j.at("cache_gb").number();
    try {
        r.validate();
    } catch (const InputError& e) {
        j.fail(e.what());
    }
    return r;
}

Json toJson(const MechanismResult& r) {
    Json j = {{"analysis", mechanismAnalysisName(r.request.analysis)},
              {"request", toJson(r.request)},
              {"settings", r.settings},
              {"model_hash", r.model_hash},
              {"text_hash", r.text_hash},
              {"text", r.text_name},
              {"tokenizer", r.tokenizer},
              {"positions", r.positions},
              {"complete", r.complete}};
    Json mats = Json::array();
    for (const auto& e : r.errors)
        mats.push_back({{"name", e.matrix},
                        {"kind", e.kind},
                        {"layer", e.layer},
                        {"kron", fitJson(e.kron)},
                        {"svd", fitJson(e.svd)}});
    for (const auto& c : r.conditioning)
        mats.push_back({{"name", c.matrix},
                        {"kind", c.kind},
                        {"layer", c.layer},
                        {"full_rank", c.full_rank},
                        {"original", specJson(c.original)},
                        {"kron", specJson(c.kron)},
                        {"svd", specJson(c.svd)}});
    j["matrices"] = mats;
    if (!r.errors.empty()) j["wins"] = winsJson(r.errors);
    if (!r.conditioning.empty())
        j["median"] = {{"original", specJson(r.median_original)},
                       {"kron", specJson(r.median_kron)},
                       {"svd", specJson(r.median_svd)}};
    j["baseline_ppl"] = finiteOrNull(r.baseline_ppl);
    j["kron_ppl"] = finiteOrNull(r.kron_ppl);
    j["svd_ppl"] = finiteOrNull(r.svd_ppl);
    Json pts = Json::array();
    for (const auto& p : r.nullspace)
        pts.push_back(
            {{"eps", p.eps}, {"ppl", finiteOrNull(p.ppl)}, {"gap_reduction", finiteOrNull(p.gap_reduction)}});
    j["points"] = pts;
    Json rows = Json::array();
    for (const auto& s : r.scan)
        rows.push_back({{"matrix", s.matrix},
                        {"kind", s.kind},
                        {"layer", s.layer},
                        {"method", s.method},
                        {"block_size", s.block_size},
                        {"ppl", finiteOrNull(s.ppl)},
                        {"mean_nll", finiteOrNull(s.mean_nll)},
                        {"cell", s.cell}});
    j["rows"] = rows;
    Json add = Json::array();
    for (const auto& a : r.additivity)
        add.push_back({{"method", a.method},
                       {"block_size", a.block_size},
                       {"cell", a.cell},
                       {"full_ppl", finiteOrNull(a.full_ppl)},
                       {"full_mean_nll", finiteOrNull(a.full_mean_nll)},
                       {"full_delta_nll", finiteOrNull(a.full_delta_nll)},
                       {"sum_single_delta_nll", finiteOrNull(a.sum_single_delta_nll)}});
    j["additivity"] = add;
    j["baseline_mean_nll"] = finiteOrNull(r.baseline_mean_nll);
    j["prefix_reuse"] = r.prefix_reuse;
    j["cache_gb"] = r.cache_gb;
    Json runs = Json::array();
    for (const auto& p : r.propagation) {
        Json layers = Json::array();
        for (size_t l = 0; l < p.rel_err.size(); ++l)
            layers.push_back({{"layer", l},
                              {"rel_err", finiteOrNull(p.rel_err[l])},
                              {"cosine", finiteOrNull(p.cosine[l])}});
        runs.push_back({{"config", p.config}, {"ppl", finiteOrNull(p.ppl)}, {"layers", layers}});
    }
    j["runs"] = runs;
    return j;
}

MechanismResult mechanismFromJson(const JsonIn& j) {
    MechanismResult r;
    r.request = mechanismRequestFromJson(j.at("request"));
    r.settings = j.at("settings").string();
    r.model_hash = j.at("model_hash").string();
    r.text_hash = j.at("text_hash").string();
    r.tokenizer = j.string("tokenizer", "");
    r.text_name = j.at("text").string();
    r.positions = j.at("positions").integer();
    r.complete = j.at("complete").boolean();
    const auto mats = j.at("matrices");
    for (size_t i = 0; i < mats.size(); ++i) {
        const auto m = mats[i];
        if (r.request.analysis == MechanismAnalysis::ActivationError)
            r.errors.push_back({m.at("name").string(), m.at("kind").string(),
                                m.at("layer").integerIn(0, 1 << 20), fitFrom(m.at("kron")),
                                fitFrom(m.at("svd"))});
        else if (r.request.analysis == MechanismAnalysis::Conditioning)
            r.conditioning.push_back({m.at("name").string(), m.at("kind").string(),
                                      m.at("layer").integerIn(0, 1 << 20), m.at("full_rank").integer(),
                                      specFrom(m.at("original")), specFrom(m.at("kron")),
                                      specFrom(m.at("svd"))});
    }
    if (j.has("median")) {
        const auto md = j.at("median");
        r.median_original = specFrom(md.at("original")), r.median_kron = specFrom(md.at("kron")),
        r.median_svd = specFrom(md.at("svd"));
    }
    r.baseline_ppl = j.at("baseline_ppl").number();
    r.kron_ppl = j.at("kron_ppl").number();
    r.svd_ppl = j.at("svd_ppl").number();
    const auto pts = j.at("points");
    for (size_t i = 0; i < pts.size(); ++i)
        r.nullspace.push_back(
            {pts[i].at("eps").number(), pts[i].at("ppl").number(), pts[i].at("gap_reduction").number()});
    const auto rows = j.at("rows");
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto x = rows[i];
        r.scan.push_back({x.at("matrix").string(), x.at("kind").string(), x.at("method").string(),
                          x.at("layer").integerIn(0, 1 << 20), x.at("block_size").integer(),
                          x.at("ppl").number(), x.at("mean_nll").number(),
                          x.has("cell") ? x.at("cell").integer() : int64_t{-1}});
    }
    const auto add = j.at("additivity");
    for (size_t i = 0; i < add.size(); ++i) {
        const auto a = add[i];
        // Older sessions have no cell or full_mean_nll (the log of the PPL then).
        r.additivity.push_back(
            {a.at("method").string(), a.at("block_size").integer(), a.at("full_ppl").number(),
             a.at("full_delta_nll").number(), a.at("sum_single_delta_nll").number(),
             a.has("cell") ? a.at("cell").integer() : int64_t{-1},
             a.has("full_mean_nll") ? a.at("full_mean_nll").number() : std::log(a.at("full_ppl").number())});
    }
    r.baseline_mean_nll = j.at("baseline_mean_nll").number();
    r.prefix_reuse = j.at("prefix_reuse").boolean();
    r.cache_gb = j.at("cache_gb").number();
    const auto runs = j.at("runs");
    for (size_t i = 0; i < runs.size(); ++i) {
        PropagationRun p;
        p.config = runs[i].at("config").string();
        p.ppl = runs[i].at("ppl").number();
        const auto layers = runs[i].at("layers");
        for (size_t l = 0; l < layers.size(); ++l)
            p.rel_err.push_back(layers[l].at("rel_err").number()),
                p.cosine.push_back(layers[l].at("cosine").number());
        r.propagation.push_back(p);
    }
    return r;
}

Json toJson(const GenerationResult& r) {
    const auto& q = r.request;
    return {{"analysis", "generation"},
            {"request",
             {{"prompt", q.prompt},
              {"max_new_tokens", q.settings.max_new_tokens},
              {"sample", q.settings.sample},
              {"top_k", q.settings.top_k},
              {"temperature", q.settings.temperature},
              {"seed", q.settings.seed},
              {"method", q.method},
              {"block_size", q.block_size},
              {"targets", q.targets.spec}}},
            {"text", r.original},
            {"ids", r.original_ids},
            {"new_tokens", r.new_tokens},
            {"surgered",
             {{"text", r.surgered},
              {"ids", r.surgered_ids},
              {"plan", r.plan_label},
              {"mean_rel_err", finiteOrNull(r.mean_rel_err)}}},
            {"model_hash", r.model_hash}};
}

GenerationResult generationFromJson(const JsonIn& j) {
    GenerationResult r;
    const auto q = j.at("request");
    r.request.prompt = q.at("prompt").string();
    r.request.settings.max_new_tokens = q.at("max_new_tokens").integer();
    r.request.settings.sample = q.at("sample").boolean();
    r.request.settings.top_k = q.at("top_k").integer();
    r.request.settings.temperature = q.at("temperature").number();
    r.request.settings.seed = seedFromJson(q.at("seed"));
    r.request.method = q.at("method").string();
    r.request.block_size = q.at("block_size").integer();
    try {
        r.request.targets = MatrixTargets::parse(q.at("targets").string());
        r.request.validate();
    } catch (const InputError& e) {
        q.fail(e.what());
    }
    r.original = j.at("text").string();
    auto ids = [](const JsonIn& a) {
        std::vector<int32_t> out;
        for (const auto v : a.integers()) {
            if (v < 0 || v > INT32_MAX) a.fail("token id out of range");
            out.push_back(static_cast<int32_t>(v));
        }
        return out;
    };
    r.original_ids = ids(j.at("ids"));
    r.new_tokens = j.at("new_tokens").integer();
    const auto s = j.at("surgered");
    r.surgered = s.at("text").string();
    r.surgered_ids = ids(s.at("ids"));
    r.plan_label = s.at("plan").string();
    r.mean_rel_err = s.at("mean_rel_err").number();
    r.model_hash = j.at("model_hash").string();
    return r;
}

}  // namespace kronscope::core
