#!/usr/bin/env bash
# Sharded sweeps without a cluster: three shards run one after another merge into exactly the unsharded table;
# missing, duplicate and foreign shards are reported; the Slurm scripts are written as documented (the real
# Slurm run is tests/scripts/cluster_slurm.sh, label cluster).
# Usage: cli_cluster.sh KRONSCOPE_CLI SOURCE_DIR
set -u
cli="$1"
src="$2"
demo="$src/resources/demo/kronscope-demo-gpt2"
# shellcheck source=cli_lib.sh
source "$(dirname "$0")/cli_lib.sh"
head -c 4000 "$src/README.md" > text.txt
job=(--model "$demo" --text text.txt --block-sizes 4,8 --methods kron,svd --targets 'mlp;attn' --max-tokens 200 --max-length 100 --quiet)

"$cli" sweep "${job[@]}" --out whole.md > /dev/null 2>&1
"$cli" sweep "${job[@]}" --out whole.json > /dev/null 2>&1
check "sweep --out .json: its throughput (9 cells timed, tokens run through the model, per minute and second)" \
  "python3 -c \"
import json
t = json.load(open('whole.json'))['throughput']
assert (t['evaluations'], t['tokens']) == (9, 1800), t
assert t['evaluations_per_minute'] > 0 and abs(t['tokens_per_second'] * t['cell_seconds'] - t['tokens']) < 1e-6 * t['tokens'], t\""
for i in 0 1 2; do "$cli" sweep "${job[@]}" --shard "$i/3" --out "s$i.json" > /dev/null 2>&1; done
check "shard files: cells k mod 3 == I of the 9 (baseline + 2 targets x 2 methods x 2 sizes)" \
  "[ \"\$(json s1.json \"d['shard']['cells'], d['shard']['total_cells']\")\" = '[1, 4, 7] 9' ]"
"$cli" merge s0.json s1.json s2.json --out merged.md --quiet 2>/dev/null
check "merge: the same Markdown table as the unsharded run (the throughput line aside)" \
  "cmp -s <(grep -v '^Throughput' whole.md) <(grep -v '^Throughput' merged.md)"
check "merge: the throughput of the shards' cells is kept" "grep -q '^Throughput: .* evaluations/min, .* tokens/s through the model (cells timed: 9,' merged.md"
"$cli" merge s2.json s0.json s1.json --out merged.json --quiet 2>/dev/null
check "merge: the same JSON rows (timings aside), in cell order whatever the file order" \
  "python3 -c \"
import json
a=json.load(open('whole.json'))['rows']; b=json.load(open('merged.json'))['rows']
strip=lambda r: {k: v for k, v in r.items() if k not in ('seconds', 'tokens_per_second', 'cell_seconds')}
assert [strip(x) for x in a] == [strip(x) for x in b], 'rows differ'\""
run "merge with a shard missing" 1 "cells 2,5,8 of 9 have no shard result" merge s0.json s1.json --out part.md
"$cli" merge s0.json s1.json --out part.md --allow-partial --quiet 2>/dev/null
check "--allow-partial writes the table marked incomplete" "grep -q 'incomplete' part.md && [ \$(grep -c '^| ' part.md) -eq 7 ]"
"$cli" merge s0.json s0.json s1.json s2.json --out dup.md --json --quiet > dup.txt 2>dup.err
check "a duplicate shard is reported, the table still complete" \
  "grep -q 'cells 0,3,6 appear in more than one shard' dup.err && [ \"\$(json dup.txt \"d['duplicate'], d['complete']\")\" = '[0, 3, 6] True' ]"
"$cli" sweep --model "$demo" --text text.txt --block-sizes 4 --methods kron --targets mlp --max-tokens 200 --max-length 100 --shard 0/3 --out other.json --quiet > /dev/null 2>&1
run "shards of another request" 1 "differs from s0.json in request" merge s0.json other.json --out x.md
run "a file that is no shard" 1 "not a Kronscope shard file" merge whole.json --out x.md
run "--shard without a JSON output" 2 "give --out FILE.json" sweep "${job[@]}" --shard 0/2 --out x.md
run "--shard out of range" 2 "shard '3/3'" sweep "${job[@]}" --shard 3/3 --out x.json

