#pragma once
// The modular-arithmetic lab (seed 002; the Modular arithmetic page and `kronscope-cli modular`): training,
// a small hyper-parameter search over the seed's Table 1 space, and the analyses of a trained model, each
// beside the seed's number where the seed states one. One request, one run, one result per use case.
#include <cstdint>
#include <string>
#include <vector>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/modular/modular_model.h"
#include "kronscope/core/modular/modular_trainer.h"

namespace kronscope::core {

// ---- training

struct ModularTrainRequest {
    ModularTrainSettings settings;
    void validate() const { settings.validate(); }
};

struct ModularTrainRun {
    ModularTrainResult run;
    /// The written model's scores on train / validation / test (empty without an out_dir or when cancelled
    /// before the first step).
    std::vector<ModularTaskScore> final_scores;
};

/// Trains (and, with an out_dir, reloads the written model and scores it on all three splits).
ModularTrainRun runModularTraining(const ModularTrainRequest& request, Progress& progress);

// ---- search

struct ModularSearchRequest {
    ModularTrainSettings base;  // task, p, seed, steps, device; out_dir "" (runs are not kept) or a folder
                                // that receives one sub-folder per run (run-000, ...)
    /// The axes (the seed's Table 1 by default: dropout {0, 1/2, 1/5, 1/10}, lambda {0, 1/2, 2}, weight
    /// decay {0, 1/10, 1/2, 1}, d {128, 256}, lr {3e-4, 1e-4}, heads {4, 8}).
    std::vector<double> dropouts{0.0, 0.5, 0.2, 0.1}, lambdas{0.0, 0.5, 2.0},
        weight_decays{0.0, 0.1, 0.5, 1.0};
    std::vector<double> lrs{3e-4, 1e-4};
    std::vector<int64_t> d_models{128, 256}, heads{4, 8};
    int64_t samples = 8;       // 0 = the whole grid; else this many distinct cells drawn with search_seed
    uint64_t search_seed = 0;  // the draw (std::mt19937_64, partial Fisher-Yates over the grid's cells)
    int64_t gridSize() const;
    /// InputError naming the field (an empty axis, samples beyond the grid, the base settings' own checks).
    void validate() const;
    /// The cells run, in order.
    std::vector<ModularTrainSettings> cells() const;
};

struct ModularSearchRow {
    ModularTrainSettings settings;
    double mean_val_acc = 0, min_val_acc = 0, train_loss = 0, val_loss = 0;
    int64_t generalized = 0;          // tasks with validation accuracy >= 0.99 at the end
    int64_t all_generalized_at = -1;  // first evaluated step where every task had >= 0.99 (-1: never)
    double seconds = 0;
};

struct ModularSearchResult {
    ModularSearchRequest request;
    std::vector<ModularSearchRow> rows;  // one per cell run, in order
    bool complete = true;                // false when cancelled (rows holds the finished cells)
};

ModularSearchResult runModularSearch(const ModularSearchRequest& request, Progress& progress);

// ---- analyses

enum class ModularAnalysis { Accuracy = 0, Positional = 1, Svd = 2, Fourier = 3, Neurons = 4, Attention = 5 };
const char* modularAnalysisName(
    ModularAnalysis a);  // "accuracy", "positional", "svd", "fourier", "neurons", "attention"
/// Also accepts "all" (returns every analysis). InputError naming the choices.
std::vector<ModularAnalysis> parseModularAnalyses(const std::string& name);

struct ModularAnalysisRequest {
    std::vector<ModularAnalysis> analyses;  // empty = all
    int layer = 0;                          // neurons and attention
    int64_t neurons_shown = 8;              // maps (and their 2D DFTs) kept for the most variable neurons
    int64_t vectors = 4;                    // top singular vectors of W_E kept
    bool wants(ModularAnalysis a) const;
    void validate() const;
};

/// A finding of seed 002 beside Kronscope's on the model at hand.
struct ModularClaim {
    std::string finding;  // "positional-embedding correlation (nanda)"
    std::string seed;     // "0.95"
    std::string ours;     // "0.91"
    std::string verdict;  // "holds", "does not hold", "not comparable (task miiii)"
};

struct ModularAnalysisResult {
    ModularAnalysisRequest request;
    std::string checkpoint, model_hash;
    ModularConfig config;
    std::vector<ModularTaskScore> scores;  // accuracy: every head on the three splits of config.seed
    std::vector<ModularEval> history;      // accuracy: DIR/training_log.json, when the folder has one
    std::vector<int64_t> generalized_at;   // per task, from the history (-1: never, or no history)
    bool has_positional = false;
    double positional_pearson = 0;
    std::vector<double> pos0, pos1;  // W_pos rows 0 and 1
    bool has_svd = false;
    SpectrumResult svd;  // of W_E rows 0..p-1
    bool has_fourier = false;
    FourierResult fourier;
    bool has_neurons = false;
    std::vector<NeuronSummary> neurons;         // every neuron
    std::vector<int64_t> shown;                 // the neurons whose maps are kept (most variable first)
    std::vector<std::vector<float>> maps;       // p x p activation maps of `shown`
    std::vector<std::vector<double>> map_dfts;  // their |2D DFT| (p x p)
    double concentrated_share = 0;              // active neurons with k_share >= 0.5 (one frequency's family)
    bool has_attention = false;
    std::vector<std::vector<float>> attention;     // per head: p x p maps of the "=" query's weight on x0
    std::vector<std::vector<float>> attention_x1;  // ... on x1
    std::vector<ModularClaim> claims;
    double seconds = 0;
};

ModularAnalysisResult runModularAnalysis(const ModularModel& model, const ModularAnalysisRequest& request,
                                         Progress& progress);

}  // namespace kronscope::core
