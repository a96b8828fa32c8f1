#!/usr/bin/env bash
# Load measurement of the portal on this machine: the release server on a fresh SQLite file (or,
# with DATABASE_URL=postgres://…/db, in a fresh database made on that server and dropped after),
# driven by wrk over loopback for a bounded time. Each page's req/s is printed beside a
# hello-world axum (server/examples/hello_axum.rs) measured in the same run, with the ratio.
#
#   benches/load.sh [seconds per run, default 10] [connections, default 64]
#   SERVER_BIN=/path/to/an/older/server benches/load.sh …   (before/after on the same machine)
#
# wrk shares the machine's cores with the server, so the numbers are a floor, not a ceiling.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-10}"
CONNECTIONS="${2:-64}"
PORT="${BENCH_PORT:-3077}"
BASE="http://127.0.0.1:$PORT"
SERVER_BIN="${SERVER_BIN:-./target/release/server}"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
[ -x "$SERVER_BIN" ] || { scripts/setup && . scripts/env.sh && cargo leptos build --release --split --precompress; }
ulimit -n 65536 2>/dev/null || true

DIR=$(mktemp -d)
DATABASE="sqlite://$DIR/bench.db"
DROP_DB=""
if [ -n "${DATABASE_URL:-}" ]; then
  # A database of its own on that server: the figures do not depend on what an earlier run left.
  ADMIN_URL="$DATABASE_URL"
  NAME="sillage_bench_$$"
  psql -q "$ADMIN_URL" -c "CREATE DATABASE $NAME" >/dev/null
  DATABASE="${ADMIN_URL%/*}/$NAME"
  DROP_DB="psql -q $ADMIN_URL -c 'DROP DATABASE IF EXISTS $NAME WITH (FORCE)' >/dev/null"
fi
SERVER=""
HELLO=""
cleanup() {
  kill $SERVER $HELLO 2>/dev/null || true
  wait $SERVER $HELLO 2>/dev/null || true
  [ -z "$DROP_DB" ] || eval "$DROP_DB" || true
  rm -rf "$DIR"
}
trap cleanup EXIT

SILLAGE_SITE__ADDRESS="127.0.0.1:$PORT" \
SILLAGE_DATABASE__URL="$DATABASE" \
SILLAGE_AUDIT__KEY="load-test-journal-key-0123456789abcdef" \
SILLAGE_DEMO__MODE=on SILLAGE_DEMO__FORCE=true \
SILLAGE_PORTFOLIO__EVIDENCE_DIR="$DIR/evidence" \
SILLAGE_LIMITS__SIGN_IN_PER_ADDRESS_PER_MINUTE=1000000 \
SILLAGE_LIMITS__SIGN_IN_PER_ACCOUNT_PER_MINUTE=1000000 \
RUST_LOG=warn "$SERVER_BIN" >"$DIR/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

# A signed-in pupil's cookie (demo account).
COOKIE=$(curl -s -o /dev/null -D - -X POST -H "Origin: $BASE" -d compte=eleve "$BASE/auth/demo" \
  | sed -n 's/^set-cookie: \(__Host-sillage=[^;]*\).*/\1/ip' | head -1)
[ -n "$COOKIE" ] || { echo "could not sign in the demo pupil" >&2; exit 1; }

# The baseline, in the same run: a hello-world axum (server/examples/hello_axum.rs).
cargo build --release -q -p server --example hello_axum
./target/release/examples/hello_axum "127.0.0.1:$(( PORT + 1 ))" &
HELLO=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$(( PORT + 1 ))/" >/dev/null && break; sleep 0.1; done
BASELINE=""

run() { # name, then wrk arguments; prints req/s, the ratio to the baseline, p50 and p99
  local name=$1; shift
  local out rps
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$@")
  rps=$(echo "$out" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
  [ -n "$BASELINE" ] || BASELINE=$rps
  printf '%-52s %9s req/s %6s %% of raw axum  p50 %8s  p99 %8s%s\n' "$name" "$rps" \
    "$(awk -v a="$rps" -v b="$BASELINE" 'BEGIN { printf "%.2f", 100 * a / b }')" \
    "$(echo "$out" | awk '$1 == "50%" { print $2 }')" "$(echo "$out" | awk '$1 == "99%" { print $2 }')" \
    "$(echo "$out" | grep -E 'Non-2xx|Socket errors' | sed 's/^ */  /' | tr '\n' ' ')"
}

save_entry() { # title, date; prints nothing, fails on a refusal
  curl -sf -o /dev/null -H "Cookie: $COOKIE" -H "Origin: $BASE" -H "Accept: application/json" \
    --data-urlencode "entry[kind]=project" --data-urlencode "entry[title]=$1" \
    --data-urlencode "entry[started_on]=$2" \
    --data-urlencode "entry[place]=Collège Jean Moulin" \
    --data-urlencode "entry[description]=Ce que j'ai fait pour ce projet, en quelques lignes." \
    --data-urlencode "entry[reflection]=Ce que j'en ai appris." \
    --data-urlencode "entry[competences][crcn:$(( 1 + ${#1} % 5 )).1]=acquired" \
    --data-urlencode "entry[competences][socle:$(( 1 + ${#1} % 8 ))]=in_progress" \
    "$BASE/api/portfolio_save"
}

echo "== $CONNECTIONS connections, ${SECONDS_PER_RUN}s each, $(nproc) cores shared with wrk; database: ${DATABASE%%:*}"
run "GET / on a hello-world axum (the baseline)" "http://127.0.0.1:$(( PORT + 1 ))/"
run "GET /healthz (one database round trip)" "$BASE/healthz"
run "GET / anonymous landing" "$BASE/"

# A pupil as the pages are used: twenty entries.
for i in $(seq 1 20); do save_entry "Projet n° $i" "2026-0$(( 1 + i % 9 ))-1$(( i % 10 ))"; done
ENTRY=$(curl -sf -H "Cookie: $COOKIE" "$BASE/portfolio" | grep -o 'href="/portfolio/entrees/[0-9]*"' | head -1 | grep -o '[0-9]*')
for page in / /portfolio /portfolio/chronologie /portfolio/competences "/portfolio/entrees/$ENTRY" \
  /portfolio/pages /pix /journal /coffre-fort /famille /appareils /cles-d-acces; do
  run "GET $page (pupil, 20 entries)" -H "Cookie: $COOKIE" "$BASE$page"
done
# What a browser sends: the page compressed on the fly.
run "GET / (pupil, Accept-Encoding: br, gzip)" -H "Cookie: $COOKIE" -H "Accept-Encoding: br, gzip" "$BASE/"

# A stress case, not a pupil's usual page: a portfolio of 500 entries on one page.
for i in $(seq 21 500); do
  save_entry "Projet n° $i" "20$(( 10 + i % 16 ))-0$(( 1 + i % 9 ))-1$(( i % 10 ))" || true
done
curl -sf -H "Cookie: $COOKIE" "$BASE/portfolio" | grep -o 'class="entry-card"' | wc -l | sed 's/^/== entries on the page: /'
run "GET /portfolio (500 entries)" -H "Cookie: $COOKIE" "$BASE/portfolio"
run "GET /portfolio/competences (500 entries)" -H "Cookie: $COOKIE" "$BASE/portfolio/competences"
# Errors the server logged while under load (before it is stopped: requests cut short by the
# stop would log theirs).
echo "== errors in the server's log during the runs: $(grep -c ' ERROR ' "$DIR/server.log" || true)"
