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

namespace {

constexpr const char* kStateFile = "trainer_state.pt";
constexpr const char* kLogFile = "training_log.json";
constexpr const char* kStateFormat = "kronscope-trainer-state";
constexpr int64_t kStateVersion = 1;
constexpr double kInitStd = 0.02;  // GPT-2's initializer_range
constexpr double kBeta1 = 0.9, kBeta2 = 0.95, kAdamEps = 1e-8;

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

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
        auto targets = w.slice(1, 1, T + 1).reshape({-1});                              // (N)
        const int64_t N = targets.size(0);
        if (!scratch.defined() || scratch.size(0) < N)
            scratch = torch::empty({N, config.vocab_size}, wte.options().requires_grad(false));
        return tiedHeadCrossEntropy(h.reshape({N, config.n_embd}), wte, targets, scratch.narrow(0, 0, N));
    }

    torch::Tensor scratch;  // (N, V) head buffer of loss(), reused by every step
};

/// The init described in trainer.h, drawn in file order from a CPU generator, then moved to `device`.
TrainableGpt2 initModel(const Gpt2Config& c, uint64_t seed, const torch::Device& device) {
    torch::NoGradGuard no_grad;
    auto gen = at::detail::createCPUGenerator(seed);
    const int64_t C = c.n_embd, F = c.innerDim();
    const double proj_std = kInitStd / std::sqrt(2.0 * static_cast<double>(c.n_layer));
    TrainableGpt2 m;
    m.config = c;
    auto add = [&](const std::string& name, torch::Tensor t) {
        t = t.to(device).contiguous();
        t.set_requires_grad(true);
        m.named.emplace_back(name, t);
        return t;
    };
    auto normal = [&](const std::vector<int64_t>& shape, double std) {
        return torch::normal(0.0, std, shape, gen);
    };
    m.wte = add("wte.weight", normal({c.vocab_size, C}, kInitStd));
    m.wpe = add("wpe.weight", normal({c.n_positions, C}, kInitStd));
    for (int64_t l = 0; l < c.n_layer; ++l) {
        const std::string h = "h." + std::to_string(l) + ".";
        Gpt2Block b;
        b.ln1_w = add(h + "ln_1.weight", torch::ones({C}));
        b.ln1_b = add(h + "ln_1.bias", torch::zeros({C}));
        b.linear[kAttnQkv].weight = add(h + "attn.c_attn.weight", normal({C, 3 * C}, kInitStd));
        b.linear[kAttnQkv].bias = add(h + "attn.c_attn.bias", torch::zeros({3 * C}));
        b.linear[kAttnProj].weight = add(h + "attn.c_proj.weight", normal({C, C}, proj_std));
        b.linear[kAttnProj].bias = add(h + "attn.c_proj.bias", torch::zeros({C}));
        b.ln2_w = add(h + "ln_2.weight", torch::ones({C}));
        b.ln2_b = add(h + "ln_2.bias", torch::zeros({C}));
        b.linear[kMlpFc].weight = add(h + "mlp.c_fc.weight", normal({C, F}, kInitStd));
        b.linear[kMlpFc].bias = add(h + "mlp.c_fc.bias", torch::zeros({F}));
        b.linear[kMlpProj].weight = add(h + "mlp.c_proj.weight", normal({F, C}, proj_std));
        b.linear[kMlpProj].bias = add(h + "mlp.c_proj.bias", torch::zeros({C}));
        m.blocks.push_back(std::move(b));
    }
    m.lnf_w = add("ln_f.weight", torch::ones({C}));
    m.lnf_b = add("ln_f.bias", torch::zeros({C}));
    return m;
}

