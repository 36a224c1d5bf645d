#!/usr/bin/env bash
# compose.yaml's topology without containers: two Cohort instances on one PostgreSQL (and one
# Redis, when REDIS_URL is set), on ports 4001 and 4002. Put any load balancer in front.
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/cohort bash scripts/two-instances.sh
# The first start on an empty database prints the first API keys. Ctrl-C stops both.
# The test of this topology (a write seen across, a revoked key refused across, limits exact
# across): TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres npx vitest run test/trust/instances.test.ts
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?Set DATABASE_URL to a PostgreSQL database (postgres://…)}"
export DATABASE_URL

pids=()
stop() { kill -TERM "${pids[@]}" 2>/dev/null || true; wait; }
trap stop INT TERM

# The first instance applies the migrations (and creates the first keys) before the second starts.
PORT=4001 node --import tsx src/main.ts &
pids+=($!)
until curl -fs http://127.0.0.1:4001/ready >/dev/null 2>&1; do
  kill -0 "${pids[0]}" 2>/dev/null || { echo "The first instance stopped" >&2; exit 1; }
  sleep 0.5
done
PORT=4002 node --import tsx src/main.ts &
pids+=($!)
echo "Cohort is running on http://127.0.0.1:4001/graphql and http://127.0.0.1:4002/graphql (Ctrl-C stops both)"
wait
