#!/usr/bin/env bash
# Regression tests for the hardening issue (D1-D24, the CLI side): every bad input is refused with one line
# on stderr that names the file or the option, quickly, with the right exit code, and nothing is lost.
# Usage: cli_hardening.sh KRONSCOPE_CLI
set -u
cli="$1"
fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
# run NAME EXPECTED_RC GREP ARGS...: the command exits EXPECTED_RC within 20 s with one stderr line matching GREP.
run() {
  local name="$1" want="$2" pattern="$3"; shift 3
  timeout 20 "$cli" "$@" >out.txt 2>err.txt; local rc=$?
  local lines; lines=$(wc -l <err.txt)
  if [ "$rc" -ne "$want" ] || [ "$lines" -ne 1 ] || ! grep -qE -- "$pattern" err.txt; then
    echo "FAIL: $name (rc $rc, want $want; $lines stderr lines)"; head -c 400 err.txt; echo; fail=1
  else
    echo "ok: $name"
  fi
}
"$cli" synth --out base --n-layer 1 --n-embd 16 --n-head 2 --n-positions 64 --seed 1 >/dev/null || exit 1
printf 'hello world, this is a text.\n%.0s' $(seq 40) > t.txt
variant() { rm -rf "$1"; cp -r base "$1"; }

# D4, D8, D19: non-regular and unreachable files.
variant fifo; rm fifo/config.json; mkfifo fifo/config.json
run "D4 a FIFO config.json is refused, not waited on" 1 "fifo/config.json: not a regular file" info --model fifo
variant fifo2; rm fifo2/model.safetensors; mkfifo fifo2/model.safetensors
run "D4 a FIFO model.safetensors is refused" 1 "fifo2/model.safetensors: not a regular file" info --model fifo2
variant zero; rm zero/config.json; ln -s /dev/zero zero/config.json
run "D8 config.json -> /dev/zero is refused" 1 "zero/config.json: not a regular file" info --model zero
run "D8 ppl --text /dev/zero is refused" 1 "/dev/zero: not a regular file" ppl --model base --text /dev/zero
variant dirc; rm dirc/config.json; mkdir dirc/config.json
run "D19 config.json as a folder says so" 1 "dirc/config.json: is a folder" info --model dirc
variant loop; rm loop/model.safetensors; ln -s model.safetensors loop/model.safetensors
run "D19 a symlink loop is named with its reason" 1 "loop/model.safetensors: cannot open \(Too many levels" info --model loop
mkdir adir
run "D19 --text DIR says it is a folder" 1 "adir: is a folder" ppl --model base --text adir
run "D19 train --corpus DIR says it is a folder" 1 "adir: is a folder" train --corpus adir --config tiny --out tr1

# D5: a header with 50,000 entries is parsed in linear time.
variant many
python3 - <<'PY'
import json, struct
h = {}; off = 0
for i in range(50000):
    h['t%d' % i] = {'dtype': 'F32', 'shape': [1], 'data_offsets': [off, off + 4]}; off += 4
b = json.dumps(h).encode()
with open('many/model.safetensors', 'wb') as f:
    f.write(struct.pack('<Q', len(b))); f.write(b); f.write(b'\0' * off)
PY
start=$(date +%s)
run "D5 a 50,000-entry header is refused quickly" 1 "many/model.safetensors: unexpected tensor" info --model many
check "D5 ... in under 5 s" "[ \$(( \$(date +%s) - $start )) -lt 5 ]"

# D6, D22: config values.
variant big; python3 -c "
import json; c = json.load(open('big/config.json')); c['n_layer'] = 18446744073709551615; json.dump(c, open('big/config.json', 'w'))"
run "D22 n_layer 2^64-1 is not read as -1" 1 "'n_layer' is 18446744073709551615, more than the limit" info --model big
variant layers; python3 -c "
import json; c = json.load(open('layers/config.json')); c['n_layer'] = 60000; json.dump(c, open('layers/config.json', 'w'))"
run "D6 a config implying far more tensors than the file holds is refused first" 1 "missing tensors: config.json's n_layer=60000 implies" info --model layers
run "D22 --max-length 99999999999999999999 is out of range, not 'not an integer'" 2 "--max-length: 99999999999999999999 is out of range" ppl --model base --text t.txt --max-length 99999999999999999999

