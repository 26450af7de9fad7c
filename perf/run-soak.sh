#!/usr/bin/env bash
# Builds the project and runs the wrong-answer soak (org.nnmip.perf.soak.SoakMain): random small verification
# instances checked against SCIP on an independent big-M encoding and against sampling. Arguments: [COUNT [FIRST_SEED]],
#   perf/run-soak.sh 5000
# Set SKIP_BUILD=1 to reuse an existing build. Exit code 1 on any disagreement.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$REPO"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -DskipTests package
fi
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  --sun-misc-unsafe-memory-access=allow -Xss8m ${BENCH_JVM_OPTS:-} \
  -cp "perf/target/classes:perf/target/lib/*" org.nnmip.perf.soak.SoakMain "$@"
