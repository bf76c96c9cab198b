#!/usr/bin/env python3
"""Writes the PyTorch-format test checkpoints under tests/data/torch/ (see tests/data/README.md).

Needs Debian's python3-torch (1.13) and numpy:  /usr/bin/python3 tests/scripts/make_torch_fixtures.py

Every file is written by torch.save itself (the format under test), except the crafted pickles of
hostile/ and malformed/, which are emitted opcode by opcode into zip archives laid out the way torch.save
lays them out. Weights come from tests/data/tiny-gpt2/model.safetensors (read here with numpy) or from a
seeded generator; the expected logits are computed here, by an independent float64 forward in torch
written the way nanoGPT's model.py computes (nn.GELU() exact, F.layer_norm eps 1e-5, causal softmax).

  hf-bin/           config.json + pytorch_model.bin: GPT2LMHeadModel.state_dict() of tiny-gpt2 (prefixed
                    keys, attn.bias / masked_bias buffers, lm_head tied to wte by sharing its storage,
                    the _metadata attribute); logits must equal tiny-gpt2's golden logits.
  hf-bin-f16/       the same weights as float16 storages (values of tiny-gpt2-prefixed-f16).
  nanogpt/          ckpt.pt in nanoGPT's exact layout: {"model": "_orig_mod."-prefixed state dict with
                    Linear weights [out, in], "model_args", "optimizer" (AdamW's state_dict after one step),
                    "iter_num", "best_val_loss" (a tensor), "config"}; expected_logits.f32 for ids.json.
  nanogpt-nobias/   ckpt.pt of a bias=False model (no Linear or LayerNorm biases), seeded weights.
  views.pt          a state dict of views: a transpose, a slice at an offset, a BF16 tensor; views.json
                    holds their values.
  legacy.bin        the pre-1.6 format (_use_new_zipfile_serialization=False).
  hostile/          pickles that try to run code: os.system, builtins.eval, builtins.getattr, INST, OBJ,
                    NEWOBJ, a storage key that walks out of the archive, an archive inside an archive.
                    Running any of them would create /tmp/kronscope-pickle-ran.
  malformed/        truncated, wrong CRC, storage shorter than its tensor, stride past the storage,
                    overlapping entries, entries outside the folder, a deflated entry.
"""

import collections
import io
import json
import os
import pickle
import struct
import sys
import zipfile
import zlib

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
OUT = os.path.join(DATA, "torch")
MARKER = "/tmp/kronscope-pickle-ran"


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        b, e = info["data_offsets"]
        dt = {"F32": "<f4", "F16": "<f2"}[info["dtype"]]
        out[name] = np.frombuffer(raw[base + b:base + e], dtype=dt).reshape(info["shape"]).copy()
    return out


