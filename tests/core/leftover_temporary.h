#pragma once
// Test helper: did a writer leave a temporary file beside its target?
#include <filesystem>
#include <string>

/// A temporary file a writer left beside `target`: the old fixed name or writeFileAtomically's random one.
inline bool leftoverTemporary(const std::string& target) {
    namespace fs = std::filesystem;
    const fs::path t(target);
    const fs::path folder = t.parent_path().empty() ? fs::path(".") : t.parent_path();
    if (fs::exists(target + ".tmp")) return true;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec))
        if (e.path().filename().string().rfind("." + t.filename().string() + ".", 0) == 0) return true;
    return false;
}
