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

TrainResult trainGpt2(const std::vector<int32_t>& train_ids, const std::vector<int32_t>& val_ids,
                      const TrainSettings& s, Progress& progress) {
    const auto t_start = Clock::now();
    useAllCores();
    validateSettings(s, train_ids, val_ids);
    const torch::Device device = parseDevice(s.device);
    const int64_t T = s.context_length, B = s.batch_size;
    // Nothing draws from torch's global generator (dropout has its own); seeded for whatever does later.
    torch::manual_seed(s.seed);
    Dropout dropout{s.dropout, dropoutGenerator(device, s.seed + 1)};

    auto model = initModel(s.config, s.seed, device);
    if (!s.resume && !s.init_from.empty()) loadInitWeights(model, s.init_from);
    auto optimizer = makeOptimizer(model, s);
    const auto params = model.parameters();
    std::mt19937_64 rng(s.seed);
    WeightAverage average;
    const json settings = settingsToJson(s);
    const std::string data_hash = idsHash(train_ids) + ":" + idsHash(val_ids);
    int64_t step = 0;
    RunLog log;

    const fs::path dir(s.out_dir);
    const bool writes = !s.out_dir.empty();
    std::error_code ec;
    if (s.resume) {
        if (!writes) throw InputError("training settings: resume needs an out_dir");
        SavedState st;
        openState(st, dir, device);
        checkResume(st, settings, data_hash);
        restoreWeights(st, model);
        restoreAverage(st, model, average);
        torch::serialize::InputArchive optim;
        st.archive.read("optimizer", optim);
        optimizer->load(optim);
        step = st.step;
        std::istringstream rng_text(st.batch_rng);
        rng_text >> rng;
        if (!rng_text) throw InputError(st.path.string() + ": malformed batch RNG state");
        // Without dropout the generator is never drawn from, so its state (CPU or CUDA) does not matter and a
        // run may move between devices; with dropout it must fit this device's generator.
        if (s.dropout > 0.0) {
            torch::Tensor dropout_state;
            if (!st.archive.try_read("dropout_rng", dropout_state))
                throw InputError(st.path.string() + ": no dropout RNG state to resume a run with dropout");
            try {
                dropout.gen.set_state(dropout_state.cpu());
            } catch (const c10::Error& e) {
                throw InputError(st.path.string() + ": its dropout RNG state does not fit a " +
                                 std::string(device.is_cuda() ? "CUDA" : "CPU") +
                                 " generator (a run with dropout resumes on the device type it started on: "
                                 "cpu or cuda): " +
                                 std::string(e.what_without_backtrace()));
            }
        }
        try {
            log = runLogFromJson(st.log);
        } catch (const json::exception& e) {
            throw InputError(st.path.string() + ": malformed log (" + e.what() + ")");
        }
    } else if (writes) {
        if (fs::exists(dir / kStateFile, ec))
            throw InputError(s.out_dir + " already holds a training run (" + kStateFile +
                             "); resume it or choose another output directory");
        fs::create_directories(dir, ec);
        if (ec) throw InputError(s.out_dir + ": cannot create the output directory (" + ec.message() + ")");
    }

    const bool validate = !val_ids.empty();
    const auto val_starts = validate ? evalStarts(static_cast<int64_t>(val_ids.size()), T, s.eval_windows)
                                     : std::vector<int64_t>{};
    const uint64_t start_range = train_ids.size() - static_cast<size_t>(T);  // starts 0 .. N - T - 1
    const int64_t stop = s.stop_after > 0 ? std::min(s.steps, s.stop_after) : s.steps;
    const double seconds_before = log.seconds;
    double train_seconds = 0.0;
    int64_t train_tokens = 0;
    double last_val =
        log.history.empty() ? std::numeric_limits<double>::quiet_NaN() : log.history.back().val_loss;
    double last_loss = std::numeric_limits<double>::quiet_NaN();

    auto evaluate = [&]() {
        TrainEval e;
        e.step = step;
        if (log.interval_steps > 0)
            e.train_loss = log.interval_loss_sum / static_cast<double>(log.interval_steps);
        if (validate) e.val_loss = meanNll(model, val_ids, val_starts, T, B, device);
        if (validate && average.count > 0)
            e.average_val_loss = withAverage(
                model, average, [&] { return meanNll(model, val_ids, val_starts, T, B, device); });
        e.lr = log.last_lr;
        e.seconds = seconds_before + secondsSince(t_start);
        e.tokens_per_second = log.interval_seconds > 0.0
                                  ? static_cast<double>(log.interval_steps * B * T) / log.interval_seconds
                                  : 0.0;
        log.history.push_back(e);
        if (s.on_eval) s.on_eval(e);
        log.interval_loss_sum = 0.0;
        log.interval_steps = 0;
        log.interval_seconds = 0.0;
        last_val = std::isfinite(e.average_val_loss) ? e.average_val_loss : e.val_loss;
    };
    auto snapshot = [&]() {  // log totals as of now, for the state file and training_log.json
        RunLog r = log;
        r.seconds = seconds_before + secondsSince(t_start);
        r.train_seconds += train_seconds;
        r.train_tokens += train_tokens;
        return r;
    };
    int64_t saved_step = -1;
    auto save = [&]() {
        if (!writes) return;
        saveState(dir, model, *optimizer, step, rng, dropout, settings, snapshot(), data_hash, average);
        saved_step = step;
    };

    if (step == 0 && log.history.empty()) evaluate();  // the untrained model's validation loss
    bool cancelled = false;
    char message[160];
    while (step < stop) {
        if (progress.cancelled()) {
            cancelled = true;
            break;
        }
        const auto t_step = Clock::now();
        const double lr = trainLearningRate(s, step);
        setLearningRate(*optimizer, lr);
        std::vector<int64_t> starts(static_cast<size_t>(B));
        for (auto& start : starts) start = static_cast<int64_t>(rng() % start_range);
        auto w = windowBatch(train_ids, starts, T).to(device);  // (B, T + 1)
        optimizer->zero_grad();
        auto loss = model.loss(w, T, &dropout);
        loss.backward();
        if (s.grad_clip > 0.0) torch::nn::utils::clip_grad_norm_(params, s.grad_clip);
        optimizer->step();
        ++step;
        if (s.average_from >= 0 && step > s.average_from) average.add(model);
        last_loss = loss.item<double>();
        if (!std::isfinite(last_loss))
            throw InputError("training diverged at step " + std::to_string(step) + " (loss " +
                             std::to_string(last_loss) + "); try a lower learning rate");
        const double dt = secondsSince(t_step);
        train_seconds += dt;
        train_tokens += B * T;
        log.interval_loss_sum += last_loss;
        ++log.interval_steps;
        log.interval_seconds += dt;
        log.last_lr = lr;
        if (step % s.eval_interval == 0 || step == s.steps) {
            evaluate();
            save();
        }
        char val_text[32] = "-";
        if (std::isfinite(last_val)) std::snprintf(val_text, sizeof val_text, "%.3f", last_val);
        std::snprintf(message, sizeof message, "step %lld/%lld, loss %.3f, val %s",
                      static_cast<long long>(step), static_cast<long long>(s.steps), last_loss, val_text);
        progress.report(static_cast<double>(step) / static_cast<double>(s.steps), message);
    }

    TrainResult r;
    r.steps_done = step;
    r.steps_total = s.steps;
    r.complete = step >= s.steps;
    r.cancelled = cancelled;
    r.out_dir = s.out_dir;
    if (!log.history.empty()) {
        const auto& last = log.history.back();
        r.final_val_loss = std::isfinite(last.average_val_loss) ? last.average_val_loss : last.val_loss;
    }
    if (log.interval_steps > 0)
        r.final_train_loss = log.interval_loss_sum / static_cast<double>(log.interval_steps);
    else if (!log.history.empty())
        r.final_train_loss = log.history.back().train_loss;
    r.tokens_per_second = train_seconds > 0.0 ? static_cast<double>(train_tokens) / train_seconds : 0.0;
    r.history = log.history;
    if (writes) {
        if (saved_step != step) save();
        std::vector<std::pair<std::string, torch::Tensor>> weights;
        for (size_t i = 0; i < model.named.size(); ++i)  // the average, when the run averages
            weights.emplace_back(model.named[i].first,
                                 average.count > 0 ? average.mean[i] : model.named[i].second.detach());
        writeGpt2Checkpoint(s.out_dir, s.config, weights, s.save_dtype, /*prefixed=*/false,
                            /*copy_tokenizer=*/s.config.vocab_size == 50257);
        const RunLog total = snapshot();
        const auto& b = buildInfo();
        json j;
        j["format"] = "kronscope-training-log";
        j["format_version"] = 1;
        j["app_version"] = b.app_version;
        j["libtorch"] = b.torch_version;
        j["settings"] = settings;
        j["seed"] = s.seed;
        j["corpus"] = s.corpus_name;
        j["data"] = {
            {"train_tokens", train_ids.size()}, {"validation_tokens", val_ids.size()}, {"hash", data_hash}};
        j["device"] = device.str();
        j["cpu_threads"] = at::get_num_threads();
        j["parameters"] = [&] {
            int64_t n = 0;
            for (const auto& p : params) n += p.numel();
            return n;
        }();
        j["evals"] = runLogToJson(total)["history"];
        j["steps_done"] = step;
        j["steps_total"] = s.steps;
        j["complete"] = r.complete;
        j["cancelled"] = cancelled;
        j["seconds"] = total.seconds;
        j["train_tokens_seen"] = total.train_tokens;
        j["tokens_per_second"] =
            total.train_seconds > 0.0 ? static_cast<double>(total.train_tokens) / total.train_seconds : 0.0;
        writeJsonFile(dir / kLogFile, j);
    }
    r.seconds = secondsSince(t_start);
    if (cancelled && !writes) throw Cancelled();
    return r;
}

}  // namespace kronscope::core
