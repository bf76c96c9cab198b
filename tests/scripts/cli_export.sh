#!/usr/bin/env bash
# kronscope-cli export on the demo model, checked with NumPy as an independent reader: a checkpoint tensor
# equals the bytes in model.safetensors (parsed here by hand), the Kronecker fit equals sum_k A_k (x) S_k
# (np.kron), fit + error = W, the SVD's U diag(s) Vt = its fit; .csv and .safetensors hold the same numbers;
# refusals are one line and leave no file.
# Usage: cli_export.sh KRONSCOPE_CLI SOURCE_DIR
set -u
cli="$1"
src="$2"
demo="$src/resources/demo/kronscope-demo-gpt2"
# shellcheck source=cli_lib.sh
source "$(dirname "$0")/cli_lib.sh"
# Debian's python3 with python3-numpy (scripts/setup.sh installs it), not a python3 earlier on PATH without it.
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
m=h.1.mlp.c_fc
for t in "$m.weight:w.npy" "$m@kron4:fit:fit.npy" "$m@kron4:error:err.npy" "$m@kron4:A:a.npy" "$m@kron4:S:s.npy" \
         "$m@svd4:fit:sfit.npy" "$m@svd4:U:u.npy" "$m@svd4:s:sv.npy" "$m@svd4:Vt:vt.npy" "$m@kron4:fit:fit.csv" \
         "$m@kron4:fit:fit.safetensors" "wte.weight:wte.npy" "h.0.ln_1.bias:ln.csv"; do
  "$cli" export --model "$demo" --tensor "${t%:*}" --out "${t##*:}" --quiet > /dev/null 2> "err-${t##*:}.txt" ||
    { echo "FAIL: export ${t%:*}"; cat "err-${t##*:}.txt"; fail=1; }
done
check "export: tensors read back with NumPy equal the checkpoint and the fits' definitions" "$py - '$demo' <<'PY'
import json, struct, sys
import numpy as np
demo = sys.argv[1]
raw = open(demo + '/model.safetensors', 'rb').read()
n = struct.unpack('<Q', raw[:8])[0]
hdr = json.loads(raw[8:8 + n])
def st(name):
    for key in (name, 'transformer.' + name):
        if key in hdr:
            e = hdr[key]; b, end = e['data_offsets']
            dt = {'F32': np.float32, 'F16': np.float16, 'BF16': None}[e['dtype']]
            return np.frombuffer(raw[8 + n + b: 8 + n + end], dtype=dt).reshape(e['shape']).astype(np.float32)
    raise KeyError(name)
w = np.load('w.npy'); assert w.dtype == np.float32 and w.shape == st('h.1.mlp.c_fc.weight').shape
assert np.array_equal(w, st('h.1.mlp.c_fc.weight'))
assert np.array_equal(np.load('wte.npy'), st('wte.weight'))
assert np.array_equal(np.loadtxt('ln.csv', delimiter=',', dtype=np.float32), st('h.0.ln_1.bias'))
fit, err, a, s = (np.load(f) for f in ('fit.npy', 'err.npy', 'a.npy', 's.npy'))
assert a.shape[0] == 4 and a.shape[1:] == (4, 4), a.shape
kron = sum(np.kron(a[k].astype(np.float64), s[k].astype(np.float64)) for k in range(a.shape[0]))
assert np.abs(kron - fit).max() <= 1e-5 * np.abs(w).max(), np.abs(kron - fit).max()
assert np.abs(fit + err - w).max() <= 1e-6 * np.abs(w).max()
u, sv, vt, sfit = (np.load(f) for f in ('u.npy', 'sv.npy', 'vt.npy', 'sfit.npy'))
assert np.abs((u * sv) @ vt - sfit).max() <= 1e-5 * np.abs(w).max()
assert np.array_equal(np.loadtxt('fit.csv', delimiter=',', dtype=np.float32), fit)
raw2 = open('fit.safetensors', 'rb').read(); n2 = struct.unpack('<Q', raw2[:8])[0]; h2 = json.loads(raw2[8:8 + n2])
e = h2['h.1.mlp.c_fc@kron4:fit']; b, end = e['data_offsets']
assert np.array_equal(np.frombuffer(raw2[8 + n2 + b: 8 + n2 + end], dtype=np.float32).reshape(e['shape']), fit)
PY"
"$cli" export --model "$demo" --list > list.txt 2>&1
check "export --list names the checkpoint's tensors and the derived forms" \
  "grep -qx 'h.1.mlp.c_fc.weight' list.txt && grep -q '^MATRIX@kronN:' list.txt"
run "export to an unknown format" 2 "not a .npy, .csv or .safetensors" export --model "$demo" --tensor wte.weight --out x.txt
run "export an unknown tensor" 1 "tensor 'h.9.mlp.c_fc.weight'" export --model "$demo" --tensor h.9.mlp.c_fc.weight --out x.npy
run "export an unknown part" 1 "part 'B'" export --model "$demo" --tensor "$m@kron4:B" --out x.npy
run "export at a block size that divides nothing" 1 "not divisible" export --model "$demo" --tensor "$m@kron7:fit" --out x.npy
check "refused exports leave no file" "[ ! -e x.npy ] && [ ! -e x.txt ]"
exit $fail
