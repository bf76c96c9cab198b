// Corpus pipeline (Brown text, split by file, unigram baseline) and the GPT-2 trainer: loss goes down,
// a seed reproduces a run bit for bit, resuming equals running straight, and the exported checkpoint is the
// trained model (Gpt2Model::load's logits vs the trainer's own forward pass, 1e-4 of max |logit|).
// The trainer cases use a 1-layer, n_embd 32 model with a 512-token vocabulary on synthetic ids: seconds.
#include <gtest/gtest.h>
#include <torch/torch.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "../../core/src/model/checkpoint_impl.h"
#include "../../core/src/train/trainer_impl.h"
#include "kronscope/core/train/corpus.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/io/safetensors.h"
#include "kronscope/core/tokenizer/tokenizer.h"
#include "kronscope/core/train/trainer.h"
#include "trainer_test_util.h"

using namespace kronscope::core;
using namespace kronscope::test;
namespace fs = std::filesystem;

namespace {

/// All F32 tensors of a safetensors file, concatenated in file order.
std::vector<float> weightsOf(const std::string& dir) {
    const auto file = SafetensorsFile::open((fs::path(dir) / "model.safetensors").string());
    std::vector<float> out;
    for (const auto& t : file.tensors()) {
        EXPECT_EQ(t.dtype, DType::F32) << t.name;
        const size_t n = t.bytes() / 4, at = out.size();
        out.resize(at + n);
        std::memcpy(out.data() + at, file.data(t), t.bytes());
    }
    return out;
}

std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

}  // namespace

// ---- corpus ----

TEST(Corpus, BrownToTextOnCraftedSample) {
    const std::string raw =
        "\n\n\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' ./.\n"
        "\tIt/pps did/dod n't/* ,/, (/( he/pps said/vbd )/) go/vb ;/. Bob/np 's/$ dog/nn ?/.\n"
        "\n\n\n\t1-1/2/cd miles/nns --/-- '/' here/rb '/' !/.\n\n";
    const std::string expected =
        "The jury said \"no evidence\". It didn't, (he said) go; Bob's dog?\n"
        "\n"
        "1-1/2 miles -- 'here'!\n";
    EXPECT_EQ(brownToText(raw), expected);
    EXPECT_EQ(brownToText("\n\n  \n"), "");
}

TEST(Corpus, SplitRule) {
    int counts[3] = {0, 0, 0};
    for (size_t i = 0; i < 500; ++i) ++counts[static_cast<int>(brownSplitPart(i))];
    EXPECT_EQ(counts[static_cast<int>(SplitPart::kTrain)], 425);
    EXPECT_EQ(counts[static_cast<int>(SplitPart::kValidation)], 25);
    EXPECT_EQ(counts[static_cast<int>(SplitPart::kTest)], 50);
    EXPECT_EQ(brownSplitPart(9), SplitPart::kTest);
    EXPECT_EQ(brownSplitPart(4), SplitPart::kValidation);
    EXPECT_EQ(brownSplitPart(14), SplitPart::kTrain);
    EXPECT_EQ(brownSplitPart(24), SplitPart::kValidation);
}

TEST(Corpus, BrownSplitIsDeterministicAndDisjoint) {
    const std::string dir = brownCorpusDirectory();
    if (dir.empty() || !fs::is_directory(dir)) GTEST_SKIP() << "Brown corpus not in the data cache";
    const auto a = loadBrownCorpus();
    const auto b = loadBrownCorpus(dir);
    EXPECT_EQ(a.train_files.size(), 425u);
    EXPECT_EQ(a.validation_files.size(), 25u);
    EXPECT_EQ(a.test_files.size(), 50u);
    EXPECT_EQ(a.train, b.train);
    EXPECT_EQ(a.validation, b.validation);
    EXPECT_EQ(a.test, b.test);
    EXPECT_EQ(a.test_files, b.test_files);
    std::set<std::string> seen;
    for (const auto* list : {&a.train_files, &a.validation_files, &a.test_files})
        for (const auto& f : *list) EXPECT_TRUE(seen.insert(f).second) << f << " is in two splits";
    EXPECT_EQ(seen.size(), 500u);
    EXPECT_EQ(a.train_files.front(), "ca01");
    EXPECT_EQ(a.validation_files.front(), "ca05");
    EXPECT_EQ(a.test_files.front(), "ca10");
    // Readable text: no tags left, quotes converted.
    EXPECT_EQ(a.test.find("/at "), std::string::npos);
    EXPECT_EQ(a.test.find("``"), std::string::npos);
    EXPECT_GT(a.train.size(), 5 * a.test.size());
    std::printf("[   INFO   ] Brown split: train %zu bytes, validation %zu, test %zu\n", a.train.size(),
                a.validation.size(), a.test.size());
}

