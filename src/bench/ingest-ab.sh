#!/usr/bin/env bash
# A/B of the small-object ingest case (ingest-bench.sh's 2,000 x 0.5 MB over one association,
# fsync on) between two FluoroVault jars, interleaved RUNS times. For changes on the C-STORE path.
# SIZE=8 sends tiny 8x8 objects instead (where per-object latencies, not bytes, set the pace).
#
#   bash src/bench/ingest-ab.sh BEFORE.jar AFTER.jar [RUNS]     (from the repository root)
#
# Build BEFORE.jar from the base commit, e.g. git archive BASE | tar -x -C /tmp/base && (cd /tmp/base &&
# mvn -q package -DskipTests). Needs dcmtk. Listens on 127.0.0.1 only.
set -euo pipefail
A=$1; B=$2; RUNS=${3:-5}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${BENCH_WORK:-/tmp/fv-bench-ab}
SMALL_COUNT=${SMALL_COUNT:-2000}
SIZE=${SIZE:-512}
PORT=11193; HTTP=18093
mkdir -p "$WORK"
SMALL="$WORK/data-$SMALL_COUNT-$SIZE"
if [ ! -f "$SMALL/.done" ]; then
  java -cp "$ROOT/target/classes" "$ROOT/src/bench/MakeBenchData.java" "$SMALL" "$SMALL_COUNT" "$SIZE" 1
  touch "$SMALL/.done"
fi

run() { # jar -> seconds
  rm -rf "$WORK/fv"; mkdir -p "$WORK/fv"
  (cd "$WORK" && exec java -jar "$1" --fluorovault.storage.path="$WORK/fv" --fluorovault.dicom.port=$PORT \
     --fluorovault.dicom.bind-address=127.0.0.1 --server.port=$HTTP --server.address=127.0.0.1 \
     --fluorovault.security.admin-password=bench-password-1 --fluorovault.storage.min-free-space=1GB \
     --fluorovault.analysis.on-receipt=false > "$WORK/fv.log" 2>&1) &
  local pid=$! t0 t1 up=0
  for _ in $(seq 1 480); do (echo > /dev/tcp/127.0.0.1/$PORT) 2>/dev/null && { up=1; break; }; sleep 0.5; done
  [ $up = 1 ] || { echo "[ab] $1 did not open port $PORT in 240 s" >&2; kill $pid; exit 1; }
  sync; t0=$(date +%s.%N)
  if ! storescu -aec FLUOROVAULT 127.0.0.1 $PORT "$SMALL"/*.dcm > "$WORK/storescu.log" 2>&1; then
    echo "[ab] storescu failed: $(tail -n 2 "$WORK/storescu.log")" >&2; kill $pid; exit 1
  fi
  t1=$(date +%s.%N)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$t1 - $t0" | bc -l
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

TA=""; TB=""
for i in $(seq 1 "$RUNS"); do
  TA+="$(run "$A") "; TB+="$(run "$B") "
  echo "[ab] run $i: A $TA| B $TB" >&2
done
MA=$(median $TA); MB=$(median $TB)
printf "| jar | median s | instances/s |\n|---|---|---|\n| A %s | %.2f | %.0f |\n| B %s | %.2f | %.0f |\n" \
  "$(basename "$A")" "$MA" "$(echo "$SMALL_COUNT / $MA" | bc -l)" \
  "$(basename "$B")" "$MB" "$(echo "$SMALL_COUNT / $MB" | bc -l)"
printf "B/A time ratio: %.3f. Raw (s): A %s; B %s\n" "$(echo "$MB / $MA" | bc -l)" "$TA" "$TB"
