// Healing after surgery on the tiny fixture: the factors' gradients (and the dense weights', and through the
// distillation term) equal central finite differences in float64; training lowers the held-out perplexity;
// the healed folder reloads in factored form and gives the perplexity the run logged (and its dense export
// the same); the inits behave as defined (random far from W, prune no closer than the fit); the control
// trains the unmodified model; a folder that is not a heal's output is never overwritten.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "kronscope/core/base/error.h"
#include "kronscope/core/model/gpt2_model.h"
#include "kronscope/core/surgery/surgery.h"
#include "kronscope/core/train/healer.h"

using namespace kronscope::core;
namespace fs = std::filesystem;

namespace {

const std::string kTiny = std::string(KRONSCOPE_TEST_DATA) + "/tiny-gpt2";

/// A learnable token stream: a few repeating phrases over a 512-token vocabulary.
std::vector<int32_t> phrases(size_t n, uint32_t salt) {
    std::vector<int32_t> ids(n);
    for (size_t i = 0; i < n; ++i)
        ids[i] = static_cast<int32_t>(((i % 23) * 19 + (i / 23 % 3) * 101 + salt) % 512);
    return ids;
}

HealSettings small(const std::string& method) {
    HealSettings s;
    s.method = method;
    s.block_size = 4;
    s.context_length = 16;
    s.batch_size = 4;
    s.steps = 40;
    s.warmup = 4;
    s.eval_interval = 20;
    s.eval_windows = 8;
    s.lr = 1e-2;
    return s;
}

struct TempDir {
    fs::path path;
    TempDir() {
        char tmpl[] = "/tmp/kronscope-heal-XXXXXX";
        path = mkdtemp(tmpl);
    }
    ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST(Healer, GradientsMatchFiniteDifferences) {
    const auto ids = phrases(400, 0);
    for (const std::string method : {"kron", "svd"}) {
        for (const bool dense : {false, true}) {
            HealSettings s = small(method);
            s.train_dense = dense;
            s.batch_size = 2;
            s.distill = dense ? 0.5 : 0.0;  // the distillation term's gradient too
            const double worst = healGradientCheck(kTiny, ids, s, 40);
            EXPECT_LT(worst, 1e-5) << method << (dense ? " + dense, distilled" : "");
        }
    }
}

TEST(Healer, TrainingLowersPerplexityAndTheFolderReloads) {
    TempDir tmp;
    HealSettings s = small("kron");
    s.out_dir = (tmp.path / "healed").string();
    Progress p;
    const auto train = phrases(3000, 0), heldout = phrases(400, 0);
    const HealResult r = healGpt2(kTiny, train, heldout, s, p);
    ASSERT_FALSE(r.cancelled);
    EXPECT_EQ(r.steps, 40);
    EXPECT_EQ(r.matrices.size(), 8u);  // every block matrix of 2 layers
    EXPECT_GT(r.ppl_surgery, r.ppl_original);
    EXPECT_LT(r.ppl_healed, 0.5 * r.ppl_surgery) << "40 steps on a repeating text";
    int64_t factors = 0, dense = 0;
    for (const auto& m : r.matrices) factors += m.params, dense += m.dense_params;
    EXPECT_EQ(r.params, r.params_original - dense + factors);
    EXPECT_EQ(r.params_trainable, factors);
    ASSERT_EQ(r.history.front().step, 0);
    EXPECT_DOUBLE_EQ(r.history.front().val_ppl, r.ppl_surgery);
    EXPECT_DOUBLE_EQ(r.history.back().val_ppl, r.ppl_healed);

    // Reloaded: factored form and dense export both give the logged perplexity (windows of T + 1, stride T).
    auto model = Gpt2Model::load(s.out_dir);
    EXPECT_EQ(installStoredFactors(*model), 8);
    EXPECT_EQ(activeSurgeryCount(*model), 8);
    PerplexitySettings ps;
    ps.max_length = s.context_length + 1, ps.stride = s.context_length;
    ps.max_tokens = 1 + r.eval_tokens;
    const double factored = model->perplexity(heldout, ps, p).ppl;
    EXPECT_NEAR(factored, r.ppl_healed, 1e-5 * r.ppl_healed);
    revertSurgery(*model);
    const double export_ppl = model->perplexity(heldout, ps, p).ppl;
    EXPECT_NEAR(export_ppl, r.ppl_healed, 1e-5 * r.ppl_healed);
    EXPECT_TRUE(fs::is_regular_file(fs::path(s.out_dir) / "heal_log.json"));
    EXPECT_FALSE(fs::exists(s.out_dir + ".partial"));

    // The original's perplexity is the tiny model's own by the same windows.
    auto original = Gpt2Model::load(kTiny);
    EXPECT_NEAR(original->perplexity(heldout, ps, p).ppl, r.ppl_original, 1e-5 * r.ppl_original);
}

TEST(Healer, InitsAndTheControl) {
    Progress p;
    const auto train = phrases(2000, 3), heldout = phrases(300, 3);
    HealSettings s = small("svd");
    s.steps = 0;
    const auto fit = healGpt2(kTiny, train, heldout, s, p);
    s.init = "prune";
    const auto prune = healGpt2(kTiny, train, heldout, s, p);
    s.init = "random";
    const auto random = healGpt2(kTiny, train, heldout, s, p);
    ASSERT_EQ(fit.matrices.size(), prune.matrices.size());
    for (size_t i = 0; i < fit.matrices.size(); ++i) {
        // The truncated SVD is the best fit of its rank: the pruned matrix's is no closer to W.
        EXPECT_GE(prune.matrices[i].init_rel_err, fit.matrices[i].init_rel_err - 1e-6);
        // Independent random factors with E||fit|| = ||W||: about sqrt(2) away.
        EXPECT_GT(random.matrices[i].init_rel_err, 1.0);
    }
    HealSettings c = small("none");
    c.steps = 20;
    const auto control = healGpt2(kTiny, train, heldout, c, p);
    EXPECT_TRUE(control.matrices.empty());
    EXPECT_EQ(control.params, control.params_original);
    EXPECT_EQ(control.params_trainable, control.params_original);
    EXPECT_DOUBLE_EQ(control.ppl_surgery, control.ppl_original);
    EXPECT_LT(control.ppl_healed, control.ppl_original);
}

TEST(Healer, BadSettingsAndForeignFoldersAreRefused) {
    Progress p;
    const auto ids = phrases(500, 0);
    HealSettings s = small("kron");
    s.method = "svd-ish";
    EXPECT_THROW(healGpt2(kTiny, ids, ids, s, p), InputError);
    s = small("kron");
    s.block_size = 3;  // does not divide 64
    EXPECT_THROW(healGpt2(kTiny, ids, ids, s, p), InputError);
    s = small("kron");
    s.context_length = 64;  // needs n_positions > 64
    EXPECT_THROW(healGpt2(kTiny, ids, ids, s, p), InputError);
    TempDir tmp;
    const fs::path keep = tmp.path / "mine" / "keep.txt";
    fs::create_directories(keep.parent_path());
    std::ofstream(keep) << "not a heal";
    s = small("kron");
    s.steps = 2;
    s.out_dir = keep.parent_path().string();
    try {
        healGpt2(kTiny, ids, ids, s, p);
        FAIL() << "overwrote a foreign folder";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("not an earlier heal's output"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(fs::is_regular_file(keep));
}

// A run stopped at step 6 (stop_after) and resumed from its folder ends bit for bit where the same run
// done straight ends: the factors, the history and the perplexities; the interrupted folder holds no model,
// refuses a fresh run and a resume with other settings or tokens, and a damaged state is named.
TEST(Healer, ResumedRunEqualsTheStraightRun) {
    Progress p;
    const auto train = phrases(3000, 0), heldout = phrases(600, 7);
    TempDir tmp;
    HealSettings s = small("kron");
    s.steps = 12, s.eval_interval = 4;
    s.out_dir = (tmp.path / "straight").string();
    const HealResult straight = healGpt2(kTiny, train, heldout, s, p);
    ASSERT_TRUE(straight.complete);
    EXPECT_FALSE(fs::exists(tmp.path / "straight" / kHealStateFile));

    HealSettings part = s;
    part.out_dir = (tmp.path / "parts").string();
    part.stop_after = 6;
    const HealResult first = healGpt2(kTiny, train, heldout, part, p);
    EXPECT_FALSE(first.complete);
    EXPECT_TRUE(first.resumable);
    EXPECT_EQ(first.steps, 6);
    ASSERT_TRUE(fs::is_regular_file(tmp.path / "parts" / kHealStateFile));
    EXPECT_FALSE(fs::exists(tmp.path / "parts" / "model.safetensors"));
    EXPECT_FALSE(fs::exists(tmp.path / "parts" / "heal_log.json"));

    // A fresh run into the interrupted folder, and a resume that changes a run-defining setting, are refused.
    HealSettings fresh = s;
    fresh.out_dir = part.out_dir;
    EXPECT_THROW(healGpt2(kTiny, train, heldout, fresh, p), InputError);
    HealSettings loaded = loadHealSettings(part.out_dir);
    EXPECT_TRUE(loaded.resume);
    EXPECT_EQ(loaded.steps, 12);
    EXPECT_EQ(loaded.block_size, 4);
    HealSettings other = loaded;
    other.lr *= 2;
    try {
        healGpt2(kTiny, train, heldout, other, p);
        FAIL() << "resumed with another lr";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("'lr'"), std::string::npos) << e.what();
    }
    EXPECT_THROW(healGpt2(kTiny, phrases(3000, 1), heldout, loaded, p), InputError);  // other tokens

    const HealResult resumed = healGpt2(kTiny, train, heldout, loaded, p);
    ASSERT_TRUE(resumed.complete);
    EXPECT_EQ(resumed.steps, 12);
    EXPECT_EQ(resumed.ppl_healed, straight.ppl_healed);
    EXPECT_EQ(resumed.ppl_surgery, straight.ppl_surgery);
    EXPECT_EQ(resumed.ppl_original, straight.ppl_original);
    ASSERT_EQ(resumed.history.size(), straight.history.size());
    for (size_t i = 0; i < straight.history.size(); ++i) {
        EXPECT_EQ(resumed.history[i].step, straight.history[i].step);
        EXPECT_EQ(resumed.history[i].val_ppl, straight.history[i].val_ppl) << i;
    }
    EXPECT_FALSE(fs::exists(tmp.path / "parts" / kHealStateFile));
    auto a = Gpt2Model::load((tmp.path / "straight").string());
    auto b = Gpt2Model::load((tmp.path / "parts").string());
    const auto ids = std::vector<int32_t>(heldout.begin(), heldout.begin() + 33);
    EXPECT_EQ(a->logits(ids), b->logits(ids));

    // A damaged state is refused by name.
    part.out_dir = (tmp.path / "damaged").string();
    healGpt2(kTiny, train, heldout, part, p);
    {
        std::fstream f(tmp.path / "damaged" / kHealStateFile,
                       std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(200);
        f.put('\x5a');
    }
    try {
        loadHealSettings(part.out_dir);
        FAIL() << "read a damaged state";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("checksum"), std::string::npos) << e.what();
    }
}
