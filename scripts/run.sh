#!/usr/bin/env bash
# Set up (installs what is missing), build, and open the Kronscope GUI. Extra args go to the app.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
"$here/scripts/build.sh"
exec "${KRONSCOPE_BUILD_DIR:-$here/build}/app/gui/kronscope" "$@"
