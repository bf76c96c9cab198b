#!/usr/bin/env bash
# Trains the demo GPT-2 that ships in resources/demo/kronscope-demo-gpt2 and records its held-out Brown test
# perplexity next to the add-one unigram model's in evaluation.json. Two stages, both `kronscope-cli train`:
#  1. from a random init: 6,000 steps, warmup + cosine decay (KRONSCOPE_DEMO_DEVICE=cuda: 197 s on an H100; on a
#     CPU about 4 hours with one thread, and other dropout masks, so the weights differ slightly);
#  2. from stage 1's checkpoint (--init): 2,000 steps at a constant learning rate with stochastic weight averaging
#     (--average-from 0); the exported model is the mean of the weights after each of those steps (CPU, one
#     thread: about 80 minutes).
# Both stages are resumable: with KRONSCOPE_DEMO_WORK=DIR their states stay there, and running the script again
# continues where an interrupted stage stopped (the trainer's --resume), bitwise as if it had not stopped.
# KRONSCOPE_DEMO_STAGE1=DIR skips stage 1 and starts stage 2 from that checkpoint (the shipped demo was made from
# the GPU-trained stage 1 this way).
# Usage: scripts/train_demo.sh [BUILD_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-${KRONSCOPE_BUILD_DIR:-$here/build}}"
cli="$build/app/kronscope-cli"
work="${KRONSCOPE_DEMO_WORK:-}"
if [ -z "$work" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
export KRONSCOPE_THREADS="${KRONSCOPE_THREADS:-1}"
# The demo's recipe (also in the README and in evaluation.json):
stage1=(--corpus brown --config demo --seed 1 --context 256 --batch 16 --steps 6000 --warmup 200 --dropout 0.2)
stage2=(--corpus brown --seed 2 --context 256 --batch 16 --steps 2000 --warmup 50 --lr 3e-4 --min-lr-ratio 1
        --average-from 0 --dropout 0.2)
device="${KRONSCOPE_DEMO_DEVICE:-cpu}"
# train OUT ARGS...: a run into OUT, resumed when OUT already holds one.
train() {
  local out="$1"; shift
  if [ -f "$out/trainer_state.pt" ]; then
    "$cli" train --corpus brown --out "$out" --resume --quiet --json
  else
    "$cli" train "$@" --out "$out" --quiet --json
  fi
}
first="${KRONSCOPE_DEMO_STAGE1:-}"
if [ -z "$first" ]; then
  first="$work/stage1"
  if ! [ -f "$first/training_log.json" ] || ! grep -q '"complete": true' "$first/training_log.json"; then
    train "$first" "${stage1[@]}" --device "$device" | tail -n1 > "$work/stage1.json"
  fi
fi
out="$work/kronscope-demo-gpt2"
train "$out" "${stage2[@]}" --init "$first" --device cpu | tail -n1 > "$work/result.json"
dest="$here/resources/demo/kronscope-demo-gpt2"
mkdir -p "$dest"
# Only the project's own files: GPT-2's vocab.json / merges.txt come from the data cache at run time.
cp "$out/config.json" "$out/model.safetensors" "$out/training_log.json" "$dest/"
cp "$first/training_log.json" "$dest/stage1_training_log.json"
/usr/bin/env python3 - "$work/result.json" "$dest/evaluation.json" "${stage1[*]} --device $device" "${stage2[*]}" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ev = {"test_ppl": r["test_ppl"], "unigram_ppl": r["unigram_test_ppl"], "test_tokens": r["test_tokens"],
      "max_length": r["test_ppl_max_length"], "stride": r["test_ppl_stride"],
      "text": "Brown corpus test split (every 10th file, see core/include/kronscope/core/train/corpus.h)",
      "unigram": "add-one unigram, counts from the train split",
      "final_validation_loss": r["final_val_loss"],
      "commands": ["kronscope-cli train " + sys.argv[3] + " --out stage1",
                   "kronscope-cli train " + sys.argv[4] + " --init stage1 --out kronscope-demo-gpt2"]}
if "seconds" in r:
    ev["stage2_train_seconds"] = r["seconds"]
json.dump(ev, open(sys.argv[2], "w"), indent=2)
print(json.dumps(ev, indent=2))
PY
