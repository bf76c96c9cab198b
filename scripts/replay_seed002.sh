#!/usr/bin/env bash
# Seed 002 on the models at hand: trains the shipped modular-arithmetic models (resources/modular/) with the
# commands the README gives, then prints the numbers its "Seed 002" tables quote: each model's accuracy and
# analyses beside the seed's findings, the Grokfast comparison on miiii, and the positive control (the
# structure probes on the nanda model beside the same probes on the demo GPT-2).
# Usage: scripts/replay_seed002.sh [--train] [WORK_DIR]
#   --train retrains every model into WORK_DIR (about 45 minutes on 2 cores); without it the shipped ones are used.
#   KRONSCOPE_CLI=path/to/kronscope-cli overrides build/app/kronscope-cli.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cli=${KRONSCOPE_CLI:-$here/build/app/kronscope-cli}
train=0
if [ "${1:-}" = "--train" ]; then train=1; shift; fi
work=${1:-/tmp/kronscope-seed002}
models=$here/resources/modular
demo=$here/resources/demo/kronscope-demo-gpt2
mkdir -p "$work"
j() { python3 -c "import json,sys; d=json.loads(sys.stdin.read().strip().splitlines()[-1]); print($1)"; }

common=(--p 113 --d-model 128 --heads 4 --lr 0.001 --weight-decay 1 --eval-interval 100)
if [ $train = 1 ]; then
  models=$work/models
  mkdir -p "$models"
  run() { local name=$1; shift; [ -f "$models/$name/model.safetensors" ] ||
    "$cli" modular train "${common[@]}" "$@" --out "$models/$name" --quiet >/dev/null
    rm -f "$models/$name"/modular_state.pt*; }
  run nanda-p113 --task nanda --seed 0 --steps 6000 --grokfast-lambda 0
  run nanda-p113-seed1 --task nanda --seed 1 --steps 8000 --grokfast-lambda 0
  run miiii-p113 --task miiii --seed 0 --steps 10000 --grokfast-lambda 0.5
  run basis-p113 --task basis --seed 0 --steps 2000 --grokfast-lambda 0.5
fi

for m in nanda-p113 nanda-p113-seed1 miiii-p113 basis-p113; do
  [ -f "$models/$m/model.safetensors" ] || continue
  echo "## $m"
  "$cli" modular analyze --model "$models/$m" --analysis accuracy,positional,svd,fourier,neurons --json --quiet | j \
    "'mean val acc %.4f (min %.4f over %d tasks); pearson %.3f; rank50 %d, rank90 %d of %d; %d active frequencies %s; %.0f%% of neurons in one frequency family; generalized at %s\n' % (sum(t['val_acc'] for t in d['tasks'])/len(d['tasks']), min(t['val_acc'] for t in d['tasks']), len(d['tasks']), d['pearson'], d['rank50'], d['rank90'], d['svd_rows'], len(d['active_frequencies']), d['active_frequencies'], 100*d['concentrated_share'], d['generalized_at']) + '\n'.join('  %s: seed %s, here %s -> %s' % (c['finding'], c['seed'], c['ours'], c['verdict']) for c in d['claims'])"
done

echo "## Grokfast on miiii: the same run with lambda = 0 (seed: no convergence without it)"
if [ -f "$models/miiii-p113/model.safetensors" ]; then
  steps=$(python3 -c "import json; print(json.load(open('$models/miiii-p113/training_log.json'))['steps_done'])")
  [ -f "$work/miiii-lambda0/model.safetensors" ] || "$cli" modular train "${common[@]}" --task miiii --seed 0 \
    --steps "$steps" --grokfast-lambda 0 --out "$work/miiii-lambda0" --quiet >/dev/null
  for m in "$models/miiii-p113" "$work/miiii-lambda0"; do
    "$cli" modular analyze --model "$m" --analysis accuracy --json --quiet | j \
      "'%s: mean val acc %.4f, %d of %d tasks >= 0.99' % ('$m'.split('/')[-1], sum(t['val_acc'] for t in d['tasks'])/len(d['tasks']), sum(t['val_acc'] >= 0.99 for t in d['tasks']), len(d['tasks']))"
  done
fi

echo "## Positive control: the probes on nanda-p113 and on the demo GPT-2 (20 null draws, seed 0)"
for m in "$models/nanda-p113" "$demo"; do
  name=$(basename "$m")
  "$cli" probe --model "$m" --probe kron-ratio --block-size 2 --quiet --json | j \
    "'$name kron-ratio n=2: %d matrices, ratio to the Gaussian null min %.3f, median %.3f; %d with z < -3 (Gaussian), %d with z < -3 against the row-and-column null' % (len(d['matrices']), min(x['ratio']['gaussian'] for x in d['matrices']), sorted(x['ratio']['gaussian'] for x in d['matrices'])[len(d['matrices'])//2], sum(x['rel_err']['nulls']['gaussian']['z'] < -3 for x in d['matrices']), sum(x['rel_err']['nulls']['row-col-permuted']['z'] < -3 for x in d['matrices']))"
  "$cli" probe --model "$m" --probe ijkl --quiet --json | j \
    "'$name 2x2 energy: complex (I+J) %.1f%% vs Gaussian null %.1f%% (z %.1f)' % (100*d['model']['shares']['complex']['value'], 100*d['model']['shares']['complex']['nulls']['gaussian']['mean'], d['model']['shares']['complex']['nulls']['gaussian']['z'])"
  "$cli" probe --model "$m" --probe angles --angle-source blocks2x2 --quiet --json | j \
    "'$name 2x2 tile angles: largest S_k z per matrix, max %.1f, %d of %d matrices with some z > 3' % (max(max(f['nulls']['gaussian']['z'] for f in r['pooled']['fold']) for r in d['results']), sum(max(f['nulls']['gaussian']['z'] for f in r['pooled']['fold']) > 3 for r in d['results']), len(d['results']))"
done
