// The modular-arithmetic lab (seed 002): the tasks and split, a TransformerLens-layout checkpoint written by
// an independent script (tests/scripts/make_modular_golden.py, numpy), planted truths for every analysis, the
// trainer's reproducibility, resume and refusals, and the probes on a modular model.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "kronscope/core/analysis/modular.h"
#include "kronscope/core/analysis/structure_probe.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/base/files.h"
#include "kronscope/core/codec/modular_json.h"

using namespace kronscope::core;
namespace fs = std::filesystem;

namespace {
struct Quiet : Progress {};

const std::string kTl = std::string(KRONSCOPE_TEST_DATA) + "/modular-tl";

fs::path scratch(const std::string& name) {
    const fs::path p =
        fs::temp_directory_path() / ("kronscope-test-modular-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(p);
    return p;
}

ModularTrainSettings tinySettings(const fs::path& out) {
    ModularTrainSettings s;
    s.task = ModularTask::Nanda;
    s.p = 13;
    s.d_model = 16;
    s.n_heads = 2;
    s.steps = 30;
    s.eval_interval = 10;
    s.dropout = 0.1;
    s.out_dir = out.string();
    return s;
}

std::vector<float> weightsOf(const fs::path& dir) {
    const auto m = ModularModel::load(dir.string());
    std::vector<float> all;
    for (const auto& r : m->matrices()) {
        const auto w = m->originalMatrix(r.name);
        all.insert(all.end(), w.values.begin(), w.values.end());
    }
    return all;
}

}  // namespace

TEST(ModularData, TasksModuliAndSplit) {
    EXPECT_EQ(modularModuli(ModularTask::Miiii, 113).size(), 29u);
    EXPECT_EQ(modularModuli(ModularTask::Miiii, 113).back(), 109);
    EXPECT_EQ(modularModuli(ModularTask::Masked, 113).size(), 25u);
    EXPECT_EQ(modularModuli(ModularTask::Masked, 113).front(), 11);
    EXPECT_EQ(modularModuli(ModularTask::Nanda, 113), std::vector<int64_t>{113});
    const auto d = makeModularDataset(ModularTask::Miiii, 113, 7);
    EXPECT_EQ(d.train.size(), 3831u);  // round(0.3 * 12769)
    EXPECT_EQ(d.validation.size(), 1000u);
    EXPECT_EQ(d.test.size(), 12769u - 3831u - 1000u);
    std::set<int32_t> all(d.train.begin(), d.train.end());
    all.insert(d.validation.begin(), d.validation.end());
    all.insert(d.test.begin(), d.test.end());
    EXPECT_EQ(all.size(), 12769u);  // a partition
    // Labels: pair i = (x0, x1) = (i / p, i % p); task q is (x0 + x1 p) mod q.
    const int64_t i = 5 * 113 + 77, t = d.tasks();
    EXPECT_EQ(d.labels[static_cast<size_t>(i * t + 0)], (5 + 77 * 113) % 2);
    EXPECT_EQ(d.labels[static_cast<size_t>(i * t + 28)], (5 + 77 * 113) % 109);
    const auto n = makeModularDataset(ModularTask::Nanda, 113, 7);
    EXPECT_EQ(n.labels[static_cast<size_t>(i)], (5 + 77) % 113);
    EXPECT_EQ(n.train, d.train);  // the split depends on the seed only
    EXPECT_NE(makeModularDataset(ModularTask::Nanda, 113, 8).train, d.train);
    // basis: the same label counts per task, moved to other inputs.
    const auto b = makeModularDataset(ModularTask::Basis, 113, 7);
    for (int64_t k : {0, 5, 28}) {
        std::map<int32_t, int> cm, cb;
        int same = 0;
        for (int64_t j = 0; j < 12769; ++j) {
            ++cm[d.labels[static_cast<size_t>(j * t + k)]];
            ++cb[b.labels[static_cast<size_t>(j * t + k)]];
            same += d.labels[static_cast<size_t>(j * t + k)] == b.labels[static_cast<size_t>(j * t + k)];
        }
        EXPECT_EQ(cm, cb);
        EXPECT_LT(same, 12769 * 0.6);  // mostly moved (q = 2 agrees half the time by chance)
    }
    EXPECT_THROW(makeModularDataset(ModularTask::Nanda, 100, 0), InputError);  // not a prime
    EXPECT_THROW(makeModularDataset(ModularTask::Masked, 11, 0), InputError);  // no prime q in (7, 11)
    EXPECT_THROW(parseModularTask("sum"), InputError);
}

TEST(ModularModel, TransformerLensCheckpointMatchesTheIndependentScript) {
    const auto m = ModularModel::load(kTl);
    EXPECT_EQ(m->config().task, ModularTask::Nanda);  // inferred: no task or p in config.json
    EXPECT_EQ(m->config().p, 7);
    EXPECT_EQ(m->config().n_layers, 2);
    EXPECT_TRUE(m->hasBiases());
    const auto expected = nlohmann::json::parse(readTextFile(kTl + "/expected.json"));
    std::vector<int32_t> pairs(49);
    for (int i = 0; i < 49; ++i) pairs[static_cast<size_t>(i)] = i;
    const auto logits = m->logits(pairs);
    const auto& want = expected.at("logits");
    ASSERT_EQ(logits.size(), want.size());
    double worst = 0, scale = 0;
    for (size_t i = 0; i < logits.size(); ++i) {
        worst = std::max(worst, std::abs(logits[i] - want[i].get<double>()));
        scale = std::max(scale, std::abs(want[i].get<double>()));
    }
    EXPECT_GT(scale, 1.0);
    EXPECT_LT(worst, 1e-5 * scale) << "largest |logit| " << scale;  // float32 here, float64 in the script
    EXPECT_TRUE(isModularCheckpoint(kTl));
    EXPECT_FALSE(isModularCheckpoint(std::string(KRONSCOPE_TEST_DATA) + "/tiny-gpt2"));
}

TEST(ModularModel, RefusesWhatItCannotRun) {
    const fs::path dir = scratch("bad");
    fs::create_directories(dir);
    fs::copy_file(kTl + "/model.safetensors", dir / "model.safetensors");
    auto config = nlohmann::json::parse(readTextFile(kTl + "/config.json"));
    auto tryConfig = [&](nlohmann::json c, const std::string& needle) {
        writeTextFile((dir / "config.json").string(), c.dump());
        try {
            ModularModel::load(dir.string());
            ADD_FAILURE() << "loaded: " << c.dump();
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        }
    };
    auto c = config;
    c["normalization_type"] = "LN";
    tryConfig(c, "normalization_type");
    c = config;
    c["d_model"] = 16;
    tryConfig(c, "embed.W_E");  // the shapes no longer match
    c = config;
    c["n_layers"] = 1;
    tryConfig(c, "blocks.1");  // a tensor the config does not describe
    c = config;
    c["d_vocab_out"] = 9;
    tryConfig(c, "task");
    c = config;
    c["act_fn"] = "gelu";
    tryConfig(c, "act_fn");
    writeTextFile((dir / "config.json").string(), "{");
    EXPECT_THROW(ModularModel::load(dir.string()), InputError);
    fs::remove_all(dir);
}

TEST(ModularAnalyses, PlantedFrequenciesAreTheActiveOnes) {
    const int64_t p = 113, d = 64;
    std::mt19937_64 rng(3);
    std::normal_distribution<double> noise(0.0, 0.02);
    MatrixF w{p + 1, d, std::vector<float>(static_cast<size_t>((p + 1) * d))};
    const std::vector<int64_t> planted{4, 17, 32};
    const double pi = std::acos(-1.0);
    for (int64_t x = 0; x <= p; ++x)
        for (int64_t j = 0; j < d; ++j) {
            double v = noise(rng);
            for (size_t f = 0; f < planted.size(); ++f) {
                const double a = 2 * pi * planted[f] * x / p;
                v += (j == static_cast<int64_t>(2 * f)       ? std::cos(a)
                      : j == static_cast<int64_t>(2 * f + 1) ? std::sin(a)
                                                             : 0.0);
            }
            w.values[static_cast<size_t>(x * d + j)] = static_cast<float>(v);
        }
    const auto f = fourierOfRows(w, p);
    EXPECT_EQ(f.active, planted);
    EXPECT_EQ(f.norm.size(), 56u);
    // cos of frequency k in column 2f: its cos norm is sqrt(p / 2) (orthonormal basis), the sin norm of it 0.
    EXPECT_NEAR(f.cos_norm[3], std::sqrt(p / 2.0), 0.1);
    // Energy: the components hold ||W[0:p]||^2 (p odd: no Nyquist term).
    double total = 0, parts = f.constant_norm * f.constant_norm;
    for (int64_t i = 0; i < p * d; ++i)
        total += static_cast<double>(w.values[static_cast<size_t>(i)]) * w.values[static_cast<size_t>(i)];
    for (double n : f.norm) parts += n * n;
    EXPECT_NEAR(parts, total, 1e-6 * total);
    // The SVD sees the 6 planted directions: 50% and 90% of the variance within them.
    MatrixF numbers = w;
    numbers.rows = p;
    numbers.values.resize(static_cast<size_t>(p * d));
    const auto s = spectrumOf(numbers, 4);
    EXPECT_LE(s.rank90, 6);
    EXPECT_GE(s.rank50, 3);
    EXPECT_EQ(s.left_vectors.size(), static_cast<size_t>(4 * p));
}

TEST(ModularAnalyses, PearsonAndTheTwoDimensionalTransform) {
    const std::vector<double> a{1, 2, 3, 4.5, -1}, b{-2, 0.5, 9, 1, 1};
    EXPECT_DOUBLE_EQ(pearson(a, a), 1.0);
    EXPECT_NEAR(pearson(a, {-1, -2, -3, -4.5, 1}), -1.0, 1e-12);
    EXPECT_TRUE(std::isnan(pearson(a, {1, 1, 1, 1, 1})));
    EXPECT_THROW(pearson(a, {1, 2}), InputError);
    // A map cos(2 pi (3 x + 5 y) / p): its 2D DFT is p^2 / 2 at (3, 5) and (p - 3, p - 5), zero elsewhere.
    const int64_t p = 17;
    std::vector<float> map(static_cast<size_t>(p * p)), sum(map.size());
    const double pi = std::acos(-1.0);
    for (int64_t x = 0; x < p; ++x)
        for (int64_t y = 0; y < p; ++y) {
            map[static_cast<size_t>(x * p + y)] = static_cast<float>(std::cos(2 * pi * (3 * x + 5 * y) / p));
            // A neuron of Nanda et al.'s kind: frequency 3 of x0, of x1 and of x0 + x1.
            sum[static_cast<size_t>(x * p + y)] =
                static_cast<float>(std::cos(2 * pi * 3 * (x + y) / p) + 0.5 * std::cos(2 * pi * 3 * x / p) +
                                   0.3 * std::sin(2 * pi * 3 * y / p));
        }
    const auto m = dft2dMagnitude(map, p);
    EXPECT_NEAR(m[static_cast<size_t>(3 * p + 5)], p * p / 2.0, 1e-3);
    EXPECT_NEAR(m[static_cast<size_t>((p - 3) * p + (p - 5))], p * p / 2.0, 1e-3);
    EXPECT_NEAR(m[static_cast<size_t>(1 * p + 1)], 0.0, 1e-3);
    std::vector<float> acts(static_cast<size_t>(p * p * 3), 0.0f);
    for (int64_t i = 0; i < p * p; ++i) {
        acts[static_cast<size_t>(i * 3)] = sum[static_cast<size_t>(i)];
        acts[static_cast<size_t>(i * 3 + 2)] = map[static_cast<size_t>(i)];
    }
    const auto n = summarizeNeurons(acts, p, 3);
    EXPECT_EQ(n[0].kx, 3);
    EXPECT_EQ(n[0].ky, 3);
    EXPECT_EQ(n[0].k, 3);
    EXPECT_NEAR(n[0].k_share, 1.0, 1e-6);  // all of its energy is in frequency 3's family
    EXPECT_EQ(n[2].kx, 3);
    EXPECT_NEAR(n[2].k_share, 0.0, 1e-6);  // (3, 5) mixes two frequencies: outside 3's family
    EXPECT_EQ(n[1].variance, 0.0);
}

TEST(ModularTrainer, ReproducibleResumableAndScoredFromTheWrittenFiles) {
    const fs::path a = scratch("a"), b = scratch("b");
    Quiet q;
    auto s = tinySettings(a);
    const auto ra = trainModular(s, q);
    EXPECT_TRUE(ra.complete);
    EXPECT_EQ(ra.history.size(), 4u);  // steps 0, 10, 20, 30
    EXPECT_LT(ra.history.back().train_loss, ra.history.front().train_loss);
    // 20 steps, then 10 resumed steps == 30 straight, bit for bit.
    auto sb = tinySettings(b);
    sb.stop_after = 20;
    EXPECT_FALSE(trainModular(sb, q).complete);
    auto resumed = loadModularSettings(b.string());
    EXPECT_EQ(resumed.steps, 30);
    const auto rb = trainModular(resumed, q);
    EXPECT_TRUE(rb.complete);
    EXPECT_EQ(weightsOf(a), weightsOf(b));
    EXPECT_EQ(rb.history.size(), ra.history.size());
    // The written model scores what the trainer logged at the end (the same forward pass, no dropout).
    const auto m = ModularModel::load(a.string());
    const auto scores = m->score(makeModularDataset(s.task, s.p, s.seed));
    EXPECT_NEAR(scores[0].train_acc, ra.history.back().tasks[0].train_acc, 1e-12);
    EXPECT_NEAR(scores[0].val_acc, ra.history.back().tasks[0].val_acc, 1e-12);
    EXPECT_EQ(readModularLog(a.string()).size(), ra.history.size());
    // A second run into the same folder is refused; a damaged state is refused on resume.
    EXPECT_THROW(trainModular(s, q), InputError);
    {
        std::fstream f(b / "modular_state.pt", std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(100);
        f.put('\x55');
    }
    EXPECT_THROW(trainModular(loadModularSettings(b.string()), q), InputError);
    fs::remove_all(a);
    fs::remove_all(b);
}

TEST(ModularTrainer, CancelSavesAResumableRunAndBadSettingsAreNamed) {
    const fs::path a = scratch("cancel");
    Quiet q;
    auto s = tinySettings(a);
    q.cancel();
    const auto r = trainModular(s, q);
    EXPECT_TRUE(r.cancelled);
    EXPECT_TRUE(fs::exists(a / "model.safetensors"));
    EXPECT_TRUE(fs::exists(a / "modular_state.pt"));
    s.out_dir.clear();
    EXPECT_THROW(trainModular(s, q), Cancelled);
    Quiet go;
    auto bad = tinySettings(scratch("bad-settings"));
    bad.n_heads = 3;  // 16 is not divisible by 3
    EXPECT_THROW(trainModular(bad, go), InputError);
    bad = tinySettings(scratch("bad-settings"));
    bad.grokfast_alpha = 1.0;
    EXPECT_THROW(trainModular(bad, go), InputError);
    bad = tinySettings(scratch("bad-settings"));
    bad.p = 12;
    EXPECT_THROW(trainModular(bad, go), InputError);
    fs::remove_all(a);
}

TEST(ModularLab, AnalysesJsonRoundTripAndProbesRunOnTheModel) {
    const auto m = ModularModel::load(kTl);
    Quiet q;
    ModularAnalysisRequest rq;
    rq.neurons_shown = 3;
    rq.layer = 1;
    const auto r = runModularAnalysis(*m, rq, q);
    EXPECT_TRUE(r.has_positional && r.has_svd && r.has_fourier && r.has_neurons && r.has_attention);
    EXPECT_EQ(r.maps.size(), 3u);
    EXPECT_EQ(r.attention.size(), 3u);  // heads
    for (size_t i = 0; i < 49; ++i) {   // the "=" query's weights on x0, x1 and itself sum to 1
        EXPECT_GE(r.attention[0][i], 0.0f);
        EXPECT_LE(r.attention[0][i] + r.attention_x1[0][i], 1.0f + 1e-6f);
    }
    const auto j = toJson(r, false);
    std::map<std::string, SessionArray> arrays;
    putArrays(r, "m/", arrays);
    auto back = modularAnalysisFromJson(JsonIn(j, "result"));
    takeArrays(back, "m/", arrays);
    EXPECT_TRUE(toJson(back, true) == toJson(r, true));  // (not EXPECT_EQ: the texts are long)
    // The structure probes take the modular model's matrices; shapes the block size does not divide are
    // listed as skipped (W_E is 8 x 12, W_U 12 x 7).
    ProbeRequest pr;
    pr.kind = ProbeKind::KronRatio;
    pr.settings.block_size = 2;
    pr.settings.null_draws = 3;
    const auto runs = runStructureProbe(*m, pr, q);
    const auto& rep = std::get<KronRatioReport>(runs.front().report);
    EXPECT_EQ(rep.skipped.size(), 1u);  // unembed.W_U
    EXPECT_NE(rep.skipped.front().find("unembed.W_U"), std::string::npos);
    EXPECT_EQ(rep.matrices.size(), m->matrices().size() - 1);
    EXPECT_EQ(runs.front().model_hash, m->contentHash());
}

TEST(ModularShipped, ValidationAccuracyRecomputedFromTheShippedFiles) {
    const fs::path root = fs::path(KRONSCOPE_SOURCE_DIR) / "resources" / "modular";
    if (!fs::exists(root)) GTEST_SKIP() << "no shipped modular models in the tree";
    int seen = 0;
    for (const auto& entry : fs::directory_iterator(root)) {
        if (!fs::exists(entry.path() / "model.safetensors")) continue;
        ++seen;
        const auto m = ModularModel::load(entry.path().string());
        EXPECT_LE(fs::file_size(entry.path() / "model.safetensors"), 4u << 20) << entry.path();
        const auto& c = m->config();
        const auto scores = m->score(makeModularDataset(c.task, c.p, c.seed));
        const auto log = readModularLog(entry.path().string());
        ASSERT_FALSE(log.empty()) << entry.path();
        double mean_val = 0, chance_gap = 0;
        for (size_t k = 0; k < scores.size(); ++k) {
            // The files give exactly what the trainer measured at its last evaluation (same forward pass).
            EXPECT_NEAR(scores[k].val_acc, log.back().tasks[k].val_acc, 1e-12)
                << entry.path() << " q " << scores[k].q;
            mean_val += scores[k].val_acc / static_cast<double>(scores.size());
            chance_gap += (scores[k].val_acc - 1.0 / static_cast<double>(scores[k].q)) /
                          static_cast<double>(scores.size());
        }
        const std::string name = entry.path().filename().string();
        if (name == "nanda-p113") EXPECT_EQ(mean_val, 1.0);
        if (c.task == ModularTask::Nanda) EXPECT_GT(mean_val, 0.97) << name;
        if (c.task == ModularTask::Basis) EXPECT_LT(std::abs(chance_gap), 0.05) << name;  // chance level
    }
    EXPECT_GE(seen, 3);
}
