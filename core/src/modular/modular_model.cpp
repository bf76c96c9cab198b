#include "kronscope/core/modular/modular_model.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/base/hash.h"
#include "kronscope/core/io/safetensors.h"
#include "model/checkpoint_impl.h"
#include "modular/modular_impl.h"

namespace kronscope::core {

namespace fs = std::filesystem;
using json = nlohmann::json;

// ---- config

int64_t ModularConfig::dVocabOut() const {
    int64_t s = 0;
    for (auto q : moduli) s += q;
    return s;
}

void ModularConfig::validate(const std::string& where) const {
    checkModularP(task, p);
    auto need = [&](bool ok, const std::string& what) {
        if (!ok) throw InputError(where + ": " + what);
    };
    need(n_layers >= 1 && n_layers <= 16, "n_layers must be 1 to 16");
    need(d_model >= 2 && d_model <= 4096, "d_model must be 2 to 4096");
    need(n_heads >= 1 && d_head >= 1 && n_heads * d_head <= 8192, "n_heads and d_head must be positive");
    need(d_mlp >= 1 && d_mlp <= 65536, "d_mlp must be 1 to 65536");
    need(!moduli.empty(), "no task heads (moduli)");
    for (auto q : moduli) need(q >= 2 && q <= p, "modulus " + std::to_string(q) + " is outside 2..p");
}

std::string ModularConfig::toJson() const {
    json j = {{"n_layers", n_layers},
              {"d_model", d_model},
              {"n_heads", n_heads},
              {"d_head", d_head},
              {"d_mlp", d_mlp},
              {"d_vocab", dVocab()},
              {"d_vocab_out", dVocabOut()},
              {"n_ctx", nCtx()},
              {"act_fn", "relu"},
              {"normalization_type", nullptr},
              {"attn_only", false},
              {"positional_embedding_type", "standard"},
              {"task", modularTaskName(task)},
              {"p", p},
              {"moduli", moduli},
              {"seed", seed},
              {"model_type", "kronscope-modular"}};
    return j.dump(2) + "\n";
}

namespace {

int64_t intField(const json& j, const char* key, const std::string& where) {
    if (!j.contains(key)) throw InputError(where + ": no '" + key + "'");
    if (!j[key].is_number_integer()) throw InputError(where + ": '" + key + "' is not an integer");
    return j[key].get<int64_t>();
}

}  // namespace

ModularConfig ModularConfig::fromJson(const std::string& text, const std::string& where) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception&) {
        throw InputError(where + ": not valid JSON");
    }
    if (!j.is_object()) throw InputError(where + ": not a JSON object");
    ModularConfig c;
    c.n_layers = intField(j, "n_layers", where);
    c.d_model = intField(j, "d_model", where);
    c.n_heads = intField(j, "n_heads", where);
    c.d_head = intField(j, "d_head", where);
    c.d_mlp = intField(j, "d_mlp", where);
    const int64_t d_vocab = intField(j, "d_vocab", where);
    const int64_t n_ctx = j.contains("n_ctx") ? intField(j, "n_ctx", where) : 3;
    if (n_ctx != 3)
        throw InputError(where + ": n_ctx is " + std::to_string(n_ctx) + "; these models read [x0, x1, =]");
    if (j.contains("act_fn") && j["act_fn"] != "relu")
        throw InputError(where + ": act_fn '" + j["act_fn"].dump() + "' (only relu models are supported)");
    if (j.contains("normalization_type") && !j["normalization_type"].is_null())
        throw InputError(where + ": normalization_type " + j["normalization_type"].dump() +
                         " (these models have no LayerNorm; only null is supported)");
    c.p = j.contains("p") ? intField(j, "p", where) : d_vocab - 1;
    if (d_vocab != c.p + 1)
        throw InputError(where + ": d_vocab " + std::to_string(d_vocab) +
                         " is not p + 1 = " + std::to_string(c.p + 1));
    const int64_t d_out = j.contains("d_vocab_out") ? intField(j, "d_vocab_out", where) : c.p;
    if (j.contains("task")) {
        if (!j["task"].is_string()) throw InputError(where + ": 'task' is not a string");
        c.task = parseModularTask(j["task"].get<std::string>());
    } else if (d_out == c.p) {
        c.task = ModularTask::Nanda;
    } else {
        throw InputError(where + ": no 'task', and d_vocab_out " + std::to_string(d_out) +
                         " is not p (name the task: nanda, miiii, basis, masked)");
    }
    checkModularP(c.task, c.p);
    c.moduli = modularModuli(c.task, c.p);
    if (j.contains("moduli")) {
        if (!j["moduli"].is_array()) throw InputError(where + ": 'moduli' is not a list");
        std::vector<int64_t> m;
        for (const auto& x : j["moduli"]) {
            if (!x.is_number_integer()) throw InputError(where + ": 'moduli' holds a non-integer");
            m.push_back(x.get<int64_t>());
        }
        if (m != c.moduli)
            throw InputError(where + ": 'moduli' are not the task's (" +
                             std::string(modularTaskName(c.task)) + " at p = " + std::to_string(c.p) + ")");
    }
    if (j.contains("seed")) c.seed = static_cast<uint64_t>(intField(j, "seed", where));
    if (d_out != c.dVocabOut())
        throw InputError(where + ": d_vocab_out " + std::to_string(d_out) +
                         " is not the sum of the moduli (" + std::to_string(c.dVocabOut()) + ")");
    c.validate(where);
    return c;
}

