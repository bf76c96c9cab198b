#include "kronscope/core/codec/modular_json.h"

#include "kronscope/core/base/error.h"

namespace kronscope::core {

Json toJson(const ModularTrainSettings& s) {
    return Json::parse(modularSettingsJson(s));
}

ModularTrainSettings modularTrainSettingsFromJson(const JsonIn& j) {
    return modularSettingsFromJson(j.raw().dump(), j.path());
}

namespace {

Json scoreJson(const ModularTaskScore& t, bool test) {
    Json j = {{"q", t.q},
              {"train_acc", t.train_acc},
              {"val_acc", t.val_acc},
              {"train_loss", finiteOrNull(t.train_loss)},
              {"val_loss", finiteOrNull(t.val_loss)}};
    if (test) j["test_acc"] = t.test_acc, j["test_loss"] = finiteOrNull(t.test_loss);
    return j;
}

ModularTaskScore scoreFromJson(const JsonIn& j) {
    ModularTaskScore t;
    t.q = j.at("q").integer();
    t.train_acc = j.at("train_acc").number();
    t.val_acc = j.at("val_acc").number();
    t.train_loss = j.number("train_loss", 0.0);
    t.val_loss = j.number("val_loss", 0.0);
    t.test_acc = j.number("test_acc", 0.0);
    t.test_loss = j.number("test_loss", 0.0);
    return t;
}

Json scoresJson(const std::vector<ModularTaskScore>& v, bool test) {
    Json a = Json::array();
    for (const auto& t : v) a.push_back(scoreJson(t, test));
    return a;
}

std::vector<ModularTaskScore> scoresFromJson(const JsonIn& j) {
    std::vector<ModularTaskScore> out;
    for (size_t i = 0; i < j.size(); ++i) out.push_back(scoreFromJson(j[i]));
    return out;
}

Json historyJson(const std::vector<ModularEval>& h) {
    Json a = Json::array();
    for (const auto& e : h) a.push_back(toJson(e));
    return a;
}

std::vector<ModularEval> historyFromJson(const JsonIn& j) {
    std::vector<ModularEval> out;
    for (size_t i = 0; i < j.size(); ++i) out.push_back(modularEvalFromJson(j[i]));
    return out;
}

Json floats(const std::vector<float>& v) {
    Json a = Json::array();
    for (float x : v) a.push_back(x);
    return a;
}

}  // namespace

Json toJson(const ModularEval& e) {
    return {{"step", e.step},
            {"seconds", e.seconds},
            {"train_loss", finiteOrNull(e.train_loss)},
            {"val_loss", finiteOrNull(e.val_loss)},
            {"tasks", scoresJson(e.tasks, false)}};
}

ModularEval modularEvalFromJson(const JsonIn& j) {
    ModularEval e;
    e.step = j.at("step").integer();
    e.seconds = j.at("seconds").number();
    e.train_loss = j.at("train_loss").number();
    e.val_loss = j.at("val_loss").number();
    e.tasks = scoresFromJson(j.at("tasks"));
    return e;
}

Json toJson(const ModularTrainRun& r) {
    const auto& run = r.run;
    const bool test = !r.final_scores.empty();
    const auto& final =
        test ? r.final_scores
             : (run.history.empty() ? std::vector<ModularTaskScore>{} : run.history.back().tasks);
    return {{"settings", toJson(run.settings)},
            {"describe", run.settings.describe()},
            {"out", run.out_dir},
            {"steps_done", run.steps_done},
            {"complete", run.complete},
            {"cancelled", run.cancelled},
            {"seconds", run.seconds},
            {"steps_per_second", run.steps_per_second},
            {"tasks", scoresJson(final, test)},
            {"generalized_at", run.generalized_at},
            {"history", historyJson(run.history)}};
}

ModularTrainRun modularTrainFromJson(const JsonIn& j) {
    ModularTrainRun r;
    r.run.settings = modularTrainSettingsFromJson(j.at("settings"));
    r.run.out_dir = j.at("out").string();
    r.run.steps_done = j.at("steps_done").integer();
    r.run.complete = j.at("complete").boolean();
    r.run.cancelled = j.boolean("cancelled", false);
    r.run.seconds = j.at("seconds").number();
    r.run.steps_per_second = j.number("steps_per_second", 0.0);
    r.run.generalized_at = j.at("generalized_at").integers();
    r.run.history = historyFromJson(j.at("history"));
    if (j.at("tasks").size() > 0 && j.at("tasks")[0].has("test_acc"))
        r.final_scores = scoresFromJson(j.at("tasks"));
    return r;
}

Json toJson(const ModularSearchResult& r) {
    Json rows = Json::array();
    for (const auto& x : r.rows)
        rows.push_back({{"dropout", x.settings.dropout},
                        {"lambda", x.settings.grokfast_lambda},
                        {"weight_decay", x.settings.weight_decay},
                        {"d_model", x.settings.d_model},
                        {"lr", x.settings.lr},
                        {"heads", x.settings.n_heads},
                        {"mean_val_acc", x.mean_val_acc},
                        {"min_val_acc", x.min_val_acc},
                        {"generalized", x.generalized},
                        {"all_generalized_at", x.all_generalized_at},
                        {"train_loss", finiteOrNull(x.train_loss)},
                        {"val_loss", finiteOrNull(x.val_loss)},
                        {"seconds", x.seconds}});
    const auto& q = r.request;
    return {{"base", toJson(q.base)},
            {"task", modularTaskName(q.base.task)},
            {"p", q.base.p},
            {"seed", q.base.seed},
            {"steps", q.base.steps},
            {"grid_size", q.gridSize()},
            {"samples", q.samples},
            {"search_seed", q.search_seed},
            {"axes",
             {{"dropout", q.dropouts},
              {"lambda", q.lambdas},
              {"weight_decay", q.weight_decays},
              {"lr", q.lrs},
              {"d_model", q.d_models},
              {"heads", q.heads}}},
            {"complete", r.complete},
            {"rows", rows}};
}

ModularSearchResult modularSearchFromJson(const JsonIn& j) {
    ModularSearchResult r;
    auto& q = r.request;
    q.base = modularTrainSettingsFromJson(j.at("base"));
    q.samples = j.at("samples").integer();
    q.search_seed = seedFromJson(j.at("search_seed"));
    const auto axes = j.at("axes");
    q.dropouts = axes.at("dropout").numbers();
    q.lambdas = axes.at("lambda").numbers();
    q.weight_decays = axes.at("weight_decay").numbers();
    q.lrs = axes.at("lr").numbers();
    q.d_models = axes.at("d_model").integers();
    q.heads = axes.at("heads").integers();
    r.complete = j.at("complete").boolean();
    const auto rows = j.at("rows");
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto x = rows[i];
        ModularSearchRow row;
        row.settings = q.base;  // the cell: the base with its axes' values, as cells() builds it
        row.settings.dropout = x.at("dropout").number();
        row.settings.grokfast_lambda = x.at("lambda").number();
        row.settings.weight_decay = x.at("weight_decay").number();
        row.settings.d_model = x.at("d_model").integer();
        row.settings.lr = x.at("lr").number();
        row.settings.n_heads = x.at("heads").integer();
        row.settings.d_mlp = 0;
        row.mean_val_acc = x.at("mean_val_acc").number();
        row.min_val_acc = x.at("min_val_acc").number();
        row.generalized = x.at("generalized").integer();
        row.all_generalized_at = x.at("all_generalized_at").integer();
        row.train_loss = x.at("train_loss").number();
        row.val_loss = x.at("val_loss").number();
        row.seconds = x.at("seconds").number();
        r.rows.push_back(row);
    }
    return r;
}

