#!/usr/bin/env bash
# Durable ingest benchmark (issue "Acknowledged means on disk"): in one run, interleaved, RUNS
# times each, medians:
#   - FluoroVault with fsync on (every object durable before its Success) and with fsync off;
#   - dcmtk storescp (page cache only, TCP_NODELAY=1);
#   - the disk's durable ceiling: the same bytes written by a plain loop of write + fsync + rename +
#     folder fsync (src/bench/DiskCeiling.java), no network.
# dcmtk storescu sends over one association (and, for the small objects into FluoroVault durable,
# over 4 associations in parallel). Prints Markdown for docs/benchmarks.md.
#
#   mvn -q package -DskipTests && bash src/bench/durable-bench.sh [RUNS]
#
# Needs dcmtk. Everything listens on 127.0.0.1 only.
set -euo pipefail
RUNS=${1:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$(ls "$ROOT"/target/fluorovault-*.jar | grep -v -e original -e tools | head -1)}
# AB_JAR: another build (e.g. the commit before a change) measured in the same loop, fsync on, as "before"
AB_JAR=${AB_JAR:-}
WORK=${BENCH_WORK:-/tmp/fv-durable-bench}
BIG_COUNT=${BIG_COUNT:-16}
SMALL_COUNT=${SMALL_COUNT:-2000}
FV_DICOM=11193; FV_HTTP=18093; DCMTK_PORT=11194
mkdir -p "$WORK"
. "$ROOT/src/bench/bench-lib.sh"

