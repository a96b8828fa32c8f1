#!/usr/bin/env bash
# Load measurement of the portal on this machine: the release server on a fresh SQLite file (or
# DATABASE_URL=postgres://…), driven by wrk over loopback for a bounded time.
#
#   benches/load.sh [seconds per run, default 10] [connections, default 32]
#
# wrk shares the machine's cores with the server, so the numbers are a floor, not a ceiling.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-10}"
CONNECTIONS="${2:-32}"
PORT="${BENCH_PORT:-3077}"
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
[ -x target/release/server ] || { scripts/setup && . scripts/env.sh && cargo leptos build --release; }

DIR=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DIR"' EXIT
SILLAGE_SITE__ADDRESS="127.0.0.1:$PORT" \
SILLAGE_DATABASE__URL="${DATABASE_URL:-sqlite://$DIR/bench.db}" \
SILLAGE_DEMO__MODE=on SILLAGE_DEMO__FORCE=true \
SILLAGE_LIMITS__SIGN_IN_PER_ADDRESS_PER_MINUTE=1000000 \
SILLAGE_LIMITS__SIGN_IN_PER_ACCOUNT_PER_MINUTE=1000000 \
RUST_LOG=warn ./target/release/server &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

# A signed-in pupil's cookie (demo account).
COOKIE=$(curl -s -o /dev/null -D - -X POST -d compte=eleve "$BASE/auth/demo" \
  | sed -n 's/^set-cookie: \(__Host-sillage=[^;]*\).*/\1/ip' | head -1)
[ -n "$COOKIE" ] || { echo "could not sign in the demo pupil" >&2; exit 1; }

# The baseline, in the same run: a hello-world axum (server/examples/hello_axum.rs).
cargo build --release -q -p server --example hello_axum
./target/release/examples/hello_axum "127.0.0.1:$(( PORT + 1 ))" &
HELLO=$!
trap 'kill "$SERVER" "$HELLO" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$(( PORT + 1 ))/" >/dev/null && break; sleep 0.1; done
BASELINE=""

run() { # name, then wrk arguments; prints req/s, the ratio to the baseline, p50 and p99
  local name=$1; shift
  local out rps
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$@")
  rps=$(echo "$out" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
  [ -n "$BASELINE" ] || BASELINE=$rps
  printf '== %s\n   %s req/s (%s %% of raw axum)  p50 %s  p99 %s%s\n' "$name" "$rps" \
    "$(awk -v a="$rps" -v b="$BASELINE" 'BEGIN { printf "%.2f", 100 * a / b }')" \
    "$(echo "$out" | awk '$1 == "50%" { print $2 }')" "$(echo "$out" | awk '$1 == "99%" { print $2 }')" \
    "$(echo "$out" | grep -E 'Non-2xx|Socket errors' | sed 's/^/  /' | tr '\n' ' ')"
}
run "GET / on a hello-world axum (the baseline)" "http://127.0.0.1:$(( PORT + 1 ))/"
run "GET /healthz" "$BASE/healthz"
run "GET / (anonymous landing, SSR)" "$BASE/"
run "GET / (signed-in pupil home, SSR + session + account)" -H "Cookie: $COOKIE" "$BASE/"
run "GET /journal (signed-in, hash-chained journal)" -H "Cookie: $COOKIE" "$BASE/journal"

# The issue's target: a portfolio of 500 entries, each tied to three competences.
echo "== seeding 500 portfolio entries for the demo pupil"
for i in $(seq 1 500); do
  curl -sf -o /dev/null -H "Cookie: $COOKIE" -H "Origin: $BASE" -H "Accept: application/json" \
    --data-urlencode "entry[kind]=project" --data-urlencode "entry[title]=Projet n° $i" \
    --data-urlencode "entry[started_on]=20$(( 10 + i % 16 ))-0$(( 1 + i % 9 ))-1$(( i % 10 ))" \
    --data-urlencode "entry[place]=Collège Jean Moulin" \
    --data-urlencode "entry[description]=Ce que j'ai fait pour le projet $i, en quelques lignes." \
    --data-urlencode "entry[reflection]=Ce que j'en ai appris." \
    --data-urlencode "entry[competences][crcn:$(( 1 + i % 5 )).1]=acquired" \
    --data-urlencode "entry[competences][socle:$(( 1 + i % 8 ))]=in_progress" \
    --data-urlencode "entry[new_skill]=Compétence $(( i % 20 ))" \
    "$BASE/api/portfolio_save" -w '%{http_code}\n' | grep -qE '^(200|302)$' || true
done
curl -sf -H "Cookie: $COOKIE" "$BASE/portfolio" | grep -o 'class="entry-card"' | wc -l | sed 's/^/entries on the page: /'
run "GET /portfolio (signed-in, 500 entries, SSR)" -H "Cookie: $COOKIE" "$BASE/portfolio"
run "GET /portfolio/competences (500 entries by competence, SSR)" -H "Cookie: $COOKIE" "$BASE/portfolio/competences"
