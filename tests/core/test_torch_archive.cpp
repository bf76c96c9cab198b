// PyTorch checkpoints: the allow-list reader of torch.save's zip format (io/torch_archive.h) and the
// formats the GPT-2 loader builds on it (pytorch_model.bin, nanoGPT's ckpt.pt). Fixtures are written by
// torch.save itself, or crafted opcode by opcode, in tests/scripts/make_torch_fixtures.py (python3-torch).
// Tolerances: the HF .bin gives bitwise the logits of the same weights as safetensors; nanoGPT's logits
// match the script's float64 torch forward to 1e-4 absolute.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kronscope/core/analysis/convert.h"
#include "kronscope/core/base/error.h"
#include "test_data.h"
#include "kronscope/core/base/progress.h"
#include "kronscope/core/io/torch_archive.h"
#include "kronscope/core/model/gpt2_model.h"

using namespace kronscope::core;
namespace fs = std::filesystem;

namespace {

const fs::path kData = fs::path(KRONSCOPE_TEST_DATA);
const fs::path kTorch = kData / "torch";
const char* kMarker = "/tmp/kronscope-pickle-ran";

using kronscope::test::readF32;
using kronscope::test::readJson;

float halfToFloat(uint16_t h) {
    const int e = (h >> 10) & 31, m = h & 1023;
    const float v = e == 0 ? std::ldexp(static_cast<float>(m), -24) : std::ldexp(1.0f + m / 1024.0f, e - 15);
    return (h & 0x8000) ? -v : v;
}

/// The tensor's values as float32, whatever its dtype.
std::vector<float> valuesOf(const TensorArchive& a, const TensorInfo& t) {
    std::vector<uint8_t> raw(t.bytes());
    a.copyTensor(t, raw.data());
    std::vector<float> out(static_cast<size_t>(t.numel()));
    for (size_t i = 0; i < out.size(); ++i) {
        if (t.dtype == DType::F32) {
            std::memcpy(&out[i], &raw[4 * i], 4);
        } else {
            uint16_t h;
            std::memcpy(&h, &raw[2 * i], 2);
            if (t.dtype == DType::F16) {
                out[i] = halfToFloat(h);
            } else {
                const uint32_t bits = static_cast<uint32_t>(h) << 16;
                std::memcpy(&out[i], &bits, 4);
            }
        }
    }
    return out;
}

std::string refusal(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

/// A zip archive of stored entries, the way torch.save lays one out (names under `prefix`/).
std::vector<uint8_t> storedZip(const std::vector<std::pair<std::string, std::string>>& entries,
                               const std::string& prefix = "archive") {
    std::vector<uint8_t> out, cd;
    auto put16 = [](std::vector<uint8_t>& v, uint32_t x) {
        v.push_back(static_cast<uint8_t>(x));
        v.push_back(static_cast<uint8_t>(x >> 8));
    };
    auto put32 = [&](std::vector<uint8_t>& v, uint32_t x) {
        put16(v, x & 0xFFFF);
        put16(v, x >> 16);
    };
    for (const auto& [bare, data] : entries) {
        const std::string name = prefix + "/" + bare;
        const uint32_t crc = static_cast<uint32_t>(
            ::crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
        const uint32_t at = static_cast<uint32_t>(out.size());
        put32(out, 0x04034b50);
        for (uint32_t x : {20u, 0u, 0u, 0u, 0u}) put16(out, x);  // version, flags, method, time, date
        put32(out, crc);
        put32(out, static_cast<uint32_t>(data.size()));
        put32(out, static_cast<uint32_t>(data.size()));
        put16(out, static_cast<uint32_t>(name.size()));
        put16(out, 0);
        out.insert(out.end(), name.begin(), name.end());
        out.insert(out.end(), data.begin(), data.end());
        put32(cd, 0x02014b50);
        for (uint32_t x : {20u, 20u, 0u, 0u, 0u, 0u}) put16(cd, x);
        put32(cd, crc);
        put32(cd, static_cast<uint32_t>(data.size()));
        put32(cd, static_cast<uint32_t>(data.size()));
        put16(cd, static_cast<uint32_t>(name.size()));
        for (uint32_t x : {0u, 0u, 0u, 0u}) put16(cd, x);
        put32(cd, 0);
        put32(cd, at);
        cd.insert(cd.end(), name.begin(), name.end());
    }
    const uint32_t cd_at = static_cast<uint32_t>(out.size());
    out.insert(out.end(), cd.begin(), cd.end());
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, static_cast<uint32_t>(entries.size()));
    put16(out, static_cast<uint32_t>(entries.size()));
    put32(out, static_cast<uint32_t>(cd.size()));
    put32(out, cd_at);
    put16(out, 0);
    return out;
}

std::vector<float> logitsOf(const std::string& dir, const std::vector<int32_t>& ids) {
    return Gpt2Model::load(dir)->logits(ids);
}

}  // namespace

TEST(TorchArchive, ReadsViewsDtypesAndParametersAsTorchSavedThem) {
    const auto a = TorchArchive::open((kTorch / "views.pt").string());
    const auto expected = readJson(kTorch / "views.json");
    ASSERT_EQ(a.tensors().size(), expected.size());
    EXPECT_EQ(a.archiveName(), "views");
    for (const auto& t : a.tensors()) {
        SCOPED_TRACE(t.name);
        const auto& e = expected.at(t.name);
        EXPECT_EQ(t.shape, e["shape"].get<std::vector<int64_t>>());
        EXPECT_EQ(valuesOf(a, t), e["values"].get<std::vector<float>>());
    }
    EXPECT_EQ(a.tensors()[4].dtype, DType::BF16);
    EXPECT_EQ(a.tensors()[5].dtype, DType::F16);
    EXPECT_EQ(sniffCheckpointFile((kTorch / "views.pt").string()), "zip");
    EXPECT_EQ(sniffCheckpointFile((kTorch / "legacy.bin").string()), "legacy-pickle");
    EXPECT_EQ(sniffCheckpointFile((kData / "tiny-gpt2" / "model.safetensors").string()), "safetensors");
}

TEST(TorchArchive, HuggingFaceBinGivesTheLogitsOfTheSameWeightsAsSafetensors) {
    const auto g = readJson(kData / "tiny-gpt2" / "golden.json");
    const auto ids = g["ids"].get<std::vector<int32_t>>();
    auto model = Gpt2Model::load((kTorch / "hf-bin").string());
    EXPECT_NE(model->format().find("PyTorch state dict (pytorch_model.bin"), std::string::npos)
        << model->format();
    EXPECT_EQ(model->keyLayout(), "prefixed");
    EXPECT_EQ(model->logits(ids), logitsOf((kData / "tiny-gpt2").string(), ids));  // bitwise
    EXPECT_TRUE(model->warnings().empty()) << model->warnings().front();  // lm_head shares wte's storage
    // float16 storages: the values of the F16 safetensors variant.
    auto half = Gpt2Model::load((kTorch / "hf-bin-f16" / "pytorch_model.bin").string());  // the file itself
    EXPECT_EQ(half->storedDtype(), "F16");
    EXPECT_EQ(half->logits(ids), logitsOf((kData / "tiny-gpt2-prefixed-f16").string(), ids));
}

TEST(TorchArchive, NanoGptCheckpointsOpenAsGpt2WithTheirModelArgs) {
    for (const char* name : {"nanogpt", "nanogpt-nobias"}) {
        SCOPED_TRACE(name);
        const fs::path dir = kTorch / name;
        const auto spec = readJson(dir / "ids.json");
        auto model = Gpt2Model::load(dir.string());
        EXPECT_EQ(model->keyLayout(), "nanoGPT");
        EXPECT_NE(model->format().find("nanoGPT checkpoint (ckpt.pt"), std::string::npos) << model->format();
        EXPECT_EQ(model->config().activation_function, "gelu");
        EXPECT_EQ(model->config().n_positions, 64);
        const auto got = model->logits(spec["ids"].get<std::vector<int32_t>>());
        const auto want = readF32(dir / "expected_logits.f32");
        ASSERT_EQ(got.size(), want.size());
        double maxdiff = 0;
        for (size_t i = 0; i < got.size(); ++i)
            maxdiff = std::max(maxdiff, std::fabs(double(got[i]) - want[i]));
        std::printf("[%s] logits maxdiff vs the torch forward %.3g\n", name, maxdiff);
        EXPECT_LT(maxdiff, spec["tolerance_abs"].get<double>());
    }
}

TEST(TorchArchive, NanoGptLayoutGivesTheLogitsOfTheSameWeightsInHuggingFaceLayout) {
    // nanogpt/ckpt.pt holds tiny-gpt2's weights as nn.Linear [out, in]; nanoGPT computes nn.GELU() exactly,
    // so the HF copy says activation_function "gelu".
    const fs::path hf = fs::temp_directory_path() / "kronscope-nanogpt-hf";
    fs::remove_all(hf);
    fs::create_directories(hf);
    fs::copy_file(kData / "tiny-gpt2" / "model.safetensors", hf / "model.safetensors");
    auto cfg = readJson(kData / "tiny-gpt2" / "config.json");
    cfg["activation_function"] = "gelu";
    std::ofstream(hf / "config.json") << cfg.dump();
    const auto ids = readJson(kTorch / "nanogpt" / "ids.json")["ids"].get<std::vector<int32_t>>();
    const auto a = logitsOf((kTorch / "nanogpt").string(), ids), b = logitsOf(hf.string(), ids);
    ASSERT_EQ(a.size(), b.size());
    double maxdiff = 0;
    for (size_t i = 0; i < a.size(); ++i) maxdiff = std::max(maxdiff, std::fabs(double(a[i]) - b[i]));
    EXPECT_LT(maxdiff, 1e-5);
    fs::remove_all(hf);
}

TEST(TorchArchive, HostilePicklesAreRefusedAndNothingRuns) {
    fs::remove(kMarker);
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"os_system.pt", "pickle global \"posix.system\" is not allowed"},
        {"eval.pt", "pickle global \"__builtin__.eval\" is not allowed"},
        {"getattr.pt", "pickle global \"builtins.getattr\" is not allowed"},
        {"inst.pt", "pickle opcode 0x69 (INST) is not allowed"},
        {"obj.pt", "pickle global \"os.system\" is not allowed"},
        {"newobj.pt", "pickle opcode 0x81 (NEWOBJ) is not allowed"},
        {"storage_path.pt", "storage key \"../../etc/passwd\" is not a plain name"},
    };
    for (const auto& [file, message] : cases) {
        SCOPED_TRACE(file);
        const std::string path = (kTorch / "hostile" / file).string();
        const std::string what = refusal([&] { TorchArchive::open(path); });
        EXPECT_NE(what.find(message), std::string::npos) << what;
        EXPECT_EQ(what.find('\n'), std::string::npos) << what;
        EXPECT_EQ(what.rfind(path, 0), 0u) << what;  // names the file first
        // The model loader gives the same refusal.
        EXPECT_NE(refusal([&] { Gpt2Model::load(path); }).find(message), std::string::npos);
    }
    // An archive inside an archive is bytes of a storage: read, never opened or run.
    const auto nested = TorchArchive::open((kTorch / "hostile" / "nested.pt").string());
    ASSERT_EQ(nested.tensors().size(), 1u);
    std::vector<uint8_t> bytes(nested.tensors()[0].bytes());
    nested.copyTensor(nested.tensors()[0], bytes.data());
    EXPECT_EQ(std::memcmp(bytes.data(), "PK\x03\x04", 4), 0);
    EXPECT_FALSE(fs::exists(kMarker)) << "a pickle ran code";
}