std::string ModularConfig::describe() const {
    return std::string(modularTaskName(task)) + ", p = " + std::to_string(p) + ", " +
           std::to_string(n_layers) + (n_layers == 1 ? " layer" : " layers") + ", d " +
           std::to_string(d_model) + ", " + std::to_string(n_heads) + " heads x " + std::to_string(d_head) +
           ", d_mlp " + std::to_string(d_mlp) + ", " + std::to_string(moduli.size()) +
           (moduli.size() == 1 ? " task" : " tasks");
}

bool isModularCheckpoint(const std::string& directory) {
    const fs::path cfg = fs::path(directory) / "config.json";
    std::error_code ec;
    if (!fs::is_regular_file(cfg, ec)) return false;
    try {
        const json j = json::parse(readTextFile(cfg.string(), "config file", 1 << 20));
        return j.is_object() && j.contains("d_vocab") && j.contains("d_model") && !j.contains("n_embd");
    } catch (const std::exception&) {
        return false;
    }
}

// ---- weights and the forward pass

std::vector<std::pair<std::string, torch::Tensor>> ModularWeights::named() const {
    std::vector<std::pair<std::string, torch::Tensor>> out{{"embed.W_E", W_E}, {"pos_embed.W_pos", W_pos}};
    for (size_t l = 0; l < blocks.size(); ++l) {
        const auto& b = blocks[l];
        const std::string a = "blocks." + std::to_string(l) + ".attn.",
                          m = "blocks." + std::to_string(l) + ".mlp.";
        for (const auto& [n, t] : std::vector<std::pair<std::string, torch::Tensor>>{{a + "W_Q", b.W_Q},
                                                                                     {a + "W_K", b.W_K},
                                                                                     {a + "W_V", b.W_V},
                                                                                     {a + "W_O", b.W_O},
                                                                                     {a + "b_Q", b.b_Q},
                                                                                     {a + "b_K", b.b_K},
                                                                                     {a + "b_V", b.b_V},
                                                                                     {a + "b_O", b.b_O},
                                                                                     {m + "W_in", b.W_in},
                                                                                     {m + "b_in", b.b_in},
                                                                                     {m + "W_out", b.W_out},
                                                                                     {m + "b_out", b.b_out}})
            if (t.defined()) out.emplace_back(n, t);
    }
    out.emplace_back("unembed.W_U", W_U);
    if (b_U.defined()) out.emplace_back("unembed.b_U", b_U);
    return out;
}

namespace {

torch::Tensor plus(const torch::Tensor& x, const torch::Tensor& b) {
    return b.defined() ? x + b : x;
}

}  // namespace

