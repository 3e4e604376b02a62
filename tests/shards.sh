#!/usr/bin/env bash
# Sharded runs, their merge and MPI (issue 17; registered in tests/CMakeLists.txt as Shards.*).
#   shards.sh setup STABCHECK DIR         the unsharded run and shards 1/3, 2/3, 3/3 (and 2/3 with another seed)
#   shards.sh CASE  STABCHECK DIR [MPIEXEC]
# CASE: merge (merged report = unsharded report), balanced (the same with --balance), fuzz (the same for stabcheck fuzz), mpi (2 ranks = unsharded), or a
# bad set of shards: missing, duplicated, corrupt, other-seed, other-version, forged-counterexample, forged-proof
# (exit 2, one line on stderr, nothing written).
set -euo pipefail
case_="$1" stabcheck="$2" dir="$3"
here="$(cd "$(dirname "$0")" && pwd)"
tool() { python3 "$here/shards_tool.py" "$@"; }
SEL=(--claims 'LEM-C*' --samples 20 --jobs 1)
P="$dir/parts"

bad() {  # bad NAME PART...: merge must fail with exit 2, one line on stderr, and write nothing
  local name="$1"; shift
  local out="$dir/bad-$name"
  rm -rf "$out"
  set +e
  "$stabcheck" merge "$@" --out "$out" >"$dir/$name.stdout" 2>"$dir/$name.stderr"
  local rc=$?
  set -e
  echo "merge ($name): exit $rc: $(cat "$dir/$name.stderr")"
  [ "$rc" -eq 2 ] || { echo "FAIL: exit $rc, expected 2"; exit 1; }
  [ "$(wc -l <"$dir/$name.stderr")" -eq 1 ] || { echo "FAIL: stderr is not one line"; exit 1; }
  grep -q '^stabcheck: error: ' "$dir/$name.stderr" || { echo "FAIL: not an error line"; exit 1; }
  [ ! -s "$dir/$name.stdout" ] || { echo "FAIL: output on stdout"; exit 1; }
  if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then echo "FAIL: $out was written"; exit 1; fi
}

case "$case_" in
  setup)
    rm -rf "$dir"
    mkdir -p "$dir"
    "$stabcheck" run "${SEL[@]}" --out "$dir/full" >/dev/null
    for i in 1 2 3; do "$stabcheck" run "${SEL[@]}" --shard "$i/3" --out "$P"; done
    "$stabcheck" run "${SEL[@]}" --seed 2 --shard 2/3 --out "$dir/seed2" >/dev/null
    ;;
  merge)
    rm -rf "$dir/merged"
    "$stabcheck" merge "$P/shard-3-of-3.json" "$P/shard-1-of-3.json" "$P/shard-2-of-3.json" --out "$dir/merged"
    tool compare "$dir/full" "$dir/merged"
    ;;
  balanced)  # the cost-balanced split (--balance: the seconds of the unsharded report), merged in another order
    rm -rf "$dir/balanced"
    for i in 1 2 3; do "$stabcheck" run "${SEL[@]}" --shard "$i/3" --balance "$dir/full/report.json" --out "$dir/balanced/parts"; done
    "$stabcheck" merge "$dir/balanced/parts/shard-2-of-3.json" "$dir/balanced/parts/shard-3-of-3.json" "$dir/balanced/parts/shard-1-of-3.json" --out "$dir/balanced/merged"
    tool compare "$dir/full" "$dir/balanced/merged"
    bad balanced-round-robin "$dir/balanced/parts/shard-1-of-3.json" "$P/shard-2-of-3.json" "$P/shard-3-of-3.json"
    ;;
  missing) bad missing "$P/shard-1-of-3.json" "$P/shard-3-of-3.json" ;;
  duplicated) bad duplicated "$P/shard-1-of-3.json" "$P/shard-2-of-3.json" "$P/shard-2-of-3.json" "$P/shard-3-of-3.json" ;;
  corrupt)
    tool truncate "$P/shard-2-of-3.json" "$dir/corrupt-2.json"
    bad corrupt "$P/shard-1-of-3.json" "$dir/corrupt-2.json" "$P/shard-3-of-3.json"
    ;;
  other-seed) bad other-seed "$P/shard-1-of-3.json" "$dir/seed2/shard-2-of-3.json" "$P/shard-3-of-3.json" ;;
  other-version)
    tool set-version "$P/shard-2-of-3.json" "$dir/version-2.json" 9.9.9
    bad other-version "$P/shard-1-of-3.json" "$dir/version-2.json" "$P/shard-3-of-3.json"
    ;;
  forged-counterexample)
    tool forge-counterexample "$P/shard-1-of-3.json" "$dir/forged-ce-1.json"
    bad forged-counterexample "$dir/forged-ce-1.json" "$P/shard-2-of-3.json" "$P/shard-3-of-3.json"
    ;;
  forged-proof)
    tool forge-proof "$P/shard-1-of-3.json" "$dir/forged-proof-1.json"
    bad forged-proof "$dir/forged-proof-1.json" "$P/shard-2-of-3.json" "$P/shard-3-of-3.json"
    ;;
  fuzz)
    f="$dir/fuzz"
    rm -rf "$f"
    mkdir -p "$f"
    cat >"$f/few.bounds" <<'BOUNDS'
lh-sqrt: sqrtm(A + C) >>= sqrtm(A) where A, C: psd expect holds
lh-sqrt-twin: sqrtm(A + C) >>= 1.01*sqrtm(A) where A, C: psd expect refuted
cyclic: tr(A*B*A*B) <= tr(A*A*B*B) where A: sym, B: sym expect holds
trace-lmax: tr(A*B) <= lmax(A)*tr(B) where A: psd, B: sym
lh-cbrt-twin: (A + C)^(1/3) >>= 1.01*A^(1/3) where A, C: psd expect refuted
BOUNDS
    FZ=(--file "$f/few.bounds" --samples 10 --dims 1..3 --jobs 1 --prove)
    "$stabcheck" fuzz "${FZ[@]}" --out "$f/full" >/dev/null
    "$stabcheck" fuzz "${FZ[@]}" --shard 1/2 --out "$f/parts"
    "$stabcheck" fuzz "${FZ[@]}" --shard 2/2 --out "$f/parts"
    "$stabcheck" merge "$f/parts/shard-1-of-2.json" "$f/parts/shard-2-of-2.json" --out "$f/merged"
    tool compare "$f/full" "$f/merged"
    ;;
  mpi)
    mpiexec="${4:?MPIEXEC}"
    rm -rf "$dir/mpi"
    "$mpiexec" --allow-run-as-root --oversubscribe -n 2 "$stabcheck" run --mpi "${SEL[@]}" --out "$dir/mpi"
    tool compare "$dir/full" "$dir/mpi"
    ;;
  *) echo "usage: shards.sh setup|merge|balanced|fuzz|mpi|missing|duplicated|corrupt|other-seed|other-version|forged-counterexample|forged-proof STABCHECK DIR [MPIEXEC]" >&2; exit 2 ;;
esac
