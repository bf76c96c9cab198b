#!/usr/bin/env bash
# Layering check (architecture.md):
#  - core/ never includes Qt and the CLI (core only) never links Qt; views/ never includes torch;
#  - core's modules form a stack: a module includes only itself and the modules below it, both through the public
#    headers (kronscope/core/<module>/...) and through the private ones (core/src/<module>/...). Every folder under
#    core/src and core/include/kronscope/core must be one of the modules listed here, in this order.
# Usage: check_layers.sh SOURCE_DIR [CLI_BINARY]
set -u
src="$1"; cli="${2:-}"
fail=0
# Lowest first. base: errors, progress, build info, hashing, text; io: file formats (safetensors, session files);
# tokenizer; model: GPT-2 config, forward pass, checkpoints; decompose: Kronecker / SVD fits and their nulls;
# surgery; probes; compress: statistics, quantization, zstd artifacts, Procrustes; mechanism: activation capture, scans, propagation; modular: seed 002's tasks, model, trainer and Fourier analyses; train: GPT-2 trainer, corpora, toy model; analysis: one Request -> run -> Result per use case;
# codec: the versioned JSON of every Result.
modules=(base io tokenizer model decompose surgery probes compress mechanism modular train analysis codec)
declare -A rank
for i in "${!modules[@]}"; do rank[${modules[$i]}]=$i; done

qt=$(grep -rnE '^\s*#\s*include\s*[<"](Q[A-Za-z0-9_]*|Qt[A-Za-z0-9_]*/[^>"]*)[>"]' "$src/core" 2>/dev/null)
if [ -n "$qt" ]; then echo "core/ includes Qt headers:"; echo "$qt"; fail=1; fi
tv=$(grep -rnE '^\s*#\s*include\s*[<"](torch|ATen|c10)/' "$src/views" 2>/dev/null)
if [ -n "$tv" ]; then echo "views/ includes torch headers:"; echo "$tv"; fail=1; fi
if grep -rqiE 'Qt6?::|find_package\(Qt' "$src/core/CMakeLists.txt"; then echo "core/CMakeLists.txt refers to Qt"; fail=1; fi

# Every core source and header lives in a known module folder.
while IFS= read -r f; do
  rel=${f#"$src/core/"}
  case "$rel" in
    include/kronscope/core/*/*) mod=${rel#include/kronscope/core/}; mod=${mod%%/*} ;;
    src/pch.h) continue ;;
    src/*/*) mod=${rel#src/}; mod=${mod%%/*} ;;
    *) echo "core/$rel: not inside a module folder (${modules[*]})"; fail=1; continue ;;
  esac
  if [ -z "${rank[$mod]+x}" ]; then echo "core/$rel: unknown module '$mod' (add it to tests/scripts/check_layers.sh)"; fail=1; continue; fi
  while IFS= read -r inc; do
    [ -n "$inc" ] || continue
    case "$inc" in
      kronscope/core/*/*) dep=${inc#kronscope/core/}; dep=${dep%%/*} ;;
      kronscope/core/*) echo "core/$rel: includes $inc, which is not in a module folder"; fail=1; continue ;;
      */*) dep=${inc%%/*} ;;
      *) continue ;;
    esac
    if [ -z "${rank[$dep]+x}" ]; then continue; fi
    if [ "${rank[$dep]}" -gt "${rank[$mod]}" ]; then
      echo "core/$rel: module '$mod' includes '$inc' of the higher module '$dep' (order: ${modules[*]})"; fail=1
    fi
  done < <(sed -nE 's/^\s*#\s*include\s*"([^"]+)".*/\1/p' "$f")
done < <(find "$src/core/include" "$src/core/src" -type f \( -name '*.h' -o -name '*.cpp' \))

if [ -n "$cli" ]; then
  if [ ! -x "$cli" ]; then echo "missing $cli"; fail=1
  # Direct dependencies only: Debian's libtorch itself pulls Qt 5 in through OpenCV's highgui, which is not ours.
  elif readelf -d "$cli" | grep NEEDED | grep -qi 'libQt'; then
    echo "kronscope-cli links Qt:"; readelf -d "$cli" | grep NEEDED | grep -i libQt; fail=1; fi
fi
[ $fail -eq 0 ] && echo "layers ok: core modules in order (${modules[*]}), core and kronscope-cli Qt-free, views torch-free"
exit $fail
