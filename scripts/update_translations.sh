#!/usr/bin/env bash
# Refreshes translations/*.ts from the sources with Qt 6 lupdate (strings no longer in the code are dropped),
# then reports how many entries still need a translation. Translate them in Qt Linguist
# (`linguist translations/kronscope_de.ts`); the build compiles the .ts files to .qm.
# Usage: scripts/update_translations.sh [LUPDATE]   (default: $LUPDATE, lupdate6, Qt 6's lupdate, or lupdate)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

lupdate="${1:-${LUPDATE:-}}"
if [ -z "$lupdate" ]; then
  for c in lupdate6 /usr/lib/qt6/bin/lupdate lupdate; do
    if command -v "$c" >/dev/null 2>&1; then lupdate="$c"; break; fi
  done
fi
if [ -z "$lupdate" ]; then
  echo "lupdate not found: install qt6-l10n-tools (Debian) or pass its path" >&2
  exit 1
fi

# The same sources and options as tests/scripts/check_translations.sh.
"$lupdate" -silent -no-obsolete -locations relative -I views/include \
  app/gui views/src views/include \
  -ts translations/kronscope_de.ts translations/kronscope_zh_CN.ts

status=0
for ts in translations/*.ts; do
  unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
  total=$(grep -c '<message' "$ts" || true)
  echo "$ts: $total messages, $unfinished unfinished"
  [ "$unfinished" -eq 0 ] || status=2
done
[ $status -eq 0 ] || echo "translate the unfinished entries (Qt Linguist) before committing"
exit $status
