// The fused CPU kernels of the inference forward pass (core/src/model/cpu_kernels.h) against LibTorch
// computing the same functions in float64 from the same inputs: causal attention (masked softmax of the
// scaled scores times the values), GPT-2's tanh GELU, and the head's logsumexp - logit[target]. Tolerances:
// attention 2e-5 absolute (outputs are averages of values of size ~1), GELU 2e-6 relative + 1e-7 absolute,
// NLL 1e-6 absolute (per row, logits up to 1e4). Planted truths: a sharp scale makes every query attend to
// its own key, so the output is its own value row; rows of equal logits give log(V). On a CPU without
// AVX2/FMA the cases skip (the forward pass then keeps its LibTorch form). Also the generic head
// (headNllSum).
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <vector>

#include "model/cpu_kernels.h"
#include "model/gpt2_impl.h"

using namespace kronscope::core;

namespace {

/// The reference: softmax(scale q k^T, causal) v in float64, q/k/v (B, H, T, D) -> (B, H, T, D).
torch::Tensor referenceAttention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                                 double scale) {
    const int64_t T = q.size(2);
    auto s = torch::matmul(q.to(torch::kFloat64), k.to(torch::kFloat64).transpose(-2, -1)) * scale;
    s.masked_fill_(torch::ones({T, T}, torch::kBool).triu(1), -std::numeric_limits<double>::infinity());
    return torch::matmul(torch::softmax(s, -1), v.to(torch::kFloat64));
}

cpu::HeadsView heads(const torch::Tensor& t) {
    return cpu::HeadsView{t.data_ptr<float>(), t.stride(0), t.stride(1), t.stride(2)};
}

/// Runs the kernel on q, k, v taken from one (B, T, 3C) projection output as the forward pass does (views
/// with row stride 3C, no copies) and returns (B, H, T, D).
torch::Tensor kernelAttention(const torch::Tensor& qkv, int64_t H, double scale) {
    const int64_t B = qkv.size(0), T = qkv.size(1), C = qkv.size(2) / 3, D = C / H;
    const auto parts = qkv.view({B, T, 3, H, D}).permute({2, 0, 3, 1, 4});  // (3, B, H, T, D)
    auto y = torch::full({B, T, H, D}, std::nanf(""));                      // every element must be written
    cpu::causalAttention(B, H, T, D, static_cast<float>(scale), heads(parts[0]), heads(parts[1]),
                         heads(parts[2]), y.data_ptr<float>(), T * H * D, H * D);
    return y.permute({0, 2, 1, 3});
}

}  // namespace

TEST(CpuKernels, AttentionMatchesTheMaskedSoftmaxReference) {
    if (!cpu::kernelsAvailable()) GTEST_SKIP() << "no AVX2/FMA here (or KRONSCOPE_CPU_KERNELS=0)";
    torch::manual_seed(3);
    struct Case {
        int64_t B, H, T, D;
    };
    // Lengths on and off the 6-row and 16-key steps, one and several windows, GPT-2's head size and smaller.
    for (const Case c : {Case{1, 12, 1024, 64}, Case{1, 2, 1, 16}, Case{1, 3, 5, 32}, Case{2, 4, 17, 16},
                         Case{3, 2, 100, 64}, Case{1, 1, 97, 48}}) {
        const auto qkv = torch::randn({c.B, c.T, 3 * c.H * c.D});
        const double scale = 1.0 / std::sqrt(static_cast<double>(c.D));
        const auto parts = qkv.view({c.B, c.T, 3, c.H, c.D}).permute({2, 0, 3, 1, 4});
        const auto want = referenceAttention(parts[0], parts[1], parts[2], scale);
        const auto got = kernelAttention(qkv, c.H, scale).to(torch::kFloat64);
        const double diff = (got - want).abs().max().item<double>();
        std::printf("B %lld H %lld T %lld D %lld: max |kernel - float64 reference| = %.3g\n", (long long)c.B,
                    (long long)c.H, (long long)c.T, (long long)c.D, diff);
        EXPECT_LT(diff, 2e-5) << "T " << c.T << " D " << c.D;
    }
}

TEST(CpuKernels, SharpAttentionReturnsEachQuerysOwnValue) {
    if (!cpu::kernelsAvailable()) GTEST_SKIP() << "no AVX2/FMA here (or KRONSCOPE_CPU_KERNELS=0)";
    // Keys equal to the queries, each a distinct unit vector direction scaled so that q_t . k_t exceeds
    // q_t . k_j (j < t) by far: at scale 1e3 every row's softmax is one-hot on its own position (scores up
    // to ~1e3 exercise the exponential's range), so y_t = v_t exactly.
    const int64_t H = 2, T = 40, D = 64, C = H * D;
    torch::manual_seed(5);
    auto qkv = torch::zeros({1, T, 3 * C});
    auto dirs = torch::randn({T, D});
    dirs = dirs / dirs.norm(2, 1, true);
    for (int64_t h = 0; h < H; ++h) {
        qkv.select(0, 0).slice(1, h * D, (h + 1) * D).copy_(dirs);          // q
        qkv.select(0, 0).slice(1, C + h * D, C + (h + 1) * D).copy_(dirs);  // k
    }
    const auto values = torch::randn({T, C});
    qkv.select(0, 0).slice(1, 2 * C, 3 * C).copy_(values);
    const auto got = kernelAttention(qkv, H, 1e3);  // (1, H, T, D)
    const auto want = values.view({T, H, D}).permute({1, 0, 2}).unsqueeze(0);
    EXPECT_LT((got - want).abs().max().item<double>(), 1e-5);
}

