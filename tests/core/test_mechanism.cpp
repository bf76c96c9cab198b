// The mechanism lab (seed 000, second half) on the tiny fixture: capture leaves the outputs unchanged, the
// Gram path equals the activation-weighted error computed from materialized X, planted spectra come back out
// of the conditioning, the scan's prefix reuse gives the numbers of a full run, propagation is zero below the
// first changed layer, and the codec round-trips.
#include <gtest/gtest.h>
#include <torch/torch.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <random>

#include "../../core/src/decompose/decomposition_impl.h"
#include "../../core/src/model/gpt2_impl.h"
#include "kronscope/core/analysis/mechanism.h"
#include "kronscope/core/base/error.h"
#include "kronscope/core/codec/mechanism_json.h"
#include "kronscope/core/decompose/decomposition.h"
#include "kronscope/core/io/safetensors.h"
#include "kronscope/core/surgery/surgery.h"

using namespace kronscope::core;
namespace fs = std::filesystem;

namespace {
const std::string kTiny = std::string(KRONSCOPE_TEST_DATA) + "/tiny-gpt2";
std::unique_ptr<Gpt2Model> tiny() {
    return Gpt2Model::load(kTiny);
}
std::vector<int32_t> someIds(size_t n) {
    std::vector<int32_t> ids(n);
    for (size_t i = 0; i < n; ++i) ids[i] = static_cast<int32_t>((i * 37 + 11 + i * i % 7) % 512);
    return ids;
}
TextWindow window(size_t tokens, int64_t len = 32, int64_t stride = 32) {
    TextWindow t;
    t.ids = someIds(tokens);
    t.ppl.max_length = len, t.ppl.stride = stride, t.ppl.batch_windows = 3;
    return t;
}
struct Quiet : Progress {};
}  // namespace

TEST(Mechanism, CaptureLeavesTheOutputsUnchanged) {
    auto model = tiny();
    Quiet p;
    const auto ids = someIds(300);
    const auto g = captureActivations(*model, ids, {64, 0}, MatrixTargets::all(), p);
    PerplexitySettings s;
    s.max_length = 64, s.stride = 64;  // the same non-overlapping windows
    const auto r = model->perplexity(ids, s, p);
    EXPECT_EQ(g.tokens_scored, r.tokens_scored);
    EXPECT_EQ(g.mean_nll, r.nll_sum / static_cast<double>(r.tokens_scored)) << "bit for bit";
    EXPECT_EQ(g.positions, 300);
    ASSERT_EQ(g.grams.size(), 8u);
    EXPECT_EQ(g.grams[3].size(), 256u * 256u);  // mlp.c_proj's input is 256 wide
    EXPECT_EQ(g.residual_rms.size(), 2u);
    // Logits with a tap that reads every input are those without one.
    const auto& impl = model->impl();
    torch::InferenceMode guard;
    auto x = torch::arange(40, torch::kLong).remainder(512).unsqueeze(0);
    int seen = 0;
    ForwardTap tap;
    tap.matrix_input = [&](int, int, const torch::Tensor&) { ++seen; };
    tap.residual = [&](int, const torch::Tensor&) { ++seen; };
    const auto a = gpt2Hidden(impl.config, impl.wte, impl.wpe, impl.blocks, impl.lnf_w, impl.lnf_b, x);
    const auto b =
        gpt2Hidden(impl.config, impl.wte, impl.wpe, impl.blocks, impl.lnf_w, impl.lnf_b, x, nullptr, &tap);
    EXPECT_TRUE(torch::equal(a, b));
    EXPECT_EQ(seen, 2 * 5);
}