TEST(Corpus, TextFileCorpus) {
    TempDir tmp("text");
    std::ofstream(tmp.sub("a.txt")) << "hello world\n";
    std::ofstream(tmp.sub("b.txt")) << "validation\n";
    const auto c = loadTextCorpus(tmp.sub("a.txt"), tmp.sub("b.txt"));
    EXPECT_EQ(c.train, "hello world\n");
    EXPECT_EQ(c.validation, "validation\n");
    EXPECT_TRUE(c.test.empty());
    EXPECT_THROW(loadTextCorpus(tmp.sub("missing.txt")), InputError);
    std::ofstream(tmp.sub("empty.txt")).flush();
    EXPECT_THROW(loadTextCorpus(tmp.sub("empty.txt")), InputError);
}

TEST(Corpus, UnigramPerplexityAddOne) {
    // counts: 0 -> 2, 1 -> 1, 2 -> 0; N = 3, V = 3: p = 3/6, 2/6, 1/6.
    EXPECT_NEAR(unigramPerplexity({0, 0, 1}, {0}, 3), 2.0, 1e-12);
    EXPECT_NEAR(unigramPerplexity({0, 0, 1}, {2}, 3), 6.0, 1e-12);
    EXPECT_NEAR(unigramPerplexity({0, 0, 1}, {0, 2}, 3), std::sqrt(12.0), 1e-12);
    EXPECT_NEAR(unigramPerplexity({}, {4, 1}, 10), 10.0, 1e-12);  // uniform without training data
    EXPECT_THROW(unigramPerplexity({0}, {}, 3), InputError);
    EXPECT_THROW(unigramPerplexity({0}, {3}, 3), InputError);
    EXPECT_THROW(unigramPerplexity({-1}, {0}, 3), InputError);
}

// ---- trainer ----

TEST(Trainer, LearningRateSchedule) {
    TrainSettings s;
    s.lr = 1.0;
    s.warmup = 10;
    s.steps = 110;
    s.min_lr_ratio = 0.1;
    EXPECT_NEAR(trainLearningRate(s, 0), 0.1, 1e-12);
    EXPECT_NEAR(trainLearningRate(s, 9), 1.0, 1e-12);
    EXPECT_NEAR(trainLearningRate(s, 10), 1.0, 1e-12);
    EXPECT_NEAR(trainLearningRate(s, 60), 0.55, 1e-12);  // half way: (1 + 0.1) / 2
    EXPECT_NEAR(trainLearningRate(s, 110), 0.1, 1e-12);
    EXPECT_GT(trainLearningRate(s, 109), 0.1);
}

TEST(Trainer, FusedHeadMatchesTorchCrossEntropy) {
    // Value and gradients of tiedHeadCrossEntropy against torch's cross_entropy(h wte^T, y), float64 and
    // float32, with the scratch buffer reused from one call to the next as the trainer does.
    for (const auto dtype : {torch::kFloat64, torch::kFloat32}) {
        auto gen = at::detail::createCPUGenerator(5);
        const auto opts = torch::TensorOptions().dtype(dtype);
        auto scratch = torch::empty({48, 300}, opts);
        for (int round = 0; round < 2; ++round) {
            auto h = torch::normal(0.0, 1.0, {48, 16}, gen).to(dtype).requires_grad_();
            auto wte = torch::normal(0.0, 1.0, {300, 16}, gen).to(dtype).requires_grad_();
            auto y = torch::randint(0, 300, {48}, gen, torch::kLong);
            auto loss = tiedHeadCrossEntropy(h, wte, y, scratch);
            loss.backward();
            auto h2 = h.detach().clone().requires_grad_(), wte2 = wte.detach().clone().requires_grad_();
            auto ref = torch::nn::functional::cross_entropy(torch::matmul(h2, wte2.t()), y);
            ref.backward();
            const double tol = dtype == torch::kFloat64 ? 1e-12 : 1e-5;
            const double dl = std::fabs(loss.item<double>() - ref.item<double>());
            const double dh = (h.grad() - h2.grad()).abs().max().item<double>();
            const double dw = (wte.grad() - wte2.grad()).abs().max().item<double>();
            std::printf(
                "[   INFO   ] %s round %d: loss diff %.3g, grad h maxdiff %.3g, grad wte maxdiff %.3g\n",
                dtype == torch::kFloat64 ? "f64" : "f32", round, dl, dh, dw);
            EXPECT_LT(dl, tol * std::fabs(ref.item<double>()));
            EXPECT_LT(dh, tol);
            EXPECT_LT(dw, tol);
        }
    }
}

