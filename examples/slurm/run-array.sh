#!/usr/bin/env bash
# stabcheck on a Slurm job array: task i of N runs shard i/N; a dependent job merges the N partial results.
#
#   sbatch --array=1-8 examples/slurm/run-array.sh               # 8 shards, same options for each
#   sbatch --dependency=afterok:JOBID examples/slurm/run-array.sh merge
#
# or both at once:
#   jid=$(sbatch --parsable --array=1-8 examples/slurm/run-array.sh)
#   sbatch --dependency=afterok:$jid examples/slurm/run-array.sh merge
#
# STABCHECK (path of the binary), PARTS (shared directory of the partial results), OUT (report directory) and
# STABCHECK_ARGS (options of `stabcheck run`, the same for every shard and never --shard/--out) can be set in the
# environment (sbatch --export=ALL,...). The merge re-checks every certificate and fails (exit 2, nothing written)
# when a shard is missing, duplicated, corrupt or was run with other options or another stabcheck.
#SBATCH --job-name=stabcheck
#SBATCH --cpus-per-task=2
#SBATCH --time=01:00:00
#SBATCH --output=stabcheck-%A_%a.log
set -euo pipefail

STABCHECK="${STABCHECK:-stabcheck}"
PARTS="${PARTS:-stabcheck-parts}"
OUT="${OUT:-stabcheck-report}"
read -r -a ARGS <<<"${STABCHECK_ARGS:---samples 300}"

if [ "${1:-}" = merge ]; then
  exec "$STABCHECK" merge "$PARTS"/shard-*-of-*.json --out "$OUT"
fi

: "${SLURM_ARRAY_TASK_ID:?run me with sbatch --array=1-N (or set SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT)}"
N="${SLURM_ARRAY_TASK_COUNT:-${SLURM_ARRAY_TASK_MAX:?}}"  # --array=1-N: task IDs 1..N
mkdir -p "$PARTS"
exec "$STABCHECK" run "${ARGS[@]}" --jobs "${SLURM_CPUS_PER_TASK:-1}" --shard "$SLURM_ARRAY_TASK_ID/$N" --out "$PARTS"
