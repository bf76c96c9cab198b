#!/usr/bin/env bash
# Configure and build Kronscope into build/ (Ninja, ccache, precompiled headers). Extra args go to cmake.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KRONSCOPE_BUILD_DIR:-$here/build}"
# ccache across clones and build folders: paths relative to the checkout; PCH-safe sloppiness.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$here}"
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build" --parallel "${KRONSCOPE_JOBS:-$(nproc)}"