torch::Tensor modularForward(const ModularConfig& c, const ModularWeights& w, const torch::Tensor& tokens,
                             const Dropout* dropout, ModularTap* tap) {
    const int64_t B = tokens.size(0), T = tokens.size(1), H = c.n_heads, E = c.d_head, D = c.d_model;
    auto drop = [&](const torch::Tensor& x) { return dropout ? (*dropout)(x) : x; };
    torch::Tensor h =
        w.W_E.index_select(0, tokens.reshape({-1})).view({B, T, D}) + w.W_pos.narrow(0, 0, T).unsqueeze(0);
    const auto causal =
        torch::ones({T, T}, torch::TensorOptions().dtype(torch::kBool).device(h.device())).triu(1);
    for (size_t l = 0; l < w.blocks.size(); ++l) {
        const auto& b = w.blocks[l];
        // Only the last position reaches the logits: the last block computes its query, attention output and
        // MLP there alone (the same numbers as the full pass at that position).
        const bool last = l + 1 == w.blocks.size();
        const int64_t Tq = last ? 1 : T;
        // x (B, t, D) @ W (H, D, E) as one (D, H E) matmul -> (B, H, t, E). In the first block the residual
        // is still W_E[token] + W_pos[t], so the projection is the same sum of (W_E W)[token] + (W_pos W)[t]:
        // tables of d_vocab + n_ctx rows instead of B T matmul rows (exact up to rounding).
        auto heads = [&](const torch::Tensor& x, const torch::Tensor& W, const torch::Tensor& bias,
                         bool last_only) {
            const auto flatW = W.permute({1, 0, 2}).reshape({D, H * E});
            torch::Tensor y;
            if (l == 0) {
                const auto tok = last_only ? tokens.narrow(1, T - 1, 1) : tokens;
                const auto pos = last_only ? w.W_pos.narrow(0, T - 1, 1) : w.W_pos.narrow(0, 0, T);
                y = torch::matmul(w.W_E, flatW)
                        .index_select(0, tok.reshape({-1}))
                        .view({B, tok.size(1), H * E}) +
                    torch::matmul(pos, flatW).unsqueeze(0);
                y = y.view({B, tok.size(1), H, E});
            } else {
                y = torch::matmul(x, flatW).view({B, x.size(1), H, E});
            }
            if (bias.defined()) y = y + bias;
            return y.transpose(1, 2);
        };
        const auto q = heads(last ? h.narrow(1, T - 1, 1) : h, b.W_Q, b.b_Q, last);
        const auto k = heads(h, b.W_K, b.b_K, false), v = heads(h, b.W_V, b.b_V, false);
        auto scores = torch::matmul(q, k.transpose(-1, -2)) / std::sqrt(static_cast<double>(E));
        if (!last) scores = scores.masked_fill(causal, -std::numeric_limits<float>::infinity());
        const auto pattern = torch::softmax(scores, -1);  // (B, H, Tq, T)
        const auto z = torch::matmul(drop(pattern), v).transpose(1, 2).reshape({B, Tq, H * E});
        const auto attn = plus(torch::matmul(z, b.W_O.reshape({H * E, D})), b.b_O);  // heads added
        h = (last ? h.narrow(1, T - 1, 1) : h) + drop(attn);
        const auto post = torch::relu(plus(torch::matmul(h, b.W_in), b.b_in));
        if (tap && tap->layer == static_cast<int>(l)) {
            tap->pattern = pattern.select(2, Tq - 1).detach();  // (B, H, T)
            tap->mlp_post = post.select(1, Tq - 1).detach();
        }
        h = h + drop(plus(torch::matmul(post, b.W_out), b.b_out));
    }
    return plus(torch::matmul(h.select(1, h.size(1) - 1), w.W_U), w.b_U);
}

torch::Tensor modularTokens(int64_t p, const std::vector<int32_t>& pairs, const torch::Device& device) {
    auto t = torch::empty({static_cast<int64_t>(pairs.size()), 3}, torch::kInt64);
    auto a = t.accessor<int64_t, 2>();
    for (size_t i = 0; i < pairs.size(); ++i) {
        a[static_cast<int64_t>(i)][0] = pairs[i] / p;
        a[static_cast<int64_t>(i)][1] = pairs[i] % p;
        a[static_cast<int64_t>(i)][2] = p;
    }
    return t.to(device);
}

torch::Tensor modularLabels(const ModularDataset& data, const std::vector<int32_t>& pairs,
                            const torch::Device& device) {
    const int64_t tasks = data.tasks();
    auto t = torch::empty({static_cast<int64_t>(pairs.size()), tasks}, torch::kInt64);
    auto a = t.accessor<int64_t, 2>();
    for (size_t i = 0; i < pairs.size(); ++i)
        for (int64_t k = 0; k < tasks; ++k)
            a[static_cast<int64_t>(i)][k] = data.labels[static_cast<size_t>(pairs[i] * tasks + k)];
    return t.to(device);
}

