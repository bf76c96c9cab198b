// GPT-2 forward pass, strided perplexity and generation against golden values from an independent
// float64 numpy implementation (tests/scripts/make_golden.py). Tolerances: logits 1e-4 of max |logit|,
// perplexity 1e-5 relative. Each comparison prints its max difference.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kronscope/core/base/error.h"
#include "kronscope/core/base/hash.h"
#include "kronscope/core/model/checkpoint_writer.h"
#include "test_data.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/io/safetensors.h"

using namespace kronscope::core;
namespace fs = std::filesystem;

namespace {

using kronscope::test::readF32;
using kronscope::test::readJson;

class GoldenCheckpoint : public ::testing::TestWithParam<std::string> {
  protected:
    fs::path dir() const { return fs::path(KRONSCOPE_TEST_DATA) / GetParam(); }
};

}  // namespace

TEST_P(GoldenCheckpoint, LogitsMatchReference) {
    auto model = Gpt2Model::load(dir().string());
    const auto g = readJson(dir() / "golden.json");
    const auto ids = g["ids"].get<std::vector<int32_t>>();
    const auto expected = readF32(dir() / g["logits_file"].get<std::string>());
    const auto got = model->logits(ids);
    ASSERT_EQ(got.size(), expected.size());
    double maxdiff = 0.0, maxabs = 0.0;
    for (size_t i = 0; i < got.size(); ++i) {
        maxdiff = std::max(maxdiff, std::fabs(static_cast<double>(got[i]) - expected[i]));
        maxabs = std::max(maxabs, std::fabs(static_cast<double>(expected[i])));
    }
    std::printf("[%s] logits maxdiff %.3g (max |logit| %.3g, relative %.3g)\n", GetParam().c_str(), maxdiff,
                maxabs, maxdiff / maxabs);
    EXPECT_LT(maxdiff / maxabs, 1e-4);
}

TEST_P(GoldenCheckpoint, StridedPerplexityMatchesReference) {
    auto model = Gpt2Model::load(dir().string());
    const auto g = readJson(dir() / "golden.json");
    const auto ids = g["perplexity"]["ids"].get<std::vector<int32_t>>();
    for (const auto& c : g["perplexity"]["cases"]) {
        PerplexitySettings s;
        s.max_length = c["max_length"];
        s.stride = c["stride"];
        s.max_tokens = c["token_limit"].is_null() ? 0 : c["token_limit"].get<int64_t>();
        s.batch_windows = 3;  // exercises batches of equal-length windows and a ragged tail
        struct Quiet : Progress {
        } progress;
        const auto r = model->perplexity(ids, s, progress);
        const double ref = c["ppl"];
        std::printf("[%s] L=%lld stride=%lld: ppl %.8f ref %.8f rel diff %.3g; scored %lld windows %lld\n",
                    GetParam().c_str(), (long long)s.max_length, (long long)s.stride, r.ppl, ref,
                    std::fabs(r.ppl - ref) / ref, (long long)r.tokens_scored, (long long)r.windows);
        EXPECT_NEAR(r.ppl, ref, 1e-5 * ref);
        EXPECT_NEAR(r.nll_sum, c["nll_sum"].get<double>(), 1e-5 * std::fabs(c["nll_sum"].get<double>()));
        EXPECT_EQ(r.tokens_scored, c["tokens_scored"].get<int64_t>());
        EXPECT_EQ(r.windows, c["windows"].get<int64_t>());
        EXPECT_EQ(r.max_length, s.max_length);
        EXPECT_EQ(r.stride, s.stride);
    }
}

TEST_P(GoldenCheckpoint, GreedyGenerationMatchesReference) {
    auto model = Gpt2Model::load(dir().string());
    const auto g = readJson(dir() / "golden.json")["generation"];
    GenerationSettings s;
    s.max_new_tokens = g["max_new_tokens"];
    const auto out = model->generate(g["prompt_ids"].get<std::vector<int32_t>>(), s);
    EXPECT_EQ(out, g["output_ids"].get<std::vector<int32_t>>());
}

INSTANTIATE_TEST_SUITE_P(Layouts, GoldenCheckpoint,
                         ::testing::Values("tiny-gpt2", "tiny-gpt2-prefixed-f16", "tiny-gpt2-bf16"));

