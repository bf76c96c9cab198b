#!/usr/bin/env bash
# A sharded sweep on a real Slurm, not a mock: starts munged, slurmctld and slurmd for a single-node cluster on
# localhost (configuration, key, state and logs in a temporary folder; ports of its own), submits a 4-shard
# sweep of the demo model with `kronscope-cli slurm --submit`, waits for the merge job, compares the merged
# table with the same sweep run here, does the same for a 3-shard mechanism scan, and stops the daemons it started. Installs nothing: without Debian's
# slurm-wlm and munge (scripts/setup.sh installs them), or where the daemons cannot start, it exits 77 (skipped).
# Usage: cluster_slurm.sh KRONSCOPE_CLI SOURCE_DIR
set -u
cli="$1"
src="$2"
demo="$src/resources/demo/kronscope-demo-gpt2"
skip() { echo "skipped: $*"; exit 77; }
for b in /usr/sbin/munged /usr/sbin/slurmctld /usr/sbin/slurmd; do [ -x "$b" ] || skip "$b not installed"; done
for b in sbatch squeue sinfo munge; do command -v "$b" > /dev/null || skip "$b not installed"; done
[ -f "$demo/model.safetensors" ] || skip "no demo model"

T=$(mktemp -d /tmp/kronscope-slurm.XXXXXX)
chmod 711 "$T"
mkdir -p "$T/munge" "$T/state" "$T/spool" "$T/log" "$T/work"
chmod 711 "$T/munge"
stop() {
  for p in slurmd slurmctld; do [ -f "$T/$p.pid" ] && kill "$(cat "$T/$p.pid")" 2> /dev/null; done
  sleep 1
  munged --stop --socket="$T/munge/munge.sock" > /dev/null 2>&1
  rm -rf "$T"
}
trap stop EXIT
dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 2> /dev/null
chmod 400 "$T/munge/munge.key"
munged --force --socket="$T/munge/munge.sock" --key-file="$T/munge/munge.key" --log-file="$T/log/munged.log" \
  --pid-file="$T/munge/munged.pid" --seed-file="$T/munge/munged.seed" || skip "munged does not start ($(tail -1 "$T/log/munged.log" 2> /dev/null))"
port=$((20000 + ($$ % 10000) * 2))
cat > "$T/slurm.conf" << CONF
ClusterName=kronscope-test
SlurmctldHost=localhost
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$T/munge/munge.sock
CredType=cred/munge
SlurmUser=$(id -un)
SlurmdUser=root
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=kronscope Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$T/slurm.conf"
/usr/sbin/slurmctld -f "$SLURM_CONF" || skip "slurmctld does not start ($(tail -1 "$T/log/slurmctld.log" 2> /dev/null))"
/usr/sbin/slurmd -f "$SLURM_CONF" -N localhost || skip "slurmd does not start (needs root; $(tail -1 "$T/log/slurmd.log" 2> /dev/null))"
for _ in $(seq 1 30); do sinfo -h -o %t 2> /dev/null | grep -q idle && break; sleep 1; done
sinfo -h -o %t | grep -q idle || skip "the node does not come up ($(tail -1 "$T/log/slurmd.log"))"
echo "ok: single-node Slurm up (port $port)"

cd "$T/work"
head -c 4000 "$src/README.md" > text.txt
job=(--model "$demo" --text text.txt --block-sizes 4,8 --methods kron,svd --targets mlp --max-tokens 200 --max-length 100)
KRONSCOPE_THREADS=1 "$cli" sweep "${job[@]}" --out local.md --quiet > /dev/null 2>&1 || { echo "FAIL: the local sweep"; exit 1; }
"$cli" slurm sweep "${job[@]}" --shards 4 --cpus-per-task 1 --out run --submit --json > submit.json 2> submit.err || {
  echo "FAIL: kronscope-cli slurm --submit: $(cat submit.err)"; exit 1; }
merge_job=$(python3 -c "import json; print(json.load(open('submit.json'))['merge_job'])")
array_job=$(python3 -c "import json; print(json.load(open('submit.json'))['array_job'])")
echo "ok: submitted array job $array_job and merge job $merge_job"
for _ in $(seq 1 600); do [ -z "$(squeue -h -j "$array_job,$merge_job" 2> /dev/null)" ] && break; sleep 1; done
fail=0
if [ -n "$(squeue -h -j "$array_job,$merge_job" 2> /dev/null)" ]; then echo "FAIL: the jobs did not finish in 10 minutes"; fail=1; fi
[ "$(ls run/shards/shard-*.json 2> /dev/null | wc -l)" -eq 4 ] && echo "ok: 4 shard files" || { echo "FAIL: shard files: $(ls run/shards) $(cat run/logs/shard-*.out)"; fail=1; }
# The tables equal; the throughput line under them (the cells' own wall times) differs from run to run.
if cmp -s <(grep -v '^Throughput' local.md) <(grep -v '^Throughput' run/result.md); then
  echo "ok: the merged table equals the local run"
else
  echo "FAIL: merged table differs"; diff local.md run/result.md | head; cat run/logs/merge.out; fail=1; fi
[ -f run/result.json ] && echo "ok: result.json" || { echo "FAIL: no result.json"; fail=1; }

# The mechanism scan the same way: 3 shards, the merged table (additivity included) equals the local scan.
scan=(--model "$demo" --analysis scan --text text.txt --method both --block-sizes 4 --targets layers:0-0 --max-tokens 200 --max-length 100)
KRONSCOPE_THREADS=1 "$cli" mechanism "${scan[@]}" --quiet > scan-local.md 2>/dev/null || { echo "FAIL: the local scan"; exit 1; }
"$cli" slurm mechanism "${scan[@]}" --shards 3 --cpus-per-task 1 --out scanrun --submit --json > scan-submit.json 2> scan-submit.err || {
  echo "FAIL: kronscope-cli slurm mechanism --submit: $(cat scan-submit.err)"; exit 1; }
jobs=$(python3 -c "import json; d=json.load(open('scan-submit.json')); print(d['array_job'] + ',' + d['merge_job'])")
for _ in $(seq 1 600); do [ -z "$(squeue -h -j "$jobs" 2> /dev/null)" ] && break; sleep 1; done
if cmp -s scan-local.md scanrun/result.md; then echo "ok: the merged scan equals the local scan"; else
  echo "FAIL: merged scan differs"; diff scan-local.md scanrun/result.md | head; cat scanrun/logs/*.out | tail; fail=1; fi
exit $fail
