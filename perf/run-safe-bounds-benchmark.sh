#!/usr/bin/env bash
# Safe (rigorous) vs plain LP bounds in verify on ACAS Xu, interleaved (org.nnmip.perf.verify.SafeBoundsBenchmark).
#   perf/run-safe-bounds-benchmark.sh [repetitions] [all|mip|hard]
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
  -cp "perf/target/classes:perf/target/lib/*" org.nnmip.perf.verify.SafeBoundsBenchmark "${1:-3}" "$REPO/testdata" "${2:-all}"
