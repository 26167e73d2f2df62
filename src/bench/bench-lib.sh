# Shared helpers of the ingest benchmarks (sourced by ingest-bench.sh and durable-bench.sh; needs ROOT and WORK).
log() { echo "[bench] $*" >&2; }

make_data() { # dir count size frames: COUNT objects of SIZExSIZExFRAMES, made once
  if [ ! -f "$1/.done-$2-$3-$4" ]; then
    rm -rf "$1"; log "generating $2 objects of $3x$3x$4 in $1"
    java -cp "$ROOT/target/classes" "$ROOT/src/bench/MakeBenchData.java" "$1" "$2" "$3" "$4"
    touch "$1/.done-$2-$3-$4"
  fi
}

wait_port() { for _ in $(seq 1 240); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.25; done; log "port $1 not up"; return 1; }

start_dcmtk() { # port
  rm -rf "$WORK/dcmtk"; mkdir -p "$WORK/dcmtk"
  TCP_NODELAY=1 storescp -aet DCMTK -od "$WORK/dcmtk" "$1" > "$WORK/storescp.log" 2>&1 &
  DCMTK_PID=$!
  wait_port "$1"
}
stop_dcmtk() { kill $DCMTK_PID 2>/dev/null || true; wait $DCMTK_PID 2>/dev/null || true; }

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
