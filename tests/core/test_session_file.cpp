// HDF5 session files: round trips, atomic writes, and one refusal per rule of the reader (damaged files,
// HDF5 files that are not sessions, newer formats, bad state or arrays), each checked for its message.
// Odd files are written by hand with the HDF5 C API. After every test no HDF5 object may be left open.
#include "kronscope/core/io/session_file.h"

#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "leftover_temporary.h"
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "kronscope/core/base/error.h"

namespace kronscope::core {
namespace {

namespace fs = std::filesystem;

std::string readBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeBytes(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// The message of the InputError that `f` throws ("" if it throws none; other exceptions fail the test).
std::string inputErrorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

/// An array with values 0.5 * i - 3 in the given shape.
SessionArray ramp(std::vector<int64_t> shape) {
    SessionArray a;
    a.shape = std::move(shape);
    int64_t n = 1;
    for (const int64_t d : a.shape) n *= d;
    for (int64_t i = 0; i < n; ++i) a.values.push_back(0.5f * static_cast<float>(i) - 3.0f);
    return a;
}

bool sameBits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() &&
           (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}

/// A document with unicode JSON, nested names, an empty array, a scalar, special values, and one array
/// big enough to be chunked and compressed.
SessionDocument sampleDocument() {
    SessionDocument doc;
    doc.json =
        R"({"model":{"path":"../models/gpt2","sha256":"ab12"},"title":"Kronecker – Ψ ≈ A⊗B 🧠",)"
        R"("notes":"ünïcødé, 日本語, \"quotes\""})";
    doc.app_version = "0.1.0-test";
    doc.arrays["decomposition/fit"] = ramp({3, 4});
    doc.arrays["decomposition/factors/A"] = ramp({2, 2, 2});
    doc.arrays["decomposition/factors/S"] = ramp({5});
    doc.arrays["empty"] = SessionArray{{0}, {}};
    doc.arrays["nested/empty2d"] = SessionArray{{3, 0}, {}};
    doc.arrays["scalar"] = SessionArray{{}, {42.0f}};
    doc.arrays["special"] =
        SessionArray{{6},
                     {-0.0f, std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity(),
                      std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::denorm_min(),
                      std::numeric_limits<float>::max()}};
    // 300 x 200 = 60000 elements: chunked and gzip-compressed.
    SessionArray big = ramp({300, 200});
    for (size_t i = 0; i < big.values.size(); ++i) big.values[i] = static_cast<float>(i % 97) * 0.25f;
    doc.arrays["sweep/ppl_grid"] = std::move(big);
    return doc;
}

/// Every HDF5 object still open in the process (files, groups, datasets, attributes, types, spaces).
ssize_t openHdf5Objects() {
    return H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL);
}

class SessionFileTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::temp_directory_path() /
               ("kronscope_session_" + std::to_string(::getpid()) + "_" + info->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // the hand-written files below fail on purpose
    }
    void TearDown() override {
        EXPECT_EQ(openHdf5Objects(), 0) << "an HDF5 handle leaked";
        std::error_code ec;
        fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
        for (const auto& entry : fs::recursive_directory_iterator(dir_, ec))
            fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(dir_, ec);
    }

    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    /// A bare HDF5 file at `name` with the root attributes a session has (those not given are left out);
    /// `fill` adds more. Returns the path.
    std::string handWritten(const std::string& name, const char* format, const long long* version,
                            const std::function<void(hid_t)>& fill = {}) const {
        std::string p = path(name);
        const hid_t file = H5Fcreate(p.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        EXPECT_GE(file, 0);
        const hid_t scalar = H5Screate(H5S_SCALAR);
        if (format != nullptr) {
            const hid_t type = H5Tcopy(H5T_C_S1);
            H5Tset_size(type, std::strlen(format));  // fixed-length, as some writers do
            const hid_t attr = H5Acreate2(file, "format", type, scalar, H5P_DEFAULT, H5P_DEFAULT);
            EXPECT_GE(H5Awrite(attr, type, format), 0);
            H5Aclose(attr);
            H5Tclose(type);
        }
        if (version != nullptr) {
            const hid_t attr =
                H5Acreate2(file, "format_version", H5T_STD_I64LE, scalar, H5P_DEFAULT, H5P_DEFAULT);
            EXPECT_GE(H5Awrite(attr, H5T_NATIVE_LLONG, version), 0);
            H5Aclose(attr);
        }
        if (fill) fill(file);
        H5Sclose(scalar);
        EXPECT_GE(H5Fclose(file), 0);
        return p;
    }

    fs::path dir_;
};

