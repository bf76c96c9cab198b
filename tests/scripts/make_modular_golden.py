#!/usr/bin/env python3
"""Independent reference for Kronscope's modular-arithmetic models (numpy only, no Kronscope code).

Writes tests/data/modular-tl/: a checkpoint in TransformerLens' layout as HookedTransformer.state_dict()
names and shapes it (embed.W_E, pos_embed.W_pos, blocks.L.attn.W_Q [heads, d, d_head], b_Q [heads, d_head],
W_O [heads, d_head, d], b_O [d], blocks.L.mlp.W_in [d, d_mlp], b_in, W_out, b_out, unembed.W_U, b_U, plus the
attention buffers IGNORE and mask), a config.json with HookedTransformerConfig's field names only (no task, no
p: Kronscope infers nanda from d_vocab_out == d_vocab - 1), and expected.json: the logits this script computes
for every pair (x0, x1) at the last position of [x0, x1, =], the way HookedTransformer computes them with
normalization_type None, act_fn relu, causal attention (scores / sqrt(d_head), masked with -inf above the
diagonal), heads summed through W_O. Two layers, so the causal mask of the first layer matters.
Usage: python3 tests/scripts/make_modular_golden.py [OUT_DIR]
"""
import json
import os
import struct
import sys

import numpy as np

P, D, H, E, M, L = 7, 12, 3, 4, 20, 2
rng = np.random.default_rng(20261201)


def normal(*shape, scale=0.5):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


weights = {"embed.W_E": normal(P + 1, D), "pos_embed.W_pos": normal(3, D)}
for l in range(L):
    a, m = f"blocks.{l}.attn.", f"blocks.{l}.mlp."
    for k in "QKV":
        weights[a + "W_" + k] = normal(H, D, E)
        weights[a + "b_" + k] = normal(H, E, scale=0.1)
    weights[a + "W_O"] = normal(H, E, D)
    weights[a + "b_O"] = normal(D, scale=0.1)
    weights[a + "IGNORE"] = np.array(-1e5, dtype=np.float32)
    weights[a + "mask"] = np.tril(np.ones((3, 3), dtype=np.uint8))
    weights[m + "W_in"] = normal(D, M)
    weights[m + "b_in"] = normal(M, scale=0.1)
    weights[m + "W_out"] = normal(M, D)
    weights[m + "b_out"] = normal(D, scale=0.1)
weights["unembed.W_U"] = normal(D, P)
weights["unembed.b_U"] = normal(P, scale=0.1)


def forward(tokens):
    w64 = {k: v.astype(np.float64) for k, v in weights.items()}  # the reference in float64
    x = w64["embed.W_E"][tokens] + w64["pos_embed.W_pos"][None, :, :]  # (B, 3, D)
    T = tokens.shape[1]
    mask = np.triu(np.ones((T, T), dtype=bool), 1)
    for l in range(L):
        a, m = f"blocks.{l}.attn.", f"blocks.{l}.mlp."
        q = np.einsum("btd,hde->bhte", x, w64[a + "W_Q"]) + w64[a + "b_Q"][None, :, None, :]
        k = np.einsum("btd,hde->bhte", x, w64[a + "W_K"]) + w64[a + "b_K"][None, :, None, :]
        v = np.einsum("btd,hde->bhte", x, w64[a + "W_V"]) + w64[a + "b_V"][None, :, None, :]
        s = np.einsum("bhqe,bhke->bhqk", q, k) / np.sqrt(E)
        s = np.where(mask[None, None], -np.inf, s)
        s = s - s.max(-1, keepdims=True)
        pattern = np.exp(s)
        pattern /= pattern.sum(-1, keepdims=True)
        z = np.einsum("bhqk,bhke->bhqe", pattern, v)
        x = x + np.einsum("bhqe,hed->bqd", z, w64[a + "W_O"]) + w64[a + "b_O"]
        pre = x @ w64[m + "W_in"] + w64[m + "b_in"]
        x = x + np.maximum(pre, 0) @ w64[m + "W_out"] + w64[m + "b_out"]
    return x[:, -1] @ w64["unembed.W_U"] + w64["unembed.b_U"]


def write_safetensors(path, tensors):
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    dtypes = {np.dtype(np.float32): "F32", np.dtype(np.uint8): "U8"}
    for name, t in tensors.items():
        b = np.ascontiguousarray(t).tobytes()
        header[name] = {"dtype": dtypes[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "data", "modular-tl")
    os.makedirs(out, exist_ok=True)
    write_safetensors(os.path.join(out, "model.safetensors"), weights)
    config = {"n_layers": L, "d_model": D, "n_heads": H, "d_head": E, "d_mlp": M, "d_vocab": P + 1,
              "d_vocab_out": P, "n_ctx": 3, "act_fn": "relu", "normalization_type": None}
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    pairs = np.arange(P * P)
    tokens = np.stack([pairs // P, pairs % P, np.full(P * P, P)], 1)
    logits = forward(tokens.astype(np.int64))
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump({"p": P, "pairs": P * P, "logits": [float(x) for x in logits.ravel()],
                   "tolerance": "max abs diff <= 1e-5 * max |logit| (Kronscope in float32, this script in float64)"}, f)
    print("wrote", out)


if __name__ == "__main__":
    main()
