// Surgery plans, apply / revert, and sweeps on the golden tiny checkpoint and a generated GPT-2-small-shaped
// one; the sweep as a core analysis on a generated checkpoint with GPT-2's tokenizer.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kronscope/core/analysis/perplexity.h"
#include "kronscope/core/analysis/sweep.h"
#include "kronscope/core/model/checkpoint_writer.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/surgery/surgery.h"
#include "kronscope/core/codec/result_json.h"

using namespace kronscope::core;
namespace fs = std::filesystem;

namespace {
struct Quiet : Progress {};

std::unique_ptr<Gpt2Model> tiny() {
    return Gpt2Model::load(std::string(KRONSCOPE_TEST_DATA) + "/tiny-gpt2");
}

std::vector<int32_t> someIds(size_t n) {
    std::vector<int32_t> ids(n);
    for (size_t i = 0; i < n; ++i) ids[i] = static_cast<int32_t>((i * 37 + 11) % 512);
    return ids;
}

double maxRelDiff(const MatrixF& a, const MatrixF& b) {
    double d = 0.0, m = 0.0;
    for (size_t i = 0; i < a.values.size(); ++i) {
        d = std::max(d, std::fabs(double(a.values[i]) - b.values[i]));
        m = std::max(m, std::fabs(double(b.values[i])));
    }
    return d / m;
}
}  // namespace

TEST(MatrixTargets, SelectWhatTheyName) {
    auto model = tiny();
    auto count = [&](const std::string& spec) {
        const auto t = MatrixTargets::parse(spec);
        int n = 0;
        for (const auto& m : model->matrices()) n += t.selects(m);
        return n;
    };
    EXPECT_EQ(count("all"), 8);
    EXPECT_EQ(count("attn"), 4);
    EXPECT_EQ(count("mlp"), 4);
    EXPECT_EQ(count("layers:1-1"), 4);
    EXPECT_EQ(count("layers:0"), 4);
    EXPECT_EQ(count("kinds:c_attn,mlp.c_proj"), 4);
    EXPECT_EQ(count("matrices:h.0.mlp.c_fc,h.1.attn.c_proj"), 2);
    EXPECT_EQ(count("attn+layers:1-1"), 2);
    EXPECT_THROW(MatrixTargets::parse("layers:5-2"), InputError);
    EXPECT_THROW(MatrixTargets::parse("kinds:q_proj"), InputError);
    EXPECT_THROW(MatrixTargets::parse("everything"), InputError);
    EXPECT_THROW(SurgeryPlan::uniform(*model, SurgeryMethod::Svd, 2, MatrixTargets::parse("layers:7-9")),
                 InputError);
}

TEST(Surgery, HybridPlansSplitAttentionAndMlp) {
    auto model = tiny();
    const auto h = SurgeryPlan::named(*model, "hybrid", 4, MatrixTargets::parse("all"));
    const auto r = SurgeryPlan::named(*model, "reverse-hybrid", 4, MatrixTargets::parse("all"));
    ASSERT_EQ(h.entries.size(), 8u);
    for (size_t i = 0; i < h.entries.size(); ++i) {
        const bool attn = h.entries[i].matrix.find(".attn.") != std::string::npos;
        EXPECT_EQ(h.entries[i].method, attn ? SurgeryMethod::Kronecker : SurgeryMethod::Svd);
        EXPECT_EQ(r.entries[i].method, attn ? SurgeryMethod::Svd : SurgeryMethod::Kronecker);
    }
    EXPECT_THROW(SurgeryPlan::named(*model, "quaternion", 4, MatrixTargets::parse("all")), InputError);
}

TEST(Surgery, ApplyThenRevertRestoresExactly) {
    auto model = tiny();
    const auto ids = someIds(40);
    const auto before = model->logits(ids);
    const auto w0 = model->originalMatrix("h.0.mlp.c_fc");
    for (const char* method : {"kron", "svd", "hybrid"}) {
        Quiet p;
        const auto plan = SurgeryPlan::named(*model, method, 4, MatrixTargets::parse("all"));
        const auto sr = applySurgery(*model, plan, p);
        EXPECT_EQ(activeSurgeryCount(*model), 8);
        EXPECT_EQ(sr.matrices.size(), 8u);
        EXPECT_NE(model->logits(ids), before) << method;
        // The planned parameter count is what the fits produced.
        int64_t dense = 0;
        EXPECT_EQ(plan.params(*model, &dense), sr.params);
        EXPECT_EQ(dense, sr.dense_params);
        revertSurgery(*model);
        EXPECT_EQ(activeSurgeryCount(*model), 0);
        EXPECT_EQ(model->logits(ids), before) << method;  // bitwise: originals never touched
        EXPECT_EQ(model->originalMatrix("h.0.mlp.c_fc").values, w0.values);
    }
}

