#pragma once
// Healing after surgery (issue "Healing after surgery"): a surgered GPT-2 trains its factors directly.
// No torch in this header.
//
// Model: the checkpoint's weights (float32) with every planned matrix (SurgeryPlan::named: kron, svd,
// hybrid, reverse-hybrid at block size n on the targets) replaced by trainable factors:
//  - Kronecker: A_k (r, m1, p1) and S_k (r, m2, p2), r = n terms, small factor first, W = sum_k A_k (x) S_k;
//  - SVD: U (m, k) = U_k diag(s) and V (k, p) = V_k^T at the rank matched to Kronecker's parameter count.
// The forward pass applies the factors (applyKronecker / x U V) where that is cheaper than x W, else it forms
// W from them in the step; the other weights (untouched matrices, biases, embeddings, LayerNorms) train too
// with train_dense, else they are frozen. method "none" is the control: the unmodified model, every weight
// trained the same way.
//
// Initializations (init):
//  - "fit": the Van Loan-Pitsianis fit (Kronecker) or the truncated SVD, as the surgery installs them;
//  - "random": the same factor shapes, entries N(0, sigma^2) drawn from seed, sigma chosen so that the
//    expected ||fit||_F equals ||W||_F (sigma^4 = ||W||^2 / (r m p) for a Kronecker sum of r terms; / (k m p)
//    for U V);
//  - "prune": the fit of W after magnitude pruning: the half of W's entries smallest in |w| set to zero
//    (Krony-PT's pruning-based start).
//
// Objective: next-token cross-entropy on windows of context_length tokens drawn from the training ids
// (starts uniform from a std::mt19937_64 seeded with seed); with distill = w > 0, (1 - w) LM +
// w tau^2 KL(p_teacher || p_student) at temperature tau, the teacher being the unmodified model (frozen).
// AdamW (betas 0.9, 0.95, eps 1e-8, weight decay on tensors of dim >= 2), linear warmup then cosine decay to
// lr * min_lr_ratio, global gradient norm clipped to grad_clip.
//
// Perplexity on the held-out ids: exp(mean NLL) over K = min(eval_windows, (n - 1) / T) windows of T + 1
// tokens starting at 0, T, 2T, ... (each predicts its last T tokens): the same number as `kronscope-cli ppl
// --max-length T+1 --stride T --max-tokens 1+K*T` on the held-out text. Measured for the unmodified model,
// after surgery (step 0), every eval_interval steps and at the end.
//
// Resumable runs (out_dir set): at every evaluation, on cancel and at stop_after, the run's state goes to
// out_dir/heal_state.pt (+ heal_state.pt.check: size and FNV-1a hash): the trainable tensors (factors, and
// the dense weights with train_dense), AdamW's moments and step counts, the batch RNG, the step, the log so
// far, the settings, the checkpoint's content hash and the hash of the training and held-out ids, and the
// caller's `resume_context` (the CLI and GUI store the request there). resume = true continues it: N steps,
// then the rest resumed == the same steps run straight, bit for bit on the same device and thread count.
// A resume refuses other run-defining settings (everything but device, eval_interval and stop_after),
// another checkpoint or other tokens. The folder holds no model until the run completes; then the files
// below replace the state.
//
// Files in out_dir ("" = none) when the run completes: config.json + model.safetensors (F32, the factors
// multiplied out: a plain Hugging Face checkpoint), kronscope_factors.safetensors (the factors:
// "<matrix>.kron_a", ".kron_s",
// ".lowrank_u", ".lowrank_v"; surgery.h installStoredFactors reads them back), heal_log.json (settings, the
// perplexities, the evaluations, parameter counts), and GPT-2's tokenizer files when the vocabulary is
// GPT-2's.
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "kronscope/core/base/progress.h"

