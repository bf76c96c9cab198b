// libFuzzer entry point for the session reader as the app uses it (readSession: the HDF5 read in a forked,
// memory- and time-bounded child): any input must give a document or one InputError line that names the
// file. Any other exception, a crash of this process, a sanitizer report or a multi-line message is a bug.
// A crash of libhdf5 in the child is the case the isolation exists for and is not one.
//
// Coverage does not flow back from the child, so this mode is a black-box run of the guarantee. With
// KRONSCOPE_FUZZ_IN_PROCESS=1 the target calls the reader itself (readSessionHere) in this process, for
// coverage-guided fuzzing of Kronscope's own checks; run it with libFuzzer's fork mode so that libhdf5's
// known failures on damaged files are logged and the run goes on:
//   KRONSCOPE_FUZZ_IN_PROCESS=1 fuzz_session -fork=1 -ignore_crashes=1 -max_total_time=600 corpus/
// Then every crash artifact's stack must end in libhdf5, not in session_file.cpp.
//
//   cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DKRONSCOPE_FUZZ=ON -DKRONSCOPE_BUILD_GUI=OFF
//   cmake --build build-fuzz --target fuzz_session && build-fuzz/tests/fuzz_session -max_len=65536 corpus/
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "kronscope/core/base/error.h"
#include <hdf5.h>

#include <cstdlib>

#include "io/session_isolated.h"
#include "kronscope/core/io/session_file.h"

namespace {

void check(bool condition) {
    if (!condition) __builtin_trap();
}

const std::string& scratchPath() {
    static const std::string path = "/tmp/kronscope-fuzz-session-" + std::to_string(::getpid()) + ".kss";
    return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace kronscope::core;
    const std::string& path = scratchPath();
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return 0;
    std::fwrite(data, 1, size, f);
    std::fclose(f);
    static const bool in_process = std::getenv("KRONSCOPE_FUZZ_IN_PROCESS") != nullptr;
    if (in_process) H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    try {
        const SessionDocument doc = in_process ? readSessionHere(path) : readSession(path);
        for (const auto& [name, array] : doc.arrays) {
            int64_t n = 1;
            for (const int64_t d : array.shape) n *= d;
            check(static_cast<int64_t>(array.values.size()) == n);
            check(!name.empty());
        }
    } catch (const InputError& e) {
        const std::string message = e.what();
        check(message.rfind(path, 0) == 0);
        check(message.find('\n') == std::string::npos);
    }
    return 0;
}
