// kronscope-cli about: its options, help text and run function.
#include "common.h"

#include <iostream>
#include "cli_args.h"
#include "kronscope/core/base/build_info.h"
#include "kronscope/core/model/gpt2_model.h"

namespace kronscope::cli {

namespace {

int runAbout(const std::vector<std::string>& argv) {
    Args args(argv, {}, {"json"});
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
              << "  Data cache   "
              << (core::dataDirectory().empty() ? "(none: run scripts/setup.sh)" : core::dataDirectory())
              << "\n";
    return 0;
}

}  // namespace

Command aboutCommand() {
    return {"about", "versions of Kronscope, LibTorch, HDF5; CUDA devices",
            "Usage: kronscope-cli about [--json]\n", runAbout};
}

}  // namespace kronscope::cli
