#pragma once
// Internal (torch) parts of the trainer: the trainable model and its init, the optimizer and schedule
// helpers, batches, weight averaging, the settings and run log as JSON, trainer_state.pt (save, open,
// restore, checks). trainer.cpp's training loop uses them. Never included outside core/src/train.
#include <torch/torch.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <random>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kronscope/core/model/gpt2_config.h"
#include "kronscope/core/train/trainer.h"
#include "model/gpt2_impl.h"
#include "train/trainer_impl.h"

namespace kronscope::core::train_detail {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

constexpr const char* kStateFile = "trainer_state.pt";

constexpr const char* kLogFile = "training_log.json";

constexpr const char* kStateFormat = "kronscope-trainer-state";

constexpr int64_t kStateVersion = 1;

constexpr double kInitStd = 0.02;  // GPT-2's initializer_range
constexpr double kBeta1 = 0.9, kBeta2 = 0.95, kAdamEps = 1e-8;

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t);

/// GPT-2's weights as trainable leaf tensors, shared with the Gpt2Block views that gpt2Hidden reads.
struct TrainableGpt2 {
    Gpt2Config config;
    std::vector<std::pair<std::string, torch::Tensor>> named;  // bare Hugging Face names, file order
    torch::Tensor wte, wpe, lnf_w, lnf_b;
    std::vector<Gpt2Block> blocks;

    std::vector<torch::Tensor> parameters() const {
        std::vector<torch::Tensor> out;
        for (const auto& [name, t] : named) out.push_back(t);
        return out;
    }

    /// Logits (N, V) of the next token at every position of ids (B, T), N = B * T.
    torch::Tensor logits(const torch::Tensor& ids) const {
        auto h = gpt2Hidden(config, wte, wpe, blocks, lnf_w, lnf_b, ids);  // (B, T, C)
        return torch::matmul(h.reshape({-1, config.n_embd}), wte.t());     // (B*T, V), tied head
    }

    /// Mean next-token cross-entropy of windows w (b, T + 1): inputs w[:, :T], targets w[:, 1:].
    /// `dropout`: the training step's dropout (nullptr for validation).
    torch::Tensor loss(const torch::Tensor& w, int64_t T, const Dropout* dropout = nullptr) {
        auto h = gpt2Hidden(config, wte, wpe, blocks, lnf_w, lnf_b, w.slice(1, 0, T), dropout);  // (b, T, C)
        auto targets = w.slice(1, 1, T + 1).reshape({-1});                                       // (N)
        const int64_t N = targets.size(0);
        if (!scratch.defined() || scratch.size(0) < N)
            scratch = torch::empty({N, config.vocab_size}, wte.options().requires_grad(false));
        return tiedHeadCrossEntropy(h.reshape({N, config.n_embd}), wte, targets, scratch.narrow(0, 0, N));
    }

    torch::Tensor scratch;  // (N, V) head buffer of loss(), reused by every step
};

/// The init described in trainer.h, drawn in file order from a CPU generator, then moved to `device`.
TrainableGpt2 initModel(const Gpt2Config& c, uint64_t seed, const torch::Device& device);

/// Replaces m's weights by those of the Hugging Face checkpoint in `dir` (loaded and validated by
/// Gpt2Model::load, float32 on the CPU). The checkpoint's config must describe m.config.
void loadInitWeights(TrainableGpt2& m, const std::string& dir);

/// AdamW with two groups: decayed (dim >= 2: the matrices and both embeddings) and not decayed.
std::unique_ptr<torch::optim::AdamW> makeOptimizer(const TrainableGpt2& m, const TrainSettings& s);

void setLearningRate(torch::optim::AdamW& optimizer, double lr);

/// Windows ids[start, start + T] as one (b, T + 1) int64 tensor on the CPU: inputs are [:, :T], targets [:,
/// 1:].
torch::Tensor windowBatch(const std::vector<int32_t>& ids, const std::vector<int64_t>& starts, int64_t T);

/// Mean NLL per token (nats) of the windows at `starts` (each T + 1 tokens), b windows per forward pass.
double meanNll(TrainableGpt2& m, const std::vector<int32_t>& ids, const std::vector<int64_t>& starts,
               int64_t T, int64_t b, const torch::Device& device);

/// Evenly spaced starts of `count` windows of T + 1 tokens in n tokens (fixed for the whole run).
std::vector<int64_t> evalStarts(int64_t n, int64_t T, int64_t count);

