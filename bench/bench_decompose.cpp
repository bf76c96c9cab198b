// bench_decompose: Kronecker and matched-rank SVD fits of all 48 GPT-2-small-shaped matrices at one block
// size, and factored vs materialized evaluation of y = x W at n = 16.
//   bench_decompose [--block-size 16] [--model DIR] [--rows 1024]
// Target (issue 4): at most 2 s per matrix on this CPU.
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "../core/src/decompose/decomposition_impl.h"

using namespace kronscope::core;
using clk = std::chrono::steady_clock;

static double since(clk::time_point t) {
    return std::chrono::duration<double>(clk::now() - t).count();
}

int main(int argc, char** argv) {
    int64_t n = 16, rows = 1024;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i];
        if (k == "--block-size")
            n = std::stoll(argv[i + 1]);
        else if (k == "--rows")
            rows = std::stoll(argv[i + 1]);
        else {
            std::fprintf(stderr, "unknown option %s\n", argv[i]);
            return 2;
        }
    }
    torch::NoGradGuard no_grad;
    torch::manual_seed(0);
    const std::vector<std::pair<int64_t, int64_t>> shapes = {
        {768, 2304}, {768, 768}, {768, 3072}, {3072, 768}};
    double kron_total = 0, svd_total = 0, kron_max = 0, svd_max = 0;
    for (int layer = 0; layer < 12; ++layer) {
        for (const auto& [m, p] : shapes) {
            auto w = torch::randn({m, p}) * 0.02;  // W: (m, p) as stored [in, out]
            const auto spec = KroneckerSpec::forBlockSize(m, p, n);
            auto t0 = clk::now();
            auto kf = fitKroneckerFactors(w, spec);
            const double tk = since(t0);
            t0 = clk::now();
            auto lf = fitLowRankFactors(w, matchedSvdRank(m, p, spec.params()));
            const double ts = since(t0);
            kron_total += tk, svd_total += ts;
            kron_max = std::max(kron_max, tk), svd_max = std::max(svd_max, ts);
            if (layer == 0)
                std::printf(
                    "  %4lld x %-4lld  kron %.3f s (rel_err %.4f)  svd rank %lld %.3f s (rel_err %.4f)\n",
                    (long long)m, (long long)p, tk, kf.rel_err, (long long)lf.rank, ts, lf.rel_err);
        }
    }
    std::printf("block size %lld, 48 matrices, threads %d\n", (long long)n, at::get_num_threads());
    std::printf("Kronecker: total %.2f s, mean %.3f s, max %.3f s per matrix (target <= 2 s)\n", kron_total,
                kron_total / 48, kron_max);
    std::printf("SVD:       total %.2f s, mean %.3f s, max %.3f s per matrix (target <= 2 s)\n", svd_total,
                svd_total / 48, svd_max);

    // Factored vs materialized y = x W for x (rows, m).
    std::printf("\ny = x W with x %lld rows, block size %lld:\n", (long long)rows, (long long)n);
    for (const auto& [m, p] : shapes) {
        auto w = torch::randn({m, p});
        const auto spec = KroneckerSpec::forBlockSize(m, p, n);
        auto kf = fitKroneckerFactors(w, spec);
        auto lf = fitLowRankFactors(w, matchedSvdRank(m, p, spec.params()));
        auto dense_k = materializeKronecker(kf.a, kf.s);
        auto dense_s = materializeLowRank(lf.u, lf.s, lf.vt);
        auto x = torch::randn({rows, m});
        auto time = [&](auto fn) {
            fn();
            const auto t0 = clk::now();
            for (int i = 0; i < 10; ++i) fn();
            return since(t0) / 10 * 1e3;
        };
        const double td = time([&] { return torch::matmul(x, dense_k); });
        const double tk = time([&] { return applyKronecker(x, kf.a, kf.s); });
        const double tl = time([&] { return applyLowRank(x, lf.u, lf.s, lf.vt); });
        std::printf(
            "  %4lld x %-4lld dense %.2f ms | Kronecker factored %.2f ms (%lld vs %lld flops/row) | "
            "low-rank factored %.2f ms (%lld flops/row)\n",
            (long long)m, (long long)p, td, tk,
            (long long)kroneckerApplyFlops(kf.terms, spec.m1, spec.p1, spec.m2, spec.p2),
            (long long)denseApplyFlops(m, p), tl, (long long)lowRankApplyFlops(m, p, lf.rank));
        (void)dense_s;
    }
    return 0;
}
