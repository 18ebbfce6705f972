#!/usr/bin/env bash
# Kafka Connect benchmark: builds the CLI, delta-log, sink-writer, connector + bench, then runs
# io.deltasql.bench.ConnectBenchmark in its own JVM (1 KRaft broker + 1 Connect worker in-process,
# a fresh database on the local PostgreSQL, dropped at the end; the CLI import of the same log into the same
# database as the baseline of the ratios, issue 17). Heap: BENCH_HEAP (default 1g); more
# JVM flags: BENCH_JVM_OPTS. Extra arguments go to the benchmark, e.g.
#   bench/run-connect.sh --versions 500 --live-seconds 20 --no-eos
#   bench/run-connect.sh --sink consumer.override.max.poll.records=500
# BENCH_MVN_OPTS goes to the Maven build (e.g. -Dmaven.repo.local=… for a worktree's own repository).
set -euo pipefail
cd "$(dirname "$0")/.."
# The CLI jar (cli/target/deltasql.jar): the baseline of the ratios (the CLI import of the same log).
mvn -B -q ${BENCH_MVN_OPTS:-} -pl cli -am package -DskipTests >/dev/null
# One reactor run, so the classpath points at this checkout's freshly built module jars.
mvn -B -q ${BENCH_MVN_OPTS:-} -pl bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/bench/target/bench.classpath" >/dev/null
# log4j2.xml of the bench module: the Kafka test jars carry a log4j2.yaml at INFO, which log4j would prefer.
exec java -Xmx"${BENCH_HEAP:-1g}" ${BENCH_JVM_OPTS:-} -Dlog4j2.configurationFile=log4j2.xml \
  -cp "bench/target/classes:$(cat bench/target/bench.classpath)" \
  io.deltasql.bench.ConnectBenchmark "$@"
