#!/usr/bin/env bash
# Replays seed 001's eight findings (../shared/seeds/001_*.txt) with kronscope-cli on the demo model and on two
# seeds of a small model trained here, and prints the numbers the README's "Seed 001 on models at hand" table
# quotes. Usage: scripts/replay_seed001.sh [WORK_DIR]   (about 25 minutes on 2 cores, most of it training)
#   KRONSCOPE_CLI=path/to/kronscope-cli overrides build/app/kronscope-cli.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cli=${KRONSCOPE_CLI:-$here/build/app/kronscope-cli}
work=${1:-/tmp/kronscope-seed001}
demo=$here/resources/demo/kronscope-demo-gpt2
mkdir -p "$work"
cd "$work"
j() { python3 -c "import json,sys; d=json.loads(sys.stdin.read().strip().splitlines()[-1]); print($1)"; }
[ -f brown/test.txt ] || "$cli" corpus --brown --out brown >/dev/null
text=(--text brown/test.txt --max-length 256 --max-tokens 8192)
# Two seeds of the tiny preset, each with SWA (the exported model) and an EMA (DIR/ema/).
for seed in 1 7; do
  [ -f "seed$seed/model.safetensors" ] || "$cli" train --corpus brown --config tiny --seed $seed --steps 800 \
    --context 128 --batch 16 --average-from 400 --ema 0.995 --dtype F32 --out "seed$seed" --quiet >/dev/null
done

echo "## F1 symmetry transport (Procrustes of MLP c_proj, layers 4 and 5 of the demo)"
"$cli" procrustes --model "$demo" --a h.4.mlp.c_proj --b h.5.mlp.c_proj --quiet --json | j \
  "'reduction %.4f, gaussian null %.4f +- %.4f (z %.1f), permuted null %.4f; transport %d bytes vs plain %d (%.0f%%)' % (d['reduction'], d['null']['gaussian']['mean'], d['null']['gaussian']['std'], d['null']['gaussian']['z'], d['null']['permuted']['mean'], d['rotation']['transport_bytes'], d['rotation']['plain_bytes'], 100.0 * d['rotation']['transport_bytes'] / d['rotation']['plain_bytes'])"
echo "## F2 low-rank rotation (same pair, R is 512 x 512, rank 128)"
"$cli" procrustes --model "$demo" --a h.4.mlp.c_proj --b h.5.mlp.c_proj --rank 128 --quiet --json | j \
  "'rank-128 share %.4f, Haar null %.4f +- %.4f (z %.1f)' % (d['rotation']['low_rank_share'], d['rotation']['null']['haar']['mean'], d['rotation']['null']['haar']['std'], d['rotation']['null']['haar']['z'])"
echo "## F3 cross-seed Procrustes (seed 1 vs seed 7, every block matrix)"
"$cli" compare --model seed1 --with seed7 --quiet --json | j \
  "'\n'.join('%s: reduction %.4f, null %.4f +- %.4f (z %.1f), cosine %.4f' % (r['request']['a'], r['reduction'], r['null']['gaussian']['mean'], r['null']['gaussian']['std'], r['null']['gaussian']['z'], r['cosine']) for r in d['rows'])"
echo "## F4 SWA vs EMA (seed 1: exported SWA model vs its EMA)"
for m in seed1 seed1/ema; do
  "$cli" stats --model $m --quiet --json | j \
    "'$m: mlp.c_fc std %.4f, kurtosis %.3f (mean over layers)' % (sum(t['std'] for t in d['tensors'] if t['kind']=='mlp.c_fc')/2, sum(t['kurtosis'] for t in d['tensors'] if t['kind']=='mlp.c_fc')/2)"
  "$cli" quantize --model $m --bits 6 --text brown/test.txt --max-length 128 --max-tokens 8192 --quiet --json | j \
    "'$m: int6 + zstd-22 %d bytes, PPL %.2f' % (d['bytes'], d['ppl'])"
done
echo "## F5 the quantization outlier (demo): kurtosis ranking of 2-D tensors, K per layer, damage at int4"
"$cli" stats --model "$demo" --quiet --json | j \
  "'top 2-D by kurtosis: ' + ', '.join('%s %.2f' % (t['name'], t['kurtosis']) for t in sorted([t for t in d['tensors'] if t['rows'] > 1], key=lambda t: -t['kurtosis'])[:4]) + '; K per layer: ' + ', '.join('%.2f' % t['kurtosis'] for t in d['tensors'] if t['kind']=='attn.c_attn.k') + '; mean of 2-D tensors %.2f' % (sum(t['kurtosis'] for t in d['tensors'] if t['rows'] > 1) / len([t for t in d['tensors'] if t['rows'] > 1]))"
"$cli" quantize --model "$demo" --bits 4 "${text[@]}" --damage --quiet --json | j \
  "'int4 damage (PPL change, only that unit quantized; baseline %.2f): ' % d['baseline']['ppl'] + ', '.join('%s %+.2f' % (r['unit'], r['delta_ppl']) for r in d['damage'][:5])"
echo "## F6 GPTQ-lite clip search (demo, int6)"
plain=$("$cli" quantize --model "$demo" --bits 6 "${text[@]}" --quiet --json)
clip=$("$cli" quantize --model "$demo" --bits 6 --clip-search "${text[@]}" --quiet --json)
echo "$plain" | j "'plain int6: MSE %.6e, %d bytes, PPL %.4f' % (d['mse'], d['bytes'], d['ppl'])"
echo "$clip" | j "'clip search: MSE %.6e, %d bytes, PPL %.4f' % (d['mse'], d['bytes'], d['ppl'])"
echo "## F7 selective fp16 embedding (demo, int6): wte all int6 / top 10% rows fp16 / wte all fp16"
for o in "" "--fp16-rows 10" "--protect wte"; do
  "$cli" quantize --model "$demo" --bits 6 $o "${text[@]}" --quiet --json | j "'${o:-none}: %d bytes, PPL %.4f' % (d['bytes'], d['ppl'])"
done
echo "## F8 pruning x zstd (demo, int6)"
"$cli" prune-sweep --model "$demo" --bits 6 --prune 0,1,2,3,4,5,10 "${text[@]}" --quiet --json | j \
  "'\n'.join('prune %g%%: %d bytes (%+d vs 0%%), PPL %.4f' % (r['prune'], r['bytes'], r['bytes'] - d['rows'][0]['bytes'], r['ppl']) for r in d['rows'])"
