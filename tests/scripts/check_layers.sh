#!/usr/bin/env bash
# Layering check (architecture.md): core/ never includes Qt and the CLI (core only) never links Qt;
# views/ never includes torch. Usage: check_layers.sh SOURCE_DIR CLI_BINARY
set -u
src="$1"; cli="${2:-}"
fail=0
qt=$(grep -rnE '^\s*#\s*include\s*[<"](Q[A-Za-z0-9_]*|Qt[A-Za-z0-9_]*/[^>"]*)[>"]' "$src/core" 2>/dev/null)
if [ -n "$qt" ]; then echo "core/ includes Qt headers:"; echo "$qt"; fail=1; fi
tv=$(grep -rnE '^\s*#\s*include\s*[<"](torch|ATen|c10)/' "$src/views" 2>/dev/null)
if [ -n "$tv" ]; then echo "views/ includes torch headers:"; echo "$tv"; fail=1; fi
if grep -rqiE 'Qt6?::|find_package\(Qt' "$src/core/CMakeLists.txt"; then echo "core/CMakeLists.txt refers to Qt"; fail=1; fi
if [ -n "$cli" ]; then
  if [ ! -x "$cli" ]; then echo "missing $cli"; fail=1
  # Direct dependencies only: Debian's libtorch itself pulls Qt 5 in through OpenCV's highgui, which is not ours.
  elif readelf -d "$cli" | grep NEEDED | grep -qi 'libQt'; then
    echo "kronscope-cli links Qt:"; readelf -d "$cli" | grep NEEDED | grep -i libQt; fail=1; fi
fi
[ $fail -eq 0 ] && echo "layers ok: core and kronscope-cli are Qt-free, views are torch-free"
exit $fail
