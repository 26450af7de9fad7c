#!/usr/bin/env bash
# Bound propagation (interval + symbolic) and big-M encoding time on ACAS Xu (org.nnmip.perf.verify.BoundPropagationBench).
# With OLD=/path/to/an/older/checkout (built with 'mvn -o -DskipTests -pl nnverify -am package'), runs the same class
# against that build and this one in turn, RUNS times each (interleaved), and prints both lines per run.
# Arguments: [ACAS_DIR] [rounds]. Set SKIP_BUILD=1 to reuse an existing build.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$REPO"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -o -DskipTests -pl perf -am package
fi
JAVA=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow ${BENCH_JVM_OPTS:-})
NEW_CP="perf/target/classes:perf/target/lib/*"
ARGS=("${1:-testdata/nn/acasxu}" "${2:-20}")
for run in $(seq 1 "${RUNS:-5}"); do
  if [[ -n "${OLD:-}" ]]; then
    OLD_CP="perf/target/classes:$OLD/nnverify/target/nnverify-0.1.0-SNAPSHOT.jar:$OLD/engine/target/engine-0.1.0-SNAPSHOT.jar:$OLD/lp-simplex/target/lp-simplex-0.1.0-SNAPSHOT.jar:perf/target/lib/*"
    echo -n "run $run old: "; "${JAVA[@]}" -cp "$OLD_CP" org.nnmip.perf.verify.BoundPropagationBench "${ARGS[@]}"
  fi
  echo -n "run $run new: "; "${JAVA[@]}" -cp "$NEW_CP" org.nnmip.perf.verify.BoundPropagationBench "${ARGS[@]}"
done
