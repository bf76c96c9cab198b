#pragma once
// Memory checks before large allocations: a model, a training run or a random checkpoint whose estimated
// size does not fit the memory the system has available is refused with a message that gives both, instead
// of a bad_alloc, a LibTorch dump or the kernel's OOM killer.
#include <cstdint>
#include <string>

namespace kronscope::core {

/// MemAvailable from /proc/meminfo in bytes (what can be allocated without swapping), or -1 when unknown.
int64_t availableMemoryBytes();

/// InputError "<what> needs about X GB of memory; this machine has Y GB available" when `bytes` exceeds
/// the available memory (nothing happens when it is unknown).
void checkMemoryFits(const std::string& what, double bytes);

}  // namespace kronscope::core
