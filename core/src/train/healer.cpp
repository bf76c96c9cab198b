#include "kronscope/core/train/healer.h"

#include <torch/torch.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>

#include "decompose/decomposition_impl.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/io/safetensors.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/surgery/surgery.h"
#include "model/checkpoint_impl.h"
#include "model/gpt2_impl.h"
#include "train/trainer_parts.h"

namespace kronscope::core {

namespace fs = std::filesystem;
using namespace train_detail;
using json = nlohmann::ordered_json;

void HealSettings::validate() const {
    if (method != "kron" && method != "svd" && method != "hybrid" && method != "reverse-hybrid" &&
        method != "none")
        throw InputError("method: '" + method + "' is not one of kron, svd, hybrid, reverse-hybrid, none");
    if (block_size < 1) throw InputError("block size: " + std::to_string(block_size) + " (expected >= 1)");
    if (init != "fit" && init != "random" && init != "prune")
        throw InputError("init: '" + init + "' is not one of fit, random, prune");
    if (!(distill >= 0.0 && distill <= 1.0))
        throw InputError("distill: " + std::to_string(distill) + " (expected a weight in [0, 1])");
    if (!(temperature > 0.0 && temperature <= 100.0))
        throw InputError("temperature: " + std::to_string(temperature) + " (expected 0 < tau <= 100)");
    if (context_length < 2) throw InputError("context: at least 2 tokens");
    if (batch_size < 1) throw InputError("batch: at least 1 window per step");
    if (steps < 0) throw InputError("steps: cannot be negative");
    if (warmup < 0 || eval_interval < 1 || eval_windows < 1)
        throw InputError("warmup >= 0, eval interval >= 1 and eval windows >= 1 expected");
    if (!(lr > 0.0 && lr < 10.0)) throw InputError("lr: " + std::to_string(lr) + " (expected 0 < lr < 10)");
    if (!(min_lr_ratio >= 0.0 && min_lr_ratio <= 1.0)) throw InputError("min lr ratio: expected 0..1");
    if (!(weight_decay >= 0.0) || !(grad_clip >= 0.0))
        throw InputError("weight decay and gradient clip cannot be negative");
    if (stop_after < 0) throw InputError("stop after: cannot be negative");
    if (resume && out_dir.empty()) throw InputError("resume: needs the output folder of the interrupted run");
}

std::string HealSettings::describe() const {
    std::ostringstream o;
    if (method == "none")
        o << "control: no surgery, every weight trained";
    else
        o << method << " n=" << block_size << " on " << targets << ", " << init << " init, "
          << (train_dense ? "factors and dense weights trained" : "factors only (dense weights frozen)");
    o << "; " << steps << " steps of " << batch_size << " x " << context_length << " tokens, lr " << lr
      << " (warmup " << warmup << ", cosine to x" << min_lr_ratio << "), seed " << seed;
    if (distill > 0) o << "; distillation weight " << distill << " at temperature " << temperature;
    return o.str();
}

namespace {

double healLearningRate(const HealSettings& s, int64_t step) {
    if (step < s.warmup) return s.lr * static_cast<double>(step + 1) / static_cast<double>(s.warmup);
    const int64_t decay_steps = s.steps - s.warmup;
    if (decay_steps <= 0) return s.lr;
    const double t = static_cast<double>(step - s.warmup) / static_cast<double>(decay_steps);
    const double min_lr = s.lr * s.min_lr_ratio;
    return min_lr + 0.5 * (s.lr - min_lr) * (1.0 + std::cos(std::acos(-1.0) * t));
}

/// sum_k A_k (x) S_k as [m1 m2, p1 p2] (W[(i, c), (j, b)] = sum_k A_k[i, j] S_k[c, b]), differentiable.
torch::Tensor kronDense(const torch::Tensor& a, const torch::Tensor& s) {
    const int64_t m1 = a.size(1), p1 = a.size(2), m2 = s.size(1), p2 = s.size(2);
    return torch::einsum("kij,kcb->icjb", {a, s}).reshape({m1 * m2, p1 * p2});
}

/// One replaced matrix: its trainable factors and how the forward pass applies them.
struct FactorParam {
    std::string matrix;
    int layer = 0, slot = 0;
    bool kron = true;
    torch::Tensor a, b;  // kron: A (r, m1, p1), S (r, m2, p2); low rank: U (m, k), V (k, p)
    HealMatrix info;
    torch::Tensor dense() const { return kron ? kronDense(a, b) : a.mm(b); }
};

/// W with the half of its entries smallest in |w| set to zero.
torch::Tensor pruneHalf(const torch::Tensor& w) {
    const auto flat = w.abs().flatten();
    const int64_t k = flat.numel() / 2;
    if (k == 0) return w.clone();
    const double threshold = std::get<0>(flat.kthvalue(k)).item<double>();
    return w * (w.abs() > threshold).to(w.dtype());
}

double relErr(const torch::Tensor& w, const torch::Tensor& fit) {
    const auto w64 = w.to(torch::kFloat64), f64 = fit.to(torch::kFloat64);
    return ((w64 - f64).norm() / w64.norm().clamp_min(1e-300)).item<double>();
}

/// The factors of one planned matrix from its original weight w ([in, out], float32 CPU).
FactorParam makeFactors(const MatrixSurgery& e, const torch::Tensor& w, const HealSettings& s,
                        torch::Generator& gen) {
    FactorParam f;
    f.matrix = e.matrix;
    f.kron = e.method == SurgeryMethod::Kronecker;
    const int64_t m = w.size(0), p = w.size(1);
    KroneckerSpec spec = KroneckerSpec::forBlockSize(m, p, e.block_size, e.small_first);
    if (e.terms > 0) spec.terms = e.terms;
    const torch::Tensor start = s.init == "prune" ? pruneHalf(w) : w;
    const double norm2 = w.to(torch::kFloat64).pow(2).sum().item<double>();
    if (f.kron) {
        auto fit = fitKroneckerFactors(start, spec);
        f.a = fit.a.to(torch::kFloat32), f.b = fit.s.to(torch::kFloat32);
        if (s.init == "random") {
            const double r = static_cast<double>(f.a.size(0));
            const double sigma = std::pow(norm2 / (r * static_cast<double>(m * p)), 0.25);
            f.a = torch::normal(0.0, sigma, f.a.sizes(), gen).to(torch::kFloat32);
            f.b = torch::normal(0.0, sigma, f.b.sizes(), gen).to(torch::kFloat32);
        }
        f.info.method = "kron";
        f.info.params = f.a.numel() + f.b.numel();
        f.info.factored =
            kroneckerApplyFlops(f.a.size(0), spec.m1, spec.p1, spec.m2, spec.p2) < denseApplyFlops(m, p);
    } else {
        const int64_t rank = matchedSvdRank(m, p, spec.params());
        auto fit = fitLowRankFactors(start, rank);
        f.a = (fit.u * fit.s.unsqueeze(0)).to(torch::kFloat32).contiguous();
        f.b = fit.vt.to(torch::kFloat32).contiguous();
        if (s.init == "random") {
            const double sigma =
                std::pow(norm2 / (static_cast<double>(f.a.size(1)) * static_cast<double>(m * p)), 0.25);
            f.a = torch::normal(0.0, sigma, f.a.sizes(), gen).to(torch::kFloat32);
            f.b = torch::normal(0.0, sigma, f.b.sizes(), gen).to(torch::kFloat32);
        }
        f.info.method = "svd";
        f.info.params = f.a.numel() + f.b.numel();
        f.info.factored = lowRankApplyFlops(m, p, f.a.size(1)) < denseApplyFlops(m, p);
    }
    f.info.matrix = e.matrix;
    f.info.dense_params = m * p;
    f.info.init_rel_err = relErr(w, f.dense());
    return f;
}

/// The student: the checkpoint's weights with the plan's matrices replaced by trainable factors.
struct HealModel {
    TrainableGpt2 net;
    std::vector<FactorParam> factors;
    std::vector<torch::Tensor> trainable;
    int64_t params_original = 0;
    std::string model_hash;  // of the checkpoint