/// Writes a fixed-length string dataset `name` holding `bytes` under `loc`.
void writeFixedString(hid_t loc, const char* name, const std::string& bytes) {
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, bytes.size());
    H5Tset_strpad(type, H5T_STR_NULLPAD);
    const hid_t scalar = H5Screate(H5S_SCALAR);
    const hid_t ds = H5Dcreate2(loc, name, type, scalar, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    EXPECT_GE(H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data()), 0);
    H5Dclose(ds);
    H5Sclose(scalar);
    H5Tclose(type);
}

const long long kVersion1 = 1;

// ---------------------------------------------------------------------------------------------------
// Round trips

TEST_F(SessionFileTest, RoundTripKeepsStateArraysAndVersion) {
    const SessionDocument doc = sampleDocument();
    const std::string p = path("analysis.kronscope");
    writeSession(p, doc);
    EXPECT_FALSE(leftoverTemporary(p));

    const SessionDocument back = readSession(p);
    EXPECT_EQ(back.json, doc.json);
    EXPECT_EQ(back.app_version, doc.app_version);
    EXPECT_EQ(back.format_version, kSessionFormatVersion);
    ASSERT_EQ(back.arrays.size(), doc.arrays.size());
    for (const auto& [name, array] : doc.arrays) {
        SCOPED_TRACE(name);
        ASSERT_EQ(back.arrays.count(name), 1u);
        EXPECT_EQ(back.arrays.at(name).shape, array.shape);
        EXPECT_TRUE(sameBits(back.arrays.at(name).values, array.values));
    }
}

TEST_F(SessionFileTest, EmptyDocumentRoundTrips) {
    const std::string p = path("empty.kronscope");
    writeSession(p, SessionDocument{});
    const SessionDocument back = readSession(p);
    EXPECT_EQ(back.json, "");
    EXPECT_EQ(back.app_version, "");
    EXPECT_TRUE(back.arrays.empty());
}