namespace {

Json configJson(const ModularConfig& c) {
    return {{"task", modularTaskName(c.task)},
            {"p", c.p},
            {"moduli", c.moduli},
            {"n_layers", c.n_layers},
            {"d_model", c.d_model},
            {"n_heads", c.n_heads},
            {"d_head", c.d_head},
            {"d_mlp", c.d_mlp},
            {"seed", c.seed},
            {"describe", c.describe()}};
}

ModularConfig configFromJson(const JsonIn& j) {
    ModularConfig c;
    c.task = parseModularTask(j.at("task").string());
    c.p = j.at("p").integer();
    c.moduli = j.at("moduli").integers();
    c.n_layers = j.at("n_layers").integer();
    c.d_model = j.at("d_model").integer();
    c.n_heads = j.at("n_heads").integer();
    c.d_head = j.at("d_head").integer();
    c.d_mlp = j.at("d_mlp").integer();
    c.seed = seedFromJson(j.at("seed"));
    c.validate(j.path());
    return c;
}

void putAnalyses(const ModularAnalysisResult& r, Json& j, bool with_maps) {
    if (r.has_positional) {
        j["pearson"] = finiteOrNull(r.positional_pearson);
        j["pos0"] = r.pos0;
        j["pos1"] = r.pos1;
    }
    if (r.has_svd) {
        j["singular_values"] = r.svd.singular_values;
        j["rank50"] = r.svd.rank50;
        j["rank90"] = r.svd.rank90;
        j["svd_rows"] = r.svd.rows;
        j["svd_cols"] = r.svd.cols;
        j["vectors"] = r.svd.vectors;
        j["left_vectors"] = r.svd.left_vectors;
    }
    if (r.has_fourier) {
        j["active_frequencies"] = r.fourier.active;
        j["norms"] = r.fourier.norm;
        j["cos_norms"] = r.fourier.cos_norm;
        j["sin_norms"] = r.fourier.sin_norm;
        j["constant_norm"] = r.fourier.constant_norm;
        j["threshold"] = r.fourier.threshold;
    }
    if (r.has_neurons) {
        Json n = Json::array();
        for (const auto& s : r.neurons)
            n.push_back({{"neuron", s.neuron},
                         {"variance", s.variance},
                         {"kx", s.kx},
                         {"ky", s.ky},
                         {"k", s.k},
                         {"k_share", s.k_share}});
        j["neurons"] = n;
        j["shown"] = r.shown;
        j["concentrated_share"] = r.concentrated_share;
        if (with_maps) {
            Json maps = Json::array(), dfts = Json::array();
            for (const auto& m : r.maps) maps.push_back(floats(m));
            for (const auto& d : r.map_dfts) dfts.push_back(d);
            j["neuron_maps"] = maps;
            j["neuron_dfts"] = dfts;
        }
    }
    if (r.has_attention) {
        j["heads"] = r.attention.size();
        if (with_maps) {
            Json a0 = Json::array(), a1 = Json::array();
            for (const auto& m : r.attention) a0.push_back(floats(m));
            for (const auto& m : r.attention_x1) a1.push_back(floats(m));
            j["attention_x0"] = a0;
            j["attention_x1"] = a1;
        }
    }
}

std::vector<std::vector<float>> mapsFromJson(const JsonIn& j) {
    std::vector<std::vector<float>> out;
    for (size_t i = 0; i < j.size(); ++i) {
        const auto v = j[i].numbers();
        out.emplace_back(v.begin(), v.end());
    }
    return out;
}

}  // namespace

