// bench_ppl: strided perplexity throughput of a GPT-2-small-shaped checkpoint on this machine's CPU (or
// CUDA), with the achieved GFLOP/s next to this machine's sgemm rate measured in the same run, and peak
// memory.
//   bench_ppl [--model DIR] [--tokens N] [--max-length L] [--stride S] [--batch B] [--device cpu|cuda]
// Without --model it writes a random GPT-2 small (seed 1) to $TMPDIR/kronscope-bench-gpt2 once.
// Target (issue 3): >= 60% of the sgemm rate at max_length 1024 on CPU; peak RSS <= 2 GB for GPT-2 small.
#include <sys/resource.h>
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>

#include "kronscope/core/model/checkpoint_writer.h"
#include "kronscope/core/model/gpt2_model.h"

using namespace kronscope::core;
namespace fs = std::filesystem;

static double sgemmGflops(const torch::Device& dev) {
    // The shape GPT-2 small's MLP runs: (1024 x 768) @ (768 x 3072).
    torch::InferenceMode guard;
    auto a = torch::randn({1024, 768}, torch::TensorOptions().device(dev));
    auto b = torch::randn({768, 3072}, torch::TensorOptions().device(dev));
    auto c = torch::matmul(a, b);  // warm-up (and, on CUDA, cuBLAS's start), finished before the clock starts
    if (dev.is_cuda()) c.cpu();
    const int reps = dev.is_cuda() ? 200 : 20;
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < reps; ++i) c = torch::matmul(a, b);
    if (dev.is_cuda()) c.cpu();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return 2.0 * 1024 * 768 * 3072 * reps / s / 1e9;
}

int main(int argc, char** argv) {
    std::string model_dir, device = "cpu";
    int64_t tokens = 4096, max_length = 1024, stride = 1024, batch = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--model")
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
    auto model = Gpt2Model::load(model_dir, {device, "f32"});
    const auto& c = model->config();
    std::mt19937 rng(7);
    std::vector<int32_t> ids(static_cast<size_t>(tokens));
    for (auto& x : ids) x = static_cast<int32_t>(rng() % static_cast<uint32_t>(c.vocab_size));

    const double sgemm = sgemmGflops(device == "cpu" ? torch::Device(torch::kCPU) : torch::Device(device));
    PerplexitySettings s;
    s.max_length = max_length;
    s.stride = stride;
    s.batch_windows = batch;
    struct Quiet : Progress {
    } p;
    const auto r = model->perplexity(ids, s, p);

    // FLOPs actually run: every window's tokens through the blocks (2 per weight per token, plus attention
    // scores and values: 2 * 2 * T * C per token per layer on average T/2 context) and the head on scored
    // tokens.
    const auto windows = perplexityWindows(static_cast<int64_t>(ids.size()), max_length, stride);
    double flops = 0.0;
    for (const auto& w : windows) {
        const double T = static_cast<double>(w.end - w.begin);
        flops += 2.0 * static_cast<double>(c.blockMatrixWeights()) * T;
        flops += static_cast<double>(c.n_layer) * 2.0 * 2.0 * T * T * static_cast<double>(c.n_embd);
        flops += 2.0 * static_cast<double>(c.n_embd * c.vocab_size) * static_cast<double>(w.scored);
    }
    const double gflops = flops / r.seconds / 1e9;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    std::printf("model            %s (%s, %lld layers, n_embd %lld)\n", model_dir.c_str(),
                c.sizeName().c_str(), (long long)c.n_layer, (long long)c.n_embd);
    std::printf(
        "settings         tokens %lld, max_length %lld, stride %lld, batch %lld, device %s, threads %d\n",
        (long long)tokens, (long long)max_length, (long long)stride, (long long)batch, device.c_str(),
        at::get_num_threads());
    std::printf("windows          %lld, tokens scored %lld, seconds %.2f\n", (long long)r.windows,
                (long long)r.tokens_scored, r.seconds);
    std::printf("throughput       %.1f tokens/s (tokens run through the model)\n", r.tokens_per_second);
    std::printf("achieved         %.1f GFLOP/s\n", gflops);
    std::printf("sgemm 1024x768x3072  %.1f GFLOP/s (same run)\n", sgemm);
    std::printf("efficiency       %.0f%% of sgemm (target >= 60%%)\n", 100.0 * gflops / sgemm);
    std::printf("peak RSS         %.0f MB (target <= 2048 MB for GPT-2 small)\n", ru.ru_maxrss / 1024.0);
    return 0;
}
