#!/usr/bin/env bash
# Slow and stalled clients against the release server (issue 29, §§ 1 and 3), on a fresh
# SQLite file (or DATABASE_URL=postgres://…), the demo accounts signed in:
#
# 1. Stalled bodies: the pupil opens 4 vault imports declaring 16 MiB and sends nothing, and
#    1,100 connections before sign-in declare 64 KiB and send nothing (together, more than the
#    64 MiB budget); then the counsellor calls a server function 5 times. Printed: her answers'
#    statuses and times. Before shares, she waited 3 s for a 503.
# 2. Slow readers: 200 connections ask a 10 MB evidence file through a shared link and read
#    nothing. Printed: the server's RSS above idle while they hang, and its peak (VmHWM). Run
#    with the per-link and per-address download limits raised, so all 200 are served and the
#    memory of serving them is what is measured.
#
#   benches/slow-clients.sh
#   SERVER_BIN=/tmp/server-before benches/slow-clients.sh   (another build, for a before/after)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${BENCH_PORT:-3083}"
BASE="http://127.0.0.1:$PORT"
SERVER_BIN="${SERVER_BIN:-./target/release/server}"
[ -x "$SERVER_BIN" ] || { scripts/setup && . scripts/env.sh && cargo leptos build --release; }
ulimit -n 8192 2>/dev/null || true

DIR=$(mktemp -d)
trap 'kill "${SERVER:-}" 2>/dev/null || true; wait "${SERVER:-}" 2>/dev/null || true; rm -rf "$DIR"' EXIT
export SILLAGE_DATABASE__URL="${DATABASE_URL:-sqlite://$DIR/slow.db}"
export SILLAGE_AUDIT__KEY="slow-clients-journal-key-0123456789abcdef"
export SILLAGE_DEMO__MODE=on SILLAGE_DEMO__FORCE=true
export SILLAGE_PORTFOLIO__EVIDENCE_DIR="$DIR/evidence"
export SILLAGE_SITE__PUBLIC_URL="$BASE"
SILLAGE_SITE__ADDRESS="127.0.0.1:$PORT" \
SILLAGE_LIMITS__SIGN_IN_PER_ADDRESS_PER_MINUTE=1000000 \
SILLAGE_LIMITS__SIGN_IN_PER_ACCOUNT_PER_MINUTE=1000000 \
SILLAGE_LIMITS__BODY_BYTES_PER_ADDRESS=1048576 \
SILLAGE_LIMITS__SHARED_DOWNLOADS_PER_LINK=1000 \
SILLAGE_LIMITS__SHARED_DOWNLOADS_PER_ADDRESS=1000 \
RUST_LOG=off "$SERVER_BIN" &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

python3 - "$BASE" "$SERVER" "$DIR" <<'PY'
import http.client, json, os, re, socket, sys, time, urllib.parse
base, pid, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
host, port = urllib.parse.urlparse(base).hostname, urllib.parse.urlparse(base).port

def sign_in(account):
    c = http.client.HTTPConnection(host, port)
    c.request("POST", "/auth/demo", body=f"compte={account}",
              headers={"Origin": base, "Content-Type": "application/x-www-form-urlencoded"})
    r = c.getresponse(); r.read()
    cookie = [v.split(";")[0] for k, v in r.getheaders() if k.lower() == "set-cookie" and "sillage" in v]
    return "; ".join(cookie)

def call(cookie, path, body=b"", content_type="application/x-www-form-urlencoded", method="POST"):
    c = http.client.HTTPConnection(host, port, timeout=60)
    start = time.monotonic()
    c.request(method, path, body=body, headers={"Origin": base, "Cookie": cookie,
              "Content-Type": content_type, "Accept": "application/json"})
    r = c.getresponse(); data = r.read()
    return r.status, time.monotonic() - start, data, r.getheader("Location")

def stalled(path, cookie, length):
    s = socket.create_connection((host, port))
    s.sendall((f"POST {path} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n"
               f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n{{").encode())
    return s

def rss_kib(field):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])

pupil, counsellor = sign_in("eleve"), sign_in("conseillere")

print("== 1. stalled bodies: 4 vault imports of the pupil (16 MiB), 1,100 before sign-in (64 KiB)")
held = [stalled("/api/vault/import", pupil, 16 * 1024 * 1024) for _ in range(4)]
held += [stalled("/api/viewer", "", 64 * 1024) for _ in range(1100)]
time.sleep(1)
for i in range(5):
    status, took, _, _ = call(counsellor, "/api/viewer")
    print(f"counsellor's call {i + 1}: {status} in {took * 1000:.0f} ms")
for s in held:
    s.close()
time.sleep(1)

print("== 2. 200 slow readers of a 10 MB file through a shared link")
status, _, data, location = call(pupil, "/api/portfolio_save", body=urllib.parse.urlencode({
    "entry[kind]": "project", "entry[title]": "Film", "entry[started_on]": "2026-03-02",
    "entry[reflection]": "Appris"}).encode())
entry = int(location.rsplit("/", 1)[1])
pdf = b"%PDF-1.4\n" + os.urandom(10_000_000 - 9)
boundary = "----bench7MA4YWxkTrZu0gW"
body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"film.pdf\"\r\n"
        "Content-Type: application/pdf\r\n\r\n").encode() + pdf + f"\r\n--{boundary}--\r\n".encode()
call(pupil, f"/portfolio/entrees/{entry}/preuves", body=body,
     content_type=f"multipart/form-data; boundary={boundary}")
_, _, data, _ = call(pupil, "/api/portfolio_entry", body=f"id={entry}".encode())
evidence = json.loads(data)["entry"]["evidence"][0]["id"]
_, _, data, _ = call(pupil, "/api/showcase_save", body=urllib.parse.urlencode({
    "page[title]": "Film", f"page[entries][{entry}]": "on"}).encode())
page = json.loads(data)["Saved"]
_, _, data, _ = call(pupil, "/api/showcase_link", body=f"id={page}&lifetime=Week".encode())
path = json.loads(data)[json.loads(data).find("/partage/"):] + f"/preuves/{evidence}"
time.sleep(1)
idle = rss_kib("VmRSS")
readers = []
for _ in range(200):
    s = socket.create_connection((host, port))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    readers.append(s)
time.sleep(3)
hanging = rss_kib("VmRSS")
answered = sum(1 for s in readers if s.recv(12, socket.MSG_PEEK).startswith(b"HTTP/1.1 200"))
print(f"readers answered 200: {answered} of 200")
print(f"RSS idle {idle / 1024:.0f} MiB, with 200 readers hanging {hanging / 1024:.0f} MiB "
      f"(+{(hanging - idle) / 1024:.0f} MiB); peak of the run {rss_kib('VmHWM') / 1024:.0f} MiB")
for s in readers:
    s.close()
PY
