#!/usr/bin/env python3
"""Independent reference for the compression lab (science.md, "Compression and checkpoint comparison").

Reads tests/data/tiny-gpt2/model.safetensors with numpy alone and writes
tests/data/tiny-gpt2/golden_compression.json:
  - statistics of every tensor (and c_attn's Q, K, V rows) with scipy.stats.kurtosis (Fisher, biased);
  - the artifact payload (int-k codes, float16 scales, float16 rows) of two settings: its size, its
    Kronscope FNV-1a hash, per-unit MSE, and the zstd-22 frame size from python3-zstandard (threads=2);
  - Procrustes (R = U V^T from svd(A^T B)) between h.0.mlp.c_proj and h.1.mlp.c_proj, both sides, and the
    rank-16 share of R - I.
Debian: apt-get install python3-numpy python3-scipy python3-zstandard. Deterministic: rerunning rewrites the
same file. The C++ test (tests/core/test_compression.cpp) compares against it.
"""
import json
import math
import os
import struct
import sys

import numpy as np
import scipy.stats
import zstandard

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data", "tiny-gpt2")


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] == "F32"
        a, b = info["data_offsets"]
        out[name] = np.frombuffer(raw[8 + n + a : 8 + n + b], dtype="<f4").reshape(info["shape"])
    return out


def key_order(cfg, st):
    """(name, kind, layer, row view) in GPT2Model's state-dict order."""
    C = cfg["n_embd"]
    out = [("wte", "wte", -1, st["wte.weight"]), ("wpe", "wpe", -1, st["wpe.weight"])]
    for l in range(cfg["n_layer"]):
        h = f"h.{l}."
        for kind in ["ln_1.weight", "ln_1.bias"]:
            out.append((h + kind, kind, l, st[h + kind].reshape(1, -1)))
        for kind in ["attn.c_attn", "attn.c_proj"]:
            out.append((h + kind, kind, l, st[h + kind + ".weight"].T.copy()))
            out.append((h + kind + ".bias", kind + ".bias", l, st[h + kind + ".bias"].reshape(1, -1)))
        for kind in ["ln_2.weight", "ln_2.bias"]:
            out.append((h + kind, kind, l, st[h + kind].reshape(1, -1)))
        for kind in ["mlp.c_fc", "mlp.c_proj"]:
            out.append((h + kind, kind, l, st[h + kind + ".weight"].T.copy()))
            out.append((h + kind + ".bias", kind + ".bias", l, st[h + kind + ".bias"].reshape(1, -1)))
    out.append(("ln_f.weight", "ln_f.weight", -1, st["ln_f.weight"].reshape(1, -1)))
    out.append(("ln_f.bias", "ln_f.bias", -1, st["ln_f.bias"].reshape(1, -1)))
    assert C == st["wte.weight"].shape[1]
    return out


def units(tensors, C):
    out = []
    for i, (name, kind, layer, t) in enumerate(tensors):
        if t.shape[0] <= 1:
            continue
        if kind == "attn.c_attn":
            for k, part in enumerate("qkv"):
                out.append((name + "." + part, kind + "." + part, layer, i, k * C, C))
        else:
            out.append((name, kind, layer, i, 0, t.shape[0]))
    return out


def stats(x):
    x = x.astype(np.float64).ravel()
    mean = x.mean()
    std = x.std()
    return {
        "mean": mean,
        "std": std,
        "kurtosis": float(scipy.stats.kurtosis(x)),
        "max_abs": float(np.abs(x).max()),
        "outlier_share": float(np.mean(np.abs(x - mean) > 6 * std)),
    }


