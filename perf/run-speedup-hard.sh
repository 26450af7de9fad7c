#!/usr/bin/env bash
# Generates seeded multi-second MIPs (org.nnmip.perf.mip.HardMipGenerator: multi-dimensional knapsacks and
# near-unicost set covers) into a directory and measures nnmip's 1- vs 2-thread speed-up on them
# (MipBenchmark --speedup). Usage: perf/run-speedup-hard.sh [OUTDIR] [extra MipBenchmark options, e.g. --reps 3].
# Set SKIP_BUILD=1 to reuse an existing build.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$REPO"
OUT="${1:-perf/target/hard-mips}"
shift || true
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -o -DskipTests -pl perf -am package
fi
CP="perf/target/classes:perf/target/lib/*"
JAVA=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
  --sun-misc-unsafe-memory-access=allow -Xss8m ${BENCH_JVM_OPTS:-})
"${JAVA[@]}" -cp "$CP" org.nnmip.perf.mip.HardMipGenerator "$OUT"
exec "${JAVA[@]}" -cp "$CP" org.nnmip.perf.mip.MipBenchmark --dir "$OUT" --speedup --time-limit 120 "$@"
