#!/usr/bin/env bash
# SQLite store benchmark (docs/performance.md, "SQLite store"): builds the modules, generates the
# synthetic logs once (shared with run-writer.sh, in bench/target/writer-data; BENCH_GEN_HEAP=4g for
# the generator), then runs io.deltasql.bench.SqliteBenchmark in its own JVM under the memory target
# (BENCH_HEAP=256m). The snapshot comparison also needs the local PostgreSQL (PGHOST/PGPORT/PGUSER or
# 127.0.0.1:5432 postgres; it creates and drops its own database). Extra arguments go to the
# benchmark, e.g.
#   bench/run-sqlite.sh --versions 10000 --big 100000 --snapshot-files 20000
# BENCH_MVN_OPTS goes to the Maven build (e.g. -Dmaven.repo.local=… for a worktree's own repository),
# BENCH_JVM_OPTS to the benchmark's JVM (e.g. a JFR recording).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q ${BENCH_MVN_OPTS:-} -pl bench -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/bench/target/bench.classpath" >/dev/null
CP="bench/target/classes:$(cat bench/target/bench.classpath)"
java -Xmx"${BENCH_GEN_HEAP:-3g}" -cp "$CP" io.deltasql.bench.SqliteBenchmark --generate-only "$@"
exec java -Xmx"${BENCH_HEAP:-256m}" ${BENCH_JVM_OPTS:-} -cp "$CP" io.deltasql.bench.SqliteBenchmark "$@"
