#pragma once
// Toy model of superposition (Elhage et al. 2022; science.md): n features squeezed through m hidden
// dimensions.
//   x_i = 0 with probability S, else U[0, 1]   (S = SPARSITY = the probability that a feature is ZERO:
//                                               S = 0 dense, S -> 1 sparse; feature probability p = 1 - S)
//   h = W x                 W: m x n (hidden x features), so W is 20 x 80 by default
//   x' = ReLU(W^T h + b)    b: n
//   loss = mean over the batch of sum_i I_i (x_i - x'_i)^2, importance I_i = decay^i (i = 0..n-1, decay 0.9)
// AdamW (PyTorch's defaults as in the paper's notebook: betas 0.9/0.999, weight decay 0.01), constant lr
// 1e-3, batch 1024, W Xavier-normal, b = 0. Fresh batches every step from one seeded CPU generator: a seed
// reproduces a run exactly. The seed spans "S = 0.01 to 1.0" in its own convention, which is the feature
// probability p; toySparsityGrid() gives the same span in ours (S = 1 - p from 0 to 0.99).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kronscope/core/model/gpt2_model.h"  // MatrixF
#include "kronscope/core/base/progress.h"

namespace kronscope::core {

struct ToyModelSettings {
    int64_t features = 80;           // n
    int64_t hidden = 20;             // m
    double sparsity = 0.9;           // S = probability that a feature is zero, in [0, 1)
    double importance_decay = 0.9;   // I_i = decay^i
    std::vector<double> importance;  // explicit I_i (size = features); overrides importance_decay when set
    int64_t batch_size = 1024;
    int64_t steps = 4000;
    double lr = 1e-3;
    double weight_decay = 0.01;  // AdamW
    uint64_t seed = 0;
    int64_t log_interval = 10;  // a loss-history point (and a callback) every this many steps
    /// Throws InputError for impossible values.
    void validate() const;
    /// The importance vector used: `importance`, else decay^i.
    std::vector<double> importanceWeights() const;
    /// "80 features -> 20 hidden, S = 0.9 (P(x_i = 0)), I_i = 0.9^i, AdamW lr 0.001 wd 0.01, batch 1024,
    /// 4000 steps, seed 0"
    std::string describe() const;
};

/// Called with (step, loss) at every history point, on the training thread. step is 1-based; loss is the mean
/// training loss over the steps since the previous point.
using ToyLossCallback = std::function<void(int64_t step, double loss)>;

struct ToyModelResult {
    ToyModelSettings settings;
    MatrixF w;                         // hidden x features (20 x 80): h = W x
    std::vector<float> b;              // features
    std::vector<double> importance;    // I_i used
    std::vector<int64_t> loss_steps;   // step at which each history point ends (1-based)
    std::vector<double> loss_history;  // mean training loss over the interval ending there
    double initial_loss = 0.0;         // the first step's loss (before any update)
    double final_loss = 0.0;           // the last history point
    int64_t steps_done = 0;
    double seconds = 0.0;
    // For the view (the paper's plots):
    std::vector<double> feature_norms;  // ||W_:,i|| per feature: how strongly feature i is represented
    std::vector<double> superposition;  // sum_{j != i} (W_:,i / ||W_:,i|| . W_:,j)^2: interference it suffers
    std::vector<float> gram;            // W^T W (features x features), row-major
    int64_t represented = 0;            // features with ||W_:,i|| > 0.5
    std::string settings_line;          // describe() plus the timing
};

/// Trains one toy model. Throws Cancelled when progress is cancelled (checked every step), InputError for bad
/// settings.
ToyModelResult trainToyModel(const ToyModelSettings& settings, Progress& progress,
                             const ToyLossCallback& on_loss = {});

/// Sparsities covering the seed's span: feature probability p log-spaced from 1 down to 0.01 (count >= 2
/// points), S = 1 - p: 0, ..., 0.99.
std::vector<double> toySparsityGrid(int count = 8);

/// One model per sparsity, all with base's other settings (and seed: the sparsity is the only difference).
/// on_loss gets the run index first.
std::vector<ToyModelResult> trainToySweep(
    const ToyModelSettings& base, const std::vector<double>& sparsities, Progress& progress,
    const std::function<void(size_t run, int64_t step, double loss)>& on_loss = {});

}  // namespace kronscope::core
