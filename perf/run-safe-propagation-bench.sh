#!/usr/bin/env bash
# Safe-mode node throughput before/after a propagation change, interleaved (org.nnmip.perf.mip.SafePropagationBench).
#   perf/run-safe-propagation-bench.sh BEFORE_REV [repetitions] [nodeLimit]
# Builds the engine of the working tree ("after"), overlays the BEFORE_REV versions of the propagation call sites
# (DomainPropagator, Worker, MipSolver) for "before", and alternates the two JVMs on a few MIPLIB instances.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
BEFORE="${1:?before revision}"; REPS="${2:-3}"; NODES="${3:-1500}"
cd "$REPO"
mvn -o -B -q -DskipTests -pl engine -am compile
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
FU="$(find ~/.m2/repository/it/unimi/dsi/fastutil -name 'fastutil-*.jar' | head -1)"
CP="engine/target/classes:lp-simplex/target/classes:$FU"
mkdir -p "$TMP/src/org/nnmip/mip" "$TMP/before" "$TMP/bench"
for f in DomainPropagator Worker MipSolver; do
  git show "$BEFORE:engine/src/main/java/org/nnmip/mip/$f.java" > "$TMP/src/org/nnmip/mip/$f.java"
done
"$JAVA_HOME/bin/javac" --add-modules jdk.incubator.vector -nowarn -d "$TMP/before" -cp "$CP" "$TMP"/src/org/nnmip/mip/*.java
"$JAVA_HOME/bin/javac" -d "$TMP/bench" -cp "$CP" perf/src/main/java/org/nnmip/perf/mip/SafePropagationBench.java
FILES="testdata/mip/p0201.mps testdata/mip/stein27.mps testdata/mip/bell5.mps testdata/mip/lseu.mps testdata/mip/mod008.mps"
OPTS="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xss8m"
for ((r = 0; r < REPS; r++)); do
  "$JAVA_HOME/bin/java" $OPTS -cp "$TMP/bench:$TMP/before:$CP" org.nnmip.perf.mip.SafePropagationBench before "$NODES" $FILES
  "$JAVA_HOME/bin/java" $OPTS -cp "$TMP/bench:$CP" org.nnmip.perf.mip.SafePropagationBench after "$NODES" $FILES
done 2>/dev/null