TEST(Surgery, InstalledWeightsAreTheFits) {
    auto model = tiny();
    Quiet p;
    for (const auto method : {SurgeryMethod::Kronecker, SurgeryMethod::Svd}) {
        for (const int64_t n : {2, 8}) {
            const auto plan =
                SurgeryPlan::uniform(*model, method, n, MatrixTargets::parse("matrices:h.1.mlp.c_fc"));
            const auto sr = applySurgery(*model, plan, p);
            const auto w = model->originalMatrix("h.1.mlp.c_fc");
            const auto spec = KroneckerSpec::forBlockSize(w.rows, w.cols, n);
            MatrixF fit;
            double rel = 0.0;
            if (method == SurgeryMethod::Kronecker) {
                const auto r = fitKronecker(w, spec, /*want_matrices=*/true);
                fit = r.approximation;
                rel = r.rel_err;
            } else {
                const auto r = fitTruncatedSvd(w, matchedSvdRank(w.rows, w.cols, spec.params()), true);
                fit = r.approximation;
                rel = r.rel_err;
            }
            // model.matrix() runs the installed operator (factored or dense) on the identity.
            const double d = maxRelDiff(model->matrix("h.1.mlp.c_fc"), fit);
            std::printf("%s n=%lld: installed vs fit max rel diff %.3g (factored: %d)\n", methodName(method),
                        (long long)n, d, int(sr.matrices[0].factored));
            EXPECT_LT(d, 1e-5);
            EXPECT_NEAR(sr.matrices[0].rel_err, rel, 1e-6);
            revertSurgery(*model);
        }
    }
}

TEST(Surgery, CancelRevertsAndPropagates) {
    auto model = tiny();
    Quiet p;
    p.cancel();
    const auto plan = SurgeryPlan::uniform(*model, SurgeryMethod::Kronecker, 2, MatrixTargets::parse("all"));
    EXPECT_THROW(applySurgery(*model, plan, p), Cancelled);
    EXPECT_EQ(activeSurgeryCount(*model), 0);
}

TEST(Surgery, ImpossibleBlockSizeIsAClearError) {
    auto model = tiny();
    Quiet p;
    try {
        applySurgery(*model,
                     SurgeryPlan::uniform(*model, SurgeryMethod::Kronecker, 5, MatrixTargets::parse("all")),
                     p);
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("5"), std::string::npos) << e.what();
    }
    EXPECT_EQ(activeSurgeryCount(*model), 0);
}

TEST(Sweep, RowsCarryTheirSettingsAndStream) {
    auto model = tiny();
    const auto ids = someIds(300);
    SweepSettings s;
    s.block_sizes = {2, 4};
    s.methods = {"kron", "svd"};
    s.targets = {"all", "attn"};
    s.ppl.max_length = 64;
    s.ppl.stride = 32;
    s.ppl.text_name = "ids";
    Quiet p;
    int streamed = 0;
    const auto r = runSweep(*model, ids, "abc", s, p, [&](const SweepRow&) { ++streamed; });
    ASSERT_TRUE(r.complete);
    ASSERT_EQ(r.rows.size(), 1u + 2 * 2 * 2);
    EXPECT_EQ(streamed, 9);
    EXPECT_EQ(r.rows[0].method, "baseline");
    EXPECT_EQ(activeSurgeryCount(*model), 0);
    // The baseline equals a plain perplexity run.
    Quiet q;
    EXPECT_DOUBLE_EQ(r.rows[0].ppl.ppl, model->perplexity(ids, s.ppl, q).ppl);
    // A surgery row equals a single surgery + perplexity with the same settings.
    Quiet q2;
    applySurgery(*model, SurgeryPlan::named(*model, "svd", 4, MatrixTargets::parse("attn")), q2);
    const double direct = model->perplexity(ids, s.ppl, q2).ppl;
    revertSurgery(*model);
    bool found = false;
    for (const auto& row : r.rows)
        if (row.method == "svd" && row.block_size == 4 && row.targets == "attn") {
            EXPECT_DOUBLE_EQ(row.ppl.ppl, direct);
            EXPECT_EQ(row.matrices, 4);
            found = true;
        }
    EXPECT_TRUE(found);

    const auto json = toJson(r);
    ASSERT_EQ(json["rows"].size(), 9u);
    for (const auto& row : json["rows"]) {
        for (const char* key : {"method", "block_size", "params", "ppl", "max_length", "stride", "model_hash",
                                "text_hash", "app_version"})
            EXPECT_TRUE(row.contains(key)) << key;
        EXPECT_EQ(row["text_hash"], "abc");
    }
    const std::string csv = sweepToCsv(r);
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 10);
    const std::string md = sweepToMarkdown(r);
    EXPECT_NE(md.find("| kron | 2 | all |"), std::string::npos) << md;
    const fs::path out = fs::temp_directory_path() / "kronscope-sweep-test.json";
    writeSweep(r, out.string());
    EXPECT_TRUE(fs::file_size(out) > 100);
    EXPECT_THROW(writeSweep(r, "/tmp/x.xlsx"), InputError);
}

