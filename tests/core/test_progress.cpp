#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "kronscope/core/base/error.h"
#include "kronscope/core/base/progress.h"

using namespace kronscope::core;

namespace {
class Recorder : public Progress {
  public:
    std::vector<double> fractions;
    std::vector<std::string> messages;

  protected:
    void onReport(double f, double, const std::string& m) override {
        fractions.push_back(f);
        messages.push_back(m);
    }
};
}  // namespace

TEST(Progress, SubRangesMapToRoot) {
    Recorder root;
    {
        auto half = root.sub(0.5, 1.0);
        auto quarter = half.sub(0.0, 0.5);  // root [0.5, 0.75]
        quarter.report(1.0, "inner");
    }
    ASSERT_FALSE(root.fractions.empty());
    EXPECT_DOUBLE_EQ(root.fractions.back(), 0.75);
    EXPECT_EQ(root.messages.back(), "inner");
}

TEST(Progress, CancelPropagatesBothWays) {
    Recorder root;
    auto sub = root.sub(0.0, 0.5);
    EXPECT_FALSE(sub.cancelled());
    root.cancel();
    EXPECT_TRUE(sub.cancelled());
    EXPECT_THROW(sub.throwIfCancelled(), Cancelled);

    Recorder root2;
    auto sub2 = root2.sub(0.0, 1.0);
    sub2.cancel();
    EXPECT_TRUE(root2.cancelled());
}

TEST(Progress, ThrottlesTinySteps) {
    Recorder root;
    for (int i = 0; i <= 100000; ++i) root.report(i / 100000.0, "same");
    // 100001 calls in well under a second: only the first, the last and a few time-spaced ones pass.
    EXPECT_LT(root.fractions.size(), 100u);
    EXPECT_DOUBLE_EQ(root.fractions.back(), 1.0);
}

TEST(Progress, EstimatesTimeLeft) {
    Recorder root;
    EXPECT_LT(root.secondsLeft(), 0.0);  // unknown before the first chunk
    root.report(0.1);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    root.report(0.2);
    const double left = root.secondsLeft();
    // 0.1 took ~50 ms, so 0.8 takes ~400 ms.
    EXPECT_GT(left, 0.2);
    EXPECT_LT(left, 2.0);
}

TEST(Progress, FormatsDurations) {
    EXPECT_EQ(formatDuration(-1), "--");
    EXPECT_EQ(formatDuration(12.4), "12 s");
    EXPECT_EQ(formatDuration(185), "3 min 05 s");
    EXPECT_EQ(formatDuration(3725), "1 h 02 min");
}
