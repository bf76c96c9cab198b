// bench_modular: training speed of the seed-002 transformer (full-batch AdamW + Grokfast) for nanda at
// p = 113 (3,831 training pairs per step), d_model 128 and 256 (4 heads, d_mlp 4 d), on the CPU and, when
// LibTorch sees one, on CUDA. Prints steps/s and the pairs/s they mean, per size and device.
//   bench_modular [--steps 100] [--p 113] [--task nanda|miiii]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "kronscope/core/base/build_info.h"
#include "kronscope/core/modular/modular_trainer.h"

using namespace kronscope::core;

int main(int argc, char** argv) {
    int64_t steps = 100, p = 113;
    std::string task = "nanda";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--steps")
            steps = std::stoll(v);
        else if (k == "--p")
            p = std::stoll(v);
        else if (k == "--task")
            task = v;
        else {
            std::fprintf(stderr, "bench_modular: unknown option %s\n", k.c_str());
            return 2;
        }
    }
    const auto& info = buildInfo();
    std::printf("bench_modular: %s at p = %lld, %lld steps per run, LibTorch %s, %d CPU threads\n",
                task.c_str(), static_cast<long long>(p), static_cast<long long>(steps),
                info.torch_version.c_str(), info.cpu_threads);
    std::vector<std::string> devices{"cpu"};
    if (info.cuda_devices > 0) devices.push_back("cuda");
    for (const auto& device : devices)
        for (int64_t d : {128, 256}) {
            ModularTrainSettings s;
            s.task = parseModularTask(task);
            s.p = p;
            s.d_model = d;
            s.n_heads = 4;
            s.steps = steps;
            s.eval_interval = steps;  // one evaluation at the end: the loop is what is timed
            s.device = device;
            Progress quiet;
            const auto r = trainModular(s, quiet);
            const auto data = makeModularDataset(s.task, s.p, s.seed);
            std::printf("  %-4s d %3lld: %7.1f steps/s  (%9.0f training pairs/s)\n", device.c_str(),
                        static_cast<long long>(d), r.steps_per_second,
                        r.steps_per_second * static_cast<double>(data.train.size()));
        }
    return 0;
}
