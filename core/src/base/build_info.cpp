#include "kronscope/core/base/build_info.h"

#include <torch/torch.h>
#include <torch/version.h>

#include <cstdlib>
#include <filesystem>
#include <thread>
#ifdef KRONSCOPE_WITH_HDF5
#include <H5public.h>
#endif

namespace kronscope::core {

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
