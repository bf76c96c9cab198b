#include "kronscope/core/analysis/modular.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <random>
#include <sstream>

#include "kronscope/core/base/error.h"

namespace kronscope::core {

namespace fs = std::filesystem;

// ---- training

ModularTrainRun runModularTraining(const ModularTrainRequest& request, Progress& progress) {
    request.validate();
    ModularTrainRun out;
    auto train = progress.sub(0.0, 0.97);
    out.run = trainModular(request.settings, train);
    if (!request.settings.out_dir.empty()) {
        const auto model = ModularModel::load(request.settings.out_dir, request.settings.device);
        const auto& s = out.run.settings;
        out.final_scores = model->score(makeModularDataset(s.task, s.p, s.seed));
    }
    progress.report(1.0, "trained");
    return out;
}

// ---- search

int64_t ModularSearchRequest::gridSize() const {
    return static_cast<int64_t>(dropouts.size() * lambdas.size() * weight_decays.size() * lrs.size() *
                                d_models.size() * heads.size());
}

void ModularSearchRequest::validate() const {
    if (dropouts.empty() || lambdas.empty() || weight_decays.empty() || lrs.empty() || d_models.empty() ||
        heads.empty())
        throw InputError("search: every axis (dropout, lambda, weight decay, lr, d, heads) needs a value");
    if (samples < 0 || samples > gridSize())
        throw InputError("search: samples " + std::to_string(samples) + " must be 0 (the whole grid) to " +
                         std::to_string(gridSize()));
    for (const auto& c : cells()) c.validate();
}

std::vector<ModularTrainSettings> ModularSearchRequest::cells() const {
    std::vector<ModularTrainSettings> all;
    for (double dr : dropouts)
        for (double la : lambdas)
            for (double wd : weight_decays)
                for (int64_t d : d_models)
                    for (double lr : lrs)
                        for (int64_t h : heads) {
                            ModularTrainSettings s = base;
                            s.dropout = dr;
                            s.grokfast_lambda = la;
                            s.weight_decay = wd;
                            s.d_model = d;
                            s.lr = lr;
                            s.n_heads = h;
                            s.d_mlp = 0;
                            s.on_eval = nullptr;
                            all.push_back(s);
                        }
    if (samples == 0 || samples >= static_cast<int64_t>(all.size())) return all;
    std::mt19937_64 rng(search_seed);
    std::vector<ModularTrainSettings> out;
    for (int64_t i = 0; i < samples; ++i) {  // partial Fisher-Yates: distinct cells
        const auto j =
            i + static_cast<int64_t>(rng() % static_cast<uint64_t>(static_cast<int64_t>(all.size()) - i));
        std::swap(all[static_cast<size_t>(i)], all[static_cast<size_t>(j)]);
        out.push_back(all[static_cast<size_t>(i)]);
    }
    return out;
}

ModularSearchResult runModularSearch(const ModularSearchRequest& request, Progress& progress) {
    request.validate();
    ModularSearchResult out;
    out.request = request;
    const auto cells = request.cells();
    for (size_t i = 0; i < cells.size(); ++i) {
        if (progress.cancelled()) {
            out.complete = false;
            break;
        }
        auto s = cells[i];
        if (!request.base.out_dir.empty()) {
            char name[32];
            std::snprintf(name, sizeof name, "run-%03zu", i);
            s.out_dir = (fs::path(request.base.out_dir) / name).string();
        }
        auto sub =
            progress.sub(static_cast<double>(i) / cells.size(), static_cast<double>(i + 1) / cells.size());
        ModularTrainResult r;
        try {
            r = trainModular(s, sub);
        } catch (const Cancelled&) {
            out.complete = false;
            break;
        }
        if (r.cancelled) {
            out.complete = false;
            break;
        }
        ModularSearchRow row;
        row.settings = s;
        const auto& last = r.history.back();
        row.train_loss = last.train_loss;
        row.val_loss = last.val_loss;
        row.min_val_acc = 1.0;
        for (const auto& t : last.tasks) {
            row.mean_val_acc += t.val_acc / static_cast<double>(last.tasks.size());
            row.min_val_acc = std::min(row.min_val_acc, t.val_acc);
            if (t.val_acc >= 0.99) ++row.generalized;
        }
        if (!r.generalized_at.empty() &&
            std::all_of(r.generalized_at.begin(), r.generalized_at.end(), [](int64_t g) { return g >= 0; }))
            row.all_generalized_at = *std::max_element(r.generalized_at.begin(), r.generalized_at.end());
        row.seconds = r.seconds;
        out.rows.push_back(row);
    }
    progress.report(1.0, "search done");
    return out;
}

// ---- analyses

const char* modularAnalysisName(ModularAnalysis a) {
    switch (a) {
        case ModularAnalysis::Accuracy:
            return "accuracy";
        case ModularAnalysis::Positional:
            return "positional";
        case ModularAnalysis::Svd:
            return "svd";
        case ModularAnalysis::Fourier:
            return "fourier";
        case ModularAnalysis::Neurons:
            return "neurons";
        case ModularAnalysis::Attention:
            return "attention";
    }
    return "?";
}

namespace {
constexpr ModularAnalysis kAllAnalyses[] = {ModularAnalysis::Accuracy, ModularAnalysis::Positional,
                                            ModularAnalysis::Svd,      ModularAnalysis::Fourier,
                                            ModularAnalysis::Neurons,  ModularAnalysis::Attention};
}

std::vector<ModularAnalysis> parseModularAnalyses(const std::string& name) {
    if (name == "all") return {std::begin(kAllAnalyses), std::end(kAllAnalyses)};
    std::vector<ModularAnalysis> out;
    std::stringstream in(name);
    std::string part;
    while (std::getline(in, part, ',')) {
        bool found = false;
        for (auto a : kAllAnalyses)
            if (part == modularAnalysisName(a)) out.push_back(a), found = true;
        if (!found)
            throw InputError("analysis '" + part +
                             "' is not one of accuracy, positional, svd, fourier, neurons, attention, all");
    }
    if (out.empty()) throw InputError("no analysis chosen");
    return out;
}

bool ModularAnalysisRequest::wants(ModularAnalysis a) const {
    return analyses.empty() || std::find(analyses.begin(), analyses.end(), a) != analyses.end();
}

void ModularAnalysisRequest::validate() const {
    if (layer < 0) throw InputError("layer must be 0 or more");
    if (neurons_shown < 0 || neurons_shown > 64) throw InputError("neurons shown must be 0 to 64");
    if (vectors < 0 || vectors > 32) throw InputError("singular vectors must be 0 to 32");
}

namespace {

std::string fmt(double x, int digits = 2) {
    std::ostringstream o;
    o.setf(std::ios::fixed);
    o.precision(digits);
    o << x;
    return o.str();
}

void positionalClaim(ModularAnalysisResult& r) {
    const auto t = r.config.task;
    if (t != ModularTask::Nanda && t != ModularTask::Miiii) return;
    const double seed = t == ModularTask::Nanda ? 0.95 : -0.64;
    const double ours = r.positional_pearson;
    const bool holds = std::isfinite(ours) && (ours > 0) == (seed > 0) && std::abs(ours) >= 0.5;
    r.claims.push_back(
        {std::string("positional-embedding correlation (") + modularTaskName(t) + ")", fmt(seed), fmt(ours),
         holds ? "holds (same sign, |r| >= 0.5)" : "does not hold (rule: same sign, |r| >= 0.5)"});
}

void fourierClaim(ModularAnalysisResult& r) {
    const auto n = static_cast<int64_t>(r.fourier.active.size());
    const auto k = static_cast<int64_t>(r.fourier.norm.size());
    const std::string ours = std::to_string(n) + " of " + std::to_string(k);
    switch (r.config.task) {
        case ModularTask::Nanda:
            r.claims.push_back({"active frequencies of W_E (nanda)", "few", ours,
                                n >= 1 && n <= 8 ? "holds (rule: 1 to 8)" : "does not hold (rule: 1 to 8)"});
            break;
        case ModularTask::Miiii:
            r.claims.push_back({"active frequencies of W_E (miiii)", "many (broad spectrum)", ours,
                                n > 8 ? "holds (rule: more than 8)" : "does not hold (rule: more than 8)"});
            break;
        case ModularTask::Basis:
            r.claims.push_back({"active frequencies of W_E (basis)", "none", ours,
                                n == 0 ? "holds" : "does not hold (rule: none above mean + 2 std)"});
            break;
        case ModularTask::Masked:
            break;
    }
}

void rankClaim(ModularAnalysisResult& r) {
    const auto t = r.config.task;
    if (t != ModularTask::Nanda && t != ModularTask::Miiii) return;
    const int64_t full = std::min(r.svd.rows, r.svd.cols);
    const double share = static_cast<double>(r.svd.rank90) / static_cast<double>(full);
    const std::string ours = "r50 " + std::to_string(r.svd.rank50) + ", r90 " + std::to_string(r.svd.rank90) +
                             " of " + std::to_string(full);
    if (t == ModularTask::Nanda)
        r.claims.push_back({"W_E spectrum (nanda)", "concentrated", ours,
                            share <= 0.2 ? "holds (rule: r90 <= 20% of the rank)"
                                         : "does not hold (rule: r90 <= 20% of the rank)"});
    else
        r.claims.push_back({"W_E spectrum (miiii)", "diffuse (more components than nanda)", ours,
                            share > 0.2 ? "holds (rule: r90 > 20% of the rank)"
                                        : "does not hold (rule: r90 > 20% of the rank)"});
}

void accuracyClaims(ModularAnalysisResult& r) {
    const auto t = r.config.task;
    if (r.scores.empty()) return;
    double mean_val = 0, chance_gap = 0;
    for (const auto& s : r.scores) {
        mean_val += s.val_acc / static_cast<double>(r.scores.size());
        chance_gap += (s.val_acc - 1.0 / static_cast<double>(s.q)) / static_cast<double>(r.scores.size());
    }
    if (t == ModularTask::Basis) {
        r.claims.push_back({"validation accuracy (basis)", "chance",
                            fmt(mean_val, 3) + " (chance + " + fmt(chance_gap, 3) + ")",
                            std::abs(chance_gap) < 0.05 ? "holds (rule: within 0.05 of chance)"
                                                        : "does not hold (rule: within 0.05 of chance)"});
    } else {
        r.claims.push_back({std::string("validation accuracy (") + modularTaskName(t) + ")", "1.000",
                            fmt(mean_val, 3),
                            mean_val >= 0.99 ? "holds (rule: >= 0.99)" : "does not hold (rule: >= 0.99)"});
    }
    if (t != ModularTask::Miiii || r.generalized_at.empty()) return;
    // Seed: q = 2, 3, 5, 7 generalized in succession, the other 25 later.
    auto at = [&](int64_t q) {
        for (size_t k = 0; k < r.config.moduli.size(); ++k)
            if (r.config.moduli[k] == q) return r.generalized_at[k];
        return int64_t{-1};
    };
    std::ostringstream ours;
    int64_t rest_min = -1, missing = 0;
    for (size_t k = 0; k < r.config.moduli.size(); ++k) {
        const auto g = r.generalized_at[k];
        if (g < 0) ++missing;
        if (r.config.moduli[k] > 7 && g >= 0) rest_min = rest_min < 0 ? g : std::min(rest_min, g);
    }
    ours << "2: " << at(2) << ", 3: " << at(3) << ", 5: " << at(5) << ", 7: " << at(7) << ", others from "
         << rest_min;
    const bool ordered = at(2) >= 0 && at(2) <= at(3) && at(3) <= at(5) && at(5) <= at(7) &&
                         (rest_min < 0 || at(7) <= rest_min);
    const std::string verdict =
        missing > 0 ? "not decided: " + std::to_string(missing) + " tasks have not generalized"
        : ordered   ? "holds"
                    : "does not hold";
    r.claims.push_back(
        {"miiii: tasks generalize in the order 2, 3, 5, 7, then the rest (step of val acc >= 0.99)",
         "2, 3, 5, 7 first", ours.str(), verdict});
}

void neuronAnalysis(const ModularModel& model, const ModularAnalysisRequest& rq, ModularAnalysisResult& r,
                    Progress& progress) {
    const auto& c = model.config();
    if (rq.layer >= c.n_layers)
        throw InputError("layer " + std::to_string(rq.layer) + " is outside the model");
    const auto acts = model.neuronActivations(rq.layer);
    r.neurons = summarizeNeurons(acts, c.p, c.d_mlp, &progress);
    std::vector<int64_t> order(static_cast<size_t>(c.d_mlp));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
        return r.neurons[static_cast<size_t>(a)].variance > r.neurons[static_cast<size_t>(b)].variance;
    });
    int64_t live = 0, concentrated = 0;
    for (const auto& n : r.neurons)
        if (n.variance > 0) ++live, concentrated += n.k_share >= 0.5 ? 1 : 0;
    r.concentrated_share = live > 0 ? static_cast<double>(concentrated) / static_cast<double>(live) : 0.0;
    for (int64_t i = 0; i < std::min<int64_t>(rq.neurons_shown, c.d_mlp); ++i) {
        const int64_t n = order[static_cast<size_t>(i)];
        std::vector<float> map(static_cast<size_t>(c.p * c.p));
        for (int64_t x = 0; x < c.p * c.p; ++x)
            map[static_cast<size_t>(x)] = acts[static_cast<size_t>(x * c.d_mlp + n)];
        r.shown.push_back(n);
        r.map_dfts.push_back(dft2dMagnitude(map, c.p));
        r.maps.push_back(std::move(map));
    }
    r.has_neurons = true;
}

