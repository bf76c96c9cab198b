#!/usr/bin/env bash
# Translation check (issue 8): every .ts file in translations/ is complete (no unfinished, vanished or obsolete
# entries), and lupdate over the current sources would add nothing to translate and drop nothing (else run
# scripts/update_translations.sh and translate the new entries). Without a Qt 6 lupdate the second part is skipped.
# Usage: check_translations.sh SOURCE_DIR [LUPDATE]
set -u
src="$1"
lupdate="${2:-}"
fail=0

shopt -s nullglob
ts_files=("$src"/translations/*.ts)
for lang in de zh_CN; do
  if [ ! -f "$src/translations/kronscope_$lang.ts" ]; then
    echo "missing translations/kronscope_$lang.ts"
    fail=1
  fi
done
[ ${#ts_files[@]} -gt 0 ] || exit 1

# "type=..." only ever appears on <translation> elements.
for ts in "${ts_files[@]}"; do
  unfinished=$(grep -c 'type="unfinished"' "$ts")
  stale=$(grep -cE 'type="(vanished|obsolete)"' "$ts")
  if [ "$unfinished" -ne 0 ] || [ "$stale" -ne 0 ]; then
    echo "$(basename "$ts"): $unfinished unfinished, $stale vanished/obsolete entries"
    grep -B3 -E 'type="(unfinished|vanished|obsolete)"' "$ts" | grep '<source>' | head -20
    fail=1
  fi
done

# lupdate: the same sources and options as scripts/update_translations.sh, into temporary copies.
if [ -z "$lupdate" ]; then
  for c in lupdate6 /usr/lib/qt6/bin/lupdate lupdate; do
    if command -v "$c" >/dev/null 2>&1 && "$c" -version 2>&1 | grep -qE 'version 6\.'; then
      lupdate="$c"
      break
    fi
  done
fi
if [ -z "$lupdate" ]; then
  echo "skipped the lupdate comparison: no Qt 6 lupdate found (Debian: qt6-l10n-tools)"
else
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  copies=()
  for ts in "${ts_files[@]}"; do
    cp "$ts" "$tmp/"
    copies+=("$tmp/$(basename "$ts")")
  done
  if ! (cd "$src" && "$lupdate" -silent -locations relative -I views/include -I app/gui app/gui views/src views/include \
          -ts "${copies[@]}") >"$tmp/lupdate.log" 2>&1; then
    echo "lupdate failed:"
    cat "$tmp/lupdate.log"
    fail=1
  fi
  for ts in "${copies[@]}"; do
    new=$(grep -c 'type="unfinished"' "$ts")
    gone=$(grep -cE 'type="(vanished|obsolete)"' "$ts")
    if [ "$new" -ne 0 ] || [ "$gone" -ne 0 ]; then
      echo "$(basename "$ts") is out of date with the sources: $new new and $gone removed strings" \
           "(run scripts/update_translations.sh and translate):"
      grep -B3 -E 'type="(unfinished|vanished|obsolete)"' "$ts" | grep '<source>' | head -20
      fail=1
    fi
  done
fi

[ $fail -eq 0 ] && echo "translations ok: ${#ts_files[@]} .ts files complete and up to date"
exit $fail
