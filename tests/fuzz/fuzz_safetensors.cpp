// libFuzzer entry point for the safetensors reader: any input must either be refused with InputError or
// yield tensors that tile the data section exactly. Any other exception, a crash, a sanitizer report or
// a broken invariant (__builtin_trap) is a bug.
//
//   clang++ -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -Icore/include \
//       core/src/io/safetensors.cpp tests/fuzz/fuzz_safetensors.cpp -o fuzz_safetensors
//   ./fuzz_safetensors -max_len=4096 corpus/
#include <cstddef>
#include <cstdint>
#include <string>

#include "kronscope/core/base/error.h"
#include "kronscope/core/io/safetensors.h"

namespace {

void check(bool condition) {
    if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace kronscope::core;
    try {
        const SafetensorsFile file = SafetensorsFile::parse(data, size, "fuzz.safetensors");
        check(file.fileSize() == size);
        check(file.dataOffset() <= size);
        uint64_t next = 0;  // tensors are sorted, contiguous and cover the data section exactly
        for (const TensorInfo& t : file.tensors()) {
            check(t.begin == next && t.begin <= t.end);
            check(t.numel() >= 0);
            check(static_cast<uint64_t>(t.numel()) * dtypeSize(t.dtype) == t.bytes());
            check(file.find(t.name) == &t);
            const uint8_t* bytes = file.data(t);
            check(bytes >= data && bytes + t.bytes() <= data + size);
            volatile uint8_t sink = 0;  // touch the first and last byte so ASan sees any overrun
            if (t.bytes() > 0) sink = static_cast<uint8_t>(bytes[0] ^ bytes[t.bytes() - 1]);
            (void)sink;
            next = t.end;
        }
        check(file.dataOffset() + next == size);
    } catch (const InputError&) {
        // Refusing bad input is the expected outcome for most inputs.
    }
    return 0;
}
