#include "kronscope/core/modular/modular_trainer.h"

#include <torch/torch.h>

#include <chrono>
#include <cstdlib>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/base/hash.h"
#include "modular/modular_impl.h"

namespace kronscope::core {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {
constexpr const char* kStateFile = "modular_state.pt";
constexpr const char* kCheckFile = "modular_state.pt.check";
constexpr const char* kFormat = "kronscope-modular-state";
constexpr const char* kLogFile = "training_log.json";
}  // namespace

// ---- settings

ModularConfig ModularTrainSettings::modelConfig() const {
    ModularConfig c;
    c.task = task;
    c.p = p;
    c.moduli = modularModuli(task, p);
    c.n_layers = n_layers;
    c.d_model = d_model;
    c.n_heads = n_heads;
    c.d_head = n_heads > 0 ? d_model / n_heads : 0;
    c.d_mlp = d_mlp > 0 ? d_mlp : 4 * d_model;
    c.seed = seed;
    return c;
}

void ModularTrainSettings::validate() const {
    checkModularP(task, p);
    auto need = [](bool ok, const std::string& what) {
        if (!ok) throw InputError(what);
    };
    need(steps >= 1 && steps <= 10'000'000, "steps must be 1 to 10,000,000");
    need(eval_interval >= 1, "eval interval must be at least 1");
    need(stop_after >= 0, "stop after must be 0 (off) or a step");
    need(std::isfinite(lr) && lr > 0 && lr <= 1, "lr must be in (0, 1]");
    need(std::isfinite(weight_decay) && weight_decay >= 0 && weight_decay <= 100,
         "weight decay must be in [0, 100]");
    need(std::isfinite(dropout) && dropout >= 0 && dropout < 1, "dropout must be in [0, 1)");
    need(std::isfinite(grokfast_alpha) && grokfast_alpha >= 0 && grokfast_alpha < 1,
         "Grokfast alpha must be in [0, 1)");
    need(std::isfinite(grokfast_lambda) && grokfast_lambda >= 0 && grokfast_lambda <= 100,
         "Grokfast lambda must be in [0, 100]");
    need(n_heads >= 1 && d_model % n_heads == 0, "d_model " + std::to_string(d_model) +
                                                     " is not divisible by the heads (" +
                                                     std::to_string(n_heads) + ")");
    need(save_dtype == "F32" || save_dtype == "F16" || save_dtype == "BF16",
         "save dtype must be F32, F16 or BF16");
    modelConfig().validate("settings");
}

std::string ModularTrainSettings::describe() const {
    std::ostringstream o;
    o << modularTaskName(task) << " p=" << p << ", d " << d_model << ", " << n_heads << " heads, " << n_layers
      << (n_layers == 1 ? " layer" : " layers") << ", lr " << lr << ", wd " << weight_decay << ", dropout "
      << dropout << ", Grokfast " << (grokfast_lambda > 0 ? "alpha " : "off");
    if (grokfast_lambda > 0) o << grokfast_alpha << " lambda " << grokfast_lambda;
    o << ", " << steps << " steps, seed " << seed;
    return o.str();
}

std::string modularSettingsJson(const ModularTrainSettings& s) {
    return json{{"task", modularTaskName(s.task)},
                {"p", s.p},
                {"seed", s.seed},
                {"steps", s.steps},
                {"eval_interval", s.eval_interval},
                {"lr", s.lr},
                {"weight_decay", s.weight_decay},
                {"dropout", s.dropout},
                {"grokfast_alpha", s.grokfast_alpha},
                {"grokfast_lambda", s.grokfast_lambda},
                {"n_layers", s.n_layers},
                {"d_model", s.d_model},
                {"n_heads", s.n_heads},
                {"d_mlp", s.d_mlp},
                {"device", s.device},
                {"save_dtype", s.save_dtype}}
        .dump();
}

ModularTrainSettings modularSettingsFromJson(const std::string& text, const std::string& where) {
    try {
        const json j = json::parse(text);
        ModularTrainSettings s;
        s.task = parseModularTask(j.at("task").get<std::string>());
        s.p = j.at("p").get<int64_t>();
        s.seed = j.at("seed").get<uint64_t>();
        s.steps = j.at("steps").get<int64_t>();
        s.eval_interval = j.at("eval_interval").get<int64_t>();
        s.lr = j.at("lr").get<double>();
        s.weight_decay = j.at("weight_decay").get<double>();
        s.dropout = j.at("dropout").get<double>();
        s.grokfast_alpha = j.at("grokfast_alpha").get<double>();
        s.grokfast_lambda = j.at("grokfast_lambda").get<double>();
        s.n_layers = j.at("n_layers").get<int64_t>();
        s.d_model = j.at("d_model").get<int64_t>();
        s.n_heads = j.at("n_heads").get<int64_t>();
        s.d_mlp = j.at("d_mlp").get<int64_t>();
        s.device = j.at("device").get<std::string>();
        s.save_dtype = j.at("save_dtype").get<std::string>();
        return s;
    } catch (const json::exception& e) {
        throw InputError(where + ": malformed modular training settings (" +
                         std::string(e.what()).substr(0, 120) + ")");
    }
}

// ---- logs

namespace {

json evalToJson(const ModularEval& e) {
    json tasks = json::array();
    for (const auto& t : e.tasks)
        tasks.push_back({{"q", t.q},
                         {"train_acc", t.train_acc},
                         {"train_loss", t.train_loss},
                         {"val_acc", t.val_acc},
                         {"val_loss", t.val_loss}});
    return {{"step", e.step},
            {"seconds", e.seconds},
            {"train_loss", e.train_loss},
            {"val_loss", e.val_loss},
            {"tasks", tasks}};
}

ModularEval evalFromJson(const json& j) {
    ModularEval e;
    e.step = j.at("step").get<int64_t>();
    e.seconds = j.at("seconds").get<double>();
    e.train_loss = j.at("train_loss").get<double>();
    e.val_loss = j.at("val_loss").get<double>();
    for (const auto& t : j.at("tasks")) {
        ModularTaskScore s;
        s.q = t.at("q").get<int64_t>();
        s.train_acc = t.at("train_acc").get<double>();
        s.train_loss = t.at("train_loss").get<double>();
        s.val_acc = t.at("val_acc").get<double>();
        s.val_loss = t.at("val_loss").get<double>();
        e.tasks.push_back(s);
    }
    return e;
}

json historyJson(const std::vector<ModularEval>& h) {
    json a = json::array();
    for (const auto& e : h) a.push_back(evalToJson(e));
    return a;
}

}  // namespace

std::vector<int64_t> modularGeneralizedAt(const std::vector<ModularEval>& history) {
    std::vector<int64_t> out;
    if (history.empty()) return out;
    out.assign(history.front().tasks.size(), -1);
    for (const auto& e : history)
        for (size_t k = 0; k < e.tasks.size() && k < out.size(); ++k)
            if (out[k] < 0 && e.tasks[k].val_acc >= 0.99) out[k] = e.step;
    return out;
}

std::vector<ModularEval> readModularLog(const std::string& directory) {
    const fs::path path = fs::path(directory) / kLogFile;
    std::error_code ec;
    if (!fs::exists(path, ec)) return {};
    try {
        const json j = json::parse(readTextFile(path.string(), "training log", 1 << 28));
        std::vector<ModularEval> out;
        for (const auto& e : j.at("history")) out.push_back(evalFromJson(e));
        return out;
    } catch (const json::exception& e) {
        throw InputError(path.string() + ": malformed training log (" + std::string(e.what()).substr(0, 120) +
                         ")");
    }
}

// ---- training

namespace {

struct Run {
    ModularTrainSettings s;
    ModularConfig c;
    ModularDataset data;
    torch::Device device{torch::kCPU};
    ModularWeights w;
    std::vector<torch::Tensor> params, ema;
    bool ema_started = false;
    std::unique_ptr<torch::optim::AdamW> opt;
    Dropout dropout;
    int64_t step = 0;
    double seconds_before = 0.0;
    std::vector<ModularEval> history;
    torch::Tensor train_tokens, train_labels, val_tokens, val_labels;
};

void makeOptimizer(Run& r) {
    r.params.clear();
    for (auto& [n, t] : r.w.named()) {
        t.set_requires_grad(true);
        r.params.push_back(t);
    }
    torch::optim::AdamWOptions o(r.s.lr);
    o.betas({0.9, 0.98}).eps(1e-8).weight_decay(r.s.weight_decay);
    r.opt = std::make_unique<torch::optim::AdamW>(r.params, o);
}

ModularEval evaluate(Run& r, double seconds) {
    torch::NoGradGuard no_grad;
    ModularEval e;
    e.step = r.step;
    e.seconds = seconds;
    const auto tr = modularLoss(modularForward(r.c, r.w, r.train_tokens), r.train_labels, r.c.moduli, true);
    e.train_loss = tr.objective.item<double>();
    ModularLoss va;
    if (r.val_tokens.size(0) > 0) {
        va = modularLoss(modularForward(r.c, r.w, r.val_tokens), r.val_labels, r.c.moduli, true);
        e.val_loss = va.objective.item<double>();
    }
    for (size_t k = 0; k < r.c.moduli.size(); ++k) {
        ModularTaskScore t;
        t.q = r.c.moduli[k];
        std::tie(t.train_acc, t.train_loss) = tr.per_task[k];
        if (!va.per_task.empty()) std::tie(t.val_acc, t.val_loss) = va.per_task[k];
        e.tasks.push_back(t);
    }
    return e;
}

void saveState(const Run& r, const fs::path& dir) {
    torch::serialize::OutputArchive a;
    a.write("format", c10::IValue(std::string(kFormat)));
    a.write("step", c10::IValue(r.step));
    a.write("seconds", c10::IValue(r.seconds_before));
    a.write("settings", c10::IValue(modularSettingsJson(r.s)));
    a.write("history", c10::IValue(historyJson(r.history).dump()));
    a.write("dropout_rng", r.dropout.gen.get_state());
    a.write("ema_started", c10::IValue(r.ema_started));
    torch::serialize::OutputArchive weights, ema;
    for (size_t i = 0; i < r.params.size(); ++i) {
        weights.write("w" + std::to_string(i), r.params[i].detach());
        if (r.ema_started) ema.write("e" + std::to_string(i), r.ema[i]);
    }
    a.write("weights", weights);
    if (r.ema_started) a.write("ema", ema);
    torch::serialize::OutputArchive optim;
    r.opt->save(optim);
    a.write("optimizer", optim);
    std::ostringstream bytes;
    a.save_to(bytes);
    const std::string state = bytes.str();
    const json check = {{"format", "kronscope-modular-state-check"},
                        {"bytes", state.size()},
                        {"fnv1a64", contentHashOf(state)}};
    writeFileAtomically((dir / kCheckFile).string(), check.dump() + "\n");
    writeFileAtomically((dir / kStateFile).string(), state);
}

torch::serialize::InputArchive openState(const fs::path& dir, const torch::Device& device) {
    const fs::path path = dir / kStateFile;
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw InputError(dir.string() + ": no " + kStateFile +
                         " to resume (was the run started with this --out?)");
    const std::string bytes = readTextFile(path.string(), "modular trainer state", int64_t{1} << 34);
    json check;
    try {
        check = json::parse(readTextFile((dir / kCheckFile).string(), "checksum file", 1 << 16));
    } catch (const json::exception&) {
        throw InputError((dir / kCheckFile).string() + ": not a trainer-state checksum");
    }
    if (!check.is_object() || check.value("fnv1a64", std::string()) != contentHashOf(bytes))
        throw InputError(path.string() +
                         ": does not match its checksum (the file is damaged or was changed; the run cannot "
                         "be resumed from it)");
    torch::serialize::InputArchive a;
    try {
        std::istringstream in(bytes);
        a.load_from(in, device);
    } catch (const c10::Error& e) {
        std::string what = e.what_without_backtrace();
        throw InputError(path.string() + ": cannot read the trainer state (" +
                         what.substr(0, what.find('\n')).substr(0, 200) + ")");
    }
    c10::IValue v;
    if (!a.try_read("format", v) || !v.isString() || v.toStringRef() != kFormat)
        throw InputError(path.string() + ": not a Kronscope modular trainer state");
    return a;
}

std::string readStateString(torch::serialize::InputArchive& a, const char* key, const fs::path& dir) {
    c10::IValue v;
    if (!a.try_read(key, v) || !v.isString())
        throw InputError((dir / kStateFile).string() + ": no '" + key + "'");
    return v.toStringRef();
}

void restoreState(Run& r, const fs::path& dir) {
    auto a = openState(dir, r.device);
    const auto saved =
        modularSettingsFromJson(readStateString(a, "settings", dir), (dir / kStateFile).string());
    if (modularSettingsJson(saved) != modularSettingsJson([&] {
            auto x = r.s;
            x.steps = saved.steps;  // a resume may lengthen the run
            x.device = saved.device;
            return x;
        }()))
        throw InputError((dir / kStateFile).string() + ": the saved run's settings differ from these (" +
                         saved.describe() + ")");
    c10::IValue v;
    if (!a.try_read("step", v) || !v.isInt()) throw InputError((dir / kStateFile).string() + ": no step");
    r.step = v.toInt();
    if (a.try_read("seconds", v) && v.isDouble()) r.seconds_before = v.toDouble();
    try {
        for (const auto& e : json::parse(readStateString(a, "history", dir)))
            r.history.push_back(evalFromJson(e));
    } catch (const json::exception&) {
        throw InputError((dir / kStateFile).string() + ": malformed history");
    }
    torch::NoGradGuard no_grad;
    torch::serialize::InputArchive weights;
    a.read("weights", weights);
    for (size_t i = 0; i < r.params.size(); ++i) {
        torch::Tensor t;
        if (!weights.try_read("w" + std::to_string(i), t) || !t.sizes().equals(r.params[i].sizes()))
            throw InputError((dir / kStateFile).string() + ": weight " + std::to_string(i) +
                             " is missing or of another shape");
        r.params[i].copy_(t);
    }
    if (a.try_read("ema_started", v) && v.isBool() && v.toBool()) {
        torch::serialize::InputArchive ema;
        a.read("ema", ema);
        for (size_t i = 0; i < r.params.size(); ++i) ema.read("e" + std::to_string(i), r.ema[i]);
        r.ema_started = true;
    }
    torch::Tensor gen_state;
    a.read("dropout_rng", gen_state);
    r.dropout.gen.set_state(gen_state.to(torch::kCPU));
    torch::serialize::InputArchive optim;
    a.read("optimizer", optim);
    r.opt->load(optim);
}

void writeOutputs(const Run& r, const fs::path& dir, bool complete) {
    writeModularCheckpoint(dir.string(), r.c, r.w, r.s.save_dtype);
    const json log = {{"format", "kronscope-modular-log"},
                      {"settings", json::parse(modularSettingsJson(r.s))},
                      {"describe", r.s.describe()},
                      {"train_pairs", r.data.train.size()},
                      {"validation_pairs", r.data.validation.size()},
                      {"steps_done", r.step},
                      {"complete", complete},
                      {"generalized_at", modularGeneralizedAt(r.history)},
                      {"history", historyJson(r.history)}};
    writeFileAtomically((dir / kLogFile).string(), log.dump(1) + "\n");
}

/// One full-batch step: loss, backward, Grokfast, AdamW.
void trainStep(Run& r) {
    r.opt->zero_grad();
    const auto logits = modularForward(r.c, r.w, r.train_tokens, r.s.dropout > 0 ? &r.dropout : nullptr);
    modularLoss(logits, r.train_labels, r.c.moduli, false).objective.backward();
    if (r.s.grokfast_lambda > 0) {
        torch::NoGradGuard no_grad;
        for (size_t i = 0; i < r.params.size(); ++i) {
            auto g = r.params[i].grad();
            if (!r.ema_started)
                r.ema[i].copy_(g);  // e starts at the first gradient, as in Lee et al.'s code
            else
                r.ema[i].mul_(r.s.grokfast_alpha).add_(g, 1.0 - r.s.grokfast_alpha);
            g.add_(r.ema[i], r.s.grokfast_lambda);
        }
        r.ema_started = true;
    }
    r.opt->step();
}

}  // namespace

ModularTrainSettings loadModularSettings(const std::string& out_dir) {
    auto a = openState(out_dir, torch::Device(torch::kCPU));
    auto s = modularSettingsFromJson(readStateString(a, "settings", out_dir),
                                     (fs::path(out_dir) / kStateFile).string());
    s.resume = true;
    s.out_dir = out_dir;
    return s;
}

namespace {

/// The modular models' ops are small (a few thousand rows of width 128 to 256): on the CPU one intra-op
/// thread is faster than several (bench_modular on this 2-core machine: 24 against 8 steps/s at d 128, 9
/// against 4 at d 256), so CPU training uses one unless KRONSCOPE_THREADS asks for more. Restored afterwards.
class TrainingThreads {
  public:
    explicit TrainingThreads(const torch::Device& device) : saved_(at::get_num_threads()) {
        int want = 1;
        if (const char* e = std::getenv("KRONSCOPE_THREADS")) want = std::max(1, std::atoi(e));
        if (device.is_cpu() && want != saved_)
            at::set_num_threads(want);
        else
            saved_ = 0;
    }
    ~TrainingThreads() {
        if (saved_ > 0) at::set_num_threads(saved_);
    }
    TrainingThreads(const TrainingThreads&) = delete;
    TrainingThreads& operator=(const TrainingThreads&) = delete;

