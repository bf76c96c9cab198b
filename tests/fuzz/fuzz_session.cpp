// libFuzzer entry point for the session reader as the app uses it (readSession: the HDF5 read in a forked,
// memory- and time-bounded child): any input must give a document or one InputError line that names the
// file. Any other exception, a crash of this process, a sanitizer report or a multi-line message is a bug.
// A crash of libhdf5 in the child is the case the isolation exists for and is not one.
//
//   cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DKRONSCOPE_FUZZ=ON -DKRONSCOPE_BUILD_GUI=OFF
//   cmake --build build-fuzz --target fuzz_session && build-fuzz/tests/fuzz_session -max_len=65536 corpus/
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "kronscope/core/base/error.h"
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
    try {
        const SessionDocument doc = readSession(path);
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