    /// Installs the planned factors as `net`'s factored forms and chooses what trains.
    void install(bool train_dense, const torch::Device& device, torch::Dtype dtype) {
        std::set<const void*> replaced;
        for (auto& f : factors) {
            f.a = f.a.to(device, dtype).contiguous().set_requires_grad(true);
            f.b = f.b.to(device, dtype).contiguous().set_requires_grad(true);
            Linear& lin = net.blocks[static_cast<size_t>(f.layer)].linear[static_cast<size_t>(f.slot)];
            replaced.insert(lin.weight.unsafeGetTensorImpl());
            lin.replaced = true;
            const torch::Tensor a = f.a, b = f.b;
            if (f.kron && f.info.factored)
                lin.factored = [a, b](const torch::Tensor& x) { return applyKronecker(x, a, b); };
            else if (f.kron)
                lin.factored = [a, b](const torch::Tensor& x) { return x.matmul(kronDense(a, b)); };
            else if (f.info.factored)
                lin.factored = [a, b](const torch::Tensor& x) { return x.matmul(a).matmul(b); };
            else
                lin.factored = [a, b](const torch::Tensor& x) { return x.matmul(a.mm(b)); };
            trainable.push_back(f.a), trainable.push_back(f.b);
        }
        for (auto& [name, t] : net.named) {
            const bool train = train_dense && !replaced.count(t.unsafeGetTensorImpl());
            t.set_requires_grad(train);
            if (train) trainable.push_back(t);
        }
    }

