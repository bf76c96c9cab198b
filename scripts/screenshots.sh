#!/usr/bin/env bash
# Regenerates the README's screenshots by driving the real app under Xvfb: the GUI workflow test opens the demo
# model (or a generated one), selects a matrix, decomposes it, runs a sweep, and saves what the window shows; the
# probe-view test runs every structure probe and the toy lab; the modular-lab test opens the shipped nanda model.
# Usage: scripts/screenshots.sh [BUILD_DIR]   (writes docs/screenshots/*.png)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-${KRONSCOPE_BUILD_DIR:-$here/build}}"
out="$here/docs/screenshots"
mkdir -p "$out"
KRONSCOPE_SCREENSHOT_DIR="$out" xvfb-run -a -s "-screen 0 1600x1000x24" "$build/tests/app/test_workflow" >/dev/null
KRONSCOPE_SCREENSHOT_DIR="$out" xvfb-run -a -s "-screen 0 1600x1000x24" "$build/tests/app/test_probe_views" >/dev/null
KRONSCOPE_SCREENSHOT_DIR="$out" xvfb-run -a -s "-screen 0 1600x1000x24" "$build/tests/app/test_modular_lab" >/dev/null
ls -1 "$out"
