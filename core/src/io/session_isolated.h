#pragma once
// Private to core/src/io: reading a session in a forked child (session_isolated.cpp) around the in-process
// reader (session_file.cpp).
#include <cstdint>
#include <string>

#include "kronscope/core/io/session_file.h"

namespace kronscope::core {

/// The HDF5 read itself, in this process, without upgrades. The caller holds the HDF5 lock.
SessionDocument readSessionHere(const std::string& path);

/// readSessionHere in a forked child with bounded memory (RLIMIT_DATA: at least 1 GiB, 2064 x the file
/// size) and time (10 s + 1 s per 10 MB, at most 120 s); the document comes back through a pipe. A refusal is
/// the child's InputError; a crash of the child (libhdf5 on a damaged file) is an InputError "PATH: is
/// damaged ...". The caller holds the HDF5 lock across the call, so that the child starts with HDF5 in a
/// consistent state.
SessionDocument readSessionIsolated(const std::string& path, int64_t file_bytes);

}  // namespace kronscope::core
