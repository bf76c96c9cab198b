// Nearest Kronecker sum and truncated SVD (science.md): exact recovery of planted Kronecker sums, the
// tail-energy identity, agreement with an independent brute-force reference (R(W) built by explicit loops and
// a full torch::linalg_svd), factored application against x @ W_fit, and the seed's parameter counts.
// Every comparison prints its error next to the tolerance.
#include <gtest/gtest.h>

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <tuple>

#include "../../core/src/decompose/decomposition_impl.h"
#include "../../core/src/decompose/null_draws.h"
#include "kronscope/core/decompose/decomposition.h"
#include "kronscope/core/decompose/null_models.h"
#include "kronscope/core/base/error.h"

using namespace kronscope::core;

namespace {

MatrixF toMatrixF(const torch::Tensor& t) {
    // t: (rows, cols), any float dtype
    const torch::Tensor c = t.to(torch::kFloat32).contiguous();
    MatrixF m;
    m.rows = c.size(0);
    m.cols = c.size(1);
    m.values.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return m;
}

torch::Tensor toTensor(const std::vector<float>& v, std::vector<int64_t> shape) {
    return torch::from_blob(const_cast<float*>(v.data()), shape, torch::kFloat32).clone();
}

torch::Tensor toTensor(const MatrixF& m) {
    return toTensor(m.values, {m.rows, m.cols});
}

double relDiff(const torch::Tensor& got, const torch::Tensor& want) {
    const auto g = got.to(torch::kFloat64), w = want.to(torch::kFloat64);
    return (g - w).norm().item<double>() / w.norm().item<double>();
}

/// W = sum_k A_k (x) S_k with Gaussian factors, built in float64 by explicit Kronecker products, stored as
/// float32.
torch::Tensor plantedSum(const KroneckerSpec& spec, int64_t planted_terms) {
    torch::Tensor w = torch::zeros({spec.m1 * spec.m2, spec.p1 * spec.p2}, torch::kFloat64);  // (m, p)
    for (int64_t k = 0; k < planted_terms; ++k) {
        const auto a = torch::randn({spec.m1, spec.p1}, torch::kFloat64);
        const auto s = torch::randn({spec.m2, spec.p2}, torch::kFloat64);
        w += torch::kron(a, s);
    }
    return w.to(torch::kFloat32);
}

/// R(W) by explicit loops: row i p1 + j, column c p2 + b holds W[i m2 + c, j p2 + b].
torch::Tensor rearrangeByLoops(const torch::Tensor& w, const KroneckerSpec& sp) {
    const auto wd = w.to(torch::kFloat64).contiguous();
    const auto acc = wd.accessor<double, 2>();
    torch::Tensor r = torch::empty({sp.m1 * sp.p1, sp.m2 * sp.p2}, torch::kFloat64);
    auto racc = r.accessor<double, 2>();
    for (int64_t i = 0; i < sp.m1; ++i)
        for (int64_t j = 0; j < sp.p1; ++j)
            for (int64_t c = 0; c < sp.m2; ++c)
                for (int64_t b = 0; b < sp.p2; ++b)
                    racc[i * sp.p1 + j][c * sp.p2 + b] = acc[i * sp.m2 + c][j * sp.p2 + b];
    return r;
}

/// sum_k A_k (x) S_k by explicit loops from the public result's float arrays.
torch::Tensor fitByLoops(const KroneckerResult& res) {
    const auto& sp = res.spec;
    torch::Tensor w = torch::zeros({res.rows, res.cols}, torch::kFloat64);
    auto acc = w.accessor<double, 2>();
    for (int64_t k = 0; k < res.terms; ++k)
        for (int64_t i = 0; i < sp.m1; ++i)
            for (int64_t j = 0; j < sp.p1; ++j) {
                const double aij = res.a[(k * sp.m1 + i) * sp.p1 + j];
                for (int64_t c = 0; c < sp.m2; ++c)
                    for (int64_t b = 0; b < sp.p2; ++b)
                        acc[i * sp.m2 + c][j * sp.p2 + b] += aij * res.s[(k * sp.m2 + c) * sp.p2 + b];
            }
    return w;
}

KroneckerSpec makeSpec(int64_t m1, int64_t p1, int64_t m2, int64_t p2, int64_t terms) {
    KroneckerSpec s;
    s.m1 = m1, s.p1 = p1, s.m2 = m2, s.p2 = p2, s.terms = terms;
    return s;
}

}  // namespace

