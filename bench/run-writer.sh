#!/usr/bin/env bash
# Writer benchmark: builds delta-log + sink-writer + bench, generates the synthetic logs once (in a
# JVM with a large heap: the generator keeps the live-file state; override BENCH_GEN_HEAP=4g) into
# bench/target/writer-data, then runs io.deltasql.bench.WriterBenchmark in its own JVM with the
# heap limit of the memory target (BENCH_HEAP=256m; more JVM flags: BENCH_JVM_OPTS). Needs the local
# PostgreSQL (PGHOST/PGPORT/PGUSER or 127.0.0.1:5432 postgres); creates and drops its own database.
# Extra arguments go to the benchmark, e.g.
#   bench/run-writer.sh --versions 10000 --per-version 500 --big 100000 [--async-commit]
# BENCH_MVN_OPTS goes to the Maven build (e.g. -Dmaven.repo.local=… for a worktree's own repository).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q ${BENCH_MVN_OPTS:-} -pl bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/bench/target/bench.classpath" >/dev/null
CP="bench/target/classes:$(cat bench/target/bench.classpath)"
java -Xmx"${BENCH_GEN_HEAP:-3g}" -cp "$CP" io.deltasql.bench.WriterBenchmark --generate-only "$@"
exec java -Xmx"${BENCH_HEAP:-256m}" ${BENCH_JVM_OPTS:-} -cp "$CP" io.deltasql.bench.WriterBenchmark "$@"