TEST(Trainer, LossDecreases) {
    TempDir tmp("loss");
    const auto train = syntheticIds(20000, 1), val = syntheticIds(4000, 2);
    Progress progress;
    const auto r = trainGpt2(train, val, tinySettings(tmp.sub("run"), 30), progress);
    ASSERT_TRUE(r.complete);
    EXPECT_FALSE(r.cancelled);
    EXPECT_EQ(r.steps_done, 30);
    ASSERT_EQ(r.history.size(), 4u);  // steps 0, 10, 20, 30
    const double initial = r.history.front().val_loss, final_val = r.history.back().val_loss;
    std::printf("[   INFO   ] val loss %.3f -> %.3f (ln 512 = %.3f), train loss %.3f, %.0f tokens/s\n",
                initial, final_val, std::log(512.0), r.final_train_loss, r.tokens_per_second);
    EXPECT_NEAR(initial, std::log(512.0), 0.3);
    EXPECT_LT(final_val, initial - 1.0);
    EXPECT_LT(r.history[3].val_loss, r.history[1].val_loss);
    for (const char* f : {"config.json", "model.safetensors", "training_log.json", "trainer_state.pt"})
        EXPECT_TRUE(fs::exists(fs::path(tmp.sub("run")) / f)) << f;
    EXPECT_FALSE(fs::exists(fs::path(tmp.sub("run")) / "vocab.json"));  // vocab 512 is not GPT-2's
    std::ifstream log_file(fs::path(tmp.sub("run")) / "training_log.json");
    const auto log = nlohmann::json::parse(log_file);
    EXPECT_EQ(log["seed"].get<uint64_t>(), 7u);
    EXPECT_EQ(log["evals"].size(), 4u);
    EXPECT_TRUE(log["evals"][0]["train_loss"].is_null());
    EXPECT_TRUE(log["complete"].get<bool>());
}

TEST(Trainer, SameSeedSameWeights) {
    TempDir tmp("seed");
    const auto train = syntheticIds(20000, 1), val = syntheticIds(4000, 2);
    Progress p1, p2, p3;
    trainGpt2(train, val, tinySettings(tmp.sub("a"), 12), p1);
    trainGpt2(train, val, tinySettings(tmp.sub("b"), 12), p2);
    auto other = tinySettings(tmp.sub("c"), 12);
    other.seed = 8;
    trainGpt2(train, val, other, p3);
    const auto a = fileBytes(tmp.sub("a") + "/model.safetensors");
    EXPECT_FALSE(a.empty());
    EXPECT_TRUE(a == fileBytes(tmp.sub("b") + "/model.safetensors")) << "same seed, different weights";
    EXPECT_FALSE(a == fileBytes(tmp.sub("c") + "/model.safetensors")) << "different seeds, same weights";
}

