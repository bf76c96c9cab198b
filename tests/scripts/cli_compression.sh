#!/usr/bin/env bash
# The compression lab's commands (stats, quantize, prune-sweep, procrustes, compare, dequantize) on a small
# synthesized checkpoint: the JSON keys the help documents, the artifact round trip (quantize --out, dequantize,
# ppl: the same perplexity), and every bad input refused with one line naming the option or file.
# Usage: cli_compression.sh KRONSCOPE_CLI
set -u
cli="$1"
# shellcheck source=cli_lib.sh
source "$(dirname "$0")/cli_lib.sh"
"$cli" synth --out base --n-layer 2 --n-embd 32 --n-head 2 --n-positions 64 --seed 1 >/dev/null || exit 1
"$cli" synth --out other --n-layer 3 --n-embd 32 --n-head 2 --n-positions 64 --seed 2 >/dev/null || exit 1
printf 'hello world, this is a text about weights and their structure.\n%.0s' $(seq 30) > t.txt

"$cli" stats --model base --json > stats.json 2>/dev/null
check "stats: tensors[] with name, std, kurtosis, max_abs" \
  "[ \"\$(json stats.json \"len(d['tensors']), sorted(set(['name','std','kurtosis','max_abs']) - set(d['tensors'][0])) \")\" = '34 []' ]"
"$cli" quantize --model base --bits 4 --clip-search --protect last:1/k --text t.txt --max-length 64 --out a.ksq --json > q.json 2>/dev/null
check "quantize: bytes, mse, ppl, tensors[]" "[ \"\$(json q.json \"d['bytes'] > 0 and d['mse'] > 0 and d['ppl'] > 0 and len(d['tensors']) > 0\")\" = True ]"
check "quantize --out: the file holds the frame" "[ \$(stat -c %s a.ksq) -gt \$(json q.json \"d['bytes']\") ]"
"$cli" dequantize a.ksq --out deq > /dev/null 2>&1
"$cli" ppl --model deq --text t.txt --max-length 64 --json > p.json 2>/dev/null
check "dequantize + ppl: the quantized model's perplexity exactly" "[ \"\$(json p.json \"d['ppl']\")\" = \"\$(json q.json \"d['ppl']\")\" ]"
"$cli" prune-sweep --model base --prune 0,5 --bits 4,6 --json > ps.json 2>/dev/null
check "prune-sweep: rows[] prune, bits, bytes, ppl" "[ \"\$(json ps.json \"len(d['rows']), sorted(set(['prune','bits','bytes','ppl']) - set(d['rows'][0]))\")\" = '4 []' ]"
"$cli" procrustes --a base:h.0.mlp.c_proj --b base:h.1.mlp.c_proj --null-draws 4 --json > pr.json 2>/dev/null
check "procrustes: reduction, cosine, null.gaussian.mean|std|z" \
  "[ \"\$(json pr.json \"all(k in d['null']['gaussian'] for k in ['mean','std','z']) and 'cosine' in d and d['reduction'] > 0\")\" = True ]"

run "quantize --bits 9 is a usage error" 2 "--bits" quantize --model base --bits 9
run "quantize --protect that selects nothing names the item" 2 "--protect: 'nonsense' selects no tensor" quantize --model base --protect nonsense
run "quantize --protect last:0/k" 2 "--protect: 'last:0/k'" quantize --model base --protect last:0/k
run "quantize --damage needs a text" 2 "--damage: the damage ranking needs a text" quantize --model base --damage
run "quantize --fp16-rows abc" 2 "--fp16-rows: 'abc' is not a percentage" quantize --model base --fp16-rows abc
run "quantize --fp16-rows 150% is out of range" 2 "--fp16-rows: 150" quantize --model base --fp16-rows 150%
run "quantize --out into a missing folder names it" 1 "nowhere/a.ksq" quantize --model base --out nowhere/a.ksq
run "prune-sweep --prune 5,x" 2 "--prune: 'x' is not a percentage" prune-sweep --model base --prune 5,x
run "prune-sweep --prune 100" 2 "--prune: 100" prune-sweep --model base --prune 100
run "prune-sweep --out .txt" 2 "--out must end in .md, .csv or .json" prune-sweep --model base --out r.txt
run "procrustes with different shapes says both" 1 "h.0.mlp.c_fc is 128x32 and h.0.attn.c_proj is 32x32" procrustes --model base --a h.0.mlp.c_fc --b h.0.attn.c_proj --null-draws 2
run "procrustes of a matrix the model lacks" 1 "h.9.mlp.c_fc" procrustes --model base --a h.9.mlp.c_fc --b h.0.mlp.c_fc
run "procrustes --side up" 2 "--side: 'up' is not left or right" procrustes --model base --a h.0.mlp.c_fc --b h.1.mlp.c_fc --side up
run "compare refuses another architecture" 1 "differ in n_layer: 2 vs 3" compare --model base --with other --null-draws 2
run "stats --rank-by foo" 2 "--rank-by" stats --model base --rank-by foo
head -c 1000 a.ksq > trunc.ksq
run "dequantize a truncated artifact names the file" 1 "trunc.ksq: " dequantize trunc.ksq --out d1
check "... and writes nothing" "[ ! -e d1 ]"
printf 'KSQUANT1\xff\xff\xff\xff\xff\xff\xff\x7f' > huge.ksq
run "dequantize a huge header length" 1 "huge.ksq: header length" dequantize huge.ksq --out d2
run "dequantize a text file" 1 "t.txt: not a Kronscope quantized artifact" dequantize t.txt --out d3
exit $fail
