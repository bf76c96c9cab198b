// The Hugging Face cache scan: GPT-2 snapshots with model.safetensors are listed and resolvable by name.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "kronscope/core/base/error.h"
#include "kronscope/core/model/model_locator.h"

using namespace kronscope::core;
namespace fs = std::filesystem;

TEST(ModelLocator, ScansTheHuggingFaceCache) {
    const fs::path hub = fs::temp_directory_path() / ("kronscope-hub-" + std::to_string(::getpid()));
    fs::remove_all(hub);
    const fs::path tiny = fs::path(KRONSCOPE_TEST_DATA) / "tiny-gpt2";
    auto snapshot = [&](const std::string& repo, const std::string& rev, bool weights,
                        const std::string& config) {
        const fs::path d = hub / repo / "snapshots" / rev;
        fs::create_directories(d);
        if (config.empty())
            fs::copy_file(tiny / "config.json", d / "config.json");
        else
            std::ofstream(d / "config.json") << config;
        if (weights) fs::copy_file(tiny / "model.safetensors", d / "model.safetensors");
        return d;
    };
    const fs::path gpt2 = snapshot("models--openai-community--gpt2", "0123abcd", true, "");
    snapshot("models--distilgpt2", "ffff", true, "");
    snapshot("models--bert-base-uncased", "aaaa", true, R"({"model_type": "bert", "vocab_size": 30522})");
    snapshot("models--someone--gpt2-bin-only", "bbbb", false, "");
    fs::create_directories(hub / "datasets--wikitext");
    setenv("HF_HUB_CACHE", hub.c_str(), 1);

    EXPECT_EQ(huggingFaceCacheDirectory(), hub.string());
    const auto models = scanHuggingFaceCache();
    ASSERT_EQ(models.size(), 2u);
    EXPECT_EQ(models[0].name, "distilgpt2");
    EXPECT_EQ(models[1].name, "openai-community/gpt2");
    EXPECT_EQ(models[1].directory, gpt2.string());
    EXPECT_EQ(models[1].n_layer, 2);
    EXPECT_EQ(resolveModel("openai-community/gpt2"), gpt2.string());
    EXPECT_EQ(resolveModel("gpt2"), gpt2.string());  // the last path component also matches
    EXPECT_EQ(resolveModel(tiny.string()), tiny.string());
    try {
        resolveModel("gpt2-xl");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("2 GPT-2 model(s)"), std::string::npos) << e.what();
    }
    unsetenv("HF_HUB_CACHE");
    fs::remove_all(hub);
}