TEST(Mechanism, GramPathEqualsMaterializedActivations) {
    auto model = tiny();
    Quiet p;
    const auto ids = someIds(250);
    const auto g = captureActivations(*model, ids, {50, 0}, MatrixTargets::all(), p);
    const auto rows = activationErrors(*model, g, 4, p);
    // Independent: store X of every matrix over the same windows, then ||X (W - fit)|| / ||X W|| directly.
    const auto& impl = model->impl();
    std::map<std::pair<int, int>, std::vector<torch::Tensor>> xs;
    ForwardTap tap;
    tap.matrix_input = [&](int l, int s, const torch::Tensor& x) {
        xs[{l, s}].push_back(x.to(torch::kFloat64).clone());
    };
    {
        torch::InferenceMode guard;
        for (int64_t begin = 0; begin < 250; begin += 50) {
            auto x = torch::empty({1, 50}, torch::kLong);
            for (int64_t t = 0; t < 50; ++t) x[0][t] = ids[static_cast<size_t>(begin + t)];
            gpt2Hidden(impl.config, impl.wte, impl.wpe, impl.blocks, impl.lnf_w, impl.lnf_b, x, nullptr,
                       &tap);
        }
    }
    int kron_wins = 0;
    for (const auto& r : rows) {
        const auto [l, s] = impl.parseMatrixName(r.matrix);
        const auto X = torch::cat(xs[{l, s}]);
        const auto w = impl.original[static_cast<size_t>(l)][s].to(torch::kFloat64);
        const auto kf = fitKroneckerFactors(w, KroneckerSpec::forBlockSize(w.size(0), w.size(1), 4));
        const auto kfit = materializeKronecker(kf.a, kf.s);
        const double direct =
            torch::matmul(X, w - kfit).norm().item<double>() / torch::matmul(X, w).norm().item<double>();
        EXPECT_LE(std::fabs(r.kron.act_rel_err - direct), 1e-6 * direct) << r.matrix;
        EXPECT_NEAR(r.kron.rel_err, kf.rel_err, 1e-9) << r.matrix;
        EXPECT_GT(r.kron.params, 0);
        kron_wins += r.kron.act_rel_err < r.svd.act_rel_err;
    }
    EXPECT_EQ(rows.size(), 8u);
    std::printf("[   INFO   ] Kronecker wins %d/8 activation-weighted on the random fixture\n", kron_wins);
}

TEST(Mechanism, PlantedSpectrumComesBackOutOfTheConditioning) {
    // A copy of the fixture whose h.0.attn.c_proj (64 x 64) has singular values 1..64.
    const auto dir = (fs::temp_directory_path() / ("kronscope-mech-" + std::to_string(getpid()))).string();
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy_file(kTiny + "/config.json", dir + "/config.json");
    auto st = SafetensorsFile::open(kTiny + "/model.safetensors");
    torch::manual_seed(3);
    const auto q1 = std::get<0>(at::linalg_qr(torch::randn({64, 64}, torch::kFloat64)));
    const auto q2 = std::get<0>(at::linalg_qr(torch::randn({64, 64}, torch::kFloat64)));
    const auto sv = torch::arange(1, 65, torch::kFloat64);
    const auto planted = torch::matmul(q1 * sv.unsqueeze(0), q2.t()).to(torch::kFloat32).contiguous();
    std::vector<std::vector<float>> keep;
    std::vector<TensorToWrite> out;
    for (const auto& info : st.tensors()) {
        const auto* f = reinterpret_cast<const float*>(st.data(info));
        keep.emplace_back(f, f + info.bytes() / 4);
        if (info.name == "h.0.attn.c_proj.weight")
            keep.back().assign(planted.data_ptr<float>(), planted.data_ptr<float>() + 64 * 64);
        out.push_back({info.name, DType::F32, info.shape, keep.back().data(), info.bytes()});
    }
    writeSafetensors(dir + "/model.safetensors", out, {{"format", "pt"}});
    auto model = Gpt2Model::load(dir);
    Quiet p;
    const auto rows = conditioningRows(*model, MatrixTargets::parse("matrices:h.0.attn.c_proj"), 4, p);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_NEAR(rows[0].original.cond, 64.0, 64.0 * 1e-5);
    EXPECT_EQ(rows[0].original.numerical_rank, 64);
    double h = 0.0;
    for (int i = 1; i <= 64; ++i) h -= (i / 2080.0) * std::log(i / 2080.0);
    EXPECT_NEAR(rows[0].original.effective_rank, std::exp(h), 1e-3);
    // The matched SVD at n = 4 keeps rank round(P_kron / (m + p)) of 64: numerically singular.
    const int64_t k = matchedSvdRank(64, 64, KroneckerSpec::forBlockSize(64, 64, 4).params());
    EXPECT_EQ(rows[0].svd.numerical_rank, k);
    EXPECT_GT(rows[0].svd.cond, 1e12);
    EXPECT_EQ(rows[0].full_rank, 64);
    fs::remove_all(dir);
}

