#!/usr/bin/env bash
# Peak memory of the server during one large upload, each in a fresh release server on a fresh
# SQLite file (or DATABASE_URL=postgres://…), measured by the kernel (VmHWM: the highest RSS
# the process ever reached) against the idle RSS right before the upload.
#
#   benches/import-rss.sh
#
# Cases: a 290 MB portfolio archive (29 evidence files of 10 MB, the import limit), a 2.9 MB
# "zip bomb" (300 zero-padded PDFs that inflate to 3 GB), and a 50 MB Pix Orga export
# (the counsellor's upload limit). The issue's target: peak < 150 MB above idle for each.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${BENCH_PORT:-3078}"
BASE="http://127.0.0.1:$PORT"
[ -x target/release/server ] || { scripts/setup && . scripts/env.sh && cargo leptos build --release; }

WORK=$(mktemp -d)
trap 'kill "${SERVER:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

python3 - "$WORK" <<'PY'
import hashlib, io, json, os, sys, zipfile
work = sys.argv[1]
def archive(path, files, compress):
    entries = []
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED)
    for i, data in enumerate(files):
        name = f"preuves/{i:04}.pdf"
        z.writestr(name, data)
        entries.append({"kind": "project", "title": f"Preuve {i}", "started_on": "2026-01-05",
            "ended_on": None, "place": "", "description": "", "reflection": "", "competences": [],
            "evidence": [{"file": name, "file_name": f"preuve-{i}.pdf", "media_type": "application/pdf",
                          "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}]})
    doc = {"format": "sillage-portfolio", "version": 1, "exported_at": 0, "frameworks_version": 1,
           "own_skills": [], "entries": entries, "pages": []}
    z.writestr("portfolio.json", json.dumps(doc))
    z.close()
big = [b"%PDF-1.4 " + os.urandom(9_999_000) for _ in range(29)]
archive(f"{work}/big.zip", big, False)
zeros = [b"%PDF-1.4\n" + bytes(9_999_000) for _ in range(300)]
archive(f"{work}/bomb.zip", zeros, True)
# A Pix Orga export of 50 MB: the header, then 170,000 participants (about 300 bytes each).
names = [f"Compétence {c}" for c in ("1.1","1.2","1.3","2.1","2.2","2.3","2.4","3.1","3.2","3.3","3.4","4.1","4.2","4.3","5.1","5.2")]
head = ["Nom de l'organisation","ID Campagne","Nom de la campagne","Nom du Participant","Prénom du Participant",
        "Classe","Identifiant","Envoi (O/N)","Date et heure de l'envoi (Europe/Paris)","Nombre de pix total"]
for c in ("1.1","1.2","1.3","2.1","2.2","2.3","2.4","3.1","3.2","3.3","3.4","4.1","4.2","4.3","5.1","5.2"):
    head += [f"Niveau pour la compétence {c}", f"Nombre de pix pour la compétence {c}"]
with open(f"{work}/pix.csv", "w", encoding="utf-8") as out:
    out.write("\ufeff" + ";".join(f'"{h}"' for h in head) + "\n")
    i = 0
    while out.tell() < 50_000_000 - 400:
        row = ['"Collège Bench"', "9001", '"Profils"', f'"Nom{i}"', f'"Prénom{i}"', '"3e A"', f'"ID-{i}"',
               '"Oui"', '"03/10/2026 14:05"', "128"] + ["1", "8"] * 16
        out.write(";".join(row) + "\n")
        i += 1
print(f"archives and export made in {work}")
PY
ls -l "$WORK"

start_server() {
  rm -rf "$WORK/db" && mkdir -p "$WORK/db"
  SILLAGE_SITE__ADDRESS="127.0.0.1:$PORT" \
  SILLAGE_DATABASE__URL="${DATABASE_URL:-sqlite://$WORK/db/bench.db}" \
  SILLAGE_AUDIT__KEY="benchmark-journal-key-0123456789abcdef" \
  SILLAGE_DEMO__MODE=on SILLAGE_DEMO__FORCE=true \
  SILLAGE_PORTFOLIO__EVIDENCE_DIR="$WORK/db/evidence" \
  SILLAGE_LIMITS__SIGN_IN_PER_ACCOUNT_PER_MINUTE=1000 \
  RUST_LOG=warn ./target/release/server &
  SERVER=$!
  for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
}
stop_server() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; }
kib() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status"; }
cookie_for() {
  curl -s -o /dev/null -D - -X POST -H "Origin: $BASE" -d "compte=$1" "$BASE/auth/demo" \
    | sed -n 's/^set-cookie: \(__Host-sillage=[^;]*\).*/\1/ip' | head -1
}

measure() { # name, account, path, field, file
  start_server
  local cookie; cookie=$(cookie_for "$2")
  # One small request first, so that idle means "warmed up".
  curl -s -o /dev/null -H "Cookie: $cookie" "$BASE/"
  local idle; idle=$(kib "$SERVER" VmRSS)
  local answer; answer=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H "Cookie: $cookie" -H "Origin: $BASE" \
    -F "$4=@$5" "$BASE$3")
  # The Pix export is then previewed and confirmed, as the counsellor does.
  case "$answer" in
    *"/pix/import/"*)
      local draft=${answer##*/pix/import/}
      curl -s -o /dev/null -H "Cookie: $cookie" "$BASE/pix/import/$draft"
      answer="$answer; confirm: $(curl -s -H "Cookie: $cookie" -H "Origin: $BASE" -H "Accept: application/json" \
        --data "draft=$draft" "$BASE/api/pix_confirm" | head -c 120)"
      ;;
  esac
  local peak; peak=$(kib "$SERVER" VmHWM)
  printf '%-28s idle %6d KiB  peak %7d KiB  above idle %7d KiB (%d MB)  answer: %s\n' \
    "$1" "$idle" "$peak" "$((peak - idle))" "$(((peak - idle) / 1024))" "$answer"
  stop_server
}

measure "portfolio import, 290 MB" eleve /portfolio/import archive "$WORK/big.zip"
measure "zip bomb, 2.9 MB → 3 GB" eleve /portfolio/import archive "$WORK/bomb.zip"
measure "Pix Orga export, 50 MB" conseillere /pix/import export "$WORK/pix.csv"