TEST_F(SessionFileTest, FileHasTheDocumentedLayout) {
    const std::string p = path("layout.kronscope");
    writeSession(p, sampleDocument());

    const hid_t file = H5Fopen(p.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    // Root attributes: format (string), format_version (integer), app_version (string).
    const hid_t format = H5Aopen(file, "format", H5P_DEFAULT);
    const hid_t format_type = H5Aget_type(format);
    EXPECT_EQ(H5Tget_class(format_type), H5T_STRING);
    char* text = nullptr;
    const hid_t vlen = H5Tcopy(H5T_C_S1);
    H5Tset_size(vlen, H5T_VARIABLE);
    H5Tset_cset(vlen, H5T_CSET_UTF8);
    ASSERT_GE(H5Aread(format, vlen, &text), 0);
    EXPECT_STREQ(text, "kronscope-session");
    H5free_memory(text);
    H5Tclose(format_type);
    H5Aclose(format);

    const hid_t version = H5Aopen(file, "format_version", H5P_DEFAULT);
    const hid_t version_type = H5Aget_type(version);
    EXPECT_EQ(H5Tget_class(version_type), H5T_INTEGER);
    int value = 0;
    ASSERT_GE(H5Aread(version, H5T_NATIVE_INT, &value), 0);
    EXPECT_EQ(value, kSessionFormatVersion);
    H5Tclose(version_type);
    H5Aclose(version);
    EXPECT_GT(H5Aexists(file, "app_version"), 0);

    // /state: a UTF-8 string dataset.
    const hid_t state = H5Dopen2(file, "state", H5P_DEFAULT);
    ASSERT_GE(state, 0);
    const hid_t state_type = H5Dget_type(state);
    EXPECT_EQ(H5Tget_class(state_type), H5T_STRING);
    EXPECT_EQ(H5Tget_cset(state_type), H5T_CSET_UTF8);
    H5Tclose(state_type);
    H5Dclose(state);

    // Nested names are nested groups; big arrays are chunked and gzip-compressed, small ones are not.
    const hid_t fit = H5Dopen2(file, "arrays/decomposition/fit", H5P_DEFAULT);
    ASSERT_GE(fit, 0);
    const hid_t fit_type = H5Dget_type(fit);
    EXPECT_GT(H5Tequal(fit_type, H5T_IEEE_F32LE), 0);
    const hid_t fit_space = H5Dget_space(fit);
    hsize_t dims[2] = {0, 0};
    EXPECT_EQ(H5Sget_simple_extent_dims(fit_space, dims, nullptr), 2);
    EXPECT_EQ(dims[0], 3u);
    EXPECT_EQ(dims[1], 4u);
    const hid_t fit_dcpl = H5Dget_create_plist(fit);
    EXPECT_EQ(H5Pget_layout(fit_dcpl), H5D_CONTIGUOUS);
    EXPECT_EQ(H5Pget_nfilters(fit_dcpl), 0);
    H5Pclose(fit_dcpl);
    H5Sclose(fit_space);
    H5Tclose(fit_type);
    H5Dclose(fit);

    const hid_t big = H5Dopen2(file, "arrays/sweep/ppl_grid", H5P_DEFAULT);
    ASSERT_GE(big, 0);
    const hid_t big_dcpl = H5Dget_create_plist(big);
    EXPECT_EQ(H5Pget_layout(big_dcpl), H5D_CHUNKED);
    ASSERT_EQ(H5Pget_nfilters(big_dcpl), 1);
    unsigned flags = 0;
    size_t n_values = 1;
    unsigned level = 0;
    EXPECT_EQ(H5Pget_filter2(big_dcpl, 0, &flags, &n_values, &level, 0, nullptr, nullptr),
              H5Z_FILTER_DEFLATE);
    EXPECT_EQ(level, 4u);
    EXPECT_LT(H5Dget_storage_size(big), 60000u * sizeof(float) / 4)
        << "the repetitive array should compress well";
    H5Pclose(big_dcpl);
    H5Dclose(big);

    H5Tclose(vlen);
    EXPECT_GE(H5Fclose(file), 0);
}

TEST_F(SessionFileTest, OverwritesAnExistingSession) {
    const std::string p = path("s.kronscope");
    writeSession(p, sampleDocument());
    SessionDocument second;
    second.json = R"({"second":true})";
    second.arrays["only"] = ramp({2});
    writeSession(p, second);
    const SessionDocument back = readSession(p);
    EXPECT_EQ(back.json, second.json);
    ASSERT_EQ(back.arrays.size(), 1u);
    EXPECT_TRUE(sameBits(back.arrays.at("only").values, second.arrays.at("only").values));
}

TEST_F(SessionFileTest, ReadsFixedLengthStrings) {
    // Other writers (h5py with bytes, MATLAB) store fixed-length strings; they read the same.
    const std::string p = handWritten("fixed.kronscope", "kronscope-session", &kVersion1,
                                      [](hid_t file) { writeFixedString(file, "state", R"({"a":"é"})"); });
    const SessionDocument back = readSession(p);
    EXPECT_EQ(back.json, R"({"a":"é"})");
    EXPECT_EQ(back.app_version, "");
    EXPECT_TRUE(back.arrays.empty());
}

// ---------------------------------------------------------------------------------------------------
// Atomic writes

TEST_F(SessionFileTest, WriteIntoMissingFolderThrowsAndLeavesNothing) {
    const std::string p = path("no/such/folder/s.kronscope");
    const std::string message = inputErrorOf([&] { writeSession(p, sampleDocument()); });
    EXPECT_NE(message.find("s.kronscope"), std::string::npos) << message;
    EXPECT_NE(message.find("No such file or directory"), std::string::npos) << message;
    EXPECT_FALSE(fs::exists(path("no")));
}

TEST_F(SessionFileTest, FailedWriteLeavesThePreviousFileUnchanged) {
    const std::string p = path("keep.kronscope");
    writeSession(p, sampleDocument());

    // A link planted at the old, predictable temporary name is never followed (hardening D12): the
    // temporary file has a random name and is created exclusively.
    const std::string victim = path("victim");
    { std::ofstream(victim) << "precious"; }
    fs::create_symlink(victim, p + ".tmp");
    SessionDocument other;
    other.json = "{}";
    writeSession(p, other);
    EXPECT_EQ(readBytes(victim), "precious");
    EXPECT_FALSE(fs::is_symlink(p));
    EXPECT_EQ(readSession(p).json, "{}");
    fs::remove(p + ".tmp");
    writeSession(p, sampleDocument());  // HDF5 stamps object times: the bytes differ, the contents not
    ASSERT_EQ(readSession(p).json, sampleDocument().json);
    const std::string rewritten = readBytes(p);
    for (const auto& e : fs::directory_iterator(dir_))  // no temporary file left behind
        EXPECT_EQ(e.path().filename().string().rfind(".keep.kronscope.", 0), std::string::npos) << e.path();

    // An invalid document is refused before anything is written.
    other.arrays["bad"] = SessionArray{{2, 3}, {1.0f}};
    const std::string message = inputErrorOf([&] { writeSession(p, other); });
    EXPECT_NE(message.find("array 'bad' has shape [2, 3] (6 elements) but 1 values"), std::string::npos)
        << message;
    EXPECT_EQ(readBytes(p), rewritten);
    EXPECT_FALSE(leftoverTemporary(p));
    EXPECT_EQ(readSession(p).json, sampleDocument().json);
}

TEST_F(SessionFileTest, FailedRenameRemovesTheTemporaryFile) {
    // The final name is a non-empty folder: the temporary file is written, the rename fails.
    const std::string p = path("taken.kronscope");
    fs::create_directories(fs::path(p) / "inside");
    const std::string message = inputErrorOf([&] { writeSession(p, sampleDocument()); });
    EXPECT_NE(message.find("cannot rename"), std::string::npos) << message;
    EXPECT_FALSE(leftoverTemporary(p));
    EXPECT_TRUE(fs::is_directory(fs::path(p) / "inside"));
}

TEST_F(SessionFileTest, WriteIntoReadOnlyFolderLeavesThePreviousFileUnchanged) {
    const fs::path folder = dir_ / "readonly";
    fs::create_directory(folder);
    const std::string p = (folder / "s.kronscope").string();
    writeSession(p, sampleDocument());
    const std::string before = readBytes(p);
    fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec, fs::perm_options::replace);
    if (::access(folder.c_str(), W_OK) == 0)
        GTEST_SKIP() << "running as root: read-only folders are writable";
    SessionDocument other;
    other.json = "{}";
    const std::string message = inputErrorOf([&] { writeSession(p, other); });
    EXPECT_NE(message.find("Permission denied"), std::string::npos) << message;
    EXPECT_EQ(readBytes(p), before);
    EXPECT_FALSE(leftoverTemporary(p));
}