# D9, D17, D21: tokenizer files.
variant vocab; python3 -c "
import json; v = json.load(open('vocab/vocab.json')); v['zz'] = 2000000000; json.dump(v, open('vocab/vocab.json', 'w'))"
run "D9 a token id of 2e9 is refused before it sizes the id table" 1 "vocab.json: id 2000000000 of \"zz\" is out of range" ppl --model vocab --text t.txt --quiet
variant vocab2; python3 -c "
import json; v = json.load(open('vocab2/vocab.json')); v['zz'] = 4294967301; json.dump(v, open('vocab2/vocab.json', 'w'))"
run "D22 a token id of 2^32+5 does not collide with 5" 1 "id 4294967301 of \"zz\" is out of range" ppl --model vocab2 --text t.txt --quiet
variant merges; python3 -c "open('merges/merges.txt', 'w').write('#version: 0.2\n' + 'a' * 5000000 + '\n')"
run "D21 a 5 MB merges line is quoted, not echoed" 1 "merges.txt line 2: expected two tokens, got \"a{80}\.\.\.\"" ppl --model merges --text t.txt --quiet
check "D21 ... in a short message" "[ \$(wc -c <err.txt) -lt 400 ]"
variant binm; printf '#version: 0.2\n\xff\xfe\x01 b c\n' > binm/merges.txt
run "D21 raw bytes are escaped" 1 'merges.txt line 2: expected two tokens, got "\\xff\\xfe\\x01 b c"' ppl --model binm --text t.txt --quiet
variant badjson; printf '{"a": \xff\xff}' > badjson/vocab.json
run "D21 a JSON error shows no raw bytes" 1 "vocab.json: not valid JSON" ppl --model badjson --text t.txt --quiet
check "D21 ... and is valid UTF-8" "iconv -f UTF-8 -t UTF-8 err.txt >/dev/null"
variant half; rm half/merges.txt
run "D17 a checkpoint with vocab.json but no merges.txt is refused" 1 "half: has vocab.json but no merges.txt" ppl --model half --text t.txt --quiet

# D18: invalid UTF-8 names the file.
printf 'ok \xff bad\n' > bad.txt
run "D18 ppl --text" 1 "bad.txt: invalid UTF-8 at byte offset 3" ppl --model base --text bad.txt --quiet
run "D18 tokenize" 1 "bad.txt: invalid UTF-8 at byte offset 3" tokenize --model base --text bad.txt
run "D18 train --corpus" 1 "bad.txt: invalid UTF-8 at byte offset 3" train --corpus bad.txt --config tiny --out tr2

# D11: memory estimated before allocating.
run "D11 synth of a model that cannot fit is refused with its estimate" 1 "needs about [0-9.]+ GB of memory; this machine has [0-9.]+ GB available" synth --out huge --n-layer 1000 --n-embd 65536 --n-head 64
check "D11 ... and writes nothing" "[ ! -e huge ]"
python3 -c "
import json; json.dump({'vocab_size': 50257, 'n_positions': 64, 'n_embd': 100000, 'n_layer': 2, 'n_head': 10}, open('wide.json', 'w'))"
run "D11 train --config with n_embd 100000 is refused with its estimate" 1 "training this model .* needs about" train --corpus t.txt --config wide.json --out tr3 --quiet
check "D11 ... and leaves no folder" "[ ! -e tr3 ]"

# D15: synth onto a checkpoint.
before=$(sha256sum base/model.safetensors)
run "D15 synth onto an existing checkpoint is refused without --force" 1 "base already holds a checkpoint" synth --out base --n-layer 1 --n-embd 16 --n-head 2 --n-positions 64 --seed 9
check "D15 ... and its weights are unchanged" "[ \"\$(sha256sum base/model.safetensors)\" = \"$before\" ]"

# D20, D23: options.
run "D20 --temperature 1e-300 is a usage error, one line" 2 "--temperature must be in" generate --model base --prompt hi --temperature 1e-300
run "D20 synth --std nan is a usage error" 2 "--std: 'nan' is not a finite number" synth --out s1 --std nan
run "D20 synth --std -1 is a usage error" 2 "--std must be in" synth --out s2 --std -1
run "D23 probe --angle-source foo is a usage error" 2 "angle" probe --model base --probe angles --angle-source foo
run "D23 an extra argument is a usage error" 2 "unexpected argument 'extra'" ppl --model base --text t.txt extra

# D24, D16: training runs.
cat t.txt t.txt t.txt t.txt t.txt > t5.txt
run "D24 a diverged run says so" 1 "training diverged at step" train --corpus t5.txt --config tiny --steps 5 --context 16 --batch 1 --lr 1e30 --out div --quiet
check "D24 ... and leaves no output folder" "[ ! -e div ]"
"$cli" train --corpus t5.txt --config tiny --steps 4 --context 16 --batch 1 --stop-after 2 --eval-interval 1 --out run --quiet >/dev/null 2>&1
python3 -c "
b = bytearray(open('run/trainer_state.pt', 'rb').read()); b[len(b) // 2] ^= 0x10; open('run/trainer_state.pt', 'wb').write(b)"
run "D16 a bit flip in trainer_state.pt is refused before resuming" 1 "trainer_state.pt: does not match its checksum" train --corpus t5.txt --out run --resume --quiet

if [ $fail -ne 0 ]; then echo "cli hardening: failures"; exit 1; fi
echo "cli hardening: all checks passed"
