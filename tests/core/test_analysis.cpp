// The analysis layer: structure map and decomposition as core analyses (planted truth in, found out; the same
// numbers as the functions they are built on), the result codec (round trips, checked reads naming the
// field), the session-state upgrade of the committed main session, and the file helpers every reader and
// writer uses.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include "kronscope/core/analysis/decompose_matrix.h"
#include "kronscope/core/analysis/structure_map.h"
#include "kronscope/core/analysis/training.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/base/hash.h"
#include "kronscope/core/codec/result_json.h"
#include "kronscope/core/codec/session_state.h"
#include "kronscope/core/io/safetensors.h"
#include "kronscope/core/io/session_file.h"
#include "kronscope/core/model/checkpoint_writer.h"
#include "kronscope/core/model/matrix_targets.h"

using namespace kronscope::core;
namespace fs = std::filesystem;

namespace {

std::string inputErrorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no InputError)";
}

/// A 1-layer, n_embd 16 random GPT-2 whose h.0.attn.c_proj (16 x 16) is replaced by an exact Kronecker sum
/// sum_{k<2} A_k (x) S_k with A_k 2 x 2: planted structure at block size 2 (r = 2 terms), none expected at 4.
struct PlantedModel {
    fs::path dir;
    std::unique_ptr<Gpt2Model> model;
    PlantedModel() {
        dir = fs::temp_directory_path() / ("kronscope-analysis-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        Gpt2Config c = presetConfig("gpt2");
        c.n_layer = 1;
        c.n_embd = 16;
        c.n_head = 2;
        c.n_positions = 32;
        c.vocab_size = 64;
        RandomCheckpointOptions o;
        o.seed = 7;
        o.copy_tokenizer = false;
        writeRandomCheckpoint(dir.string(), c, o);
        // Rewrite model.safetensors with the planted matrix.
        const auto path = (dir / "model.safetensors").string();
        std::vector<std::vector<uint8_t>> keep;
        std::vector<TensorToWrite> out;
        {
            auto f = SafetensorsFile::open(path);
            for (const auto& t : f.tensors()) {
                keep.emplace_back(f.data(t), f.data(t) + t.bytes());
                if (t.name == "h.0.attn.c_proj.weight") {
                    std::mt19937 rng(3);
                    std::normal_distribution<float> g(0.f, 1.f);
                    float a[2][2][2], s[2][8][8];
                    for (auto& x : a)
                        for (auto& y : x)
                            for (auto& z : y) z = g(rng);
                    for (auto& x : s)
                        for (auto& y : x)
                            for (auto& z : y) z = g(rng);
                    std::vector<float> w(256, 0.f);
                    for (int k = 0; k < 2; ++k)
                        for (int i = 0; i < 16; ++i)
                            for (int j = 0; j < 16; ++j)
                                w[i * 16 + j] += a[k][i / 8][j / 8] * s[k][i % 8][j % 8];
                    keep.back().assign(reinterpret_cast<uint8_t*>(w.data()),
                                       reinterpret_cast<uint8_t*>(w.data()) + 1024);
                }
                out.push_back({t.name, t.dtype, t.shape, nullptr, t.bytes()});
            }
        }
        for (size_t i = 0; i < out.size(); ++i) out[i].data = keep[i].data();
        writeSafetensors(path, out);
        model = Gpt2Model::load(dir.string());
    }
    ~PlantedModel() { fs::remove_all(dir); }
};

}  // namespace