TEST(Trainer, ResumeEqualsStraightRun) {
    TempDir tmp("resume");
    const auto train = syntheticIds(20000, 1), val = syntheticIds(4000, 2);
    Progress p0;
    const auto straight = trainGpt2(train, val, tinySettings(tmp.sub("straight"), 20), p0);

    auto s = tinySettings(tmp.sub("parts"), 20);
    s.stop_after = 10;
    Progress p1;
    const auto first = trainGpt2(train, val, s, p1);
    EXPECT_EQ(first.steps_done, 10);
    EXPECT_FALSE(first.complete);
    EXPECT_FALSE(first.cancelled);
    // A new run into the same directory is refused; a resume with other settings too.
    EXPECT_THROW(trainGpt2(train, val, tinySettings(tmp.sub("parts"), 20), p1), InputError);
    auto wrong = tinySettings(tmp.sub("parts"), 20);
    wrong.resume = true;
    wrong.lr = 2e-2;
    EXPECT_THROW(trainGpt2(train, val, wrong, p1), InputError);
    auto wrong_data = tinySettings(tmp.sub("parts"), 20);
    wrong_data.resume = true;
    EXPECT_THROW(trainGpt2(syntheticIds(20000, 3), val, wrong_data, p1), InputError);

    auto again = loadTrainSettings(tmp.sub("parts"));
    EXPECT_TRUE(again.resume);
    EXPECT_EQ(again.steps, 20);
    EXPECT_EQ(again.config.n_embd, 32);
    again.save_dtype = "F32";
    Progress p2;
    const auto second = trainGpt2(train, val, again, p2);
    EXPECT_EQ(second.steps_done, 20);
    EXPECT_TRUE(second.complete);

    const auto a = weightsOf(tmp.sub("straight")), b = weightsOf(tmp.sub("parts"));
    ASSERT_EQ(a.size(), b.size());
    double maxdiff = 0.0;
    for (size_t i = 0; i < a.size(); ++i)
        maxdiff = std::max(maxdiff, std::fabs(static_cast<double>(a[i]) - b[i]));
    std::printf("[   INFO   ] 10 + 10 resumed steps vs 20 straight: weights maxdiff %.3g\n", maxdiff);
    EXPECT_LE(maxdiff, 1e-6);
    EXPECT_EQ(straight.history.size(), second.history.size());
    EXPECT_NEAR(straight.final_val_loss, second.final_val_loss, 1e-6);
}

TEST(Trainer, DropoutIsSeededAndResumable) {
    TempDir tmp("dropout");
    const auto train = syntheticIds(20000, 1), val = syntheticIds(4000, 2);
    auto with = [&](const std::string& name, double p) {
        auto s = tinySettings(tmp.sub(name), 12);
        s.dropout = p;
        return s;
    };
    Progress p0, p1, p2, p3, p4;
    trainGpt2(train, val, with("plain", 0.0), p0);
    const auto straight = trainGpt2(train, val, with("straight", 0.2), p1);
    auto parts = with("parts", 0.2);
    parts.stop_after = 5;
    trainGpt2(train, val, parts, p2);
    auto again = loadTrainSettings(tmp.sub("parts"));
    EXPECT_DOUBLE_EQ(again.dropout, 0.2);
    const auto second = trainGpt2(train, val, again, p3);
    EXPECT_TRUE(second.complete);
    const auto plain = weightsOf(tmp.sub("plain")), a = weightsOf(tmp.sub("straight")),
               b = weightsOf(tmp.sub("parts"));
    ASSERT_EQ(a.size(), b.size());
    ASSERT_EQ(a.size(), plain.size());
    double maxdiff = 0.0, from_plain = 0.0;
    for (size_t i = 0; i < a.size(); ++i) {
        maxdiff = std::max(maxdiff, std::fabs(static_cast<double>(a[i]) - b[i]));
        from_plain = std::max(from_plain, std::fabs(static_cast<double>(a[i]) - plain[i]));
    }
    std::printf("[   INFO   ] dropout 0.2: 5 + 7 resumed vs 12 straight maxdiff %.3g; vs no dropout %.3g\n",
                maxdiff, from_plain);
    EXPECT_LE(maxdiff, 1e-6) << "the dropout masks were not resumed exactly";
    EXPECT_GT(from_plain, 1e-4) << "dropout had no effect";
    EXPECT_NEAR(straight.final_val_loss, second.final_val_loss, 1e-6);
    auto bad = with("", 1.0);
    EXPECT_THROW(trainGpt2(train, val, bad, p4), InputError);
    bad.dropout = -0.1;
    EXPECT_THROW(trainGpt2(train, val, bad, p4), InputError);
}

