// GoogleTest main for Kronscope: exits with 77 (ctest's SKIP_RETURN_CODE) when every selected test skipped,
// so a binary that could not run anything (no GPU, no data) is reported as skipped, never as passed.
#include <gtest/gtest.h>

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    const int rc = RUN_ALL_TESTS();
    const auto* unit = ::testing::UnitTest::GetInstance();
    if (rc == 0 && unit->test_to_run_count() > 0 && unit->skipped_test_count() == unit->test_to_run_count())
        return 77;
    return rc;
}
