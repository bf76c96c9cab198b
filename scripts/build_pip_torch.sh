#!/usr/bin/env bash
# Builds the engine, the CLI, the tests and the benchmarks (no GUI, no HDF5 session files) against the LibTorch inside
# a pip-installed PyTorch, e.g. torch 2.x with CUDA on a GPU server: no separate LibTorch download is needed.
# Needs cmake, ninja, g++, python3 with torch, and the headers of Eigen, nlohmann-json, PCRE2, zstd and GoogleTest
# (Debian / Ubuntu: libeigen3-dev nlohmann-json3-dev libpcre2-dev libzstd-dev libgtest-dev pkgconf).
# Checked with torch 2.11.0+cu130, gcc 13 and CUDA 13 on an H100 (see the README, "Headless core + CLI").
# Then: BUILD_DIR/tests/test_cuda, BUILD_DIR/app/kronscope-cli ppl ... --device cuda, and
#       scripts/hf_crosscheck.py --cli BUILD_DIR/app/kronscope-cli ... (compares with transformers).
# Usage: scripts/build_pip_torch.sh [BUILD_DIR] [extra cmake arguments]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$here/build-torch}"
shift || true
python="${PYTHON:-python3}"
prefix="$("$python" -c 'import torch; print(torch.utils.cmake_prefix_path)')" || {
  echo "build_pip_torch: $python cannot import torch" >&2
  exit 1
}
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKRONSCOPE_BUILD_GUI=OFF -DKRONSCOPE_WITH_HDF5=OFF \
  -DCMAKE_PREFIX_PATH="$prefix" -DKRONSCOPE_DATA_DIR="$here/.data" "$@"
# KRONSCOPE_TARGETS="a b": build only these targets (bench/gpu_check.sh: the CLI, test_cuda, bench_ppl).
# shellcheck disable=SC2086
cmake --build "$build" -j"$(nproc)" ${KRONSCOPE_TARGETS:+--target $KRONSCOPE_TARGETS}
echo "built in $build; CUDA devices: $("$build/app/kronscope-cli" about --json | tail -n1)"