TEST(Trainer, CancelSavesAResumableState) {
    TempDir tmp("cancel");
    const auto train = syntheticIds(20000, 1), val = syntheticIds(4000, 2);
    Progress progress;
    progress.cancel();
    const auto r = trainGpt2(train, val, tinySettings(tmp.sub("run"), 10), progress);
    EXPECT_TRUE(r.cancelled);
    EXPECT_FALSE(r.complete);
    EXPECT_EQ(r.steps_done, 0);
    EXPECT_TRUE(fs::exists(fs::path(tmp.sub("run")) / "trainer_state.pt"));
    auto s = loadTrainSettings(tmp.sub("run"));
    Progress fresh;
    const auto done = trainGpt2(train, val, s, fresh);
    EXPECT_TRUE(done.complete);
    EXPECT_EQ(done.steps_done, 10);

    // Without an output directory a cancel has nothing to keep: it throws.
    auto no_dir = tinySettings("", 10);
    EXPECT_THROW(trainGpt2(train, val, no_dir, progress), Cancelled);
}

TEST(Trainer, InitFromCheckpointStartsWhereItEnded) {
    TempDir tmp("init");
    const auto train = syntheticIds(20000, 1), val = syntheticIds(4000, 2);
    Progress p0;
    const auto first = trainGpt2(train, val, tinySettings(tmp.sub("first"), 20), p0);  // F32 export

    // A second run from the first's checkpoint: its step-0 validation loss is the first run's last one (same
    // windows, same weights), well below a random init's, and it trains on with its own schedule and seed.
    auto s = tinySettings(tmp.sub("second"), 10);
    s.init_from = tmp.sub("first");
    s.seed = 8;
    s.lr = 2e-3;
    s.min_lr_ratio = 0.0;
    s.stop_after = 5;
    Progress p1;
    const auto part = trainGpt2(train, val, s, p1);
    ASSERT_FALSE(part.history.empty());
    EXPECT_NEAR(part.history.front().val_loss, first.final_val_loss, 1e-5);
    EXPECT_LT(part.history.front().val_loss, first.history.front().val_loss - 1.0);
    // Resuming keeps the run's init (part of its settings) and does not read the checkpoint again.
    auto again = loadTrainSettings(tmp.sub("second"));
    EXPECT_EQ(again.init_from, tmp.sub("first"));
    EXPECT_DOUBLE_EQ(again.min_lr_ratio, 0.0);
    fs::rename(tmp.sub("first"), tmp.sub("moved"));
    Progress p2;
    const auto rest = trainGpt2(train, val, again, p2);
    EXPECT_TRUE(rest.complete);
    EXPECT_LT(rest.final_val_loss, first.history.front().val_loss - 1.0);
    const auto j = nlohmann::json::parse(fileBytes(tmp.sub("second") + "/training_log.json"));
    EXPECT_EQ(j["settings"]["run"]["init_from"], tmp.sub("first"));
    EXPECT_DOUBLE_EQ(j["settings"]["run"]["min_lr_ratio"].get<double>(), 0.0);

    // A checkpoint of another architecture, or no checkpoint, is refused with the reason.
    auto other = tinySettings(tmp.sub("other"), 5);
    other.config.n_embd = 64;
    other.init_from = tmp.sub("moved");
    Progress p3;
    try {
        trainGpt2(train, val, other, p3);
        ADD_FAILURE() << "a checkpoint of another architecture was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("is not the configuration to train"), std::string::npos)
            << e.what();
    }
    // A checkpoint with a NaN weight is refused before training, naming the tensor.
    {
        const auto file = SafetensorsFile::open(tmp.sub("moved") + "/model.safetensors");
        std::vector<std::pair<std::string, torch::Tensor>> weights;
        for (const auto& t : file.tensors()) {
            const auto ends = [&](const std::string& suffix) {
                return t.name.size() >= suffix.size() &&
                       t.name.compare(t.name.size() - suffix.size(), suffix.size(), suffix) == 0;
            };
            if (ends(".attn.bias") || ends(".attn.masked_bias"))
                continue;  // the writer adds these buffers itself
            auto copy =
                torch::from_blob(const_cast<uint8_t*>(file.data(t)), t.shape, torch::kFloat32).clone();
            if (t.name == "h.0.mlp.c_fc.weight") copy[0][0] = std::nanf("");
            weights.emplace_back(t.name, copy);
        }
        writeGpt2Checkpoint(tmp.sub("nan"), tinySettings("", 5).config, weights, "F32", false, false);
        auto nan_init = tinySettings(tmp.sub("from-nan"), 5);
        nan_init.init_from = tmp.sub("nan");
        try {
            trainGpt2(train, val, nan_init, p3);
            ADD_FAILURE() << "a checkpoint with NaN weights was accepted";
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find("h.0.mlp.c_fc.weight"), std::string::npos) << e.what();
        }
    }
    auto missing = tinySettings(tmp.sub("missing"), 5);
    missing.init_from = tmp.sub("nowhere");
    EXPECT_THROW(trainGpt2(train, val, missing, p3), InputError);
}

