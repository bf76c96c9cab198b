#include "kronscope/core/model/model_locator.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "kronscope/core/base/error.h"
#include "kronscope/core/model/gpt2_config.h"

namespace kronscope::core {

namespace fs = std::filesystem;

std::string huggingFaceCacheDirectory() {
    std::vector<fs::path> candidates;
    if (const char* e = std::getenv("HF_HUB_CACHE")) candidates.emplace_back(e);
    if (const char* e = std::getenv("HF_HOME")) candidates.emplace_back(fs::path(e) / "hub");
    if (const char* e = std::getenv("XDG_CACHE_HOME"))
        candidates.emplace_back(fs::path(e) / "huggingface" / "hub");
    if (const char* e = std::getenv("HOME"))
        candidates.emplace_back(fs::path(e) / ".cache" / "huggingface" / "hub");
    for (const auto& c : candidates) {
        std::error_code ec;
        if (fs::is_directory(c, ec)) return c.string();
    }
    return {};
}

std::vector<CachedModel> scanHuggingFaceCache() {
    std::vector<CachedModel> out;
    const std::string root = huggingFaceCacheDirectory();
    if (root.empty()) return out;
    std::error_code ec;
    for (const auto& repo : fs::directory_iterator(root, ec)) {
        const std::string dirname = repo.path().filename().string();
        if (dirname.rfind("models--", 0) != 0) continue;
        // models--ORG--NAME -> ORG/NAME (NAME alone for legacy single-part names)
        std::string name = dirname.substr(8);
        for (size_t p; (p = name.find("--")) != std::string::npos;) name.replace(p, 2, "/");
        const fs::path snaps = repo.path() / "snapshots";
        if (!fs::is_directory(snaps, ec)) continue;
        // Prefer the revision refs/main points at, else the newest snapshot with both files.
        fs::path best;
        fs::file_time_type best_time{};
        for (const auto& snap : fs::directory_iterator(snaps, ec)) {
            if (!fs::exists(snap.path() / "config.json", ec) ||
                (!fs::exists(snap.path() / "model.safetensors", ec) &&
                 !fs::exists(snap.path() / "model.safetensors.index.json", ec) &&
                 !fs::exists(snap.path() / "pytorch_model.bin", ec)))
                continue;
            const auto t = fs::last_write_time(snap.path(), ec);
            if (best.empty() || t > best_time) {
                best = snap.path();
                best_time = t;
            }
        }
        if (best.empty()) continue;
        try {
            const auto cfg = Gpt2Config::fromFile((best / "config.json").string());
            out.push_back({name, best.string(), cfg.sizeName(), cfg.n_layer, cfg.n_embd});
        } catch (const std::exception&) {
            // Not a GPT-2 (or unreadable): not listed.
        }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
}

std::string resolveModel(const std::string& name_or_path) {
    std::error_code ec;
    if (fs::is_directory(name_or_path, ec) || fs::is_regular_file(name_or_path, ec)) return name_or_path;
    const auto models = scanHuggingFaceCache();
    for (const auto& m : models)
        if (m.name == name_or_path) return m.directory;
    for (const auto& m : models) {
        const auto slash = m.name.rfind('/');
        if (slash != std::string::npos && m.name.substr(slash + 1) == name_or_path) return m.directory;
    }
    std::string msg = "model '" + name_or_path +
                      "' is neither a checkpoint folder or file nor a GPT-2 in the Hugging Face cache";
    const auto root = huggingFaceCacheDirectory();
    msg += root.empty() ? " (no cache found)"
                        : " (" + root + " has " + std::to_string(models.size()) + " GPT-2 model(s))";
    throw InputError(msg);
}

}  // namespace kronscope::core