// ---------------------------------------------------------------------------------------------- specs

TEST(KroneckerSpec, BlockSizeShapes) {
    const auto first = KroneckerSpec::forBlockSize(768, 2304, /*n=*/4);
    EXPECT_EQ(first.m1, 4);
    EXPECT_EQ(first.p1, 4);
    EXPECT_EQ(first.m2, 192);
    EXPECT_EQ(first.p2, 576);
    EXPECT_EQ(first.terms, 4);
    EXPECT_EQ(first.params(), 768 * 2304 / 4 + 4 * 4 * 4);
    const auto second = KroneckerSpec::forBlockSize(768, 2304, /*n=*/4, /*small_first=*/false);
    EXPECT_EQ(second.m1, 192);
    EXPECT_EQ(second.p1, 576);
    EXPECT_EQ(second.m2, 4);
    EXPECT_EQ(second.p2, 4);
    EXPECT_EQ(second.params(), first.params());
    EXPECT_NO_THROW(first.validate(768, 2304));
    EXPECT_NE(first.label().find("A_k 4 x 4 (x) S_k 192 x 576, r = 4"), std::string::npos) << first.label();
}

TEST(KroneckerSpec, NonDivisibleSizesAreInputErrors) {
    try {
        KroneckerSpec::forBlockSize(768, 2304, /*n=*/5);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "768 x 2304 is not divisible into 5 x 5 blocks");
    }
    try {
        KroneckerSpec::forBlockSize(768, 2304, /*n=*/5, /*small_first=*/false);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "768 x 2304 is not divisible into 5 x 5 blocks");
    }
    EXPECT_THROW(KroneckerSpec::forBlockSize(768, 2304, /*n=*/0), InputError);
    try {
        makeSpec(2, 2, 384, 1000, 2).validate(768, 2304);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "768 x 2304 does not match A 2 x 2 (x) S 384 x 1000 = 768 x 2000");
    }
    EXPECT_THROW(makeSpec(2, 2, 4, 4, /*terms=*/0).validate(8, 8), InputError);

    // Through the public fit: a shape mismatch and a malformed matrix.
    const MatrixF w = toMatrixF(torch::randn({12, 10}));
    EXPECT_THROW(fitKronecker(w, makeSpec(5, 2, 2, 5, 1)), InputError);
    EXPECT_THROW(fitKronecker(w, KroneckerSpec::forBlockSize(12, 10, /*n=*/4)), InputError);
    MatrixF broken = w;
    broken.values.pop_back();
    EXPECT_THROW(fitKronecker(broken, makeSpec(3, 2, 4, 5, 1)), InputError);
    MatrixF nan = w;
    nan.values[7] = std::nanf("");
    EXPECT_THROW(fitKronecker(nan, makeSpec(3, 2, 4, 5, 1)), InputError);
    EXPECT_THROW(fitTruncatedSvd(w, /*rank=*/0), InputError);
}

TEST(KroneckerSpec, TermsAreCappedAtTheRankOfR) {
    torch::manual_seed(1);
    const MatrixF w = toMatrixF(torch::randn({6, 8}));
    const auto spec = makeSpec(2, 2, 3, 4, /*terms=*/10);  // R(W) is 4 x 12: at most 4 terms
    const auto res = fitKronecker(w, spec);
    EXPECT_TRUE(res.terms_capped);
    EXPECT_EQ(res.terms, 4);
    EXPECT_EQ(res.params, 4 * (4 + 12));
    EXPECT_EQ(res.singular_values.size(), 4u);
    EXPECT_LT(res.rel_err, 1e-6);  // all terms: exact
    EXPECT_NE(res.settings.find("capped"), std::string::npos) << res.settings;
}