TEST(Trainer, WeightAverageIsTheMeanOfTheSteps) {
    TempDir tmp("average");
    const auto train = syntheticIds(20000, 1), val = syntheticIds(4000, 2);
    // The same run without averaging, stopped after steps 4, 5 and 6: the exported weights of each part.
    std::vector<std::vector<float>> after;
    for (int64_t stop : {4, 5, 6}) {
        auto s = tinySettings(tmp.sub("plain"), 6);
        s.stop_after = stop;
        s.resume = stop > 4;
        Progress p;
        trainGpt2(train, val, s, p);
        after.push_back(weightsOf(tmp.sub("plain")));
    }
    // Averaging from step 3 takes in the weights after steps 4, 5 and 6 (the training itself is unchanged).
    auto s = tinySettings(tmp.sub("avg"), 6);
    s.average_from = 3;
    s.eval_interval = 2;
    Progress p1;
    const auto r = trainGpt2(train, val, s, p1);
    const auto got = weightsOf(tmp.sub("avg"));
    ASSERT_EQ(got.size(), after[0].size());
    double maxdiff = 0.0, spread = 0.0;
    for (size_t i = 0; i < got.size(); ++i) {
        const double mean = (double(after[0][i]) + after[1][i] + after[2][i]) / 3.0;
        maxdiff = std::max(maxdiff, std::fabs(got[i] - mean));
        spread = std::max(spread, std::fabs(double(after[2][i]) - after[0][i]));
    }
    std::printf("[   INFO   ] average of steps 4..6 vs exported: maxdiff %.3g (weights moved up to %.3g)\n",
                maxdiff, spread);
    EXPECT_LE(maxdiff, 1e-6);
    EXPECT_GT(spread, 1e-3);
    // Evaluations before the average begins have no average loss; the last one's is the run's final loss.
    ASSERT_EQ(r.history.size(), 4u);  // steps 0, 2, 4, 6
    EXPECT_TRUE(std::isnan(r.history[1].average_val_loss));
    EXPECT_TRUE(std::isfinite(r.history[2].average_val_loss));
    EXPECT_DOUBLE_EQ(r.final_val_loss, r.history.back().average_val_loss);
    // The exported model is the average: trainedLogits (from the state) agrees with the checkpoint.
    const std::vector<int32_t> ids(val.begin(), val.begin() + 20);
    const auto a = Gpt2Model::load(tmp.sub("avg"))->logits(ids);
    const auto b = trainedLogits(tmp.sub("avg"), ids);
    double ldiff = 0.0;
    for (size_t i = 0; i < a.size(); ++i) ldiff = std::max(ldiff, std::fabs(double(a[i]) - b[i]));
    EXPECT_LE(ldiff, 1e-4);
    // Stopped after step 5 and resumed, the average (kept in the state) is the same.
    auto parts = tinySettings(tmp.sub("avg-parts"), 6);
    parts.average_from = 3;
    parts.eval_interval = 2;
    parts.stop_after = 5;
    Progress p2;
    trainGpt2(train, val, parts, p2);
    auto rest = loadTrainSettings(tmp.sub("avg-parts"));
    EXPECT_EQ(rest.average_from, 3);
    rest.save_dtype = "F32";
    trainGpt2(train, val, rest, p2);
    const auto resumed = weightsOf(tmp.sub("avg-parts"));
    double rdiff = 0.0;
    for (size_t i = 0; i < got.size(); ++i) rdiff = std::max(rdiff, std::fabs(double(got[i]) - resumed[i]));
    EXPECT_LE(rdiff, 1e-6);
    auto bad = tinySettings("", 6);
    bad.average_from = 6;
    EXPECT_THROW(trainGpt2(train, val, bad, p2), InputError);
}