ModularLoss modularLoss(const torch::Tensor& logits, const torch::Tensor& labels,
                        const std::vector<int64_t>& moduli, bool metrics) {
    ModularLoss out;
    const auto T = static_cast<int64_t>(moduli.size());
    const int64_t B = logits.size(0), total = logits.size(1);
    if (T == 1) {  // nanda: one head, the plain cross-entropy
        const auto ce = torch::nn::functional::cross_entropy(logits, labels.select(1, 0));
        out.objective = ce / std::log(static_cast<double>(moduli[0]));
        if (metrics)
            out.per_task.emplace_back(
                logits.argmax(1).eq(labels.select(1, 0)).to(torch::kFloat64).mean().item<double>(),
                ce.item<double>());
        return out;
    }
    // Many heads (miiii: 29): every head's logits gathered into one (B, T, q_max) tensor padded with -inf, so
    // that one log-softmax and one gather serve all tasks (and one scatter their backward) instead of T
    // slices.
    const int64_t qmax = *std::max_element(moduli.begin(), moduli.end());
    auto idx = torch::full({T, qmax}, total, torch::kInt64);  // `total` = the -inf pad column
    auto w = torch::empty({T}, torch::kFloat64);
    {
        auto a = idx.accessor<int64_t, 2>();
        int64_t offset = 0;
        for (int64_t k = 0; k < T; ++k) {
            for (int64_t c = 0; c < moduli[static_cast<size_t>(k)]; ++c) a[k][c] = offset + c;
            offset += moduli[static_cast<size_t>(k)];
            w[k] = 1.0 / std::log(static_cast<double>(moduli[static_cast<size_t>(k)]));
        }
    }
    const auto padded =
        torch::cat({logits, torch::full({B, 1}, -std::numeric_limits<float>::infinity(), logits.options())},
                   1)
            .index_select(1, idx.reshape({-1}).to(logits.device()))
            .view({B, T, qmax});
    const auto logp = torch::log_softmax(padded, -1);
    const auto ce = -logp.gather(2, labels.unsqueeze(2)).squeeze(2).mean(0);  // (T): CE_q per task
    out.objective = (ce * w.to(ce.device(), ce.scalar_type())).sum();
    if (metrics) {
        const auto acc = padded.argmax(2).eq(labels).to(torch::kFloat64).mean(0).to(torch::kCPU);
        const auto ce_cpu = ce.detach().to(torch::kCPU, torch::kFloat64);
        for (int64_t k = 0; k < T; ++k)
            out.per_task.emplace_back(acc[k].item<double>(), ce_cpu[k].item<double>());
    }
    return out;
}

ModularWeights initModularWeights(const ModularConfig& c, uint64_t seed, const torch::Device& device) {
    torch::NoGradGuard no_grad;
    auto gen = at::detail::createCPUGenerator(seed);
    auto he = [&](std::vector<int64_t> shape, int64_t fan_in) {
        return torch::empty(shape, torch::kFloat32)
            .normal_(0.0, std::sqrt(2.0 / static_cast<double>(fan_in)), gen)
            .to(device);
    };
    ModularWeights w;
    // The embedding tables as torch.nn.init.kaiming_normal_ treats a [rows, d] weight: fan_in = d.
    w.W_E = he({c.dVocab(), c.d_model}, c.d_model);
    w.W_pos = he({c.nCtx(), c.d_model}, c.d_model);
    for (int64_t l = 0; l < c.n_layers; ++l) {
        ModularWeights::Block b;
        b.W_Q = he({c.n_heads, c.d_model, c.d_head}, c.d_model);
        b.W_K = he({c.n_heads, c.d_model, c.d_head}, c.d_model);
        b.W_V = he({c.n_heads, c.d_model, c.d_head}, c.d_model);
        b.W_O = he({c.n_heads, c.d_head, c.d_model}, c.n_heads * c.d_head);
        b.W_in = he({c.d_model, c.d_mlp}, c.d_model);
        b.W_out = he({c.d_mlp, c.d_model}, c.d_mlp);
        w.blocks.push_back(b);
    }
    w.W_U = he({c.d_model, c.dVocabOut()}, c.d_model);
    return w;
}