namespace kronscope::core {

struct HealEval {
    int64_t step = 0;
    double train_loss = std::numeric_limits<double>::quiet_NaN();  // mean over the steps since the last eval
    double val_ppl = std::numeric_limits<double>::quiet_NaN();
    double lr = 0.0;
    double seconds = 0.0;
};

struct HealSettings {
    std::string method = "kron";  // kron, svd, hybrid, reverse-hybrid, none
    int64_t block_size = 16;
    std::string targets = "all";  // a MatrixTargets spec
    std::string init = "fit";     // fit, random, prune
    bool train_dense = false;     // also train the weights the surgery left alone
    double distill = 0.0;         // w in [0, 1]
    double temperature = 2.0;     // tau > 0
    int64_t context_length = 128, batch_size = 8, steps = 200, warmup = 20, eval_interval = 50;
    int64_t eval_windows = 16;
    double lr = 1e-3, min_lr_ratio = 0.1, weight_decay = 0.0, grad_clip = 1.0;
    uint64_t seed = 0;
    std::string device = "cpu";
    std::string out_dir;
    bool resume = false;     // continue out_dir/heal_state.pt (see above)
    int64_t stop_after = 0;  // 0 = run to `steps`; else stop after this step with the state saved (resumable)
    std::string resume_context;  // stored with the state verbatim (the caller's request); not run-defining
    std::function<void(const HealEval&)> on_eval;  // on the training thread, after every evaluation
    /// InputError naming the field.
    void validate() const;
    /// "kron n=16 on all, fit init, factors only, 200 steps of 8 x 128 tokens, lr 0.001, seed 0"
    std::string describe() const;
};

struct HealMatrix {
    std::string matrix, method;  // "kron", "svd"
    int64_t params = 0, dense_params = 0;
    double init_rel_err = 0.0;  // ||W - init||_F / ||W||_F
    bool factored = false;      // applied in factored form (cheaper than x W)
};

struct HealResult {
    HealSettings settings;  // as run (on_eval cleared)
    double ppl_original = 0.0, ppl_surgery = 0.0, ppl_healed = 0.0;
    int64_t params = 0;           // weights of the healed model (factors in place of the replaced matrices)
    int64_t params_original = 0;  // weights of the checkpoint
    int64_t params_trainable = 0;
    int64_t steps = 0;  // optimizer steps done
    int64_t eval_tokens = 0;
    double seconds = 0.0;
    double steps_per_second = 0.0, tokens_per_second = 0.0;  // optimizer steps only (evaluations left out)
    std::vector<HealEval> history;
    std::vector<HealMatrix> matrices;
    std::string model_hash;  // of the checkpoint healed
    bool cancelled = false;
    bool complete = false;   // steps == settings.steps: the healed model was written (with an out_dir)
    bool resumable = false;  // stopped early with its state in out_dir/heal_state.pt
};

/// The state file of an interrupted healing run inside its out_dir.
constexpr const char* kHealStateFile = "heal_state.pt";

/// The settings (resume = true, out_dir = out_dir, stop_after = 0) and resume_context saved in
/// out_dir/heal_state.pt: what `kronscope-cli heal --resume --out DIR` continues. InputError when there is
/// none, or it is damaged.
HealSettings loadHealSettings(const std::string& out_dir);

/// Heals the checkpoint in `checkpoint` (a folder Gpt2Model::load reads) as described above. Progress per
/// step; cancellable between steps (a cancelled run returns cancelled = true; with an out_dir it leaves its
/// resumable state there, never a model).
HealResult healGpt2(const std::string& checkpoint, const std::vector<int32_t>& train_ids,
                    const std::vector<int32_t>& val_ids, const HealSettings& settings, Progress& progress);

/// Gradient check of the healing loss (in float64) on `checkpoint`: `probes` entries of the factors (and of
/// the dense weights with train_dense) chosen by seed, each autograd derivative beside the central finite
/// difference with step 1e-6. Returns the largest |autograd - fd| / max(|fd|, 1e-8 + 1e-3 max|grad|).
double healGradientCheck(const std::string& checkpoint, const std::vector<int32_t>& ids,
                         const HealSettings& settings, int probes);

}  // namespace kronscope::core
