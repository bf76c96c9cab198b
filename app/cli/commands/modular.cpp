// kronscope-cli modular: train, search and analyze the modular-arithmetic models of seed 002.
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli_args.h"
#include "common.h"
#include "kronscope/core/analysis/modular.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/codec/modular_json.h"
#include "probe_tables.h"

namespace kronscope::cli {

namespace {

/// The training options shared by train and search.
core::ModularTrainSettings trainSettings(const Args& args) {
    core::ModularTrainSettings s;
    try {
        s.task = core::parseModularTask(args.get("task", "nanda"));
    } catch (const core::InputError& e) {
        throw UsageError(std::string("--") + e.what());
    }
    s.p = args.getInt("p", 113, 3, core::kModularMaxP);
    s.seed = static_cast<uint64_t>(args.getInt("seed", 0, 0, 1LL << 62));
    s.steps = args.getInt("steps", s.steps, 1, 10'000'000);
    s.eval_interval = args.getInt(
        "eval-interval", std::max<long long>(1, std::min<long long>(100, s.steps / 50)), 1, 1LL << 40);
    s.stop_after = args.getInt("stop-after", 0, 0, 10'000'000);
    s.lr = args.getDouble("lr", s.lr, 1e-9, 1.0);
    s.weight_decay = args.getDouble("weight-decay", s.weight_decay, 0.0, 100.0);
    s.dropout = args.getDouble("dropout", s.dropout, 0.0, 0.99);
    s.grokfast_alpha = args.getDouble("grokfast-alpha", s.grokfast_alpha, 0.0, 0.9999);
    s.grokfast_lambda = args.getDouble("grokfast-lambda", s.grokfast_lambda, 0.0, 100.0);
    s.d_model = args.getInt("d-model", s.d_model, 2, 4096);
    s.n_heads = args.getInt("heads", s.n_heads, 1, 256);
    s.n_layers = args.getInt("layers", s.n_layers, 1, 16);
    s.device = args.get("device", "cpu");
    s.save_dtype = args.get("dtype", "F32");
    return s;
}

void printScores(const std::vector<core::ModularTaskScore>& tasks, bool test) {
    std::cout << "   q  train acc  val acc" << (test ? "  test acc" : "") << "  val loss\n";
    for (const auto& t : tasks) {
        std::cout << std::setw(4) << t.q << "  " << std::setw(9) << fixed(t.train_acc, 4) << "  "
                  << std::setw(7) << fixed(t.val_acc, 4);
        if (test) std::cout << "  " << std::setw(8) << fixed(t.test_acc, 4);
        std::cout << "  " << std::setw(8) << fixed(t.val_loss, 4) << "\n";
    }
}

const std::set<std::string> kTrainOptions = {"task",
                                             "p",
                                             "seed",
                                             "steps",
                                             "eval-interval",
                                             "stop-after",
                                             "lr",
                                             "weight-decay",
                                             "dropout",
                                             "grokfast-alpha",
                                             "grokfast-lambda",
                                             "d-model",
                                             "heads",
                                             "layers",
                                             "device",
                                             "dtype",
                                             "out"};

int runTrain(const std::vector<std::string>& argv) {
    Args args(argv, kTrainOptions, {"json", "quiet", "resume"});
    core::ModularTrainRequest rq;
    const std::string out = args.require("out");
    if (args.flag("resume")) {
        rq.settings = core::loadModularSettings(out);
        if (args.has("steps")) rq.settings.steps = args.getInt("steps", 0, 1, 10'000'000);
        if (args.has("stop-after")) rq.settings.stop_after = args.getInt("stop-after", 0, 0, 10'000'000);
        if (args.has("device")) rq.settings.device = args.get("device");
    } else {
        rq.settings = trainSettings(args);
    }
    rq.settings.out_dir = out;
    try {
        rq.validate();
    } catch (const core::InputError& e) {
        throw usageErrorFor(e);
    }
    core::ModularTrainRun run;
    {
        JobProgress jp(!args.flag("quiet"));
        run = core::runModularTraining(rq, jp.progress);
    }
    if (args.flag("json")) {
        auto j = core::toJson(run);
        j["app_version"] = core::buildInfo().app_version;
        printJson(j);
        return 0;
    }
    const auto& r = run.run;
    std::cout << "modular: " << r.settings.describe() << "\n"
              << (r.cancelled  ? "cancelled"
                  : r.complete ? "finished"
                               : "stopped")
              << " at step " << r.steps_done << " in " << fixed(r.seconds, 1) << " s ("
              << fixed(r.steps_per_second, 1) << " steps/s)\n";
    printScores(run.final_scores.empty() ? r.history.back().tasks : run.final_scores,
                !run.final_scores.empty());
    std::cout << "wrote " << out
              << "/config.json, model.safetensors, training_log.json (resumable: --resume)\n";
    return 0;
}

int runSearch(const std::vector<std::string>& argv) {
    auto options = kTrainOptions;
    for (const char* o :
         {"samples", "search-seed", "dropouts", "lambdas", "weight-decays", "lrs", "d-models", "heads-list"})
        options.insert(o);
    Args args(argv, options, {"json", "quiet"});
    core::ModularSearchRequest rq;
    rq.base = trainSettings(args);
    rq.base.out_dir = args.get("out", "");
    rq.samples = args.getInt("samples", rq.samples, 0, 1 << 20);
    rq.search_seed = static_cast<uint64_t>(args.getInt("search-seed", 0, 0, 1LL << 62));
    auto doubles = [&](const char* key, std::vector<double>& into) {
        if (!args.has(key)) return;
        into.clear();
        for (const auto& x : splitList(args.get(key))) {
            try {
                into.push_back(std::stod(x));
            } catch (const std::exception&) {
                throw UsageError(std::string("--") + key + ": '" + x + "' is not a number");
            }
        }
    };
    doubles("dropouts", rq.dropouts);
    doubles("lambdas", rq.lambdas);
    doubles("weight-decays", rq.weight_decays);
    doubles("lrs", rq.lrs);
    if (args.has("d-models")) {
        rq.d_models.clear();
        for (auto v : args.getIntList("d-models", {})) rq.d_models.push_back(v);
    }
    if (args.has("heads-list")) {
        rq.heads.clear();
        for (auto v : args.getIntList("heads-list", {})) rq.heads.push_back(v);
    }
    try {
        rq.validate();
    } catch (const core::InputError& e) {
        throw usageErrorFor(e);
    }
    core::ModularSearchResult r;
    {
        JobProgress jp(!args.flag("quiet"));
        r = core::runModularSearch(rq, jp.progress);
    }
    if (args.flag("json")) {
        printJson(core::toJson(r));
        return 0;
    }
    std::cout << "search over " << rq.gridSize() << " cells, " << r.rows.size() << " run ("
              << modularTaskName(rq.base.task) << ", p = " << rq.base.p << ", " << rq.base.steps
              << " steps each)\n"
              << "dropout  lambda  wd     d    lr       heads  mean val acc  min val acc  all >= 0.99 at\n";
    for (const auto& x : r.rows)
        std::cout << std::setw(7) << fixed(x.settings.dropout, 2) << "  " << std::setw(6)
                  << fixed(x.settings.grokfast_lambda, 1) << "  " << std::setw(5)
                  << fixed(x.settings.weight_decay, 2) << "  " << std::setw(3) << x.settings.d_model << "  "
                  << std::setw(7) << x.settings.lr << "  " << std::setw(5) << x.settings.n_heads << "  "
                  << std::setw(12) << fixed(x.mean_val_acc, 4) << "  " << std::setw(11)
                  << fixed(x.min_val_acc, 4) << "  "
                  << (x.all_generalized_at < 0 ? std::string("never") : std::to_string(x.all_generalized_at))
                  << "\n";
    return 0;
}

void printAnalysis(const core::ModularAnalysisResult& r) {
    std::cout << "modular model " << r.checkpoint << ": " << r.config.describe() << "\n";
    if (!r.scores.empty()) printScores(r.scores, true);
    if (r.has_positional)
        std::cout << "positional embedding: Pearson r(W_pos[0], W_pos[1]) = "
                  << fixed(r.positional_pearson, 4) << "\n";
    if (r.has_svd)
        std::cout << "W_E (" << r.svd.rows << " x " << r.svd.cols
                  << ") singular values: 50% of the variance at rank " << r.svd.rank50 << ", 90% at rank "
                  << r.svd.rank90 << "\n";
    if (r.has_fourier) {
        std::cout << "W_E Fourier: " << r.fourier.active.size() << " active of " << r.fourier.norm.size()
                  << " frequencies (norm > mean + 2 std = " << fixed(r.fourier.threshold, 4) << "):";
        for (auto k : r.fourier.active)
            std::cout << " " << k << " (" << fixed(r.fourier.norm[static_cast<size_t>(k - 1)], 3) << ")";
        std::cout << "\n";
    }
    if (r.has_neurons)
        std::cout << "neurons: " << fixed(100 * r.concentrated_share, 1)
                  << "% of the active neurons hold >= 50% of their non-constant energy in one frequency k's "
                     "family (k x0, k "
                     "x1, k (x0 +- x1))\n";
    if (r.has_attention)
        std::cout << "attention: " << r.attention.size() << " heads over the " << r.config.p << " x "
                  << r.config.p << " grid (--json)\n";
    if (!r.claims.empty()) {
        std::cout << "seed 002 beside this model:\n";
        for (const auto& c : r.claims)
            std::cout << "  " << c.finding << ": seed " << c.seed << ", here " << c.ours << " -> "
                      << c.verdict << "\n";
    }
}

int runAnalyze(const std::vector<std::string>& argv) {
    Args args(argv, {"model", "analysis", "layer", "neurons", "vectors", "device"}, {"json", "quiet"});
    core::ModularAnalysisRequest rq;
    try {
        rq.analyses = core::parseModularAnalyses(args.get("analysis", "all"));
    } catch (const core::InputError& e) {
        throw UsageError(std::string("--") + e.what());
    }
    rq.layer = static_cast<int>(args.getInt("layer", 0, 0, 15));
    rq.neurons_shown = args.getInt("neurons", 8, 0, 64);
    rq.vectors = args.getInt("vectors", 4, 0, 32);
    const auto model = core::ModularModel::load(args.require("model"), args.get("device", "cpu"));
    core::ModularAnalysisResult r;
    {
        JobProgress jp(!args.flag("quiet"));
        r = core::runModularAnalysis(*model, rq, jp.progress);
    }
    if (args.flag("json")) {
        auto j = core::toJson(r);
        j["result_version"] = core::kResultJsonVersion;
        j["app_version"] = core::buildInfo().app_version;
        printJson(j);
        return 0;
    }
    printAnalysis(r);
    return 0;
}

int runModular(const std::vector<std::string>& argv) {
    if (argv.empty()) throw UsageError("modular: give train, search or analyze");
    const std::vector<std::string> rest(argv.begin() + 1, argv.end());
    if (argv[0] == "train") return runTrain(rest);
    if (argv[0] == "search") return runSearch(rest);
    if (argv[0] == "analyze") return runAnalyze(rest);
    throw UsageError("modular: '" + argv[0] + "' is not train, search or analyze");
}

}  // namespace

Command modularCommand() {
    return {
        "modular",
        "seed 002: train, search and dissect modular-arithmetic transformers (Fourier, SVD, neurons)",
        "Usage: kronscope-cli modular train --task nanda|miiii|basis|masked [--p 113] [--seed S] [--steps "
        "N]\n"
        "                                   [--lr 0.001] [--weight-decay 1] [--dropout 0] [--grokfast-alpha "
        "0.98]\n"
        "                                   [--grokfast-lambda 2] [--d-model 128] [--heads 4] [--layers 1]\n"
        "                                   [--eval-interval K] [--stop-after N] [--device cpu|cuda]\n"
        "                                   [--dtype F32|F16|BF16] --out DIR [--resume] [--quiet] [--json]\n"
        "       kronscope-cli modular search [the train options] [--samples 8] [--search-seed S]\n"
        "                                   [--dropouts 0,0.5,0.2,0.1] [--lambdas 0,0.5,2] [--weight-decays "
        "0,0.1,0.5,1]\n"
        "                                   [--lrs 3e-4,1e-4] [--d-models 128,256] [--heads-list 4,8] [--out "
        "DIR]\n"
        "       kronscope-cli modular analyze --model DIR [--analysis "
        "fourier|svd|positional|neurons|attention|accuracy|all]\n"
        "                                   [--layer 0] [--neurons 8] [--vectors 4] [--json]\n"
        "Tasks (science.md): inputs [x0, x1, =]; nanda (x0 + x1) mod p; miiii (x0 + x1 p) mod q for every "
        "prime\n"
        "q < p (29 heads at p = 113); basis miiii's labels shuffled (seeded); masked miiii without q in "
        "{2,3,5,7}.\n"
        "Split (seeded): 30% train, 1,000 validation, the rest test. Model: embedding + positional "
        "embedding,\n"
        "attention + ReLU MLP (4 d), no LayerNorm, no biases, He init, one unembedding per task. Full-batch\n"
        "AdamW (beta2 0.98, constant lr, weight decay on every weight), loss sum CE_q / ln q, Grokfast-EMA\n"
        "(lambda 0 = off). train writes DIR/config.json (HookedTransformerConfig names + task, p), "
        "model.safetensors\n"
        "(TransformerLens names), training_log.json and a resumable modular_state.pt; Ctrl-C stops and "
        "saves.\n"
        "JSON: train tasks[] (q, train_acc, val_acc, test_acc); analyze: fourier active_frequencies, "
        "norms[];\n"
        "svd singular_values[], rank50, rank90; positional pearson; neurons neurons[], neuron_maps[];\n"
        "attention attention_x0[], attention_x1[]; claims[] (seed 002's finding beside this model's).\n"
        "search runs --samples cells (0 = all) of the seed's Table 1 grid, --steps each, and prints a "
        "table.\n"
        "The structure probes run on a modular model too: kronscope-cli probe --model DIR ...\n",
        runModular};
}

}  // namespace kronscope::cli
