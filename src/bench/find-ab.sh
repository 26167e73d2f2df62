#!/usr/bin/env bash
# A/B of C-FIND latency (qr-bench.sh part a: STUDY level by PatientID, 1,000,000 instances) between
# two FluoroVault jars on the same index, interleaved RUNS times. For changes on the DIMSE or query
# path. Needs the index that qr-bench.sh part a fills (run `bash src/bench/qr-bench.sh 1 a` once).
#
#   bash src/bench/find-ab.sh BEFORE.jar AFTER.jar [RUNS]     (from the repository root)
#
# Each run starts the jar on that index (the same files for both jars), sends QUERIES queries over one
# association (src/bench/FindBench.java) and stops it. Listens on 127.0.0.1 only.
set -euo pipefail
A=$1; B=$2; RUNS=${3:-5}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CP="$ROOT/target/classes:$(cat "$ROOT/target/bench-cp.txt")"
WORK=${BENCH_WORK:-/tmp/fv-qr-bench}
QUERIES=${QUERIES:-500}
DIR="$WORK/fv-1m"; PORT=11294; HTTP=18194
[ -f "$DIR/.filled" ] || { echo "[find-ab] no index in $DIR: run src/bench/qr-bench.sh 1 a first" >&2; exit 1; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
PID=
trap 'kill $PID 2>/dev/null || true' EXIT

run() { # jar -> "median p95"
  (cd "$WORK" && exec java -jar "$1" --fluorovault.storage.path="$DIR" --fluorovault.dicom.port=$PORT \
     --fluorovault.dicom.bind-address=127.0.0.1 --server.port=$HTTP --server.address=127.0.0.1 \
     --fluorovault.security.admin-password=bench-password-1 --fluorovault.storage.min-free-space=1GB \
     --fluorovault.analysis.on-receipt=false > "$WORK/fv-ab.log" 2>&1) &
  PID=$!
  local up=0
  for _ in $(seq 1 480); do (echo > /dev/tcp/127.0.0.1/$PORT) 2>/dev/null && { up=1; break; }; sleep 0.5; done
  [ $up = 1 ] || { echo "[find-ab] $1 did not open port $PORT" >&2; exit 1; }
  java -cp "$CP" "$ROOT/src/bench/FindBench.java" 127.0.0.1 $PORT FLUOROVAULT MP 10000 "$QUERIES" 2>>"$WORK/findbench.err" | cut -d' ' -f1-2
  kill $PID; wait $PID 2>/dev/null || true; PID=
}

RA=(); RB=()
for i in $(seq 1 "$RUNS"); do
  a=$(run "$A"); b=$(run "$B")
  RA+=("${a%% *}"); RB+=("${b%% *}")
  echo "[find-ab] run $i: A $a | B $b (median p95, ms; load $(cut -d' ' -f1 /proc/loadavg))" >&2
done
mA=$(median "${RA[@]}"); mB=$(median "${RB[@]}")
echo "A $(basename "$A"): ${RA[*]} -> median $mA ms"
echo "B $(basename "$B"): ${RB[*]} -> median $mB ms"
printf 'B / A: %.2f\n' "$(echo "$mB / $mA" | bc -l)"
