#!/usr/bin/env bash
# Load without hangs: 256 concurrent connections on the pupil pages for a bounded time, over
# loopback only, against the release server on a fresh SQLite file (or DATABASE_URL=postgres://…).
# Prints, per page, requests/s, the latency distribution, errors (non-2xx, socket errors and
# timeouts) and how many requests took over 2 s (wrk's --timeout 2s counts them as timeouts).
#
#   benches/pupil-load.sh [seconds per page, default 60] [connections, default 256]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_PAGE="${1:-60}"
CONNECTIONS="${2:-256}"
PORT="${BENCH_PORT:-3079}"
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
[ -x target/release/server ] || { scripts/setup && . scripts/env.sh && cargo leptos build --release; }
ulimit -n 65536 2>/dev/null || true

DIR=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DIR"' EXIT
SILLAGE_SITE__ADDRESS="127.0.0.1:$PORT" \
SILLAGE_DATABASE__URL="${DATABASE_URL:-sqlite://$DIR/load.db}" \
SILLAGE_AUDIT__KEY="load-test-journal-key-0123456789abcdef" \
SILLAGE_DEMO__MODE=on SILLAGE_DEMO__FORCE=true \
SILLAGE_PORTFOLIO__EVIDENCE_DIR="$DIR/evidence" \
SILLAGE_LIMITS__SIGN_IN_PER_ADDRESS_PER_MINUTE=1000000 \
SILLAGE_LIMITS__SIGN_IN_PER_ACCOUNT_PER_MINUTE=1000000 \
RUST_LOG=warn ./target/release/server &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
COOKIE=$(curl -s -o /dev/null -D - -X POST -H "Origin: $BASE" -d compte=eleve "$BASE/auth/demo" \
  | sed -n 's/^set-cookie: \(__Host-sillage=[^;]*\).*/\1/ip' | head -1)
[ -n "$COOKIE" ] || { echo "could not sign in the demo pupil" >&2; exit 1; }
# A few entries, so that the pages have something to show.
for i in $(seq 1 20); do
  curl -s -o /dev/null -H "Cookie: $COOKIE" -H "Origin: $BASE" -H "Accept: application/json" \
    --data-urlencode "entry[kind]=project" --data-urlencode "entry[title]=Projet $i" \
    --data-urlencode "entry[started_on]=2026-0$(( 1 + i % 9 ))-1$(( i % 10 ))" \
    --data-urlencode "entry[place]=Collège" --data-urlencode "entry[description]=Fait" \
    --data-urlencode "entry[reflection]=Appris" "$BASE/api/portfolio_save"
done

for page in / /portfolio /portfolio/competences /pix /journal /coffre-fort /famille; do
  echo "== GET $page, $CONNECTIONS connections, ${SECONDS_PER_PAGE}s"
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_PAGE}s" --timeout 2s --latency -H "Cookie: $COOKIE" "$BASE$page" \
    | grep -E "Requests/sec|Latency  |  50%|  99%|Non-2xx|Socket errors"
done
# The server is still alive and answering after the load.
curl -sf "$BASE/healthz" >/dev/null && echo "healthz after the load: ok"
