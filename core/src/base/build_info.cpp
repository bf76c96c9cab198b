#include "kronscope/core/base/build_info.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <thread>
#ifdef KRONSCOPE_WITH_HDF5
#include <H5public.h>
#endif

namespace kronscope::core {

namespace {

/// OpenBLAS's pthread workers (Debian's LibTorch runs its matmuls there) spin, yielding, for 2^28 cycles
/// (~0.1 s) after each call before they sleep. Between two matmuls the forward pass runs its own kernels on
/// every core (model/cpu_kernels.h), and a spinning worker took a core's share from them: measured here, the
/// fused attention ran 350-420 ms per GPT-2-small window against 205-210 ms with the workers asleep. So at
/// load, unless OPENBLAS_THREAD_TIMEOUT is set, OpenBLAS re-reads its settings with a timeout of 2^22 cycles
/// (~1.5 ms) and stops its workers; it starts them again at its next call (as it does after a fork), with
/// the new timeout. Measured with farm-bench (medians of 5 and 3 pairs): the ppl command 6.6% faster at 2^4
/// than at the default and the same at 2^22; training (bench_modular, many mid-size matmuls close together)
/// 7.7% slower at 2^4 than at the default (each call woke sleeping workers) and the same at 2^22. With any
/// other BLAS (MKL, cuBLAS builds) these symbols are absent and nothing happens.
struct QuietBlasWorkers {
    QuietBlasWorkers() {
        if (std::getenv("OPENBLAS_THREAD_TIMEOUT") != nullptr) return;  // the user's setting stands
        using Fn = int (*)();
        auto read_env = reinterpret_cast<void (*)()>(dlsym(RTLD_DEFAULT, "openblas_read_env"));
        auto timeout = reinterpret_cast<Fn>(dlsym(RTLD_DEFAULT, "openblas_thread_timeout"));
        auto shutdown = reinterpret_cast<Fn>(dlsym(RTLD_DEFAULT, "blas_thread_shutdown_"));
        if (read_env == nullptr || timeout == nullptr || shutdown == nullptr) return;
        setenv("OPENBLAS_THREAD_TIMEOUT", "22", 0);
        read_env();
        unsetenv("OPENBLAS_THREAD_TIMEOUT");  // child processes get OpenBLAS's own default
        if (timeout() == 22) shutdown();
    }
};
const QuietBlasWorkers quiet_blas_workers;

}  // namespace

int desiredThreads() {
    static const int n = [] {
        if (const char* e = std::getenv("KRONSCOPE_THREADS")) {
            const int v = std::atoi(e);
            if (v > 0) return v;
        }
        return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    }();
    return n;
}

void useAllCores() {
    thread_local bool done = false;
    if (done) return;
    done = true;
    if (at::get_num_threads() != desiredThreads()) at::set_num_threads(desiredThreads());
}

namespace {
BuildInfo query() {
    BuildInfo info;
    info.app_version = KRONSCOPE_VERSION;
    info.torch_version = TORCH_VERSION;
#ifdef KRONSCOPE_WITH_HDF5
    unsigned maj = 0, min = 0, rel = 0;
    H5get_libversion(&maj, &min, &rel);
    info.hdf5_version = std::to_string(maj) + "." + std::to_string(min) + "." + std::to_string(rel);
#endif
#if defined(__clang__)
    info.compiler = "Clang " __clang_version__;
#elif defined(__GNUC__)
    info.compiler = "GCC " __VERSION__;
#endif
    info.cuda_built = torch::cuda::is_available() || torch::hasCUDA();
    info.cuda_devices = static_cast<int>(torch::cuda::device_count());
    for (int i = 0; i < info.cuda_devices; ++i) info.cuda_device_names.push_back("cuda:" + std::to_string(i));
    useAllCores();
    info.cpu_threads = at::get_num_threads();
    return info;
}
}  // namespace

const BuildInfo& buildInfo() {
    static const BuildInfo info = query();
    return info;
}

std::string dataDirectory() {
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("KRONSCOPE_DATA_DIR")) candidates.emplace_back(env);
    candidates.emplace_back(KRONSCOPE_DATA_DIR);
    if (const char* home = std::getenv("HOME"))
        candidates.emplace_back(fs::path(home) / ".cache" / "kronscope");
    candidates.emplace_back("/usr/share/kronscope/data");
    for (const auto& c : candidates) {
        std::error_code ec;
        if (!c.empty() && fs::is_directory(c, ec)) return c.string();
    }
    return {};
}

}  // namespace kronscope::core