// ---------------------------------------------------------------------------------------------- exact
// recovery

class PlantedKroneckerSum : public ::testing::TestWithParam<std::tuple<int64_t, bool, int64_t>> {};

TEST_P(PlantedKroneckerSum, IsRecoveredExactly) {
    const auto [n, small_first, planted] = GetParam();
    torch::manual_seed(100 + n * 10 + planted);
    auto spec = KroneckerSpec::forBlockSize(96, 160, n, small_first);
    const torch::Tensor w = plantedSum(spec, planted);  // (96, 160), float32
    spec.terms = planted;
    const auto res = fitKronecker(toMatrixF(w), spec, /*want_matrices=*/true);

    // Measured three ways: the fit's own float64 error, the float32 factors multiplied out by loops, and the
    // returned approximation matrix.
    const double by_loops = relDiff(fitByLoops(res), w);
    const double by_matrix = relDiff(toTensor(res.approximation), w);
    std::printf(
        "[n = %lld, %s, r = %lld] rel_err %.3g, float32 factors %.3g, approximation %.3g, s_{r+1}/s_1 %.3g\n",
        static_cast<long long>(n), small_first ? "small first" : "small second",
        static_cast<long long>(planted), res.rel_err, by_loops, by_matrix,
        static_cast<size_t>(planted) < res.singular_values.size()
            ? res.singular_values[planted] / res.singular_values[0]
            : 0.0);
    EXPECT_EQ(res.terms, planted);
    EXPECT_LT(res.rel_err, 1e-5);
    EXPECT_LT(by_loops, 1e-5);
    EXPECT_LT(by_matrix, 1e-5);
    // The error matrix is W - fit.
    EXPECT_LT((toTensor(res.error) - (w - toTensor(res.approximation))).abs().max().item<float>(), 1e-6);
    // One term fewer cannot be exact.
    if (planted > 1) {
        auto fewer = spec;
        fewer.terms = planted - 1;
        EXPECT_GT(fitKronecker(toMatrixF(w), fewer).rel_err, 1e-3);
    }
}

INSTANTIATE_TEST_SUITE_P(Decomposition, PlantedKroneckerSum,
                         ::testing::Values(std::make_tuple(2, true, 1), std::make_tuple(2, true, 2),
                                           std::make_tuple(4, true, 1), std::make_tuple(4, true, 2),
                                           std::make_tuple(4, true, 4), std::make_tuple(8, true, 8),
                                           std::make_tuple(2, false, 1), std::make_tuple(2, false, 2),
                                           std::make_tuple(4, false, 2), std::make_tuple(4, false, 4),
                                           std::make_tuple(8, false, 8), std::make_tuple(16, true, 16),
                                           std::make_tuple(16, false, 16)));

TEST(KroneckerFit, PlantedSumAtGpt2Size) {
    torch::manual_seed(7);
    auto spec = KroneckerSpec::forBlockSize(768, 3072, /*n=*/16);
    const torch::Tensor w = plantedSum(spec, /*planted_terms=*/16);  // (768, 3072)
    const auto res = fitKronecker(toMatrixF(w), spec);
    const double by_loops = relDiff(fitByLoops(res), w);
    std::printf("768 x 3072, n = 16, r = 16 planted: rel_err %.3g, float32 factors %.3g (%.3f s)\n",
                res.rel_err, by_loops, res.seconds);
    EXPECT_LT(res.rel_err, 1e-5);
    EXPECT_LT(by_loops, 1e-5);
}

