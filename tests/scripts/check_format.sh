#!/usr/bin/env bash
# Formatting check: clang-format (the .clang-format at the root) in dry-run mode over every C++ source of the
# project; fails on any difference and names the files. The tree is formatted with Debian 12's clang-format 14;
# other major versions format some constructs differently, so they skip (exit 77) rather than fail.
# Usage: check_format.sh SOURCE_DIR    Fix: clang-format -i $(git ls-files '*.cpp' '*.h')
set -u
src="$1"
cf=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$cf" ]; then echo "clang-format not found (scripts/setup.sh installs it)"; exit 77; fi
major=$("$cf" --version | sed -nE 's/.*version ([0-9]+)\..*/\1/p')
if [ "$major" != "14" ]; then echo "clang-format $major is not the project's formatter (14): skipped"; exit 77; fi
cd "$src" || exit 1
mapfile -t files < <(git ls-files 'core/*.cpp' 'core/*.h' 'views/*.cpp' 'views/*.h' 'app/*.cpp' 'app/*.h' \
                                  'tests/*.cpp' 'tests/*.h' 'bench/*.cpp' 'bench/*.h' 2>/dev/null)
if [ ${#files[@]} -eq 0 ]; then  # not a git checkout (a source package): every C++ file
  mapfile -t files < <(find core views app tests bench -name '*.cpp' -o -name '*.h' | grep -v '^tests/data/')
fi
bad=()
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  "$cf" --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "not formatted (run clang-format -i on them):"; printf '  %s\n' "${bad[@]}"; exit 1
fi
echo "format ok: ${#files[@]} files match .clang-format"
