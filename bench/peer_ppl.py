#!/usr/bin/env python3
"""Eager PyTorch peer of `kronscope-cli ppl` for bench_ppl (issue "Engine speed"): GPT-2 computed the way
Hugging Face's GPT2LMHeadModel computes it (Conv1D as addmm, masked softmax attention over the full T x T
scores, gelu_new, logits for every position of a window, cross-entropy of the shifted labels), on the same
checkpoint and text, with python3-torch. Reference only: never used by the product.

  peer_ppl.py --model DIR --text FILE --vocab VOCAB.json --merges MERGES.txt
              [--max-length 1024] [--stride 1024] [--max-tokens N] [--threads N]

Prints one JSON line: tokens, tokens_scored, nll_sum, ppl, and the seconds spent loading, tokenizing and in
the model (windows through the forward pass and the loss).
"""
import argparse
import json
import math
import re
import struct
import time

T_START = time.perf_counter()

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    base = 8 + n
    out = {}
    for name, e in header.items():
        if name == "__metadata__":
            continue
        b, end = e["data_offsets"]
        buf = raw[base + b: base + end]
        if e["dtype"] == "F32":
            a = np.frombuffer(buf, dtype=np.float32)
        elif e["dtype"] == "F16":
            a = np.frombuffer(buf, dtype=np.float16).astype(np.float32)
        elif e["dtype"] == "BF16":
            a = (np.frombuffer(buf, dtype=np.uint16).astype(np.uint32) << 16).view(np.float32)
        else:
            continue
        key = name[len("transformer."):] if name.startswith("transformer.") else name
        out[key] = torch.from_numpy(a.reshape(e["shape"]).copy())
    return out


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


class Bpe:
    """GPT-2's byte-level BPE (openai/gpt-2 encoder.py); \\p{L} and \\p{N} as Python's Unicode classes."""

    PAT = re.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?[^\W\d_]+| ?\d+| ?[^\s\w]+|\s+(?!\S)|\s+|_+""")

    def __init__(self, vocab, merges):
        self.encoder = json.load(open(vocab, encoding="utf-8"))
        lines = open(merges, encoding="utf-8").read().split("\n")
        pairs = [tuple(l.split()) for l in lines if l and not l.startswith("#version")]
        self.ranks = dict(zip(pairs, range(len(pairs))))
        self.byte_encoder = bytes_to_unicode()
        self.cache = {}

    def bpe(self, token):
        if token in self.cache:
            return self.cache[token]
        word = tuple(token)
        while len(word) > 1:
            pairs = set(zip(word, word[1:]))
            best = min(pairs, key=lambda p: self.ranks.get(p, float("inf")))
            if best not in self.ranks:
                break
            first, second = best
            new, i = [], 0
            while i < len(word):
                j = word.index(first, i) if first in word[i:] else len(word)
                new.extend(word[i:j])
                i = j
                if i < len(word) - 1 and word[i] == first and word[i + 1] == second:
                    new.append(first + second)
                    i += 2
                elif i < len(word):
                    new.append(word[i])
                    i += 1
            word = tuple(new)
        self.cache[token] = word
        return word

    def encode(self, text):
        ids = []
        for tok in self.PAT.findall(text):
            t = "".join(self.byte_encoder[b] for b in tok.encode("utf-8"))
            ids.extend(self.encoder[p] for p in self.bpe(t))
        return ids


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


def forward(w, cfg, ids):
    """GPT2LMHeadModel.forward(input_ids) -> logits (1, T, V), as transformers computes it in eager mode."""
    T = ids.shape[1]
    C, H = cfg["n_embd"], cfg["n_head"]
    D = C // H
    eps = cfg.get("layer_norm_epsilon", 1e-5)
    x = w["wte.weight"][ids] + w["wpe.weight"][torch.arange(T)]
    bias = torch.tril(torch.ones(T, T, dtype=torch.bool)).view(1, 1, T, T)
    min_value = torch.finfo(torch.float32).min
    for l in range(cfg["n_layer"]):
        p = f"h.{l}."
        h = F.layer_norm(x, (C,), w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
        qkv = torch.addmm(w[p + "attn.c_attn.bias"], h.view(-1, C), w[p + "attn.c_attn.weight"]).view(1, T, 3 * C)
        q, k, v = qkv.split(C, dim=2)
        q, k, v = (t.view(1, T, H, D).permute(0, 2, 1, 3) for t in (q, k, v))
        att = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(D)
        att = torch.where(bias, att, torch.tensor(min_value, dtype=att.dtype))
        att = F.softmax(att, dim=-1)
        y = torch.matmul(att, v).permute(0, 2, 1, 3).contiguous().view(-1, C)
        x = x + torch.addmm(w[p + "attn.c_proj.bias"], y, w[p + "attn.c_proj.weight"]).view(1, T, C)
        h = F.layer_norm(x, (C,), w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps)
        h = gelu_new(torch.addmm(w[p + "mlp.c_fc.bias"], h.view(-1, C), w[p + "mlp.c_fc.weight"]))
        x = x + torch.addmm(w[p + "mlp.c_proj.bias"], h, w[p + "mlp.c_proj.weight"]).view(1, T, C)
    x = F.layer_norm(x, (C,), w["ln_f.weight"], w["ln_f.bias"], eps)
    return torch.matmul(x, w["wte.weight"].t())  # tied lm_head, every position


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--text", required=True)
    ap.add_argument("--vocab", required=True)
    ap.add_argument("--merges", required=True)
    ap.add_argument("--max-length", type=int, default=1024)
    ap.add_argument("--stride", type=int, default=1024)
    ap.add_argument("--max-tokens", type=int, default=0)
    ap.add_argument("--threads", type=int, default=0)
    a = ap.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    t0 = time.perf_counter()
    cfg = json.load(open(a.model + "/config.json"))
    w = read_safetensors(a.model + "/model.safetensors")
    t1 = time.perf_counter()
    ids = Bpe(a.vocab, a.merges).encode(open(a.text, encoding="utf-8").read())
    if a.max_tokens > 0:
        ids = ids[: a.max_tokens]
    t2 = time.perf_counter()
    ids_t = torch.tensor(ids, dtype=torch.long)
    n = len(ids)
    nll_sum, scored, prev_end = 0.0, 0, 0
    with torch.inference_mode():
        for begin in range(0, n, a.stride):  # transformers' perplexity recipe
            end = min(begin + a.max_length, n)
            trg_len = end - prev_end
            x = ids_t[begin:end].unsqueeze(0)
            labels = x.clone()
            labels[:, :-trg_len] = -100
            logits = forward(w, cfg, x)
            shift = logits[:, :-1, :].contiguous()
            lab = labels[:, 1:].contiguous()
            k = int((lab != -100).sum())
            if k > 0:
                loss = F.cross_entropy(shift.view(-1, shift.size(-1)), lab.view(-1), ignore_index=-100)
                nll_sum += float(loss) * k
                scored += k
            prev_end = end
            if end == n:
                break
    t3 = time.perf_counter()
    print(json.dumps({"tokens": n, "tokens_scored": scored, "nll_sum": nll_sum,
                      "ppl": math.exp(nll_sum / max(scored, 1)), "threads": torch.get_num_threads(),
                      "import_seconds": t0 - T_START, "load_seconds": t1 - t0, "tokenize_seconds": t2 - t1,
                      "model_seconds": t3 - t2, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
