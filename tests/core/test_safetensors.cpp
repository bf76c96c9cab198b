// Strict safetensors reader and writer: round trips, and one crafted bad file per validation rule.
// Each refusal test checks the rule's key words and the tensor's name, and is built so that it would
// fail (usually by being accepted) if the check it targets were removed.
#include "kronscope/core/io/safetensors.h"
#include "kronscope/core/io/array_file.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdint>
#include <cstring>
#include <filesystem>

#include "leftover_temporary.h"
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "kronscope/core/base/error.h"

namespace kronscope::core {
namespace {

namespace fs = std::filesystem;

constexpr const char* kName = "bad.safetensors";

/// The bytes of a safetensors file: the u64 little-endian header length (`length`, or the header's size),
/// `header` verbatim, then `data_bytes` bytes of data.
std::string craft(const std::string& header, size_t data_bytes = 0, std::optional<uint64_t> length = {}) {
    const uint64_t n = length.value_or(header.size());
    std::string out(8, '\0');
    for (int i = 0; i < 8; ++i) out[i] = static_cast<char>(n >> (8 * i));
    out += header;
    for (size_t i = 0; i < data_bytes; ++i) out += static_cast<char>(i * 7 + 1);
    return out;
}

/// One header entry: "name":{"dtype":...,"shape":...,"data_offsets":[begin,end]}.
std::string entry(const std::string& name, const std::string& dtype, const std::string& shape, uint64_t begin,
                  uint64_t end) {
    return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" +
           std::to_string(begin) + "," + std::to_string(end) + "]}";
}

SafetensorsFile parseBytes(const std::string& bytes) {
    return SafetensorsFile::parse(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), kName);
}

/// Success if parsing `bytes` throws an InputError whose one-line message starts with the file name and
/// contains every one of `words`.
::testing::AssertionResult refusedWith(const std::string& bytes, const std::vector<std::string>& words) {
    std::string message;
    try {
        parseBytes(bytes);
        return ::testing::AssertionFailure() << "accepted a bad file";
    } catch (const InputError& e) {
        message = e.what();
    }
    if (message.rfind(std::string(kName) + ": ", 0) != 0)
        return ::testing::AssertionFailure() << "message does not start with the file name: " << message;
    if (message.find('\n') != std::string::npos)
        return ::testing::AssertionFailure() << "message is not one line: " << message;
    for (const auto& word : words)
        if (message.find(word) == std::string::npos)
            return ::testing::AssertionFailure() << "message lacks \"" << word << "\": " << message;
    return ::testing::AssertionSuccess() << message;
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void writeFile(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// A fresh directory under the system temp dir, removed after each test.
class SafetensorsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "kronscope-safetensors-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    fs::path dir_;
};

template <typename T>
std::vector<T> iota(size_t n, T start) {
    std::vector<T> v(n);
    for (size_t i = 0; i < n; ++i) v[i] = static_cast<T>(start + static_cast<T>(i));
    return v;
}

// ---- dtypes and helpers ------------------------------------------------------------------------------

TEST(SafetensorsDType, NamesAndSizes) {
    const DType all[] = {DType::F64,     DType::F32,     DType::F16, DType::BF16, DType::I64,
                         DType::I32,     DType::I16,     DType::I8,  DType::U8,   DType::BOOL,
                         DType::F8_E4M3, DType::F8_E5M2, DType::U16, DType::U32,  DType::U64};
    const size_t sizes[] = {8, 4, 2, 2, 8, 4, 2, 1, 1, 1, 1, 1, 2, 4, 8};
    for (size_t i = 0; i < std::size(all); ++i) {
        EXPECT_EQ(dtypeSize(all[i]), sizes[i]) << dtypeName(all[i]);
        EXPECT_EQ(dtypeFromName(dtypeName(all[i])), all[i]);
    }
    EXPECT_STREQ(dtypeName(DType::BF16), "BF16");
    EXPECT_STREQ(dtypeName(DType::F8_E4M3), "F8_E4M3");
    EXPECT_FALSE(dtypeFromName("f32").has_value());
    EXPECT_FALSE(dtypeFromName("F128").has_value());
}

TEST(SafetensorsDType, NumelAndShape) {
    TensorInfo t;
    EXPECT_EQ(t.numel(), 1);  // scalar
    t.shape = {768, 2304};
    EXPECT_EQ(t.numel(), 768 * 2304);
    t.shape = {0, 5};
    EXPECT_EQ(t.numel(), 0);
    t.shape = {3, -1};
    EXPECT_EQ(t.numel(), -1);
    EXPECT_FALSE(checkedNumel({int64_t{1} << 32, int64_t{1} << 32}).has_value());
    EXPECT_FALSE(checkedNumel({int64_t{1} << 32, int64_t{1} << 32, 0}).has_value());
    EXPECT_EQ(formatShape({768, 2304}), "[768, 2304]");
    EXPECT_EQ(formatShape({}), "[]");
}

// ---- round trips -------------------------------------------------------------------------------------

TEST_F(SafetensorsTest, RoundTripSeveralDtypesAndShapes) {
    const auto f32 = iota<float>(6, 0.5f);           // w: (2, 3)
    const auto f64 = iota<double>(4, -2.0);          // b: (4,)
    const int64_t i64 = 42;                          // step: scalar
    const auto bf16 = iota<uint16_t>(6, 0x3f80);     // h: (3, 1, 2)
    const auto u8 = iota<uint8_t>(5, 250);           // bytes: (5,)
    const std::vector<uint8_t> mask = {1, 0, 0, 1};  // mask: (2, 2)
    const auto i8 = iota<int8_t>(7, -3);             // odd: (7,) leaves later tensors unaligned
    const auto u64 = iota<uint64_t>(1, ~uint64_t{0} - 1);
    const std::vector<TensorToWrite> tensors = {
        {"w", DType::F32, {2, 3}, f32.data(), f32.size() * 4},
        {"b", DType::F64, {4}, f64.data(), f64.size() * 8},
        {"step", DType::I64, {}, &i64, 8},
        {"h.0.attn", DType::BF16, {3, 1, 2}, bf16.data(), bf16.size() * 2},
        {"empty", DType::F16, {0, 3}, nullptr, 0},
        {"bytes", DType::U8, {5}, u8.data(), u8.size()},
        {"mask", DType::BOOL, {2, 2}, mask.data(), mask.size()},
        {"odd", DType::I8, {7}, i8.data(), i8.size()},
        {"big", DType::U64, {1}, u64.data(), 8},
    };
    const std::map<std::string, std::string> metadata = {{"format", "pt"}, {"note", "gr\xc3\xbc\xc3\x9f"}};
    const fs::path path = dir_ / "model.safetensors";
    writeSafetensors(path.string(), tensors, metadata);
    EXPECT_FALSE(leftoverTemporary(path.string()));

    const SafetensorsFile file = SafetensorsFile::open(path.string());
    EXPECT_EQ(file.path(), path.string());
    EXPECT_EQ(file.fileSize(), fs::file_size(path));
    EXPECT_EQ(file.headerLength() % 8, 0u);
    EXPECT_EQ(file.metadata(), metadata);
    ASSERT_EQ(file.tensors().size(), tensors.size());
    uint64_t offset = 0;
    for (size_t i = 0; i < tensors.size(); ++i) {
        const TensorToWrite& want = tensors[i];
        const TensorInfo& got = file.tensors()[i];  // file order == order given to the writer
        SCOPED_TRACE(want.name);
        EXPECT_EQ(got.name, want.name);
        EXPECT_EQ(got.dtype, want.dtype);
        EXPECT_EQ(got.shape, want.shape);
        EXPECT_EQ(got.begin, offset);
        EXPECT_EQ(got.bytes(), want.bytes);
        EXPECT_EQ(static_cast<size_t>(got.numel()) * dtypeSize(got.dtype), want.bytes);
        if (want.bytes > 0) {
            EXPECT_EQ(std::memcmp(file.data(got), want.data, want.bytes), 0);
        }
        EXPECT_EQ(file.find(want.name), &got);
        offset += want.bytes;
    }
    EXPECT_EQ(file.dataOffset() + offset, file.fileSize());
    EXPECT_EQ(file.find("missing"), nullptr);
    EXPECT_EQ(file.find("step")->numel(), 1);
    int64_t step = 0;
    std::memcpy(&step, file.data(*file.find("step")), 8);
    EXPECT_EQ(step, 42);

    // The same bytes parsed from memory give the same result.
    const std::string bytes = readFile(path);
    const SafetensorsFile again = parseBytes(bytes);
    ASSERT_EQ(again.tensors().size(), tensors.size());
    EXPECT_EQ(again.path(), kName);
    EXPECT_EQ(again.data(again.tensors()[0]),
              reinterpret_cast<const uint8_t*>(bytes.data()) + again.dataOffset());
}

TEST_F(SafetensorsTest, FileCutShortWhileOpenIsAnErrorNotSigbus) {
    // Hardening D3: another process truncates model.safetensors while it is mapped. Reading through the
    // mapping would raise SIGBUS; copyTensor reads with pread and names the file.
    std::vector<float> a(4096, 1.5f), b(4096, 2.5f);
    const fs::path path = dir_ / "cut.safetensors";
    writeSafetensors(path.string(), {{"a", DType::F32, {4096}, a.data(), a.size() * 4},
                                     {"b", DType::F32, {4096}, b.data(), b.size() * 4}});
    const SafetensorsFile file = SafetensorsFile::open(path.string());
    std::vector<float> got(4096);
    file.copyTensor(*file.find("b"), got.data());
    EXPECT_EQ(got, b);
    fs::resize_file(path, file.dataOffset() + 100);
    try {
        file.copyTensor(*file.find("b"), got.data());
        ADD_FAILURE() << "a cut-short file was read";
    } catch (const InputError& e) {
        const std::string message = e.what();
        EXPECT_EQ(message.rfind(path.string() + ": ended at byte", 0), 0u) << message;
    }
}

TEST_F(SafetensorsTest, RoundTripEveryDtype) {
    const std::vector<uint8_t> raw = iota<uint8_t>(3 * 8, 1);
    std::vector<TensorToWrite> tensors;
    for (const DType dtype :
         {DType::F64, DType::F32, DType::F16, DType::BF16, DType::I64, DType::I32, DType::I16, DType::I8,
          DType::U8, DType::BOOL, DType::F8_E4M3, DType::F8_E5M2, DType::U16, DType::U32, DType::U64})
        tensors.push_back(
            {std::string("t_") + dtypeName(dtype), dtype, {3}, raw.data(), 3 * dtypeSize(dtype)});
    const fs::path path = dir_ / "all.safetensors";
    writeSafetensors(path.string(), tensors);
    const SafetensorsFile file = SafetensorsFile::open(path.string());
    EXPECT_TRUE(file.metadata().empty());
    for (const auto& t : tensors) {
        const TensorInfo* got = file.find(t.name);
        ASSERT_NE(got, nullptr) << t.name;
        EXPECT_EQ(got->dtype, t.dtype);
        EXPECT_EQ(got->bytes(), t.bytes);
        EXPECT_EQ(std::memcmp(file.data(*got), raw.data(), t.bytes), 0);
    }
}

TEST_F(SafetensorsTest, RoundTripNoTensors) {
    const fs::path path = dir_ / "nothing.safetensors";
    writeSafetensors(path.string(), {});
    EXPECT_EQ(readFile(path), craft("{}      "));
    const SafetensorsFile file = SafetensorsFile::open(path.string());
    EXPECT_TRUE(file.tensors().empty());
    EXPECT_EQ(file.fileSize(), 16u);
}

TEST_F(SafetensorsTest, WriterPadsHeaderWithSpacesToEightBytes) {
    const float x = 1.0f;
    for (const std::string name : {"a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh"}) {
        const fs::path path = dir_ / "pad.safetensors";
        writeSafetensors(path.string(), {{name, DType::F32, {1}, &x, 4}});
        const std::string bytes = readFile(path);
        const SafetensorsFile file = parseBytes(bytes);
        EXPECT_EQ(file.headerLength() % 8, 0u) << name;
        const std::string header = bytes.substr(8, file.headerLength());
        const size_t close = header.rfind('}');
        EXPECT_EQ(header.find_first_not_of(' ', close + 1), std::string::npos) << header;
        EXPECT_LT(header.size() - close - 1, 8u) << header;
    }
}

TEST_F(SafetensorsTest, WriterReplacesAnExistingFile) {
    const fs::path path = dir_ / "model.safetensors";
    const float one = 1.0f;
    const double two = 2.0;
    writeSafetensors(path.string(), {{"x", DType::F32, {1}, &one, 4}});
    writeSafetensors(path.string(), {{"y", DType::F64, {1}, &two, 8}});
    const SafetensorsFile file = SafetensorsFile::open(path.string());
    ASSERT_EQ(file.tensors().size(), 1u);
    EXPECT_EQ(file.tensors()[0].name, "y");
    EXPECT_FALSE(leftoverTemporary(path.string()));
}

TEST_F(SafetensorsTest, MovedFileKeepsItsMappingAndIndex) {
    const fs::path path = dir_ / "m.safetensors";
    const auto values = iota<float>(4, 3.0f);
    writeSafetensors(path.string(), {{"v", DType::F32, {4}, values.data(), 16}});
    SafetensorsFile a = SafetensorsFile::open(path.string());
    const uint8_t* before = a.data(a.tensors()[0]);
    SafetensorsFile b = std::move(a);
    ASSERT_NE(b.find("v"), nullptr);
    EXPECT_EQ(b.data(*b.find("v")), before);
    EXPECT_EQ(std::memcmp(before, values.data(), 16), 0);
    SafetensorsFile c = SafetensorsFile::open(path.string());
    c = std::move(b);  // unmaps c's own mapping, takes b's
    EXPECT_EQ(c.data(c.tensors()[0]), before);
}

// ---- writer refusals ---------------------------------------------------------------------------------

TEST_F(SafetensorsTest, WriterRefusesBadInputAndWritesNothing) {
    const fs::path path = dir_ / "out.safetensors";
    const std::vector<float> six(6);
    struct Case {
        std::vector<TensorToWrite> tensors;
        std::vector<std::string> words;
    };
    const std::vector<Case> cases = {
        {{{"w", DType::F32, {2, 3}, six.data(), 20}}, {"tensor 'w'", "do not match", "(24 bytes)"}},
        {{{"w", DType::F32, {2, -3}, six.data(), 24}}, {"tensor 'w'", "negative"}},
        {{{"w", DType::F32, {2, 3}, six.data(), 24}, {"w", DType::F32, {6}, six.data(), 24}},
         {"tensor 'w'", "duplicate"}},
        {{{"__metadata__", DType::F32, {1}, six.data(), 4}}, {"reserved"}},
        {{{"", DType::F32, {1}, six.data(), 4}}, {"empty name"}},
        {{{"bad\xff", DType::F32, {1}, six.data(), 4}}, {"UTF-8"}},
        {{{"w", DType::F32, {2}, nullptr, 8}}, {"tensor 'w'", "null"}},
        {{{"w", DType::F64, {int64_t{1} << 61}, six.data(), 0}}, {"tensor 'w'", "overflows"}},
    };
    for (const auto& c : cases) {
        try {
            writeSafetensors(path.string(), c.tensors);
            ADD_FAILURE() << "accepted " << c.words.back();
        } catch (const InputError& e) {
            const std::string message = e.what();
            EXPECT_EQ(message.rfind(path.string() + ": ", 0), 0u) << message;
            for (const auto& word : c.words) EXPECT_NE(message.find(word), std::string::npos) << message;
        }
        EXPECT_FALSE(fs::exists(path));
        EXPECT_FALSE(leftoverTemporary(path.string()));
    }
    EXPECT_THROW(writeSafetensors(path.string(), {}, {{"k", "\xc3"}}), InputError);
    EXPECT_FALSE(fs::exists(path));
}

TEST_F(SafetensorsTest, WriterReportsUnwritableDirectory) {
    const fs::path path = dir_ / "no" / "such" / "dir" / "out.safetensors";
    try {
        writeSafetensors(path.string(), {});
        ADD_FAILURE() << "wrote into a missing directory";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("cannot create"), std::string::npos) << e.what();
    }
}

// ---- reader: what the format allows ------------------------------------------------------------------

TEST(SafetensorsReader, AcceptsEmptyTensorsSharingOffsets) {
    // Empty tensors (begin == end) may sit at the start, between two tensors, and at the end.
    const std::string header = "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("e0", "F16", "[0]", 0, 0) +
                               "," + entry("e1", "I64", "[3, 0, 2]", 8, 8) + "," +
                               entry("b", "U8", "[3]", 8, 11) + "," + entry("e2", "BOOL", "[0]", 11, 11) +
                               "}";
    const std::string bytes = craft(header, 11);
    const SafetensorsFile file = parseBytes(bytes);
    std::vector<std::string> order;
    for (const auto& t : file.tensors()) order.push_back(t.name);
    EXPECT_EQ(order, (std::vector<std::string>{"e0", "a", "e1", "b", "e2"}));
    EXPECT_EQ(file.find("e1")->numel(), 0);
    EXPECT_EQ(file.find("e1")->shape, (std::vector<int64_t>{3, 0, 2}));
}

TEST(SafetensorsReader, AcceptsWhitespaceAndMetadataAnywhere) {
    const std::string header = "  {\n \"__metadata__\" : {\"format\": \"pt\", \"empty\": \"\"},\t" +
                               entry("x", "F8_E5M2", "[1, 2]", 0, 2) + ", " + entry("s", "I32", "[]", 2, 6) +
                               "}  \n ";
    const std::string bytes = craft(header, 6);
    const SafetensorsFile file = parseBytes(bytes);
    EXPECT_EQ(file.metadata().at("format"), "pt");
    EXPECT_EQ(file.metadata().at("empty"), "");
    ASSERT_EQ(file.tensors().size(), 2u);
    EXPECT_EQ(file.find("s")->numel(), 1);
    EXPECT_EQ(file.data(*file.find("s")),
              reinterpret_cast<const uint8_t*>(bytes.data()) + 8 + header.size() + 2);
}

// ---- reader: one refusal per rule --------------------------------------------------------------------

TEST(SafetensorsReader, RefusesFileShorterThanEightBytes) {
    EXPECT_TRUE(refusedWith("", {"0 bytes", "too small"}));
    EXPECT_TRUE(refusedWith(std::string(7, '\0'), {"7 bytes", "too small"}));
}

TEST(SafetensorsReader, RefusesHugeHeaderLength) {
    EXPECT_TRUE(refusedWith(craft("{}", 0, 100'000'001), {"header length 100000001", "exceeds the limit"}));
    EXPECT_TRUE(refusedWith(craft("{}", 0, ~uint64_t{0}), {"header length 18446744073709551615", "limit"}));
}

TEST(SafetensorsReader, RefusesHeaderLengthPastEndOfFile) {
    // Within the 100 MB limit but longer than the file: must not read past the buffer (ASan checks).
    EXPECT_TRUE(refusedWith(craft("{}", 0, 3), {"header length 3", "past the end of the file", "10 bytes"}));
    EXPECT_TRUE(refusedWith(craft("{}", 0, 100'000'000), {"past the end of the file"}));
    EXPECT_TRUE(refusedWith(craft(""), {"not valid JSON"}));  // N = 0 fits, but empty JSON is not JSON
}

TEST(SafetensorsReader, RefusesInvalidUtf8InHeader) {
    // Each sequence sits inside a JSON string, where only our UTF-8 check names UTF-8 as the rule.
    const char* const bad[] = {
        "\xff",              // never valid
        "\xc0\xaf",          // overlong '/'
        "\xe0\x80\xaf",      // overlong, 3 bytes
        "\xed\xa0\x80",      // UTF-16 surrogate D800
        "\xf4\x90\x80\x80",  // above U+10FFFF
        "\xc3",              // truncated sequence
        "\x80",              // lone continuation byte
    };
    for (const char* seq : bad) {
        const std::string header = "{\"__metadata__\":{\"k\":\"" + std::string(seq) + "\"}}";
        EXPECT_TRUE(refusedWith(craft(header), {"header is not valid UTF-8", "byte 30"})) << header;
    }
    // Valid multi-byte UTF-8 is fine, also in tensor names.
    const std::string ok = "{" + entry("\xce\xbb.\xe2\x82\xac.\xf0\x9f\x98\x80", "U8", "[1]", 0, 1) + "}";
    const std::string bytes = craft(ok, 1);
    EXPECT_EQ(parseBytes(bytes).tensors()[0].name, "\xce\xbb.\xe2\x82\xac.\xf0\x9f\x98\x80");
}

TEST(SafetensorsReader, RefusesInvalidJson) {
    EXPECT_TRUE(refusedWith(craft("{\"a\": "), {"header is not valid JSON"}));
    EXPECT_TRUE(refusedWith(craft("{} x"), {"header is not valid JSON"}));
    EXPECT_TRUE(refusedWith(craft("{/* c */}"), {"header is not valid JSON"}));
    // nlohmann stops at a NUL byte as if the input ended there.
    EXPECT_TRUE(
        refusedWith(craft(std::string("{}\0", 3)), {"header is not valid JSON", "NUL byte at byte 10"}));
    EXPECT_TRUE(refusedWith(craft(std::string("{}\0\0\0\0\0\0", 8)), {"header is not valid JSON", "NUL"}));
    EXPECT_TRUE(refusedWith(craft(std::string("{\"__metadata__\":{\"k\":\"\0\"}}", 26)), {"NUL"}));
}

TEST(SafetensorsReader, RefusesNonObjectJson) {
    for (const std::string header : {"[1, 2]", "\"text\"", "42", "null", "true"})
        EXPECT_TRUE(refusedWith(craft(header), {"header is not a JSON object"})) << header;
}

TEST(SafetensorsReader, RefusesMetadataThatIsNotAnObject) {
    EXPECT_TRUE(
        refusedWith(craft("{\"__metadata__\":[\"x\"]}"), {"\"__metadata__\" must be an object", "array"}));
    EXPECT_TRUE(refusedWith(craft("{\"__metadata__\":\"x\"}"), {"\"__metadata__\" must be an object"}));
}

TEST(SafetensorsReader, RefusesMetadataValueThatIsNotAString) {
    EXPECT_TRUE(
        refusedWith(craft("{\"__metadata__\":{\"a\":\"ok\",\"k\":1}}"), {"'k'", "must be a string", "1"}));
    EXPECT_TRUE(refusedWith(craft("{\"__metadata__\":{\"k\":null}}"), {"'k'", "must be a string", "null"}));
    EXPECT_TRUE(refusedWith(craft("{\"__metadata__\":{\"k\":{\"n\":\"x\"}}}"), {"'k'", "must be a string"}));
}

TEST(SafetensorsReader, RefusesEntryThatIsNotAnObject) {
    EXPECT_TRUE(refusedWith(craft("{\"w\":[1]}"), {"tensor 'w'", "must be an object", "array"}));
    EXPECT_TRUE(refusedWith(craft("{\"w\":\"F32\"}"), {"tensor 'w'", "must be an object", "string"}));
}

TEST(SafetensorsReader, RefusesEntryMissingAKey) {
    EXPECT_TRUE(refusedWith(craft("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                            {"tensor 'w'", "has no \"dtype\""}));
    EXPECT_TRUE(refusedWith(craft("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4),
                            {"tensor 'w'", "has no \"shape\""}));
    EXPECT_TRUE(refusedWith(craft("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4),
                            {"tensor 'w'", "has no \"data_offsets\""}));
}

TEST(SafetensorsReader, RefusesEntryWithAnUnexpectedKey) {
    const std::string header =
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"offset\":0}}";
    EXPECT_TRUE(refusedWith(craft(header, 4), {"tensor 'w'", "unexpected key 'offset'"}));
}

TEST(SafetensorsReader, RefusesUnknownOrMistypedDtype) {
    EXPECT_TRUE(refusedWith(craft("{" + entry("w", "F128", "[1]", 0, 16) + "}", 16),
                            {"tensor 'w'", "unknown dtype \"F128\""}));
    EXPECT_TRUE(refusedWith(craft("{" + entry("w", "f32", "[1]", 0, 4) + "}", 4),
                            {"tensor 'w'", "unknown dtype \"f32\""}));
    EXPECT_TRUE(refusedWith(craft("{\"w\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                            {"tensor 'w'", "dtype must be a string"}));
}

TEST(SafetensorsReader, RefusesShapeThatIsNotNonNegativeIntegers) {
    // Byte counts are chosen so that the file would be accepted if the element were read leniently.
    EXPECT_TRUE(refusedWith(craft("{" + entry("w", "U8", "4", 0, 4) + "}", 4),
                            {"tensor 'w'", "shape must be an array"}));
    EXPECT_TRUE(refusedWith(craft("{" + entry("w", "U8", "[2, -2]", 0, 0) + "}"),
                            {"tensor 'w'", "non-negative integers", "element 1", "-2"}));
    EXPECT_TRUE(refusedWith(craft("{" + entry("w", "U8", "[2.0]", 0, 2) + "}", 2),
                            {"tensor 'w'", "non-negative integers", "element 0"}));
    EXPECT_TRUE(refusedWith(craft("{" + entry("w", "U8", "[-0]", 0, 0) + "}"),
                            {"tensor 'w'", "non-negative integers"}));
    EXPECT_TRUE(refusedWith(craft("{" + entry("w", "U8", "[\"2\"]", 0, 2) + "}", 2),
                            {"tensor 'w'", "non-negative integers"}));
    EXPECT_TRUE(refusedWith(craft("{" + entry("w", "U8", "[9223372036854775808, 0]", 0, 0) + "}"),
                            {"tensor 'w'", "does not fit int64"}));
    EXPECT_TRUE(
        refusedWith(craft("{" + entry("w", "U8", "[[2]]", 0, 2) + "}", 2), {"tensor 'w'", "non-negative"}));
}

TEST(SafetensorsReader, RefusesMalformedDataOffsets) {
    const auto with = [](const std::string& offsets) {
        return craft("{\"w\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":" + offsets + "}}", 4);
    };
    for (const std::string offsets :
         {"[0]", "[0, 4, 4]", "[-1, 3]", "[0, 4.0]", "\"0,4\"", "[0, 18446744073709551616]"})
        EXPECT_TRUE(refusedWith(with(offsets), {"tensor 'w'", "data_offsets must be [begin, end]"}))
            << offsets;
    EXPECT_TRUE(
        refusedWith(craft("{" + entry("w", "U8", "[0]", 4, 0) + "}", 4), {"tensor 'w'", "begin > end"}));
}

TEST(SafetensorsReader, RefusesShapeWhoseSizeOverflows) {
    // Unchecked, both products wrap to exactly 0 and would match data_offsets [0, 0).
    EXPECT_TRUE(refusedWith(craft("{" + entry("w", "U8", "[4294967296, 4294967296]", 0, 0) + "}"),
                            {"tensor 'w'", "overflows int64"}));
    EXPECT_TRUE(refusedWith(craft("{" + entry("w", "F64", "[2305843009213693952]", 0, 0) + "}"),
                            {"tensor 'w'", "dtype F64", "overflows a 64-bit byte count"}));
    // Refused even with a zero dimension, so that strides computed from the shape cannot overflow.
    EXPECT_TRUE(refusedWith(craft("{" + entry("w", "U8", "[4294967296, 0, 4294967296]", 0, 0) + "}"),
                            {"tensor 'w'", "overflows int64"}));
}

TEST(SafetensorsReader, RefusesOffsetsThatDisagreeWithDtypeAndShape) {
    const std::string bytes = craft("{" + entry("h.0.attn.c_attn.weight", "F32", "[2, 3]", 0, 20) + "}", 20);
    EXPECT_TRUE(refusedWith(bytes, {"tensor 'h.0.attn.c_attn.weight'", "do not match"}));
    try {
        parseBytes(bytes);
    } catch (const InputError& e) {
        EXPECT_STREQ(
            e.what(),
            "bad.safetensors: tensor 'h.0.attn.c_attn.weight': data offsets [0, 20) do not match dtype "
            "F32 x shape [2, 3] (24 bytes)");
    }
}

TEST(SafetensorsReader, RefusesOffsetsPastTheDataSection) {
    EXPECT_TRUE(refusedWith(craft("{" + entry("w", "F32", "[2]", 0, 8) + "}", 4),
                            {"tensor 'w'", "[0, 8)", "past the end of the data section (4 bytes)"}));
    // Far past the end: must fail cleanly, not compute a wrapped size.
    EXPECT_TRUE(
        refusedWith(craft("{" + entry("w", "U8", "[1]", 18446744073709551614u, 18446744073709551615u) + "}"),
                    {"tensor 'w'", "past the end of the data section"}));
}

TEST(SafetensorsReader, RefusesGapBeforeTheFirstTensor) {
    EXPECT_TRUE(refusedWith(craft("{" + entry("w", "F32", "[1]", 4, 8) + "}", 8),
                            {"tensor 'w'", "gap at the start", "must start at 0"}));
}

TEST(SafetensorsReader, RefusesGapBetweenTensors) {
    const std::string header =
        "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}";
    EXPECT_TRUE(refusedWith(craft(header, 12), {"tensor 'b'", "gap of 4 bytes after tensor 'a'"}));
}

TEST(SafetensorsReader, RefusesOverlappingTensors) {
    const std::string overlap =
        "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}";
    EXPECT_TRUE(refusedWith(craft(overlap, 12), {"tensor 'b'", "overlap tensor 'a'"}));
    // Two names for the same bytes.
    const std::string alias =
        "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 0, 4) + "}";
    EXPECT_TRUE(refusedWith(craft(alias, 4), {"tensor 'b'", "overlap tensor 'a'"}));
    // An empty tensor inside another tensor's bytes.
    const std::string inside =
        "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("e", "F32", "[0]", 4, 4) + "}";
    EXPECT_TRUE(refusedWith(craft(inside, 8), {"tensor 'e'", "overlap tensor 'a'"}));
}

TEST(SafetensorsReader, RefusesTrailingBytes) {
    EXPECT_TRUE(refusedWith(craft("{" + entry("w", "F32", "[1]", 0, 4) + "}", 5),
                            {"tensor 'w'", "1 trailing bytes", "data section has 5 bytes"}));
    EXPECT_TRUE(refusedWith(craft("{}", 8), {"8 trailing bytes", "no tensors"}));
    EXPECT_TRUE(refusedWith(craft("{\"__metadata__\":{}}", 1), {"1 trailing bytes", "no tensors"}));
}

TEST(SafetensorsReader, RefusesDuplicateTensorNames) {
    // Identical entries: without the duplicate check nlohmann keeps one of them and the file looks valid.
    const std::string header =
        "{" + entry("w", "F32", "[1]", 0, 4) + "," + entry("w", "F32", "[1]", 0, 4) + "}";
    EXPECT_TRUE(refusedWith(craft(header, 4), {"tensor 'w'", "duplicate tensor name"}));
}

TEST(SafetensorsReader, RefusesDuplicateKeysInsideEntriesAndMetadata) {
    const std::string key =
        "{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
    EXPECT_TRUE(refusedWith(craft(key, 4), {"tensor 'w'", "duplicate key 'dtype'"}));
    EXPECT_TRUE(refusedWith(craft("{\"__metadata__\":{\"k\":\"a\",\"k\":\"a\"}}"),
                            {"duplicate key 'k'", "\"__metadata__\""}));
    EXPECT_TRUE(
        refusedWith(craft("{\"__metadata__\":{},\"__metadata__\":{}}"), {"duplicate \"__metadata__\""}));
}

TEST(SafetensorsReader, RefusesDeepNestingWithoutRecursing) {
    const std::string deep = "{\"__metadata__\":" + std::string(200000, '[') + std::string(200000, ']') + "}";
    EXPECT_TRUE(refusedWith(craft(deep), {"nests JSON deeper than"}));
}

TEST(SafetensorsReader, MessagesStayOnOneLine) {
    // A name with a newline and a quote (JSON escapes) is printed escaped.
    EXPECT_TRUE(refusedWith(craft("{\"a\\nb'\":[1]}"), {"tensor 'a\\x0ab''", "must be an object"}));
    const std::string longName(5000, 'n');
    const std::string message = [&] {
        try {
            parseBytes(craft("{\"" + longName + "\":1}"));
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    }();
    EXPECT_LT(message.size(), 400u) << message;
    EXPECT_NE(message.find("..."), std::string::npos);
}

// ---- reader: files on disk ---------------------------------------------------------------------------

TEST_F(SafetensorsTest, RefusesTruncatedFile) {
    const fs::path path = dir_ / "model.safetensors";
    const auto a = iota<float>(3, 1.0f);
    const auto b = iota<uint16_t>(2, 7);
    writeSafetensors(path.string(),
                     {{"a", DType::F32, {3}, a.data(), 12}, {"b", DType::I16, {2}, b.data(), 4}});
    ASSERT_NO_THROW(SafetensorsFile::open(path.string()));
    std::string bytes = readFile(path);
    bytes.pop_back();
    writeFile(path, bytes);
    try {
        SafetensorsFile::open(path.string());
        ADD_FAILURE() << "accepted a truncated file";
    } catch (const InputError& e) {
        const std::string message = e.what();
        EXPECT_EQ(message.rfind(path.string() + ": tensor 'b': ", 0), 0u) << message;
        EXPECT_NE(message.find("past the end of the data section"), std::string::npos) << message;
    }
}

TEST_F(SafetensorsTest, RefusesFileWithAnExtraByte) {
    const fs::path path = dir_ / "model.safetensors";
    const float a = 1.0f;
    writeSafetensors(path.string(), {{"a", DType::F32, {1}, &a, 4}});
    writeFile(path, readFile(path) + "x");
    try {
        SafetensorsFile::open(path.string());
        ADD_FAILURE() << "accepted a trailing byte";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("tensor 'a': the last tensor ends at 4"), std::string::npos)
            << e.what();
    }
}

TEST_F(SafetensorsTest, OpenReportsMissingEmptyAndDirectory) {
    const auto messageOf = [](const fs::path& path) {
        try {
            SafetensorsFile::open(path.string());
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    EXPECT_NE(messageOf(dir_ / "missing.safetensors").find("cannot open"), std::string::npos);
    EXPECT_NE(messageOf(dir_).find("not a regular file"), std::string::npos);
    writeFile(dir_ / "empty.safetensors", "");
    EXPECT_NE(messageOf(dir_ / "empty.safetensors").find("0 bytes, too small"), std::string::npos);
}

}  // namespace
}  // namespace kronscope::core

// writeArrayFile (io/array_file.h): the .npy header NumPy's format 1.0 defines (magic, version, a dict
// literal padded so the data starts at a multiple of 64 bytes), the data bytes, CSV lines, one F32 tensor in
// .safetensors, and refusals that leave no file. np.load of these files is checked in cli_export.sh.
TEST(ArrayFile, NpyCsvAndSafetensorsAsDefined) {
    namespace fs = std::filesystem;
    char tmpl[] = "/tmp/kronscope-array-XXXXXX";
    const fs::path dir = mkdtemp(tmpl);
    const std::vector<float> v{1.0f, -2.5f, 0.1f, 3.0e-8f, 7.0f, 123456.789f};
    auto read = [](const fs::path& p) {
        std::ifstream f(p, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(f), {});
    };
    kronscope::core::writeArrayFile((dir / "a.npy").string(), "a", {2, 3}, v);
    const std::string npy = read(dir / "a.npy");
    ASSERT_GE(npy.size(), 10u);
    EXPECT_EQ(npy.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
    const size_t header_len = static_cast<unsigned char>(npy[8]) | (static_cast<unsigned char>(npy[9]) << 8);
    EXPECT_EQ((10 + header_len) % 64, 0u);
    const std::string header = npy.substr(10, header_len);
    EXPECT_EQ(header.rfind("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 0), 0u) << header;
    EXPECT_EQ(header.back(), '\n');
    ASSERT_EQ(npy.size(), 10 + header_len + v.size() * 4);
    EXPECT_EQ(std::memcmp(npy.data() + 10 + header_len, v.data(), v.size() * 4), 0);

    kronscope::core::writeArrayFile((dir / "b.npy").string(), "b", {6}, v);
    EXPECT_NE(read(dir / "b.npy").find("'shape': (6,)"), std::string::npos);

    kronscope::core::writeArrayFile((dir / "a.csv").string(), "a", {2, 3}, v);
    EXPECT_EQ(read(dir / "a.csv"), "1,-2.5,0.100000001\n2.99999989e-08,7,123456.789\n");

    kronscope::core::writeArrayFile((dir / "a.safetensors").string(), "h.0.fit", {3, 2}, v);
    auto st = kronscope::core::SafetensorsFile::open((dir / "a.safetensors").string());
    ASSERT_EQ(st.tensors().size(), 1u);
    EXPECT_EQ(st.tensors()[0].name, "h.0.fit");
    EXPECT_EQ(st.tensors()[0].shape, (std::vector<int64_t>{3, 2}));

    for (const auto& [name, shape] : std::vector<std::pair<std::string, std::vector<int64_t>>>{
             {"c.txt", {2, 3}}, {"c.npy", {4, 3}}, {"d.npy", {}}, {"e.csv", {-6}}}) {
        EXPECT_THROW(kronscope::core::writeArrayFile((dir / name).string(), "x", shape, v),
                     kronscope::core::InputError)
            << name;
        EXPECT_FALSE(fs::exists(dir / name)) << name;
    }
    fs::remove_all(dir);
}