    /// Every weight as it would be exported: factors multiplied out in place of the replaced matrices.
    std::vector<std::pair<std::string, torch::Tensor>> denseWeights() const {
        torch::NoGradGuard no_grad;
        std::vector<std::pair<std::string, torch::Tensor>> out;
        for (const auto& [name, t] : net.named) out.emplace_back(name, t.detach());
        for (const auto& f : factors) {
            const std::string key = f.matrix + ".weight";
            for (auto& [name, t] : out)
                if (name == key) t = f.dense().detach().to(torch::kFloat32);
        }
        return out;
    }
};

/// Loads the checkpoint as a trainable model and builds the plan's factors (from the original weights);
/// with `install` false the factors wait in `factors` (the net is still the unmodified model) until
/// install().
HealModel buildStudent(const std::string& checkpoint, const HealSettings& s, const torch::Device& device,
                       torch::Dtype dtype, bool install = true) {
    LoadOptions lo;
    auto src = Gpt2Model::load(checkpoint, lo);
    HealModel h;
    h.model_hash = src->contentHash();
    h.net = initModel(src->config(), s.seed, torch::kCPU);
    loadInitWeights(h.net, checkpoint);
    {
        torch::NoGradGuard no_grad;
        for (auto& [name, t] : h.net.named) {
            h.params_original += t.numel();
            t.set_data(t.data().to(device, dtype));
        }
    }
    std::vector<FactorParam>& factors = h.factors;
    if (s.method != "none") {
        const auto plan = SurgeryPlan::named(*src, s.method, s.block_size, MatrixTargets::parse(s.targets));
        auto gen = at::detail::createCPUGenerator(s.seed + 7);
        torch::NoGradGuard no_grad;
        for (const auto& e : plan.entries) {
            if (e.method == SurgeryMethod::None) continue;
            const auto [layer, slot] = src->impl().parseMatrixName(e.matrix);
            FactorParam f = makeFactors(
                e, src->impl().original[static_cast<size_t>(layer)][static_cast<size_t>(slot)], s, gen);
            f.layer = layer, f.slot = slot;
            factors.push_back(std::move(f));
        }
    }
    if (install) h.install(s.train_dense || s.method == "none", device, dtype);
    return h;
}

/// The healing loss of windows w (b, T + 1).
torch::Tensor healLoss(HealModel& student, TrainableGpt2* teacher, const torch::Tensor& w, int64_t T,
                       const HealSettings& s) {
    if (s.distill <= 0.0 || !teacher) return student.net.loss(w, T);
    auto& net = student.net;
    const auto inputs = w.slice(1, 0, T);
    const auto targets = w.slice(1, 1, T + 1).reshape({-1});
    const int64_t C = net.config.n_embd;
    const auto logits = gpt2Hidden(net.config, net.wte, net.wpe, net.blocks, net.lnf_w, net.lnf_b, inputs)
                            .reshape({-1, C})
                            .mm(net.wte.t());
    const auto lm = torch::nn::functional::cross_entropy(logits, targets);
    torch::Tensor teacher_logp;
    {
        torch::NoGradGuard no_grad;
        const auto tl = gpt2Hidden(teacher->config, teacher->wte, teacher->wpe, teacher->blocks,
                                   teacher->lnf_w, teacher->lnf_b, inputs)
                            .reshape({-1, C})
                            .mm(teacher->wte.t());
        teacher_logp = torch::log_softmax(tl / s.temperature, 1);
    }
    const auto student_logp = torch::log_softmax(logits / s.temperature, 1);
    const auto kl = (teacher_logp.exp() * (teacher_logp - student_logp)).sum(1).mean();
    return (1.0 - s.distill) * lm + s.distill * s.temperature * s.temperature * kl;
}

std::vector<int64_t> heldOutStarts(int64_t n, int64_t T, int64_t windows) {
    const int64_t k = std::min<int64_t>(windows, (n - 1) / T);
    std::vector<int64_t> starts;
    for (int64_t i = 0; i < k; ++i) starts.push_back(i * T);
    return starts;
}

json evalJson(const HealEval& e) {
    auto num = [](double v) { return std::isfinite(v) ? json(v) : json(); };
    return {{"step", e.step},
            {"train_loss", num(e.train_loss)},
            {"val_ppl", num(e.val_ppl)},
            {"lr", e.lr},
            {"seconds", e.seconds}};
}

/// out_dir: config.json + model.safetensors (F32, factors multiplied out), kronscope_factors.safetensors,
/// heal_log.json, tokenizer files; built in a sibling folder and renamed into place when complete.
void writeHealed(const HealModel& h, const HealResult& r, const std::string& checkpoint,
                 const std::string& out_dir) {
    const fs::path out = fs::absolute(out_dir).lexically_normal();
    const fs::path tmp = out.parent_path() / (out.filename().string() + ".partial");
    std::error_code ec;
    fs::remove_all(tmp, ec);
    fs::create_directories(tmp, ec);
    if (ec) throw InputError(out.string() + ": cannot create the output folder (" + ec.message() + ")");
    try {
        const bool gpt2_vocab = h.net.config.vocab_size == 50257;
        bool copied = false;
        for (const char* f : {"vocab.json", "merges.txt", "tokenizer.json"})
            if (fs::is_regular_file(fs::path(checkpoint) / f)) {
                fs::copy_file(fs::path(checkpoint) / f, tmp / f, fs::copy_options::overwrite_existing);
                copied = true;
            }
        writeGpt2Checkpoint(tmp.string(), h.net.config, h.denseWeights(), "F32", /*prefixed=*/false,
                            /*copy_tokenizer=*/gpt2_vocab && !copied);
        std::vector<torch::Tensor> keep;
        std::vector<TensorToWrite> tensors;
        for (const auto& f : h.factors) {
            const std::string pa = f.kron ? ".kron_a" : ".lowrank_u", pb = f.kron ? ".kron_s" : ".lowrank_v";
            for (const auto& [suffix, t] : {std::make_pair(pa, f.a), std::make_pair(pb, f.b)}) {
                keep.push_back(t.detach().to(torch::kCPU, torch::kFloat32).contiguous());
                const auto& c = keep.back();
                tensors.push_back({f.matrix + suffix, DType::F32, c.sizes().vec(), c.data_ptr(),
                                   static_cast<size_t>(c.numel()) * sizeof(float)});
            }
        }
        if (!tensors.empty())
            writeSafetensors((tmp / kStoredFactorsFile).string(), tensors,
                             {{"format", "kronscope-factors"},
                              {"version", "1"},
                              {"method", r.settings.method},
                              {"block_size", std::to_string(r.settings.block_size)}});
        json log = {{"format", "kronscope-heal-log"},
                    {"app_version", buildInfo().app_version},
                    {"checkpoint", checkpoint},
                    {"model_hash", r.model_hash},
                    {"settings", r.settings.describe()},
                    {"ppl_original", r.ppl_original},
                    {"ppl_surgery", r.ppl_surgery},
                    {"ppl_healed", r.ppl_healed},
                    {"params", r.params},
                    {"params_original", r.params_original},
                    {"steps", r.steps},
                    {"eval_tokens", r.eval_tokens}};
        json hist = json::array();
        for (const auto& e : r.history) hist.push_back(evalJson(e));
        log["history"] = hist;
        writeJsonFile(tmp / "heal_log.json", log);
        fs::remove_all(out, ec);
        fs::rename(tmp, out, ec);
        if (ec)
            throw InputError(out.string() + ": cannot move the finished output into place (" + ec.message() +
                             ")");
    } catch (...) {
        fs::remove_all(tmp, ec);
        throw;
    }
}

/// AdamW with two groups: weight decay on tensors of dim >= 2 (factors and matrices), none on the rest.
std::unique_ptr<torch::optim::AdamW> healOptimizer(const std::vector<torch::Tensor>& trainable,
                                                   const HealSettings& s) {
    std::vector<torch::Tensor> decay, no_decay;
    for (const auto& t : trainable) (t.dim() >= 2 ? decay : no_decay).push_back(t);
    const auto base = torch::optim::AdamWOptions(s.lr).betas(std::make_tuple(kBeta1, kBeta2)).eps(kAdamEps);
    std::vector<torch::optim::OptimizerParamGroup> groups;
    if (!decay.empty())
        groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(
                                       torch::optim::AdamWOptions(base).weight_decay(s.weight_decay)));
    if (!no_decay.empty())
        groups.emplace_back(no_decay, std::make_unique<torch::optim::AdamWOptions>(
                                          torch::optim::AdamWOptions(base).weight_decay(0.0)));
    if (groups.empty()) throw InputError("heal: nothing to train (no factors and no dense weights)");
    return std::make_unique<torch::optim::AdamW>(std::move(groups), base);
}

/// The checkpoint as it is (no surgery), frozen: the perplexity before surgery and the distillation teacher.
std::unique_ptr<HealModel> unmodified(const std::string& checkpoint, const HealSettings& s,
                                      const torch::Device& device) {
    HealSettings none = s;
    none.method = "none", none.train_dense = false;
    auto m = std::make_unique<HealModel>(buildStudent(checkpoint, none, device, torch::kFloat32));
    for (auto& [name, t] : m->net.named) t.set_requires_grad(false);
    m->trainable.clear();
    return m;
}

constexpr const char* kHealStateFormat = "kronscope-heal-state";

/// The settings as the state stores them: "run" (must match on resume) and "other" (may change).
json healSettingsJson(const HealSettings& s) {
    return {{"run",
             {{"method", s.method},
              {"block_size", s.block_size},
              {"targets", s.targets},
              {"init", s.init},
              {"train_dense", s.train_dense},
              {"distill", s.distill},
              {"temperature", s.temperature},
              {"context_length", s.context_length},
              {"batch_size", s.batch_size},
              {"steps", s.steps},
              {"warmup", s.warmup},
              {"eval_windows", s.eval_windows},
              {"lr", s.lr},
              {"min_lr_ratio", s.min_lr_ratio},
              {"weight_decay", s.weight_decay},
              {"grad_clip", s.grad_clip},
              {"seed", std::to_string(s.seed)}}},
            {"other", {{"device", s.device}, {"eval_interval", s.eval_interval}}}};
}

HealSettings healSettingsFromJson(const json& j) {
    HealSettings s;
    const json& r = j.at("run");
    s.method = r.at("method").get<std::string>();
    s.block_size = r.at("block_size").get<int64_t>();
    s.targets = r.at("targets").get<std::string>();
    s.init = r.at("init").get<std::string>();
    s.train_dense = r.at("train_dense").get<bool>();
    s.distill = r.at("distill").get<double>();
    s.temperature = r.at("temperature").get<double>();
    s.context_length = r.at("context_length").get<int64_t>();
    s.batch_size = r.at("batch_size").get<int64_t>();
    s.steps = r.at("steps").get<int64_t>();
    s.warmup = r.at("warmup").get<int64_t>();
    s.eval_windows = r.at("eval_windows").get<int64_t>();
    s.lr = r.at("lr").get<double>();
    s.min_lr_ratio = r.at("min_lr_ratio").get<double>();
    s.weight_decay = r.at("weight_decay").get<double>();
    s.grad_clip = r.at("grad_clip").get<double>();
    s.seed = std::stoull(r.at("seed").get<std::string>());
    s.device = j.at("other").at("device").get<std::string>();
    s.eval_interval = j.at("other").at("eval_interval").get<int64_t>();
    return s;
}

/// Before hours of training: out_dir's parent must be writable, and out_dir new, empty or an earlier heal's
/// output (which it replaces); a folder of anything else is never overwritten, and an interrupted run's
/// folder only by resuming it.
void checkHealOutput(const HealSettings& s) {
    if (s.out_dir.empty()) return;
    const fs::path out = fs::absolute(s.out_dir).lexically_normal();
    checkWritableOutput((out.parent_path() / (out.filename().string() + ".partial")).string());
    std::error_code ec;
    const bool has_state = fs::is_regular_file(out / kHealStateFile, ec);
    if (s.resume && !has_state)
        throw InputError(out.string() + ": no " + kHealStateFile +
                         " to resume (an interrupted heal leaves one; a finished one does not)");
    if (!s.resume && has_state)
        throw InputError(out.string() + ": holds an interrupted heal (" + kHealStateFile +
                         "); resume it (--resume) or choose another folder");
    if (fs::exists(out, ec)) {
        if (!fs::is_directory(out, ec)) throw InputError(out.string() + ": exists and is not a folder");
        if (!fs::is_empty(out, ec) && !has_state && !fs::is_regular_file(out / "heal_log.json", ec))
            throw InputError(out.string() +
                             ": a folder that is not an earlier heal's output; choose a new folder");
    }
}

/// Where the optimizer loop stands: what a resume restores besides the tensors and AdamW.
struct LoopState {
    int64_t step = 0;  // optimizer steps done
    std::mt19937_64 rng;
    double interval_loss = 0.0;
    int64_t interval_steps = 0;
    double seconds_before = 0.0;  // wall time of the earlier parts
};

/// Names of the student's trainable tensors, in `trainable` order (factors first, then dense weights).
std::vector<std::string> trainableNames(const HealModel& h) {
    std::vector<std::string> names;
    for (const auto& f : h.factors) names.push_back(f.matrix + ".a"), names.push_back(f.matrix + ".b");
    std::set<const void*> factor_tensors;
    for (const auto& f : h.factors)
        factor_tensors.insert(f.a.unsafeGetTensorImpl()), factor_tensors.insert(f.b.unsafeGetTensorImpl());
    for (const auto& [name, t] : h.net.named)
        for (const auto& tr : h.trainable)
            if (tr.unsafeGetTensorImpl() == t.unsafeGetTensorImpl()) names.push_back(name);
    return names;
}

json historyJson(const HealResult& r) {
    json hist = json::array();
    for (const auto& e : r.history) hist.push_back(evalJson(e));
    return hist;
}

void saveHealState(const fs::path& dir, const HealModel& h, const torch::optim::AdamW& optimizer,
                   const LoopState& ls, double seconds, const HealResult& r, const std::string& data_hash) {
    torch::serialize::OutputArchive archive;
    archive.write("format", c10::IValue(std::string(kHealStateFormat)));
    archive.write("format_version", c10::IValue(int64_t{1}));
    archive.write("step", c10::IValue(ls.step));
    std::ostringstream rng_text;
    rng_text << ls.rng;
    archive.write("batch_rng", c10::IValue(rng_text.str()));
    archive.write("settings", c10::IValue(healSettingsJson(r.settings).dump()));
    archive.write("context", c10::IValue(r.settings.resume_context));
    const json log = {{"ppl_original", r.ppl_original},
                      {"ppl_surgery", r.ppl_surgery},
                      {"interval_loss", ls.interval_loss},
                      {"interval_steps", ls.interval_steps},
                      {"seconds", seconds},
                      {"history", historyJson(r)}};
    archive.write("log", c10::IValue(log.dump()));
    archive.write("data_hash", c10::IValue(data_hash + " " + r.model_hash));
    const auto names = trainableNames(h);
    archive.write("weight_names", c10::IValue(json(names).dump()));
    torch::serialize::OutputArchive weights;
    for (size_t i = 0; i < h.trainable.size(); ++i)
        weights.write("w" + std::to_string(i), h.trainable[i].detach().to(torch::kCPU));
    archive.write("weights", weights);
    torch::serialize::OutputArchive optim;
    optimizer.save(optim);
    archive.write("optimizer", optim);
    fs::create_directories(dir);
    writeCheckedArchive(archive, dir / kHealStateFile);
}

/// Restores a saved run into the freshly built student and optimizer; fills r's perplexities and history.
void restoreHealState(SavedState& st, HealModel& h, torch::optim::AdamW& optimizer, LoopState& ls,
                      HealResult& r, const std::string& data_hash) {
    checkResume(st, healSettingsJson(r.settings), st.data_hash);  // settings first: the clearer message
    if (st.data_hash != data_hash + " " + r.model_hash)
        throw InputError("resume: the checkpoint or the training / held-out tokens differ from those of " +
                         st.path.string() + " (same model, corpus and tokenizer needed)");
    const auto names = trainableNames(h);
    if (st.weight_names != json(names))
        throw InputError(st.path.string() + ": its trainable tensors are not this run's");
    torch::serialize::InputArchive weights;
    st.archive.read("weights", weights);
    {
        torch::NoGradGuard no_grad;
        for (size_t i = 0; i < h.trainable.size(); ++i) {
            torch::Tensor t;
            weights.read("w" + std::to_string(i), t);
            if (!t.sizes().equals(h.trainable[i].sizes()))
                throw InputError(st.path.string() + ": tensor '" + names[i] + "' has another shape");
            h.trainable[i].copy_(t);
        }
    }
    torch::serialize::InputArchive optim;
    st.archive.read("optimizer", optim);
    optimizer.load(optim);
    ls.step = st.step;
    std::istringstream rng_text(st.batch_rng);
    rng_text >> ls.rng;
    if (!rng_text) throw InputError(st.path.string() + ": malformed batch RNG state");
    try {
        r.ppl_original = st.log.at("ppl_original").get<double>();
        r.ppl_surgery = st.log.at("ppl_surgery").get<double>();
        ls.interval_loss = st.log.at("interval_loss").get<double>();
        ls.interval_steps = st.log.at("interval_steps").get<int64_t>();
        ls.seconds_before = st.log.at("seconds").get<double>();
        r.history.clear();
        for (const auto& e : st.log.at("history")) {
            auto num = [](const json& v) { return v.is_number() ? v.get<double>() : std::nan(""); };
            r.history.push_back({e.at("step").get<int64_t>(), num(e.at("train_loss")), num(e.at("val_ppl")),
                                 e.at("lr").get<double>(), e.at("seconds").get<double>()});
        }
    } catch (const json::exception& e) {
        throw InputError(st.path.string() + ": malformed log (" + e.what() + ")");
    }
    if (ls.step > r.settings.steps || r.history.empty())
        throw InputError(st.path.string() + ": its step is past the run's end");
}

/// The optimizer steps of healGpt2 from ls.step on: batches, loss, AdamW, evaluations into r.history
/// (on_eval), progress; `save` at every evaluation and when the loop stops early (cancel: r.cancelled, or
/// stop_after). Sets r.steps and the rates of this part (evaluations left out).
template <typename Ppl, typename Save>
void trainSteps(HealModel& student, HealModel* teacher, torch::optim::AdamW& optimizer,
                const std::vector<int32_t>& train_ids, const HealSettings& settings, Ppl&& ppl, Save&& save,
                Clock::time_point start_time, LoopState& ls, HealResult& r, Progress& progress) {
    const int64_t T = settings.context_length;
    const torch::Device device(settings.device);
    const auto N = static_cast<int64_t>(train_ids.size());
    const int64_t last =
        settings.stop_after > 0 ? std::min(settings.stop_after, settings.steps) : settings.steps;
    const int64_t first = ls.step;
    const auto train_start = Clock::now();
    double eval_seconds = 0.0;  // inside the loop, left out of steps/s
    auto seconds = [&] { return ls.seconds_before + secondsSince(start_time); };
    try {
        while (ls.step < last) {
            progress.throwIfCancelled();
            const double lr = healLearningRate(settings, ls.step);
            setLearningRate(optimizer, lr);
            std::vector<int64_t> batch(static_cast<size_t>(settings.batch_size));
            for (auto& b : batch) b = static_cast<int64_t>(ls.rng() % static_cast<uint64_t>(N - T));
            const auto w = windowBatch(train_ids, batch, T).to(device);
            optimizer.zero_grad();
            auto loss = healLoss(student, teacher ? &teacher->net : nullptr, w, T, settings);
            loss.backward();
            if (settings.grad_clip > 0.0)
                torch::nn::utils::clip_grad_norm_(student.trainable, settings.grad_clip);
            optimizer.step();
            ls.interval_loss += loss.item<double>(), ++ls.interval_steps;
            r.steps = ++ls.step;
            if (r.steps % settings.eval_interval == 0 || r.steps == settings.steps) {
                const auto eval_start = Clock::now();
                HealEval e{r.steps, ls.interval_loss / static_cast<double>(ls.interval_steps),
                           ppl(student.net), lr, seconds()};
                ls.interval_loss = 0.0, ls.interval_steps = 0;
                r.history.push_back(e);
                if (r.steps < settings.steps) save(ls);
                eval_seconds += secondsSince(eval_start);
                if (settings.on_eval) settings.on_eval(e);
            }
            char msg[160];
            std::snprintf(msg, sizeof msg, "step %lld/%lld, loss %.4f, ppl %.2f",
                          static_cast<long long>(r.steps), static_cast<long long>(settings.steps),
                          loss.item<double>(), r.history.back().val_ppl);
            progress.report(static_cast<double>(r.steps - first) /
                                static_cast<double>(std::max<int64_t>(last - first, 1)),
                            msg);
        }
    } catch (const Cancelled&) {
        r.cancelled = true;
    }
    const double train_seconds = secondsSince(train_start) - eval_seconds;
    const auto done = static_cast<double>(ls.step - first);
    r.steps_per_second = train_seconds > 0 ? done / train_seconds : 0.0;
    r.tokens_per_second = r.steps_per_second * static_cast<double>(settings.batch_size * T);
    r.complete = ls.step == settings.steps;
    if (!r.complete && !settings.out_dir.empty()) {
        save(ls);
        r.resumable = true;
    }
}

}  // namespace