TEST(KroneckerFit, ArbitraryShapesAsInTheSeedNotebook) {
    // The notebook's A 768 x 1536, S 1 x 2 on a 768 x 3072 matrix: R(W) is tall (1179648 x 2).
    torch::manual_seed(3);
    const auto spec = makeSpec(768, 1536, 1, 2, /*terms=*/1);
    const torch::Tensor w = plantedSum(spec, /*planted_terms=*/1);
    const auto res = fitKronecker(toMatrixF(w), spec);
    std::printf("A 768 x 1536 (x) S 1 x 2: rel_err %.3g, %s\n", res.rel_err, res.method.c_str());
    EXPECT_LT(res.rel_err, 1e-5);
    EXPECT_EQ(res.singular_values.size(), 2u);
    EXPECT_EQ(res.params, 768 * 1536 + 2);
    EXPECT_NE(res.method.find("R^T R (2 x 2"), std::string::npos) << res.method;
}

// ---------------------------------------------------------------------------------------------- identities,
// reference

TEST(KroneckerFit, ErrorEqualsTailEnergy) {
    torch::manual_seed(11);
    const torch::Tensor w = torch::randn({96, 160});
    for (const bool small_first : {true, false}) {
        auto spec = KroneckerSpec::forBlockSize(96, 160, /*n=*/8, small_first);
        for (const int64_t r : {1, 2, 5, 8, 64}) {
            spec.terms = r;
            const auto res = fitKronecker(toMatrixF(w), spec);
            double total = 0.0;
            for (double s : res.singular_values) total += s * s;
            std::printf("[n = 8, %s, r = %lld] rel_err %.8f, tail %.8f, sum s_k^2 / ||W||^2 - 1 = %.3g\n",
                        small_first ? "small first" : "small second", static_cast<long long>(res.terms),
                        res.rel_err, res.tail_rel_err, total / (res.norm_w * res.norm_w) - 1.0);
            EXPECT_NEAR(res.rel_err, res.tail_rel_err, 1e-7);
            EXPECT_NEAR(total / (res.norm_w * res.norm_w), 1.0, 1e-9);
            for (size_t k = 1; k < res.singular_values.size(); ++k)
                EXPECT_GE(res.singular_values[k - 1], res.singular_values[k] - 1e-12);
        }
    }
}

class BruteForceReference
    : public ::testing::TestWithParam<std::tuple<int64_t, int64_t, int64_t, int64_t, int64_t>> {};

TEST_P(BruteForceReference, MatchesFullSvdOfLoopBuiltR) {
    const auto [m1, p1, m2, p2, r] = GetParam();
    torch::manual_seed(m1 * 1000 + p1 * 100 + m2 * 10 + p2);
    const auto spec = makeSpec(m1, p1, m2, p2, r);
    const torch::Tensor w = torch::randn({m1 * m2, p1 * p2});  // float32
    const auto res = fitKronecker(toMatrixF(w), spec);

    // Reference: R(W) by loops, full SVD in float64, best rank-r fit sum_k s_k u_k v_k^T back through loops.
    const torch::Tensor rw = rearrangeByLoops(w, spec);
    torch::Tensor u, s, vh;
    std::tie(u, s, vh) = torch::linalg_svd(rw, /*full_matrices=*/false);
    const int64_t k = res.terms;
    const torch::Tensor r_fit =
        u.narrow(1, 0, k).mul(s.narrow(0, 0, k)).mm(vh.narrow(0, 0, k));  // (m1 p1, m2 p2)
    torch::Tensor ref_fit = torch::empty({m1 * m2, p1 * p2}, torch::kFloat64);
    {
        auto out = ref_fit.accessor<double, 2>();
        const auto in = r_fit.accessor<double, 2>();
        for (int64_t i = 0; i < m1; ++i)
            for (int64_t j = 0; j < p1; ++j)
                for (int64_t c = 0; c < m2; ++c)
                    for (int64_t b = 0; b < p2; ++b) out[i * m2 + c][j * p2 + b] = in[i * p1 + j][c * p2 + b];
    }
    const double ref_err = relDiff(ref_fit, w);

    ASSERT_EQ(static_cast<int64_t>(res.singular_values.size()), s.size(0));
    double max_sv_diff = 0.0;
    for (int64_t i = 0; i < s.size(0); ++i)
        max_sv_diff = std::max(max_sv_diff, std::fabs(res.singular_values[i] - s[i].item<double>()));
    const double fit_diff =
        (fitByLoops(res) - ref_fit).abs().max().item<double>() / w.abs().max().item<float>();
    std::printf(
        "[A %lld x %lld (x) S %lld x %lld, r = %lld] max |s - s_ref| / s_1 %.3g, fit maxdiff %.3g, "
        "rel_err %.8f vs reference %.8f (%s)\n",
        static_cast<long long>(m1), static_cast<long long>(p1), static_cast<long long>(m2),
        static_cast<long long>(p2), static_cast<long long>(k), max_sv_diff / s[0].item<double>(), fit_diff,
        res.rel_err, ref_err, res.method.c_str());
    EXPECT_LT(max_sv_diff / s[0].item<double>(), 1e-7);
    EXPECT_LT(fit_diff, 1e-5);
    EXPECT_NEAR(res.rel_err, ref_err, 1e-6);
}

