#!/usr/bin/env bash
# Slurm smoke test, for real: a single-node Slurm cluster from Debian's slurm-wlm and munge on
# this machine (root, no network), the array job of docs/scaling.md (scripts/slurm/validate.sbatch,
# the one copy) validating the demo's candidates in 3 shards, `run --from parse` merging them,
# and the merged validated.jsonl compared byte for byte with an unsharded run's.
#
#   sudo bash scripts/slurm-smoke.sh            # SHARDS=3 by default; KEEP=1 keeps the folders
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
shards="${SHARDS:-3}"
work="$(mktemp -d /tmp/phaser-sft-slurm.XXXXXX)"
[ "$(id -u)" = 0 ] || { echo "slurm-smoke: run as root (it configures munge and slurm on this machine)" >&2; exit 2; }
command -v slurmctld >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends slurm-wlm munge >/dev/null
host="$(hostname -s)"
cpus="$(nproc)"
mem_mb="$(awk '/MemTotal/ { print int($2 / 1024) - 1024 }' /proc/meminfo)"
started=$(date +%s)

# ---- munge and a one-node cluster --------------------------------------------------------------
mkdir -p /etc/munge /var/lib/munge /var/log/munge /run/munge /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
[ -s /etc/munge/munge.key ] || dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
chown -R munge:munge /etc/munge /var/lib/munge /var/log/munge /run/munge 2>/dev/null || true
chmod 400 /etc/munge/munge.key
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=smoke
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
NodeName=$host CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=smoke Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
pids=()
stop() {
  # only the daemons this script started, by their pid files
  for file in "$work/slurmd.pid" "$work/slurmctld.pid" /run/munge/smoke.pid; do
    [ -s "$file" ] && kill "$(cat "$file")" 2>/dev/null || true
  done
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap stop EXIT
runuser -u munge -- munged --pid-file=/run/munge/smoke.pid --socket=/run/munge/munge.socket.2 2>/dev/null \
  || munged --force --pid-file=/run/munge/smoke.pid --socket=/run/munge/munge.socket.2
slurmctld -i
slurmd
for _ in $(seq 1 60); do sinfo -h -o '%T' 2>/dev/null | grep -qE 'idle|mixed' && break; sleep 1; done
sinfo

# ---- the unsharded reference and the sharded copy -------------------------------------------------
cd "$repo"
[ -f dist/cli/main.js ] || npm run build >/dev/null
whole="$work/whole"
npx phaser-sft demo --workspace "$whole" --quiet >/dev/null
sharded="$work/sharded"
cp -r "$whole" "$sharded"
( cd "$sharded/data/sft_distill" && rm -rf candidates*.jsonl validated*.jsonl validator_cache*.jsonl selected*.jsonl codes screenshots )
rm -rf "$sharded/data/sft_dataset" "$sharded/data/eval" "$sharded/data/reports"

# ---- the array job (the docs' script), then the merge ----------------------------------------------
echo "submitting scripts/slurm/validate.sbatch as a $shards-task array"
jobid=$(PHASER_SFT_DIR="$repo" PHASER_SFT_WORKSPACE="$sharded" sbatch --parsable --wait --export=ALL \
  --array="1-$shards" --mem=2G --output="$work/shard-%a.out" scripts/slurm/validate.sbatch)
sacct_state=$(scontrol show job "$jobid" 2>/dev/null | grep -o 'JobState=[A-Z]*' | sort -u | tr '\n' ' ' || true)
echo "array job $jobid finished ${sacct_state}"
for i in $(seq 1 "$shards"); do echo "--- shard $i"; cat "$work/shard-$i.out" 2>/dev/null | tail -3; done
npx phaser-sft --workspace "$sharded" --quiet run --from parse >/dev/null

# ---- the check ---------------------------------------------------------------------------------------
a="$whole/data/sft_distill/validated.jsonl"
b="$sharded/data/sft_distill/validated.jsonl"
echo "unsharded: $(wc -l < "$a") records; sharded and merged: $(wc -l < "$b") records; $(( $(date +%s) - started )) s in all"
if cmp -s "$a" "$b"; then
  echo "slurm-smoke: OK, the merged validated.jsonl is byte-identical to the unsharded one"
else
  # `runtime.fps` is the one timing in a record (frames per CPU second of the game's page, capped
  # at 60): steady under load since L4 counts CPU time, but still a measurement, so a difference
  # there alone is reported apart (exit 3); everything else must be byte-equal
  if node -e '
    const fs = require("fs");
    const strip = (line) => JSON.stringify(JSON.parse(line), (k, v) => (k === "fps" ? undefined : v));
    const [a, b] = process.argv.slice(1).map((f) => fs.readFileSync(f, "utf8").trim().split("\n").map(strip));
    process.exit(a.length === b.length && a.every((line, i) => line === b[i]) ? 0 : 1);' "$a" "$b"; then
    echo "slurm-smoke: the records differ in runtime.fps only (a timing measurement); otherwise byte-identical" >&2
    exit 3
  else
    echo "slurm-smoke: FAILED, the merged validated.jsonl differs from the unsharded one" >&2
    diff <(head -c 2000 "$a") <(head -c 2000 "$b") | head -20 >&2
    exit 1
  fi
fi