TEST(StructureMap, FindsThePlantedKroneckerMatrixAndMatchesItsParts) {
    PlantedModel pm;
    StructureMapRequest rq;
    rq.block_sizes = {2, 3, 4};
    rq.null_draws = 5;
    rq.seed = 11;
    Progress p;
    const auto r = runStructureMap(*pm.model, rq, p);
    ASSERT_EQ(r.matrices.size(), 4u);
    ASSERT_EQ(r.values.size(), 12u);
    EXPECT_EQ(r.model_hash, pm.model->contentHash());
    for (size_t i = 0; i < r.matrices.size(); ++i) {
        const auto w = pm.model->originalMatrix(r.matrices[i]);
        for (size_t c = 0; c < 3; ++c) {
            const int64_t n = rq.block_sizes[c];
            if (w.rows % n || w.cols % n) {
                EXPECT_TRUE(std::isnan(r.at(i, c))) << r.matrices[i] << " n=" << n;  // 3 divides nothing here
                continue;
            }
            // The same numbers as the fit and its null computed directly.
            const auto spec = KroneckerSpec::forBlockSize(w.rows, w.cols, n);
            const auto null = kroneckerErrorNull(w, spec, NullKind::Gaussian, 5, 11);
            const double direct = fitKronecker(w, spec).rel_err / null.mean;
            EXPECT_NEAR(r.at(i, c), direct, 1e-12) << r.matrices[i] << " n=" << n;
            EXPECT_NEAR(r.null_mean[i * 3 + c], null.mean, 1e-15);
            if (r.matrices[i] == "h.0.attn.c_proj") {
                if (n == 2) {
                    EXPECT_LT(r.at(i, c), 1e-4) << "the planted Kronecker sum must be found";
                }
            } else
                EXPECT_GT(r.at(i, c), 0.8)
                    << r.matrices[i] << " n=" << n << ": random weights are near their null";
        }
    }
    // Targets: one grammar; kron-err has no nulls; the request is validated.
    rq.targets = MatrixTargets::parse("attn+kinds:attn.c_proj");
    rq.metric = MapMetric::KronErr;
    const auto one = runStructureMap(*pm.model, rq, p);
    ASSERT_EQ(one.matrices, std::vector<std::string>{"h.0.attn.c_proj"});
    EXPECT_TRUE(one.null_mean.empty());
    EXPECT_LT(one.at(0, 0), 1e-4);
    rq.block_sizes.clear();
    EXPECT_NE(inputErrorOf([&] { runStructureMap(*pm.model, rq, p); }).find("block sizes"),
              std::string::npos);
    rq.block_sizes = {2};
    rq.targets = MatrixTargets::parse("layers:3-4");
    EXPECT_NE(inputErrorOf([&] { runStructureMap(*pm.model, rq, p); }).find("select no matrix"),
              std::string::npos);
    EXPECT_EQ(parseMapMetric("svd-err"), MapMetric::SvdErr);
    EXPECT_NE(inputErrorOf([] { parseMapMetric("kron"); }).find("kron-ratio"), std::string::npos);
}

TEST(Decomposition, AnalysisEqualsItsPartsWithBothNulls) {
    PlantedModel pm;
    DecompositionRequest rq;
    rq.matrix = "h.0.mlp.c_fc";
    rq.block_size = 4;
    rq.null_draws = 4;
    rq.seed = 2;
    Progress p;
    const auto r = runDecomposition(*pm.model, rq, p);
    const auto w = pm.model->originalMatrix("h.0.mlp.c_fc");
    const auto spec = KroneckerSpec::forBlockSize(w.rows, w.cols, 4);
    EXPECT_DOUBLE_EQ(r.rel_err, fitKronecker(w, spec).rel_err);
    const auto g = kroneckerErrorNull(w, spec, NullKind::Gaussian, 4, 2);
    const auto q = kroneckerErrorNull(w, spec, NullKind::Permuted, 4, 2);
    EXPECT_DOUBLE_EQ(r.null.mean, g.mean);
    EXPECT_DOUBLE_EQ(r.null.std, g.std);
    ASSERT_TRUE(r.hasPermutedNull());
    EXPECT_DOUBLE_EQ(r.permuted.mean, q.mean);
    EXPECT_EQ(r.kron.approximation.values.size(), w.values.size());
    rq.kronecker = false;
    rq.permuted_null = false;
    const auto s = runDecomposition(*pm.model, rq, p);
    EXPECT_DOUBLE_EQ(s.rel_err, fitTruncatedSvd(w, matchedSvdRank(w.rows, w.cols, spec.params())).rel_err);
    EXPECT_FALSE(s.hasPermutedNull());
    rq.null_draws = 1;
    EXPECT_NE(inputErrorOf([&] { runDecomposition(*pm.model, rq, p); }).find("null draws"),
              std::string::npos);
    rq.null_draws = 4;
    rq.matrix = "h.9.mlp.c_fc";
    EXPECT_NE(inputErrorOf([&] { runDecomposition(*pm.model, rq, p); }).find("h.9.mlp.c_fc"),
              std::string::npos);
}

