#include "kronscope/core/train/trainer.h"

#include <torch/torch.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "model/checkpoint_impl.h"
#include "model/gpt2_impl.h"
#include "train/trainer_impl.h"
#include "train/trainer_parts.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/hash.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/model/gpt2_model.h"

namespace kronscope::core {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

/// See tiedHeadCrossEntropy (trainer_impl.h).
struct TiedHeadCrossEntropy : public torch::autograd::Function<TiedHeadCrossEntropy> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& h,
                                 const torch::Tensor& wte, const torch::Tensor& targets,
                                 torch::Tensor scratch) {
        // h: (N, C), wte: (V, C), targets: (N) int64, scratch: (N, V) contiguous
        torch::mm_out(scratch, h, wte.t());                                // logits
        auto picked = scratch.gather(1, targets.unsqueeze(1)).squeeze(1);  // (N)
        auto row_max = std::get<0>(scratch.max(1, /*keepdim=*/true));      // (N, 1)
        scratch.sub_(row_max).exp_();                                      // exp(logit - max)
        auto sums = scratch.sum(1, /*keepdim=*/true);                      // (N, 1)
        auto lse = (row_max + sums.log()).squeeze(1);                      // (N)
        scratch.div_(sums);                                                // probabilities
        ctx->save_for_backward({h, wte, targets});
        ctx->saved_data["probs"] = scratch;
        return (lse - picked).mean();
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grad_outputs) {
        const auto saved = ctx->get_saved_variables();
        const auto &h = saved[0], &wte = saved[1], &targets = saved[2];
        auto dlogits = ctx->saved_data["probs"].toTensor();  // (N, V): softmax - onehot, scaled
        const int64_t N = h.size(0);
        dlogits.scatter_add_(1, targets.unsqueeze(1), torch::full({N, 1}, -1.0, dlogits.options()));
        dlogits.mul_(grad_outputs[0] / static_cast<double>(N));
        auto grad_h = torch::mm(dlogits, wte);      // (N, C)
        auto grad_wte = torch::mm(dlogits.t(), h);  // (V, C)
        return {grad_h, grad_wte, torch::Tensor(), torch::Tensor()};
    }
};

}  // namespace

torch::Tensor tiedHeadCrossEntropy(const torch::Tensor& h, const torch::Tensor& wte,
                                   const torch::Tensor& targets, const torch::Tensor& scratch) {
    return TiedHeadCrossEntropy::apply(h, wte, targets, scratch);
}

using namespace train_detail;

std::string trainEvalJson(const TrainEval& eval) {
    return evalToJson(eval).dump();
}

double trainLearningRate(const TrainSettings& s, int64_t step) {
    if (s.warmup > 0 && step < s.warmup)
        return s.lr * static_cast<double>(step + 1) / static_cast<double>(s.warmup);
    const int64_t decay_steps = s.steps - s.warmup;
    if (decay_steps <= 0) return s.lr;
    const double t = std::min(1.0, static_cast<double>(step - s.warmup) / static_cast<double>(decay_steps));
    const double min_lr = s.lr * s.min_lr_ratio;
    return min_lr + 0.5 * (s.lr - min_lr) * (1.0 + std::cos(std::acos(-1.0) * t));
}

TrainSettings loadTrainSettings(const std::string& out_dir) {
    SavedState st;
    openState(st, out_dir, torch::kCPU);
    auto s = settingsFromJson(st.settings, st.path.string());
    s.out_dir = out_dir;
    s.resume = true;
    return s;
}

std::vector<float> trainedLogits(const std::string& out_dir, const std::vector<int32_t>& ids) {
    SavedState st;
    openState(st, out_dir, torch::kCPU);
    const auto s = settingsFromJson(st.settings, st.path.string());
    if (ids.empty()) return {};
    if (static_cast<int64_t>(ids.size()) > s.config.n_positions)
        throw InputError("sequence of " + std::to_string(ids.size()) +
                         " tokens is longer than n_positions (" + std::to_string(s.config.n_positions) + ")");
    checkIds(ids, s.config.vocab_size, "input");
    useAllCores();
    auto m = initModel(s.config, s.seed, torch::kCPU);
    restoreWeights(st, m);
    WeightAverage avg;  // the exported weights are the average when the run averages
    restoreAverage(st, m, avg);
    if (avg.count > 0)
        for (size_t i = 0; i < m.named.size(); ++i) m.named[i].second.detach().copy_(avg.mean[i]);
    torch::NoGradGuard no_grad;
    auto x = torch::empty({1, static_cast<int64_t>(ids.size())}, torch::kLong);  // (1, T)
    std::copy(ids.begin(), ids.end(), x.data_ptr<int64_t>());
    auto logits = m.logits(x).contiguous();  // (T, V)
    return std::vector<float>(logits.data_ptr<float>(), logits.data_ptr<float>() + logits.numel());
}