# The structure map: cells k = row x block sizes + column, the same round robin.
map=(--model "$demo" --block-sizes 2,4,8 --null-draws 3 --targets mlp --quiet)
"$cli" map "${map[@]}" > map-whole.md 2>/dev/null
"$cli" map "${map[@]}" --json > map-whole.json 2>/dev/null
for i in 0 1 2 3; do "$cli" map "${map[@]}" --shard "$i/4" --out "m$i.json" > /dev/null 2>&1; done
"$cli" merge m0.json m1.json m2.json m3.json --out map-merged.md --quiet 2>/dev/null
check "map shards: the merged table is the unsharded map's, nulls included" "cmp -s map-whole.md map-merged.md"
"$cli" merge m3.json m1.json m0.json m2.json --out map-merged.json --quiet 2>/dev/null
check "map shards: the merged values and nulls equal the unsharded JSON" \
  "python3 -c \"
import json
a=json.load(open('map-whole.json')); b=json.load(open('map-merged.json'))
assert all(a[k] == b[k] for k in ('matrices','values','null_mean','null_std','model_hash')), 'differ'
assert b['complete'] is True\""
run "map merge with a shard missing" 1 "have no shard result" merge m0.json m1.json m2.json --out x.md
run "map and sweep shards together" 1 "differs from m0.json in job" merge m0.json s0.json --out x.md
run "map --shard without --out" 2 "give --out FILE.json" map "${map[@]}" --shard 0/2

"$cli" slurm sweep "${job[@]}" --shards 4 --partition gpu --gpus-per-task 1 --cpus-per-task 8 --time 02:00:00 --account lab --out run --json > sl.json 2>/dev/null
check "slurm: an array of 4 with the job's options, --device cuda with GPUs, the shard and its file" \
  "grep -q '^#SBATCH --array=0-3' run/job.sbatch && grep -q '^#SBATCH --gpus-per-task=1' run/job.sbatch && grep -q '^#SBATCH --partition=gpu' run/job.sbatch && grep -q -- '--device cuda --shard \"\${SLURM_ARRAY_TASK_ID}/4\"' run/job.sbatch"
check "slurm: the merge job waits for the array (afterok) and writes result.md and result.json" \
  "grep -q 'afterok' <<< \"\$(json sl.json \"d['submit']\")\" && grep -q 'merge .*result.md' run/merge.sbatch && grep -q 'merge .*result.json' run/merge.sbatch"
check "slurm: both scripts are valid bash" "bash -n run/job.sbatch && bash -n run/merge.sbatch"
cp s0.json run/shards/shard-0.json; cp s2.json run/shards/shard-2.json
"$cli" slurm sweep "${job[@]}" --shards 4 --only-missing run --json > om.json 2>/dev/null
check "--only-missing: the array lists only the shards without a result" "[ \"\$(json om.json \"d['array']\")\" = '1,3' ] && grep -q '^#SBATCH --array=1,3' run/job.sbatch"
run "slurm without --shards" 2 "give --shards N" slurm sweep "${job[@]}"
run "slurm with the job's own --shard" 2 "leave --shard out" slurm sweep "${job[@]}" --shards 2 --shard 0/2
run "slurm for a job that cannot shard" 2 "job 'train' cannot be sharded" slurm train --shards 2
"$cli" slurm map "${map[@]}" --shards 3 --out maprun --json > ms.json 2>/dev/null
check "slurm map: an array of 3 map shards" "grep -q '^#SBATCH --array=0-2' maprun/job.sbatch && grep -q ' map .*--shard' maprun/job.sbatch"

# The mechanism scan: cell 0 the baseline, then per (method, n) the all-at-once run and each matrix alone.
scan=(--model "$demo" --analysis scan --text text.txt --method both --block-sizes 4 --targets layers:0-0 --max-tokens 200 --max-length 100 --quiet)
"$cli" mechanism "${scan[@]}" > scan-whole.md 2>/dev/null
"$cli" mechanism "${scan[@]}" --json > scan-whole.json 2>/dev/null
for i in 0 1 2; do "$cli" mechanism "${scan[@]}" --shard "$i/3" --out "c$i.json" > /dev/null 2>&1; done
check "scan shards: cells k mod 3 == I of the 11 (baseline + 2 methods x (4 matrices + all at once))" \
  "[ \"\$(json c1.json \"d['shard']['cells'], d['shard']['total_cells']\")\" = '[1, 4, 7, 10] 11' ]"
"$cli" merge c2.json c0.json c1.json --out scan-merged.md --quiet 2>/dev/null
check "scan shards: the merged Markdown is the unsharded scan's, additivity included" "cmp -s scan-whole.md scan-merged.md"
"$cli" merge c0.json c1.json c2.json --out scan-merged.json --quiet 2>/dev/null
check "scan shards: identical rows, additivity and baseline in the JSON" \
  "python3 -c \"
