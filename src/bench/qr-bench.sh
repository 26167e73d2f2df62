#!/usr/bin/env bash
# Query/retrieve benchmark (issue 3). Prints Markdown for docs/benchmarks.md.
#   a. C-FIND at STUDY level by PatientID against an index of 1,000,000 instances (50,000 studies
#      of 20 instances, 10,000 patients) filled by src/bench/FillIndex.java with JDBC batches;
#      latency measured by src/bench/FindBench.java: one association, many queries.
#   b. the same C-FIND against FluoroVault and Orthanc holding the same TINY_COUNT tiny (8x8) XA
#      instances, sent to both over DICOM by dcmtk storescu (one association each).
#   c. C-MOVE of a 30 x 15.7 MB XA study (512x512x30) to a dcmtk storescp, against the ingest of
#      the same study by storescu into FluoroVault in the same run.
# RUNS rounds of each, medians. Everything listens on 127.0.0.1 only.
#
#   mvn -q package -DskipTests && mvn -q dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
#   bash src/bench/qr-bench.sh [RUNS] [PARTS]    (from the repository root; needs dcmtk and orthanc)
# PARTS: any of a, b, c (default abc). FAST_DIR (default /dev/shm/fv-qr-bench) holds the stores of
# part b for both servers: the fill of 100,000 objects is set-up, not what b measures, and with an
# fsync per object on this shared disk Orthanc takes hours for it. With KEEP_B=1 the two stores stay
# there after the run, and a later run with the same TINY_COUNT queries them without sending again.
set -euo pipefail
RUNS=${1:-3}
PARTS=${2:-abc}
FAST_DIR=${FAST_DIR:-/dev/shm/fv-qr-bench}
KEEP_B=${KEEP_B:-0}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$(ls "$ROOT"/target/fluorovault-*.jar | grep -v -e original -e tools | head -1)
CP="$ROOT/target/classes:$(cat "$ROOT/target/bench-cp.txt")"
WORK=${BENCH_WORK:-/tmp/fv-qr-bench}
TINY_COUNT=${TINY_COUNT:-10000}
QUERIES=${QUERIES:-1000}
FV_DICOM=11290; FV_HTTP=18190; SCP_PORT=11291; ORTHANC_DICOM=11292; ORTHANC_HTTP=18192
mkdir -p "$WORK"
FV_PID=; ORTHANC_PID=; SCP_PID=
trap 'kill $FV_PID $ORTHANC_PID $SCP_PID 2>/dev/null || true' EXIT
log() { echo "[qr-bench] $*" >&2; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
wait_port() { for _ in $(seq 1 240); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.5; done; log "port $1 not up"; return 1; }
now() { date +%s.%N; }

start_fv() { # storage dir
  mkdir -p "$1"
  (cd "$WORK" && exec java -jar "$JAR" --fluorovault.storage.path="$1" \
     --fluorovault.dicom.port=$FV_DICOM --fluorovault.dicom.bind-address=127.0.0.1 --server.port=$FV_HTTP \
     --server.address=127.0.0.1 --fluorovault.security.admin-password=bench-password-1 \
     --fluorovault.storage.min-free-space=1GB --fluorovault.analysis.on-receipt=false \
     --fluorovault.dicom.move-destinations[STORESCP].host=127.0.0.1 \
     --fluorovault.dicom.move-destinations[STORESCP].port=$SCP_PORT > "$WORK/fv.log" 2>&1) &
  FV_PID=$!
  wait_port $FV_DICOM
}
stop_fv() { kill $FV_PID 2>/dev/null || true; wait $FV_PID 2>/dev/null || true; }

start_orthanc() { # dir
  mkdir -p "$1/db"
  cat > "$1/config.json" <<JSON
{ "Name": "qr-bench", "StorageDirectory": "$1/db", "IndexDirectory": "$1/db",
  "HttpPort": $ORTHANC_HTTP, "DicomPort": $ORTHANC_DICOM, "DicomAet": "ORTHANC", "RemoteAccessAllowed": false,
  "DicomCheckCalledAet": false, "DicomAlwaysAllowStore": true, "DicomAlwaysAllowFind": true,
  "AcceptedTransferSyntaxes": ["1.2.840.10008.1.*"], "Plugins": [], "AuthenticationEnabled": false }
JSON
  # TCP_NODELAY=1: without it dcmtk-based receivers wait for the delayed ACK (about 40 ms) on
  # every response; that is the socket, not the index (see docs/benchmarks.md).
  TCP_NODELAY=1 /usr/sbin/Orthanc "$1/config.json" > "$WORK/orthanc.log" 2>&1 &
  ORTHANC_PID=$!
  wait_port $ORTHANC_DICOM
}
stop_orthanc() { kill $ORTHANC_PID 2>/dev/null || true; wait $ORTHANC_PID 2>/dev/null || true; }

send() { # dir port aet -> seconds
  local t0; t0=$(now)
  storescu -aec "$3" +sd +sp "*.dcm" 127.0.0.1 "$2" "$1" > "$WORK/storescu.log" 2>&1 || { log "storescu failed: $(tail -3 "$WORK/storescu.log")"; echo nan; return; }
  echo "$(now) - $t0" | bc -l
}
find_bench() { # port aet prefix patients -> "median p95 matches"
  java -cp "$CP" "$ROOT/src/bench/FindBench.java" 127.0.0.1 "$1" "$2" "$3" "$4" "$QUERIES" 2>>"$WORK/findbench.err"
}

# ---- a. 1,000,000 instances in the index
if [[ $PARTS == *a* ]]; then
A_DIR="$WORK/fv-1m"
if [ ! -f "$A_DIR/.filled" ]; then
  rm -rf "$A_DIR"; start_fv "$A_DIR"; stop_fv   # the application makes the schema
  t0=$(now)
  java -cp "$CP" "$ROOT/src/bench/FillIndex.java" \
    "jdbc:h2:file:$A_DIR/index/fluorovault;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" sa "" \
    MP 10000 50000 20
  FILL_S=$(echo "$(now) - $t0" | bc -l); echo "$FILL_S" > "$A_DIR/.filled"
fi
FILL_S=$(cat "$A_DIR/.filled")
start_fv "$A_DIR"
A=(); A95=()
for run in $(seq 1 "$RUNS"); do
  r=$(find_bench $FV_DICOM FLUOROVAULT MP 10000); A+=("$(echo $r | cut -d' ' -f1)"); A95+=("$(echo $r | cut -d' ' -f2)")
  A_MATCHES=$(echo $r | cut -d' ' -f3); log "1M run $run: $r"
done
stop_fv
fi

# ---- b. the same tiny instances in FluoroVault and Orthanc
if [[ $PARTS == *b* ]]; then
TINY="$WORK/tiny-$TINY_COUNT"
if [ ! -f "$TINY/.done" ]; then
  rm -rf "$TINY"; java -cp "$ROOT/target/classes" "$ROOT/src/bench/MakeBenchData.java" "$TINY" "$TINY_COUNT" 8 1 \
    $((TINY_COUNT / 20)) TP $((TINY_COUNT / 100)); touch "$TINY/.done"
fi
if [ -f "$FAST_DIR/.sent-$TINY_COUNT" ]; then
  read -r B_SEND_FV B_SEND_OR < "$FAST_DIR/.sent-$TINY_COUNT"
  start_fv "$FAST_DIR/fv-tiny"; start_orthanc "$FAST_DIR/orthanc"
  log "reusing the stores of $TINY_COUNT sent earlier (fv $B_SEND_FV s, orthanc $B_SEND_OR s)"
else
  rm -rf "$FAST_DIR"; mkdir -p "$FAST_DIR"; start_fv "$FAST_DIR/fv-tiny"; start_orthanc "$FAST_DIR/orthanc"
  # the sender without Nagle: Orthanc would otherwise wait out a delayed ACK per object (40 ms)
  export TCP_NODELAY=1
  B_SEND_FV=$(send "$TINY" $FV_DICOM FLUOROVAULT); B_SEND_OR=$(send "$TINY" $ORTHANC_DICOM ORTHANC)
  unset TCP_NODELAY
  echo "$B_SEND_FV $B_SEND_OR" > "$FAST_DIR/.sent-$TINY_COUNT"
  log "sent $TINY_COUNT: fv $B_SEND_FV s, orthanc $B_SEND_OR s"
fi
BF=(); BO=(); BF95=(); BO95=()
for run in $(seq 1 "$RUNS"); do
  r=$(find_bench $FV_DICOM FLUOROVAULT TP $((TINY_COUNT / 100))); BF+=("$(echo $r | cut -d' ' -f1)"); BF95+=("$(echo $r | cut -d' ' -f2)"); B_MATCHES=$(echo $r | cut -d' ' -f3)
  o=$(find_bench $ORTHANC_DICOM ORTHANC TP $((TINY_COUNT / 100))); BO+=("$(echo $o | cut -d' ' -f1)"); BO95+=("$(echo $o | cut -d' ' -f2)"); BO_MATCHES=$(echo $o | cut -d' ' -f3)
  log "tiny run $run: fv $r | orthanc $o"
done
stop_orthanc; stop_fv
[ "$KEEP_B" = 1 ] || rm -rf "$FAST_DIR"
fi

# ---- c. C-MOVE of a 30-instance study vs. ingest of it
if [[ $PARTS == *c* ]]; then
BIG="$WORK/big-30"
if [ ! -f "$BIG/.done" ]; then
  rm -rf "$BIG"; java -cp "$ROOT/target/classes" "$ROOT/src/bench/MakeBenchData.java" "$BIG" 30 512 30; touch "$BIG/.done"
fi
BIG_MB=$(du -sm --apparent-size "$BIG" | cut -f1)
STUDY=$(dcmdump +P StudyInstanceUID "$BIG"/xa-000001.dcm | sed 's/.*\[\(.*\)\].*/\1/')
CI_=(); CM=()
for run in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/fv-move" "$WORK/scp"; mkdir -p "$WORK/scp"; start_fv "$WORK/fv-move"
  sync; CI_+=("$(send "$BIG" $FV_DICOM FLUOROVAULT)")
  TCP_NODELAY=1 storescp -aet STORESCP -od "$WORK/scp" $SCP_PORT > "$WORK/storescp.log" 2>&1 & SCP_PID=$!
  wait_port $SCP_PORT; sync
  t0=$(now)
  movescu -S -aec FLUOROVAULT -aem STORESCP -k QueryRetrieveLevel=STUDY -k StudyInstanceUID="$STUDY" \
    127.0.0.1 $FV_DICOM > "$WORK/movescu.log" 2>&1
  CM+=("$(echo "$(now) - $t0" | bc -l)")
  GOT=$(ls "$WORK/scp" | wc -l)
  kill $SCP_PID; wait $SCP_PID 2>/dev/null || true; stop_fv
  log "move run $run: ingest ${CI_[-1]} s, move ${CM[-1]} s, received $GOT"
done
fi

echo
echo "Run of $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)), $RUNS runs each, medians."
if [[ $PARTS == *a* ]]; then
mA=$(median "${A[@]}")
echo
echo "**a. C-FIND, STUDY level by PatientID, 1,000,000 instances** (50,000 studies, 10,000 patients; index filled in $(printf '%.0f' "$FILL_S") s): $QUERIES queries per run over one association, $A_MATCHES matches each on average."
echo
echo "| | median per run (ms) | median (ms) | p95 per run (ms) |"
echo "|---|---|---|---|"
echo "| FluoroVault (H2) | ${A[*]} | $mA | ${A95[*]} |"
fi
if [[ $PARTS == *b* ]]; then
mBF=$(median "${BF[@]}"); mBO=$(median "${BO[@]}")
echo
echo "**b. Side by side, $TINY_COUNT instances (8x8 XA, $((TINY_COUNT / 20)) studies, $((TINY_COUNT / 100)) patients) sent to both** (storescu, one association: FluoroVault $(printf '%.1f' "$B_SEND_FV") s, Orthanc $(printf '%.1f' "$B_SEND_OR") s); same queries, $B_MATCHES / $BO_MATCHES matches each."
echo
echo "| | median per run (ms) | median (ms) | p95 per run (ms) | vs Orthanc |"
echo "|---|---|---|---|---|"
echo "| FluoroVault (H2) | ${BF[*]} | $mBF | ${BF95[*]} | $(printf '%.2f' "$(echo "$mBO / $mBF" | bc -l)")x faster |"
echo "| Orthanc 1.10 (SQLite) | ${BO[*]} | $mBO | ${BO95[*]} | 1.00x |"
fi
if [[ $PARTS == *c* ]]; then
mCI=$(median "${CI_[@]}"); mCM=$(median "${CM[@]}")
echo
echo "**c. C-MOVE of 30 x 15.7 MB XA ($BIG_MB MB) to dcmtk storescp vs. ingest of the same study** (storescu into FluoroVault, fsync on)."
echo
echo "| | seconds per run | median s | MB/s |"
echo "|---|---|---|---|"
printf "| Ingest (storescu -> FluoroVault) | %s | %.2f | %.0f |\n" "${CI_[*]}" "$mCI" "$(echo "$BIG_MB / $mCI" | bc -l)"
printf "| C-MOVE (FluoroVault -> storescp) | %s | %.2f | %.0f |\n" "${CM[*]}" "$mCM" "$(echo "$BIG_MB / $mCM" | bc -l)"
printf "\nC-MOVE MB/s / ingest MB/s: **%.2f**\n" "$(echo "$mCI / $mCM" | bc -l)"
fi
