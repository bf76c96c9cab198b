#pragma once
// Field parsing shared by the Experiment pages.
#include <QString>
#include <cstdint>
#include <vector>

namespace kronscope::app {

/// "2,4,8" -> {2, 4, 8}; InputError naming the part that is not a positive integer (empty parts are skipped).
std::vector<int64_t> blockSizesFrom(const QString& text);

}  // namespace kronscope::app