TEST_F(SessionFileTest, InvalidDocumentsAreRefused) {
    const std::string p = path("invalid.kronscope");
    const auto refusal = [&](const SessionDocument& doc) {
        return inputErrorOf([&] { writeSession(p, doc); });
    };
    SessionDocument doc;
    doc.json = std::string("{\"a\":\"\xff\"}");
    EXPECT_NE(refusal(doc).find("state JSON is not valid UTF-8 (byte 6)"), std::string::npos);
    doc.json = std::string("{}\0", 3);
    EXPECT_NE(refusal(doc).find("NUL"), std::string::npos);
    doc.json = "{}";
    for (const char* name : {"", "/a", "a/", "a//b", "a/./b", "../b"}) {
        SessionDocument named = doc;
        named.arrays[name] = ramp({1});
        EXPECT_NE(refusal(named).find("name"), std::string::npos) << name;
    }
    SessionDocument both = doc;
    both.arrays["fit"] = ramp({1});
    both.arrays["fit/error"] = ramp({1});
    EXPECT_NE(refusal(both).find("array 'fit' is also a folder of array 'fit/error'"), std::string::npos);
    SessionDocument negative = doc;
    negative.arrays["n"] = SessionArray{{-1}, {}};
    EXPECT_NE(refusal(negative).find("negative dimension"), std::string::npos);
    SessionDocument huge = doc;
    huge.arrays["h"] = SessionArray{{1 << 16, 1 << 16}, {}};
    EXPECT_NE(refusal(huge).find("more than 2^31 elements"), std::string::npos);
    SessionDocument scalar = doc;
    scalar.arrays["s"] = SessionArray{};  // an empty shape is a scalar: one value
    EXPECT_NE(refusal(scalar).find("(1 elements) but 0 values"), std::string::npos);
    EXPECT_FALSE(fs::exists(p));
    EXPECT_FALSE(leftoverTemporary(p));
}

// ---------------------------------------------------------------------------------------------------
// Damaged files and files that are not sessions