namespace {

/// One call of trainGpt2: the model, optimizer, RNGs and log of a run, and its steps by name. The order of
/// the constructor's draws (init, optimizer, RNGs) is the run's trajectory: a resumed run replays it bit for
/// bit.
class TrainingRun {
  public:
    TrainingRun(const std::vector<int32_t>& train_ids, const std::vector<int32_t>& val_ids,
                const TrainSettings& s)
        : s_(s), train_ids_(train_ids), val_ids_(val_ids), t_start_(Clock::now()) {
        useAllCores();
        validateSettings(s, train_ids, val_ids);
        device_ = parseDevice(s.device);
        T_ = s.context_length;
        B_ = s.batch_size;
        // Nothing draws from torch's global generator (dropout has its own); seeded for whatever does later.
        torch::manual_seed(s.seed);
        dropout_ = Dropout{s.dropout, dropoutGenerator(device_, s.seed + 1)};
        model_ = initModel(s.config, s.seed, device_);
        if (!s.resume && !s.init_from.empty()) loadInitWeights(model_, s.init_from);
        optimizer_ = makeOptimizer(model_, s);
        params_ = model_.parameters();
        rng_.seed(s.seed);
        settings_ = settingsToJson(s);
        data_hash_ = idsHash(train_ids) + ":" + idsHash(val_ids);
        dir_ = fs::path(s.out_dir);
        writes_ = !s.out_dir.empty();
        ema_.decay = s.ema_decay;
        if (s.resume)
            resume();
        else if (writes_)
            createOutput();
        if (s.ema_decay > 0.0 && ema_.count == 0)
            ema_.add(model_);  // the EMA starts from the initial weights
        if (!val_ids.empty())
            val_starts_ = evalStarts(static_cast<int64_t>(val_ids.size()), T_, s.eval_windows);
        seconds_before_ = log_.seconds;
        if (!log_.history.empty()) last_val_ = log_.history.back().val_loss;
    }

    /// A failed run (diverged, out of memory, a bad file) leaves no half-made output folder behind: the
    /// folder is removed, with the states it saved, when this run created it. A folder that existed before
    /// is left as it is.
    void removeFailedOutput() const noexcept {
        std::error_code ec;
        if (created_dir_) fs::remove_all(dir_, ec);
    }

    TrainResult run(Progress& progress) {
        if (step_ == 0 && log_.history.empty()) evaluate();  // the untrained model's validation loss
        const int64_t stop = s_.stop_after > 0 ? std::min(s_.steps, s_.stop_after) : s_.steps;
        bool cancelled = false;
        while (step_ < stop) {
            if (progress.cancelled()) {
                cancelled = true;
                break;
            }
            trainStep();
            if (step_ % s_.eval_interval == 0 || step_ == s_.steps) {
                evaluate();
                save();
            }
            reportStep(progress);
        }
        TrainResult r = result(cancelled);
        if (writes_) {
            if (saved_step_ != step_) save();
            writeOutputs(r);
        }
        r.seconds = secondsSince(t_start_);
        if (cancelled && !writes_) throw Cancelled();
        return r;
    }

  private:
    void resume() {
        if (!writes_) throw InputError("training settings: resume needs an out_dir");
        SavedState st;
        openState(st, dir_, device_);
        checkResume(st, settings_, data_hash_);
        restoreWeights(st, model_);
        restoreAverage(st, model_, average_);
        restoreAverage(st, model_, ema_, "ema");
        torch::serialize::InputArchive optim;
        st.archive.read("optimizer", optim);
        optimizer_->load(optim);
        step_ = st.step;
        std::istringstream rng_text(st.batch_rng);
        rng_text >> rng_;
        if (!rng_text) throw InputError(st.path.string() + ": malformed batch RNG state");
        if (s_.dropout > 0.0) restoreDropout(st);
        try {
            log_ = runLogFromJson(st.log);
        } catch (const json::exception& e) {
            throw InputError(st.path.string() + ": malformed log (" + e.what() + ")");
        }
    }

    /// Without dropout the generator is never drawn from, so its state (CPU or CUDA) does not matter and a
    /// run may move between devices; with dropout it must fit this device's generator.
    void restoreDropout(SavedState& st) {
        torch::Tensor dropout_state;
        if (!st.archive.try_read("dropout_rng", dropout_state))
            throw InputError(st.path.string() + ": no dropout RNG state to resume a run with dropout");
        try {
            dropout_.gen.set_state(dropout_state.cpu());
        } catch (const c10::Error& e) {
            throw InputError(st.path.string() + ": its dropout RNG state does not fit a " +
                             std::string(device_.is_cuda() ? "CUDA" : "CPU") +
                             " generator (a run with dropout resumes on the device type it started on: "
                             "cpu or cuda): " +
                             std::string(e.what_without_backtrace()));
        }
    }

