#!/usr/bin/env bash
# Trains the demo GPT-2 that ships in resources/demo/kronscope-demo-gpt2 (about 30 minutes on 2 CPU cores) and
# records its held-out Brown test perplexity next to the add-one unigram model's in evaluation.json.
# Usage: scripts/train_demo.sh [BUILD_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-${KRONSCOPE_BUILD_DIR:-$here/build}}"
work="$(mktemp -d)"
out="$work/kronscope-demo-gpt2"
KRONSCOPE_THREADS="${KRONSCOPE_THREADS:-2}" "$build/app/kronscope-cli" train --corpus brown --config demo --seed 1 \
  --context 256 --batch 8 --steps 1200 --out "$out" --quiet --json | tail -n1 > "$work/result.json"
dest="$here/resources/demo/kronscope-demo-gpt2"
mkdir -p "$dest"
# Only the project's own files: GPT-2's vocab.json / merges.txt come from the data cache at run time.
cp "$out/config.json" "$out/model.safetensors" "$out/training_log.json" "$dest/"
python3 - "$work/result.json" "$dest/evaluation.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ev = {"test_ppl": r["test_ppl"], "unigram_ppl": r["unigram_test_ppl"], "test_tokens": r["test_tokens"],
      "max_length": r["test_ppl_max_length"], "stride": r["test_ppl_stride"],
      "text": "Brown corpus test split (every 10th file, see core/include/kronscope/core/corpus.h)",
      "unigram": "add-one unigram, counts from the train split",
      "command": "kronscope-cli train --corpus brown --config demo --seed 1 --context 256 --batch 8 --steps 1200"}
json.dump(ev, open(sys.argv[2], "w"), indent=2)
print(json.dumps(ev, indent=2))
PY
rm -rf "$work"
