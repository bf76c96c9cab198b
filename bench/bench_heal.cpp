// bench_heal: training steps/s of a healed (factored) GPT-2 against the dense one, on a GPT-2-shaped
// checkpoint (random N(0, 0.02) weights unless --model names one): the dense model trains every weight
// (method none), the factored ones train only their factors (Kronecker and SVD at each block size), the
// same batch and context. Evaluations are left out of the rates.
//   bench_heal [--model DIR] [--config gpt2|demo|tiny] [--block-sizes 4,16] [--steps 3] [--batch 1]
//              [--context 128] [--device cpu|cuda]
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "kronscope/core/base/build_info.h"
#include "kronscope/core/model/checkpoint_writer.h"
#include "kronscope/core/train/healer.h"

using namespace kronscope::core;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
    std::string model_dir, config = "gpt2", device = "cpu", sizes = "4,16";
    int64_t steps = 3, batch = 1, context = 128;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--model")
            model_dir = v;
        else if (k == "--config")
            config = v;
        else if (k == "--block-sizes")
            sizes = v;
        else if (k == "--steps")
            steps = std::stoll(v);
        else if (k == "--batch")
            batch = std::stoll(v);
        else if (k == "--context")
            context = std::stoll(v);
        else if (k == "--device")
            device = v;
        else {
            std::fprintf(stderr, "unknown option %s\n", argv[i]);
            return 2;
        }
    }
    useAllCores();
    const fs::path tmp = fs::temp_directory_path() / ("kronscope-bench-heal-" + std::to_string(getpid()));
    if (model_dir.empty()) {
        model_dir = (tmp / "model").string();
        RandomCheckpointOptions o;
        o.copy_tokenizer = false;
        writeRandomCheckpoint(model_dir, presetConfig(config), o);
    }
    const auto c = presetConfig(config);
    std::mt19937 rng(1);
    std::vector<int32_t> ids(static_cast<size_t>(64 * context));
    for (auto& t : ids) t = static_cast<int32_t>(rng() % static_cast<uint32_t>(c.vocab_size));
    const std::vector<int32_t> heldout(ids.begin(), ids.begin() + 2 * context + 1);
    std::printf("bench_heal: %s-shaped model, %lld steps of %lld x %lld tokens on %s, %s\n", config.c_str(),
                static_cast<long long>(steps), static_cast<long long>(batch), static_cast<long long>(context),
                device.c_str(), buildInfo().torch_version.c_str());
    std::printf("%-16s %14s %14s %10s %10s\n", "model", "trained params", "model params", "steps/s",
                "vs dense");
    auto run = [&](const std::string& method, int64_t n) {
        HealSettings s;
        s.method = method;
        s.block_size = n > 0 ? n : 16;
        s.steps = steps + 1;  // the first step warms up allocations; it is in the rate (steps are few)
        s.batch_size = batch;
        s.context_length = context;
        s.eval_interval = steps + 1;
        s.eval_windows = 1;
        s.warmup = 0;
        s.device = device;
        Progress p;
        return healGpt2(model_dir, ids, heldout, s, p);
    };
    const auto dense = run("none", 0);
    std::printf("%-16s %14lld %14lld %10.3f %10s\n", "dense (all)",
                static_cast<long long>(dense.params_trainable), static_cast<long long>(dense.params),
                dense.steps_per_second, "1.00x");
    std::stringstream list(sizes);
    for (std::string item; std::getline(list, item, ',');) {
        const int64_t n = std::stoll(item);
        for (const char* method : {"kron", "svd"}) {
            const auto r = run(method, n);
            const std::string name = std::string(method) + " n=" + std::to_string(n);
            std::printf("%-16s %14lld %14lld %10.3f %9.2fx\n", name.c_str(),
                        static_cast<long long>(r.params_trainable), static_cast<long long>(r.params),
                        r.steps_per_second, r.steps_per_second / dense.steps_per_second);
        }
    }
    std::printf("factored: only the factors train (the dense weights frozen; no gradients for them).\n");
    fs::remove_all(tmp);
    return 0;
}
