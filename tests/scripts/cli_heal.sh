#!/usr/bin/env bash
# kronscope-cli heal and heal-sweep on the demo model: the JSON keys, the healed folder (dense export + factors
# + log) that `ppl` reads back in factored form with the logged perplexity, the sweep's table, and refusals.
# Usage: cli_heal.sh KRONSCOPE_CLI SOURCE_DIR
set -u
cli="$1"
src="$2"
demo="$src/resources/demo/kronscope-demo-gpt2"
# shellcheck source=cli_lib.sh
source "$(dirname "$0")/cli_lib.sh"
head -c 40000 "$src/README.md" > train.txt
tail -c +40001 "$src/README.md" | head -c 8000 > val.txt
h=(--model "$demo" --corpus train.txt --validation val.txt --block-size 8 --steps 12 --batch 2 --context 32 --eval-interval 6 --eval-windows 4 --lr 3e-3 --quiet)

"$cli" heal "${h[@]}" --method svd --out healed --json > heal.json 2>heal.err
check "heal --json: ppl_original, ppl_surgery, ppl_healed, params, steps, history" \
  "[ \"\$(json heal.json \"sorted(k for k in ('ppl_original','ppl_surgery','ppl_healed','params','steps','history') if k in d), d['steps'], len(d['history'])\")\" = \"['history', 'params', 'ppl_healed', 'ppl_original', 'ppl_surgery', 'steps'] 12 3\" ]"
check "heal: training lowers the perplexity the surgery raised" \
  "python3 -c \"import json; d=json.loads(open('heal.json').read().splitlines()[-1]); assert d['ppl_surgery'] > d['ppl_original'] and d['ppl_healed'] < d['ppl_surgery'], d\""
check "heal --out: dense export, factors, log, tokenizer" \
  "[ -f healed/model.safetensors ] && [ -f healed/kronscope_factors.safetensors ] && [ -f healed/heal_log.json ] && [ -f healed/vocab.json ] && [ ! -e healed.partial ]"
"$cli" ppl --model healed --text val.txt --max-length 33 --stride 32 --max-tokens 129 --json > ppl.json 2>ppl.err
check "the healed folder reloads in factored form with the logged perplexity (rel. 1e-5)" \
  "python3 -c \"
import json
h=json.loads(open('heal.json').read().splitlines()[-1]); p=json.loads(open('ppl.json').read().splitlines()[-1])
assert abs(p['ppl'] - h['ppl_healed']) <= 1e-5 * h['ppl_healed'], (p['ppl'], h['ppl_healed'])\""
"$cli" info --model healed > info.txt 2>&1
check "info names the stored factors" "grep -q 'kronscope_factors.safetensors' info.txt"

"$cli" heal-sweep "${h[@]}" --methods kron,svd --block-sizes 8,16 --table sweep.md --json > sweep.json 2>sweep.err
check "heal-sweep: the control and 2 methods x 2 block sizes, same steps each" \
  "[ \"\$(json sweep.json \"[(r['method'], r['block_size'] if r['method'] != 'none' else 0, r['steps']) for r in d['rows']]\")\" = \"[('none', 0, 12), ('kron', 8, 12), ('kron', 16, 12), ('svd', 8, 12), ('svd', 16, 12)]\" ]"
check "heal-sweep --table: the Markdown table with both parameter counts and the three perplexities" \
  "grep -q '| none (control) | - |' sweep.md && grep -q '| kron | 16 |' sweep.md && grep -q 'PPL healed' sweep.md && grep -q 'Same budget for every row' sweep.md"

"$cli" synth --out small --n-layer 2 --n-embd 64 --n-head 4 --n-positions 128 > /dev/null 2>&1
"$cli" heal-sweep "${h[@]}" --methods kron --block-sizes 8 --no-control --matched-dense small --table sweep2.csv --json > sweep2.json 2>/dev/null
check "heal-sweep --matched-dense: the smaller dense model fine-tuned the same way is a row of its own" \
  "grep -q '^matched-dense,' sweep2.csv && grep -q '^kron,8,' sweep2.csv && [ \"\$(json sweep2.json \"len(d['rows'])\")\" = 2 ]"

"$cli" heal "${h[@]}" --method svd --out parts --stop-after 6 --json > part.json 2>part.err
check "heal --stop-after: the state is saved, no model yet" \
  "[ -f parts/heal_state.pt ] && [ -f parts/heal_state.pt.check ] && [ ! -e parts/model.safetensors ] && [ \"\$(json part.json \"d['steps'], d['complete'], d['resumable']\")\" = '6 False True' ]"
run "a fresh heal into the interrupted folder" 1 "interrupted heal" heal "${h[@]}" --method svd --out parts
run "heal --resume with a changed setting" 2 "--lr cannot change" heal --resume --out parts --lr 1e-2
run "heal --resume without its folder" 2 "needs --out" heal --resume
run "heal --resume on a folder without a state" 2 "no heal_state.pt" heal --resume --out healed
"$cli" heal --resume --out parts --quiet --json > resumed.json 2>resumed.err
check "heal --resume ends where the straight run ends (same healed PPL and history, bit for bit)" \
  "python3 -c \"
import json
a=json.loads(open('heal.json').read().splitlines()[-1]); b=json.loads(open('resumed.json').read().splitlines()[-1])
assert b['complete'] and b['steps'] == 12 and not (a['ppl_healed'] != b['ppl_healed']), (a['ppl_healed'], b['ppl_healed'])
assert [e['val_ppl'] for e in a['history']] == [e['val_ppl'] for e in b['history']]\" && [ -f parts/model.safetensors ] && [ ! -e parts/heal_state.pt ]"
"$cli" heal "${h[@]}" --method svd --out damaged --stop-after 6 --quiet > /dev/null 2>&1
printf 'Z' | dd of=damaged/heal_state.pt bs=1 seek=300 conv=notrunc status=none
run "heal --resume on a damaged state" 2 "checksum" heal --resume --out damaged

mkdir -p mine; echo keep > mine/keep.txt
run "heal into a folder that is not a heal's output" 1 "not an earlier heal's output" heal "${h[@]}" --out mine
check "the foreign folder is untouched" "[ \"\$(cat mine/keep.txt)\" = keep ] && [ ! -e mine/model.safetensors ]"
run "heal with an unknown method" 2 "method: 'lowrank'" heal "${h[@]}" --method lowrank
run "heal with an unknown init" 2 "init: 'zeros'" heal "${h[@]}" --init zeros
run "heal with a distillation weight above 1" 2 "distill" heal "${h[@]}" --distill 1.5
run "heal with a block size that divides nothing" 1 "block size|does not divide|divisible" heal "${h[@]}" --block-size 7
run "heal on a missing corpus" 1 "nope.txt" heal --model "$demo" --corpus nope.txt
exit $fail
