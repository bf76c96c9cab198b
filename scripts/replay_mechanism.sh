#!/usr/bin/env bash
# Replays seed 000's mechanism claims (../shared/seeds/000_*.txt, second half) with kronscope-cli mechanism on
# the demo model and prints the numbers the README's "Seed 000's mechanism on the demo model" table quotes.
# Usage: scripts/replay_mechanism.sh [WORK_DIR] [BLOCK_SIZE]   (about 10 minutes on 2 cores)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cli=${KRONSCOPE_CLI:-$here/build/app/kronscope-cli}
work=${1:-/tmp/kronscope-mechanism}
n=${2:-16}
demo=$here/resources/demo/kronscope-demo-gpt2
mkdir -p "$work" && cd "$work"
[ -f brown/test.txt ] || "$cli" corpus --brown --out brown >/dev/null
text=(--text brown/test.txt --max-length 256 --max-tokens 4096)
j() { python3 -c "import json,sys; d=json.loads(sys.stdin.read().strip().splitlines()[-1]); print($1)"; }
m() { "$cli" mechanism --model "$demo" --block-size "$n" --quiet --json "$@"; }
echo "## activation-weighted error (n = $n)"
m --analysis activation-error "${text[@]}" | j "'Kronecker wins %d/%d activation-weighted, %d/%d Frobenius; per kind: %s' % (sum(w['kron_act'] for w in d['wins'].values()), len(d['matrices']), sum(w['kron_fro'] for w in d['wins'].values()), len(d['matrices']), ', '.join('%s %d/%d' % (k, w['kron_act'], w['matrices']) for k, w in d['wins'].items()))"
echo "## conditioning (n = $n)"
m --analysis conditioning | j "'median cond W %.3g, Kronecker %.3g, SVD %s; median numerical rank %d / %d / %d' % (d['median']['original']['cond'], d['median']['kron']['cond'], d['median']['svd']['cond'], d['median']['original']['numerical_rank'], d['median']['kron']['numerical_rank'], d['median']['svd']['numerical_rank'])"
echo "## nullspace noise (n = $n)"
m --analysis nullspace --eps 0,0.25,0.5,1 "${text[@]}" | j "'baseline %.2f, Kronecker %.4g, SVD %.4g; ' % (d['baseline_ppl'], d['kron_ppl'], d['svd_ppl']) + ', '.join('eps %g: PPL %.4g (gap reduction %.2f%%)' % (p['eps'], p['ppl'], 100 * p['gap_reduction']) for p in d['points'])"
echo "## single-matrix scan (n = 4 and $n, both methods)"
"$cli" mechanism --model "$demo" --analysis scan --block-sizes "4,$n" "${text[@]}" --quiet --json | j "'baseline %.2f; prefix reuse %s; ' % (d['baseline_ppl'], d['prefix_reuse']) + '; '.join('%s n=%d: all at once PPL %.4g (dNLL %.4f), sum of singles dNLL %.4f' % (a['method'], a['block_size'], a['full_ppl'], a['full_delta_nll'], a['sum_single_delta_nll']) for a in d['additivity']) + '\n' + '; '.join('n=%d: Kronecker better on %d of %d matrices' % (nb, sum(1 for r in d['rows'] if r['method']=='kron' and r['block_size']==nb and r['ppl'] < [s for s in d['rows'] if s['method']=='svd' and s['block_size']==nb and s['matrix']==r['matrix']][0]['ppl']), len([r for r in d['rows'] if r['method']=='kron' and r['block_size']==nb])) for nb in sorted(set(r['block_size'] for r in d['rows'])))"
echo "## error propagation (n = $n)"
m --analysis propagation "${text[@]}" | j "'; '.join('%s: PPL %.4g, rel. err layer 0 %.3f -> last %.3f, cosine %.3f -> %.3f' % (r['config'], r['ppl'], r['layers'][0]['rel_err'], r['layers'][-1]['rel_err'], r['layers'][0]['cosine'], r['layers'][-1]['cosine']) for r in d['runs'])"
