#!/usr/bin/env python3
"""Writes the tiny GPT-2 test checkpoints and their golden outputs under tests/data/.

Run from anywhere (needs only numpy; Debian: apt-get install python3-numpy):

    python3 tests/scripts/make_golden.py            # writes tests/data/...
    python3 tests/scripts/make_golden.py --out DIR  # writes DIR/... instead

Deterministic: every random draw comes from numpy.random.default_rng with a fixed
seed, the safetensors and JSON writers are byte-stable, and floats in JSON are
rounded to 12 significant digits (far below the test tolerances) so that the last
bits of BLAS summation order cannot change the files.

What it writes (see tests/data/README.md):
  tiny-gpt2/                 bare keys, F32, with h.N.attn.bias / h.N.attn.masked_bias
  tiny-gpt2-prefixed-f16/    "transformer." keys + lm_head.weight (== wte), F16
  tiny-gpt2-bf16/            bare keys, no mask buffers, BF16
each with config.json, model.safetensors, golden.json, golden_logits.f32.

The reference is an independent float64 numpy GPT-2 forward over the weights as a
loader sees them (the dequantized F16 / BF16 values for those variants). It is
checked against a second, loop-based implementation (assert max diff < 1e-10).
The definitions follow docs/science.md ("Weights and layout", "Perplexity").
"""

import argparse
import hashlib
import json
import math
import os
import struct
import sys

import numpy as np

# --------------------------------------------------------------------------- config

VOCAB = 512
N_POS = 64
N_EMBD = 64
N_LAYER = 2
N_HEAD = 4
HEAD_DIM = N_EMBD // N_HEAD
N_INNER = 4 * N_EMBD
LN_EPS = 1e-5

SEED_WEIGHTS = 3
SEED_LOGIT_IDS = 11
SEED_PPL_IDS = 12

N_LOGIT_IDS = 40
N_PPL_IDS = 300
PPL_CASES = [
    # (max_length, stride, token_limit)
    (64, 64, None),
    (64, 32, None),
    (64, 17, None),
    (40, 64, None),
    (64, 32, 150),
]
GEN_PROMPT = [1, 2, 3]
GEN_NEW_TOKENS = 10

TOL_LOGITS_REL_MAX = 1e-4
TOL_PPL_REL = 1e-5

VARIANTS = [
    # dir name, dtype, layout, with mask buffers, with lm_head
    ("tiny-gpt2", "F32", "bare", True, False),
    ("tiny-gpt2-prefixed-f16", "F16", "prefixed", False, True),
    ("tiny-gpt2-bf16", "BF16", "bare", False, False),
]

TORCH_DTYPE = {"F32": "float32", "F16": "float16", "BF16": "bfloat16"}


def hf_config(dtype):
    """The keys (sorted, indent 2) that transformers' GPT2Config.save_pretrained writes."""
    return {
        "activation_function": "gelu_new",
        "architectures": ["GPT2LMHeadModel"],
        "attn_pdrop": 0.1,
        "bos_token_id": 50256,
        "embd_pdrop": 0.1,
        "eos_token_id": 50256,
        "initializer_range": 0.02,
        "layer_norm_epsilon": 1e-05,
        "model_type": "gpt2",
        "n_embd": N_EMBD,
        "n_head": N_HEAD,
        "n_inner": None,
        "n_layer": N_LAYER,
        "n_positions": N_POS,
        "reorder_and_upcast_attn": False,
        "resid_pdrop": 0.1,
        "scale_attn_by_inverse_layer_idx": False,
        "scale_attn_weights": True,
        "summary_activation": None,
        "summary_first_dropout": 0.1,
        "summary_proj_to_labels": True,
        "summary_type": "cls_index",
        "summary_use_proj": True,
        "torch_dtype": TORCH_DTYPE[dtype],
        "transformers_version": "4.40.0",
        "use_cache": True,
        "vocab_size": VOCAB,
    }


# --------------------------------------------------------------------------- weights


