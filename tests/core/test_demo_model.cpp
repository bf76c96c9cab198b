// The demo GPT-2 that ships in resources/demo: it loads, fits in 16 MB, and its recorded held-out Brown test
// perplexity (resources/demo/kronscope-demo-gpt2/evaluation.json, written when it was trained) is what the
// engine measures now, and at least 5x better than the add-one unigram model on the same split.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kronscope/core/base/build_info.h"
#include "kronscope/core/train/corpus.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/tokenizer/tokenizer.h"

using namespace kronscope::core;
namespace fs = std::filesystem;

namespace {
const fs::path kDemo = fs::path(KRONSCOPE_SOURCE_DIR) / "resources" / "demo" / "kronscope-demo-gpt2";
}

TEST(DemoModel, LoadsAndFits16MB) {
    ASSERT_TRUE(fs::exists(kDemo / "model.safetensors")) << "the demo model is missing from " << kDemo;
    EXPECT_LE(fs::file_size(kDemo / "model.safetensors"), 16u * 1024 * 1024);
    auto model = Gpt2Model::load(kDemo.string());
    EXPECT_TRUE(model->warnings().empty());
    EXPECT_EQ(model->config().vocab_size, 50257);
    EXPECT_TRUE(fs::exists(kDemo / "training_log.json"));
}

TEST(DemoModel, RecordedTestPerplexityHolds) {
    std::ifstream in(kDemo / "evaluation.json");
    ASSERT_TRUE(in) << "evaluation.json missing";
    const auto ev = nlohmann::json::parse(in);
    const double recorded = ev.at("test_ppl"), unigram = ev.at("unigram_ppl");
    std::printf("recorded: demo test PPL %.2f, add-one unigram %.2f (%.1fx better)\n", recorded, unigram,
                unigram / recorded);
    // Issue 7 asks for 5x: the shipped model (6,000 steps on a GPU, then 2,000 with weight averaging)
    // reaches 5.08x. This also catches a broken, untrained or older model (stage 1 alone scored 4.90x, the
    // 4-layer one 3.98x).
    EXPECT_GE(unigram / recorded, 5.0);
    if (brownCorpusDirectory().empty())
        GTEST_SKIP() << "Brown corpus not in the data cache: run scripts/setup.sh";
    const auto split = loadBrownCorpus();
    const auto tok = Gpt2Tokenizer::forCheckpoint(kDemo.string());
    const auto ids = tok.encode(split.test);
    EXPECT_EQ(static_cast<int64_t>(ids.size()), ev.at("test_tokens").get<int64_t>());
    auto model = Gpt2Model::load(kDemo.string());
    PerplexitySettings s;
    s.max_length = ev.at("max_length");
    s.stride = ev.at("stride");
    struct Quiet : Progress {
    } p;
    const auto r = model->perplexity(ids, s, p);
    std::printf("measured now: %.4f (recorded %.4f), %lld tokens scored\n", r.ppl, recorded,
                (long long)r.tokens_scored);
    // Thread counts change summation order: agree to 1e-4 relative.
    EXPECT_NEAR(r.ppl, recorded, 1e-4 * recorded);
    const auto train_ids = tok.encode(split.train);
    EXPECT_NEAR(unigramPerplexity(train_ids, ids, 50257), unigram, 1e-6 * unigram);
}
