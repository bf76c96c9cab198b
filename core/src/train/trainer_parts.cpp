#include "train/trainer_parts.h"

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
#include "kronscope/core/base/files.h"
#include "kronscope/core/base/memory.h"
#include "kronscope/core/model/gpt2_model.h"

namespace kronscope::core::train_detail {

double secondsSince(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

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
            return "n_layer " + std::to_string(k.n_layer) + ", n_embd " + std::to_string(k.n_embd) +
                   ", n_head " + std::to_string(k.n_head) + ", n_positions " + std::to_string(k.n_positions) +
                   ", vocab_size " + std::to_string(k.vocab_size);
        };
        throw InputError("init checkpoint " + dir + ": its config.json (" + sizes(c) +
                         ") is not the configuration to train (" + sizes(m.config) +
                         "); leave the configuration out to train the checkpoint's own");
    }
    const auto& im = src->impl();
    std::map<std::string, torch::Tensor> w{
        {"wte.weight", im.wte}, {"wpe.weight", im.wpe}, {"ln_f.weight", im.lnf_w}, {"ln_f.bias", im.lnf_b}};
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
                                     static_cast<unsigned char>(u >> 16),
                                     static_cast<unsigned char>(u >> 24)};
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
    if (s.ema_decay > 0.0) run["ema_decay"] = s.ema_decay;
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
        s.ema_decay = run.value("ema_decay", 0.0);
        s.device = j.value("device", std::string("cpu"));
        s.save_dtype = j.value("save_dtype", std::string("F16"));
        s.corpus_name = j.value("corpus", std::string());
    } catch (const json::exception& e) {
        throw InputError(source + ": malformed settings (" + e.what() + ")");
    }
    return s;
}

json evalToJson(const TrainEval& e) {
    auto num = [](double v) { return std::isfinite(v) ? json(v) : json(nullptr); };
    return {{"step", e.step},
            {"train_loss", num(e.train_loss)},
            {"val_loss", num(e.val_loss)},
            {"average_val_loss", num(e.average_val_loss)},
            {"ema_val_loss", num(e.ema_val_loss)},
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
    e.ema_val_loss = num(j.value("ema_val_loss", json(nullptr)));
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
               const RunLog& log, const std::string& data_hash, const WeightAverage& avg,
               const WeightAverage& ema) {
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
    for (const auto& [key, a] :
         {std::pair<std::string, const WeightAverage*>{"average", &avg}, {"ema", &ema}}) {
        if (key == "ema" && a->count == 0) continue;  // states without an EMA stay as they were
        archive.write(key + "_count", c10::IValue(a->count));
        if (a->count > 0) {
            torch::serialize::OutputArchive average;
            for (size_t i = 0; i < a->mean.size(); ++i) average.write("w" + std::to_string(i), a->mean[i]);
            archive.write(key, average);
        }
    }
    torch::serialize::OutputArchive optim;
    optimizer.save(optim);
    archive.write("optimizer", optim);
    writeCheckedArchive(archive, dir / kStateFile);
}

void writeCheckedArchive(torch::serialize::OutputArchive& archive, const fs::path& path) {
    std::ostringstream bytes;
    archive.save_to(bytes);
    const std::string state = bytes.str();
    // The checksum first: a crash between the two writes leaves a state that fails its check (refused,
    // never resumed wrongly). Both through mkstemp + fsync + rename.
    const json check = {{"format", "kronscope-trainer-state-check"},
                        {"bytes", state.size()},
                        {"fnv1a64", contentHashOf(state)}};
    writeFileAtomically(path.string() + ".check", check.dump() + "\n");
    writeFileAtomically(path.string(), state);
}

std::string readString(SavedState& st, const char* key) {
    c10::IValue v;
    if (!st.archive.try_read(key, v) || !v.isString())
        throw InputError(st.path.string() + ": no '" + key + "' (not a Kronscope trainer state?)");
    return v.toStringRef();
}

void openState(SavedState& st, const fs::path& dir, const torch::Device& device, const char* file,
               const char* format) {
    st.path = dir / file;
    std::error_code ec;
    if (!fs::exists(st.path, ec))
        throw InputError(dir.string() + ": no " + file + " to resume (was the run started with this --out?)");
    const std::string bytes = readTextFile(st.path.string(), "trainer state", int64_t{1} << 40);
    const fs::path check_path = st.path.string() + ".check";
    // Trainer states written before the checksum existed have none; every other state must have one.
    if (!fs::exists(check_path, ec) && std::string(file) != kStateFile)
        throw InputError(st.path.string() + ": its checksum file " + check_path.filename().string() +
                         " is missing (the state cannot be trusted to resume from)");
    if (fs::exists(check_path, ec)) {
        json check;
        try {
            check = json::parse(readTextFile(check_path.string(), "checksum file", 1 << 16));
        } catch (const json::exception&) {
            throw InputError(check_path.string() + ": not a trainer-state checksum (not valid JSON)");
        }
        if (!check.is_object() || !check.contains("fnv1a64") || !check["fnv1a64"].is_string())
            throw InputError(check_path.string() + ": not a trainer-state checksum");
        if (check["fnv1a64"].get<std::string>() != contentHashOf(bytes))
            throw InputError(st.path.string() + ": does not match its checksum in " +
                             check_path.filename().string() +
                             " (the file is damaged or was changed; the run cannot be resumed from it)");
    }
    try {
        std::istringstream in(bytes);
        st.archive.load_from(in, device);
    } catch (const c10::Error& e) {
        std::string what = e.what_without_backtrace();
        what = what.substr(0, what.find('\n'));  // LibTorch's messages run over many lines
        throw InputError(st.path.string() + ": cannot read the trainer state (" + what.substr(0, 200) + ")");
    }
    if (readString(st, "format") != format)
        throw InputError(st.path.string() + ": not a Kronscope " +
                         (std::string(format) == kStateFormat ? "trainer" : "healing") + " state");
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
void restoreAverage(SavedState& st, const TrainableGpt2& m, WeightAverage& avg, const std::string& key) {
    c10::IValue v;
    if (!st.archive.try_read(key + "_count", v) || !v.isInt() || v.toInt() <= 0) return;
    torch::serialize::InputArchive average;
    if (!st.archive.try_read(key, average))
        throw InputError(st.path.string() + ": the weight " + (key == "ema" ? "EMA" : "average") +
                         " is missing");
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
    if (s.device == "cpu") {  // weights, gradients and AdamW's two moments in float32, plus activations
        const auto& c = s.config;
        const double B = static_cast<double>(s.batch_size), T = static_cast<double>(s.context_length);
        const double acts =
            static_cast<double>(c.n_layer) * B * T *
                (16.0 * static_cast<double>(c.n_embd) + 2.0 * static_cast<double>(c.innerDim()) +
                 2.0 * static_cast<double>(c.n_head) * T) +
            2.0 * B * T * static_cast<double>(c.vocab_size);
        checkMemoryFits("training this model (" + std::to_string(c.parameterCount()) + " weights, batch " +
                            std::to_string(s.batch_size) + " x " + std::to_string(s.context_length) + ")",
                        16.0 * static_cast<double>(c.parameterCount()) + 4.0 * acts);
    }
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
            "average_from must be -1 (no weight averaging) or a step before `steps` (" +
                std::to_string(s.steps) + ")");
    require(s.ema_decay == 0.0 || (s.ema_decay >= 0.5 && s.ema_decay < 1.0),
            "ema_decay must be 0 (no EMA) or in [0.5, 1)");
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
    writeFileAtomically(path.string(), j.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
}

}  // namespace kronscope::core::train_detail