HealResult healGpt2(const std::string& checkpoint, const std::vector<int32_t>& train_ids,
                    const std::vector<int32_t>& val_ids, const HealSettings& settings, Progress& progress) {
    settings.validate();
    useAllCores();
    const auto start_time = Clock::now();
    const torch::Device device(settings.device);
    const int64_t T = settings.context_length;
    HealResult r;
    r.settings = settings;
    r.settings.on_eval = nullptr;
    checkHealOutput(settings);
    if (static_cast<int64_t>(train_ids.size()) <= T + 1)
        throw InputError("heal: the training text has " + std::to_string(train_ids.size()) +
                         " tokens, fewer than one window of " + std::to_string(T + 1));
    const auto starts = heldOutStarts(static_cast<int64_t>(val_ids.size()), T, settings.eval_windows);
    if (starts.empty())
        throw InputError("heal: the held-out text has " + std::to_string(val_ids.size()) +
                         " tokens, fewer than one window of " + std::to_string(T + 1));
    SavedState state;
    const fs::path out = settings.out_dir.empty() ? fs::path() : fs::absolute(settings.out_dir);
    if (settings.resume) openState(state, out, torch::kCPU, kHealStateFile, kHealStateFormat);
    r.eval_tokens = static_cast<int64_t>(starts.size()) * T;
    progress.report(0.0, settings.resume ? "loading, fitting and resuming" : "loading and fitting");
    HealModel student = buildStudent(checkpoint, settings, device, torch::kFloat32, /*install=*/false);
    if (T >= student.net.config.n_positions)
        throw InputError("heal: context " + std::to_string(T) + " needs n_positions > " + std::to_string(T));
    checkIds(train_ids, student.net.config.vocab_size, "training");
    checkIds(val_ids, student.net.config.vocab_size, "held-out");
    const std::string data_hash = idsHash(train_ids) + " " + idsHash(val_ids);
    r.model_hash = student.model_hash;
    r.matrices.reserve(student.factors.size());
    for (const auto& f : student.factors) r.matrices.push_back(f.info);
    r.params_original = student.params_original;
    r.params = student.params_original;
    for (const auto& f : student.factors) r.params += f.info.params - f.info.dense_params;
    auto ppl = [&](TrainableGpt2& m) {
        return std::exp(meanNll(m, val_ids, starts, T, settings.batch_size, device));
    };
    if (!settings.resume)
        r.ppl_original = ppl(student.net);  // before the factors go in: the unmodified model
    student.install(settings.train_dense || settings.method == "none", device, torch::kFloat32);
    for (const auto& t : student.trainable) r.params_trainable += t.numel();
    std::unique_ptr<HealModel> teacher;  // the frozen unmodified model, when distilling
    if (settings.distill > 0.0) teacher = unmodified(checkpoint, settings, device);
    auto optimizer = healOptimizer(student.trainable, settings);
    LoopState ls;
    ls.rng.seed(settings.seed);
    if (settings.resume) {
        restoreHealState(state, student, *optimizer, ls, r, data_hash);
        r.steps = ls.step;
    } else {
        r.ppl_surgery = ppl(student.net);
        r.history.push_back({0, std::nan(""), r.ppl_surgery, 0.0, secondsSince(start_time)});
        if (settings.on_eval) settings.on_eval(r.history.back());
    }
    auto save = [&](const LoopState& now) {
        if (settings.out_dir.empty()) return;  // nothing written: the run cannot be resumed
        saveHealState(out, student, *optimizer, now, now.seconds_before + secondsSince(start_time), r,
                      data_hash);
    };
    trainSteps(student, teacher.get(), *optimizer, train_ids, settings, ppl, save, start_time, ls, r,
               progress);
    r.ppl_healed = r.history.back().step == r.steps ? r.history.back().val_ppl : ppl(student.net);
    r.seconds = ls.seconds_before + secondsSince(start_time);
    if (r.complete && !settings.out_dir.empty()) writeHealed(student, r, checkpoint, settings.out_dir);
    return r;
}