  private:
    int saved_;
};

}  // namespace

ModularTrainResult trainModular(const ModularTrainSettings& settings, Progress& progress) {
    settings.validate();
    const TrainingThreads threads(parseDevice(settings.device));
    const auto t0 = std::chrono::steady_clock::now();
    Run r;
    r.s = settings;
    r.c = settings.modelConfig();
    r.device = parseDevice(settings.device);
    const fs::path dir = settings.out_dir;
    if (!settings.out_dir.empty()) {
        std::error_code ec;
        if (!settings.resume && fs::exists(dir / kStateFile, ec))
            throw InputError(dir.string() +
                             ": already holds a modular run (resume it, or choose another folder)");
        fs::create_directories(dir, ec);
        if (ec) throw InputError(dir.string() + ": cannot create the folder (" + ec.message() + ")");
    } else if (settings.resume) {
        throw InputError("resume needs the run's output folder");
    }
    r.data = makeModularDataset(settings.task, settings.p, settings.seed);
    r.w = initModularWeights(r.c, settings.seed, r.device);
    makeOptimizer(r);
    for (const auto& p : r.params) r.ema.push_back(torch::zeros_like(p).detach());
    r.dropout = Dropout{settings.dropout, dropoutGenerator(r.device, settings.seed + 1)};
    if (settings.resume) restoreState(r, dir);
    r.train_tokens = modularTokens(r.c.p, r.data.train, r.device);
    r.train_labels = modularLabels(r.data, r.data.train, r.device);
    r.val_tokens = modularTokens(r.c.p, r.data.validation, r.device);
    r.val_labels = modularLabels(r.data, r.data.validation, r.device);

    const int64_t end =
        settings.stop_after > 0 ? std::min(settings.steps, settings.stop_after) : settings.steps;
    const int64_t first = r.step;
    auto elapsed = [&] {
        return r.seconds_before +
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    };
    auto record = [&] {
        r.history.push_back(evaluate(r, elapsed()));
        if (settings.on_eval) settings.on_eval(r.history.back());
    };
    if (r.history.empty()) record();
    ModularTrainResult out;
    bool cancelled = false;
    while (r.step < end) {
        if (progress.cancelled()) {
            if (settings.out_dir.empty()) throw Cancelled();
            cancelled = true;
            break;
        }
        trainStep(r);
        ++r.step;
        if (r.step % settings.eval_interval == 0 || r.step == end) {
            record();
            if (!settings.out_dir.empty()) {
                const double before = r.seconds_before;
                r.seconds_before = elapsed();
                saveState(r, dir);
                r.seconds_before = before;
            }
        }
        const auto& last = r.history.back();
        progress.report(
            static_cast<double>(r.step - first) / static_cast<double>(std::max<int64_t>(1, end - first)),
            "step " + std::to_string(r.step) + "/" + std::to_string(settings.steps) + ", loss " +
                std::to_string(last.train_loss) + ", val " + std::to_string(last.val_loss));
    }
    if (cancelled && r.history.back().step != r.step) record();
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    r.seconds_before = elapsed();
    if (!settings.out_dir.empty()) {
        saveState(r, dir);
        writeOutputs(r, dir, r.step == settings.steps);
    }
    out.settings = settings;
    out.settings.on_eval = nullptr;
    out.history = r.history;
    out.steps_done = r.step;
    out.cancelled = cancelled;
    out.complete = r.step == settings.steps;
    out.steps_per_second = out.seconds > 0 ? static_cast<double>(r.step - first) / out.seconds : 0.0;
    out.out_dir = settings.out_dir;
    out.generalized_at = modularGeneralizedAt(r.history);
    return out;
}

}  // namespace kronscope::core