TEST(Codec, RoundTripsEveryResult) {
    PlantedModel pm;
    Progress p;
    DecompositionRequest dq;
    dq.matrix = "h.0.attn.c_proj";
    dq.null_draws = 3;
    const auto d = runDecomposition(*pm.model, dq, p);
    std::map<std::string, SessionArray> arrays;
    putArrays(d, "decomposition/", arrays);
    const Json dj = Json::parse(toJson(d).dump());  // through text, as a session stores it
    auto d2 = decompositionFromJson(JsonIn(dj, "decomposition"));
    takeArrays(d2, "decomposition/", arrays);
    EXPECT_EQ(toJson(d2), toJson(d));
    EXPECT_EQ(d2.kron.a, d.kron.a);
    EXPECT_EQ(d2.kron.approximation.values, d.kron.approximation.values);
    EXPECT_DOUBLE_EQ(d2.permuted.mean, d.permuted.mean);

    StructureMapRequest mq;
    mq.block_sizes = {2, 3};
    mq.null_draws = 3;
    const auto m = runStructureMap(*pm.model, mq, p);
    const Json mj = Json::parse(toJson(m).dump());
    EXPECT_TRUE(mj["values"][1].is_null());  // NaN (3 divides nothing) as null
    const auto m2 = structureMapFromJson(JsonIn(mj, "map"));
    EXPECT_EQ(toJson(m2), toJson(m));
    EXPECT_TRUE(std::isnan(m2.at(0, 1)));

    PerplexityResult pr;
    pr.ppl = 12.5;
    pr.nll_sum = 40.1;
    pr.tokens_scored = 16;
    pr.windows = 2;
    pr.max_length = 8;
    pr.stride = 8;
    pr.device = "cpu";
    SweepRow row;
    row.method = "kron";
    row.block_size = 4;
    row.targets = "attn";
    row.matrices = 2;
    row.params = 100;
    row.dense_params = 400;
    row.mean_rel_err = 0.5;
    row.ppl = pr;
    const auto row2 = sweepRowFromJson(JsonIn(toJson(row), "row"));
    EXPECT_EQ(toJson(row2), toJson(row));
    EXPECT_EQ(toJson(perplexityFromJson(JsonIn(toJson(pr), "ppl"))), toJson(pr));
}

TEST(Codec, DamagedDocumentsAreRefusedNamingTheField) {
    Json j = {
        {"request", {{"metric", "kron-ratio"}, {"block_sizes", {2, 4}}, {"null_draws", 3}, {"seed", 0}}},
        {"matrices", {"h.0.mlp.c_fc"}},
        {"values", {0.5, "x"}},
        {"null_mean", {0.6, 0.7}},
        {"null_std", {0.1, 0.1}},
        {"settings", "s"}};
    EXPECT_EQ(inputErrorOf([&] { structureMapFromJson(JsonIn(j, "structure_map")); }),
              "structure_map.values[1]: expected a number, found a string");
    j["values"] = {0.5};
    EXPECT_NE(inputErrorOf([&] { structureMapFromJson(JsonIn(j, "structure_map")); }).find("expected 2"),
              std::string::npos);
    j["values"] = {0.5, 0.6};
    j["request"]["metric"] = 0;
    EXPECT_EQ(inputErrorOf([&] { structureMapFromJson(JsonIn(j, "structure_map")); }),
              "structure_map.request.metric: expected a string, found a number");
    j["request"]["metric"] = "kron-ratio";
    j["request"]["seed"] = -1;
    EXPECT_NE(inputErrorOf([&] { structureMapFromJson(JsonIn(j, "structure_map")); }).find("negative"),
              std::string::npos);
    j.erase("settings");
    EXPECT_EQ(inputErrorOf([&] { structureMapFromJson(JsonIn(j, "m")); }),
              "m.request.seed: a seed cannot be negative");
    j["request"]["seed"] = 0;
    EXPECT_EQ(inputErrorOf([&] { structureMapFromJson(JsonIn(j, "m")); }), "m.settings: missing");
    EXPECT_EQ(inputErrorOf([] { perplexityFromJson(JsonIn(Json("x"), "ppl")); }),
              "ppl: expected an object, found a string");
    const Json big = {{"v", 18446744073709551615ull}};
    EXPECT_EQ(inputErrorOf([&] { JsonIn(big, "j").at("v").integer(); }), "j.v: integer out of range");
}

TEST(SessionState, TheCommittedMainSessionUpgradesToTheCodecForms) {
    const auto doc = readSession(KRONSCOPE_TEST_DATA "/sessions/main-2026-12-01.kss");
    Json s = Json::parse(doc.json);
    EXPECT_EQ(sessionStateVersion(s, "f"), 1);
    upgradeSessionState(s, "f");
    EXPECT_EQ(s["state_version"], kSessionStateVersion);
    const auto rows = JsonIn(s, "state").at("sweep").at("rows");
    ASSERT_EQ(rows.size(), 3u);
    const auto baseline = sweepRowFromJson(rows[0]);
    EXPECT_EQ(baseline.method, "baseline");
    EXPECT_GT(baseline.ppl.ppl, 1.0);
    auto d = decompositionFromJson(JsonIn(s, "state").at("decomposition"));
    takeArrays(d, "decomposition/", doc.arrays);
    EXPECT_EQ(d.request.matrix, "h.1.attn.c_proj");
    EXPECT_EQ(d.request.block_size, 4);
    EXPECT_FALSE(d.hasPermutedNull());
    EXPECT_EQ(d.kron.approximation.rows, 128);
    const auto m = structureMapFromJson(JsonIn(s, "state").at("structure_map"));
    EXPECT_EQ(m.request.metric, MapMetric::KronRatio);
    EXPECT_EQ(m.request.block_sizes, (std::vector<int64_t>{4, 8}));
    EXPECT_EQ(m.values.size(), m.matrices.size() * 2);
    for (double v : m.values) EXPECT_TRUE(v > 0.0 && v < 2.0);
    const auto toy = JsonIn(s, "state").at("toy").at("runs");
    auto t = toyFromJson(toy[0]);
    takeArrays(t, "toy/0/", doc.arrays);
    EXPECT_EQ(t.w.rows, 20);
    // Upgrading again changes nothing; a newer state is refused.
    const Json once = s;
    upgradeSessionState(s, "f");
    EXPECT_EQ(s, once);
    s["state_version"] = kSessionStateVersion + 1;
    EXPECT_NE(inputErrorOf([&] { upgradeSessionState(s, "f.kss"); }).find("newer"), std::string::npos);
    s["state_version"] = "2";
    EXPECT_NE(inputErrorOf([&] { upgradeSessionState(s, "f.kss"); }).find("state_version"),
              std::string::npos);
}

