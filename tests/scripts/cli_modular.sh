#!/usr/bin/env bash
# The modular-arithmetic lab's commands (modular train | search | analyze, and probe on a modular model) on a
# small nanda model: the JSON keys the help documents, resume equal to a straight run, and every bad input
# refused with one line naming the option or file.
# Usage: cli_modular.sh KRONSCOPE_CLI
set -u
cli="$1"
# shellcheck source=cli_lib.sh
source "$(dirname "$0")/cli_lib.sh"
small=(--task nanda --p 13 --d-model 16 --heads 2 --eval-interval 10 --quiet)

"$cli" modular train "${small[@]}" --steps 40 --out a --json > a.json 2>/dev/null
check "train: tasks[] with q, train_acc, val_acc, test_acc" \
  "[ \"\$(json a.json \"len(d['tasks']), d['tasks'][0]['q'], all(k in d['tasks'][0] for k in ['train_acc','val_acc','test_acc']), d['steps_done']\")\" = '1 13 True 40' ]"
check "train: TransformerLens names and HookedTransformerConfig fields" \
  "python3 -c \"import json; c=json.load(open('a/config.json')); assert all(k in c for k in ['n_layers','d_model','n_heads','d_head','d_mlp','d_vocab','d_vocab_out','n_ctx','act_fn','normalization_type','task','p'])\""
"$cli" modular train "${small[@]}" --steps 40 --stop-after 20 --out b > /dev/null 2>&1
"$cli" modular train --resume --out b --quiet --json > b.json 2>/dev/null
check "resume: 20 + 20 steps give the same accuracy and loss as 40 straight" \
  "[ \"\$(json b.json \"d['tasks']\")\" = \"\$(json a.json \"d['tasks']\")\" ]"
"$cli" modular analyze --model a --analysis fourier --json > f.json 2>/dev/null
check "analyze fourier: active_frequencies, norms[] (k = 1..6)" "[ \"\$(json f.json \"'active_frequencies' in d and len(d['norms'])\")\" = 6 ]"
"$cli" modular analyze --model a --analysis svd --json > s.json 2>/dev/null
check "analyze svd: singular_values[], rank50 <= rank90" "[ \"\$(json s.json \"len(d['singular_values']), d['rank50'] <= d['rank90']\")\" = '13 True' ]"
"$cli" modular analyze --model a --analysis positional --json > p.json 2>/dev/null
check "analyze positional: pearson in [-1, 1]" "[ \"\$(json p.json \"-1 <= d['pearson'] <= 1\")\" = True ]"
"$cli" modular analyze --model a --analysis neurons,attention --neurons 2 --json > n.json 2>/dev/null
check "analyze neurons, attention: maps over the 13 x 13 grid" \
  "[ \"\$(json n.json \"len(d['neuron_maps']), len(d['neuron_maps'][0]), len(d['attention_x0'])\")\" = '2 169 2' ]"
"$cli" modular search "${small[@]}" --steps 10 --samples 2 --dropouts 0 --lambdas 0,2 --weight-decays 1 --lrs 0.001 --d-models 16 --heads-list 2 --json > g.json 2>/dev/null
check "search: rows[] with the cell and mean_val_acc" "[ \"\$(json g.json \"len(d['rows']), d['grid_size'], 'mean_val_acc' in d['rows'][0]\")\" = '2 2 True' ]"
"$cli" probe --model a --probe kron-ratio --null-draws 3 --json --quiet > k.json 2>/dev/null
check "probe on a modular model: its matrices beside their nulls, W_U (16 x 13) skipped" \
  "[ \"\$(json k.json \"len(d['matrices']) > 4, any('unembed.W_U' in s for s in d['skipped'])\")\" = 'True True' ]"

run "a task that does not exist" 2 "task 'sum'" modular train --task sum --out x
run "p that is not a prime" 2 "p = 12" modular train --task nanda --p 12 --out x
run "heads that do not divide d_model" 2 "divisible" modular train "${small[@]}" --heads 3 --out x
run "a folder that holds a run" 1 "already holds a modular run" modular train "${small[@]}" --steps 40 --out a
run "resume without a run" 1 "modular_state.pt" modular train --resume --out nothing-here
run "an unknown analysis" 2 "analysis 'dft'" modular analyze --model a --analysis dft
run "a model folder without config.json" 1 "no config.json" modular analyze --model nothing-here
mkdir -p bad && cp a/model.safetensors bad/ && echo '{"n_layers": 1, "d_model": 16, "n_heads": 2, "d_head": 8, "d_mlp": 64, "d_vocab": 14, "normalization_type": "LN"}' > bad/config.json
run "a LayerNorm model" 1 "normalization_type" modular analyze --model bad
head -c 300 a/model.safetensors > bad/model.safetensors && cp a/config.json bad/config.json
run "a truncated model.safetensors" 1 "bad/model.safetensors" modular analyze --model bad
run "a subcommand that does not exist" 2 "not train, search or analyze" modular fit
exit $fail