INSTANTIATE_TEST_SUITE_P(Decomposition, BruteForceReference,
                         ::testing::Values(std::make_tuple(4, 4, 24, 40, 4),    // short, wide R: R R^T
                                           std::make_tuple(24, 40, 4, 4, 4),    // tall R: R^T R
                                           std::make_tuple(3, 5, 4, 2, 2),      // arbitrary shapes
                                           std::make_tuple(6, 8, 6, 8, 7),      // square R
                                           std::make_tuple(1, 2, 16, 16, 1),    // one-by-two A
                                           std::make_tuple(24, 48, 1, 2, 1)));  // the notebook's S 1 x 2

TEST(KroneckerFit, RescaleMatchesFrobeniusNorm) {
    torch::manual_seed(5);
    const torch::Tensor w = torch::randn({64, 96});
    auto spec = KroneckerSpec::forBlockSize(64, 96, /*n=*/4);
    spec.terms = 2;
    const auto plain = fitKronecker(toMatrixF(w), spec);
    spec.rescale = true;
    const auto scaled = fitKronecker(toMatrixF(w), spec, /*want_matrices=*/true);
    const double fit_norm = toTensor(scaled.approximation).to(torch::kFloat64).norm().item<double>();
    const double w_norm = w.to(torch::kFloat64).norm().item<double>();
    std::printf("rescale: scale %.4f, ||fit|| %.6f, ||W|| %.6f, rel_err %.4f (unscaled %.4f)\n", scaled.scale,
                fit_norm, w_norm, scaled.rel_err, plain.rel_err);
    EXPECT_GT(scaled.scale, 1.0);
    EXPECT_NEAR(fit_norm / w_norm, 1.0, 1e-6);
    EXPECT_NEAR(scaled.norm_fit / scaled.norm_w, 1.0, 1e-12);
    EXPECT_NEAR(scaled.rel_err, relDiff(toTensor(scaled.approximation), w), 1e-6);
    EXPECT_GE(scaled.rel_err, plain.rel_err);  // the projection is the optimum; rescaling moves off it
    EXPECT_DOUBLE_EQ(plain.scale, 1.0);
}

// ---------------------------------------------------------------------------------------------- truncated
// SVD