TEST(TorchArchive, MalformedArchivesAreRefusedWithOneLine) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"truncated.bin", "not a zip archive (no end of central directory record)"},
        {"short_storage.pt", "storage 0 claims 16 elements of 4 bytes but its entry has 32 bytes"},
        {"past_storage.pt", "reaches element 9 of storage 0, which has 8"},
        {"overlap.pt", "entries \"archive/data/0\" and \"archive/data/1\" overlap"},
        {"two_folders.pt", "entry \"other/data.pkl\" is outside the archive folder \"archive\"/"},
        {"deflated.pt", "is compressed (method 8)"},
    };
    for (const auto& [file, message] : cases) {
        SCOPED_TRACE(file);
        const std::string what = refusal([&] { TorchArchive::open((kTorch / "malformed" / file).string()); });
        EXPECT_NE(what.find(message), std::string::npos) << what;
        EXPECT_EQ(what.find('\n'), std::string::npos) << what;
    }
    // A flipped byte in a storage: the entry's CRC-32 is checked before its bytes are used.
    const auto crc = TorchArchive::open((kTorch / "malformed" / "crc.bin").string());
    std::vector<uint8_t> buf(crc.tensors()[0].bytes());
    const std::string what = refusal([&] { crc.copyTensor(crc.tensors()[0], buf.data()); });
    EXPECT_NE(what.find("entry \"views/data/0\": CRC-32 mismatch"), std::string::npos) << what;
    EXPECT_NE(refusal([&] {
                  TorchArchive::open((kTorch / "legacy.bin").string());
              }).find("PyTorch's legacy format (saved by torch < 1.6) is not read"),
              std::string::npos);
}