Json toJson(const ModularAnalysisResult& r, bool with_maps) {
    Json analyses = Json::array();
    for (auto a : r.request.analyses) analyses.push_back(modularAnalysisName(a));
    Json j = {{"checkpoint", r.checkpoint},
              {"model_hash", r.model_hash},
              {"config", configJson(r.config)},
              {"request",
               {{"analyses", analyses},
                {"layer", r.request.layer},
                {"neurons_shown", r.request.neurons_shown},
                {"vectors", r.request.vectors}}},
              {"seconds", r.seconds}};
    if (!r.scores.empty()) {
        j["tasks"] = scoresJson(r.scores, true);
        j["history"] = historyJson(r.history);
        j["generalized_at"] = r.generalized_at;
    }
    putAnalyses(r, j, with_maps);
    Json claims = Json::array();
    for (const auto& c : r.claims)
        claims.push_back(
            {{"finding", c.finding}, {"seed", c.seed}, {"ours", c.ours}, {"verdict", c.verdict}});
    j["claims"] = claims;
    return j;
}

ModularAnalysisResult modularAnalysisFromJson(const JsonIn& j) {
    ModularAnalysisResult r;
    r.checkpoint = j.at("checkpoint").string();
    r.model_hash = j.at("model_hash").string();
    r.config = configFromJson(j.at("config"));
    const auto rq = j.at("request");
    for (const auto& a : rq.at("analyses").strings())
        r.request.analyses.push_back(parseModularAnalyses(a).at(0));
    r.request.layer = rq.at("layer").integerIn(0, 15);
    r.request.neurons_shown = rq.at("neurons_shown").integer();
    r.request.vectors = rq.at("vectors").integer();
    r.seconds = j.number("seconds", 0.0);
    if (j.has("tasks")) {
        r.scores = scoresFromJson(j.at("tasks"));
        r.history = historyFromJson(j.at("history"));
        r.generalized_at = j.at("generalized_at").integers();
    }
    if ((r.has_positional = j.has("pos0"))) {
        r.positional_pearson = j.at("pearson").number();
        r.pos0 = j.at("pos0").numbers();
        r.pos1 = j.at("pos1").numbers();
    }
    if ((r.has_svd = j.has("singular_values"))) {
        r.svd.singular_values = j.at("singular_values").numbers();
        r.svd.rank50 = j.at("rank50").integer();
        r.svd.rank90 = j.at("rank90").integer();
        r.svd.rows = j.at("svd_rows").integer();
        r.svd.cols = j.at("svd_cols").integer();
        r.svd.vectors = j.at("vectors").integer();
        r.svd.left_vectors = j.at("left_vectors").numbers();
    }
    if ((r.has_fourier = j.has("norms"))) {
        r.fourier.p = r.config.p;
        r.fourier.active = j.at("active_frequencies").integers();
        r.fourier.norm = j.at("norms").numbers();
        r.fourier.cos_norm = j.at("cos_norms").numbers();
        r.fourier.sin_norm = j.at("sin_norms").numbers();
        r.fourier.constant_norm = j.at("constant_norm").number();
        r.fourier.threshold = j.at("threshold").number();
    }
    if ((r.has_neurons = j.has("neurons"))) {
        const auto n = j.at("neurons");
        for (size_t i = 0; i < n.size(); ++i)
            r.neurons.push_back({n[i].at("neuron").integer(), n[i].at("variance").number(),
                                 n[i].at("kx").integer(), n[i].at("ky").integer(), n[i].at("k").integer(),
                                 n[i].at("k_share").number()});
        r.shown = j.at("shown").integers();
        r.concentrated_share = j.at("concentrated_share").number();
        if (j.has("neuron_maps")) {
            r.maps = mapsFromJson(j.at("neuron_maps"));
            for (size_t i = 0; i < j.at("neuron_dfts").size(); ++i)
                r.map_dfts.push_back(j.at("neuron_dfts")[i].numbers());
        }
    }
    if ((r.has_attention = j.has("heads")) && j.has("attention_x0")) {
        r.attention = mapsFromJson(j.at("attention_x0"));
        r.attention_x1 = mapsFromJson(j.at("attention_x1"));
    }
    const auto claims = j.at("claims");
    for (size_t i = 0; i < claims.size(); ++i)
        r.claims.push_back({claims[i].at("finding").string(), claims[i].at("seed").string(),
                            claims[i].at("ours").string(), claims[i].at("verdict").string()});
    return r;
}

