#!/usr/bin/env bash
# Regenerates the README's screenshots by driving the real app under Xvfb.
# Usage: scripts/screenshots.sh [BUILD_DIR]   (writes docs/screenshots/*.png)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-${KRONSCOPE_BUILD_DIR:-$here/build}}"
app="$build/app/gui/kronscope"
out="$here/docs/screenshots"
mkdir -p "$out"
model="${KRONSCOPE_SCREENSHOT_MODEL:-$here/tests/data/tiny-gpt2}"
run() { xvfb-run -a -s "-screen 0 1600x1000x24" "$app" "$@"; }
run "$model" --select h.0.mlp.c_fc --screenshot "$out/main-window.png"
echo "wrote $out/main-window.png"
