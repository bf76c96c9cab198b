#include "kronscope/core/train/toy_model.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <cstdio>

#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"

namespace kronscope::core {

namespace {

/// Runs the calling thread's LibTorch work on `threads` intra-op threads and restores the previous count.
class IntraOpThreads {
  public:
    explicit IntraOpThreads(int threads) : saved_(at::get_num_threads()) { at::set_num_threads(threads); }
    ~IntraOpThreads() { at::set_num_threads(saved_); }
    IntraOpThreads(const IntraOpThreads&) = delete;
    IntraOpThreads& operator=(const IntraOpThreads&) = delete;

  private:
    int saved_;
};

}  // namespace

void ToyModelSettings::validate() const {
    if (features < 1 || hidden < 1)
        throw InputError("toy model needs at least 1 feature and 1 hidden dimension");
    if (!(sparsity >= 0.0 && sparsity < 1.0))
        throw InputError("toy model sparsity S (probability a feature is zero) must be in [0, 1), got " +
                         std::to_string(sparsity));
    if (!importance.empty() && static_cast<int64_t>(importance.size()) != features)
        throw InputError("toy model importance has " + std::to_string(importance.size()) + " values for " +
                         std::to_string(features) + " features");
    if (importance.empty() && !(importance_decay > 0.0))
        throw InputError("importance decay must be positive");
    if (batch_size < 1 || steps < 1 || log_interval < 1)
        throw InputError("toy model batch size, steps and log interval must be positive");
    if (!(lr > 0.0) || weight_decay < 0.0) throw InputError("toy model needs lr > 0 and weight decay >= 0");
}

std::vector<double> ToyModelSettings::importanceWeights() const {
    if (!importance.empty()) return importance;
    std::vector<double> out(static_cast<size_t>(features));
    for (int64_t i = 0; i < features; ++i) out[i] = std::pow(importance_decay, static_cast<double>(i));
    return out;
}

std::string ToyModelSettings::describe() const {
    char imp[48];
    if (importance.empty())
        std::snprintf(imp, sizeof imp, "%g^i", importance_decay);
    else
        std::snprintf(imp, sizeof imp, "custom");
    char buf[320];
    std::snprintf(
        buf, sizeof buf,
        "%lld features -> %lld hidden, S = %g (P(x_i = 0)), I_i = %s, AdamW lr %g wd %g, batch %lld, "
        "%lld steps, seed %llu",
        static_cast<long long>(features), static_cast<long long>(hidden), sparsity, imp, lr, weight_decay,
        static_cast<long long>(batch_size), static_cast<long long>(steps),
        static_cast<unsigned long long>(seed));
    return buf;
}

namespace {

/// W and b of a trained toy model into r, with the feature norms, the superposition (interference) of every
/// feature and the Gram matrix W^T W.
void describeWeights(ToyModelResult& r, const torch::Tensor& w, const torch::Tensor& b) {
    torch::NoGradGuard no_grad;
    const torch::Tensor wd = w.detach().to(torch::kFloat64);  // (m, n)
    const torch::Tensor wc = wd.contiguous().to(torch::kFloat32);
    r.w.rows = w.size(0);
    r.w.cols = w.size(1);
    r.w.values.assign(wc.data_ptr<float>(), wc.data_ptr<float>() + wc.numel());
    const torch::Tensor bc = b.detach().contiguous();
    r.b.assign(bc.data_ptr<float>(), bc.data_ptr<float>() + bc.numel());
    const torch::Tensor norms = wd.norm(2, /*dim=*/0);                       // (n)
    const torch::Tensor gram = wd.t().mm(wd);                                // (n, n)
    const torch::Tensor unit = wd / norms.clamp_min(1e-12);                  // (m, n)
    const torch::Tensor overlap = unit.t().mm(wd).pow(2);                    // (n, n): (W_i^ . W_j)^2
    const torch::Tensor interference = overlap.sum(1) - overlap.diagonal();  // (n)
    const torch::Tensor norms_c = norms.contiguous(), inter_c = interference.contiguous();
    r.feature_norms.assign(norms_c.data_ptr<double>(), norms_c.data_ptr<double>() + norms_c.numel());
    r.superposition.assign(inter_c.data_ptr<double>(), inter_c.data_ptr<double>() + inter_c.numel());
    const torch::Tensor gram_c = gram.to(torch::kFloat32).contiguous();
    r.gram.assign(gram_c.data_ptr<float>(), gram_c.data_ptr<float>() + gram_c.numel());
    r.represented = (norms > 0.5).sum().item<int64_t>();
}

}  // namespace

ToyModelResult trainToyModel(const ToyModelSettings& s, Progress& progress, const ToyLossCallback& on_loss) {
    useAllCores();
    s.validate();
    const auto start = std::chrono::steady_clock::now();
    // A step is ~20 ops on (1024, 80) tensors: splitting them across threads costs more than it saves, and
    // far more when other work holds the cores (OpenMP barriers then wait for time slices: measured 14
    // steps/s on 2 threads vs 630 on 1 beside a training run on a 2-core machine). Single-threaded results
    // are also the same on every machine.
    IntraOpThreads one_thread(1);
    // The caller's thread may run in NoGrad / inference mode (a GUI worker): training needs autograd.
    c10::InferenceMode no_inference(false);
    torch::AutoGradMode grad(true);

    auto gen = at::detail::createCPUGenerator(s.seed);
    const auto f32 = torch::TensorOptions().dtype(torch::kFloat32);
    const double xavier_std = std::sqrt(2.0 / static_cast<double>(s.hidden + s.features));
    torch::Tensor w =
        (torch::randn({s.hidden, s.features}, gen, f32) * xavier_std).requires_grad_(true);  // (m, n)
    torch::Tensor b = torch::zeros({s.features}, f32).requires_grad_(true);                  // (n)
    const auto importance = s.importanceWeights();
    const torch::Tensor imp = torch::tensor(importance, torch::kFloat64).to(torch::kFloat32);  // (n)

    torch::optim::AdamW optimizer({w, b}, torch::optim::AdamWOptions(s.lr)
                                              .betas(std::make_tuple(0.9, 0.999))
                                              .eps(1e-8)
                                              .weight_decay(s.weight_decay));

    ToyModelResult r;
    r.settings = s;
    r.importance = importance;
    double interval_sum = 0.0;
    int64_t interval_count = 0;
    for (int64_t step = 1; step <= s.steps; ++step) {
        progress.throwIfCancelled();
        // x: (B, n); zero with probability S, else U[0, 1]
        const torch::Tensor present = torch::rand({s.batch_size, s.features}, gen, f32) >= s.sparsity;
        const torch::Tensor x = torch::rand({s.batch_size, s.features}, gen, f32) * present;
        const torch::Tensor h = torch::matmul(x, w.t());                 // (B, m)
        const torch::Tensor out = torch::relu(torch::matmul(h, w) + b);  // (B, n)
        const torch::Tensor loss = ((x - out).pow(2) * imp).sum(1).mean();
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();

        const double value = loss.item<double>();
        if (step == 1) r.initial_loss = value;
        interval_sum += value;
        ++interval_count;
        if (step % s.log_interval == 0 || step == s.steps) {
            const double mean = interval_sum / static_cast<double>(interval_count);
            r.loss_steps.push_back(step);
            r.loss_history.push_back(mean);
            interval_sum = 0.0;
            interval_count = 0;
            if (on_loss) on_loss(step, mean);
            char msg[96];
            std::snprintf(msg, sizeof msg, "step %lld, loss %.5f", static_cast<long long>(step), mean);
            progress.report(static_cast<double>(step) / static_cast<double>(s.steps), msg);
        }
    }
    r.steps_done = s.steps;
    r.final_loss = r.loss_history.back();

    describeWeights(r, w, b);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char timing[64];
    std::snprintf(timing, sizeof timing, "; %.2f s", r.seconds);
    r.settings_line = s.describe() + timing;
    return r;
}

std::vector<double> toySparsityGrid(int count) {
    if (count < 2) throw InputError("a sparsity grid needs at least 2 points");
    std::vector<double> out;
    for (int i = 0; i < count; ++i) {
        const double p = std::pow(0.01, static_cast<double>(i) / (count - 1));  // 1 .. 0.01
        out.push_back(std::max(0.0, 1.0 - p));
    }
    return out;
}

std::vector<ToyModelResult> trainToySweep(
    const ToyModelSettings& base, const std::vector<double>& sparsities, Progress& progress,
    const std::function<void(size_t run, int64_t step, double loss)>& on_loss) {
    useAllCores();
    std::vector<ToyModelResult> out;
    const double n = static_cast<double>(sparsities.size());
    for (size_t i = 0; i < sparsities.size(); ++i) {
        ToyModelSettings s = base;
        s.sparsity = sparsities[i];
        auto sub = progress.sub(i / n, (i + 1) / n);
        ToyLossCallback cb;
        if (on_loss) cb = [&, i](int64_t step, double loss) { on_loss(i, step, loss); };
        out.push_back(trainToyModel(s, sub, cb));
    }
    return out;
}

}  // namespace kronscope::core
