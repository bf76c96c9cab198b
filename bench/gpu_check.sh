#!/usr/bin/env bash
# The GPU figures of issue "Engine speed" (#21) in one prepared run, on a machine with a CUDA GPU and pip's
# torch 2.x (python3 -c 'import torch'), with the data cache (.data: GPT-2's tokenizer, the Brown corpus).
#   bench/gpu_check.sh [build|run|all] [OUT_DIR]      (default: all, OUT_DIR = bench-gpu)
# build: the CLI, tests/test_cuda and bench/bench_ppl against pip's LibTorch (scripts/build_pip_torch.sh) in
#        BUILD_DIR (default build-torch).
# run:   1. test_cuda (fp32 logits against the CPU, tf32 / bf16 / f16 perplexity, the trainer on CUDA);
#        2. bench_ppl on a GPT-2-small-shaped random checkpoint over 287,644 tokens (the length of WikiText-2's
#           test text) at max_length = stride = 1024, batch 32, in f32, tf32, bf16 and f16: model time, tokens/s,
#           GFLOP/s against the gemm rate in the same dtype, and each reduced precision's perplexity against f32
#           on the same device (target: bf16 under 0.5 s of model time, within 1% of f32);
#        3. the same on the shipped demo model (a trained model: the perplexity comparison means something);
#        4. seed 000's Experiment 3 (baseline + Kronecker and SVD at n = 2..32 on all 48 block matrices,
#           11 cells) through `kronscope-cli sweep` on 287,644 Brown tokens in bf16 (target: under 10 s).
# Every figure is printed and kept in OUT_DIR (summary.txt, one file per step).
# A dry run of the plumbing without a GPU: GPU_CHECK_DEVICE=cpu GPU_CHECK_TOKENS=2048 GPU_CHECK_DTYPES=f32
# GPU_CHECK_BLOCKS=16 BUILD_DIR=build bench/gpu_check.sh run /tmp/gpu-dry (the CPU takes f32 only).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$here/build-torch}"
step="${1:-all}"
out="${2:-$here/bench-gpu}"
mkdir -p "$out"
summary="$out/summary.txt"

if [ "$step" = build ] || [ "$step" = all ]; then
  start=$(date +%s)
  KRONSCOPE_TARGETS="kronscope-cli test_cuda bench_ppl" "$here/scripts/build_pip_torch.sh" "$build" \
    >"$out/build.txt" 2>&1 || { tail -n 40 "$out/build.txt"; echo "gpu_check: build failed" >&2; exit 1; }
  echo "build: $(($(date +%s) - start)) s; $(tail -n 1 "$out/build.txt")" | tee -a "$summary"
fi
[ "$step" = build ] && exit 0

device="${GPU_CHECK_DEVICE:-cuda}"
tokens="${GPU_CHECK_TOKENS:-287644}"
dtypes="${GPU_CHECK_DTYPES:-f32 tf32 bf16 f16}"
blocks="${GPU_CHECK_BLOCKS:-2,4,8,16,32}"
half="bf16"
[ "$device" = cpu ] && half="f32"
cli="$build/app/kronscope-cli"
bench="$build/bench/bench_ppl"
export KRONSCOPE_DATA_DIR="${KRONSCOPE_DATA_DIR:-$here/.data}"
nvidia-smi --query-gpu=name,memory.total,clocks.max.sm --format=csv,noheader 2>&1 | tee -a "$summary"
"$cli" about | tee -a "$summary"

echo "== test_cuda" | tee -a "$summary"
"$build/tests/test_cuda" >"$out/test_cuda.txt" 2>&1
echo "test_cuda rc=$?" | tee -a "$summary"
grep -E "^\[  (PASSED|FAILED) |cuda .*(vs|ppl)|rel diff" "$out/test_cuda.txt" | tee -a "$summary"

for dtype in $dtypes; do
  echo "== bench_ppl GPT-2 small shape, $tokens tokens, batch 32, $dtype" | tee -a "$summary"
  "$bench" --device "$device" --dtype "$dtype" --tokens "$tokens" --batch 32 >"$out/bench_gpt2_$dtype.txt" 2>&1
  echo "rc=$?" >>"$out/bench_gpt2_$dtype.txt"
  grep -E "windows|throughput|achieved|gemm|efficiency|ppl|rc=" "$out/bench_gpt2_$dtype.txt" | tee -a "$summary"
done
for batch in 8 64; do
  echo "== bench_ppl GPT-2 small shape, $half, batch $batch" | tee -a "$summary"
  "$bench" --device "$device" --dtype "$half" --tokens "$tokens" --batch "$batch" 2>&1 |
    grep -E "windows|throughput|achieved|rc=" | tee -a "$summary"
done
demo="$here/resources/demo/kronscope-demo-gpt2"
for dtype in $dtypes; do
  [ "$dtype" = f32 ] && continue
  echo "== bench_ppl demo model (trained), $dtype against f32" | tee -a "$summary"
  "$bench" --model "$demo" --device "$device" --dtype "$dtype" --tokens 65536 --max-length 256 --stride 256 \
    --batch 64 2>&1 | grep -E "windows|throughput|ppl" | tee -a "$summary"
done

label="$half and f32"
[ "$half" = f32 ] && label=f32
echo "== seed 000 Experiment 3: sweep, $tokens Brown tokens, $label, batch 32" | tee -a "$summary"
corpus="$out/brown"
"$cli" corpus --brown --out "$corpus" >/dev/null 2>&1 || echo "corpus failed" | tee -a "$summary"
gpt2="${TMPDIR:-/tmp}/kronscope-bench-gpt2"  # written by bench_ppl above
for dtype in $(printf '%s\n' "$half" f32 | sort -u); do
  start=$(date +%s%N)
  "$cli" sweep --model "$gpt2" --text "$corpus/train.txt" --max-tokens "$tokens" --block-sizes "$blocks" \
    --methods kron,svd --targets all --device "$device" --dtype "$dtype" --batch 32 --quiet --json \
    >"$out/exp3_$dtype.json" 2>"$out/exp3_$dtype.err"
  rc=$?
  echo "exp3 $dtype: rc=$rc, whole command $((($(date +%s%N) - start) / 1000000)) ms" | tee -a "$summary"
  python3 - "$out/exp3_$dtype.json" <<'EOF' | tee -a "$summary"
import json, sys
try:
    j = json.load(open(sys.argv[1]))
except Exception as e:
    print("  no JSON:", e); sys.exit(0)
print("  complete:", j.get("complete"), " throughput:", j.get("throughput"))
for r in j.get("rows", []):
    print(f"  {r.get('method')} n={r.get('block_size')} {r.get('targets')}: ppl {r.get('ppl')}, "
          f"{r.get('cell_seconds')} s, {r.get('device')} {r.get('dtype')}")
EOF
done
echo "gpu_check: figures in $summary"
