#include "commands.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli_args.h"
#include "kronscope/core/build_info.h"
#include "kronscope/core/checkpoint_writer.h"
#include "kronscope/core/error.h"
#include "kronscope/core/gpt2_model.h"
#include "kronscope/core/model_locator.h"
#include "kronscope/core/tokenizer.h"

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
    };
    return list;
}

}  // namespace kronscope::cli
