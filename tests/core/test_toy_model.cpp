// Toy model of superposition (science.md): the loss goes down, a seed reproduces a run exactly, the sparsity
// convention is S = P(x_i = 0), cancellation throws, and the sweep helper covers the seed's span.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>

#include "kronscope/core/base/error.h"
#include "kronscope/core/train/toy_model.h"

using namespace kronscope::core;

namespace {

ToyModelSettings small(int64_t steps, uint64_t seed = 1) {
    ToyModelSettings s;
    s.steps = steps;
    s.seed = seed;
    s.sparsity = 0.9;
    return s;
}

}  // namespace

TEST(ToyModel, TrainsAndLossDecreases) {
    Progress p;
    std::vector<std::pair<int64_t, double>> seen;
    const auto t0 = std::chrono::steady_clock::now();
    const auto r =
        trainToyModel(small(1000), p, [&](int64_t step, double loss) { seen.emplace_back(step, loss); });
    const double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("1000 steps in %.2f s (%.0f steps/s): loss %.5f -> %.5f; %lld of 80 features represented\n",
                sec, 1000 / sec, r.initial_loss, r.final_loss, static_cast<long long>(r.represented));
    EXPECT_EQ(r.w.rows, 20);
    EXPECT_EQ(r.w.cols, 80);
    EXPECT_EQ(r.w.values.size(), 1600u);
    EXPECT_EQ(r.b.size(), 80u);
    EXPECT_EQ(r.loss_history.size(), 100u);
    EXPECT_EQ(r.loss_steps.back(), 1000);
    EXPECT_EQ(seen.size(), r.loss_history.size());
    EXPECT_DOUBLE_EQ(seen.back().second, r.final_loss);
    EXPECT_LT(r.final_loss, 0.7 * r.initial_loss);
    EXPECT_LT(r.loss_history.back(), r.loss_history.front());
    EXPECT_EQ(r.feature_norms.size(), 80u);
    EXPECT_EQ(r.superposition.size(), 80u);
    EXPECT_EQ(r.gram.size(), 6400u);
    // The most important features are represented.
    EXPECT_GT(r.feature_norms[0], 0.5);
    EXPECT_NEAR(r.importance[1], 0.9, 1e-12);
    EXPECT_NE(r.settings_line.find("P(x_i = 0)"), std::string::npos);
}

TEST(ToyModel, SeedReproducesExactly) {
    Progress p;
    const auto a = trainToyModel(small(200, 5), p);
    const auto b = trainToyModel(small(200, 5), p);
    const auto c = trainToyModel(small(200, 6), p);
    EXPECT_EQ(a.w.values, b.w.values);
    EXPECT_EQ(a.loss_history, b.loss_history);
    EXPECT_NE(a.w.values, c.w.values);
}

TEST(ToyModel, DenseInputsHaveHigherLossThanSparse) {
    // With S = 0 every feature is present: 20 dimensions cannot hold 80 features and the loss stays high.
    // Sparse inputs (S = 0.99) are almost all zero: the loss per example is small.
    Progress p;
    auto dense = small(300);
    dense.sparsity = 0.0;
    auto sparse = small(300);
    sparse.sparsity = 0.99;
    const double ld = trainToyModel(dense, p).final_loss, ls = trainToyModel(sparse, p).final_loss;
    std::printf("final loss: dense S = 0: %.4f, sparse S = 0.99: %.4f\n", ld, ls);
    EXPECT_GT(ld, 10 * ls);
}

TEST(ToyModel, ValidationCancelAndSweep) {
    Progress p;
    auto bad = small(10);
    bad.sparsity = 1.0;
    EXPECT_THROW(trainToyModel(bad, p), InputError);
    bad = small(10);
    bad.importance = {1.0, 2.0};
    EXPECT_THROW(trainToyModel(bad, p), InputError);

    Progress cancelled;
    cancelled.cancel();
    EXPECT_THROW(trainToyModel(small(10), cancelled), Cancelled);

    const auto grid = toySparsityGrid(8);
    ASSERT_EQ(grid.size(), 8u);
    EXPECT_DOUBLE_EQ(grid.front(), 0.0);
    EXPECT_NEAR(grid.back(), 0.99, 1e-12);
    std::vector<size_t> runs;
    const auto sweep =
        trainToySweep(small(20), {0.5, 0.9}, p, [&](size_t run, int64_t, double) { runs.push_back(run); });
    ASSERT_EQ(sweep.size(), 2u);
    EXPECT_DOUBLE_EQ(sweep[1].settings.sparsity, 0.9);
    EXPECT_EQ(runs.front(), 0u);
    EXPECT_EQ(runs.back(), 1u);
}
