#pragma once
// Trains a GPT-2 of any size from scratch on token ids (LibTorch, CPU or CUDA) and writes a Hugging Face
// checkpoint that Gpt2Model::load reads. No torch in this header.
//
// Recipe (GPT-2 / nanoGPT style):
//  - init (init_from empty): every weight matrix and both embeddings N(0, 0.02), the two c_proj matrices of
//  each block
//    N(0, 0.02 / sqrt(2 n_layer)); biases 0; LayerNorm weight 1, bias 0. Drawn from a CPU generator seeded
//    with `seed`, in checkpoint file order, so the initial weights do not depend on the device.
//    With init_from, the weights of that checkpoint instead (read as float32, whatever their stored dtype).
//  - forward: the model's own forward pass (gpt2Hidden, shared with Gpt2Model), tied head logits = h wte^T,
//    loss = mean cross-entropy of the next token over B windows of context_length tokens.
//  - dropout (default 0 = none): one rate on the embeddings, attention probabilities and both residual
//    branches (GPT-2's embd/attn/resid_pdrop), masks drawn on the training device from a generator of that
//    device's type seeded with seed + 1 (so CPU and CUDA runs draw different masks, and a run with dropout
//    resumes on the device type it started on); its state is saved with the run; validation and the exported
//    model never drop.
//  - batches: window starts drawn uniformly (rng() % (N - T)) from a std::mt19937_64 seeded with `seed`.
//  - AdamW: betas (0.9, 0.95), eps 1e-8; weight decay on matrices and embeddings (dim >= 2) only;
//    gradient norm clipped to grad_clip (0 = off); lr: linear warmup over `warmup` steps to `lr`, then cosine
//    decay to lr * min_lr_ratio at step `steps`.
//  - weight averaging (average_from >= 0; stochastic weight averaging, Izmailov et al. 2018): after every
//    optimizer step past step average_from, a running mean of the weights (float32, on the device) takes in
//    the new weights. Evaluations then also score the average, and the exported model is the average.
//  - EMA of the weights (ema_decay > 0): w_ema <- d w_ema + (1 - d) w after every optimizer step, starting
//    from the initial weights (float32, on the device). Evaluations also score it, and it is exported beside
//    the main checkpoint as out_dir/ema/ (config.json, model.safetensors), so SWA and EMA smoothness and
//    artifact size can be compared (seed 001's table: the compression lab's stats and quantize on both).
//  - validation: mean NLL per token on eval_windows fixed windows of the validation ids (evenly spaced
//    starts), at step 0, every eval_interval steps and at the end.
// Same seed, settings, data and device (and thread count) give bitwise-identical weights.
//
// Files in out_dir:
//  - trainer_state.pt: resumable state (weights F32, AdamW moments and step counts, step, batch and dropout
//  RNG states,
//    settings, log so far, data hashes): written at every evaluation and when the run stops. resume = true
//    continues it exactly: N steps, then M resumed steps == N + M steps straight.
//  - config.json, model.safetensors (save_dtype, bare keys with attn.bias / attn.masked_bias buffers),
//    vocab.json + merges.txt (GPT-2's, copied from the data cache when vocab_size == 50257): written when the
//    run stops (finished, stop_after reached, or cancelled).
//  - training_log.json: settings, seed, data sizes, per evaluation {step, train_loss, val_loss, lr, seconds,
//    tokens_per_second}, and the totals.
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "kronscope/core/model/gpt2_config.h"
#include "kronscope/core/base/progress.h"