/// FNV-1a 64 of the token ids (as 32-bit little-endian values), hex.
std::string idsHash(const std::vector<int32_t>& ids);

// ---- settings <-> JSON ----

/// "run": everything that defines the trajectory (must match on resume); the rest may change between parts.
json settingsToJson(const TrainSettings& s);

TrainSettings settingsFromJson(const json& j, const std::string& source);

// ---- trainer_state.pt ----

/// What a run carries between its parts besides weights and optimizer: the log so far and running sums.
struct RunLog {
    std::vector<TrainEval> history;
    double seconds = 0.0;            // wall time of earlier parts
    double train_seconds = 0.0;      // optimizer-step time of earlier parts
    int64_t train_tokens = 0;        // tokens trained in earlier parts
    double interval_loss_sum = 0.0;  // steps since the last evaluation
    int64_t interval_steps = 0;
    double interval_seconds = 0.0;
    double last_lr = 0.0;
};

/// The running mean of the weights (stochastic weight averaging; decay 0), or their exponential moving
/// average (decay d: mean <- d mean + (1 - d) w), in TrainableGpt2::named order.
struct WeightAverage {
    std::vector<torch::Tensor> mean;  // float32 on the training device; empty until the first step averaged
    int64_t count = 0;
    double decay = 0.0;

    void add(const TrainableGpt2& m) {
        torch::NoGradGuard no_grad;
        ++count;
        if (mean.empty()) {
            for (const auto& [name, t] : m.named) mean.push_back(t.detach().clone());
            return;
        }
        const double w = decay > 0.0 ? 1.0 - decay : 1.0 / static_cast<double>(count);
        for (size_t i = 0; i < mean.size(); ++i) mean[i].lerp_(m.named[i].second.detach(), w);
    }
};

/// Runs f with m's weights replaced by the average (restored afterwards).
template <typename F>
auto withAverage(TrainableGpt2& m, const WeightAverage& avg, F&& f) {
    torch::NoGradGuard no_grad;
    std::vector<torch::Tensor> saved;
    for (size_t i = 0; i < m.named.size(); ++i) {
        saved.push_back(m.named[i].second.detach().clone());
        m.named[i].second.copy_(avg.mean[i]);
    }
    auto result = f();
    for (size_t i = 0; i < m.named.size(); ++i) m.named[i].second.copy_(saved[i]);
    return result;
}

json evalToJson(const TrainEval& e);

TrainEval evalFromJson(const json& j);

json runLogToJson(const RunLog& r);

RunLog runLogFromJson(const json& j);

void saveState(const fs::path& dir, const TrainableGpt2& m, const torch::optim::AdamW& optimizer,
               int64_t step, const std::mt19937_64& rng, const Dropout& dropout, const json& settings,
               const RunLog& log, const std::string& data_hash, const WeightAverage& avg,
               const WeightAverage& ema);

/// trainer_state.pt opened: the scalars read, weights and optimizer still in the archive.
struct SavedState {
    fs::path path;
    torch::serialize::InputArchive archive;
    int64_t step = 0;
    std::string batch_rng, data_hash;
    json settings, log, weight_names;
};

std::string readString(SavedState& st, const char* key);

/// Opens dir/file (trainer_state.pt by default; the healer's heal_state.pt) after checking it against
/// dir/file.check, and reads its scalars; `format` is the "format" string the state must carry.
void openState(SavedState& st, const fs::path& dir, const torch::Device& device,
               const char* file = kStateFile, const char* format = kStateFormat);

/// Writes `archive` to path through mkstemp + fsync + rename, its size and FNV-1a hash to path.check first.
void writeCheckedArchive(torch::serialize::OutputArchive& archive, const fs::path& path);

void restoreWeights(SavedState& st, TrainableGpt2& m);

/// The weight average saved with the state (none when the run does not average or has not begun to).
/// `key` "average" (SWA) or "ema".
void restoreAverage(SavedState& st, const TrainableGpt2& m, WeightAverage& avg,
                    const std::string& key = "average");

// ---- checks ----
void checkIds(const std::vector<int32_t>& ids, int64_t vocab, const char* which);

void validateSettings(const TrainSettings& s, const std::vector<int32_t>& train_ids,
                      const std::vector<int32_t>& val_ids);

void checkResume(const SavedState& st, const json& settings, const std::string& data_hash);

void writeJsonFile(const fs::path& path, const json& j);

}  // namespace kronscope::core::train_detail
