#!/usr/bin/env python3
"""Independent check of Kronscope's engine against Hugging Face's own code (transformers + tokenizers).

For one checkpoint directory and one text file it compares, with stated tolerances:
  1. token ids: `kronscope-cli tokenize` vs transformers' GPT2TokenizerFast (vocab.json + merges.txt): identical;
  2. the checkpoint: GPT2LMHeadModel.from_pretrained(DIR) must load it with no missing or unexpected weights;
  3. strided perplexity (science.md, the Hugging Face recipe) with the same max_length / stride / token limit:
     `kronscope-cli ppl --json` vs a float64 reimplementation over transformers' logits: relative difference
     <= 1e-4 on CPU f32 (and on CUDA f32 when --device cuda);
  4. greedy generation: `kronscope-cli generate` vs transformers' generate(do_sample=False): the same new ids.

Needs python3 with torch and transformers (not a build dependency: run it where they are installed, e.g.
`pip install torch transformers`). Exit status 0 when every check passes, 1 otherwise; --json FILE writes
the figures.

  scripts/hf_crosscheck.py --cli build/app/kronscope-cli --model resources/demo/kronscope-demo-gpt2 \
      --text test.txt [--vocab-dir DIR] [--max-length 256] [--stride 128] [--max-tokens 20000] [--device cpu|cuda]
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile


def cli_json(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()
    return json.loads(out[-1])


def strided_ppl(model, ids, max_length, stride, device):
    import torch
    n = len(ids)
    nll_sum, count, prev_end, windows = 0.0, 0, 0, 0
    t = torch.tensor(ids, dtype=torch.long, device=device)
    with torch.no_grad():
        for begin in range(0, n, stride):
            end = min(begin + max_length, n)
            trg_len = end - prev_end
            x = t[begin:end].unsqueeze(0)
            logits = model(x).logits[0].double()
            logp = torch.log_softmax(logits[:-1], dim=-1)
            tgt = t[begin + 1:end]
            nll = -logp.gather(1, tgt.unsqueeze(1)).squeeze(1)
            scored = nll[-trg_len:] if begin > 0 else nll  # window 0 scores end - 1 tokens
            nll_sum += scored.sum().item()
            count += scored.numel()
            windows += 1
            prev_end = end
            if end == n:
                break
    return math.exp(nll_sum / count), nll_sum, count, windows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--text", required=True)
    ap.add_argument("--vocab-dir", help="folder with vocab.json + merges.txt (or encoder.json + vocab.bpe)")
    ap.add_argument("--max-length", type=int, default=256)
    ap.add_argument("--stride", type=int, default=128)
    ap.add_argument("--max-tokens", type=int, default=20000)
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--json", help="write the figures here")
    a = ap.parse_args()

    import torch
    from transformers import GPT2LMHeadModel, GPT2TokenizerFast

    report = {"model": a.model, "text": a.text, "max_length": a.max_length, "stride": a.stride,
              "max_tokens": a.max_tokens, "device": a.device, "torch": torch.__version__}
    ok = True

    # A copy of the checkpoint with GPT-2's tokenizer files, as the Hugging Face loaders expect them.
    tmp = tempfile.mkdtemp(prefix="kronscope-hf-")
    for f in os.listdir(a.model):
        if f in ("config.json", "model.safetensors", "vocab.json", "merges.txt"):
            shutil.copy(os.path.join(a.model, f), tmp)
    if a.vocab_dir:
        for src, dst in (("vocab.json", "vocab.json"), ("merges.txt", "merges.txt"),
                         ("encoder.json", "vocab.json"), ("vocab.bpe", "merges.txt")):
            p = os.path.join(a.vocab_dir, src)
            if os.path.exists(p):
                shutil.copy(p, os.path.join(tmp, dst))

    # 1. Tokenizer.
    tok = GPT2TokenizerFast.from_pretrained(tmp)
    text = open(a.text, encoding="utf-8").read()
    hf_ids = tok(text)["input_ids"]
    ks = cli_json([a.cli, "tokenize", "--model", tmp, "--text", a.text, "--json"])
    same = ks["ids"] == hf_ids
    first_diff = next((i for i, (x, y) in enumerate(zip(ks["ids"], hf_ids)) if x != y), None)
    report["tokenizer"] = {"tokens_kronscope": len(ks["ids"]), "tokens_hf": len(hf_ids), "identical": same,
                           "first_difference": first_diff}
    ok &= same
    print(f"tokenizer: {len(ks['ids'])} ids (kronscope) vs {len(hf_ids)} (transformers): "
          f"{'identical' if same else 'DIFFERENT at %s' % first_diff}")

    # 2. Hugging Face's loader.
    model, info = GPT2LMHeadModel.from_pretrained(tmp, torch_dtype=torch.float32, output_loading_info=True)
    missing = [k for k in info["missing_keys"] if not k.endswith("attn.bias") and not k.endswith("masked_bias")]
    unexpected = [k for k in info["unexpected_keys"] if not k.endswith("attn.bias") and not k.endswith("masked_bias")]
    report["hf_load"] = {"missing": missing, "unexpected": unexpected,
                         "mismatched": [str(k) for k in info.get("mismatched_keys", [])]}
    load_ok = not missing and not unexpected and not info.get("mismatched_keys")
    ok &= load_ok
    print(f"GPT2LMHeadModel.from_pretrained: {'ok' if load_ok else 'PROBLEM'} "
          f"(missing {missing}, unexpected {unexpected})")
    model = model.to(a.device).eval()

    # 3. Strided perplexity.
    ids = ks["ids"][: a.max_tokens] if a.max_tokens > 0 else ks["ids"]  # Kronscope's ids: checks 1 and 3 apart
    ppl, nll, count, windows = strided_ppl(model, ids, a.max_length, a.stride, a.device)
    kp = cli_json([a.cli, "ppl", "--model", tmp, "--text", a.text, "--max-length", str(a.max_length),
                   "--stride", str(a.stride), "--max-tokens", str(a.max_tokens), "--device", a.device,
                   "--quiet", "--json"])
    rel = abs(kp["ppl"] - ppl) / ppl
    report["ppl"] = {"kronscope": kp["ppl"], "hf": ppl, "rel_diff": rel, "tokens_scored_kronscope": kp["tokens_scored"],
                     "tokens_scored_hf": count, "windows_kronscope": kp["windows"], "windows_hf": windows}
    ppl_ok = rel <= 1e-4 and kp["tokens_scored"] == count and kp["windows"] == windows
    ok &= ppl_ok
    print(f"perplexity (max_length {a.max_length}, stride {a.stride}, {count} tokens scored, {windows} windows, "
          f"{a.device}): kronscope {kp['ppl']:.6f}, transformers {ppl:.6f}, rel diff {rel:.2e} "
          f"({'ok' if ppl_ok else 'FAIL'}, tolerance 1e-4)")

    # 4. Greedy generation.
    prompt = "The jury said"
    kg = cli_json([a.cli, "generate", "--model", tmp, "--prompt", prompt, "--max-new-tokens", "24",
                   "--device", a.device, "--json"])
    x = torch.tensor([tok(prompt)["input_ids"]], device=a.device)
    with torch.no_grad():
        g = model.generate(x, max_new_tokens=24, do_sample=False, pad_token_id=50256)[0].tolist()
    gen_ok = g == kg["ids"]
    report["generate"] = {"prompt": prompt, "kronscope": kg["ids"], "hf": g, "identical": gen_ok}
    ok &= gen_ok
    print(f"greedy generation of 24 tokens after {prompt!r}: {'identical' if gen_ok else 'DIFFERENT'}: "
          f"{kg['text']!r}")

    report["ok"] = bool(ok)
    if a.json:
        json.dump(report, open(a.json, "w"), indent=2)
    shutil.rmtree(tmp, ignore_errors=True)
    print("ALL CHECKS PASSED" if ok else "SOME CHECKS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
