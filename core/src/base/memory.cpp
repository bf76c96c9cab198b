#include "kronscope/core/base/memory.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "kronscope/core/base/error.h"

namespace kronscope::core {

int64_t availableMemoryBytes() {
    std::ifstream in("/proc/meminfo");
    std::string key;
    int64_t kb = 0;
    std::string unit;
    while (in >> key >> kb >> unit)
        if (key == "MemAvailable:") return kb * 1024;
    return -1;
}

void checkMemoryFits(const std::string& what, double bytes) {
    const int64_t available = availableMemoryBytes();
    if (available < 0 || bytes <= static_cast<double>(available)) return;
    char message[160];
    std::snprintf(message, sizeof message,
                  " needs about %.1f GB of memory; this machine has %.1f GB available", bytes / 1e9,
                  static_cast<double>(available) / 1e9);
    throw InputError(what + message);
}

}  // namespace kronscope::core