TEST(Trainer, EmaIsTheExponentialAverageOfTheSteps) {
    TempDir tmp("ema");
    const auto train = syntheticIds(20000, 1), val = syntheticIds(4000, 2);
    // The weights after steps 0 (the init) .. 4 of a plain run, one part per step.
    std::vector<std::vector<float>> after;
    for (int64_t stop : {1, 2, 3, 4}) {
        auto s = tinySettings(tmp.sub("plain"), 4);
        s.stop_after = stop;
        s.resume = stop > 1;
        Progress p;
        trainGpt2(train, val, s, p);
        after.push_back(weightsOf(tmp.sub("plain")));
    }
    auto s = tinySettings(tmp.sub("ema"), 4);
    s.ema_decay = 0.6;
    s.eval_interval = 2;
    Progress p1;
    const auto r = trainGpt2(train, val, s, p1);
    // The main checkpoint is unchanged by the EMA; ema/ holds w_ema = 0.6 w_ema + 0.4 w after every step.
    const auto main_w = weightsOf(tmp.sub("ema")), ema_w = weightsOf(tmp.sub("ema") + "/ema");
    ASSERT_EQ(ema_w.size(), after[0].size());
    double main_diff = 0.0, moved = 0.0;
    for (size_t i = 0; i < ema_w.size(); ++i) {
        main_diff = std::max(main_diff, std::fabs(double(main_w[i]) - after[3][i]));
        moved = std::max(moved, std::fabs(double(ema_w[i]) - after[3][i]));
    }
    EXPECT_LE(main_diff, 1e-6) << "the EMA does not change the training";
    EXPECT_GT(moved, 1e-4) << "the EMA is not the last weights";
    // The init w0 from a 1-step EMA run (w_ema(1) = 0.6 w0 + 0.4 w1); then w_ema(4) = 0.6^4 w0 + sum_k 0.4
    // 0.6^(4 - k) w_k exactly.
    {
        Progress p0;
        auto one = tinySettings(tmp.sub("one"), 4);
        one.ema_decay = 0.6;
        one.stop_after = 1;
        trainGpt2(train, val, one, p0);
        const auto e1 = weightsOf(tmp.sub("one") + "/ema");
        const auto w1 = weightsOf(tmp.sub("one"));
        // w0 = (e1 - 0.4 w1) / 0.6; then the 4-step EMA is 0.6^4 w0 + the tail.
        double exact = 0.0;
        for (size_t i = 0; i < ema_w.size(); ++i) {
            const double w0 = (double(e1[i]) - 0.4 * w1[i]) / 0.6;
            double e = std::pow(0.6, 4) * w0;
            for (int k = 1; k <= 4; ++k)
                e += 0.4 * std::pow(0.6, 4 - k) * after[static_cast<size_t>(k - 1)][i];
            exact = std::max(exact, std::fabs(e - ema_w[i]));
        }
        EXPECT_LE(exact, 1e-5);
    }
    ASSERT_EQ(r.history.size(), 3u);  // steps 0, 2, 4
    EXPECT_TRUE(std::isfinite(r.history.back().ema_val_loss));
    // Resumed halfway, the EMA (kept in the state) is the same.
    auto parts = tinySettings(tmp.sub("ema-parts"), 4);
    parts.ema_decay = 0.6;
    parts.eval_interval = 2;
    parts.stop_after = 2;
    Progress p2;
    trainGpt2(train, val, parts, p2);
    auto rest = loadTrainSettings(tmp.sub("ema-parts"));
    EXPECT_EQ(rest.ema_decay, 0.6);
    rest.save_dtype = "F32";
    trainGpt2(train, val, rest, p2);
    const auto resumed = weightsOf(tmp.sub("ema-parts") + "/ema");
    double rdiff = 0.0;
    for (size_t i = 0; i < ema_w.size(); ++i)
        rdiff = std::max(rdiff, std::fabs(double(ema_w[i]) - resumed[i]));
    EXPECT_LE(rdiff, 1e-6);
    auto bad = tinySettings("", 4);
    bad.ema_decay = 1.0;
    EXPECT_THROW(trainGpt2(train, val, bad, p2), InputError);
}

