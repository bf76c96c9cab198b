#!/usr/bin/env bash
# Trains the demo GPT-2 that ships in resources/demo/kronscope-demo-gpt2 and records its held-out Brown test
# perplexity next to the add-one unigram model's in evaluation.json. The shipped model was trained with
# KRONSCOPE_DEMO_DEVICE=cuda (197 s on an H100); on a CPU the same recipe takes about 4 hours on 2 cores (and draws
# other dropout masks, so the weights differ slightly).
# The run is resumable: with KRONSCOPE_DEMO_WORK=DIR it keeps its state there, and running the script again
# continues where an interrupted run stopped (the trainer's --resume), bitwise as if it had not stopped.
# Usage: scripts/train_demo.sh [BUILD_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-${KRONSCOPE_BUILD_DIR:-$here/build}}"
work="${KRONSCOPE_DEMO_WORK:-}"
if [ -z "$work" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
out="$work/kronscope-demo-gpt2"
# The demo's recipe (also in the README and in evaluation.json):
args=(--corpus brown --config demo --seed 1 --context 256 --batch 16 --steps 6000 --warmup 200 --dropout 0.2)
device="${KRONSCOPE_DEMO_DEVICE:-cpu}"
resume=()
[ -f "$out/trainer_state.pt" ] && resume=(--resume)
KRONSCOPE_THREADS="${KRONSCOPE_THREADS:-1}" "$build/app/kronscope-cli" train "${args[@]}" \
  --device "$device" --out "$out" "${resume[@]}" --quiet --json | tail -n1 > "$work/result.json"
dest="$here/resources/demo/kronscope-demo-gpt2"
mkdir -p "$dest"
# Only the project's own files: GPT-2's vocab.json / merges.txt come from the data cache at run time.
cp "$out/config.json" "$out/model.safetensors" "$out/training_log.json" "$dest/"
/usr/bin/env python3 - "$work/result.json" "$dest/evaluation.json" "${args[*]} --device $device" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ev = {"test_ppl": r["test_ppl"], "unigram_ppl": r["unigram_test_ppl"], "test_tokens": r["test_tokens"],
      "max_length": r["test_ppl_max_length"], "stride": r["test_ppl_stride"],
      "text": "Brown corpus test split (every 10th file, see core/include/kronscope/core/corpus.h)",
      "unigram": "add-one unigram, counts from the train split",
      "final_validation_loss": r["final_val_loss"],
      "command": "kronscope-cli train " + sys.argv[3]}
if "seconds" in r:
    ev["train_seconds"] = r["seconds"]
json.dump(ev, open(sys.argv[2], "w"), indent=2)
print(json.dumps(ev, indent=2))
PY
