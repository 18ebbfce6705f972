#!/usr/bin/env bash
# Reader benchmark: builds delta-log + bench, then runs io.deltasql.bench.ReaderBenchmark in its own
# JVM with the heap limit of the memory target (override: BENCH_HEAP=512m; more JVM flags:
# BENCH_JVM_OPTS=-XX:+UseParallelGC). Extra arguments go to the
# benchmark, e.g.  bench/run-reader.sh --versions 200 --big 100000 --rounds 1
# BENCH_MVN_OPTS goes to the Maven build (e.g. -Dmaven.repo.local=… for a worktree's own repository).
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor run, so the classpath points at this checkout's freshly built delta-log jar (the last
# module written, bench, wins the output file).
mvn -B -q ${BENCH_MVN_OPTS:-} -pl bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/bench/target/bench.classpath" >/dev/null
exec java -Xmx"${BENCH_HEAP:-256m}" ${BENCH_JVM_OPTS:-} -cp "bench/target/classes:$(cat bench/target/bench.classpath)" \
  io.deltasql.bench.ReaderBenchmark "$@"
