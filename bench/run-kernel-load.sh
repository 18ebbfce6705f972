#!/usr/bin/env bash
# Snapshot load + scan planning: Delta Kernel through deltasql vs Kernel's own replay of _delta_log
# (io.deltasql.bench.KernelLoadBenchmark; needs the local PostgreSQL). Heap: BENCH_HEAP (default 4g).
# Extra arguments go to the benchmark, e.g.  bench/run-kernel-load.sh --versions 1200 --big 200000 --rounds 5
# The real shared tables instead of the synthetic ones:  bench/run-kernel-load.sh --shared ../shared/delta-tables --rounds 15 --warmup 5
# BENCH_MVN_OPTS goes to the Maven build (e.g. -Dmaven.repo.local=… for a worktree's own repository).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q ${BENCH_MVN_OPTS:-} -pl bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/bench/target/bench.classpath" >/dev/null
exec java -Xmx"${BENCH_HEAP:-4g}" -Dlog4j2.configurationFile=log4j2.xml ${BENCH_JVM_OPTS:-} -cp "bench/target/classes:$(cat bench/target/bench.classpath)" \
  io.deltasql.bench.KernelLoadBenchmark "$@"