def nanogpt_forward(sd, cfg, ids):
    """nanoGPT's GPT.forward in float64 (model.py, eval mode, the non-flash attention path)."""
    C, H = cfg["n_embd"], cfg["n_head"]
    g = lambda k: sd[k].double() if k in sd else None
    T = len(ids)
    x = g("transformer.wte.weight")[ids] + g("transformer.wpe.weight")[:T]
    mask = torch.tril(torch.ones(T, T, dtype=torch.bool))
    for l in range(cfg["n_layer"]):
        p = "transformer.h.%d." % l
        lin = lambda x, n: F.linear(x, g(p + n + ".weight"), g(p + n + ".bias"))
        a = F.layer_norm(x, (C,), g(p + "ln_1.weight"), g(p + "ln_1.bias"), 1e-5)
        q, k, v = lin(a, "attn.c_attn").split(C, dim=1)
        q, k, v = [t.view(T, H, C // H).transpose(0, 1) for t in (q, k, v)]
        att = (q @ k.transpose(-2, -1)) / (C // H) ** 0.5
        att = att.masked_fill(~mask, float("-inf")).softmax(-1)
        y = (att @ v).transpose(0, 1).reshape(T, C)
        x = x + lin(y, "attn.c_proj")
        m = F.layer_norm(x, (C,), g(p + "ln_2.weight"), g(p + "ln_2.bias"), 1e-5)
        x = x + lin(F.gelu(lin(m, "mlp.c_fc")), "mlp.c_proj")
    x = F.layer_norm(x, (C,), g("transformer.ln_f.weight"), g("transformer.ln_f.bias"), 1e-5)
    return x @ g("lm_head.weight").t()


def hf_state_dict(w, dtype):
    """GPT2LMHeadModel.state_dict(): prefixed keys, mask buffers, lm_head sharing wte's storage."""
    sd = collections.OrderedDict()
    wte = torch.from_numpy(w["wte.weight"]).to(dtype)
    for name in sorted(w):
        if name == "wte.weight":
            sd["transformer.wte.weight"] = wte
        elif name.endswith("attn.bias") and not name.endswith("c_attn.bias"):
            sd["transformer." + name] = torch.from_numpy(w[name]).bool()  # recent transformers: a bool mask
        else:  # the masked_bias scalar stays float32, as transformers keeps it
            sd["transformer." + name] = torch.from_numpy(w[name]).to(dtype if w[name].ndim else torch.float32)
    sd["lm_head.weight"] = wte  # tied: one storage, two keys
    sd._metadata = collections.OrderedDict([("", {"version": 1}), ("transformer", {"version": 1})])
    return sd


def write_hf_bin(w, folder, dtype):
    os.makedirs(folder, exist_ok=True)
    torch.save(hf_state_dict(w, dtype), os.path.join(folder, "pytorch_model.bin"))
    with open(os.path.join(DATA, "tiny-gpt2", "config.json")) as f:
        cfg = json.load(f)
    cfg["torch_dtype"] = "float16" if dtype == torch.float16 else "float32"
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(cfg, f, indent=2, sort_keys=True)
        f.write("\n")


def nanogpt_checkpoint(model_sd, model_args, compiled):
    """The dict nanoGPT's train.py saves, with AdamW's real state after one step."""
    params = [t.clone().requires_grad_(True) for t in model_sd.values() if t.dim() >= 1]
    opt = torch.optim.AdamW(params, lr=6e-4, betas=(0.9, 0.95), weight_decay=0.1)
    for p in params:
        p.grad = torch.full_like(p, 0.01)
    opt.step()
    prefix = "_orig_mod." if compiled else ""
    model = collections.OrderedDict((prefix + k, v) for k, v in model_sd.items())
    return {
        "model": model,
        "optimizer": opt.state_dict(),
        "model_args": model_args,
        "iter_num": 2000,
        "best_val_loss": torch.tensor(3.25),
        "config": {"out_dir": "out", "eval_interval": 250, "learning_rate": 6e-4, "compile": compiled,
                   "dataset": "openwebtext", "dtype": "float32", "decay_lr": True},
    }


def to_nanogpt(w):
    """HF Conv1D [in, out] -> nn.Linear [out, in]; the names of nanoGPT's GPT module."""
    sd = collections.OrderedDict()
    for name in sorted(w):
        a = torch.from_numpy(w[name])
        if name.endswith("attn.masked_bias"):
            continue
        if name.endswith("attn.bias") and not name.endswith("c_attn.bias"):
            sd["transformer." + name] = a.bool().float()  # the causal mask buffer of the non-flash path
            continue
        if a.dim() == 2 and name.startswith("h."):
            a = a.t().contiguous()
        sd["transformer." + name] = a
    sd["lm_head.weight"] = sd["transformer.wte.weight"]
    return sd


def write_nanogpt(folder, sd, model_args, compiled, ids):
    os.makedirs(folder, exist_ok=True)
    torch.save(nanogpt_checkpoint(sd, model_args, compiled), os.path.join(folder, "ckpt.pt"))
    logits = nanogpt_forward(sd, model_args, ids)
    logits.numpy().astype("<f4").tofile(os.path.join(folder, "expected_logits.f32"))
    with open(os.path.join(folder, "ids.json"), "w") as f:
        json.dump({"ids": ids, "shape": list(logits.shape), "tolerance_abs": 1e-4}, f)
        f.write("\n")


def nobias_state_dict(args, seed):
    g = torch.Generator().manual_seed(seed)
    C, V, P = args["n_embd"], args["vocab_size"], args["block_size"]
    r = lambda *s, std=0.1: torch.randn(*s, generator=g) * std
    sd = collections.OrderedDict()
    sd["transformer.wte.weight"] = r(V, C, std=0.15)
    sd["transformer.wpe.weight"] = r(P, C, std=0.08)
    for l in range(args["n_layer"]):
        p = "transformer.h.%d." % l
        sd[p + "ln_1.weight"] = 1 + r(C)
        sd[p + "attn.c_attn.weight"] = r(3 * C, C, std=0.15)
        sd[p + "attn.c_proj.weight"] = r(C, C)
        sd[p + "ln_2.weight"] = 1 + r(C)
        sd[p + "mlp.c_fc.weight"] = r(4 * C, C, std=0.12)
        sd[p + "mlp.c_proj.weight"] = r(C, 4 * C, std=0.06)
    sd["transformer.ln_f.weight"] = 1 + r(C)
    sd["lm_head.weight"] = sd["transformer.wte.weight"]
    return sd


# ----------------------------------------------------------------------------- crafted archives


class Pickle:
    """Emits protocol-2 opcodes by hand (for the crafted files only)."""

    def __init__(self):
        self.b = bytearray(b"\x80\x02")

    def op(self, *parts):
        for p in parts:
            self.b += p if isinstance(p, (bytes, bytearray)) else p.encode()
        return self

    def string(self, s):
        e = s.encode()
        return self.op(b"X", struct.pack("<I", len(e)), e)

    def int(self, i):
        return self.op(b"J", struct.pack("<i", i))

    def ints(self, xs):
        self.op(b"(")
        for x in xs:
            self.int(x)
        return self.op(b"t")

    def ordered_dict(self):
        return self.op(b"ccollections\nOrderedDict\n)R")

    def tensor(self, key, numel, offset, size, stride, storage="FloatStorage"):
        self.op(b"ctorch._utils\n_rebuild_tensor_v2\n(")
        self.op(b"(").string("storage").op("ctorch\n%s\n" % storage).string(key).string("cpu").int(numel)
        self.op(b"tQ").int(offset).ints(size).ints(stride).op(b"\x89").ordered_dict().op(b"tR")
        return self

    def stop(self):
        return bytes(self.op(b".").b)


def write_zip(path, entries, prefix="archive"):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        for name, data in entries:
            z.writestr(prefix + "/" + name, data)


def state_dict_pickle(tensors):
    """{name: tensor} from (name, key, numel, offset, size, stride)."""
    p = Pickle().ordered_dict().op(b"(")
    for name, key, numel, offset, size, stride in tensors:
        p.string(name).tensor(key, numel, offset, size, stride)
    return p.op(b"u").stop()


def floats(n):
    return np.arange(n, dtype="<f4").tobytes()


class Reduce:
    def __init__(self, fn, args):
        self.fn, self.args = fn, args

    def __reduce__(self):
        return (self.fn, self.args)


def write_hostile(folder):
    os.makedirs(folder, exist_ok=True)
    cmd = "touch " + MARKER
    torch.save({"w": torch.zeros(2), "x": Reduce(os.system, (cmd,))}, os.path.join(folder, "os_system.pt"))
    torch.save({"x": Reduce(eval, ("__import__('os').system('%s')" % cmd,))}, os.path.join(folder, "eval.pt"))
    # getattr(__import__("os"), "system")(cmd), the chain pickle cannot write for itself.
    chain = (Pickle().op(b"cbuiltins\ngetattr\n(cbuiltins\n__import__\n(").string("os").op(b"tR")
             .string("system").op(b"tR(").string(cmd).op(b"tR").stop())
    write_zip(os.path.join(folder, "getattr.pt"), [("data.pkl", chain), ("version", b"3\n")])
    # Raw opcodes torch.save never emits but a hand-made pickle can.
    inst = b"\x80\x02(X\x05\x00\x00\x00" + cmd[:5].encode() + b"ios\nsystem\n."
    write_zip(os.path.join(folder, "inst.pt"), [("data.pkl", inst), ("version", b"3\n")])
    obj = b"\x80\x02(cos\nsystem\nX" + struct.pack("<I", len(cmd)) + cmd.encode() + b"o."
    write_zip(os.path.join(folder, "obj.pt"), [("data.pkl", obj), ("version", b"3\n")])
    newobj = b"\x80\x02ccollections\nOrderedDict\n)\x81."
    write_zip(os.path.join(folder, "newobj.pt"), [("data.pkl", newobj), ("version", b"3\n")])
    # A storage key that tries to leave data/.
    walk = state_dict_pickle([("w", "../../etc/passwd", 4, 0, [4], [1])])
    write_zip(os.path.join(folder, "storage_path.pt"), [("data.pkl", walk), ("data/0", floats(4))])
    # An archive whose storage is itself a torch archive: read as bytes, never opened.
    inner = io.BytesIO()
    torch.save({"x": Reduce(os.system, (cmd,))}, inner)
    payload = inner.getvalue()
    payload += b"\x00" * ((-len(payload)) % 4)
    nested = state_dict_pickle([("w", "0", len(payload) // 4, 0, [len(payload) // 4], [1])])
    write_zip(os.path.join(folder, "nested.pt"), [("data.pkl", nested), ("data/0", payload)])


def write_malformed(folder, good_path):
    os.makedirs(folder, exist_ok=True)
    good = open(good_path, "rb").read()
    open(os.path.join(folder, "truncated.bin"), "wb").write(good[: len(good) // 2])
    z = zipfile.ZipFile(good_path)
    info = [i for i in z.infolist() if i.filename.endswith("/data/0")][0]
    bad = bytearray(good)
    local_extra = struct.unpack("<H", good[info.header_offset + 28:info.header_offset + 30])[0]
    at = info.header_offset + 30 + len(info.filename) + local_extra + 4  # inside the first storage
    bad[at] ^= 0x40
    open(os.path.join(folder, "crc.bin"), "wb").write(bytes(bad))
    # The pickle claims 16 elements; the entry holds 8.
    short = state_dict_pickle([("w", "0", 16, 0, [4, 4], [4, 1])])
    write_zip(os.path.join(folder, "short_storage.pt"), [("data.pkl", short), ("data/0", floats(8))])
    # A tensor whose last element lies past its (correctly sized) storage.
    past = state_dict_pickle([("w", "0", 8, 2, [2, 4], [4, 1])])
    write_zip(os.path.join(folder, "past_storage.pt"), [("data.pkl", past), ("data/0", floats(8))])
    # Two entries overlap: the central directory gives data/0 a size that runs into data/1.
    two = state_dict_pickle([("a", "0", 8, 0, [8], [1]), ("b", "1", 8, 0, [8], [1])])
    path = os.path.join(folder, "overlap.pt")
    write_zip(path, [("data.pkl", two), ("data/0", floats(8)), ("data/1", floats(8))])
    raw = bytearray(open(path, "rb").read())
    pos = 0
    while True:
        pos = raw.find(b"PK\x01\x02", pos)
        n = struct.unpack("<H", raw[pos + 28:pos + 30])[0]
        if raw[pos + 46:pos + 46 + n].endswith(b"data/0"):
            break
        pos += 4
    raw[pos + 20:pos + 28] = struct.pack("<II", 8 * 4 + 40, 8 * 4 + 40)
    open(path, "wb").write(bytes(raw))
    # (The pickle bombs, a million nested lists and five million values, are built by test_torch_archive.)
    # An entry outside the archive folder (two archives in one zip).
    sd = state_dict_pickle([("w", "0", 4, 0, [4], [1])])
    with zipfile.ZipFile(os.path.join(folder, "two_folders.pt"), "w") as zz:
        zz.writestr("archive/data.pkl", sd)
        zz.writestr("archive/data/0", floats(4))
        zz.writestr("other/data.pkl", sd)
    # A compressed entry (torch.save never compresses).
    with zipfile.ZipFile(os.path.join(folder, "deflated.pt"), "w", compression=zipfile.ZIP_DEFLATED) as zz:
        zz.writestr("archive/data.pkl", sd)
        zz.writestr("archive/data/0", floats(4))


def write_views(folder):
    t = torch.arange(12, dtype=torch.float32).reshape(3, 4)
    sd = collections.OrderedDict()
    sd["plain"] = t
    sd["transposed"] = t.t()
    sd["rows_1_2"] = t[1:]
    sd["column_2"] = t[:, 2]
    sd["bf16"] = (torch.arange(6, dtype=torch.float32) / 4).to(torch.bfloat16).reshape(2, 3)
    sd["half"] = torch.tensor([0.5, -2.0, 1024.0], dtype=torch.float16)
    sd["param"] = torch.nn.Parameter(torch.ones(2, 2))
    torch.save(sd, os.path.join(folder, "views.pt"))
    values = {k: {"shape": list(v.shape), "values": v.detach().float().flatten().tolist()} for k, v in sd.items()}
    with open(os.path.join(folder, "views.json"), "w") as f:
        json.dump(values, f, indent=1)
        f.write("\n")
    torch.save(collections.OrderedDict(plain=t), os.path.join(folder, "legacy.bin"),
               _use_new_zipfile_serialization=False)


def main():
    torch.manual_seed(0)
    os.makedirs(OUT, exist_ok=True)
    w = read_safetensors(os.path.join(DATA, "tiny-gpt2", "model.safetensors"))
    write_hf_bin(w, os.path.join(OUT, "hf-bin"), torch.float32)
    write_hf_bin(w, os.path.join(OUT, "hf-bin-f16"), torch.float16)
    args = dict(n_layer=2, n_head=4, n_embd=64, block_size=64, bias=True, vocab_size=512, dropout=0.0)
    ids = [int(x) for x in np.random.default_rng(5).integers(0, 512, size=24)]
    write_nanogpt(os.path.join(OUT, "nanogpt"), to_nanogpt(w), args, True, ids)
    args_nb = dict(args, bias=False)
    write_nanogpt(os.path.join(OUT, "nanogpt-nobias"), nobias_state_dict(args_nb, 7), args_nb, False, ids)
    write_views(OUT)
    write_hostile(os.path.join(OUT, "hostile"))
    write_malformed(os.path.join(OUT, "malformed"), os.path.join(OUT, "views.pt"))
    if os.path.exists(MARKER):
        sys.exit("a hostile pickle ran while writing the fixtures?")
    # Self-check: torch itself reads the well-formed files back.
    for path in ["hf-bin/pytorch_model.bin", "nanogpt/ckpt.pt", "nanogpt-nobias/ckpt.pt", "views.pt"]:
        torch.load(os.path.join(OUT, path))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