/// Replaces m's weights by those of the Hugging Face checkpoint in `dir` (loaded and validated by
/// Gpt2Model::load, float32 on the CPU). The checkpoint's config must describe m.config.
void loadInitWeights(TrainableGpt2& m, const std::string& dir) {
    auto src = Gpt2Model::load(dir);
    const Gpt2Config& c = src->config();
    if (c.toJsonText() != m.config.toJsonText()) {
        auto sizes = [](const Gpt2Config& k) {
            return "n_layer " + std::to_string(k.n_layer) + ", n_embd " + std::to_string(k.n_embd) + ", n_head " +
                   std::to_string(k.n_head) + ", n_positions " + std::to_string(k.n_positions) +
                   ", vocab_size " + std::to_string(k.vocab_size);
        };
        throw InputError("init checkpoint " + dir + ": its config.json (" + sizes(c) +
                         ") is not the configuration to train (" + sizes(m.config) +
                         "); leave the configuration out to train the checkpoint's own");
    }
    const auto& im = src->impl();
    std::map<std::string, torch::Tensor> w{{"wte.weight", im.wte}, {"wpe.weight", im.wpe},
                                           {"ln_f.weight", im.lnf_w}, {"ln_f.bias", im.lnf_b}};
    static const char* kSlotNames[4] = {"attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"};
    static_assert(kAttnQkv == 0 && kAttnProj == 1 && kMlpFc == 2 && kMlpProj == 3, "slot order");
    for (size_t l = 0; l < im.blocks.size(); ++l) {
        const std::string h = "h." + std::to_string(l) + ".";
        const auto& b = im.blocks[l];
        w[h + "ln_1.weight"] = b.ln1_w;
        w[h + "ln_1.bias"] = b.ln1_b;
        w[h + "ln_2.weight"] = b.ln2_w;
        w[h + "ln_2.bias"] = b.ln2_b;
        for (int k = 0; k < 4; ++k) {
            w[h + kSlotNames[k] + ".weight"] = im.original[l][static_cast<size_t>(k)];
            w[h + kSlotNames[k] + ".bias"] = b.linear[static_cast<size_t>(k)].bias;
        }
    }
    torch::NoGradGuard no_grad;
    for (auto& [name, param] : m.named) {
        const auto it = w.find(name);
        if (it == w.end() || !it->second.sizes().equals(param.sizes()))
            throw InputError("init checkpoint " + dir + ": no weight '" + name + "' of the expected shape");
        if (!torch::isfinite(it->second).all().item<bool>())
            throw InputError("init checkpoint " + dir + ": weight '" + name + "' holds NaN or Inf values");
        param.copy_(it->second.to(param.device(), torch::kFloat32));
    }
}

/// AdamW with two groups: decayed (dim >= 2: the matrices and both embeddings) and not decayed.
std::unique_ptr<torch::optim::AdamW> makeOptimizer(const TrainableGpt2& m, const TrainSettings& s) {
    std::vector<torch::Tensor> decay, no_decay;
    for (const auto& [name, t] : m.named) (t.dim() >= 2 ? decay : no_decay).push_back(t);
    const auto base = torch::optim::AdamWOptions(s.lr).betas(std::make_tuple(kBeta1, kBeta2)).eps(kAdamEps);
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(
                                   torch::optim::AdamWOptions(base).weight_decay(s.weight_decay)));
    groups.emplace_back(no_decay, std::make_unique<torch::optim::AdamWOptions>(
                                      torch::optim::AdamWOptions(base).weight_decay(0.0)));
    return std::make_unique<torch::optim::AdamW>(std::move(groups), base);
}

void setLearningRate(torch::optim::AdamW& optimizer, double lr) {
    for (auto& group : optimizer.param_groups())
        static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
}

/// Windows ids[start, start + T] as one (b, T + 1) int64 tensor on the CPU: inputs are [:, :T], targets [:,
/// 1:].
torch::Tensor windowBatch(const std::vector<int32_t>& ids, const std::vector<int64_t>& starts, int64_t T) {
    auto t = torch::empty({static_cast<int64_t>(starts.size()), T + 1}, torch::kLong);
    auto* p = t.data_ptr<int64_t>();
    for (size_t i = 0; i < starts.size(); ++i)
        for (int64_t j = 0; j <= T; ++j) *p++ = ids[static_cast<size_t>(starts[i] + j)];
    return t;
}

