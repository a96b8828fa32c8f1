#!/usr/bin/env bash
# First contentful paint and time to a ready page on Lighthouse's mobile profile (Slow 4G, CPU ×4),
# median of 5 first visits, for the pupil home, portfolio, Pix page, an entry page and the vault,
# against the release server on a fresh SQLite file; then Lighthouse 12 on the same pages and on
# the counsellor's home, class and journal.
#
#   benches/page-speed.sh [runs, default 5]
#
# LIGHTHOUSE= (empty) skips Lighthouse. Before/after: run it on two checkouts' release builds (the figures of a run are only
# comparable with another run on the same machine).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
PORT="${BENCH_PORT:-3079}"
BASE="http://127.0.0.1:$PORT"
[ -x target/release/server ] || { scripts/setup && . scripts/env.sh && cargo leptos build --release --split --precompress && scripts/build-vault; }

DIR=$(mktemp -d)
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DIR"' EXIT
SILLAGE_SITE__ADDRESS="127.0.0.1:$PORT" \
SILLAGE_DATABASE__URL="sqlite://$DIR/bench.db" \
SILLAGE_PORTFOLIO__EVIDENCE_DIR="$DIR/evidence" \
SILLAGE_DEMO__MODE=on SILLAGE_DEMO__FORCE=true \
RUST_LOG=warn ./target/release/server &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

node benches/page-speed.mjs "$BASE" "$RUNS"

if [ -n "${LIGHTHOUSE-1}" ]; then
  [ -x "$DIR/lh/node_modules/.bin/lighthouse" ] || npm i -E --prefix "$DIR/lh" --no-audit --no-fund --loglevel=error lighthouse@12.2.3 >/dev/null
  # A signed-in person's cookie for Lighthouse's requests: the pupil, the counsellor.
  cookie() {
    curl -s -o /dev/null -D - -X POST -d "compte=$1" "$BASE/auth/demo" \
      | sed -n 's/^set-cookie: \(__Host-sillage=[^;]*\).*/\1/ip' | head -1 || true
  }
  PUPIL=$(cookie eleve)
  COUNSELLOR=$(cookie conseillere)
  # An entry of the pupil's (page-speed.mjs made some), for the entry page.
  ENTRY=$(curl -s -H "Cookie: $PUPIL" "$BASE/portfolio" | grep -o '/portfolio/entrees/[0-9][0-9]*' | head -1 || true)
  echo "page                          performance  accessibility   (Lighthouse 12.2.3, mobile)"
  lighthouse() {
    local who=$1 path=$2 label=$3
    # Chromium under Lighthouse fails to start now and then on these machines: one more try.
    local try
    for try in 1 2; do
      CHROME_PATH=/usr/bin/chromium "$DIR/lh/node_modules/.bin/lighthouse" "$BASE$path" --quiet \
        --only-categories=performance,accessibility --output=json --output-path="$DIR/lh.json" \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
        --extra-headers="{\"Cookie\": \"$who\"}" >"$DIR/lh.log" 2>&1 && break
      [ "$try" = 2 ] && { echo "$label: lighthouse failed: $(tail -1 "$DIR/lh.log")"; return; }
    done
    node -e 'const r=require(process.argv[1]);const c=r.categories;console.log(process.argv[2].padEnd(30)+String(Math.round(c.performance.score*100)).padStart(11)+String(Math.round(c.accessibility.score*100)).padStart(15))' "$DIR/lh.json" "$label"
  }
  for path in / /portfolio /pix "${ENTRY:-/portfolio/entrees/nouvelle}" /coffre-fort; do
    lighthouse "$PUPIL" "$path" "$path"
  done
  for path in / /pix/classe /journal; do
    lighthouse "$COUNSELLOR" "$path" "counsellor $path"
  done
fi