TEST(Gpt2Model, ReportsLayoutAndMatrices) {
    auto bare = Gpt2Model::load(std::string(KRONSCOPE_TEST_DATA) + "/tiny-gpt2");
    EXPECT_EQ(bare->keyLayout(), "bare");
    EXPECT_EQ(bare->storedDtype(), "F32");
    auto pre = Gpt2Model::load(std::string(KRONSCOPE_TEST_DATA) + "/tiny-gpt2-prefixed-f16");
    EXPECT_EQ(pre->keyLayout(), "prefixed");
    EXPECT_EQ(pre->storedDtype(), "F16");
    EXPECT_TRUE(pre->warnings().empty()) << pre->warnings().front();
    const auto m = bare->matrices();
    ASSERT_EQ(m.size(), 8u);
    EXPECT_EQ(m[0].name, "h.0.attn.c_attn");
    EXPECT_EQ(m[0].rows, 64);
    EXPECT_EQ(m[0].cols, 192);
    EXPECT_EQ(m[7].name, "h.1.mlp.c_proj");
    EXPECT_EQ(m[7].rows, 256);
    const auto w = bare->matrix("h.1.mlp.c_fc");
    EXPECT_EQ(w.rows, 64);
    EXPECT_EQ(w.cols, 256);
    EXPECT_THROW(bare->matrix("h.2.mlp.c_fc"), InputError);
    EXPECT_EQ(bare->contentHash().size(), 16u);
}

TEST(PerplexityWindows, FollowTheRecipe) {
    // stride < max_length: first window scores end-1, later ones trg_len.
    auto w = perplexityWindows(10, 4, 2);
    ASSERT_EQ(w.size(), 4u);
    EXPECT_EQ(w[0].scored, 3);
    EXPECT_EQ(w[1].begin, 2);
    EXPECT_EQ(w[1].end, 6);
    EXPECT_EQ(w[1].scored, 2);
    EXPECT_EQ(w.back().end, 10);
    // stride == max_length: each window scores L - 1 (no context for its first token).
    auto v = perplexityWindows(10, 4, 4);
    int64_t total = 0;
    for (const auto& x : v) total += x.scored;
    EXPECT_EQ(total, 10 - 3);
}

// ---- bad checkpoints: a clear error naming the problem, never a crash ----