/// Mean NLL per token (nats) of the windows at `starts` (each T + 1 tokens), b windows per forward pass.
double meanNll(TrainableGpt2& m, const std::vector<int32_t>& ids, const std::vector<int64_t>& starts,
               int64_t T, int64_t b, const torch::Device& device) {
    torch::NoGradGuard no_grad;
    double nll = 0.0;
    int64_t tokens = 0;
    for (size_t i = 0; i < starts.size(); i += static_cast<size_t>(b)) {
        const std::vector<int64_t> chunk(starts.begin() + static_cast<std::ptrdiff_t>(i),
                                         starts.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                              starts.size(), i + static_cast<size_t>(b))));
        auto w = windowBatch(ids, chunk, T).to(device);  // (b, T + 1)
        const int64_t n = w.size(0) * T;
        nll += m.loss(w, T).item<double>() * static_cast<double>(n);
        tokens += n;
    }
    return nll / static_cast<double>(tokens);
}

/// Evenly spaced starts of `count` windows of T + 1 tokens in n tokens (fixed for the whole run).
std::vector<int64_t> evalStarts(int64_t n, int64_t T, int64_t count) {
    const int64_t last = n - T - 1;  // largest start
    std::vector<int64_t> out;
    for (int64_t k = 0; k < count; ++k) out.push_back(count == 1 ? 0 : last * k / (count - 1));
    return out;
}

/// FNV-1a 64 of the token ids (as 32-bit little-endian values), hex.
std::string idsHash(const std::vector<int32_t>& ids) {
    Fnv1a h;
    for (int32_t id : ids) {
        const auto u = static_cast<uint32_t>(id);
        const unsigned char le[4] = {static_cast<unsigned char>(u), static_cast<unsigned char>(u >> 8),
                                     static_cast<unsigned char>(u >> 16), static_cast<unsigned char>(u >> 24)};
        h.update(le, sizeof le);
    }
    return h.hex();
}

// ---- settings <-> JSON ----

/// "run": everything that defines the trajectory (must match on resume); the rest may change between parts.
json settingsToJson(const TrainSettings& s) {
    json run;
    run["config"] = json::parse(s.config.toJsonText());
    run["context_length"] = s.context_length;
    run["batch_size"] = s.batch_size;
    run["steps"] = s.steps;
    run["warmup"] = s.warmup;
    run["eval_interval"] = s.eval_interval;
    run["eval_windows"] = s.eval_windows;
    run["lr"] = s.lr;
    run["min_lr_ratio"] = s.min_lr_ratio;
    run["weight_decay"] = s.weight_decay;
    run["grad_clip"] = s.grad_clip;
    run["dropout"] = s.dropout;
    run["betas"] = {kBeta1, kBeta2};
    run["eps"] = kAdamEps;
    run["seed"] = s.seed;
    if (!s.init_from.empty()) run["init_from"] = s.init_from;
    if (s.average_from >= 0) run["average_from"] = s.average_from;
    json j;
    j["run"] = run;
    j["device"] = s.device;
    j["save_dtype"] = s.save_dtype;
    j["corpus"] = s.corpus_name;
    return j;
}

TrainSettings settingsFromJson(const json& j, const std::string& source) {
    TrainSettings s;
    try {
        const auto& run = j.at("run");
        s.config = Gpt2Config::fromJsonText(run.at("config").dump(), source);
        s.context_length = run.at("context_length").get<int64_t>();
        s.batch_size = run.at("batch_size").get<int64_t>();
        s.steps = run.at("steps").get<int64_t>();
        s.warmup = run.at("warmup").get<int64_t>();
        s.eval_interval = run.at("eval_interval").get<int64_t>();
        s.eval_windows = run.at("eval_windows").get<int64_t>();
        s.lr = run.at("lr").get<double>();
        s.min_lr_ratio = run.at("min_lr_ratio").get<double>();
        s.weight_decay = run.at("weight_decay").get<double>();
        s.grad_clip = run.at("grad_clip").get<double>();
        s.dropout = run.value("dropout", 0.0);
        s.seed = run.at("seed").get<uint64_t>();
        s.init_from = run.value("init_from", std::string());
        s.average_from = run.value("average_from", int64_t{-1});
        s.device = j.value("device", std::string("cpu"));
        s.save_dtype = j.value("save_dtype", std::string("F16"));
        s.corpus_name = j.value("corpus", std::string());
    } catch (const json::exception& e) {
        throw InputError(source + ": malformed settings (" + e.what() + ")");
    }
    return s;
}

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

