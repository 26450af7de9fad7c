#!/usr/bin/env bash
# Phi_m(alpha) on the resilience experiment's 27-300-5 agent network without and with the sampling heuristic's MIP
# start (org.nnmip.perf.resilience.ResilienceStartBenchmark). Arguments are passed through, e.g.
#   perf/run-resilience-start.sh --time-limit 30 --alphas 1.5,2
# Set SKIP_BUILD=1 to reuse an existing build.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$REPO"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -o -B -q -DskipTests package
fi
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  --sun-misc-unsafe-memory-access=allow -Xss8m ${BENCH_JVM_OPTS:-} \
  -cp "perf/target/classes:perf/target/lib/*" org.nnmip.perf.resilience.ResilienceStartBenchmark "$@"