import json
a=json.load(open('scan-whole.json')); b=json.load(open('scan-merged.json'))
assert a['rows'] == b['rows'], 'rows differ'
assert a['additivity'] == b['additivity'], 'additivity differs'
assert a['baseline_mean_nll'] == b['baseline_mean_nll'] and b['complete'] is True\""
"$cli" merge c0.json c2.json --out scan-part.md --allow-partial --quiet 2>/dev/null
check "scan merge without shard 1: marked incomplete, the groups that lost a matrix have no sum" \
  "grep -q 'incomplete: 4 of 11 cells' scan-part.md && grep -q '| svd | 4 | .* | - |' scan-part.md && ! grep -q '| kron | 4 | [0-9.]* | [-0-9.]* | [-0-9.]* |$' scan-part.md"
run "scan merge with a map shard" 1 "differs from c0.json in job" merge c0.json m0.json --out x.md
run "--shard on another mechanism analysis" 2 "only the scan is sharded" mechanism --model "$demo" --analysis conditioning --block-size 4 --shard 0/2 --out x.json
"$cli" slurm mechanism "${scan[@]}" --shards 3 --out scanrun --json > cs.json 2>/dev/null
check "slurm mechanism: an array of 3 scan shards" "grep -q '^#SBATCH --array=0-2' scanrun/job.sbatch && grep -q ' mechanism .*--analysis scan.*--shard' scanrun/job.sbatch"
run "slurm mechanism without the scan" 2 "only the scan is sharded" slurm mechanism --model "$demo" --analysis nullspace --shards 2

# Probes: the cells are the selected matrices; ijkl's layer and model aggregates are rebuilt from the draws.
for probe in ijkl kron-ratio angles; do
  pr=(--model "$demo" --probe "$probe" --matrices layers:0-1 --null-draws 4 --quiet)
  [ "$probe" = angles ] && pr+=(--angle-source heads)
  "$cli" probe "${pr[@]}" --json > "p-$probe-whole.json" 2>/dev/null
  for i in 0 1 2; do "$cli" probe "${pr[@]}" --shard "$i/3" --out "p-$probe-$i.json" > /dev/null 2>&1; done
  "$cli" merge "p-$probe-2.json" "p-$probe-1.json" "p-$probe-0.json" --out "p-$probe-merged.json" --quiet 2>/dev/null
  check "probe $probe shards: identical entries (timings aside) and aggregates as the unsharded run" \
    "python3 -c \"
import json
def clean(x):
    if isinstance(x, dict): return {k: clean(v) for k, v in x.items() if k != 'seconds'}
    if isinstance(x, list): return [clean(v) for v in x]
    return x
a=json.load(open('p-$probe-whole.json')); b=json.load(open('p-$probe-merged.json'))
key='results' if '$probe' == 'angles' else 'matrices'
assert len(a[key]) > 0 and clean(a[key]) == clean(b[key]), 'entries differ'
for k in ('layers', 'model'):
    if '$probe' == 'ijkl': assert clean(a[k]) == clean(b[k]), k + ' differs'
assert a.get('skipped', []) == b.get('skipped', []) and b['complete'] is True\""
done
"$cli" merge p-ijkl-0.json p-ijkl-1.json p-ijkl-2.json --out p-ijkl.md --quiet 2>/dev/null
check "probe merge to Markdown: every share beside its nulls, the aggregates, the settings" \
  "grep -q '| h.0.attn.c_attn |  | share I |' p-ijkl.md && grep -q '| model | aggregate | complex share |' p-ijkl.md && grep -q 'null draws' p-ijkl.md"
run "probe merge with a shard missing" 1 "have no shard result" merge p-ijkl-0.json p-ijkl-1.json --out x.md
run "probe shards of two probes" 1 "in request" merge p-ijkl-0.json p-kron-ratio-1.json --out x.md
"$cli" slurm probe --model "$demo" --probe ijkl --matrices all --shards 4 --gpus-per-task 1 --out probrun > /dev/null 2>&1
check "slurm probe: an array of 4 probe shards, on the CPU even with GPUs" "grep -q '^#SBATCH --array=0-3' probrun/job.sbatch && grep -q ' probe .*--shard' probrun/job.sbatch && ! grep -q -- '--device cuda' probrun/job.sbatch"
exit $fail
