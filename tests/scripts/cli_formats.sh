#!/usr/bin/env bash
# Checkpoint formats from the CLI: info says which format and layout it read and which tokenizer it would use;
# convert writes the HF safetensors layout from pytorch_model.bin and nanoGPT's ckpt.pt, and the converted demo
# gives the same perplexity; hostile and malformed files are refused with one line and leave no output.
# Usage: cli_formats.sh KRONSCOPE_CLI SOURCE_DIR
set -u
cli="$1"
src="$2"
data="$src/tests/data/torch"
demo="$src/resources/demo/kronscope-demo-gpt2"
# shellcheck source=cli_lib.sh
source "$(dirname "$0")/cli_lib.sh"

"$cli" info --model "$data/hf-bin" --json > i.json 2>/dev/null
check "info: a pytorch_model.bin folder, its format and key layout" \
  "[ \"\$(json i.json \"d['format'], d['key_layout'], d['weights_file'].endswith('hf-bin/pytorch_model.bin')\")\" = \"PyTorch state dict (pytorch_model.bin, zip archive) prefixed True\" ]"
"$cli" info "$data/nanogpt/ckpt.pt" > n.txt 2>/dev/null
check "info: nanoGPT's ckpt.pt named as a file" "grep -q '^Format       nanoGPT checkpoint (ckpt.pt, PyTorch zip archive)' n.txt && grep -q 'nanoGPT keys' n.txt"
check "info: the tokenizer files it would use" "grep -q '^Tokenizer    ' n.txt"

"$cli" convert --model "$data/nanogpt" --out conv --json --quiet > c.json 2>/dev/null
"$cli" info --model conv --json > ci.json 2>/dev/null
check "convert: nanoGPT -> safetensors; the reported hash is the written checkpoint's" \
  "[ \"\$(json c.json \"d['source_layout'], d['dtype']\")\" = 'nanoGPT F32' ] && [ \"\$(json c.json \"d['out_hash']\")\" = \"\$(json ci.json \"d['content_hash']\")\" ]"
check "convert: the converted config keeps nanoGPT's exact GELU" \
  "[ \"\$(json ci.json \"d['config']['activation_function'], d['key_layout'], d['format']\")\" = 'gelu bare safetensors (model.safetensors)' ]"
"$cli" convert --model "$data/hf-bin-f16" --out half --dtype bf16 --quiet > /dev/null 2>&1
check "convert --dtype bf16 (lower case accepted)" "[ \"\$(\"$cli\" info --model half --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"stored_dtype\"])')\" = BF16 ]"

# The demo, converted: the same perplexity, with the tokenizer travelling along.
if [ -f "$demo/model.safetensors" ]; then
  head -c 3000 "$src/README.md" > text.txt
  "$cli" convert --model "$demo" --out demo32 --quiet > /dev/null 2>&1
  "$cli" ppl --model "$demo" --text text.txt --json --quiet > p0.json 2>/dev/null
  "$cli" ppl --model demo32 --text text.txt --json --quiet > p1.json 2>/dev/null
  check "convert F32: the converted demo gives the same perplexity" \
    "[ -n \"\$(json p0.json \"d['ppl']\")\" ] && [ \"\$(json p0.json \"d['ppl']\")\" = \"\$(json p1.json \"d['ppl']\")\" ]"
  check "ppl --json names the tokenizer files" "[ \"\$(json p1.json \"'vocab.json' in d['tokenizer'] or 'encoder.json' in d['tokenizer']\")\" = True ]"
fi

run "convert into a folder that holds files" 2 "already exists and is not an empty folder" convert --model "$data/hf-bin" --out conv
run "convert with an unknown dtype" 2 "dtype 'F8'" convert --model "$data/hf-bin" --out x --dtype f8
run "a pickle that calls os.system" 1 "posix.system\" is not allowed" convert --model "$data/hostile/os_system.pt" --out y
check "the refused conversion left no folder" "[ ! -e y ] && [ -z \"\$(ls -A . | grep converting)\" ]"
run "a pickle that calls eval (protocol 2 names it __builtin__.eval)" 1 "__builtin__.eval\" is not allowed" info --model "$data/hostile/eval.pt"
run "the legacy torch format" 1 "legacy format" info --model "$data/legacy.bin"
run "a truncated archive" 1 "not a zip archive" info --model "$data/malformed/truncated.bin"
run "a storage shorter than its tensor" 1 "claims 16 elements" info --model "$data/malformed/short_storage.pt"
check "nothing ran" "[ ! -e /tmp/kronscope-pickle-ran ]"
exit $fail