void writeModularCheckpoint(const std::string& directory, const ModularConfig& c, const ModularWeights& w,
                            const std::string& dtype) {
    torch::NoGradGuard no_grad;
    const auto [st, dt] = saveDtype(dtype);
    fs::create_directories(directory);
    std::vector<torch::Tensor> keep;
    std::vector<TensorToWrite> out;
    for (const auto& [name, t] : w.named()) {
        keep.push_back(t.detach().to(torch::kCPU).to(st).contiguous());
        const auto& k = keep.back();
        out.push_back(
            {name, dt, k.sizes().vec(), k.data_ptr(), static_cast<size_t>(k.numel() * k.element_size())});
    }
    writeSafetensors((fs::path(directory) / "model.safetensors").string(), out, {{"format", "pt"}});
    writeFileAtomically((fs::path(directory) / "config.json").string(), c.toJson());
}

// ---- the model

struct ModularModel::Impl {
    ModularConfig config;
    ModularWeights w;
    std::string directory;
    torch::Device device{torch::kCPU};
    bool biases = false;
    std::vector<std::string> hashed;
    std::once_flag hash_once;
    std::string hash;
};

ModularModel::ModularModel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ModularModel::~ModularModel() = default;

namespace {

/// Reads tensor `name` of `shape` (required unless optional) as float32 on the device.
torch::Tensor readTensor(const SafetensorsFile& file, const std::string& name,
                         const std::vector<int64_t>& shape, bool required, const torch::Device& device) {
    const TensorInfo* info = file.find(name);
    if (!info) {
        if (required)
            throw InputError(file.path() + ": no tensor '" + name + "' (TransformerLens names expected)");
        return {};
    }
    if (info->shape != shape)
        throw InputError(file.path() + ": tensor '" + name + "' has shape " + formatShape(info->shape) +
                         ", expected " + formatShape(shape) + " from config.json");
    auto t = toFloatTensor(file, *info);
    if (!torch::isfinite(t).all().item<bool>())
        throw InputError(file.path() + ": tensor '" + name + "' holds NaN or Inf");
    return t.to(device);
}

void readWeights(ModularModel::Impl& m, const SafetensorsFile& file) {
    const auto& c = m.config;
    const auto& dev = m.device;
    m.w.W_E = readTensor(file, "embed.W_E", {c.dVocab(), c.d_model}, true, dev);
    m.w.W_pos = readTensor(file, "pos_embed.W_pos", {c.nCtx(), c.d_model}, true, dev);
    for (int64_t l = 0; l < c.n_layers; ++l) {
        const std::string a = "blocks." + std::to_string(l) + ".attn.",
                          mm = "blocks." + std::to_string(l) + ".mlp.";
        ModularWeights::Block b;
        b.W_Q = readTensor(file, a + "W_Q", {c.n_heads, c.d_model, c.d_head}, true, dev);
        b.W_K = readTensor(file, a + "W_K", {c.n_heads, c.d_model, c.d_head}, true, dev);
        b.W_V = readTensor(file, a + "W_V", {c.n_heads, c.d_model, c.d_head}, true, dev);
        b.W_O = readTensor(file, a + "W_O", {c.n_heads, c.d_head, c.d_model}, true, dev);
        b.b_Q = readTensor(file, a + "b_Q", {c.n_heads, c.d_head}, false, dev);
        b.b_K = readTensor(file, a + "b_K", {c.n_heads, c.d_head}, false, dev);
        b.b_V = readTensor(file, a + "b_V", {c.n_heads, c.d_head}, false, dev);
        b.b_O = readTensor(file, a + "b_O", {c.d_model}, false, dev);
        b.W_in = readTensor(file, mm + "W_in", {c.d_model, c.d_mlp}, true, dev);
        b.b_in = readTensor(file, mm + "b_in", {c.d_mlp}, false, dev);
        b.W_out = readTensor(file, mm + "W_out", {c.d_mlp, c.d_model}, true, dev);
        b.b_out = readTensor(file, mm + "b_out", {c.d_model}, false, dev);
        m.w.blocks.push_back(b);
    }
    m.w.W_U = readTensor(file, "unembed.W_U", {c.d_model, c.dVocabOut()}, true, dev);
    m.w.b_U = readTensor(file, "unembed.b_U", {c.dVocabOut()}, false, dev);
    // Every tensor must be one of these (TransformerLens' attention buffers aside): a stray LayerNorm or a
    // second layer the config does not announce would otherwise be silently ignored.
    std::map<std::string, bool> known;
    for (const auto& [n, t] : m.w.named()) known[n] = true;
    for (const auto& t : file.tensors()) {
        const auto& n = t.name;
        const bool buffer = n.size() > 7 && (n.compare(n.size() - 7, 7, ".IGNORE") == 0 ||
                                             n.compare(n.size() - 5, 5, ".mask") == 0);
        if (!known.count(n) && !buffer)
            throw InputError(file.path() + ": tensor '" + n +
                             "' is not part of the model config.json describes (" + c.describe() + ")");
        if (n.find(".b_") != std::string::npos) m.biases = true;
    }
}

}  // namespace