TEST(TorchArchive, PickleBombsAreRefusedWithoutRecursion) {
    // A million nested lists: built and dropped with no recursion, refused as not a state dict.
    const size_t depth = 1000000;
    std::string nested = "\x80\x02" + std::string(depth, ']') + std::string(depth - 1, 'a') + ".";
    auto zip = storedZip({{"data.pkl", nested}});
    EXPECT_NE(refusal([&] {
                  auto a = TorchArchive::parse(zip.data(), zip.size(), "bomb.pt");
                  a.selectStateDict("");
              }).find("bomb.pt: the saved object is a list, not a state dict"),
              std::string::npos);
    // Five million values.
    std::string many = "\x80\x02](" + std::string(5000000, 'N') + "e.";
    zip = storedZip({{"data.pkl", many}});
    EXPECT_NE(refusal([&] {
                  TorchArchive::parse(zip.data(), zip.size(), "many.pt");
              }).find("more than 4,194,304 values (a pickle bomb?)"),
              std::string::npos);
    // A list that holds itself through the memo: a cycle, harmless in the arena.
    zip = storedZip({{"data.pkl", std::string("\x80\x02]q\x00h\x00"
                                              "a.",
                                              9)}});
    EXPECT_NO_THROW(TorchArchive::parse(zip.data(), zip.size(), "cycle.pt"));
    // Truncated pickles, stack underflow, a GET of a memo never stored.
    for (const std::string& bad : {std::string("\x80\x02]"),
                                   std::string("\x80\x02"
                                               "a."),
                                   std::string("\x80\x02h\x05.")}) {
        zip = storedZip({{"data.pkl", bad}});
        EXPECT_NE(refusal([&] {
                      TorchArchive::parse(zip.data(), zip.size(), "bad.pt");
                  }).find("bad.pt: archive/data.pkl byte"),
                  std::string::npos);
    }
}

