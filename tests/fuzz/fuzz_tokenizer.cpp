// libFuzzer entry point for the tokenizer files: vocab.json + merges.txt, or a Hugging Face tokenizer.json.
// The first input byte chooses the form; for vocab + merges the rest is split at the first NUL byte. Any
// input must be refused with InputError or give a tokenizer whose ids for a fixed text lie inside its
// vocabulary. Any other exception, a crash, a sanitizer report or a message over one line is a bug.
//
//   cmake --build build-fuzz --target fuzz_tokenizer && build-fuzz/tests/fuzz_tokenizer -max_len=16384
//   corpus/
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/tokenizer/tokenizer.h"

// The data cache is not used here (only Gpt2Tokenizer::forCheckpoint looks there); build_info.cpp would
// bring LibTorch into the fuzzer.
namespace kronscope::core {
std::string dataDirectory() {
    return {};
}
}  // namespace kronscope::core

namespace {

void check(bool condition) {
    if (!condition) __builtin_trap();
}

void writeFile(const std::string& path, const uint8_t* data, size_t size) {
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) __builtin_trap();
    std::fwrite(data, 1, size, f);
    std::fclose(f);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace kronscope::core;
    if (size < 1) return 0;
    static const std::string base = "/tmp/kronscope-fuzz-tokenizer-" + std::to_string(::getpid());
    const std::string vocab = base + "-vocab.json", merges = base + "-merges.txt",
                      tj = base + "-tokenizer.json";
    try {
        Gpt2Tokenizer tok = [&] {
            if (data[0] & 1) {
                writeFile(tj, data + 1, size - 1);
                return Gpt2Tokenizer::fromTokenizerJson(tj);
            }
            size_t split = 1;
            while (split < size && data[split] != 0) ++split;
            writeFile(vocab, data + 1, split - 1);
            writeFile(merges, data + std::min(split + 1, size), size - std::min(split + 1, size));
            return Gpt2Tokenizer::fromFiles(vocab, merges);
        }();
        const auto ids =
            tok.encode("Hello world, it's 2026: naive caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac!\n  x");
        for (const int32_t id : ids) check(id >= 0 && id < tok.vocabSize());
    } catch (const InputError& e) {
        check(std::string(e.what()).find('\n') == std::string::npos);
    }
    return 0;
}