TEST(TruncatedSvd, MatchesFullSvd) {
    torch::manual_seed(21);
    for (const auto& shape : {std::make_pair(96, 160), std::make_pair(160, 96)}) {
        const torch::Tensor w = torch::randn({shape.first, shape.second});
        torch::Tensor u, s, vh;
        std::tie(u, s, vh) = torch::linalg_svd(w.to(torch::kFloat64), /*full_matrices=*/false);
        for (const int64_t k : {1, 10, 96}) {
            const auto res = fitTruncatedSvd(toMatrixF(w), k, /*want_matrices=*/true);
            const auto ref = u.narrow(1, 0, k).mul(s.narrow(0, 0, k)).mm(vh.narrow(0, 0, k));
            const double fit_diff = relDiff(toTensor(res.approximation), ref);
            double max_sv = 0.0;
            for (int64_t i = 0; i < s.size(0); ++i)
                max_sv = std::max(max_sv, std::fabs(res.singular_values[i] - s[i].item<double>()));
            std::printf(
                "[%lld x %lld, k = %lld] fit vs reference %.3g, max |s - s_ref| / s_1 %.3g, rel_err %.6f, "
                "tail %.6f\n",
                static_cast<long long>(shape.first), static_cast<long long>(shape.second),
                static_cast<long long>(k), fit_diff, max_sv / s[0].item<double>(), res.rel_err,
                res.tail_rel_err);
            EXPECT_EQ(res.rank, k);
            EXPECT_EQ(res.params, k * (shape.first + shape.second));
            EXPECT_LT(fit_diff, 1e-5);
            EXPECT_LT(max_sv / s[0].item<double>(), 1e-7);
            EXPECT_NEAR(res.rel_err, res.tail_rel_err, 1e-7);
            // Factors: U orthonormal, s descending, U diag(s) V^T = approximation.
            const auto ut = toTensor(res.u, {res.rows, res.rank}),
                       vt = toTensor(res.vt, {res.rank, res.cols});
            EXPECT_LT((ut.t().mm(ut) - torch::eye(k)).abs().max().item<float>(), 1e-5);
            EXPECT_LT((vt.mm(vt.t()) - torch::eye(k)).abs().max().item<float>(), 1e-5);
            EXPECT_LT(relDiff(ut.mul(toTensor(res.s, {res.rank})).mm(vt), toTensor(res.approximation)), 1e-6);
        }
    }
    const auto capped = fitTruncatedSvd(toMatrixF(torch::randn({8, 5})), /*rank=*/9);
    EXPECT_TRUE(capped.rank_capped);
    EXPECT_EQ(capped.rank, 5);
    EXPECT_LT(capped.rel_err, 1e-6);
}

TEST(TruncatedSvd, PlantedLowRankIsExact) {
    torch::manual_seed(22);
    const torch::Tensor w = torch::randn({300, 7}).mm(torch::randn({7, 200}));  // rank 7
    const auto res = fitTruncatedSvd(toMatrixF(w), /*rank=*/7);
    std::printf("planted rank 7: rel_err %.3g, s_8 / s_1 %.3g\n", res.rel_err,
                res.singular_values[7] / res.singular_values[0]);
    EXPECT_LT(res.rel_err, 1e-5);
    EXPECT_LT(res.singular_values[7] / res.singular_values[0], 1e-6);
}

// ---------------------------------------------------------------------------------------------- factored
// application

TEST(FactoredApplication, KroneckerEqualsMaterialized) {
    torch::manual_seed(31);
    // Shapes that take each contraction order: S first is cheaper when A is small, A first when S is small.
    for (const auto& spec : {makeSpec(4, 4, 24, 40, 4), makeSpec(24, 40, 4, 4, 4), makeSpec(3, 5, 4, 2, 2),
                             makeSpec(2, 2, 384, 1536, 2), makeSpec(16, 16, 48, 192, 16)}) {
        const int64_t m = spec.m1 * spec.m2, p = spec.p1 * spec.p2;
        const auto f = fitKroneckerFactors(torch::randn({m, p}), spec);
        const torch::Tensor w_fit = materializeKronecker(f.a, f.s);  // (m, p)
        const torch::Tensor x = torch::randn({7, m});                // (N, m)
        const double diff = relDiff(applyKronecker(x, f.a, f.s), x.mm(w_fit));
        const torch::Tensor x3 = torch::randn({2, 5, m});  // (B, T, m)
        const double diff3 = relDiff(applyKronecker(x3, f.a, f.s), torch::matmul(x3, w_fit));
        const int64_t flops = kroneckerApplyFlops(f.terms, spec.m1, spec.p1, spec.m2, spec.p2);
        std::printf(
            "[%s] x W_fit vs factored: %.3g (3-d input %.3g); FLOPs per row factored %lld, dense %lld\n",
            spec.label().c_str(), diff, diff3, static_cast<long long>(flops),
            static_cast<long long>(denseApplyFlops(m, p)));
        EXPECT_LT(diff, 1e-5);
        EXPECT_LT(diff3, 1e-5);
        EXPECT_EQ(applyKronecker(x3, f.a, f.s).sizes(), (std::vector<int64_t>{2, 5, p}));
        const int64_t r = f.terms;
        EXPECT_EQ(flops, std::min(2 * r * spec.p2 * spec.m1 * (spec.m2 + spec.p1),
                                  2 * r * spec.p1 * spec.m2 * (spec.m1 + spec.p2)));
    }
}

