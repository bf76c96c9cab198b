#!/usr/bin/env bash
# The layering check must fail on a planted violation: a tiny tree where base/ includes a model/ header, and one with
# a file outside any module folder; and pass on the same tree without them.
set -u
check="$(dirname "$0")/check_layers.sh"
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
mkdir -p "$t/core/include/kronscope/core/base" "$t/core/include/kronscope/core/model" "$t/core/src/base" "$t/views"
echo 'project(x)' > "$t/core/CMakeLists.txt"
echo '#include "kronscope/core/base/error.h"' > "$t/core/include/kronscope/core/model/gpt2.h"
echo '#pragma once' > "$t/core/include/kronscope/core/base/error.h"
echo '#include "kronscope/core/base/error.h"' > "$t/core/src/base/error.cpp"
"$check" "$t" >/dev/null || { echo "FAIL: a clean tree was refused"; "$check" "$t"; exit 1; }
echo '#include "kronscope/core/model/gpt2.h"' >> "$t/core/src/base/error.cpp"
out=$("$check" "$t") && { echo "FAIL: base including model passed"; exit 1; }
echo "$out" | grep -q "module 'base' includes 'kronscope/core/model/gpt2.h' of the higher module 'model'" ||
  { echo "FAIL: message does not name the violation: $out"; exit 1; }
sed -i '$d' "$t/core/src/base/error.cpp"
echo '#include "model/gpt2_impl.h"' >> "$t/core/src/base/error.cpp"
"$check" "$t" >/dev/null && { echo "FAIL: base including a private model header passed"; exit 1; }
sed -i '$d' "$t/core/src/base/error.cpp"
echo '#pragma once' > "$t/core/src/loose.h"
"$check" "$t" >/dev/null && { echo "FAIL: a file outside the module folders passed"; exit 1; }
rm "$t/core/src/loose.h"; mkdir -p "$t/core/src/extra"; echo '' > "$t/core/src/extra/x.cpp"
"$check" "$t" >/dev/null && { echo "FAIL: an unknown module passed"; exit 1; }
echo "layering self-test ok: violations, loose files and unknown modules are refused"