def make_weights():
    """Master weights (float32), bare HF names, Conv1D weights stored [in, out]."""
    rng = np.random.default_rng(SEED_WEIGHTS)

    def normal(shape, std, mean=0.0):
        return (mean + std * rng.standard_normal(shape)).astype(np.float32)

    w = {}
    w["wte.weight"] = normal((VOCAB, N_EMBD), 0.15)
    w["wpe.weight"] = normal((N_POS, N_EMBD), 0.08)
    for i in range(N_LAYER):
        p = "h.%d." % i
        w[p + "ln_1.weight"] = normal((N_EMBD,), 0.1, 1.0)
        w[p + "ln_1.bias"] = normal((N_EMBD,), 0.05)
        w[p + "attn.c_attn.weight"] = normal((N_EMBD, 3 * N_EMBD), 0.15)
        w[p + "attn.c_attn.bias"] = normal((3 * N_EMBD,), 0.05)
        w[p + "attn.c_proj.weight"] = normal((N_EMBD, N_EMBD), 0.1)
        w[p + "attn.c_proj.bias"] = normal((N_EMBD,), 0.05)
        w[p + "ln_2.weight"] = normal((N_EMBD,), 0.1, 1.0)
        w[p + "ln_2.bias"] = normal((N_EMBD,), 0.05)
        w[p + "mlp.c_fc.weight"] = normal((N_EMBD, N_INNER), 0.12)
        w[p + "mlp.c_fc.bias"] = normal((N_INNER,), 0.05)
        w[p + "mlp.c_proj.weight"] = normal((N_INNER, N_EMBD), 0.06)
        w[p + "mlp.c_proj.bias"] = normal((N_EMBD,), 0.05)
    w["ln_f.weight"] = normal((N_EMBD,), 0.1, 1.0)
    w["ln_f.bias"] = normal((N_EMBD,), 0.05)
    return w


def f32_to_bf16_bits(a):
    """float32 -> bfloat16 bit patterns (uint16), round to nearest even."""
    u = np.ascontiguousarray(a, dtype=np.float32).view(np.uint32).astype(np.uint64)
    assert np.all(np.isfinite(a))
    rounded = (u + 0x7FFF + ((u >> 16) & 1)) >> 16
    return rounded.astype(np.uint16)


def bf16_bits_to_f32(b):
    return (b.astype(np.uint32) << 16).view(np.float32)


def encode(a, dtype):
    """Returns (raw little-endian bytes, the float32 values a loader dequantizes to)."""
    a = np.asarray(a, dtype=np.float32)
    if dtype == "F32":
        return a.astype("<f4").tobytes(), a.copy()
    if dtype == "F16":
        h = a.astype("<f2")
        return h.tobytes(), h.astype(np.float32)
    if dtype == "BF16":
        b = f32_to_bf16_bits(a).astype("<u2")
        return b.tobytes(), bf16_bits_to_f32(b)
    raise ValueError(dtype)


def write_safetensors(path, tensors):
    """tensors: list of (name, dtype string, shape list, raw bytes)."""
    header = {"__metadata__": {"format": "pt"}}
    offset = 0
    for name, dtype, shape, raw in sorted(tensors, key=lambda t: t[0]):
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
    hjson = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hjson += b" " * ((-len(hjson)) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hjson)))
        f.write(hjson)
        for _name, _dtype, _shape, raw in sorted(tensors, key=lambda t: t[0]):
            f.write(raw)


def read_safetensors(path):
    """Minimal reader used to check what was written: name -> float64 array."""
    dt = {"F32": "<f4", "F16": "<f2"}
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        b, e = info["data_offsets"]
        raw = data[base + b:base + e]
        if info["dtype"] == "BF16":
            arr = bf16_bits_to_f32(np.frombuffer(raw, dtype="<u2"))
        else:
            arr = np.frombuffer(raw, dtype=dt[info["dtype"]])
        out[name] = arr.reshape(info["shape"]).astype(np.float64)
    return out


# --------------------------------------------------------------------------- forward (vectorized)


def layer_norm(x, g, b):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + LN_EPS) * g + b


def gelu_new(x):
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def attention(q, k, v):
    """q, k, v: [T, H, D] -> [T, H*D], causal softmax attention."""
    T = q.shape[0]
    s = np.einsum("thd,shd->hts", q, k) / math.sqrt(q.shape[-1])
    mask = np.tril(np.ones((T, T), dtype=bool))
    s = np.where(mask[None], s, -np.inf)
    s = s - s.max(-1, keepdims=True)
    p = np.exp(s)
    p /= p.sum(-1, keepdims=True)
    o = np.einsum("hts,shd->thd", p, v)
    return o.reshape(T, -1)


