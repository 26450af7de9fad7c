#!/usr/bin/env bash
# Root-cut effect table (org.nnmip.perf.mip.CutComparison): root bounds with no cuts, cover/MIR, + GMI; gap
# closed; nodes and time without and with GMI. Arguments pass through, e.g. --instances p0033,lseu --time-limit 60.
# Set SKIP_BUILD=1 to reuse an existing build.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$REPO"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -o -DskipTests -pl perf -am package
fi
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  --sun-misc-unsafe-memory-access=allow -Xss8m ${BENCH_JVM_OPTS:-} \
  -cp "perf/target/classes:perf/target/lib/*" org.nnmip.perf.mip.CutComparison "$@"