TEST(Training, DefaultsLiveInOnePlace) {
    EXPECT_EQ(defaultWarmup(2000), 100);
    EXPECT_EQ(defaultWarmup(20), 2);
    EXPECT_EQ(defaultEvalInterval(20), 2);
    EXPECT_EQ(defaultEvalInterval(5), 1);
    EXPECT_EQ(defaultEvalInterval(5000), 100);
    TrainingRequest rq;
    rq.settings.steps = 40;
    rq.settings.warmup = -1;
    rq.settings.eval_interval = -1;
    rq.resolveDefaults();
    EXPECT_EQ(rq.settings.warmup, 4);
    EXPECT_EQ(rq.settings.eval_interval, 4);
    rq.settings.out_dir = "x";
    rq.validation = "v.txt";
    EXPECT_NE(inputErrorOf([&] { rq.validate(); }).find("brown has its own"), std::string::npos);
}

TEST(Files, ReadsOnlyRegularFilesAndWritesAtomically) {
    const fs::path dir = fs::temp_directory_path() / ("kronscope-files-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const auto fifo = (dir / "fifo").string();
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_NE(inputErrorOf([&] { readTextFile(fifo, "text file"); }).find("not a regular file"),
              std::string::npos);
    EXPECT_NE(inputErrorOf([] { readTextFile("/dev/zero", "text file"); }).find("not a regular file"),
              std::string::npos);
    EXPECT_NE(inputErrorOf([&] { readTextFile(dir.string(), "text file"); }).find("is a folder"),
              std::string::npos);
    EXPECT_NE(inputErrorOf([&] { readTextFile((dir / "none").string(), "text file"); }).find("No such file"),
              std::string::npos);
    const auto big = (dir / "big.txt").string();
    { std::ofstream(big) << std::string(100, 'x'); }
    EXPECT_NE(inputErrorOf([&] { readTextFile(big, "text file", 99); }).find("limit of 99"),
              std::string::npos);
    EXPECT_EQ(readTextFile(big).size(), 100u);

    // A planted symlink at a predictable temporary name is never followed: mkstemp picks its own name.
    const auto victim = (dir / "victim").string();
    { std::ofstream(victim) << "keep"; }
    fs::create_symlink(victim, dir / "out.md.tmp");
    const auto out = (dir / "out.md").string();
    writeFileAtomically(out, "table\n");
    EXPECT_EQ(readTextFile(out), "table\n");
    EXPECT_EQ(readTextFile(victim), "keep");
    EXPECT_FALSE(fs::is_symlink(out));
    // A folder as the output, a missing folder: refused before anything is written.
    EXPECT_NE(inputErrorOf([&] { writeFileAtomically(dir.string(), "x"); }).find("is a folder"),
              std::string::npos);
    EXPECT_NE(
        inputErrorOf([&] { checkWritableOutput((dir / "no" / "x.md").string()); }).find("does not exist"),
        std::string::npos);
    size_t leftovers = 0;
    for (const auto& e : fs::directory_iterator(dir))
        leftovers += e.path().filename().string().rfind(".out.md", 0) == 0;
    EXPECT_EQ(leftovers, 0u);
    fs::remove_all(dir);
}

TEST(Hash, Fnv1aOfKnownVectors) {
    // Values from an independent three-line Python FNV-1a with Kronscope's offset basis 1469598103934665603
    // (see base/hash.h): h = basis; for each byte: h = ((h ^ byte) * 1099511628211) mod 2^64.
    EXPECT_EQ(contentHashOf(""), "14650fb0739d0383");
    EXPECT_EQ(contentHashOf("a"), "44bd8ad473cd9906");
    EXPECT_EQ(contentHashOf("foobar"), "88fad7c0a8ff07f2");
    Fnv1a h;
    h.update("foo");
    h.update("bar");
    EXPECT_EQ(h.hex(), "88fad7c0a8ff07f2");
}
