#!/usr/bin/env bash
# Evidence benchmark (issue "Procedure records ... auditor packets"): the 62323 verdict with N
# procedures and their studies in the database (default 100,000), the PDF packet of a procedure with
# two 30-frame 512x512 runs, and the ZIP packet against reading the same files. One JVM, an embedded
# archive on free ports with an H2 file database; prints medians (paste into docs/benchmarks.md).
#
#   bash src/bench/evidence-bench.sh [N]          (from the repository root)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
mvn -q -o -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
exec java -Xmx2g -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  org.fluorovault.bench.EvidenceBenchmark "${1:-100000}"