start_fv() { # fsync true|false [jar]
  rm -rf "$WORK/fv"; mkdir -p "$WORK/fv"
  (cd "$WORK" && exec java -jar "${2:-$JAR}" --fluorovault.storage.path="$WORK/fv" --fluorovault.storage.fsync="$1" \
     --fluorovault.dicom.port=$FV_DICOM --fluorovault.dicom.bind-address=127.0.0.1 --server.port=$FV_HTTP \
     --server.address=127.0.0.1 --fluorovault.hl7.port=-1 --fluorovault.security.admin-password=bench-password-1 \
     --fluorovault.analysis.on-receipt=false --fluorovault.storage.min-free-space=1GB > "$WORK/fv.log" 2>&1) &
  FV_PID=$!
  wait_port $FV_DICOM
  # a new archive prepares its 65,536 object folders in the background once (a few seconds): measure after
  for _ in $(seq 1 240); do grep -q "Prepared .* object folders\|object folders not all prepared" "$WORK/fv.log" && break; sleep 0.25; done
}
stop_fv() { kill $FV_PID 2>/dev/null || true; wait $FV_PID 2>/dev/null || true; }
send_time() { # dir port aet
  sync; local t0 t1
  t0=$(date +%s.%N)
  TCP_NODELAY=1 storescu -aec "$3" 127.0.0.1 "$2" "$1"/*.dcm > "$WORK/storescu.log" 2>&1 || { log "storescu failed: $(tail -3 "$WORK/storescu.log")"; echo "nan"; return; }
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
parallel_time() { # dir
  sync; local t0 t1
  t0=$(date +%s.%N)
  for part in 0 1 2 3; do
    ls "$1"/*.dcm | awk -v p=$part 'NR % 4 == p' | TCP_NODELAY=1 xargs storescu -aec FLUOROVAULT 127.0.0.1 $FV_DICOM > "$WORK/storescu-par-$part.log" 2>&1 &
  done
  wait
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
ceiling_time() { rm -rf "$WORK/ceiling"; sync; java "$ROOT/src/bench/DiskCeiling.java" "$1" "$WORK/ceiling"; }

BIG="$WORK/data-big"; SMALL="$WORK/data-small"; WARM_BIG="$WORK/data-warm-big"; WARM_SMALL="$WORK/data-warm-small"
make_data "$BIG" "$BIG_COUNT" 512 30
make_data "$SMALL" "$SMALL_COUNT" 512 1
make_data "$WARM_BIG" 6 512 30
make_data "$WARM_SMALL" 300 512 1
# each receiver gets the same untimed warm-up first (other UIDs): a Java receiver runs for days, so the
# figures that matter are after its JIT has compiled the receive path; storescp gets it too, for the disk
warm() { TCP_NODELAY=1 storescu -aec "$2" 127.0.0.1 "$1" "$WARM_SMALL"/*.dcm "$WARM_BIG"/*.dcm > "$WORK/warm.log" 2>&1 || log "warm-up failed"; }
BIG_MB=$(du -sm --apparent-size "$BIG" | cut -f1)

declare -A T
for set in big small; do
  dir=$BIG; [ $set = small ] && dir=$SMALL
  for run in $(seq 1 "$RUNS"); do
    start_fv true;  warm $FV_DICOM FLUOROVAULT; T[fvsync-$set]+="$(send_time "$dir" $FV_DICOM FLUOROVAULT) "; stop_fv
    start_fv false; warm $FV_DICOM FLUOROVAULT; T[fvnosync-$set]+="$(send_time "$dir" $FV_DICOM FLUOROVAULT) "; stop_fv
    start_dcmtk $DCMTK_PORT; warm $DCMTK_PORT DCMTK;     T[dcmtk-$set]+="$(send_time "$dir" $DCMTK_PORT DCMTK) "; stop_dcmtk
    T[ceiling-$set]+="$(ceiling_time "$dir") "
    if [ -n "$AB_JAR" ]; then start_fv true "$AB_JAR"; warm $FV_DICOM FLUOROVAULT; T[before-$set]+="$(send_time "$dir" $FV_DICOM FLUOROVAULT) "; stop_fv; fi
    if [ $set = small ]; then start_fv true; warm $FV_DICOM FLUOROVAULT; T[fvpar-$set]+="$(parallel_time "$dir") "; stop_fv; fi
    log "$set run $run: fv-sync ${T[fvsync-$set]}| fv-nosync ${T[fvnosync-$set]}| dcmtk ${T[dcmtk-$set]}| ceiling ${T[ceiling-$set]}| fv-4 ${T[fvpar-$set]:-}"
  done
done
rm -rf "$WORK/fv" "$WORK/dcmtk" "$WORK/ceiling"

echo
echo "Run of $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $RUNS runs each, medians; dcmtk storescu $(storescu --version | head -1 | awk '{print $3}') over one association."
echo
echo "| Receiver | $BIG_COUNT x 15.7 MB: s | MB/s | 2,000 x 0.5 MB: s | objects/s |"
echo "|---|---|---|---|---|"
for r in fvsync fvnosync dcmtk ceiling; do
  b=$(median ${T[$r-big]}); s=$(median ${T[$r-small]})
  case $r in fvsync) name="FluoroVault, fsync on (durable)";; fvnosync) name="FluoroVault, fsync off";;
    dcmtk) name="dcmtk storescp (page cache only)";; ceiling) name="disk ceiling: write+fsync+rename+folder fsync, no network";; esac
  printf "| %s | %.2f | %.0f | %.2f | %.0f |\n" "$name" "$b" "$(echo "$BIG_MB / $b" | bc -l)" "$s" "$(echo "$SMALL_COUNT / $s" | bc -l)"
done
if [ -n "$AB_JAR" ]; then
  b=$(median ${T[before-big]}); s=$(median ${T[before-small]})
  printf "| before (%s), fsync on | %.2f | %.0f | %.2f | %.0f |\n" "$(basename "$AB_JAR")" "$b" "$(echo "$BIG_MB / $b" | bc -l)" "$s" "$(echo "$SMALL_COUNT / $s" | bc -l)"
fi
p=$(median ${T[fvpar-small]})
printf "| FluoroVault, fsync on, 4 associations | | | %.2f | %.0f |\n" "$p" "$(echo "$SMALL_COUNT / $p" | bc -l)"
echo
fs=$(median ${T[fvsync-big]}); fn=$(median ${T[fvnosync-big]}); dc=$(median ${T[dcmtk-big]}); ce=$(median ${T[ceiling-big]})
# in MB/s: the lower of the ceiling and the fastest receiver is the larger of the ceiling's time and the
# fastest receiver's (smaller) time
printf "Ratios (big objects, MB/s): durable / lower of (disk ceiling, fastest receiver) = %.2f; fsync off / storescp = %.2f; durable / storescp = %.2f.\n" \
  "$(echo "f=$dc; if ($fn<f) f=$fn; m=$ce; if (f>m) m=f; m / $fs" | bc -l)" "$(echo "$dc / $fn" | bc -l)" "$(echo "$dc / $fs" | bc -l)"
ss=$(median ${T[fvsync-small]}); sn=$(median ${T[fvnosync-small]}); sd=$(median ${T[dcmtk-small]}); sc=$(median ${T[ceiling-small]})
printf "Ratios (small objects, objects/s): durable / disk ceiling = %.2f; fsync off / storescp = %.2f; durable / storescp = %.2f.\n" \
  "$(echo "$sc / $ss" | bc -l)" "$(echo "$sd / $sn" | bc -l)" "$(echo "$sd / $ss" | bc -l)"
echo
echo "Raw times (s): fv-sync big ${T[fvsync-big]}; fv-nosync big ${T[fvnosync-big]}; dcmtk big ${T[dcmtk-big]}; ceiling big ${T[ceiling-big]}; fv-sync small ${T[fvsync-small]}; fv-nosync small ${T[fvnosync-small]}; dcmtk small ${T[dcmtk-small]}; ceiling small ${T[ceiling-small]}; fv-sync small 4 associations ${T[fvpar-small]}; before big ${T[before-big]:-}; before small ${T[before-small]:-}"