def forward(w, ids, dtype=np.float64):
    """Logits [T, VOCAB] for token ids (positions 0..T-1). w: bare-name dict."""
    W = {k: np.asarray(v, dtype=dtype) for k, v in w.items()}
    T = len(ids)
    assert T <= N_POS
    x = W["wte.weight"][np.asarray(ids)] + W["wpe.weight"][:T]
    for i in range(N_LAYER):
        p = "h.%d." % i
        h = layer_norm(x, W[p + "ln_1.weight"], W[p + "ln_1.bias"])
        qkv = h @ W[p + "attn.c_attn.weight"] + W[p + "attn.c_attn.bias"]
        q, k, v = (qkv[:, j * N_EMBD:(j + 1) * N_EMBD].reshape(T, N_HEAD, HEAD_DIM) for j in range(3))
        a = attention(q, k, v)
        x = x + a @ W[p + "attn.c_proj.weight"] + W[p + "attn.c_proj.bias"]
        h = layer_norm(x, W[p + "ln_2.weight"], W[p + "ln_2.bias"])
        m = gelu_new(h @ W[p + "mlp.c_fc.weight"] + W[p + "mlp.c_fc.bias"])
        x = x + m @ W[p + "mlp.c_proj.weight"] + W[p + "mlp.c_proj.bias"]
    x = layer_norm(x, W["ln_f.weight"], W["ln_f.bias"])
    return x @ W["wte.weight"].T


# --------------------------------------------------------------------------- forward (naive loops)


def forward_naive(w, ids):
    """Second implementation: per-row LayerNorm and per-(head, query, key) attention
    in Python loops with math.* scalars; only the dense matmuls are numpy."""
    W = {k: np.asarray(v, dtype=np.float64) for k, v in w.items()}
    T = len(ids)

    def ln_rows(x, g, b):
        out = np.empty_like(x)
        n = x.shape[1]
        for t in range(x.shape[0]):
            row = [float(val) for val in x[t]]
            mu = sum(row) / n
            var = sum((r - mu) * (r - mu) for r in row) / n
            inv = 1.0 / math.sqrt(var + LN_EPS)
            for j in range(n):
                out[t, j] = (row[j] - mu) * inv * g[j] + b[j]
        return out

    def gelu_scalar(v):
        return 0.5 * v * (1.0 + math.tanh(math.sqrt(2.0 / math.pi) * (v + 0.044715 * v * v * v)))

    x = np.empty((T, N_EMBD))
    for t, tok in enumerate(ids):
        x[t] = W["wte.weight"][tok] + W["wpe.weight"][t]
    scale = 1.0 / math.sqrt(HEAD_DIM)
    for i in range(N_LAYER):
        p = "h.%d." % i
        h = ln_rows(x, W[p + "ln_1.weight"], W[p + "ln_1.bias"])
        qkv = h @ W[p + "attn.c_attn.weight"] + W[p + "attn.c_attn.bias"]
        a = np.zeros((T, N_EMBD))
        for hd in range(N_HEAD):
            qo, ko, vo = hd * HEAD_DIM, N_EMBD + hd * HEAD_DIM, 2 * N_EMBD + hd * HEAD_DIM
            for t in range(T):
                scores = []
                for s in range(t + 1):
                    dot = 0.0
                    for d in range(HEAD_DIM):
                        dot += qkv[t, qo + d] * qkv[s, ko + d]
                    scores.append(dot * scale)
                mx = max(scores)
                e = [math.exp(sc - mx) for sc in scores]
                z = sum(e)
                for d in range(HEAD_DIM):
                    acc = 0.0
                    for s in range(t + 1):
                        acc += e[s] / z * qkv[s, vo + d]
                    a[t, hd * HEAD_DIM + d] = acc
        x = x + a @ W[p + "attn.c_proj.weight"] + W[p + "attn.c_proj.bias"]
        h = ln_rows(x, W[p + "ln_2.weight"], W[p + "ln_2.bias"])
        pre = h @ W[p + "mlp.c_fc.weight"] + W[p + "mlp.c_fc.bias"]
        m = np.vectorize(gelu_scalar)(pre)
        x = x + m @ W[p + "mlp.c_proj.weight"] + W[p + "mlp.c_proj.bias"]
    x = ln_rows(x, W["ln_f.weight"], W["ln_f.bias"])
    logits = np.empty((T, VOCAB))
    for t in range(T):
        for v in range(VOCAB):
            logits[t, v] = float(np.dot(x[t], W["wte.weight"][v]))
    return logits


# --------------------------------------------------------------------------- perplexity / generation


def log_softmax(z):
    z = z - z.max(-1, keepdims=True)
    return z - np.log(np.exp(z).sum(-1, keepdims=True))