TEST(Mechanism, NullspaceNoiseAtZeroIsTheSvdSurgery) {
    auto model = tiny();
    Quiet p;
    const auto text = window(200);
    const auto r = nullspaceSweep(*model, text, MatrixTargets::parse("mlp"), 4, {0.0, 1.0}, 0, p);
    ASSERT_EQ(r.points.size(), 2u);
    EXPECT_NEAR(r.points[0].ppl, r.svd_ppl, 1e-4 * r.svd_ppl);
    EXPECT_NEAR(r.points[0].gap_reduction, 0.0, 1e-3);
    EXPECT_NE(r.points[1].ppl, r.points[0].ppl);
    EXPECT_EQ(activeSurgeryCount(*model), 0) << "reverted";
    EXPECT_EQ(model->perplexity(text.ids, text.ppl, p).ppl, r.baseline_ppl);
}

TEST(Mechanism, ScanWithPrefixReuseEqualsFullRuns) {
    auto model = tiny();
    Quiet p;
    const auto text = window(180, 32, 16);  // strided windows
    const auto reuse = singleMatrixScan(*model, text, MatrixTargets::all(), {4}, {"kron", "svd"}, 0.0, p);
    const auto full = singleMatrixScan(*model, text, MatrixTargets::all(), {4}, {"kron", "svd"}, 1e-12, p);
    EXPECT_TRUE(reuse.prefix_reuse);
    EXPECT_FALSE(full.prefix_reuse);
    ASSERT_EQ(reuse.rows.size(), 16u);
    ASSERT_EQ(full.rows.size(), 16u);
    EXPECT_EQ(reuse.baseline_ppl, model->perplexity(text.ids, text.ppl, p).ppl);
    for (size_t i = 0; i < reuse.rows.size(); ++i)
        EXPECT_NEAR(reuse.rows[i].mean_nll, full.rows[i].mean_nll, 1e-12) << reuse.rows[i].matrix;
    // A row is the PPL of that one surgery measured the ordinary way.
    const auto& row = reuse.rows[5];
    SurgeryPlan plan;
    plan.entries.push_back({row.matrix, row.method == "kron" ? SurgeryMethod::Kronecker : SurgeryMethod::Svd,
                            4, 0, true, false});
    applySurgery(*model, plan, p);
    const double direct = model->perplexity(text.ids, text.ppl, p).ppl;
    revertSurgery(*model);
    EXPECT_NEAR(row.ppl, direct, 1e-9 * direct) << row.matrix;
    // Additivity sums the single changes.
    double sum = 0.0;
    for (const auto& r : reuse.rows)
        if (r.method == "kron") sum += r.mean_nll - reuse.baseline_mean_nll;
    EXPECT_NEAR(reuse.additivity[0].sum_single_delta_nll, sum, 1e-12);
    EXPECT_EQ(activeSurgeryCount(*model), 0);
}

TEST(Mechanism, PropagationIsZeroBelowTheFirstChangedLayer) {
    auto model = tiny();
    Quiet p;
    auto text = window(160, 32, 32);
    const auto runs = errorPropagation(*model, text, MatrixTargets::parse("layers:1"), 4, 0.0, p);
    ASSERT_EQ(runs.size(), 4u);
    for (const auto& r : runs) {
        ASSERT_EQ(r.rel_err.size(), 2u);
        EXPECT_EQ(r.rel_err[0], 0.0) << r.config;
        EXPECT_NEAR(r.cosine[0], 1.0, 1e-6) << r.config;
        EXPECT_GT(r.rel_err[1], 0.0) << r.config;
    }
    EXPECT_EQ(activeSurgeryCount(*model), 0);
}

TEST(Mechanism, RequestChecksAndCodecRoundTrip) {
    auto model = tiny();
    MechanismRequest rq;
    rq.analysis = MechanismAnalysis::Conditioning;
    rq.block_sizes = {4};
    Quiet p;
    const auto r = runMechanismAnalysis(*model, rq, p);
    EXPECT_EQ(r.conditioning.size(), 8u);
    const auto j = toJson(r);
    EXPECT_TRUE(j["matrices"][0]["svd"]["cond"].is_number() || j["matrices"][0]["svd"]["cond"].is_null());
    const auto back = mechanismFromJson(JsonIn(j, "mechanism"));
    EXPECT_EQ(toJson(back).dump(), j.dump());
    rq.block_sizes = {3};
    EXPECT_THROW(rq.validateFor(*model), InputError);
    rq.block_sizes = {4, 8};
    EXPECT_THROW(rq.validate(), InputError) << "one block size but for the scan";
    rq.analysis = MechanismAnalysis::Scan;
    EXPECT_THROW(rq.validate(), InputError) << "the scan needs a text";
    rq.text_path = "x.txt";
    rq.methods = {"hybrid"};
    EXPECT_THROW(rq.validate(), InputError);
    EXPECT_THROW(parseMechanismAnalysis("nope"), InputError);
}
