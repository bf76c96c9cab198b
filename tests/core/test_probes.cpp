// Structure probes (science.md): planted structure is found, pure noise is not, and the nulls behave as the
// definitions say. Planted W = I (x) S1 + J (x) S2 is 100% complex energy with a Kronecker ratio near 0 at
// n = 2; block-diagonal rotations by multiples of 2 pi / k give S_k = 1 (eigen-angle and atan2(b, a) paths);
// Gaussian noise gives |z| < 3 for every score; Haar O(N) has mean S_k larger for even k than odd k at small
// N; anticommuting (Pauli-like) factors give Clifford violation 0 while random factors give about 1. Every
// comparison prints its value next to its tolerance.
#include <gtest/gtest.h>

#include <torch/torch.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "kronscope/core/base/error.h"
#include "kronscope/core/decompose/null_models.h"
#include "kronscope/core/probes/probes.h"
#include "kronscope/core/codec/probe_json.h"

using namespace kronscope::core;

namespace {

constexpr double kPi = 3.14159265358979323846;

MatrixF toMatrixF(const torch::Tensor& t) {
    // t: (rows, cols), any float dtype
    const torch::Tensor c = t.to(torch::kFloat32).contiguous();
    MatrixF m;
    m.rows = c.size(0);
    m.cols = c.size(1);
    m.values.assign(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
    return m;
}

torch::Tensor toTensor(const MatrixF& m) {
    return torch::from_blob(const_cast<float*>(m.values.data()), {m.rows, m.cols}, torch::kFloat32).clone();
}

torch::Tensor basis(char x) {
    switch (x) {
        case 'I':
            return torch::tensor({1.0, 0.0, 0.0, 1.0}, torch::kFloat64).view({2, 2});
        case 'J':
            return torch::tensor({0.0, -1.0, 1.0, 0.0}, torch::kFloat64).view({2, 2});
        case 'K':
            return torch::tensor({1.0, 0.0, 0.0, -1.0}, torch::kFloat64).view({2, 2});
        default:
            return torch::tensor({0.0, 1.0, 1.0, 0.0}, torch::kFloat64).view({2, 2});
    }
}

torch::Tensor rotation(double phi) {
    return torch::tensor({std::cos(phi), -std::sin(phi), std::sin(phi), std::cos(phi)}, torch::kFloat64)
        .view({2, 2});
}

/// Block-diagonal matrix of 2x2 rotations by multiples of 2 pi / k (multiplier j % k for block j).
torch::Tensor rotationBlocks(int64_t blocks, int k) {
    torch::Tensor w = torch::zeros({2 * blocks, 2 * blocks}, torch::kFloat64);
    for (int64_t j = 0; j < blocks; ++j)
        w.narrow(0, 2 * j, 2)
            .narrow(1, 2 * j, 2)
            .copy_(rotation(2 * kPi * static_cast<double>((j * 3 + 1) % k) / k));
    return w;
}

ProbeSettings quick(int draws = 20) {
    ProbeSettings s;
    s.null_draws = draws;
    s.seed = 7;
    return s;
}

void expectSmallZ(const ProbeScore& s, double limit = 3.0) {
    for (const auto& n : s.nulls) {
        std::printf("  %-14s %-9s value %.6f  null %.6f ± %.6f  z %+.3f (|z| < %.1f)\n", s.name.c_str(),
                    probeNullName(n.kind), s.value, n.mean, n.std, n.z, limit);
        EXPECT_LT(std::abs(n.z), limit) << s.name << " vs " << probeNullName(n.kind);
        EXPECT_EQ(n.draws, static_cast<int>(n.samples.size()));
    }
}

}  // namespace

// ---- planted complex

TEST(Probes, PlantedComplexIsAllIJAndKroneckerAtTwo) {
    torch::manual_seed(1);
    const auto s1 = torch::randn({48, 64}, torch::kFloat64), s2 = torch::randn({48, 64}, torch::kFloat64);
    const auto w = toMatrixF(torch::kron(basis('I'), s1) + torch::kron(basis('J'), s2));  // (96, 128)

    const auto e = probeBasisEnergy(w, quick());
    const double complex = e.complex_share.value;
    std::printf("complex share %.8f (want 1 within 1e-6); I %.4f J %.4f K %.2e L %.2e\n", complex,
                e.shares[0].value, e.shares[1].value, e.shares[2].value, e.shares[3].value);
    EXPECT_NEAR(complex, 1.0, 1e-6);
    EXPECT_NEAR(e.shares[2].value + e.shares[3].value, 0.0, 1e-6);
    EXPECT_NEAR(e.shares[0].value + e.shares[1].value + e.shares[2].value + e.shares[3].value, 1.0, 1e-9);
    // Both nulls sit at 50% complex; the planted matrix is far above.
    for (const auto& n : e.complex_share.nulls) {
        std::printf("  complex null %s: %.4f ± %.4f, z %.1f\n", probeNullName(n.kind), n.mean, n.std, n.z);
        EXPECT_NEAR(n.mean, 0.5, 0.02);
        EXPECT_GT(n.z, 10.0);
    }
    // The fitted 2x2 factors span {I, J}: complex share 1 each.
    ASSERT_EQ(e.factors.size(), 2u);
    for (const auto& f : e.factors) {
        std::printf("  factor %d: a %.4f b %.4f c %.1e d %.1e, complex %.6f, %s\n", f.term, f.a, f.b, f.c,
                    f.d, f.complex_share.value, f.label.c_str());
        EXPECT_NEAR(f.complex_share.value, 1.0, 1e-5);
        EXPECT_GT(f.det, 0.0);
        EXPECT_GE(f.a, 0.0);
    }

    const auto k = probeKronRatio(w, quick());
    std::printf("Kronecker ratio at n = 2: %.3e (gaussian), %.3e (permuted); rel_err %.3e (want < 1e-5)\n",
                k.ratio_gaussian, k.ratio_permuted, k.rel_err.value);
    EXPECT_LT(k.rel_err.value, 1e-5);
    EXPECT_LT(k.ratio_gaussian, 1e-5);
    EXPECT_LT(k.ratio_permuted, 1e-5);
    EXPECT_LT(k.rel_err.z(ProbeNullKind::Gaussian), -10.0);
}

TEST(Probes, BasisEnergyBothOrdersAndExactIdentity) {
    // Small second: W = S_I (x) I + S_K (x) K tiles W by 2x2 blocks; the transposed order must see it as I +
    // K.
    torch::manual_seed(2);
    const auto si = torch::randn({30, 20}, torch::kFloat64), sk = torch::randn({30, 20}, torch::kFloat64);
    const auto w = toMatrixF(torch::kron(si, basis('I')) + torch::kron(sk, basis('K')));
    auto s = quick(4);
    s.small_first = false;
    const auto e = probeBasisEnergy(w, s);
    const double want_i =
        2 * si.pow(2).sum().item<double>() / (2 * si.pow(2).sum() + 2 * sk.pow(2).sum()).item<double>();
    std::printf("small second: I %.6f (want %.6f), K %.6f, J %.1e, L %.1e\n", e.shares[0].value, want_i,
                e.shares[2].value, e.shares[1].value, e.shares[3].value);
    EXPECT_NEAR(e.shares[0].value, want_i, 1e-6);
    EXPECT_NEAR(e.shares[1].value + e.shares[3].value, 0.0, 1e-9);
    // Coefficients of one 2x2 matrix.
    const auto c = basis2x2Coefficients({1.0, 2.0, 3.0, 4.0});
    EXPECT_DOUBLE_EQ(c[0], 2.5);
    EXPECT_DOUBLE_EQ(c[1], 0.5);
    EXPECT_DOUBLE_EQ(c[2], -1.5);
    EXPECT_DOUBLE_EQ(c[3], 2.5);
    // Odd shapes are refused.
    MatrixF odd;
    odd.rows = 3, odd.cols = 4, odd.values.assign(12, 1.0f);
    EXPECT_THROW(probeBasisEnergy(odd, s), InputError);
}

// ---- rotations

TEST(Probes, RotationBlocksGiveFoldScoreOne) {
    for (int k : {3, 4, 6}) {
        const auto w = toMatrixF(rotationBlocks(/*blocks=*/24, k));  // 48 x 48, orthogonal already
        auto s = quick();
        const auto r = probeRotationAngles({w}, s, "planted");
        const double sk = r.fold[k - 1].value;
        const auto* haar = r.fold[k - 1].null(ProbeNullKind::Haar);
        ASSERT_NE(haar, nullptr);
        std::printf(
            "k = %d: eigen-angle S_%d = %.8f (want 1 within 1e-6), Haar O(48) null %.4f ± %.4f, z %.1f\n", k,
            k, sk, haar->mean, haar->std, haar->z);
        EXPECT_NEAR(sk, 1.0, 1e-6);
        EXPECT_GT(haar->z, 5.0);
        EXPECT_EQ(r.angles.size(), 48u);
        double hist_sum = 0;
        for (double h : r.histogram) hist_sum += h;
        EXPECT_NEAR(hist_sum, 1.0, 1e-12);
        EXPECT_EQ(static_cast<int>(r.histogram.size()), 36);
        EXPECT_EQ(static_cast<int>(r.null_histogram.size()), 36);

        const auto t = probeBlockAngles2x2(w, s, "planted tiles");
        std::printf(
            "        atan2(b, a) path: S_%d = %.8f over %zu tiles (want 1), gaussian null %.4f, z %.1f\n", k,
            t.fold[k - 1].value, t.angles.size(), t.fold[k - 1].nulls[0].mean, t.fold[k - 1].nulls[0].z);
        EXPECT_EQ(t.angles.size(), 24u);  // zero off-diagonal tiles have no angle
        EXPECT_NEAR(t.fold[k - 1].value, 1.0, 1e-6);
    }
}

TEST(Probes, PolarFactorAndEigenAngles) {
    // U V^T of W = Q P (Q orthogonal, P symmetric positive definite) is Q.
    torch::manual_seed(3);
    const auto q = toTensor(haarOrthogonal(12, /*seed=*/5)).to(torch::kFloat64);
    const auto a = torch::randn({12, 12}, torch::kFloat64);
    const auto p = a.mm(a.t()) + torch::eye(12, torch::kFloat64);
    const auto polar = toTensor(polarFactor(toMatrixF(q.mm(p)))).to(torch::kFloat64);
    const double err = (polar - q).abs().max().item<double>();
    std::printf("polar factor of Q P: max |U V^T - Q| = %.2e (tolerance 1e-4)\n", err);
    EXPECT_LT(err, 1e-4);
    const double orth = (q.mm(q.t()) - torch::eye(12, torch::kFloat64)).abs().max().item<double>();
    EXPECT_LT(orth, 1e-6);
    // Angles of a single rotation by 1 rad: +-1.
    const auto ang = eigenAngles(toMatrixF(rotation(1.0)));
    ASSERT_EQ(ang.size(), 2u);
    EXPECT_NEAR(ang[0], -1.0, 1e-6);
    EXPECT_NEAR(ang[1], 1.0, 1e-6);
    const auto f = foldScores({0.0, kPi / 2, kPi, -kPi / 2}, 4);
    std::printf("fold scores of the 4th roots of unity: %.3f %.3f %.3f %.3f (want 0 0 0 1)\n", f[0], f[1],
                f[2], f[3]);
    EXPECT_NEAR(f[0], 0.0, 1e-12);
    EXPECT_NEAR(f[1], 0.0, 1e-12);
    EXPECT_NEAR(f[3], 1.0, 1e-12);
}

TEST(Probes, HaarNullFavoursEvenFoldAtSmallN) {
    // E tr(Q^k) = 1 for even k and 0 for odd k on Haar O(N) (Diaconis-Shahshahani), so S_k is biased upwards
    // for even k: science.md's reason for a same-size Haar null.
    ProbeSettings s;
    s.null_draws = 400;
    s.seed = 11;
    s.max_fold = 6;
    const int n = 4;
    const auto r = probeRotationAngles({haarOrthogonal(n, 99)}, s, "haar");
    double even = 0, odd = 0;
    for (int k = 1; k <= 6; ++k) {
        const double m = r.fold[k - 1].nulls[0].mean;
        std::printf("  Haar O(%d), %d draws: mean S_%d = %.4f\n", n, s.null_draws, k, m);
        (k % 2 == 0 ? even : odd) += m / 3;
    }
    std::printf("mean over even k %.4f > odd k %.4f\n", even, odd);
    EXPECT_GT(even, odd + 0.05);
    for (int k : {2, 4, 6}) EXPECT_GT(r.fold[k - 1].nulls[0].mean, r.fold[k - 2].nulls[0].mean);
    // A Haar draw is orthogonal and seeded.
    const auto q1 = toTensor(haarOrthogonal(16, 3)).to(torch::kFloat64), q2 = toTensor(haarOrthogonal(16, 3));
    EXPECT_LT((q1.mm(q1.t()) - torch::eye(16, torch::kFloat64)).abs().max().item<double>(), 1e-5);
    EXPECT_TRUE(torch::equal(q1.to(torch::kFloat32), q2));
}

// ---- noise

TEST(Probes, GaussianNoiseLooksLikeItsNull) {
    torch::manual_seed(4);
    const auto w = toMatrixF(torch::randn({64, 96}));
    const auto s = quick(40);
    std::printf("Kronecker ratio at n = 2:\n");
    const auto k = probeKronRatio(w, s);
    expectSmallZ(k.rel_err);
    EXPECT_NEAR(k.ratio_gaussian, 1.0, 0.05);
    std::printf("2x2 basis energy:\n");
    const auto e = probeBasisEnergy(w, s);
    for (const auto& sh : e.shares) {
        EXPECT_NEAR(sh.value, 0.25, 0.05);
        expectSmallZ(sh);
    }
    expectSmallZ(e.complex_share);
    std::printf("rotation angles of the polar factor (64 x 64 block):\n");
    MatrixF sq = w;
    sq.cols = 64;
    sq.values.clear();
    for (int64_t i = 0; i < 64; ++i)
        sq.values.insert(sq.values.end(), w.values.begin() + i * 96, w.values.begin() + i * 96 + 64);
    const auto a = probeRotationAngles({sq}, s);
    for (const auto& f : a.fold) expectSmallZ(f, 3.5);  // 12 scores: allow for the largest of 12
}

TEST(Probes, KronRatioNullMatchesNullModels) {
    torch::manual_seed(5);
    const auto w = toMatrixF(torch::randn({32, 48}) * torch::rand({32, 48}));
    auto s = quick(20);
    s.block_size = 4;
    const auto k = probeKronRatio(w, s);
    auto spec = KroneckerSpec::forBlockSize(32, 48, 4, true);
    for (auto kind : {NullKind::Gaussian, NullKind::Permuted}) {
        const auto ref = kroneckerErrorNull(w, spec, kind, 20, 7);
        const auto* n =
            k.rel_err.null(kind == NullKind::Gaussian ? ProbeNullKind::Gaussian : ProbeNullKind::Permuted);
        ASSERT_NE(n, nullptr);
        std::printf("%s: probe %.10f ± %.10f, null_models %.10f ± %.10f\n", nullKindName(kind), n->mean,
                    n->std, ref.mean, ref.std);
        EXPECT_NEAR(n->mean, ref.mean, 1e-12);
        EXPECT_NEAR(n->std, ref.std, 1e-12);
    }
    // Same seed, same result.
    const auto again = probeKronRatio(w, s);
    EXPECT_EQ(again.rel_err.nulls[0].samples, k.rel_err.nulls[0].samples);
}

// ---- Clifford

TEST(Probes, CliffordPauliFactorsVanishRandomFactorsDoNot) {
    // n = 2: sigma_x = L and sigma_z = K anticommute and square to I.
    std::vector<float> pauli;
    for (char x : {'L', 'K'}) {
        const auto b = (basis(x) * 3.0).to(torch::kFloat32).contiguous();  // scaled: the probe normalizes
        pauli.insert(pauli.end(), b.data_ptr<float>(), b.data_ptr<float>() + 4);
    }
    const auto v2 = cliffordViolation(pauli, 2, 2);
    std::printf("Pauli {sigma_x, sigma_z}: V = %.2e (want < 1e-10), signature %+d %+d\n", v2.violation,
                v2.signature[0], v2.signature[1]);
    EXPECT_LT(v2.violation, 1e-10);
    // With J (J^2 = -I): signature (-, +).
    std::vector<float> jk;
    for (char x : {'J', 'K'}) {
        const auto b = basis(x).to(torch::kFloat32).contiguous();
        jk.insert(jk.end(), b.data_ptr<float>(), b.data_ptr<float>() + 4);
    }
    const auto vjk = cliffordViolation(jk, 2, 2);
    EXPECT_LT(vjk.violation, 1e-10);
    EXPECT_EQ(vjk.signature, (std::vector<int>{-1, 1}));
    // {I, sigma_x} commute: the pair (I, sigma_x) is fully violated.
    std::vector<float> ix;
    for (char x : {'I', 'L'}) {
        const auto b = basis(x).to(torch::kFloat32).contiguous();
        ix.insert(ix.end(), b.data_ptr<float>(), b.data_ptr<float>() + 4);
    }
    const auto vix = cliffordViolation(ix, 2, 2);
    std::printf("{I, sigma_x}: V = %.3f, pair (0, 1) %.3f (want 1)\n", vix.violation, vix.pair_violation[1]);
    EXPECT_NEAR(vix.pair_violation[1], 1.0, 1e-9);

    // n = 4: a real Clifford set sigma_x (x) I, sigma_z (x) I, J (x) sigma_x, J (x) sigma_z, planted in
    // W = sum_k e_k (x) S_k with Frobenius-orthogonal S_k of distinct norms, recovered by the fit.
    torch::manual_seed(6);
    const std::vector<torch::Tensor> gens = {
        torch::kron(basis('L'), basis('I')), torch::kron(basis('K'), basis('I')),
        torch::kron(basis('J'), basis('L')), torch::kron(basis('J'), basis('K'))};
    torch::Tensor q, r;
    std::tie(q, r) = torch::linalg_qr(torch::randn({16 * 24, 4}, torch::kFloat64));  // orthonormal columns
    torch::Tensor w = torch::zeros({64, 96}, torch::kFloat64);
    for (int k = 0; k < 4; ++k) w += torch::kron(gens[k], q.select(1, k).view({16, 24}) * (4.0 - k));
    ProbeSettings s = quick();
    s.block_size = 4;
    const auto c4 = probeClifford(toMatrixF(w), s);
    std::printf(
        "planted 4x4 Clifford set: V = %.2e (want < 1e-6), signature %+d %+d %+d %+d; gaussian null %.3f ± "
        "%.3f\n",
        c4.violation.value, c4.score.signature[0], c4.score.signature[1], c4.score.signature[2],
        c4.score.signature[3], c4.violation.nulls[0].mean, c4.violation.nulls[0].std);
    EXPECT_LT(c4.violation.value, 1e-6);
    EXPECT_LT(c4.violation.z(ProbeNullKind::Gaussian), -3.0);

    // Random factors: V around 1.
    for (int n : {2, 4}) {
        double mean = 0;
        const int trials = 200;
        for (int t = 0; t < trials; ++t) {
            const auto f = torch::randn({n, n, n}).contiguous();
            mean += cliffordViolation(
                        std::vector<float>(f.data_ptr<float>(), f.data_ptr<float>() + f.numel()), n, n)
                        .violation /
                    trials;
        }
        std::printf("random Gaussian %dx%d factors (r = n): mean V = %.3f (want 0.7..1.6)\n", n, n, mean);
        EXPECT_GT(mean, 0.7);
        EXPECT_LT(mean, 1.6);
    }
    // The probe on a Gaussian matrix: V near its null.
    const auto cg = probeClifford(toMatrixF(torch::randn({64, 96})), quick(30));
    std::printf("Gaussian 64 x 96 matrix at n = 2: V = %.3f\n", cg.violation.value);
    expectSmallZ(cg.violation);
}

// ---- helpers

TEST(Probes, MatrixPartsAndBlocks) {
    const auto t = torch::arange(4 * 12, torch::kFloat32).view({4, 12});
    const auto m = toMatrixF(t);
    const auto k = toTensor(attentionPart(m, "k"));
    EXPECT_TRUE(torch::equal(k, t.narrow(1, 4, 4)));
    EXPECT_THROW(attentionPart(m, "x"), InputError);
    const auto blocks = diagonalBlocks(attentionPart(m, "v"), 2);  // v = t[:, 8:12]
    ASSERT_EQ(blocks.size(), 2u);
    EXPECT_TRUE(torch::equal(toTensor(blocks[1]), t.narrow(1, 8, 4).narrow(0, 2, 2).narrow(1, 2, 2)));
    const auto cols = squareColumnBlocks(m);
    ASSERT_EQ(cols.size(), 3u);
    EXPECT_TRUE(torch::equal(toTensor(cols[2]), t.narrow(1, 8, 4)));
    EXPECT_NE(probeSeed(0, "h.0.attn.c_attn"), probeSeed(0, "h.0.attn.c_proj"));
    EXPECT_EQ(probeSeed(3, "x"), probeSeed(3, "x"));
    EXPECT_EQ(parseAngleSource("heads"), AngleSource::HeadBlocks);
    EXPECT_THROW(parseAngleSource("nope"), InputError);
}

TEST(Probes, AggregateIsEnergyWeighted) {
    torch::manual_seed(8);
    const auto a = probeBasisEnergy(toMatrixF(torch::randn({16, 16})), quick(5));
    const auto b = probeBasisEnergy(toMatrixF(torch::randn({16, 16}) * 3), quick(5));
    const auto agg = aggregateBasisEnergy({&a, &b}, "both");
    const double want = (a.shares[1].value * a.energy + b.shares[1].value * b.energy) / (a.energy + b.energy);
    std::printf("aggregate J share %.6f (want %.6f), null %.4f ± %.4f\n", agg.shares[1].value, want,
                agg.shares[1].nulls[0].mean, agg.shares[1].nulls[0].std);
    EXPECT_NEAR(agg.shares[1].value, want, 1e-12);
    EXPECT_EQ(agg.shares[1].nulls.size(), 2u);
    EXPECT_EQ(agg.matrices, 2);
}

TEST(Probes, ToyWeightsReportAndJson) {
    torch::manual_seed(9);
    const auto w = toMatrixF(torch::randn({20, 80}));
    ProbeSettings s = quick(5);
    const auto rep = probeToyWeights(w, s);
    EXPECT_EQ(rep.angles.blocks, 4);
    EXPECT_EQ(rep.angles.block_size, 20);
    EXPECT_EQ(rep.angles.angles.size(), 80u);
    EXPECT_EQ(rep.kron_ratio.spec.m1, 2);
    const auto j = nlohmann::json::parse(toJson(rep));
    std::printf("toy report JSON keys: %zu, kron ratio %.3f, seconds %.2f\n", j.size(),
                j["kron_ratio"]["ratio"]["gaussian"].get<double>(), rep.seconds);
    EXPECT_TRUE(j["ijkl"]["shares"]["complex"]["nulls"].contains("permuted"));
    EXPECT_TRUE(j["angles"]["fold"][3]["nulls"].contains("haar"));
    EXPECT_EQ(j["settings"]["null_draws"].get<int>(), 5);
}

TEST(Probes, SettingsAreValidated) {
    MatrixF w = toMatrixF(torch::randn({8, 8}));
    ProbeSettings s;
    s.null_draws = 1;
    EXPECT_THROW(probeKronRatio(w, s), InputError);
    s.null_draws = 4;
    s.block_size = 3;
    EXPECT_THROW(probeKronRatio(w, s), InputError);
    MatrixF rect = toMatrixF(torch::randn({4, 8}));
    EXPECT_THROW(probeRotationAngles({rect}, ProbeSettings{}), InputError);
}

TEST(Probes, CancelledProbeThrows) {
    Progress p;
    p.cancel();
    EXPECT_THROW(probeKronRatio(toMatrixF(torch::randn({8, 8})), quick(4), &p), Cancelled);
}