TEST(CpuKernels, GeluMatchesLibTorchsTanhForm) {
    if (!cpu::kernelsAvailable()) GTEST_SKIP() << "no AVX2/FMA here (or KRONSCOPE_CPU_KERNELS=0)";
    // A grid over [-30, 30] (both tails), an odd length (the scalar tail), and random normal activations.
    for (const auto& x : {torch::linspace(-30.0, 30.0, 60001), torch::randn({1023, 77})}) {
        auto got = x.clone().contiguous();
        cpu::geluTanhInPlace(got.data_ptr<float>(), got.numel());
        const auto xd = x.to(torch::kFloat64);
        const auto want = 0.5 * xd * (1.0 + torch::tanh(std::sqrt(2.0 / M_PI) * (xd + 0.044715 * xd.pow(3))));
        const auto err = (got.to(torch::kFloat64) - want).abs() - 2e-6 * want.abs();
        const double worst = err.max().item<double>();
        std::printf("GELU over %lld values: max (|kernel - float64| - 2e-6 |gelu|) = %.3g\n",
                    (long long)x.numel(), worst);
        EXPECT_LT(worst, 1e-7);
    }
}

TEST(CpuKernels, RowNllMatchesLogSumExpMinusTargetLogit) {
    if (!cpu::kernelsAvailable()) GTEST_SKIP() << "no AVX2/FMA here (or KRONSCOPE_CPU_KERNELS=0)";
    torch::manual_seed(7);
    for (const int64_t V : {int64_t{1}, int64_t{15}, int64_t{50257}}) {
        const int64_t rows = 37, ld = V + 3;  // a row stride past the row's end, as in a narrowed buffer
        auto x = torch::randn({rows, ld}) * 4.0;
        x[1].fill_(1e4);                    // large logits: the max is subtracted first
        x[2].slice(0, 0, V).fill_(-2.5);    // equal logits: NLL = log(V)
        x[3].slice(0, 0, V).fill_(-1e30f);  // tiny logits except one
        x[3][V - 1] = 0.0f;
        x.slice(1, V, ld).fill_(1e30f);  // past the row's end: must not be read
        const auto target = torch::randint(0, V, {rows}, torch::kLong);
        target[3] = V - 1;
        std::vector<double> nll(static_cast<size_t>(rows));
        cpu::rowsNll(x.data_ptr<float>(), rows, V, ld, target.data_ptr<int64_t>(), nll.data());
        const auto xv = x.slice(1, 0, V).to(torch::kFloat64);
        const auto want = torch::logsumexp(xv, 1) - xv.gather(1, target.unsqueeze(1)).squeeze(1);
        double worst = 0.0;
        for (int64_t r = 0; r < rows; ++r)
            worst = std::max(worst, std::fabs(nll[static_cast<size_t>(r)] - want[r].item<double>()));
        std::printf("NLL of %lld rows of %lld logits: max |kernel - float64| = %.3g\n", (long long)rows,
                    (long long)V, worst);
        EXPECT_LT(worst, 1e-6) << "V " << V;
        EXPECT_NEAR(nll[2], std::log(static_cast<double>(V)), 1e-5);
        EXPECT_NEAR(nll[3], 0.0, 1e-6);
    }
}

// The head of CUDA and half precision (headNllSum, gpt2_impl.h), run here on CPU tensors: any chunking gives
// the float64 log-softmax NLL sum of the same logits (relative 1e-6), and a bf16 hidden state with bf16
// weights stays within 1% of it (the precision the GPU path runs in).
TEST(HeadNllSum, MatchesFloat64LogSoftmaxForAnyChunking) {
    torch::manual_seed(3);
    const int64_t S = 301, C = 48, V = 1000;
    const auto h = torch::randn({S, C});
    const auto wte = torch::randn({V, C}) * 0.3;
    const auto targets = torch::randint(V, {S}, torch::kLong);
    const auto logp =
        torch::log_softmax(torch::matmul(h.to(torch::kFloat64), wte.to(torch::kFloat64).t()), 1);
    const double ref = -logp.gather(1, targets.unsqueeze(1)).sum().item<double>();
    for (int64_t rows : {1, 16, 100, 301, 4096}) {
        const double got = headNllSum(h, targets, wte, rows);
        EXPECT_NEAR(got, ref, 1e-6 * std::abs(ref)) << "rows " << rows;
    }
    const double half = headNllSum(h.to(torch::kBFloat16), targets, wte.to(torch::kBFloat16), 64);
    EXPECT_NEAR(half, ref, 0.01 * std::abs(ref));
}