TEST(FactoredApplication, LowRankEqualsMaterialized) {
    torch::manual_seed(32);
    const torch::Tensor w = torch::randn({96, 160});
    const auto f = fitLowRankFactors(w, /*rank=*/12);
    const torch::Tensor w_fit = materializeLowRank(f.u, f.s, f.vt);  // (96, 160)
    const torch::Tensor x = torch::randn({9, 96});                   // (N, m)
    const double diff = relDiff(applyLowRank(x, f.u, f.s, f.vt), x.mm(w_fit));
    const torch::Tensor x3 = torch::randn({2, 3, 96});  // (B, T, m)
    const double diff3 = relDiff(applyLowRank(x3, f.u, f.s, f.vt), torch::matmul(x3, w_fit));
    std::printf("low rank 12: x W_fit vs factored %.3g (3-d input %.3g); FLOPs per row %lld vs dense %lld\n",
                diff, diff3, static_cast<long long>(lowRankApplyFlops(96, 160, 12)),
                static_cast<long long>(denseApplyFlops(96, 160)));
    EXPECT_LT(diff, 1e-5);
    EXPECT_LT(diff3, 1e-5);
    EXPECT_EQ(lowRankApplyFlops(96, 160, 12), 2 * 12 * (96 + 160) + 12);
}

// ---------------------------------------------------------------------------------------------- the seed's
// table

TEST(ParameterCounts, MatchTheSeedTableForGpt2Small) {
    // GPT-2 small's 48 block matrices: 12 x [768x2304, 768x768, 768x3072, 3072x768].
    const std::vector<std::pair<int64_t, int64_t>> shapes = {
        {768, 2304}, {768, 768}, {768, 3072}, {3072, 768}};
    const std::vector<int64_t> block_sizes = {2, 4, 8, 16, 32};
    const std::vector<std::string> kron_expected = {"42.47", "21.24", "10.64", "5.51", "4.23"};
    const std::vector<std::string> svd_expected = {"42.45", "21.27", "10.64", "5.46", "4.26"};
    for (size_t b = 0; b < block_sizes.size(); ++b) {
        const int64_t n = block_sizes[b];
        int64_t kron = 0, svd = 0, kron_second = 0;
        for (int layer = 0; layer < 12; ++layer)
            for (const auto& [rows, cols] : shapes) {
                const auto spec = KroneckerSpec::forBlockSize(rows, cols, n);
                EXPECT_EQ(spec.params(), rows * cols / n + n * n * n);
                kron += spec.params();
                kron_second += KroneckerSpec::forBlockSize(rows, cols, n, /*small_first=*/false).params();
                svd += matchedSvdRank(rows, cols, spec.params()) * (rows + cols);
            }
        char kron_m[32], svd_m[32];
        std::snprintf(kron_m, sizeof kron_m, "%.2f", kron / 1e6);
        std::snprintf(svd_m, sizeof svd_m, "%.2f", svd / 1e6);
        std::printf("n = %2lld: Kronecker %lld (%sM), SVD %lld (%sM)\n", static_cast<long long>(n),
                    static_cast<long long>(kron), kron_m, static_cast<long long>(svd), svd_m);
        EXPECT_EQ(kron_m, kron_expected[b]);
        EXPECT_EQ(svd_m, svd_expected[b]);
        EXPECT_EQ(kron_second, kron);
    }
    EXPECT_EQ(matchedSvdRank(768, 2304, /*kron_params=*/768 * 2304 / 2 + 8), 288);
    EXPECT_EQ(matchedSvdRank(768, 768, /*kron_params=*/1), 1);            // at least 1
    EXPECT_EQ(matchedSvdRank(768, 768, /*kron_params=*/768 * 768), 384);  // exact
    EXPECT_EQ(matchedSvdRank(10, 20, /*kron_params=*/100000), 10);        // at most min(rows, cols)
}