std::unique_ptr<ModularModel> ModularModel::load(const std::string& directory, const std::string& device) {
    torch::NoGradGuard no_grad;
    auto impl = std::make_unique<Impl>();
    impl->directory = directory;
    impl->device = parseDevice(device);
    const fs::path cfg = fs::path(directory) / "config.json", st = fs::path(directory) / "model.safetensors";
    std::error_code ec;
    if (!fs::is_regular_file(cfg, ec)) throw InputError(directory + ": no config.json");
    if (!fs::is_regular_file(st, ec)) throw InputError(directory + ": no model.safetensors");
    impl->config = ModularConfig::fromJson(readTextFile(cfg.string(), "config file", 1 << 20), cfg.string());
    const auto file = SafetensorsFile::open(st.string());
    readWeights(*impl, file);
    impl->hashed = {cfg.string(), st.string()};
    return std::unique_ptr<ModularModel>(new ModularModel(std::move(impl)));
}

const ModularConfig& ModularModel::config() const {
    return impl_->config;
}
const std::string& ModularModel::directory() const {
    return impl_->directory;
}
std::string ModularModel::device() const {
    return impl_->device.str();
}
bool ModularModel::hasBiases() const {
    return impl_->biases;
}

std::string ModularModel::contentHash() const {
    std::call_once(impl_->hash_once, [this] { impl_->hash = contentHashOfFiles(impl_->hashed); });
    return impl_->hash;
}

std::vector<MatrixRef> ModularModel::matrices() const {
    const auto& c = impl_->config;
    std::vector<MatrixRef> out{{"embed.W_E", -1, "embed.W_E", c.dVocab(), c.d_model}};
    for (int l = 0; l < static_cast<int>(c.n_layers); ++l) {
        const std::string a = "blocks." + std::to_string(l) + ".attn.";
        for (const char* k : {"W_Q", "W_K", "W_V", "W_O"})
            for (int64_t h = 0; h < c.n_heads; ++h) {
                const bool o = std::string(k) == "W_O";
                out.push_back({a + k + "." + std::to_string(h), l, std::string("attn.") + k,
                               o ? c.d_head : c.d_model, o ? c.d_model : c.d_head});
            }
        const std::string m = "blocks." + std::to_string(l) + ".mlp.";
        out.push_back({m + "W_in", l, "mlp.W_in", c.d_model, c.d_mlp});
        out.push_back({m + "W_out", l, "mlp.W_out", c.d_mlp, c.d_model});
    }
    out.push_back({"unembed.W_U", -1, "unembed.W_U", c.d_model, c.dVocabOut()});
    return out;
}

namespace {

MatrixF toMatrix(const torch::Tensor& t) {
    const auto c = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    MatrixF m;
    m.rows = c.size(0);
    m.cols = c.size(1);
    m.values.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return m;
}

}  // namespace