def strided_ppl(w, ids, max_length, stride, dtype=np.float64):
    """docs/science.md "Perplexity", the Hugging Face fixed-length recipe, literally:
    labels = input with the first L - trg_len set to ignore (a slice [:-trg_len] that
    is empty when trg_len >= L), then shifted inside the model."""
    N = len(ids)
    nll_sum = 0.0
    scored = 0
    spans = []
    prev_end = 0
    for begin in range(0, N, stride):
        end = min(begin + max_length, N)
        trg_len = end - prev_end
        inp = ids[begin:end]
        L = len(inp)
        keep = np.ones(L, dtype=bool)       # labels = inp.clone()
        if trg_len < L:
            keep[:L - trg_len] = False      # labels[:-trg_len] = -100
        logp = log_softmax(forward(w, inp, dtype).astype(np.float64))
        n = 0
        for t in range(L - 1):               # position t predicts label t + 1
            if keep[t + 1]:
                nll_sum += -float(logp[t, inp[t + 1]])
                n += 1
        scored += n
        spans.append([begin, end, n])
        prev_end = end
        if end == N:
            break
    return {
        "ppl": math.exp(nll_sum / scored),
        "nll_sum": nll_sum,
        "tokens_scored": scored,
        "windows": len(spans),
        "spans": spans,
    }


def greedy(w, prompt, n_new):
    ids = list(prompt)
    margins = []
    for _ in range(n_new):
        last = forward(w, ids)[-1]
        order = np.argsort(-last, kind="stable")
        margins.append(float(last[order[0]] - last[order[1]]))
        ids.append(int(order[0]))
    return ids, min(margins)


# --------------------------------------------------------------------------- output


def r12(x):
    return float("%.12g" % x)


def write_json(path, obj):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, indent=2, sort_keys=False, allow_nan=False)
        f.write("\n")


