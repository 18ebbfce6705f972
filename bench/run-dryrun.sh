#!/usr/bin/env bash
# The dry-run calibration (issue #12 point 2, docs/performance.md "Dry-run estimates"): for shared
# tables and synthetic logs, `import --dry-run`'s estimate against the real import (whole process,
# validation on, fresh database) on the default PostgreSQL (PGHOST/PGPORT/PGUSER or
# 127.0.0.1:5432 postgres). Needs GNU time (/usr/bin/time). About 5–10 minutes on a quiet 2-core machine.
#
#   bench/run-dryrun.sh                                   # every default table
#   bench/run-dryrun.sh --synthetic 100x1,1000x25 --shared checkpoint --report /tmp/dryrun.md
#
# Synthetic tables are generated once into bench/target/dryrun-data and reused. Environment:
# BENCH_MVN_OPTS (extra Maven options, e.g. -Dmaven.repo.local=...).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC2086  # BENCH_MVN_OPTS is a list of options on purpose
mvn -B -q ${BENCH_MVN_OPTS:-} -pl cli,bench -am package dependency:build-classpath -DskipTests \
  -DincludeScope=runtime -Dmdep.outputFile=target/runtime.classpath >/dev/null
exec java -Xmx2g -cp "bench/target/classes:$(cat bench/target/runtime.classpath)" \
  io.deltasql.bench.DryRunCalibration "$@"