    void createOutput() {
        std::error_code ec;
        if (fs::exists(dir_ / kStateFile, ec))
            throw InputError(s_.out_dir + " already holds a training run (" + kStateFile +
                             "); resume it or choose another output directory");
        created_dir_ = !fs::exists(dir_, ec);
        fs::create_directories(dir_, ec);
        if (ec) throw InputError(s_.out_dir + ": cannot create the output directory (" + ec.message() + ")");
    }

    /// One optimizer step on B windows drawn from the batch RNG; throws when the loss is not finite.
    void trainStep() {
        const auto t_step = Clock::now();
        const double lr = trainLearningRate(s_, step_);
        setLearningRate(*optimizer_, lr);
        const uint64_t start_range = train_ids_.size() - static_cast<size_t>(T_);  // starts 0 .. N - T - 1
        std::vector<int64_t> starts(static_cast<size_t>(B_));
        for (auto& start : starts) start = static_cast<int64_t>(rng_() % start_range);
        auto w = windowBatch(train_ids_, starts, T_).to(device_);  // (B, T + 1)
        optimizer_->zero_grad();
        auto loss = model_.loss(w, T_, &dropout_);
        loss.backward();
        if (s_.grad_clip > 0.0) torch::nn::utils::clip_grad_norm_(params_, s_.grad_clip);
        optimizer_->step();
        ++step_;
        if (s_.average_from >= 0 && step_ > s_.average_from) average_.add(model_);
        if (s_.ema_decay > 0.0) ema_.add(model_);
        last_loss_ = loss.item<double>();
        if (!std::isfinite(last_loss_))
            throw InputError("training diverged at step " + std::to_string(step_) + " (loss " +
                             std::to_string(last_loss_) + "); try a lower learning rate");
        const double dt = secondsSince(t_step);
        train_seconds_ += dt;
        train_tokens_ += B_ * T_;
        log_.interval_loss_sum += last_loss_;
        ++log_.interval_steps;
        log_.interval_seconds += dt;
        log_.last_lr = lr;
    }

    void reportStep(Progress& progress) const {
        char val_text[32] = "-";
        if (std::isfinite(last_val_)) std::snprintf(val_text, sizeof val_text, "%.3f", last_val_);
        char message[160];
        std::snprintf(message, sizeof message, "step %lld/%lld, loss %.3f, val %s",
                      static_cast<long long>(step_), static_cast<long long>(s_.steps), last_loss_, val_text);
        progress.report(static_cast<double>(step_) / static_cast<double>(s_.steps), message);
    }

    double validationLoss() { return meanNll(model_, val_ids_, val_starts_, T_, B_, device_); }

    void evaluate() {
        const bool validate = !val_ids_.empty();
        TrainEval e;
        e.step = step_;
        if (log_.interval_steps > 0)
            e.train_loss = log_.interval_loss_sum / static_cast<double>(log_.interval_steps);
        if (validate) e.val_loss = validationLoss();
        if (validate && average_.count > 0)
            e.average_val_loss = withAverage(model_, average_, [&] { return validationLoss(); });
        if (validate && ema_.count > 0)
            e.ema_val_loss = withAverage(model_, ema_, [&] { return validationLoss(); });
        e.lr = log_.last_lr;
        e.seconds = seconds_before_ + secondsSince(t_start_);
        e.tokens_per_second = log_.interval_seconds > 0.0
                                  ? static_cast<double>(log_.interval_steps * B_ * T_) / log_.interval_seconds
                                  : 0.0;
        log_.history.push_back(e);
        if (s_.on_eval) s_.on_eval(e);
        log_.interval_loss_sum = 0.0;
        log_.interval_steps = 0;
        log_.interval_seconds = 0.0;
        last_val_ = std::isfinite(e.average_val_loss) ? e.average_val_loss : e.val_loss;
    }

    /// Log totals as of now, for the state file and training_log.json.
    RunLog snapshot() const {
        RunLog r = log_;
        r.seconds = seconds_before_ + secondsSince(t_start_);
        r.train_seconds += train_seconds_;
        r.train_tokens += train_tokens_;
        return r;
    }

    void save() {
        if (!writes_) return;
        saveState(dir_, model_, *optimizer_, step_, rng_, dropout_, settings_, snapshot(), data_hash_,
                  average_, ema_);
        saved_step_ = step_;
    }

