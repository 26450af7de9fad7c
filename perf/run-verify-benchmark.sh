#!/usr/bin/env bash
# Builds the project and runs the verification benchmark (org.nnmip.perf.verify.VerifyBenchmark): ACAS Xu props 1-4
# and MNIST-FC 256x2 against the published VNN-COMP times, plus nnmip vs OR-Tools SCIP on one exported MPS per
# instance. Reads ../shared/data/nn when present (else testdata/nn). Arguments are passed through, e.g.
#   perf/run-verify-benchmark.sh --time-limit 10 --mip-limit 10
#   perf/run-verify-benchmark.sh --only acas --nets 1_1,3_3 --no-mip
# Set SKIP_BUILD=1 to reuse an existing build.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$REPO"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -o -DskipTests package
fi
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  --sun-misc-unsafe-memory-access=allow -Xss8m ${BENCH_JVM_OPTS:-} \
  -cp "perf/target/classes:perf/target/lib/*" org.nnmip.perf.verify.VerifyBenchmark "$@"
