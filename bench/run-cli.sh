#!/usr/bin/env bash
# The CLI benchmark (issue #18, docs/performance.md "The command against its limits"): whole deltasql
# processes, as users run them, against their limits measured in the same run — psql \copy of the same
# rows into a plain table, Delta Kernel 4.4.0 reading the same _delta_log (bench/kernel), a bare JVM —
# on the default PostgreSQL (PGHOST/PGPORT/PGUSER or 127.0.0.1:5432 postgres), with wall, CPU, peak RSS
# and the load average beside every figure. Needs GNU time (/usr/bin/time) and psql.
#
#   bench/run-cli.sh                          # every row, this checkout's bin/deltasql
#   BEFORE=/work/wt/before bench/run-cli.sh   # the same rows also for another checkout's bin/deltasql
#                                             # (its jar is built first if missing), one column each
#   bench/run-cli.sh --small                  # small sizes: checks that the harness works (not for figures)
#   bench/run-cli.sh --rows version,snapshot-15 --repeat 9 --report /tmp/cli.md    # (see --help)
#
# Tables are generated once into bench/target/cli-data (~10 GB at full size) and reused. Environment:
# BENCH_MVN_OPTS (extra Maven options, e.g. -Dmaven.repo.local=...), BENCH_GEN_HEAP (the harness's own
# heap, which generates the tables: 3g).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
# shellcheck disable=SC2086  # BENCH_MVN_OPTS is a list of options on purpose
mvn -B -q ${BENCH_MVN_OPTS:-} -pl cli,bench,bench/kernel -am package dependency:build-classpath -DskipTests \
  -DincludeScope=runtime -Dmdep.outputFile=target/runtime.classpath >/dev/null

builds=()
if [ -n "${BEFORE:-}" ]; then
  if [ ! -f "$BEFORE/cli/target/deltasql.jar" ]; then
    echo "run-cli: building $BEFORE/cli/target/deltasql.jar" >&2
    # shellcheck disable=SC2086
    (cd "$BEFORE" && mvn -B -q ${BENCH_MVN_OPTS:-} -pl cli -am package -DskipTests) >&2
  fi
  builds+=(--build "before=$BEFORE/bin/deltasql")
fi
builds+=(--build "after=$root/bin/deltasql")

args=()
for a in "$@"; do
  if [ "$a" = "--small" ]; then
    args+=(--versions 1000 --big-versions 5000 --checkpoint-files 100000 --history-files 20000 --many-versions 700 --repeat 3)
  else
    args+=("$a")
  fi
done

exec java -Xmx"${BENCH_GEN_HEAP:-3g}" -cp "bench/target/classes:$(cat bench/target/runtime.classpath)" \
  io.deltasql.bench.CliBenchmark "${builds[@]}" \
  --kernel-classpath "bench/kernel/target/classes:$(cat bench/kernel/target/runtime.classpath)" "${args[@]}"
