#include "kronscope/core/analysis/healing.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "kronscope/core/base/error.h"
#include "kronscope/core/model/model_locator.h"
#include "kronscope/core/tokenizer/tokenizer.h"
#include "kronscope/core/train/corpus.h"

namespace kronscope::core {

void HealRequest::validate() const {
    if (model.empty()) throw InputError("model: choose a checkpoint");
    if (corpus.empty()) throw InputError("corpus: choose brown or a text file");
    if (corpus == "brown" && !validation.empty())
        throw InputError("validation: a text for text-file corpora; brown has its own");
    settings.validate();
}

HealingResult runHealing(const HealRequest& rq, Progress& progress) {
    rq.validate();
    HealingResult out;
    out.request = rq;
    out.request.settings.on_eval = nullptr;
    const std::string dir = resolveModel(rq.model);
    auto prep = progress.sub(0.0, 0.03);
    prep.report(0.0, "tokenizing the corpus");
    const bool brown = rq.corpus == "brown";
    const CorpusSplit split = brown ? loadBrownCorpus() : loadTextCorpus(rq.corpus, rq.validation);
    const auto tok = Gpt2Tokenizer::forCheckpoint(dir);
    auto train_ids = tok.encode(split.train);
    std::vector<int32_t> heldout;
    const auto name = [](const std::string& p) { return std::filesystem::path(p).filename().string(); };
    if (brown || !rq.validation.empty()) {
        heldout = tok.encode(split.validation);
        out.corpus_name = brown ? "brown train split" : name(rq.corpus);
        out.heldout_name = brown ? "brown validation split" : name(rq.validation);
    } else {
        const size_t cut = train_ids.size() - train_ids.size() / 10;
        heldout.assign(train_ids.begin() + static_cast<std::ptrdiff_t>(cut), train_ids.end());
        train_ids.resize(cut);
        out.corpus_name = name(rq.corpus) + " (first 90% of its tokens)";
        out.heldout_name = name(rq.corpus) + " (last 10% of its tokens)";
    }
    out.train_tokens = static_cast<int64_t>(train_ids.size());
    out.heldout_tokens = static_cast<int64_t>(heldout.size());
    auto run = progress.sub(0.03, 1.0);
    HealSettings settings = rq.settings;
    settings.resume_context =
        nlohmann::json{{"model", rq.model}, {"corpus", rq.corpus}, {"validation", rq.validation}}.dump();
    out.run = healGpt2(dir, train_ids, heldout, settings, run);
    out.run.settings.resume_context.clear();
    return out;
}

HealRequest loadHealRequest(const std::string& out_dir) {
    HealRequest rq;
    rq.settings = loadHealSettings(out_dir);
    try {
        const auto context = nlohmann::json::parse(rq.settings.resume_context);
        rq.model = context.at("model").get<std::string>();
        rq.corpus = context.at("corpus").get<std::string>();
        rq.validation = context.at("validation").get<std::string>();
    } catch (const nlohmann::json::exception&) {
        throw InputError((std::filesystem::path(out_dir) / kHealStateFile).string() +
                         ": no request saved with the state (not written by heal?)");
    }
    rq.settings.resume_context.clear();
    return rq;
}

void HealSweepRequest::validate() const {
    base.validate();
    if (methods.empty()) throw InputError("methods: give at least one of kron, svd, hybrid, reverse-hybrid");
    if (block_sizes.empty()) throw InputError("block sizes: give at least one");
    for (const auto& m : methods) {
        HealSettings s = base.settings;
        s.method = m;
        s.validate();
    }
}

HealSweepResult runHealSweep(const HealSweepRequest& rq, Progress& progress) {
    rq.validate();
    HealSweepResult out;
    out.request = rq;
    std::vector<std::pair<std::string, int64_t>> runs;
    if (rq.control) runs.emplace_back("none", 0);
    if (!rq.matched_dense.empty()) runs.emplace_back("matched-dense", 0);
    for (const auto& m : rq.methods)
        for (const auto n : rq.block_sizes) runs.emplace_back(m, n);
    const std::string out_root = rq.base.settings.out_dir;
    for (size_t i = 0; i < runs.size(); ++i) {
        HealRequest one = rq.base;
        one.settings.method = runs[i].first;
        if (runs[i].first == "matched-dense") one.model = rq.matched_dense, one.settings.method = "none";
        if (runs[i].second > 0) one.settings.block_size = runs[i].second;
        one.settings.out_dir =
            out_root.empty()
                ? ""
                : (std::filesystem::path(out_root) /
                   (runs[i].first + (runs[i].second > 0 ? "-n" + std::to_string(runs[i].second) : "")))
                      .string();
        auto p = progress.sub(static_cast<double>(i) / static_cast<double>(runs.size()),
                              static_cast<double>(i + 1) / static_cast<double>(runs.size()));
        out.rows.push_back(runHealing(one, p));
        if (out.rows.back().run.cancelled) {
            out.complete = false;
            break;
        }
    }
    return out;
}

std::string healSweepTable(const HealSweepResult& r, bool csv) {
    std::ostringstream o;
    char b[256];
    if (csv)
        o << "method,block_size,params,replaced_params,replaced_dense_params,ppl_original,ppl_surgery,"
             "ppl_healed,steps\n";
    else
        o << "| method | n | params (model) | replaced: factors / dense | PPL original | PPL after surgery | "
             "PPL healed |\n|---|---|---|---|---|---|---|\n";
    for (const auto& row : r.rows) {
        const auto& h = row.run;
        int64_t fac = 0, dense = 0;
        for (const auto& m : h.matrices) fac += m.params, dense += m.dense_params;
        const bool other = row.request.model != r.request.base.model;  // the matched dense model
        const std::string method =
            other ? "dense " + std::filesystem::path(row.request.model).filename().string() + " (control)"
            : h.settings.method == "none" ? "none (control)"
                                          : h.settings.method;
        const std::string n = h.settings.method == "none" ? "-" : std::to_string(h.settings.block_size);
        if (csv)
            std::snprintf(b, sizeof b, "%s,%s,%lld,%lld,%lld,%.17g,%.17g,%.17g,%lld\n",
                          other ? "matched-dense" : h.settings.method.c_str(), n.c_str(),
                          static_cast<long long>(h.params), static_cast<long long>(fac),
                          static_cast<long long>(dense), h.ppl_original, h.ppl_surgery, h.ppl_healed,
                          static_cast<long long>(h.steps));
        else
            std::snprintf(b, sizeof b, "| %s | %s | %lld | %lld / %lld | %.2f | %.2f | %.2f |\n",
                          method.c_str(), n.c_str(), static_cast<long long>(h.params),
                          static_cast<long long>(fac), static_cast<long long>(dense), h.ppl_original,
                          h.ppl_surgery, h.ppl_healed);
        o << b;
    }
    if (!csv && !r.rows.empty()) {
        const auto& f = r.rows.front();
        o << "\nSame budget for every row: " << f.run.settings.steps << " steps of "
          << f.run.settings.batch_size << " x " << f.run.settings.context_length << " tokens on "
          << f.corpus_name << "; PPL on " << f.heldout_name << " (" << f.run.eval_tokens
          << " tokens, windows of " << f.run.settings.context_length + 1 << " with stride "
          << f.run.settings.context_length << "); " << f.run.settings.init << " init; "
          << (f.run.settings.train_dense ? "dense weights trained too" : "dense weights frozen") << "; seed "
          << f.run.settings.seed << (r.complete ? "" : "; cancelled: incomplete") << "\n";
    }
    return o.str();
}

}  // namespace kronscope::core