namespace {
/// A copy of the tiny checkpoint in a temporary folder, removed when the test ends.
struct TempCheckpoint {
    fs::path dir;
    explicit TempCheckpoint(const std::string& name)
        : dir(fs::temp_directory_path() / ("kronscope-test-" + name + "-" + std::to_string(::getpid()))) {
        fs::remove_all(dir);
        fs::create_directories(dir);
        for (const char* f : {"config.json", "model.safetensors"})
            fs::copy_file(fs::path(KRONSCOPE_TEST_DATA) / "tiny-gpt2" / f, dir / f);
    }
    ~TempCheckpoint() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    operator const fs::path&() const { return dir; }
    fs::path operator/(const char* f) const { return dir / f; }
};

std::string loadError(const fs::path& dir) {
    try {
        Gpt2Model::load(dir.string());
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

void rewriteConfig(const fs::path& dir, const std::function<void(nlohmann::json&)>& edit) {
    auto j = readJson(dir / "config.json");
    edit(j);
    std::ofstream(dir / "config.json") << j.dump();
}
}  // namespace

TEST(Gpt2ModelErrors, TruncatedWeights) {
    TempCheckpoint d("trunc");
    fs::resize_file(d / "model.safetensors", fs::file_size(d / "model.safetensors") - 1);
    EXPECT_NE(loadError(d).find("model.safetensors"), std::string::npos) << loadError(d);
}

TEST(Gpt2ModelErrors, ConfigDisagreesWithWeights) {
    TempCheckpoint d("shape");
    rewriteConfig(d, [](nlohmann::json& j) {
        j["n_embd"] = 128;
        j["n_head"] = 4;
    });
    const auto e = loadError(d);
    EXPECT_NE(e.find("shape"), std::string::npos) << e;
    EXPECT_NE(e.find("config.json implies"), std::string::npos) << e;
}

TEST(Gpt2ModelErrors, HeadsDoNotDivide) {
    TempCheckpoint d("heads");
    rewriteConfig(d, [](nlohmann::json& j) { j["n_head"] = 5; });
    EXPECT_NE(loadError(d).find("not divisible by n_head"), std::string::npos) << loadError(d);
}

TEST(Gpt2ModelErrors, MissingAndExtraTensors) {
    TempCheckpoint d("layers");
    rewriteConfig(d, [](nlohmann::json& j) { j["n_layer"] = 3; });
    EXPECT_NE(loadError(d).find("missing tensor"), std::string::npos) << loadError(d);
    rewriteConfig(d, [](nlohmann::json& j) { j["n_layer"] = 1; });
    EXPECT_NE(loadError(d).find("unexpected tensor 'h.1."), std::string::npos) << loadError(d);
}

TEST(Gpt2ModelErrors, BadConfigAndMissingFiles) {
    TempCheckpoint d("cfg");
    std::ofstream(d / "config.json") << "{not json";
    EXPECT_NE(loadError(d).find("not valid JSON"), std::string::npos) << loadError(d);
    fs::remove(d / "config.json");
    EXPECT_NE(loadError(d).find("no config.json"), std::string::npos);
    EXPECT_NE(loadError(d.dir / "nope").find("not a checkpoint directory"), std::string::npos);
}

TEST(Gpt2ModelErrors, NonFiniteWeightsAreReported) {
    TempCheckpoint d("nan");
    {
        auto file = SafetensorsFile::open((d.dir / "model.safetensors").string());
        const auto* t = file.find("h.1.mlp.c_fc.weight");
        ASSERT_NE(t, nullptr);
        const auto offset = file.dataOffset() + t->begin;
        file = SafetensorsFile::open((d.dir / "model.safetensors").string());  // keep the mapping scoped
        std::fstream f(d / "model.safetensors", std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(offset));
        const float nan = std::nanf("");
        f.write(reinterpret_cast<const char*>(&nan), 4);
    }
    auto model = Gpt2Model::load(d.dir.string());
    ASSERT_FALSE(model->warnings().empty());
    EXPECT_NE(model->warnings()[0].find("h.1.mlp.c_fc.weight"), std::string::npos);
}

TEST(Gpt2ModelErrors, SettingsOutOfRange) {
    auto model = Gpt2Model::load(std::string(KRONSCOPE_TEST_DATA) + "/tiny-gpt2");
    struct Quiet : Progress {
    } p;
    std::vector<int32_t> ids(100, 5);
    PerplexitySettings s;
    s.max_length = 65;  // n_positions is 64
    try {
        model->perplexity(ids, s, p);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("n_positions"), std::string::npos);
    }
    ids[3] = 600;  // vocab is 512
    s.max_length = 64;
    EXPECT_THROW(model->perplexity(ids, s, p), InputError);
    EXPECT_THROW(Gpt2Model::load(std::string(KRONSCOPE_TEST_DATA) + "/tiny-gpt2", {"cuda:7", "f32"}),
                 InputError);
    EXPECT_THROW(Gpt2Model::load(std::string(KRONSCOPE_TEST_DATA) + "/tiny-gpt2", {"cpu", "bf16"}),
                 InputError);
}

// Windows per forward pass: by default (0) 4 on the CPU, so the default gives exactly what batches of 4 give.
TEST(Gpt2Model, DefaultBatchIsFourWindowsOnTheCpu) {
    auto model = Gpt2Model::load(std::string(KRONSCOPE_TEST_DATA) + "/tiny-gpt2");
    std::vector<int32_t> ids;
    for (int i = 0; i < 700; ++i) ids.push_back((i * 29 + 3) % 512);
    struct Quiet : Progress {
    } p;
    PerplexitySettings s;
    EXPECT_EQ(s.batch_windows, 0);
    s.max_length = 64;
    s.stride = 40;
    const auto automatic = model->perplexity(ids, s, p);
    s.batch_windows = 4;
    const auto four = model->perplexity(ids, s, p);
    s.batch_windows = 1;
    const auto one = model->perplexity(ids, s, p);
    EXPECT_EQ(automatic.nll_sum, four.nll_sum);
    EXPECT_NEAR(one.nll_sum, four.nll_sum, 1e-6 * four.nll_sum);
}

// Reduced precisions are CUDA's: on the CPU each is refused with a message that says so, an unknown one
// lists the choices, and f32 (by any of its spellings) is reported as "f32".
TEST(Gpt2Model, DtypesOtherThanF32AreRefusedOnTheCpu) {
    const std::string tiny = std::string(KRONSCOPE_TEST_DATA) + "/tiny-gpt2";
    for (const char* dtype : {"tf32", "bf16", "f16", "fp16"}) {
        try {
            Gpt2Model::load(tiny, {"cpu", dtype});
            ADD_FAILURE() << dtype << " loaded on the CPU";
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find("only supported on CUDA"), std::string::npos) << e.what();
        }
    }
    try {
        Gpt2Model::load(tiny, {"cpu", "f64"});
        ADD_FAILURE() << "f64 loaded";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("expected f32, tf32, bf16 or f16"), std::string::npos)
            << e.what();
    }
    for (const char* dtype : {"f32", "fp32", "float32"})
        EXPECT_EQ(Gpt2Model::load(tiny, {"cpu", dtype})->dtype(), "f32");
}