/// The running mean of the weights (stochastic weight averaging), in TrainableGpt2::named order.
struct WeightAverage {
    std::vector<torch::Tensor> mean;  // float32 on the training device; empty until the first step averaged
    int64_t count = 0;

    void add(const TrainableGpt2& m) {
        torch::NoGradGuard no_grad;
        ++count;
        if (mean.empty()) {
            for (const auto& [name, t] : m.named) mean.push_back(t.detach().clone());
            return;
        }
        for (size_t i = 0; i < mean.size(); ++i)
            mean[i].lerp_(m.named[i].second.detach(), 1.0 / static_cast<double>(count));
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

json evalToJson(const TrainEval& e) {
    auto num = [](double v) { return std::isfinite(v) ? json(v) : json(nullptr); };
    return {{"step", e.step},
            {"train_loss", num(e.train_loss)},
            {"val_loss", num(e.val_loss)},
            {"average_val_loss", num(e.average_val_loss)},
            {"lr", e.lr},
            {"seconds", e.seconds},
            {"tokens_per_second", e.tokens_per_second}};
}

TrainEval evalFromJson(const json& j) {
    auto num = [](const json& v) {
        return v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.get<double>();
    };
    TrainEval e;
    e.step = j.at("step").get<int64_t>();
    e.train_loss = num(j.at("train_loss"));
    e.val_loss = num(j.at("val_loss"));
    e.average_val_loss = num(j.value("average_val_loss", json(nullptr)));
    e.lr = j.at("lr").get<double>();
    e.seconds = j.at("seconds").get<double>();
    e.tokens_per_second = j.at("tokens_per_second").get<double>();
    return e;
}

json runLogToJson(const RunLog& r) {
    json history = json::array();
    for (const auto& e : r.history) history.push_back(evalToJson(e));
    return {{"history", history},
            {"seconds", r.seconds},
            {"train_seconds", r.train_seconds},
            {"train_tokens", r.train_tokens},
            {"interval_loss_sum", r.interval_loss_sum},
            {"interval_steps", r.interval_steps},
            {"interval_seconds", r.interval_seconds},
            {"last_lr", r.last_lr}};
}

RunLog runLogFromJson(const json& j) {
    RunLog r;
    for (const auto& e : j.at("history")) r.history.push_back(evalFromJson(e));
    r.seconds = j.at("seconds").get<double>();
    r.train_seconds = j.at("train_seconds").get<double>();
    r.train_tokens = j.at("train_tokens").get<int64_t>();
    r.interval_loss_sum = j.at("interval_loss_sum").get<double>();
    r.interval_steps = j.at("interval_steps").get<int64_t>();
    r.interval_seconds = j.at("interval_seconds").get<double>();
    r.last_lr = j.at("last_lr").get<double>();
    return r;
}

void saveState(const fs::path& dir, const TrainableGpt2& m, const torch::optim::AdamW& optimizer,
               int64_t step, const std::mt19937_64& rng, const Dropout& dropout, const json& settings,
               const RunLog& log, const std::string& data_hash, const WeightAverage& avg) {
    torch::serialize::OutputArchive archive;
    archive.write("format", c10::IValue(std::string(kStateFormat)));
    archive.write("format_version", c10::IValue(kStateVersion));
    archive.write("step", c10::IValue(step));
    std::ostringstream rng_text;
    rng_text << rng;
    archive.write("batch_rng", c10::IValue(rng_text.str()));
    archive.write("dropout_rng", dropout.gen.get_state());
    archive.write("settings", c10::IValue(settings.dump()));
    archive.write("log", c10::IValue(runLogToJson(log).dump()));
    archive.write("data_hash", c10::IValue(data_hash));
    json names = json::array();
    torch::serialize::OutputArchive weights;
    for (size_t i = 0; i < m.named.size(); ++i) {
        // Keys by index: archive keys may not contain dots.
        weights.write("w" + std::to_string(i), m.named[i].second.detach());
        names.push_back(m.named[i].first);
    }
    archive.write("weight_names", c10::IValue(names.dump()));
    archive.write("weights", weights);
    archive.write("average_count", c10::IValue(avg.count));
    if (avg.count > 0) {
        torch::serialize::OutputArchive average;
        for (size_t i = 0; i < avg.mean.size(); ++i) average.write("w" + std::to_string(i), avg.mean[i]);
        archive.write("average", average);
    }
    torch::serialize::OutputArchive optim;
    optimizer.save(optim);
    archive.write("optimizer", optim);
    const fs::path tmp = dir / (std::string(kStateFile) + ".tmp");
    archive.save_to(tmp.string());
    fs::rename(tmp, dir / kStateFile);
}

/// trainer_state.pt opened: the scalars read, weights and optimizer still in the archive.
struct SavedState {
    fs::path path;
    torch::serialize::InputArchive archive;
    int64_t step = 0;
    std::string batch_rng, data_hash;
    json settings, log, weight_names;
};

std::string readString(SavedState& st, const char* key) {
    c10::IValue v;
    if (!st.archive.try_read(key, v) || !v.isString())
        throw InputError(st.path.string() + ": no '" + key + "' (not a Kronscope trainer state?)");
    return v.toStringRef();
}

void openState(SavedState& st, const fs::path& dir, const torch::Device& device) {
    st.path = dir / kStateFile;
    std::error_code ec;
    if (!fs::exists(st.path, ec))
        throw InputError(dir.string() + ": no " + kStateFile +
                         " to resume (was the run started with this --out?)");
    try {
        st.archive.load_from(st.path.string(), device);
    } catch (const c10::Error& e) {
        throw InputError(st.path.string() + ": cannot read the trainer state (" +
                         std::string(e.what_without_backtrace()) + ")");
    }
    if (readString(st, "format") != kStateFormat)
        throw InputError(st.path.string() + ": not a Kronscope trainer state");
    c10::IValue v;
    if (!st.archive.try_read("format_version", v) || !v.isInt() || v.toInt() > kStateVersion)
        throw InputError(st.path.string() + ": trainer state of an unknown, newer format version");
    if (!st.archive.try_read("step", v) || !v.isInt()) throw InputError(st.path.string() + ": no step");
    st.step = v.toInt();
    st.batch_rng = readString(st, "batch_rng");
    st.data_hash = readString(st, "data_hash");
    try {
        st.settings = json::parse(readString(st, "settings"));
        st.log = json::parse(readString(st, "log"));
        st.weight_names = json::parse(readString(st, "weight_names"));
    } catch (const json::exception& e) {
        throw InputError(st.path.string() + ": malformed trainer state (" + e.what() + ")");
    }
}

void restoreWeights(SavedState& st, TrainableGpt2& m) {
    torch::NoGradGuard no_grad;
    if (st.weight_names.size() != m.named.size())
        throw InputError(st.path.string() + ": holds " + std::to_string(st.weight_names.size()) +
                         " weight tensors but the configuration has " + std::to_string(m.named.size()));
    torch::serialize::InputArchive weights;
    st.archive.read("weights", weights);
    for (size_t i = 0; i < m.named.size(); ++i) {
        auto& [name, param] = m.named[i];
        torch::Tensor t;
        weights.read("w" + std::to_string(i), t);
        if (st.weight_names[i].get<std::string>() != name || !t.sizes().equals(param.sizes()))
            throw InputError(st.path.string() + ": weight " + std::to_string(i) + " is '" +
                             st.weight_names[i].get<std::string>() + "', expected '" + name +
                             "' of this shape");
        param.copy_(t);
    }
}

/// The weight average saved with the state (none when the run does not average or has not begun to).
void restoreAverage(SavedState& st, const TrainableGpt2& m, WeightAverage& avg) {
    c10::IValue v;
    if (!st.archive.try_read("average_count", v) || !v.isInt() || v.toInt() <= 0) return;
    torch::serialize::InputArchive average;
    if (!st.archive.try_read("average", average))
        throw InputError(st.path.string() + ": the weight average is missing");
    avg.count = v.toInt();
    avg.mean.clear();
    for (size_t i = 0; i < m.named.size(); ++i) {
        torch::Tensor t;
        if (!average.try_read("w" + std::to_string(i), t) || !t.sizes().equals(m.named[i].second.sizes()))
            throw InputError(st.path.string() + ": the weight average's tensor " + std::to_string(i) +
                             " is missing or has another shape");
        avg.mean.push_back(t.to(m.named[i].second.device(), torch::kFloat32));
    }
}

// ---- checks ----

void checkIds(const std::vector<int32_t>& ids, int64_t vocab, const char* which) {
    for (size_t i = 0; i < ids.size(); ++i)
        if (ids[i] < 0 || ids[i] >= vocab)
            throw InputError(std::string(which) + " token id " + std::to_string(ids[i]) + " at position " +
                             std::to_string(i) + " is outside the model's vocabulary (vocab_size " +
                             std::to_string(vocab) + ")");
}

void validateSettings(const TrainSettings& s, const std::vector<int32_t>& train_ids,
                      const std::vector<int32_t>& val_ids) {
    s.config.validate("training config");
    auto require = [](bool ok, const std::string& message) {
        if (!ok) throw InputError("training settings: " + message);
    };
    require(s.context_length >= 1 && s.context_length <= s.config.n_positions,
            "context_length " + std::to_string(s.context_length) + " must be in 1 .. n_positions (" +
                std::to_string(s.config.n_positions) + ")");
    require(s.batch_size >= 1, "batch_size must be at least 1");
    require(s.steps >= 1, "steps must be at least 1");
    require(s.warmup >= 0, "warmup must be >= 0");
    require(s.eval_interval >= 1, "eval_interval must be at least 1");
    require(s.eval_windows >= 1, "eval_windows must be at least 1");
    require(s.stop_after >= 0, "stop_after must be >= 0");
    require(s.lr > 0.0 && std::isfinite(s.lr), "lr must be a positive number");
    require(s.min_lr_ratio >= 0.0 && s.min_lr_ratio <= 1.0, "min_lr_ratio must be in [0, 1]");
    require(s.weight_decay >= 0.0, "weight_decay must be >= 0");
    require(s.grad_clip >= 0.0, "grad_clip must be >= 0 (0 = no clipping)");
    require(s.dropout >= 0.0 && s.dropout < 1.0, "dropout must be in [0, 1)");
    require(s.average_from >= -1 && s.average_from < s.steps,
            "average_from must be -1 (no weight averaging) or a step before `steps` (" + std::to_string(s.steps) + ")");
    require(s.save_dtype == "F32" || s.save_dtype == "F16" || s.save_dtype == "BF16",
            "save_dtype '" + s.save_dtype + "': expected F32, F16 or BF16");
    const auto need = static_cast<size_t>(s.context_length) + 1;
    if (train_ids.size() < need)
        throw InputError("the training text has " + std::to_string(train_ids.size()) +
                         " tokens; training needs at least context_length + 1 = " + std::to_string(need));
    if (!val_ids.empty() && val_ids.size() < need)
        throw InputError("the validation text has " + std::to_string(val_ids.size()) +
                         " tokens; validation needs at least context_length + 1 = " + std::to_string(need));
    checkIds(train_ids, s.config.vocab_size, "training");
    checkIds(val_ids, s.config.vocab_size, "validation");
}

void checkResume(const SavedState& st, const json& settings, const std::string& data_hash) {
    const json& saved = st.settings.at("run");
    const json& now = settings.at("run");
    for (auto it = now.begin(); it != now.end(); ++it) {
        const json& old = saved.contains(it.key()) ? saved.at(it.key()) : json(nullptr);
        if (old != it.value())
            throw InputError("resume: setting '" + it.key() + "' is " + it.value().dump() + " here but " +
                             old.dump() + " in " + st.path.string() + " (a resumed run keeps its settings)");
    }
    if (st.data_hash != data_hash)
        throw InputError("resume: the training / validation tokens differ from those of " + st.path.string() +
                         " (same corpus and tokenizer needed)");
}

void writeJsonFile(const fs::path& path, const json& j) {
    const fs::path tmp = path.string() + ".tmp";
    {
        std::ofstream out(tmp);
        out << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
        if (!out) throw InputError(tmp.string() + ": cannot write");
    }
    fs::rename(tmp, path);
}

}  // namespace

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
                                 "cpu or cuda): " + std::string(e.what_without_backtrace()));
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
            e.average_val_loss =
                withAverage(model, average, [&] { return meanNll(model, val_ids, val_starts, T, B, device); });
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
