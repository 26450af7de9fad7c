#!/usr/bin/env bash
# Interleaved A/B of bound propagation + big-M encoding on ACAS Xu in ONE JVM (org.nnmip.perf.verify.BoundPropagationAbBench):
# this checkout against other builds (each built with 'mvn -o -DskipTests -pl nnverify -am package'), medians per build.
# Usage: run-bound-propagation-ab.sh NAME=/path/to/other/checkout... ; env ROUNDS (default 30), ACAS (testdata/nn/acasxu),
# SKIP_BUILD=1 to reuse this checkout's build. The first build listed is the reference of the ratios.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$REPO"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -o -DskipTests -pl perf -am package
fi
# Shared libraries without our own modules, which each build supplies itself.
LIBS=$(ls perf/target/lib/*.jar | grep -v -e '/nnverify-' -e '/engine-' -e '/lp-simplex-' -e '/cli-' | tr '\n' ':')
own() { echo "perf/target/classes:$1/nnverify/target/classes:$1/engine/target/classes:$1/lp-simplex/target/classes:$LIBS"; }
SPECS=()
for spec in "$@"; do SPECS+=("${spec%%=*}=$(own "${spec#*=}")"); done
SPECS+=("this=$(own "$REPO")")
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --sun-misc-unsafe-memory-access=allow ${BENCH_JVM_OPTS:-} \
  -cp perf/target/classes org.nnmip.perf.verify.BoundPropagationAbBench "${ACAS:-testdata/nn/acasxu}" "${ROUNDS:-30}" "${SPECS[@]}"
