#!/usr/bin/env bash
# Starts docker-compose.yml, creates the bucket "lake" in MinIO, uploads a sample Delta table as
# s3a://lake/simple-table and registers both connectors (connectors/*.json) through Connect's REST API.
#   docker/setup.sh [path/to/delta-table]     (default: ../shared/delta-tables/simple-table)
# Build the plugin first: mvn -B -pl connect-plugin -am package -DskipTests
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
table="$(cd "${1:-$root/../shared/delta-tables/simple-table}" && pwd)"
connect="http://localhost:8083"
# Compose v2 (docker compose) waits for the health checks itself; v1 (docker-compose) does not know --wait,
# so then the REST retries below do the waiting.
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose -p deltasql -f "$here/docker-compose.yml"); wait_flag=(--wait)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose -p deltasql -f "$here/docker-compose.yml"); wait_flag=()
else
  echo "setup: neither 'docker compose' nor 'docker-compose' found: install Docker Compose" >&2
  exit 2
fi

if [ ! -d "$table/_delta_log" ]; then
  echo "setup: $table has no _delta_log: give the path of a Delta table" >&2
  exit 2
fi
if [ ! -d "$root/connect-plugin/target/plugin" ]; then
  echo "setup: the plugin is not built: run 'mvn -B -pl connect-plugin -am package -DskipTests' in $root" >&2
  exit 2
fi

echo "setup: starting kafka, postgres, minio, connect (first run builds the connect image)..."
"${compose[@]}" up -d --build "${wait_flag[@]}"

echo "setup: bucket lake, table $table -> s3a://lake/simple-table"
"${compose[@]}" run --rm mc mb --ignore-existing lake/lake
"${compose[@]}" run --rm -v "$table:/table:ro" mc mirror --overwrite /table lake/lake/simple-table

# PUT is idempotent (creates or updates); 409 means the worker is still joining its group: retry.
register() {
  local name="$1" file="$2" code
  for _ in $(seq 1 60); do
    code=$(curl -s -o /tmp/deltasql-setup-$name.out -w '%{http_code}' -X PUT \
      -H 'Content-Type: application/json' --data @"$file" "$connect/connectors/$name/config" || true)
    case "$code" in
      200|201) echo "setup: connector $name registered"; return 0 ;;
      409|000|5*) sleep 2 ;;
      *) echo "setup: PUT $connect/connectors/$name/config answered $code: $(cat /tmp/deltasql-setup-$name.out)" >&2
         return 1 ;;
    esac
  done
  echo "setup: Connect did not accept $name in 2 minutes; see: ${compose[*]} logs connect" >&2
  return 1
}
register delta-source "$here/connectors/delta-source.json"
register postgres-sink "$here/connectors/postgres-sink.json"

echo "setup: waiting for the table in PostgreSQL..."
for _ in $(seq 1 60); do
  head=$("${compose[@]}" exec -T postgres psql -U deltasql -d deltasql -tAc \
    "SELECT head_version FROM dl_tables WHERE name = 'simple'" 2>/dev/null || true)
  if [ -n "$head" ]; then
    echo "setup: table simple at version $head in PostgreSQL (localhost:5433, database deltasql, user deltasql)"
    break
  fi
  sleep 2
done
curl -s "$connect/connectors?expand=status" | sed 's/},/},\n/g'
echo
echo "setup: done. Status: curl -s $connect/connectors/delta-source/status"
echo "       SQL:    ${compose[*]} exec postgres psql -U deltasql -d deltasql"
echo "       stop:   ${compose[*]} down -v"