    TrainResult result(bool cancelled) const {
        TrainResult r;
        r.steps_done = step_;
        r.steps_total = s_.steps;
        r.complete = step_ >= s_.steps;
        r.cancelled = cancelled;
        r.out_dir = s_.out_dir;
        if (!log_.history.empty()) {
            const auto& last = log_.history.back();
            r.final_val_loss = std::isfinite(last.average_val_loss) ? last.average_val_loss : last.val_loss;
        }
        if (log_.interval_steps > 0)
            r.final_train_loss = log_.interval_loss_sum / static_cast<double>(log_.interval_steps);
        else if (!log_.history.empty())
            r.final_train_loss = log_.history.back().train_loss;
        r.tokens_per_second =
            train_seconds_ > 0.0 ? static_cast<double>(train_tokens_) / train_seconds_ : 0.0;
        r.history = log_.history;
        return r;
    }

    /// The checkpoint (the average, when the run averages) and training_log.json.
    void writeOutputs(const TrainResult& r) const {
        std::vector<std::pair<std::string, torch::Tensor>> weights;
        for (size_t i = 0; i < model_.named.size(); ++i)
            weights.emplace_back(model_.named[i].first,
                                 average_.count > 0 ? average_.mean[i] : model_.named[i].second.detach());
        writeGpt2Checkpoint(s_.out_dir, s_.config, weights, s_.save_dtype, /*prefixed=*/false,
                            /*copy_tokenizer=*/s_.config.vocab_size == 50257);
        if (ema_.count > 0) {
            std::vector<std::pair<std::string, torch::Tensor>> ema;
            for (size_t i = 0; i < model_.named.size(); ++i)
                ema.emplace_back(model_.named[i].first, ema_.mean[i]);
            writeGpt2Checkpoint((dir_ / "ema").string(), s_.config, ema, s_.save_dtype, false,
                                s_.config.vocab_size == 50257);
        }
        writeJsonFile(dir_ / kLogFile, logJson(r));
    }

    json logJson(const TrainResult& r) const {
        const RunLog total = snapshot();
        const auto& b = buildInfo();
        json j;
        j["format"] = "kronscope-training-log";
        j["format_version"] = 1;
        j["app_version"] = b.app_version;
        j["libtorch"] = b.torch_version;
        j["settings"] = settings_;
        j["seed"] = s_.seed;
        j["corpus"] = s_.corpus_name;
        j["data"] = {{"train_tokens", train_ids_.size()},
                     {"validation_tokens", val_ids_.size()},
                     {"hash", data_hash_}};
        j["device"] = device_.str();
        j["cpu_threads"] = at::get_num_threads();
        int64_t n_params = 0;
        for (const auto& p : params_) n_params += p.numel();
        j["parameters"] = n_params;
        j["evals"] = runLogToJson(total)["history"];
        j["steps_done"] = step_;
        j["steps_total"] = s_.steps;
        j["complete"] = r.complete;
        j["cancelled"] = r.cancelled;
        j["seconds"] = total.seconds;
        j["train_tokens_seen"] = total.train_tokens;
        j["tokens_per_second"] =
            total.train_seconds > 0.0 ? static_cast<double>(total.train_tokens) / total.train_seconds : 0.0;
        return j;
    }

    const TrainSettings& s_;
    const std::vector<int32_t>& train_ids_;
    const std::vector<int32_t>& val_ids_;
    const Clock::time_point t_start_;
    torch::Device device_{torch::kCPU};
    int64_t T_ = 0, B_ = 0;
    Dropout dropout_;
    TrainableGpt2 model_;
    std::unique_ptr<torch::optim::AdamW> optimizer_;
    std::vector<torch::Tensor> params_;
    std::mt19937_64 rng_;
    WeightAverage average_;
    WeightAverage ema_;
    json settings_;
    std::string data_hash_;
    fs::path dir_;
    bool writes_ = false;
    bool created_dir_ = false;  // this run created out_dir (removed again when the run fails)
    int64_t step_ = 0;
    int64_t saved_step_ = -1;
    RunLog log_;
    std::vector<int64_t> val_starts_;
    double seconds_before_ = 0.0;
    double train_seconds_ = 0.0;
    int64_t train_tokens_ = 0;
    double last_val_ = std::numeric_limits<double>::quiet_NaN();
    double last_loss_ = std::numeric_limits<double>::quiet_NaN();
};

}  // namespace

TrainResult trainGpt2(const std::vector<int32_t>& train_ids, const std::vector<int32_t>& val_ids,
                      const TrainSettings& s, Progress& progress) {
    TrainingRun run(train_ids, val_ids, s);
    try {
        return run.run(progress);
    } catch (...) {
        run.removeFailedOutput();
        throw;
    }
}

}  // namespace kronscope::core