def fnv(data):
    h = 1469598103934665603
    for b in data:
        h ^= b
        h = (h * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


CLIPS = [0.9, 0.99, 0.999, 0.9999, 0.99999, 1.0]


def code_row(w, c, qmax):
    s = np.float16(c / qmax)  # float64 -> float16, round to nearest even
    sd = float(s)
    if sd == 0.0:
        q = np.zeros_like(w)
    else:
        x = w.astype(np.float64) / sd
        q = np.clip(np.where(x >= 0, np.floor(x + 0.5), np.ceil(x - 0.5)), -qmax, qmax)
    deq = (q * sd).astype(np.float32)
    err = float(np.sum((w.astype(np.float64) - deq.astype(np.float64)) ** 2))
    return q.astype(np.int8), s, deq, err


def quantize_row(w, qmax, clip):
    if not clip:
        return code_row(w, float(np.max(np.abs(w.astype(np.float64)))), qmax)
    a = np.abs(w.astype(np.float64))
    best = None
    for t in CLIPS:
        r = code_row(w, float(np.quantile(a, t)), qmax)
        if best is None or r[3] < best[3]:
            best = r
    return best


def entropy_bits(codes):
    _, counts = np.unique(codes, return_counts=True)
    p = counts / codes.size
    return float(-np.sum(p * np.log2(p)))


def protected_units(spec, us, n_layer):
    # The golden uses only "last:N/k" and plain unit names.
    out = set()
    for item in [s for s in spec.split(",") if s]:
        if item.startswith("last:"):
            n, part = item[5:].split("/")
            first = n_layer - int(n)
            out |= {i for i, u in enumerate(us) if u[1] == "attn.c_attn." + part and u[2] >= first}
        else:
            out |= {i for i, u in enumerate(us) if u[0] == item}
    return out


def quantize(tensors, C, n_layer, bits, clip=False, protect="", fp16_rows=0.0, prune=0.0, level=22):
    qmax = 2 ** (bits - 1) - 1
    us = units(tensors, C)
    prot = protected_units(protect, us, n_layer)
    payload = bytearray()
    unit_mse = {}
    tot_sq = tot_n = 0.0
    for ti, (name, kind, layer, t) in enumerate(tensors):
        rows, cols = t.shape
        fp16 = np.ones(rows, bool)
        w = t.copy()
        mine = [(i, u) for i, u in enumerate(us) if u[3] == ti]
        for i, u in mine:
            if i in prot:
                continue
            r0, nr = u[4], u[5]
            block = w[r0 : r0 + nr].ravel()
            k = int(math.floor(prune / 100.0 * block.size))
            if k > 0:
                idx = np.argsort(np.abs(block), kind="stable")[:k]
                block[idx] = 0.0
                w[r0 : r0 + nr] = block.reshape(nr, cols)
            fp16[r0 : r0 + nr] = False
        codes = np.zeros((rows, cols), np.int8)
        scales = np.zeros(rows, np.float16)
        deq = t.copy()
        for r in range(rows):
            if fp16[r]:
                continue
            codes[r], scales[r], deq[r], _ = quantize_row(w[r], qmax, clip)
        if kind == "wte" and fp16_rows > 0 and not fp16[0]:
            keep = int(math.floor(fp16_rows / 100.0 * rows))
            h = np.array([entropy_bits(codes[r]) for r in range(rows)])
            order = np.argsort(-h, kind="stable")
            fp16[order[:keep]] = True
        for r in range(rows):
            if fp16[r]:
                deq[r] = w[r].astype(np.float16).astype(np.float32)
        payload += codes[~fp16].tobytes()
        payload += scales[~fp16].astype("<f2").tobytes()
        payload += w[fp16].astype("<f2").tobytes()
        for i, u in mine:
            r0, nr = u[4], u[5]
            d = t[r0 : r0 + nr].astype(np.float64) - deq[r0 : r0 + nr].astype(np.float64)
            unit_mse[u[0]] = float(np.mean(d**2))
        if rows > 1:
            d = t.astype(np.float64) - deq.astype(np.float64)
            tot_sq += float(np.sum(d**2))
            tot_n += d.size
    frame = zstandard.ZstdCompressor(level=level, threads=2).compress(bytes(payload))
    return {
        "bits": bits,
        "clip_search": clip,
        "protect": protect,
        "fp16_rows": fp16_rows,
        "prune": prune,
        "payload_bytes": len(payload),
        "payload_hash": fnv(payload),
        "frame_bytes_python_zstandard": len(frame),
        "mse": tot_sq / tot_n,
        "unit_mse": unit_mse,
    }


def procrustes(a, b, side):
    a = a.astype(np.float64)
    b = b.astype(np.float64)
    if side == "left":
        a, b = a.T, b.T
    u, s, vt = np.linalg.svd(a.T @ b)
    r = u @ vt
    red = 1 - np.sum((a @ r - b) ** 2) / np.sum((a - b) ** 2)
    return red, r


def main():
    cfg = json.load(open(os.path.join(DATA, "config.json")))
    st = read_safetensors(os.path.join(DATA, "model.safetensors"))
    C = cfg["n_embd"]
    tensors = key_order(cfg, st)
    out = {"generator": "tests/scripts/make_compression_golden.py", "stats": []}
    us = units(tensors, C)
    for i, (name, kind, layer, t) in enumerate(tensors):
        out["stats"].append({"name": name, **stats(t)})
        if kind == "attn.c_attn":
            for u in us:
                if u[3] == i:
                    out["stats"].append({"name": u[0], **stats(t[u[4] : u[4] + u[5]])})
    out["quantize"] = [
        quantize(tensors, C, cfg["n_layer"], 6),
        quantize(tensors, C, cfg["n_layer"], 4, clip=True, protect="last:1/k,wpe", fp16_rows=10.0, prune=3.0),
    ]
    a = st["h.0.mlp.c_proj.weight"].T
    b = st["h.1.mlp.c_proj.weight"].T
    pr = {"a": "h.0.mlp.c_proj", "b": "h.1.mlp.c_proj"}
    for side in ["right", "left"]:
        red, r = procrustes(a, b, side)
        pr[side] = {"reduction": red}
        if side == "right":
            s2 = np.linalg.svd(r - np.eye(r.shape[0]), compute_uv=False) ** 2
            pr[side]["low_rank_share_16"] = float(s2[:16].sum() / s2.sum())
    a64, b64 = a.astype(np.float64), b.astype(np.float64)
    pr["cosine"] = float(np.sum(a64 * b64) / math.sqrt(np.sum(a64**2) * np.sum(b64**2)))
    out["procrustes"] = pr
    with open(os.path.join(DATA, "golden_compression.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", os.path.join(DATA, "golden_compression.json"))


if __name__ == "__main__":
    sys.exit(main())
