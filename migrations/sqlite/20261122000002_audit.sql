-- Append-only security journal. Each row's hash covers the previous row's hash, so editing or
-- deleting a row breaks the chain from there on (`server admin verify-audit`).
CREATE TABLE audit_events (
    seq         INTEGER PRIMARY KEY,
    occurred_at INTEGER NOT NULL,
    actor_id    INTEGER,
    owner_id    INTEGER,
    action      TEXT    NOT NULL,
    detail      TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL
);
CREATE INDEX audit_events_owner ON audit_events (owner_id, seq);

-- The head of the chain: one row, locked by the UPDATE that starts every append, so concurrent
-- appends queue instead of forking the chain.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