TEST(Trainer, ExportedCheckpointIsTheTrainedModel) {
    TempDir tmp("export");
    const auto train = syntheticIds(20000, 1), val = syntheticIds(4000, 2);
    for (const std::string dtype : {"F32", "F16"}) {
        auto s = tinySettings(tmp.sub(dtype), 15);
        s.save_dtype = dtype;
        Progress progress;
        trainGpt2(train, val, s, progress);
        auto model = Gpt2Model::load(tmp.sub(dtype));
        EXPECT_EQ(model->storedDtype(), dtype);
        EXPECT_EQ(model->keyLayout(), "bare");
        EXPECT_TRUE(model->warnings().empty());
        const std::vector<int32_t> ids(val.begin(), val.begin() + 40);
        const auto got = model->logits(ids);
        const auto expected = trainedLogits(tmp.sub(dtype), ids);
        ASSERT_EQ(got.size(), expected.size());
        ASSERT_EQ(got.size(), 40u * 512u);
        double maxdiff = 0.0, maxabs = 0.0;
        for (size_t i = 0; i < got.size(); ++i) {
            maxdiff = std::max(maxdiff, std::fabs(static_cast<double>(got[i]) - expected[i]));
            maxabs = std::max(maxabs, std::fabs(static_cast<double>(expected[i])));
        }
        std::printf("[   INFO   ] %s checkpoint vs trainer: logits maxdiff %.3g (max |logit| %.3g)\n",
                    dtype.c_str(), maxdiff, maxabs);
        EXPECT_LT(maxdiff / maxabs, dtype == "F32" ? 1e-4 : 2e-2);
    }
}

TEST(Trainer, TrainsOnTokenizedTextWithGpt2Vocabulary) {
    const std::string brown = brownCorpusDirectory();
    if (brown.empty() || !fs::exists(fs::path(brown) / "ca01"))
        GTEST_SKIP() << "Brown corpus not in the data cache";
    TempDir tmp("gpt2vocab");
    std::ifstream in(fs::path(brown) / "ca01", std::ios::binary);
    const std::string text = brownToText(std::string((std::istreambuf_iterator<char>(in)), {}));
    const auto tok = Gpt2Tokenizer::forCheckpoint("");
    const auto ids = tok.encode(text);
    ASSERT_GT(ids.size(), 1000u);
    const std::vector<int32_t> train(ids.begin(), ids.end() - 300), val(ids.end() - 300, ids.end());
    auto s = tinySettings(tmp.sub("run"), 6);
    s.config.vocab_size = 50257;
    s.config.n_embd = 16;
    s.save_dtype = "F16";
    Progress progress;
    const auto r = trainGpt2(train, val, s, progress);
    EXPECT_TRUE(r.complete);
    EXPECT_LT(r.final_val_loss, r.history.front().val_loss);
    auto model = Gpt2Model::load(tmp.sub("run"));
    EXPECT_EQ(model->config().vocab_size, 50257);
    // GPT-2's tokenizer files travel with the checkpoint.
    const auto own = Gpt2Tokenizer::forCheckpoint(tmp.sub("run"));
    EXPECT_EQ(own.encode(text), ids);
    GenerationSettings g;
    g.stop_at_eos = false;
    EXPECT_EQ(model->generate(own.encode("The jury"), g).size(), 2u + 20u);
}

TEST(Trainer, RefusesBadSettings) {
    const auto train = syntheticIds(2000, 1);
    Progress progress;
    auto s = tinySettings("", 5);
    s.context_length = 65;  // > n_positions
    EXPECT_THROW(trainGpt2(train, {}, s, progress), InputError);
    s = tinySettings("", 5);
    EXPECT_THROW(trainGpt2(std::vector<int32_t>(20, 1), {}, s, progress), InputError);  // shorter than T + 1
    EXPECT_THROW(trainGpt2(train, std::vector<int32_t>(20, 1), s, progress), InputError);
    auto bad_id = train;
    bad_id[100] = 600;  // >= vocab_size 512
    EXPECT_THROW(trainGpt2(bad_id, {}, s, progress), InputError);
    s.save_dtype = "F8";
    EXPECT_THROW(trainGpt2(train, {}, s, progress), InputError);
    s = tinySettings("", 5);
    s.resume = true;
    EXPECT_THROW(trainGpt2(train, {}, s, progress), InputError);
    // Without validation ids: trains, val loss NaN.
    s = tinySettings("", 5);
    const auto r = trainGpt2(train, {}, s, progress);
    EXPECT_TRUE(r.complete);
    EXPECT_TRUE(std::isnan(r.final_val_loss));
    EXPECT_TRUE(std::isfinite(r.final_train_loss));
}