HealSettings loadHealSettings(const std::string& out_dir) {
    SavedState st;
    openState(st, fs::absolute(out_dir), torch::kCPU, kHealStateFile, kHealStateFormat);
    HealSettings s;
    try {
        s = healSettingsFromJson(st.settings);
    } catch (const std::exception& e) {
        throw InputError(st.path.string() + ": malformed settings (" + e.what() + ")");
    }
    s.resume_context = readString(st, "context");
    s.resume = true;
    s.stop_after = 0;
    s.out_dir = out_dir;
    return s;
}

double healGradientCheck(const std::string& checkpoint, const std::vector<int32_t>& ids,
                         const HealSettings& settings, int probes) {
    settings.validate();
    torch::manual_seed(static_cast<uint64_t>(settings.seed));
    HealModel h = buildStudent(checkpoint, settings, torch::kCPU, torch::kFloat64);
    const int64_t T = settings.context_length;
    std::vector<int64_t> starts;
    for (int64_t b = 0; b < settings.batch_size; ++b)
        starts.push_back((b * 7919) % std::max<int64_t>(1, static_cast<int64_t>(ids.size()) - T - 1));
    const auto w = windowBatch(ids, starts, T);
    std::unique_ptr<HealModel> teacher;
    if (settings.distill > 0.0) {
        HealSettings none = settings;
        none.method = "none";
        teacher = std::make_unique<HealModel>(buildStudent(checkpoint, none, torch::kCPU, torch::kFloat64));
    }
    auto loss = healLoss(h, teacher ? &teacher->net : nullptr, w, T, settings);
    loss.backward();
    double gmax = 0.0;
    for (const auto& t : h.trainable) gmax = std::max(gmax, t.grad().abs().max().item<double>());
    std::mt19937_64 rng(settings.seed);
    double worst = 0.0;
    torch::NoGradGuard no_grad;
    for (int i = 0; i < probes; ++i) {
        const auto& t = h.trainable[rng() % h.trainable.size()];
        const int64_t k = static_cast<int64_t>(rng() % static_cast<uint64_t>(t.numel()));
        auto flat = t.view({-1});
        const double x0 = flat[k].item<double>(), eps = 1e-6;
        flat[k].fill_(x0 + eps);
        const double up = healLoss(h, teacher ? &teacher->net : nullptr, w, T, settings).item<double>();
        flat[k].fill_(x0 - eps);
        const double down = healLoss(h, teacher ? &teacher->net : nullptr, w, T, settings).item<double>();
        flat[k].fill_(x0);
        const double fd = (up - down) / (2 * eps), ad = t.grad().view({-1})[k].item<double>();
        worst = std::max(worst, std::abs(ad - fd) / std::max(std::abs(fd), 1e-8 + 1e-3 * gmax));
    }
    return worst;
}

}  // namespace kronscope::core