// ---------------------------------------------------------------------------------------------- timing
// (printed)

TEST(Timing, Gpt2MlpMatrix) {
    torch::manual_seed(41);
    const MatrixF w = toMatrixF(torch::randn({768, 3072}).mul_(0.02));
    for (const int64_t n : {2, 16, 32}) {
        const auto spec = KroneckerSpec::forBlockSize(768, 3072, n);
        const auto kron = fitKronecker(w, spec);
        const int64_t k = matchedSvdRank(768, 3072, spec.params());
        const auto svd = fitTruncatedSvd(w, k);
        std::printf(
            "768 x 3072, n = %2lld: Kronecker %.3f s (rel_err %.4f, %s); SVD rank %lld %.3f s (rel_err "
            "%.4f)\n",
            static_cast<long long>(n), kron.seconds, kron.rel_err, kron.method.c_str(),
            static_cast<long long>(k), svd.seconds, svd.rel_err);
        EXPECT_LT(kron.seconds, 30.0);
        EXPECT_LT(svd.seconds, 30.0);
    }
}

TEST(NullModels, RowColumnPermutationKeepsEveryRowAndColumnNorm) {
    // science.md (d): the same W with its rows and its columns independently permuted.
    torch::manual_seed(5);
    const auto w = (torch::randn({12, 30}) * torch::linspace(1.0, 0.01, 30).unsqueeze(0))
                       .contiguous();  // decaying columns
    std::vector<torch::Tensor> drawn;
    drawMatrixNull(w, NullKind::RowColPermuted, 3, 9, nullptr, [&](const torch::Tensor& x) {
        drawn.push_back(x.clone());
        return std::vector<double>{0.0};
    });
    ASSERT_EQ(drawn.size(), 3u);
    auto sorted = [](const torch::Tensor& t) { return std::get<0>(t.sort()); };
    for (const auto& x : drawn) {
        EXPECT_TRUE(torch::allclose(sorted(x.norm(2, 1)), sorted(w.norm(2, 1)), 0, 1e-6)) << "row norms";
        EXPECT_TRUE(torch::allclose(sorted(x.norm(2, 0)), sorted(w.norm(2, 0)), 0, 1e-6)) << "column norms";
        EXPECT_TRUE(torch::allclose(sorted(x.reshape({-1})), sorted(w.reshape({-1}))));
        EXPECT_FALSE(torch::equal(x, w));
    }
    EXPECT_FALSE(torch::equal(drawn[0], drawn[1]));
    EXPECT_STREQ(nullKindName(NullKind::RowColPermuted), "row-col-permuted");
    // The decomposition reports it beside the other nulls.
    MatrixF m{12, 30, std::vector<float>(w.data_ptr<float>(), w.data_ptr<float>() + w.numel())};
    const auto spec = KroneckerSpec::forBlockSize(12, 30, 2);
    const auto rc = kroneckerErrorNull(m, spec, NullKind::RowColPermuted, 4, 0);
    EXPECT_EQ(rc.draws, 4);
    EXPECT_GT(rc.mean, 0.0);
}