TEST(TorchArchive, CheckpointFoldersAreRefusedWithTheirReason) {
    const fs::path dir = fs::temp_directory_path() / "kronscope-bin-noconfig";
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy_file(kTorch / "hf-bin" / "pytorch_model.bin", dir / "pytorch_model.bin");
    EXPECT_NE(refusal([&] { Gpt2Model::load(dir.string()); }).find("no config.json beside pytorch_model.bin"),
              std::string::npos);
    fs::copy_file(kTorch / "views.pt", dir / "model.pt");
    fs::copy_file(kTorch / "hf-bin" / "config.json", dir / "config.json");
    EXPECT_NE(
        refusal([&] { Gpt2Model::load((dir / "model.pt").string()); }).find("unexpected tensor 'plain'"),
        std::string::npos);
    fs::remove_all(dir);
}

TEST(TorchArchive, ConvertWritesTheSameModelAsSafetensorsAndLeavesNothingOnFailure) {
    const fs::path out = fs::temp_directory_path() / "kronscope-convert-test";
    fs::remove_all(out);
    const auto ids = readJson(kTorch / "nanogpt" / "ids.json")["ids"].get<std::vector<int32_t>>();
    for (const char* name : {"nanogpt", "nanogpt-nobias", "hf-bin"}) {
        SCOPED_TRACE(name);
        auto model = Gpt2Model::load((kTorch / name).string());
        ConvertRequest rq;
        rq.out = out.string();
        Progress p;
        const auto r = runConvert(*model, rq, p);
        auto back = Gpt2Model::load(out.string());
        EXPECT_EQ(back->format(), "safetensors (model.safetensors)");
        EXPECT_EQ(back->contentHash(), r.out_hash);
        EXPECT_EQ(back->config().activation_function, model->config().activation_function);
        EXPECT_EQ(back->logits(ids), model->logits(ids));  // bitwise: the same float32 weights
        fs::remove_all(out);
    }
    // F16: the values rounded once, as torch's .half() rounds them.
    auto model = Gpt2Model::load((kTorch / "hf-bin").string());
    ConvertRequest rq;
    rq.out = out.string();
    rq.dtype = "F16";
    Progress p;
    runConvert(*model, rq, p);
    const auto half = Gpt2Model::load(out.string());
    EXPECT_EQ(half->storedDtype(), "F16");
    EXPECT_EQ(half->logits(ids), Gpt2Model::load((kTorch / "hf-bin-f16").string())->logits(ids));
    // Into a folder that holds files: refused before anything is written.
    EXPECT_NE(refusal([&] { runConvert(*model, rq, p); }).find("already exists and is not an empty folder"),
              std::string::npos);
    fs::remove_all(out);
    // Cancelled: no folder, no temporary left beside it.
    Progress cancelled;
    cancelled.cancel();
    EXPECT_THROW(runConvert(*model, rq, cancelled), Cancelled);
    EXPECT_FALSE(fs::exists(out));
    for (const auto& e : fs::directory_iterator(out.parent_path()))
        EXPECT_EQ(e.path().filename().string().find(".kronscope-convert-test.converting"), std::string::npos);
}
