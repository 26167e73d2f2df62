#!/usr/bin/env bash
# Ingest benchmark (issue "Archive core"): dcmtk storescu sends over one association to
# FluoroVault (fsync on), dcmtk storescp and Orthanc, side by side in one run, RUNS times each,
# interleaved. Prints medians and ratios as Markdown (paste into docs/benchmarks.md).
#
#   bash src/bench/ingest-bench.sh [RUNS]        (from the repository root, after mvn package -DskipTests)
#
# Needs: dcmtk, orthanc (Debian packages). Everything listens on 127.0.0.1 only.
set -euo pipefail
RUNS=${1:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$(ls "$ROOT"/target/fluorovault-*.jar | grep -v -e original -e tools | head -1)
WORK=${BENCH_WORK:-/tmp/fv-bench}
BIG_COUNT=${BIG_COUNT:-64}
SMALL_COUNT=${SMALL_COUNT:-2000}
FV_DICOM=11190; FV_HTTP=18090; DCMTK_PORT=11191; ORTHANC_DICOM=11192; ORTHANC_HTTP=18092
mkdir -p "$WORK"

. "$ROOT/src/bench/bench-lib.sh"

start_fv() { # extra JVM options
  rm -rf "$WORK/fv"; mkdir -p "$WORK/fv"
  (cd "$WORK" && exec java ${1:-} -jar "$JAR" --fluorovault.storage.path="$WORK/fv" \
     --fluorovault.dicom.port=$FV_DICOM --fluorovault.dicom.bind-address=127.0.0.1 --server.port=$FV_HTTP \
     --server.address=127.0.0.1 --fluorovault.security.admin-password=bench-password-1 \
     --fluorovault.storage.min-free-space=1GB > "$WORK/fv.log" 2>&1) &
  FV_PID=$!
  wait_port $FV_DICOM
}
stop_fv() { kill $FV_PID 2>/dev/null || true; wait $FV_PID 2>/dev/null || true; }

start_orthanc() {
  rm -rf "$WORK/orthanc"; mkdir -p "$WORK/orthanc/db"
  cat > "$WORK/orthanc/config.json" <<JSON
{ "Name": "bench", "StorageDirectory": "$WORK/orthanc/db", "IndexDirectory": "$WORK/orthanc/db",
  "HttpPort": $ORTHANC_HTTP, "DicomPort": $ORTHANC_DICOM, "DicomAet": "ORTHANC", "RemoteAccessAllowed": false,
  "DicomCheckCalledAet": false, "DicomAlwaysAllowStore": true, "AcceptedTransferSyntaxes": ["1.2.840.10008.1.*"],
  "Plugins": [], "AuthenticationEnabled": false }
JSON
  /usr/sbin/Orthanc "$WORK/orthanc/config.json" > "$WORK/orthanc.log" 2>&1 &
  ORTHANC_PID=$!
  wait_port $ORTHANC_DICOM
}
stop_orthanc() { kill $ORTHANC_PID 2>/dev/null || true; wait $ORTHANC_PID 2>/dev/null || true; }

# seconds for storescu to send DIR/*.dcm over one association to PORT AET
send_time() {
  sync; local t0 t1
  t0=$(date +%s.%N)
  storescu -aec "$3" 127.0.0.1 "$2" "$1"/*.dcm > "$WORK/storescu.log" 2>&1 || { log "storescu failed: $(tail -3 "$WORK/storescu.log")"; echo "nan"; return; }
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}


BIG="$WORK/data-big"; SMALL="$WORK/data-small"
make_data "$BIG" "$BIG_COUNT" 512 30
make_data "$SMALL" "$SMALL_COUNT" 512 1
BIG_MB=$(du -sm --apparent-size "$BIG" | cut -f1)

declare -A T
for set in big small; do
  dir=$BIG; [ $set = small ] && dir=$SMALL
  for run in $(seq 1 "$RUNS"); do
    start_fv;      T[fv-$set]+="$(send_time "$dir" $FV_DICOM FLUOROVAULT) ";  stop_fv
    start_dcmtk $DCMTK_PORT; T[dcmtk-$set]+="$(send_time "$dir" $DCMTK_PORT DCMTK) ";   stop_dcmtk
    start_orthanc; T[orthanc-$set]+="$(send_time "$dir" $ORTHANC_DICOM ORTHANC) "; stop_orthanc
    log "$set run $run: fv ${T[fv-$set]}| dcmtk ${T[dcmtk-$set]}| orthanc ${T[orthanc-$set]}"
  done
done

# the same 2,000 small instances over 4 parallel associations (500 each), FluoroVault only
parallel_time() {
  sync; local t0 t1
  t0=$(date +%s.%N)
  for part in 0 1 2 3; do
    ls "$SMALL"/*.dcm | awk -v p=$part 'NR % 4 == p' | xargs storescu -aec FLUOROVAULT 127.0.0.1 $FV_DICOM > "$WORK/storescu-par-$part.log" 2>&1 &
  done
  wait
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
PAR=""
for run in $(seq 1 "$RUNS"); do start_fv; PAR+="$(parallel_time) "; stop_fv; done
log "small, 4 associations: fv $PAR"

# 2 GB object received with -Xmx256m
HUGE="$WORK/data-huge"
make_data "$HUGE" 1 1024 1000
start_fv "-Xmx256m"
HUGE_T=$(send_time "$HUGE" $FV_DICOM FLUOROVAULT)
HUGE_OK=$(grep -c "Received Store Response (Success)" "$WORK/storescu.log" || true)
storescu -v -aec FLUOROVAULT 127.0.0.1 $FV_DICOM "$HUGE"/*.dcm > "$WORK/storescu-huge.log" 2>&1 || true
HUGE_OK=$(grep -c "Received Store Response (Success)" "$WORK/storescu-huge.log" || true)
HUGE_STORED=$(find "$WORK/fv/objects" -name '*.dcm' -size +1G | wc -l)
HUGE_HEAP=$(grep -o "OutOfMemoryError" "$WORK/fv.log" | head -1 || true)
stop_fv

echo
echo "Run of $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $RUNS runs each, medians; one association, dcmtk storescu $(storescu --version | head -1 | awk '{print $3}')."
echo
echo "| Receiver | 64 x 15.7 MB XA: s | MB/s | vs storescp | 2,000 x 0.5 MB: s | instances/s |"
echo "|---|---|---|---|---|---|"
DCMTK_BIG=$(median ${T[dcmtk-big]})
for r in fv dcmtk orthanc; do
  b=$(median ${T[$r-big]}); s=$(median ${T[$r-small]})
  name=$r; [ $r = fv ] && name="FluoroVault (fsync on)"; [ $r = dcmtk ] && name="dcmtk storescp (no fsync)"; [ $r = orthanc ] && name="Orthanc 1.10 (no fsync)"
  printf "| %s | %.2f | %.0f | %.2fx | %.2f | %.0f |\n" "$name" "$b" "$(echo "$BIG_MB / $b" | bc -l)" \
    "$(echo "$DCMTK_BIG / $b" | bc -l)" "$s" "$(echo "$SMALL_COUNT / $s" | bc -l)"
done
printf "| FluoroVault, 4 parallel associations (fsync on) | | | | %.2f | %.0f |\n" "$(median $PAR)" "$(echo "$SMALL_COUNT / $(median $PAR)" | bc -l)"
echo
echo "Raw times (s): fv big ${T[fv-big]}; dcmtk big ${T[dcmtk-big]}; orthanc big ${T[orthanc-big]}; fv small ${T[fv-small]}; dcmtk small ${T[dcmtk-small]}; orthanc small ${T[orthanc-small]}; fv small 4 associations $PAR"
echo
echo "2 GB object ($(du -m --apparent-size "$HUGE"/*.dcm | cut -f1) MB, 1024x1024x1000) into FluoroVault with -Xmx256m: first send $(printf '%.1f' "$HUGE_T") s; success responses: $HUGE_OK (second send: identical duplicate); stored files over 1 GB: $HUGE_STORED; OutOfMemoryError in log: ${HUGE_HEAP:-none}."