namespace kronscope::core {

struct TrainEval;

struct TrainSettings {
    Gpt2Config config;             // the model to train (vocab_size must exceed every token id)
    int64_t context_length = 128;  // T: tokens per window (<= n_positions)
    int64_t batch_size = 16;       // B: windows per step
    int64_t steps = 2000;          // total optimizer steps: the length of the lr schedule
    int64_t warmup = 100;          // linear warmup steps
    int64_t eval_interval = 100;   // validation (and a trainer_state.pt) every this many steps
    int64_t eval_windows = 64;     // fixed validation windows of context_length tokens
    int64_t stop_after = 0;        // 0 = run to `steps`; else stop after this step (resumable; chunked runs)
    double lr = 3e-3;              // peak learning rate
    double min_lr_ratio = 0.1;     // the cosine decay ends at lr * min_lr_ratio
    double weight_decay = 0.1;     // AdamW decoupled weight decay, matrices and embeddings only
    double grad_clip = 1.0;        // max global gradient norm; 0 = no clipping
    double dropout = 0.0;          // training dropout rate in [0, 1): embeddings, attention, residuals
    uint64_t seed = 0;
    std::string device = "cpu";      // "cpu", "cuda", "cuda:N"
    std::string out_dir;             // "" = write nothing (a cancel then throws Cancelled)
    std::string save_dtype = "F16";  // model.safetensors: "F32", "F16", "BF16"
    bool resume = false;  // continue out_dir/trainer_state.pt (the run-defining settings must match)
    /// "" = the random init above; else a Hugging Face checkpoint directory whose weights start the run
    /// (fine-tuning or continuing a finished run with a new schedule). Its config.json must describe
    /// `config`; an untied lm_head is not used (the trainer ties the head to wte). Part of the run's
    /// settings.
    std::string init_from;
    /// -1 = off; else the exported weights are the mean of the weights after every step from average_from + 1
    /// to the end (see above). Part of the run's settings.
    int64_t average_from = -1;
    /// 0 = off; else the decay d in [0.5, 1) of the exponential moving average of the weights, exported to
    /// out_dir/ema/ (see above). Part of the run's settings.
    double ema_decay = 0.0;
    std::string corpus_name;  // recorded in training_log.json
    /// Called on the training thread after every evaluation (live loss curves).
    std::function<void(const TrainEval&)> on_eval;
};

struct TrainEval {
    int64_t step = 0;
    double train_loss = std::numeric_limits<double>::quiet_NaN();  // mean over the steps since the last eval
    double val_loss = std::numeric_limits<double>::quiet_NaN();    // NaN without validation ids
    /// The averaged weights' validation loss (NaN unless averaging has begun and there are validation ids).
    double average_val_loss = std::numeric_limits<double>::quiet_NaN();
    /// The EMA weights' validation loss (NaN unless ema_decay > 0 and there are validation ids).
    double ema_val_loss = std::numeric_limits<double>::quiet_NaN();
    double lr = 0.0;                 // lr of the last step before this evaluation
    double seconds = 0.0;            // wall time since the run started (all resumed parts together)
    double tokens_per_second = 0.0;  // training tokens per second since the last evaluation
};

struct TrainResult {
    int64_t steps_done = 0;   // optimizer steps in the state now (including earlier resumed parts)
    int64_t steps_total = 0;  // settings.steps
    double final_train_loss = std::numeric_limits<double>::quiet_NaN();
    double final_val_loss =
        std::numeric_limits<double>::quiet_NaN();  // of the exported weights (the average)
    double seconds = 0.0;                          // wall time of this call
    double tokens_per_second = 0.0;  // training tokens per second of optimizer work in this call
    bool cancelled = false;          // stopped by Progress::cancel(); the state in out_dir is resumable
    bool complete = false;           // steps_done == steps_total
    std::string out_dir;
    std::vector<TrainEval> history;  // every evaluation of the run, resumed parts included
};

/// Trains a GPT-2 on `train_ids` (validated on `val_ids`; empty = no validation) as described above.
/// Reports once per step: "step i/N, loss x, val y". Checks cancellation before every step: with an out_dir
/// a cancelled run saves its state and returns cancelled = true; without one it throws Cancelled.
/// InputError for bad settings (named), ids outside the vocabulary, texts shorter than context_length + 1
/// tokens, an out_dir that already holds a run when resume is false, or a resume whose settings or data
/// differ.
TrainResult trainGpt2(const std::vector<int32_t>& train_ids, const std::vector<int32_t>& val_ids,
                      const TrainSettings& settings, Progress& progress);

/// The settings saved in out_dir/trainer_state.pt (resume = true; stop_after = 0). For a CLI `--resume`.
TrainSettings loadTrainSettings(const std::string& out_dir);

/// Logits (T, V), row-major float32, of the weights in out_dir/trainer_state.pt through the trainer's own
/// forward pass: to check an exported checkpoint against what was trained.
std::vector<float> trainedLogits(const std::string& out_dir, const std::vector<int32_t>& ids);

/// One evaluation as training_log.json writes it (NaN losses as null), compact JSON text: the result codec's
/// toJson(TrainEval) is this, so a run's history has one encoder.
std::string trainEvalJson(const TrainEval& eval);

/// The learning rate of (0-based) step `step` under the settings' warmup + cosine schedule.
double trainLearningRate(const TrainSettings& settings, int64_t step);

}  // namespace kronscope::core
