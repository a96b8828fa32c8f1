#!/usr/bin/env bash
# Renders that never finish: each role's home and the vault page asked many times at once, on a
# fresh SQLite file, with a 3 s render deadline (a stuck render answers 503 instead of waiting).
# Prints the answers per role and page, and how many took over 2.5 s. Give an older binary to
# compare (copy it aside before changing code: `cp target/release/server /tmp/server-before`).
#
#   benches/render-stalls.sh [server binary, default target/release/server] [rounds, default 1000] [concurrency, default 16]
#
# 2026-12-07, 2 cores, 6,000 requests a run: resources made inside <Page>'s Suspense stalled
# 9 to 10 a run (31 of 19,800 in four runs); made at the page's top, 0 of 24,000.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-target/release/server}"
ROUNDS="${2:-1000}"
CONCURRENCY="${3:-16}"
PORT="${BENCH_PORT:-3105}"
BASE="http://localhost:$PORT"
[ -x "$BIN" ] || { scripts/setup && . scripts/env.sh && cargo leptos build --release; }

DIR=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DIR"' EXIT
SILLAGE_SITE__ADDRESS="127.0.0.1:$PORT" SILLAGE_SITE__PUBLIC_URL="$BASE" \
SILLAGE_DATABASE__URL="sqlite://$DIR/stalls.db" \
SILLAGE_PORTFOLIO__EVIDENCE_DIR="$DIR/evidence" SILLAGE_AUDIT__KEY_FILE="$DIR/journal.key" \
SILLAGE_DEMO__MODE=on SILLAGE_DEMO__STORY=true \
SILLAGE_LIMITS__SIGN_IN_PER_ACCOUNT_PER_MINUTE=1000 \
SILLAGE_LIMITS__RENDER_DEADLINE_SECONDS=3 \
RUST_LOG=warn "$BIN" > "$DIR/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.2; done

for who in eleve parent conseillere; do
  curl -s -o /dev/null -c "$DIR/$who.jar" -H "Origin: $BASE" -d "compte=$who" "$BASE/auth/demo"
done
for who in eleve parent conseillere; do
  for path in / /coffre-fort; do
    for _ in $(seq "$ROUNDS"); do echo "$who $path"; done
  done
done | shuf | xargs -P "$CONCURRENCY" -L1 sh -c \
  'curl -s -o /dev/null -b "'"$DIR"'/$0.jar" -w "$0 $1 %{http_code} %{time_total}\n" "'"$BASE"'$1"' \
  > "$DIR/answers"

echo "== $BIN: role, page, status"
awk '{print $1, $2, $3}' "$DIR/answers" | sort | uniq -c
awk '$4 > 2.5 {n++} END {print "over 2.5 s:", n+0}' "$DIR/answers"
echo "renders past the deadline (server log): $(grep -c 'past its deadline' "$DIR/server.log" || true)"