void putArrays(const ModularAnalysisResult& r, const std::string& prefix,
               std::map<std::string, SessionArray>& arrays) {
    const int64_t n = r.config.p * r.config.p;
    auto put = [&](const std::string& name, const std::vector<std::vector<float>>& maps) {
        std::vector<float> all;
        for (const auto& m : maps) all.insert(all.end(), m.begin(), m.end());
        arrays[prefix + name] = {{static_cast<int64_t>(maps.size()), n}, all};
    };
    if (r.has_neurons) put("neuron_maps", r.maps);  // their DFTs are recomputed on reading
    if (r.has_attention) {
        put("attention_x0", r.attention);
        put("attention_x1", r.attention_x1);
    }
}

void takeArrays(ModularAnalysisResult& r, const std::string& prefix,
                const std::map<std::string, SessionArray>& arrays) {
    const auto n = static_cast<size_t>(r.config.p * r.config.p);
    auto take = [&](const std::string& name, size_t count) {
        const auto v = valuesFrom(arrays, prefix + name, count * n);
        std::vector<std::vector<float>> out;
        for (size_t i = 0; i < count; ++i)
            out.emplace_back(v.begin() + static_cast<std::ptrdiff_t>(i * n),
                             v.begin() + static_cast<std::ptrdiff_t>((i + 1) * n));
        return out;
    };
    if (r.has_neurons) {
        r.maps = take("neuron_maps", r.shown.size());
        r.map_dfts.clear();
        for (const auto& m : r.maps) r.map_dfts.push_back(dft2dMagnitude(m, r.config.p));
    }
    if (r.has_attention) {
        const auto heads = static_cast<size_t>(r.config.n_heads);
        r.attention = take("attention_x0", heads);
        r.attention_x1 = take("attention_x1", heads);
    }
}

}  // namespace kronscope::core
