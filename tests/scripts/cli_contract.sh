#!/usr/bin/env bash
# kronscope-cli's contract: --help lists subcommands, --version, exit codes 0/1/2, --json last line is JSON,
# errors are one line on stderr.
set -u
cli="$1"
fail=0
check() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
out=$("$cli" --help); rc=$?
check "--help exits 0" "[ $rc -eq 0 ]"
check "--help lists about" "grep -q '^  about' <<<\"\$out\""
out=$("$cli" --version); rc=$?
check "--version prints a version" "[ $rc -eq 0 ] && grep -qE '^kronscope-cli [0-9]+\.[0-9]+\.[0-9]+' <<<\"\$out\""
"$cli" no-such-command >/dev/null 2>&1; rc=$?
check "unknown command exits 2" "[ $rc -eq 2 ]"
"$cli" about --no-such-option >/dev/null 2>&1; rc=$?
check "unknown option exits 2" "[ $rc -eq 2 ]"
out=$("$cli" about --json); rc=$?
check "about --json exits 0" "[ $rc -eq 0 ]"
check "about --json last line is one JSON object" \
  "tail -n1 <<<\"\$out\" | python3 -c 'import json,sys; o=json.loads(sys.stdin.read()); assert isinstance(o, dict) and \"libtorch\" in o'"
err=$("$cli" about --bogus 2>&1 >/dev/null | tail -n1)
check "usage error names the problem on stderr" "grep -q 'unknown option --bogus' <<<\"\$err\""
err=$("$cli" about --bogus 2>&1 >/dev/null)
check "a usage error is one line that points to --help (not the usage block)" \
  "[ \$(wc -l <<<\"\$err\") -eq 1 ] && grep -q 'see kronscope-cli about --help' <<<\"\$err\""

# train: a tiny run, then a run that starts from its checkpoint (--init) where the first ended.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 -c '
import random
r = random.Random(3)
words = "the of and to a in that is was he for it with as his on be at by I this had not are but from".split()
print(" ".join(r.choice(words) for _ in range(6000)))' > "$tmp/text.txt"
head -c 3000 "$tmp/text.txt" > "$tmp/val.txt"
out=$("$cli" train --corpus "$tmp/text.txt" --validation "$tmp/val.txt" --config tiny --steps 4 --eval-interval 2 --dtype F32 --out "$tmp/a" --quiet --json); rc=$?
check "train exits 0" "[ $rc -eq 0 ]"
first=$(tail -n1 <<<"$out")
out=$("$cli" train --corpus "$tmp/text.txt" --validation "$tmp/val.txt" --init "$tmp/a" --steps 2 --lr 1e-4 --min-lr-ratio 0 --out "$tmp/b" --quiet --json); rc=$?
check "train --init exits 0" "[ $rc -eq 0 ]"
check "train --init starts from the checkpoint's weights and records it" \
  "python3 -c 'import json,sys; a=json.loads(sys.argv[1]); b=json.loads(sys.argv[2]); \
assert b[\"init_from\"]==sys.argv[3] and b[\"min_lr_ratio\"]==0 and b[\"config\"]==a[\"config\"]; \
assert abs(b[\"history\"][0][\"val_loss\"]-a[\"final_val_loss\"])<1e-5, (b[\"history\"][0], a[\"final_val_loss\"])' \
  \"\$first\" \"\$(tail -n1 <<<\"\$out\")\" \"$tmp/a\""
"$cli" train --corpus "$tmp/text.txt" --init "$tmp/a" --out "$tmp/b" --resume >/dev/null 2>&1; rc=$?
check "train --init with --resume is a usage error" "[ $rc -eq 2 ]"
err=$("$cli" train --corpus "$tmp/text.txt" --init "$tmp/nowhere" --out "$tmp/c" 2>&1 >/dev/null); rc=$?
check "train --init of a missing checkpoint fails and names it" "[ $rc -eq 1 ] && grep -q nowhere <<<\"\$err\""