void attentionAnalysis(const ModularModel& model, const ModularAnalysisRequest& rq,
                       ModularAnalysisResult& r) {
    const auto& c = model.config();
    if (rq.layer >= c.n_layers)
        throw InputError("layer " + std::to_string(rq.layer) + " is outside the model");
    const auto pat = model.attentionPatterns(rq.layer);  // (heads, p^2, 3)
    const int64_t n = c.p * c.p;
    for (int64_t h = 0; h < c.n_heads; ++h) {
        std::vector<float> a0(static_cast<size_t>(n)), a1(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) {
            a0[static_cast<size_t>(i)] = pat[static_cast<size_t>((h * n + i) * 3 + 0)];
            a1[static_cast<size_t>(i)] = pat[static_cast<size_t>((h * n + i) * 3 + 1)];
        }
        r.attention.push_back(std::move(a0));
        r.attention_x1.push_back(std::move(a1));
    }
    r.has_attention = true;
}

}  // namespace

ModularAnalysisResult runModularAnalysis(const ModularModel& model, const ModularAnalysisRequest& rq,
                                         Progress& progress) {
    rq.validate();
    const auto t0 = std::chrono::steady_clock::now();
    ModularAnalysisResult r;
    r.request = rq;
    r.checkpoint = model.directory();
    r.model_hash = model.contentHash();
    r.config = model.config();
    const auto& c = r.config;
    const double steps = 6;
    auto step = [&](int i, const char* what) {
        progress.throwIfCancelled();
        progress.report(i / steps, what);
    };
    if (rq.wants(ModularAnalysis::Accuracy)) {
        step(0, "accuracy");
        r.scores = model.score(makeModularDataset(c.task, c.p, c.seed));
        r.history = readModularLog(model.directory());
        r.generalized_at = modularGeneralizedAt(r.history);
        accuracyClaims(r);
    }
    if (rq.wants(ModularAnalysis::Positional)) {
        step(1, "positional embedding");
        const auto w = model.tensor("pos_embed.W_pos");
        r.pos0.assign(w.begin(), w.begin() + c.d_model);
        r.pos1.assign(w.begin() + c.d_model, w.begin() + 2 * c.d_model);
        r.positional_pearson = pearson(r.pos0, r.pos1);
        r.has_positional = true;
        positionalClaim(r);
    }
    MatrixF numbers;  // W_E without the "=" row
    if (rq.wants(ModularAnalysis::Svd) || rq.wants(ModularAnalysis::Fourier)) {
        numbers = model.originalMatrix("embed.W_E");
        numbers.rows = c.p;
        numbers.values.resize(static_cast<size_t>(c.p * c.d_model));
    }
    if (rq.wants(ModularAnalysis::Svd)) {
        step(2, "SVD of W_E");
        r.svd = spectrumOf(numbers, rq.vectors);
        r.has_svd = true;
        rankClaim(r);
    }
    if (rq.wants(ModularAnalysis::Fourier)) {
        step(3, "Fourier transform of W_E");
        r.fourier = fourierOfRows(numbers, c.p);
        r.has_fourier = true;
        fourierClaim(r);
    }
    if (rq.wants(ModularAnalysis::Neurons)) {
        step(4, "neuron maps");
        auto sub = progress.sub(4 / steps, 5 / steps);
        neuronAnalysis(model, rq, r, sub);
    }
    if (rq.wants(ModularAnalysis::Attention)) {
        step(5, "attention patterns");
        attentionAnalysis(model, rq, r);
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    progress.report(1.0, "modular analyses done");
    return r;
}

}  // namespace kronscope::core
