#pragma once
// Trains the modular-arithmetic transformer of seed 002 (science.md, "Modular arithmetic"). No torch here.
//
// Recipe:
//  - init: every weight N(0, 2 / fan_in) (He), fan_in the input side of the map in TransformerLens' layout
//    (W_Q / W_K / W_V / W_in / W_U: d_model, W_O: n_heads d_head, W_out: d_mlp) and, for the embedding tables
//    W_E and W_pos, d_model (as torch.nn.init.kaiming_normal_ computes fan_in for a [rows, d] weight; a
//    fan_in of n_ctx = 3 would give W_pos a std of 0.8), drawn from a CPU generator seeded with `seed` in
//    state-dict order (the same weights on any device).
//  - full batch: every step sees the whole training split; loss = sum over tasks q of CE_q / ln q.
//  - AdamW (beta1 0.9, beta2 0.98, eps 1e-8), constant lr, decoupled weight decay on every weight.
//  - Grokfast-EMA (Lee et al. 2024): e <- alpha e + (1 - alpha) g per weight after each backward; the
//    optimizer gets g + lambda e (lambda 0: plain AdamW, no EMA kept).
//  - dropout (training only) on the attention probabilities and on both residual branches, masks from a
//    generator of the device's type seeded with seed + 1.
//  - evaluation every eval_interval steps, at step 0 and at the end: per task, train and validation
//    accuracy and loss (no dropout).
// On the CPU training uses one intra-op thread (faster for these small ops) unless KRONSCOPE_THREADS sets
// another count. Same settings and device (and thread count) give bitwise-identical weights; N steps then M
// resumed steps equal N + M steps straight.
//
// Files in out_dir: modular_state.pt (+ .check: resumable state: weights, AdamW and Grokfast state, step,
// dropout RNG, settings, history), written at every evaluation and when the run stops; config.json,
// model.safetensors (save_dtype) and training_log.json, written when the run stops.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kronscope/core/base/progress.h"
#include "kronscope/core/modular/modular_model.h"

namespace kronscope::core {

struct ModularEval {
    int64_t step = 0;
    double seconds = 0.0;                     // since the run started (resumed parts together)
    double train_loss = 0.0, val_loss = 0.0;  // the weighted objective (sum CE_q / ln q) on each split
    std::vector<ModularTaskScore> tasks;      // per head (test fields unused: 0)
};

struct ModularTrainSettings {
    ModularTask task = ModularTask::Nanda;
    int64_t p = 113;
    uint64_t seed = 0;  // data split, init and dropout
    int64_t steps = 6000;
    int64_t eval_interval = 50;
    int64_t stop_after = 0;  // 0 = run to `steps`; else stop after this step (resumable)
    double lr = 1e-3;
    double weight_decay = 1.0;
    double dropout = 0.0;
    double grokfast_alpha = 0.98;
    double grokfast_lambda = 2.0;                                 // 0 = off
    int64_t n_layers = 1, d_model = 128, n_heads = 4, d_mlp = 0;  // d_mlp 0 = 4 d_model; d_head = d / heads
    std::string device = "cpu";
    std::string out_dir;             // "" = keep nothing (a cancel then throws Cancelled)
    std::string save_dtype = "F32";  // model.safetensors: F32, F16, BF16
    bool resume = false;
    std::function<void(const ModularEval&)> on_eval;  // on the training thread, after every evaluation
    /// InputError naming the field.
    void validate() const;
    ModularConfig modelConfig() const;
    /// "nanda p=113, d 128, 4 heads, lr 0.001, wd 1, dropout 0, Grokfast alpha 0.98 lambda 2, seed 0"
    std::string describe() const;
};

struct ModularTrainResult {
    ModularTrainSettings settings;  // as run (a resume: the saved run's settings)
    std::vector<ModularEval> history;
    int64_t steps_done = 0;
    bool cancelled = false, complete = false;
    double seconds = 0.0;           // this call
    double steps_per_second = 0.0;  // optimizer steps of this call
    std::string out_dir;
    /// Per task, the first evaluated step at which validation accuracy reached 0.99 (-1: not yet).
    std::vector<int64_t> generalized_at;
};

/// Trains as described. Reports once per step. Checks cancellation before every step: with an out_dir the
/// state and the model are written and cancelled = true; without one it throws Cancelled.
ModularTrainResult trainModular(const ModularTrainSettings& settings, Progress& progress);

/// The settings saved in out_dir/modular_state.pt (resume = true, stop_after = 0).
ModularTrainSettings loadModularSettings(const std::string& out_dir);

/// Per task, the first evaluated step at which validation accuracy reached 0.99 (-1: never).
std::vector<int64_t> modularGeneralizedAt(const std::vector<ModularEval>& history);

/// The history in DIR/training_log.json ({} when there is none). InputError for a damaged file.
std::vector<ModularEval> readModularLog(const std::string& directory);

/// JSON of settings (every field but the callback) and back; the resumable state and the logs use them.
std::string modularSettingsJson(const ModularTrainSettings& s);
ModularTrainSettings modularSettingsFromJson(const std::string& text, const std::string& where);

}  // namespace kronscope::core