TEST(Gpt2Model, CancelStopsBetweenWindows) {
    auto model = Gpt2Model::load(std::string(KRONSCOPE_TEST_DATA) + "/tiny-gpt2");
    struct Quiet : Progress {
    } p;
    p.cancel();
    std::vector<int32_t> ids(300, 7);
    EXPECT_THROW(model->perplexity(ids, PerplexitySettings{64, 32, 0, 1, ""}, p), Cancelled);
}

// Sharded safetensors (model.safetensors.index.json, as transformers writes large models): the golden tiny
// checkpoint split into two shards gives the same logits; a broken index is refused naming the problem.
TEST(Gpt2Model, LargeCheckpointsHashWhileTheyLoad) {
    // Above 64 MB the content hash is computed on its own thread during the load (gpt2_model.cpp): it must be
    // the FNV-1a of config.json then model.safetensors, as for a small checkpoint, and a model destroyed
    // before asking for it must wait for the thread, not crash.
    const fs::path dir =
        fs::temp_directory_path() / ("kronscope-test-large-hash-" + std::to_string(::getpid()));
    Gpt2Config c;
    c.vocab_size = 50257;
    c.n_embd = 320;  // 16.1 M embedding floats + 4 small blocks: ~70 MB of float32
    c.n_layer = 1;
    c.n_head = 5;
    c.n_positions = 64;
    RandomCheckpointOptions o;
    o.seed = 3;
    o.copy_tokenizer = false;
    writeRandomCheckpoint(dir.string(), c, o);
    ASSERT_GE(fs::file_size(dir / "model.safetensors"), uintmax_t{64} << 20);
    const std::string want =
        contentHashOfFiles({(dir / "config.json").string(), (dir / "model.safetensors").string()});
    EXPECT_EQ(Gpt2Model::load(dir.string())->contentHash(), want);
    { const auto unasked = Gpt2Model::load(dir.string()); }
    fs::remove_all(dir);
}

TEST(Gpt2Model, ShardedCheckpointEqualsTheSingleFile) {
    TempCheckpoint single("single");
    TempCheckpoint sharded("sharded");
    {
        const auto file = SafetensorsFile::open((sharded / "model.safetensors").string());
        std::vector<TensorToWrite> parts[2];
        nlohmann::json map = nlohmann::json::object();
        for (size_t i = 0; i < file.tensors().size(); ++i) {
            const auto& t = file.tensors()[i];
            const int k = i < file.tensors().size() / 2 ? 0 : 1;
            parts[k].push_back({t.name, t.dtype, t.shape, file.data(t), t.bytes()});
            map[t.name] = k == 0 ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
        }
        writeSafetensors((sharded / "model-00001-of-00002.safetensors").string(), parts[0]);
        writeSafetensors((sharded / "model-00002-of-00002.safetensors").string(), parts[1]);
        std::ofstream(sharded / "model.safetensors.index.json")
            << nlohmann::json{{"metadata", {{"total_size", 0}}}, {"weight_map", map}}.dump();
    }
    fs::remove(sharded / "model.safetensors");
    const auto a = Gpt2Model::load(single.dir.string());
    const auto b = Gpt2Model::load(sharded.dir.string());
    const std::vector<int32_t> ids = {1, 5, 9, 2, 7, 3};
    EXPECT_EQ(a->logits(ids), b->logits(ids));
    EXPECT_NE(a->contentHash(), b->contentHash());  // the hash covers the index and the shards

    const fs::path index = sharded / "model.safetensors.index.json";
    const std::string good = readJson(index).dump();
    auto broken = [&](const std::function<void(nlohmann::json&)>& edit) {
        auto j = nlohmann::json::parse(good);
        edit(j);
        std::ofstream(index) << j.dump();
        return loadError(sharded);
    };
    EXPECT_NE(broken([](nlohmann::json& j) {
                  j["weight_map"]["wte.weight"] = "../model.safetensors";
              }).find("is not a file name in the checkpoint folder"),
              std::string::npos);
    EXPECT_NE(broken([](nlohmann::json& j) {
                  j["weight_map"]["wte.weight"] = "model-00003-of-00002.safetensors";
              }).find("which is not in the folder"),
              std::string::npos);
    EXPECT_NE(broken([](nlohmann::json& j) { j["weight_map"].erase("wpe.weight"); }).find("is not in"),
              std::string::npos);
    EXPECT_NE(broken([](nlohmann::json& j) {
                  j["weight_map"]["nothing.weight"] = "model-00001-of-00002.safetensors";
              }).find("which does not hold it"),
              std::string::npos);
    EXPECT_NE(broken([](nlohmann::json& j) { j.erase("weight_map"); }).find("no \"weight_map\""),
              std::string::npos);
    std::ofstream(index) << good;
    EXPECT_EQ(Gpt2Model::load(sharded.dir.string())->logits(ids), a->logits(ids));
}
