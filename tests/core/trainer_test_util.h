#pragma once
// Shared by test_trainer and test_cuda: a temporary folder, learnable synthetic ids and a tiny training run.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "kronscope/core/train/trainer.h"

namespace kronscope::test {

namespace fs = std::filesystem;
using core::TrainSettings;

/// A fresh, empty directory under the temp dir, removed at the end of the test.
class TempDir {
  public:
    explicit TempDir(const std::string& tag)
        : path_(fs::temp_directory_path() / ("kronscope-test-" + tag + "-" + std::to_string(::getpid()))) {
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    std::string sub(const std::string& name) const { return (path_ / name).string(); }

  private:
    fs::path path_;
};

/// Learnable synthetic ids: a noisy "next = (5 * prev + 3) % 512" chain (90% rule, 10% random).
inline std::vector<int32_t> syntheticIds(size_t n, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<int32_t> ids(n);
    ids[0] = 1;
    for (size_t i = 1; i < n; ++i)
        ids[i] = rng() % 10 == 0 ? static_cast<int32_t>(rng() % 512) : (5 * ids[i - 1] + 3) % 512;
    return ids;
}

inline TrainSettings tinySettings(const std::string& out_dir, int64_t steps) {
    TrainSettings s;
    s.config.vocab_size = 512;
    s.config.n_positions = 64;
    s.config.n_embd = 32;
    s.config.n_layer = 1;
    s.config.n_head = 2;
    s.context_length = 32;
    s.batch_size = 8;
    s.steps = steps;
    s.warmup = 3;
    s.eval_interval = 10;
    s.eval_windows = 8;
    s.lr = 1e-2;
    s.seed = 7;
    s.out_dir = out_dir;
    s.save_dtype = "F32";
    return s;
}

}  // namespace kronscope::test