MatrixF ModularModel::originalMatrix(const std::string& name) const {
    const auto& w = impl_->w;
    if (name == "embed.W_E") return toMatrix(w.W_E);
    if (name == "unembed.W_U") return toMatrix(w.W_U);
    for (const auto& m : matrices())
        if (m.name == name) {
            const int l = m.layer;
            const auto& b = w.blocks[static_cast<size_t>(l)];
            if (m.kind == "mlp.W_in") return toMatrix(b.W_in);
            if (m.kind == "mlp.W_out") return toMatrix(b.W_out);
            const int64_t h = std::stoll(name.substr(name.rfind('.') + 1));
            const auto& t = m.kind == "attn.W_Q"   ? b.W_Q
                            : m.kind == "attn.W_K" ? b.W_K
                            : m.kind == "attn.W_V" ? b.W_V
                                                   : b.W_O;
            return toMatrix(t[h]);
        }
    throw InputError("unknown matrix '" + name +
                     "' (names look like embed.W_E, blocks.0.mlp.W_in, blocks.0.attn.W_Q.0)");
}

std::vector<float> ModularModel::tensor(const std::string& name, std::vector<int64_t>* shape) const {
    for (const auto& [n, t] : impl_->w.named())
        if (n == name) {
            const auto c = t.detach().to(torch::kCPU, torch::kFloat32).contiguous();
            if (shape) *shape = c.sizes().vec();
            return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
        }
    throw InputError("the model has no tensor '" + name + "'");
}

std::vector<float> ModularModel::logits(const std::vector<int32_t>& pairs) const {
    torch::NoGradGuard no_grad;
    const auto& c = impl_->config;
    for (auto i : pairs)
        if (i < 0 || i >= c.p * c.p)
            throw InputError("pair index " + std::to_string(i) + " is outside the p x p grid");
    const auto out =
        modularForward(c, impl_->w, modularTokens(c.p, pairs, impl_->device)).to(torch::kCPU).contiguous();
    return {out.data_ptr<float>(), out.data_ptr<float>() + out.numel()};
}

std::vector<ModularTaskScore> ModularModel::score(const ModularDataset& data) const {
    torch::NoGradGuard no_grad;
    const auto& c = impl_->config;
    if (data.p != c.p || data.moduli != c.moduli)
        throw InputError("the dataset (" + std::string(modularTaskName(data.task)) +
                         ", p = " + std::to_string(data.p) + ") is not this model's (" + c.describe() + ")");
    std::vector<ModularTaskScore> out(c.moduli.size());
    for (size_t k = 0; k < out.size(); ++k) out[k].q = c.moduli[k];
    const std::vector<int32_t>* splits[3] = {&data.train, &data.validation, &data.test};
    for (int s = 0; s < 3; ++s) {
        if (splits[s]->empty()) continue;
        const auto logits = modularForward(c, impl_->w, modularTokens(c.p, *splits[s], impl_->device));
        const auto loss = modularLoss(logits, modularLabels(data, *splits[s], impl_->device), c.moduli, true);
        for (size_t k = 0; k < out.size(); ++k) {
            const auto [acc, ce] = loss.per_task[k];
            (s == 0 ? out[k].train_acc : s == 1 ? out[k].val_acc : out[k].test_acc) = acc;
            (s == 0 ? out[k].train_loss : s == 1 ? out[k].val_loss : out[k].test_loss) = ce;
        }
    }
    return out;
}

namespace {

std::vector<int32_t> allPairs(int64_t p) {
    std::vector<int32_t> v(static_cast<size_t>(p * p));
    for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int32_t>(i);
    return v;
}

std::vector<float> flat(const torch::Tensor& t) {
    const auto c = t.to(torch::kCPU, torch::kFloat32).contiguous();
    return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

}  // namespace

/// The forward pass over the whole grid with a tap on `layer`.
ModularTap tapGrid(const ModularModel::Impl& m, int layer) {
    torch::NoGradGuard no_grad;
    const auto& c = m.config;
    if (layer < 0 || layer >= c.n_layers)
        throw InputError("layer " + std::to_string(layer) + " is outside the model");
    ModularTap tap;
    tap.layer = layer;
    modularForward(c, m.w, modularTokens(c.p, allPairs(c.p), m.device), nullptr, &tap);
    return tap;
}

std::vector<float> ModularModel::neuronActivations(int layer) const {
    return flat(tapGrid(*impl_, layer).mlp_post);
}

std::vector<float> ModularModel::attentionPatterns(int layer) const {
    return flat(tapGrid(*impl_, layer).pattern.permute({1, 0, 2}));  // (heads, B, 3)
}

}  // namespace kronscope::core
