#!/usr/bin/env bash
# Builds the .deb with CPack, unpacks it into a temporary root, and runs the unpacked kronscope-cli:
# --version, and a small perplexity job on the packaged demo model with an empty HOME and an empty data
# directory (the package carries GPT-2's tokenizer files), or on a generated checkpoint when there is no demo. Usage: test_package.sh BUILD_DIR
set -euo pipefail
build="$1"
command -v dpkg-deb >/dev/null || { echo "dpkg-deb not found: skipping"; exit 77; }
cd "$build"
rm -f kronscope_*.deb
cpack -G DEB >/dev/null
deb=$(ls kronscope_*.deb | head -n1)
echo "built $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb -I "$deb" | grep -E "Depends|Installed-Size" | sed 's/^/  /'
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
for f in usr/bin/kronscope usr/bin/kronscope-cli usr/share/applications/kronscope.desktop \
         usr/share/metainfo/io.github.kronscope.Kronscope.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/kronscope.svg usr/share/man/man1/kronscope-cli.1; do
  [ -e "$root/$f" ] || { echo "missing in package: $f"; exit 1; }
done
cli="$root/usr/bin/kronscope-cli"
"$cli" --version | grep -q "kronscope-cli" || { echo "unpacked --version failed"; exit 1; }
model="$root/model"
if [ -f "$root/usr/share/kronscope/demo/kronscope-demo-gpt2/model.safetensors" ]; then
  model="$root/usr/share/kronscope/demo/kronscope-demo-gpt2"
else
  "$cli" synth --out "$model" --n-layer 1 --n-embd 32 --n-head 2 --n-positions 64 --seed 1 >/dev/null
fi
# Offline: an empty HOME and an empty data directory, so only what the package carries can tokenize.
offline_home=$(mktemp -d) offline_data=$(mktemp -d)
trap 'rm -rf "$root" "$offline_home" "$offline_data"' EXIT
run_cli() { HOME="$offline_home" KRONSCOPE_DATA_DIR="$offline_data" "$cli" "$@"; }
if [ "$model" = "$root/model" ]; then run_cli() { "$cli" "$@"; }; fi  # a generated model brings no tokenizer
printf 'The jury said it did find that many of the registration and election laws were outmoded.\n%.0s' {1..8} > "$root/text.txt"
out=$(run_cli ppl --model "$model" --text "$root/text.txt" --max-length 64 --quiet --json | tail -n1)
echo "unpacked ppl: $out"
python3 -c 'import json,sys,math; o=json.loads(sys.argv[1]); assert o["tokens_scored"] > 0 and math.isfinite(o["ppl"]) and o["ppl"] > 1' "$out"
# Seed 002's shipped models come with the package (the Modular arithmetic page's "Shipped" list) and load.
nanda="$root/usr/share/kronscope/modular/nanda-p113"
src=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' CMakeCache.txt)
if [ -f "$src/resources/modular/nanda-p113/model.safetensors" ]; then
  [ -f "$nanda/model.safetensors" ] || { echo "missing in package: the shipped modular models"; exit 1; }
  acc=$(run_cli modular analyze --model "$nanda" --analysis accuracy --quiet --json | tail -n1)
  python3 -c 'import json,sys; o=json.loads(sys.argv[1]); assert o["tasks"][0]["val_acc"] == 1.0' "$acc" ||
    { echo "the packaged nanda model does not score 100%"; exit 1; }
  [ ! -e "$nanda/modular_state.pt" ] || { echo "the package carries a trainer state"; exit 1; }
fi
echo "package ok"