# map and decompose: the analyses the GUI's pages run, with their nulls.
"$cli" synth --out "$tmp/m" --n-layer 1 --n-embd 16 --n-head 2 --n-positions 32 --vocab-size 64 --seed 1 >/dev/null; rc=$?
check "synth exits 0" "[ $rc -eq 0 ]"
out=$("$cli" map --model "$tmp/m" --block-sizes 2,3,4 --null-draws 3 --json); rc=$?
check "map --json: every matrix x block size, empty cells null, a null beside each ratio" \
  "[ $rc -eq 0 ] && python3 -c 'import json,sys; o=json.loads(sys.argv[1]); v=o[\"values\"]; \
assert len(o[\"matrices\"])==4 and len(v)==12 and v[1] is None and all(x>0 for x in v[0::3]), o; \
assert o[\"request\"][\"metric\"]==\"kron-ratio\" and len(o[\"null_mean\"])==12 and o[\"result_version\"]==1' \"\$(tail -n1 <<<\"\$out\")\""
"$cli" map --model "$tmp/m" --metric foo >/dev/null 2>&1; rc=$?
check "map --metric foo is a usage error" "[ $rc -eq 2 ]"
out=$("$cli" decompose --model "$tmp/m" --matrix h.0.mlp.c_fc --method kron --block-size 2 --null-draws 4 --json); rc=$?
check "decompose --json reports the Gaussian and permuted nulls" \
  "[ $rc -eq 0 ] && python3 -c 'import json,sys; o=json.loads(sys.argv[1]); \
assert o[\"null\"][\"draws\"]==4 and o[\"permuted_null\"][\"kind\"]==\"permuted\" and 0<o[\"rel_err\"]<1' \"\$(tail -n1 <<<\"\$out\")\""
"$cli" decompose --model "$tmp/m" --matrix h.0.mlp.c_fc --method kron --block-size 2 --null-draws 1 >/dev/null 2>&1; rc=$?
check "decompose --null-draws 1 is a usage error" "[ $rc -eq 2 ]"

# surgery: the baseline equals ppl of the unmodified model; the replaced matrices change it; the file is untouched.
"$cli" synth --out "$tmp/s" --n-layer 1 --n-embd 16 --n-head 2 --n-positions 32 --seed 2 >/dev/null
before=$(sha256sum "$tmp/s/model.safetensors")
pplj=$("$cli" ppl --model "$tmp/s" --text "$tmp/val.txt" --max-length 32 --quiet --json | tail -n1)
surj=$("$cli" surgery --model "$tmp/s" --text "$tmp/val.txt" --method kron --block-size 4 --max-length 32 --quiet --json | tail -n1)
check "surgery --json: baseline = ppl, a different PPL after, the checkpoint untouched" \
  "python3 -c 'import json,sys; p=json.loads(sys.argv[1]); s=json.loads(sys.argv[2]); \
assert abs(s[\"baseline_ppl\"]-p[\"ppl\"])<=1e-9*p[\"ppl\"], (s, p); assert s[\"ppl\"]!=s[\"baseline_ppl\"] and len(s[\"matrices\"])==4; \
assert s[\"text_hash\"]==p[\"text_hash\"] and s[\"result_version\"]==1' \"\$pplj\" \"\$surj\" && [ \"\$(sha256sum \"$tmp/s/model.safetensors\")\" = \"\$before\" ]"
"$cli" surgery --model "$tmp/s" --text "$tmp/val.txt" --method quaternion --block-size 4 >/dev/null 2>&1; rc=$?
check "surgery --method quaternion is a usage error" "[ $rc -eq 2 ]"

# sweep: a request that would run nothing but the baseline is a usage error that names the option.
err=$("$cli" sweep --model "$tmp/s" --text "$tmp/val.txt" --methods "" 2>&1 >/dev/null); rc=$?
check "sweep --methods '' is a usage error naming --methods" "[ $rc -eq 2 ] && grep -q -- '--methods' <<<\"\$err\""
err=$("$cli" sweep --model "$tmp/s" --text "$tmp/val.txt" --targets ';;;' 2>&1 >/dev/null); rc=$?
check "sweep --targets ';;;' is a usage error naming --targets" "[ $rc -eq 2 ] && grep -q -- '--targets' <<<\"\$err\""
"$cli" sweep --model "$tmp/s" --text "$tmp/val.txt" --methods kron,quaternion >/dev/null 2>&1; rc=$?
check "sweep --methods with an unknown method is a usage error" "[ $rc -eq 2 ]"

if [ $fail -ne 0 ]; then echo "cli contract: failures"; exit 1; fi
echo "cli contract: all checks passed"
