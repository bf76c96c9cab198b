#!/usr/bin/env bash
# Configure and build Kronscope into build/ (Ninja, ccache, precompiled headers). Extra args go to cmake.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KRONSCOPE_BUILD_DIR:-$here/build}"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" --parallel "${KRONSCOPE_JOBS:-$(nproc)}"
