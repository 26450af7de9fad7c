#!/usr/bin/env bash
# Builds the project and runs the LipMIP benchmark (org.nnmip.perf.lipschitz.LipschitzBenchmark): the Table 1/2
# networks of Jordan & Dimakis 2020, every method's time and relative error, and our B&B vs SCIP on the exported MIP.
# Arguments are passed through, e.g.
#   perf/run-lipschitz-benchmark.sh --time-limit 120 --nets 16,10
#   perf/run-lipschitz-benchmark.sh --nets 784 --radius 0.05 --output-norm l1
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
  -cp "perf/target/classes:perf/target/lib/*" org.nnmip.perf.lipschitz.LipschitzBenchmark "$@"
