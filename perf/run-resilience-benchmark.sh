#!/usr/bin/env bash
# Builds the project and runs the maximum-resilience heuristic ablation (org.nnmip.perf.resilience.ResilienceBenchmark),
# after Table 1 of Cheng, Nührenberg & Ruess (2017). Arguments are passed through, e.g.
#   perf/run-resilience-benchmark.sh --inputs 27 --hidden 300 --seeds 3 --deltas 0.05,0.2 --time-limit 60
#   perf/run-resilience-benchmark.sh --mode phi --inputs 4 --hidden 20 --alpha 1.5
# Set SKIP_BUILD=1 to reuse an existing build.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$REPO"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -DskipTests package
fi
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  --sun-misc-unsafe-memory-access=allow -Xss8m ${BENCH_JVM_OPTS:-} \
  -cp "perf/target/classes:perf/target/lib/*" org.nnmip.perf.resilience.ResilienceBenchmark "$@"
