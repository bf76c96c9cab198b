// libFuzzer entry point for the PyTorch archive reader (zip + restricted unpickler): any input must either
// be refused with InputError or yield tensors whose bytes copy out within bounds. Any other exception, a
// crash, a sanitizer report, a hang or a broken invariant (__builtin_trap) is a bug. Seed the corpus with
// tests/data/torch/ (its .pt and .bin files, hostile and malformed ones included).
//
//   build-fuzz/tests/fuzz_torch_archive -max_len=65536 -max_total_time=600 CORPUS_DIR
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "kronscope/core/base/error.h"
#include "kronscope/core/io/torch_archive.h"

namespace {

void check(bool condition) {
    if (!condition) __builtin_trap();
}

void copyAll(const kronscope::core::TorchArchive& a) {
    for (const auto& t : a.tensors()) {
        check(t.numel() >= 0);
        check(static_cast<uint64_t>(t.numel()) * kronscope::core::dtypeSize(t.dtype) == t.bytes());
        if (t.bytes() > (uint64_t{64} << 20)) continue;  // sizes are checked against the archive already
        std::vector<uint8_t> buf(static_cast<size_t>(t.bytes()));
        try {
            a.copyTensor(t, buf.data());
        } catch (const kronscope::core::InputError&) {
            // a CRC mismatch
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace kronscope::core;
    try {
        TorchArchive a = TorchArchive::parse(data, size, "fuzz.pt");
        copyAll(a);
        for (const auto& key : a.rootKeys()) {
            try {
                (void)a.scalarDict(key);
            } catch (const InputError&) {
            }
            if (a.isStateDict(key)) {
                a.selectStateDict(key);
                copyAll(a);
            }
        }
    } catch (const InputError&) {
        // Refusing bad input is the expected outcome for most inputs.
    }
    return 0;
}