// Planted rows: evaluations per minute and tokens per second from the cells' wall times; untimed rows (files
// written before cells were timed) are left out, and a run of only those has no throughput.
TEST(Sweep, ThroughputFromTheCellsWallTimes) {
    std::vector<SweepRow> rows(3);
    rows[0].seconds = 10.0, rows[0].ppl.seconds = 8.0, rows[0].ppl.tokens_per_second = 128.0;  // 1024 tokens
    rows[1].seconds = 20.0, rows[1].ppl.seconds = 4.0, rows[1].ppl.tokens_per_second = 512.0;  // 2048 tokens
    rows[2].seconds = 0.0, rows[2].ppl.seconds = 1.0, rows[2].ppl.tokens_per_second = 999.0;   // untimed
    const auto t = sweepThroughput(rows);
    ASSERT_TRUE(t.known());
    EXPECT_EQ(t.evaluations, 2);
    EXPECT_DOUBLE_EQ(t.seconds, 30.0);
    EXPECT_DOUBLE_EQ(t.tokens, 3072.0);
    EXPECT_DOUBLE_EQ(t.evaluations_per_minute, 4.0);
    EXPECT_DOUBLE_EQ(t.tokens_per_second, 102.4);
    EXPECT_FALSE(sweepThroughput({rows[2]}).known());
    SweepResult r;
    r.rows = rows;
    const auto j = toJson(r);
    EXPECT_DOUBLE_EQ(j["throughput"]["evaluations_per_minute"].get<double>(), 4.0);
    EXPECT_NE(sweepToMarkdown(r).find("Throughput: 4.00 evaluations/min, 102 tokens/s"), std::string::npos);
    // A row keeps its wall time through the JSON codec (sessions, shards).
    EXPECT_DOUBLE_EQ(sweepRowFromJson(JsonIn(j["rows"][1], "rows[1]")).seconds, 20.0);
}

TEST(Sweep, CancelKeepsFinishedRows) {
    auto model = tiny();
    const auto ids = someIds(200);
    SweepSettings s;
    s.block_sizes = {2, 4, 8};
    s.methods = {"kron"};
    s.ppl.max_length = 64;
    struct CancelAfter : Progress {
        int rows = 0;
    } p;
    const auto r = runSweep(*model, ids, "x", s, p, [&](const SweepRow&) {
        if (++p.rows == 2) p.cancel();
    });
    EXPECT_FALSE(r.complete);
    EXPECT_EQ(r.rows.size(), 2u);
    EXPECT_EQ(activeSurgeryCount(*model), 0);
}

// The seed's parameter table, from plans over a generated GPT-2-small-shaped checkpoint.
TEST(SurgeryPlan, ReproducesTheSeedParameterCounts) {
    const fs::path dir = fs::temp_directory_path() / ("kronscope-gpt2-shape-" + std::to_string(::getpid()));
    Gpt2Config c = presetConfig("gpt2");
    c.vocab_size = 512;  // the block matrices are GPT-2 small's; a small vocabulary keeps the file small
    RandomCheckpointOptions o;
    o.dtype = "F16";
    o.copy_tokenizer = false;
    writeRandomCheckpoint(dir.string(), c, o);
    auto model = Gpt2Model::load(dir.string());
    ASSERT_EQ(model->matrices().size(), 48u);
    const std::vector<std::pair<int64_t, std::pair<std::string, std::string>>> seed = {
        {2, {"42.47M", "42.45M"}},
        {4, {"21.24M", "21.27M"}},
        {8, {"10.64M", "10.64M"}},
        {16, {"5.51M", "5.46M"}},
        {32, {"4.23M", "4.26M"}}};
    auto m = [](int64_t p) {
        char b[32];
        std::snprintf(b, sizeof b, "%.2fM", double(p) / 1e6);
        return std::string(b);
    };
    for (const auto& [n, expected] : seed) {
        const auto all = MatrixTargets::parse("all");
        const int64_t kron = SurgeryPlan::uniform(*model, SurgeryMethod::Kronecker, n, all).params(*model);
        const int64_t svd = SurgeryPlan::uniform(*model, SurgeryMethod::Svd, n, all).params(*model);
        std::printf("n=%lld: Kronecker %lld (%s), SVD %lld (%s)\n", (long long)n, (long long)kron,
                    m(kron).c_str(), (long long)svd, m(svd).c_str());
        EXPECT_EQ(m(kron), expected.first);
        EXPECT_EQ(m(svd), expected.second);
    }
    fs::remove_all(dir);
}

