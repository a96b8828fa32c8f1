#!/usr/bin/env bash
# The guidance search's results page at national size, under 16 concurrent connections: the
# release server on a fresh SQLite file (or DATABASE_URL=postgres://…), the synthetic national
# set (1,600 métiers, 6,000 formations, 100,000 offers) loaded with `server admin onisep import`
# (its time and peak memory printed), the demo pupil
# signed in. Prints, per address, requests/s and the latency distribution (wrk --latency).
#
#   benches/guidance-load.sh [seconds per address, default 20] [connections, default 16]
#   SERVER_BIN=/tmp/server-before benches/guidance-load.sh …   (another build, for a before/after)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_PAGE="${1:-20}"
CONNECTIONS="${2:-16}"
PORT="${BENCH_PORT:-3081}"
BASE="http://127.0.0.1:$PORT"
SERVER_BIN="${SERVER_BIN:-./target/release/server}"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
[ -x "$SERVER_BIN" ] || { scripts/setup && . scripts/env.sh && cargo leptos build --release; }

DIR=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DIR"' EXIT
cargo run -q --release -p domain --features server --example onisep_synthetic -- "$DIR/onisep"
export SILLAGE_DATABASE__URL="${DATABASE_URL:-sqlite://$DIR/load.db}"
export SILLAGE_AUDIT__KEY="load-test-journal-key-0123456789abcdef"
export SILLAGE_DEMO__MODE=on SILLAGE_DEMO__FORCE=true
export SILLAGE_PORTFOLIO__EVIDENCE_DIR="$DIR/evidence"
export SILLAGE_SITE__PUBLIC_URL="$BASE"
SILLAGE_SITE__ADDRESS="127.0.0.1:$PORT" \
SILLAGE_LIMITS__SIGN_IN_PER_ADDRESS_PER_MINUTE=1000000 \
SILLAGE_LIMITS__SIGN_IN_PER_ACCOUNT_PER_MINUTE=1000000 \
RUST_LOG=warn "$SERVER_BIN" &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
/usr/bin/time -f "import: %e s, peak %M KiB" "$SERVER_BIN" admin onisep import "$DIR/onisep/ideo-metiers.json" \
  "$DIR/onisep/ideo-formations-initiales.json" "$DIR/onisep/ideo-actions-formation-initiale.json" \
  >"$DIR/import.txt" 2>&1
grep -E "^  Created|^import:" "$DIR/import.txt" || { cat "$DIR/import.txt"; exit 1; }
COOKIE=$(curl -s -o /dev/null -D - -X POST -H "Origin: $BASE" -d compte=eleve "$BASE/auth/demo" \
  | sed -n 's/^set-cookie: \(__Host-sillage=[^;]*\).*/\1/ip' | head -1)
[ -n "$COOKIE" ] || { echo "could not sign in the demo pupil" >&2; exit 1; }
# The first search notices the import and builds the index: not timed.
curl -sf -o /dev/null -H "Cookie: $COOKIE" "$BASE/orientation?q=infirmiere"

for address in "/orientation?q=infirmiere" "/orientation?q=mecanique+auto&type=formation" \
  "/orientation?q=ingenieur+informatique&page=2" "/orientation?q=cap&type=formation&academie=Lyon" \
  "/orientation/metiers/MET.100001" "/orientation/formations/FOR.100001?academie=Lyon"; do
  echo "== GET $address, $CONNECTIONS connections, ${SECONDS_PER_PAGE}s"
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_PAGE}s" --timeout 2s --latency -H "Cookie: $COOKIE" "$BASE$address" \
    | grep -E "Requests/sec|Latency  |  50%|  90%|  99%|Non-2xx|Socket errors"
done