TEST_F(SessionFileTest, TruncatedFileIsRefused) {
    const std::string p = path("cut.kronscope");
    SessionDocument doc = sampleDocument();
    std::mt19937 rng(7);
    SessionArray noise = ramp({256, 256});
    for (float& v : noise.values) v = std::uniform_real_distribution<float>(-1, 1)(rng);
    doc.arrays["noise"] = std::move(noise);  // incompressible, so half the file is half the data
    writeSession(p, doc);
    const std::string bytes = readBytes(p);
    ASSERT_GT(bytes.size(), 200000u);
    for (const size_t keep : {bytes.size() / 2, bytes.size() - 1, size_t{100}, size_t{8}, size_t{0}}) {
        SCOPED_TRACE(keep);
        writeBytes(p, bytes.substr(0, keep));
        const std::string message = inputErrorOf([&] { readSession(p); });
        EXPECT_EQ(message, p + " is not a Kronscope session (not an HDF5 file, or truncated)");
    }
}

TEST_F(SessionFileTest, RandomBytesAreRefused) {
    const std::string p = path("random.kronscope");
    std::mt19937 rng(11);
    std::string bytes(4096, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    writeBytes(p, bytes);
    EXPECT_EQ(inputErrorOf([&] { readSession(p); }),
              p + " is not a Kronscope session (not an HDF5 file, or truncated)");
    writeBytes(p, R"({"json":"not hdf5"})");
    EXPECT_EQ(inputErrorOf([&] { readSession(p); }),
              p + " is not a Kronscope session (not an HDF5 file, or truncated)");
}

TEST_F(SessionFileTest, CorruptFilesAreRefusedWithAMessage) {
    const std::string p = path("corrupt.kronscope");
    SessionDocument doc;
    doc.json = "{}";
    SessionArray big = ramp({512, 512});
    for (size_t i = 0; i < big.values.size(); ++i) big.values[i] = static_cast<float>(i % 1000);
    doc.arrays["big"] = std::move(big);
    writeSession(p, doc);
    const std::string good = readBytes(p);

    // Where the first compressed chunk of /arrays/big lies in the file.
    haddr_t address = 0;
    hsize_t size = 0;
    {
        const hid_t file = H5Fopen(p.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
        const hid_t ds = H5Dopen2(file, "arrays/big", H5P_DEFAULT);
        hsize_t offset[2] = {0, 0};
        unsigned mask = 0;
        const hid_t space = H5Dget_space(ds);
        EXPECT_GE(H5Dget_chunk_info(ds, space, 0, offset, &mask, &address, &size), 0);
        H5Sclose(space);
        H5Dclose(ds);
        H5Fclose(file);
    }
    ASSERT_GT(size, 16u);
    ASSERT_LE(address + size, good.size());

    // Damaged compressed data: the file opens, the array does not decompress.
    std::string bytes = good;
    for (hsize_t i = address + 2; i < address + size; i += 3) bytes[i] = static_cast<char>(~bytes[i]);
    writeBytes(p, bytes);
    std::string message = inputErrorOf([&] { readSession(p); });
    EXPECT_EQ(message.rfind(p + ": array 'big' cannot be read (corrupt or truncated file)", 0), 0u)
        << message;

    // Damage anywhere else (here the middle third, metadata included) is still one InputError naming the
    // file.
    bytes = good;
    for (size_t i = bytes.size() / 3; i < bytes.size() * 2 / 3; i += 7)
        bytes[i] = static_cast<char>(~bytes[i]);
    writeBytes(p, bytes);
    message = inputErrorOf([&] { readSession(p); });
    EXPECT_EQ(message.rfind(p, 0), 0u) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST_F(SessionFileTest, MissingFileIsRefused) {
    const std::string p = path("absent.kronscope");
    EXPECT_EQ(inputErrorOf([&] { readSession(p); }), p + ": no such session file");
    EXPECT_EQ(inputErrorOf([&] { readSession(dir_.string()); }),
              dir_.string() + ": is a folder, not a session file");
}

TEST_F(SessionFileTest, HdfFileWithoutFormatAttributeIsRefused) {
    const std::string p = handWritten("plain.h5", nullptr, &kVersion1,
                                      [](hid_t file) { writeFixedString(file, "state", "{}"); });
    EXPECT_EQ(inputErrorOf([&] { readSession(p); }),
              p + " is an HDF5 file but not a Kronscope session (no \"format\" attribute)");
}

TEST_F(SessionFileTest, HdfFileWithAnotherFormatIsRefused) {
    const std::string p = handWritten("other.h5", "some-other-tool", &kVersion1);
    EXPECT_EQ(inputErrorOf([&] { readSession(p); }),
              p + " is an HDF5 file but not a Kronscope session (format is 'some-other-tool')");
}

TEST_F(SessionFileTest, NewerFormatVersionIsRefused) {
    const long long seven = 7;
    const std::string p = handWritten("future.kronscope", "kronscope-session", &seven,
                                      [](hid_t file) { writeFixedString(file, "state", "{}"); });
    EXPECT_EQ(inputErrorOf([&] { readSession(p); }),
              p + " was written by a newer Kronscope (format 7; this version reads up to 1)");
}

TEST_F(SessionFileTest, MissingOrUnknownFormatVersionIsRefused) {
    const std::string none = handWritten("none.kronscope", "kronscope-session", nullptr);
    EXPECT_EQ(inputErrorOf([&] { readSession(none); }), none + ": no \"format_version\" attribute");
    const long long zero = 0;
    const std::string old = handWritten("zero.kronscope", "kronscope-session", &zero);
    EXPECT_EQ(inputErrorOf([&] { readSession(old); }), old + ": unknown session format version 0");
}

TEST_F(SessionFileTest, MissingStateIsRefused) {
    const std::string p = handWritten("nostate.kronscope", "kronscope-session", &kVersion1);
    EXPECT_EQ(inputErrorOf([&] { readSession(p); }), p + ": there is no /state dataset");
}

TEST_F(SessionFileTest, StateThatIsNotUtf8IsRefused) {
    const std::string p = handWritten("latin1.kronscope", "kronscope-session", &kVersion1, [](hid_t file) {
        writeFixedString(file, "state", "{\"caf\xe9\":1}");  // Latin-1, not UTF-8
    });
    EXPECT_EQ(inputErrorOf([&] { readSession(p); }), p + ": /state is not valid UTF-8 (byte 5)");
}

TEST_F(SessionFileTest, ArrayOfTheWrongTypeIsRefused) {
    const std::string p = handWritten("int.kronscope", "kronscope-session", &kVersion1, [](hid_t file) {
        writeFixedString(file, "state", "{}");
        const hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
        H5Pset_create_intermediate_group(lcpl, 1);
        const hsize_t dims[1] = {4};
        const hid_t space = H5Screate_simple(1, dims, nullptr);
        const hid_t ds =
            H5Dcreate2(file, "arrays/fit/A", H5T_STD_I32LE, space, lcpl, H5P_DEFAULT, H5P_DEFAULT);
        const int values[4] = {1, 2, 3, 4};
        EXPECT_GE(H5Dwrite(ds, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), 0);
        H5Dclose(ds);
        H5Sclose(space);
        H5Pclose(lcpl);
    });
    EXPECT_EQ(inputErrorOf([&] { readSession(p); }), p + ": array 'fit/A' is stored as int32, not float32");
}

TEST_F(SessionFileTest, AbsurdlyLargeArrayIsRefusedBeforeReading) {
    // 65536 x 65536 float32 (16 GiB) declared but never written: a small file that must not be allocated.
    const std::string p = handWritten("huge.kronscope", "kronscope-session", &kVersion1, [](hid_t file) {
        writeFixedString(file, "state", "{}");
        const hid_t group = H5Gcreate2(file, "arrays", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        const hsize_t dims[2] = {65536, 65536};
        const hid_t space = H5Screate_simple(2, dims, nullptr);
        const hid_t ds =
            H5Dcreate2(group, "huge", H5T_IEEE_F32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        EXPECT_GE(ds, 0);
        H5Dclose(ds);
        H5Sclose(space);
        H5Gclose(group);
    });
    EXPECT_LT(fs::file_size(p), 1u << 20);
    EXPECT_EQ(inputErrorOf([&] { readSession(p); }),
              p + ": array 'huge' has shape [65536, 65536], more than 2^31 elements");
}

TEST_F(SessionFileTest, DeclaredButUnstoredArrayIsRefusedBeforeAllocating) {
    // Hardening D7: a chunked float32 [32768, 65536] dataset (8 GiB) that was never written takes a few KB;
    // it is refused from its storage size, fast, without allocating.
    const std::string p = handWritten("unstored.kronscope", "kronscope-session", &kVersion1, [](hid_t file) {
        writeFixedString(file, "state", "{}");
        const hid_t group = H5Gcreate2(file, "arrays", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        const hsize_t dims[2] = {32768, 65536}, chunk[2] = {256, 256};
        const hid_t space = H5Screate_simple(2, dims, nullptr);
        const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
        H5Pset_chunk(dcpl, 2, chunk);
        H5Pset_deflate(dcpl, 4);
        const hid_t ds = H5Dcreate2(group, "big", H5T_IEEE_F32LE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
        EXPECT_GE(ds, 0);
        H5Dclose(ds);
        H5Pclose(dcpl);
        H5Sclose(space);
        H5Gclose(group);
    });
    EXPECT_LT(fs::file_size(p), 64u << 10);
    const auto start = std::chrono::steady_clock::now();
    const std::string message = inputErrorOf([&] { readSession(p); });
    EXPECT_EQ(
        message.rfind(p + ": array 'big' declares 2147483648 float32 values but the file stores 0 bytes", 0),
        0u)
        << message;
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 10.0);
}

TEST_F(SessionFileTest, BitFlipsNeverTakeTheProcessDown) {
    // Hardening D2: single-bit flips of a real session crashed libhdf5 (SIGSEGV in H5HG_read) in 2 of 60
    // tries. The reader runs in a child process: every flip gives a document or one InputError line naming
    // the file, and this process lives on. Flipped: a small session and the committed GUI session.
    const std::string p = path("flips.kronscope");
    writeSession(p, sampleDocument());
    const std::string small = readBytes(p);
    const std::string real =
        readBytes(std::string(KRONSCOPE_SOURCE_DIR) + "/tests/data/sessions/main-2026-12-01.kss");
    std::mt19937 rng(2026);
    for (const std::string* good : {&small, &real}) {
        int read = 0, refused = 0, damaged = 0;
        for (int i = 0; i < 150; ++i) {
            std::string bytes = *good;
            const size_t bit = rng() % (bytes.size() * 8);
            bytes[bit / 8] = static_cast<char>(bytes[bit / 8] ^ (1 << (bit % 8)));
            writeBytes(p, bytes);
            try {
                readSession(p);
                ++read;
            } catch (const InputError& e) {
                const std::string message = e.what();
                EXPECT_EQ(message.rfind(p, 0), 0u) << message;
                EXPECT_EQ(message.find('\n'), std::string::npos) << message;
                ++refused;
                if (message.find("is damaged: the HDF5 library failed") != std::string::npos) ++damaged;
            }
        }
        std::printf(
            "[   INFO   ] 150 single-bit flips of a %zu-byte session: %d read, %d refused (%d of them "
            "crashed the isolated reader)\n",
            good->size(), read, refused, damaged);
        EXPECT_EQ(read + refused, 150);
    }
}

TEST_F(SessionFileTest, AFileOnWhichLibhdf5LoopsIsStoppedAtItsDeadline) {
    // Found by fuzz_session: on this damaged session (a mutated copy of main-2026-12-01.kss) libhdf5 never
    // returns. The isolated reader is killed at its deadline (10 s for a file this small) and refuses it.
    const std::string p = std::string(KRONSCOPE_SOURCE_DIR) + "/tests/data/sessions/hang-libhdf5.kss";
    const auto start = std::chrono::steady_clock::now();
    const std::string message = inputErrorOf([&] { readSession(p); });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("[   INFO   ] %s (%.1f s)\n", message.c_str(), seconds);
    EXPECT_EQ(message, p + ": reading it took more than 10 s (a damaged file?)");
    EXPECT_LT(seconds, 30.0);
}

TEST_F(SessionFileTest, FifoIsRefusedWithoutBlocking) {
    const std::string p = path("fifo.kronscope");
    ASSERT_EQ(::mkfifo(p.c_str(), 0600), 0);
    EXPECT_EQ(inputErrorOf([&] { readSession(p); }), p + ": not a regular file (a session file must be one)");
}

TEST_F(SessionFileTest, SoftLinkUnderArraysIsRefused) {
    const std::string p = handWritten("link.kronscope", "kronscope-session", &kVersion1, [](hid_t file) {
        writeFixedString(file, "state", "{}");
        const hid_t group = H5Gcreate2(file, "arrays", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Lcreate_external("/etc/elsewhere.h5", "/x", group, "ext", H5P_DEFAULT, H5P_DEFAULT);
        H5Gclose(group);
    });
    EXPECT_EQ(inputErrorOf([&] { readSession(p); }),
              p + ": /arrays/ext is a link to elsewhere, not an array");
}

TEST_F(SessionFileTest, HardLinkCycleUnderArraysIsRefused) {
    // /arrays/loop and /arrays/again both point back at /arrays: the walk must stop, not recurse forever.
    const std::string p = handWritten("cycle.kronscope", "kronscope-session", &kVersion1, [](hid_t file) {
        writeFixedString(file, "state", "{}");
        const hid_t group = H5Gcreate2(file, "arrays", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        EXPECT_GE(H5Lcreate_hard(group, ".", group, "loop", H5P_DEFAULT, H5P_DEFAULT), 0);
        EXPECT_GE(H5Lcreate_hard(group, ".", group, "again", H5P_DEFAULT, H5P_DEFAULT), 0);
        H5Gclose(group);
    });
    const std::string message = inputErrorOf([&] { readSession(p); });
    EXPECT_EQ(message.rfind(p + ": ", 0), 0u) << message;
    EXPECT_TRUE(message.find("groups deep") != std::string::npos ||
                message.find("objects under /arrays") != std::string::npos)
        << message;
}

TEST_F(SessionFileTest, ReadingDoesNotChangeHdf5ErrorPrinting) {
    // readSession silences HDF5's error printing only while it runs, and restores the caller's handler.
    H5E_auto2_t func = nullptr;
    void* data = nullptr;
    H5Eset_auto2(H5E_DEFAULT, reinterpret_cast<H5E_auto2_t>(H5Eprint2), stderr);
    const std::string p = path("junk.kronscope");
    writeBytes(p, "junk");
    testing::internal::CaptureStderr();
    EXPECT_FALSE(inputErrorOf([&] { readSession(p); }).empty());
    EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
    H5Eget_auto2(H5E_DEFAULT, &func, &data);
    EXPECT_EQ(func, reinterpret_cast<H5E_auto2_t>(H5Eprint2));
    EXPECT_EQ(data, static_cast<void*>(stderr));
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

// ---------------------------------------------------------------------------------------------------
// Upgrades

TEST(SessionUpgrade, CurrentVersionIsUnchangedAndOthersAreRefused) {
    SessionDocument doc = sampleDocument();
    upgradeSession(doc, kSessionFormatVersion);
    EXPECT_EQ(doc.json, sampleDocument().json);
    EXPECT_EQ(doc.format_version, kSessionFormatVersion);
    EXPECT_THROW(upgradeSession(doc, 0), InputError);
    EXPECT_THROW(upgradeSession(doc, kSessionFormatVersion + 1), InputError);
}

// ---------------------------------------------------------------------------------------------------
// Model paths

TEST(SessionModelPath, RelativeToTheSessionFolder) {
    // Same folder, a model folder beside the session, a sibling folder, the parent, the folder itself.
    EXPECT_EQ(relativeModelPath("/work/s/a.kronscope", "/work/s/gpt2"), "gpt2");
    EXPECT_EQ(relativeModelPath("/work/s/a.kronscope", "/work/s/models/gpt2/"), "models/gpt2");
    EXPECT_EQ(relativeModelPath("/work/s/a.kronscope", "/work/models/gpt2"), "../models/gpt2");
    EXPECT_EQ(relativeModelPath("/work/s/deep/a.kronscope", "/work"), "../..");
    EXPECT_EQ(relativeModelPath("/work/s/a.kronscope", "/work/s"), ".");
    EXPECT_EQ(relativeModelPath("/work/s/./x/../a.kronscope", "/work/s//gpt2"), "gpt2");
    EXPECT_EQ(relativeModelPath("/work/s/a.kronscope", ""), "");
}

TEST(SessionModelPath, ResolvesBackToAbsolute) {
    EXPECT_EQ(resolveModelPath("/work/s/a.kronscope", "gpt2"), "/work/s/gpt2");
    EXPECT_EQ(resolveModelPath("/work/s/a.kronscope", "../models/gpt2"), "/work/models/gpt2");
    EXPECT_EQ(resolveModelPath("/work/s/deep/a.kronscope", "../.."), "/work");
    EXPECT_EQ(resolveModelPath("/work/s/a.kronscope", "."), "/work/s");
    EXPECT_EQ(resolveModelPath("/work/s/a.kronscope", "/opt/models/gpt2/"), "/opt/models/gpt2");
    EXPECT_EQ(resolveModelPath("/work/s/a.kronscope", ""), "");
    // Round trip, including relative inputs taken from the working directory.
    for (const std::string model : {"/work/s/gpt2", "/work/models/gpt2", "/work", "/work/s", "/"}) {
        EXPECT_EQ(resolveModelPath("/work/s/a.kronscope", relativeModelPath("/work/s/a.kronscope", model)),
                  model);
    }
    EXPECT_EQ(resolveModelPath("s/a.kronscope", relativeModelPath("s/a.kronscope", "models/gpt2")),
              (fs::current_path() / "models/gpt2").lexically_normal().string());
}

}  // namespace
}  // namespace kronscope::core