// The sweep as a core analysis (the Surgery sweep page and kronscope-cli sweep): the request refuses what
// would run nothing or fail late, naming the field; its rows are runSweep's on the tokenized text, streamed
// with the text's hash.
TEST(SweepAnalysis, RequestChecksAndRowsEqualTheSweep) {
    const fs::path dir =
        fs::temp_directory_path() / ("kronscope-sweep-analysis-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    Gpt2Config c = presetConfig("gpt2");
    c.n_layer = 1;
    c.n_embd = 16;
    c.n_head = 2;
    c.n_positions = 32;
    RandomCheckpointOptions o;
    o.seed = 5;
    writeRandomCheckpoint(dir.string(), c, o);
    const std::string text = (dir / "text.txt").string();
    std::ofstream(text)
        << "The quick brown fox jumps over the lazy dog. It was the best of times, it was the "
           "worst of times, it was the age of wisdom, it was the age of foolishness.\n";
    auto model = Gpt2Model::load(dir.string());

    SweepRequest rq;
    rq.text_path = text;
    rq.settings.block_sizes = {2, 4};
    rq.settings.methods = {"kron", "svd"};
    rq.settings.targets = {"attn"};
    rq.settings.ppl.max_length = 32;
    rq.settings.ppl.stride = 16;
    auto refused = [&](const std::function<void(SweepRequest&)>& change) {
        SweepRequest bad = rq;
        change(bad);
        try {
            bad.validateFor(*model);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    EXPECT_EQ(refused([](SweepRequest& r) { r.settings.methods.clear(); }).rfind("methods:", 0), 0u);
    EXPECT_EQ(refused([](SweepRequest& r) {
                  r.settings.methods = {"kron", "quaternion"};
              }).rfind("methods:", 0),
              0u);
    EXPECT_EQ(refused([](SweepRequest& r) { r.settings.targets.clear(); }).rfind("targets:", 0), 0u);
    EXPECT_EQ(refused([](SweepRequest& r) { r.settings.targets = {"layers:x"}; }).rfind("targets:", 0), 0u);
    EXPECT_EQ(refused([](SweepRequest& r) { r.settings.block_sizes.clear(); }).rfind("block sizes:", 0), 0u);
    EXPECT_EQ(refused([](SweepRequest& r) { r.settings.block_sizes = {0}; }).rfind("block sizes:", 0), 0u);
    EXPECT_NE(refused([](SweepRequest& r) { r.settings.block_sizes = {5}; }), "(accepted)");
    EXPECT_EQ(refused([](SweepRequest& r) { r.text_path.clear(); }).rfind("text:", 0), 0u);

    Quiet p;
    std::vector<std::string> hashes;
    const auto r =
        runSweepAnalysis(*model, rq, p, [&](const SweepRow&, const std::string& h) { hashes.push_back(h); });
    ASSERT_TRUE(r.complete);
    ASSERT_EQ(r.rows.size(), 5u);
    EXPECT_EQ(r.text_name, "text.txt");
    const auto t = tokenizeTextFile(*model, text);
    EXPECT_EQ(r.text_hash, t.hash);
    EXPECT_EQ(hashes, std::vector<std::string>(5, t.hash));
    SweepSettings s = rq.settings;
    s.ppl.text_name = t.name;
    Quiet q;
    const auto direct = runSweep(*model, t.ids, t.hash, s, q);
    for (size_t i = 0; i < r.rows.size(); ++i) {
        EXPECT_EQ(r.rows[i].method, direct.rows[i].method);
        EXPECT_EQ(r.rows[i].block_size, direct.rows[i].block_size);
        EXPECT_DOUBLE_EQ(r.rows[i].ppl.ppl, direct.rows[i].ppl.ppl);
    }
    model.reset();
    fs::remove_all(dir);
}