def compact_int_lists(text):
    """json indent=2 puts one int per line; keep integer lists on one line."""
    import re
    return re.sub(r"\[\s*(-?\d+(?:,\s*-?\d+)*)\s*\]",
                  lambda m: "[" + ", ".join(s.strip() for s in m.group(1).split(",")) + "]", text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.normpath(os.path.join(here, "..", "data")))
    ap.add_argument("--skip-naive", action="store_true", help="skip the loop-based self-check")
    args = ap.parse_args()

    master = make_weights()
    logit_ids = [int(t) for t in np.random.default_rng(SEED_LOGIT_IDS).integers(0, VOCAB, N_LOGIT_IDS)]
    ppl_ids = [int(t) for t in np.random.default_rng(SEED_PPL_IDS).integers(0, VOCAB, N_PPL_IDS)]

    mask = np.tril(np.ones((N_POS, N_POS), dtype=np.float32)).reshape(1, 1, N_POS, N_POS)

    for name, dtype, layout, with_mask, with_head in VARIANTS:
        d = os.path.join(args.out, name)
        os.makedirs(d, exist_ok=True)
        prefix = "transformer." if layout == "prefixed" else ""

        tensors = []
        seen = {}
        for key, arr in master.items():
            raw, deq = encode(arr, dtype)
            seen[key] = deq
            tensors.append((prefix + key, dtype, arr.shape, raw))
        if with_head:
            raw, _ = encode(master["wte.weight"], dtype)
            tensors.append(("lm_head.weight", dtype, master["wte.weight"].shape, raw))
        if with_mask:
            for i in range(N_LAYER):
                tensors.append(("h.%d.attn.bias" % i, "F32", mask.shape, mask.astype("<f4").tobytes()))
                tensors.append(("h.%d.attn.masked_bias" % i, "F32", [],
                                np.array(-10000.0, dtype="<f4").tobytes()))
        st_path = os.path.join(d, "model.safetensors")
        write_safetensors(st_path, tensors)

        # Round-trip: the file holds exactly the values the reference uses.
        back = read_safetensors(st_path)
        for key, deq in seen.items():
            assert np.array_equal(back[prefix + key], deq.astype(np.float64)), key
        if with_head:
            assert np.array_equal(back["lm_head.weight"], back["transformer.wte.weight"])

        with open(os.path.join(d, "config.json"), "w", encoding="utf-8", newline="\n") as f:
            json.dump(hf_config(dtype), f, indent=2, sort_keys=True)
            f.write("\n")

        # Reference forward over the dequantized weights.
        logits = forward(seen, logit_ids)
        if not args.skip_naive:
            naive = forward_naive(seen, logit_ids)
            diff = float(np.abs(naive - logits).max())
            assert diff < 1e-10, (name, diff)
            print("%s: vectorized vs loop forward max |diff| = %.3g" % (name, diff))
        logits.astype("<f4").tofile(os.path.join(d, "golden_logits.f32"))
        max_abs = float(np.abs(logits).max())

        # Float32 run of the same forward: shows the tolerances are reachable in fp32.
        l32 = forward(seen, logit_ids, np.float32).astype(np.float64)
        print("%s: max|logit| = %.4f, logit std = %.4f, fp32 forward max|diff|/max|logit| = %.3g"
              % (name, max_abs, float(logits.std()), float(np.abs(l32 - logits).max()) / max_abs))

        cases = []
        for max_length, stride, limit in PPL_CASES:
            seq = ppl_ids if limit is None else ppl_ids[:limit]
            res = strided_ppl(seen, seq, max_length, stride)
            res32 = strided_ppl(seen, seq, max_length, stride, np.float32)
            print("  ppl ml=%d stride=%d limit=%s: ppl=%.10f nll_sum=%.8f scored=%d windows=%d (fp32 rel %.2g)"
                  % (max_length, stride, limit, res["ppl"], res["nll_sum"], res["tokens_scored"],
                     res["windows"], abs(res32["ppl"] - res["ppl"]) / res["ppl"]))
            cases.append({
                "max_length": max_length,
                "stride": stride,
                "token_limit": limit,
                "num_tokens": len(seq),
                "ppl": r12(res["ppl"]),
                "nll_sum": r12(res["nll_sum"]),
                "tokens_scored": res["tokens_scored"],
                "windows": res["windows"],
                "spans": res["spans"],
            })

        out_ids, margin = greedy(seen, GEN_PROMPT, GEN_NEW_TOKENS)
        print("  greedy %s -> %s (min top1-top2 margin %.4f)" % (GEN_PROMPT, out_ids[len(GEN_PROMPT):], margin))

        golden = {
            "format_version": 1,
            "checkpoint": name,
            "weights_dtype": dtype,
            "key_layout": layout,
            "reference": "numpy float64 GPT-2 forward over the dequantized checkpoint weights "
                         "(tests/scripts/make_golden.py)",
            "config": {"vocab_size": VOCAB, "n_positions": N_POS, "n_embd": N_EMBD,
                       "n_layer": N_LAYER, "n_head": N_HEAD, "layer_norm_epsilon": LN_EPS},
            "tolerances": {"logits_abs_over_max_abs_logit": TOL_LOGITS_REL_MAX, "ppl_rel": TOL_PPL_REL},
            "ids": logit_ids,
            "logits_file": "golden_logits.f32",
            "logits_dtype": "float32 little-endian, row-major",
            "logits_shape": [N_LOGIT_IDS, VOCAB],
            "logits_max_abs": r12(max_abs),
            "perplexity": {
                "recipe": "docs/science.md Perplexity (HF fixed-length strided), applied literally: labels = "
                          "window with its first L - trg_len masked (none when trg_len >= L), shifted "
                          "inside the model, so a window scores min(trg_len, L - 1) tokens; "
                          "spans are [begin, end, tokens scored]",
                "ids": ppl_ids,
                "cases": cases,
            },
            "generation": {
                "prompt_ids": GEN_PROMPT,
                "max_new_tokens": GEN_NEW_TOKENS,
                "method": "greedy argmax, full recompute each step",
                "new_ids": out_ids[len(GEN_PROMPT):],
                "output_ids": out_ids,
                "min_top1_top2_margin": r12(margin),
            },
        }
        text = compact_int_lists(json.dumps(golden, indent=2, allow_nan=False)) + "\n"
        assert json.loads(text) == golden
        with open(os.path.join(d, "golden.json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)

    total = 0
    for root, _dirs, files in sorted(os.walk(args.out)):
        for fn in sorted(files):
            p = os.path.join(root, fn)
            sz = os.path.getsize(p)
            total += sz
            with open(p, "rb") as f:
                h = hashlib.sha256(f.read()).hexdigest()
            print("%9d  %s  %s" % (sz, h[:16], os.path.relpath(p, args.out)))
    print("total %d bytes" % total)
    assert total < 2 * 1024 * 1024, total
    return 0


if __name__ == "__main__":
    sys.exit(main())
