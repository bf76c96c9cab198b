#!/usr/bin/env bash
# Set up (installs what is missing), build, and run the whole test suite with ctest.
# Extra args go to ctest, e.g. `scripts/test.sh -L unit` for the quick loop.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
"$here/scripts/build.sh"
cd "${KRONSCOPE_BUILD_DIR:-$here/build}"
ctest --output-on-failure --timeout 900 "$@"
