-- Showcase pages composed from portfolio entries, and the secret links that share them.
-- A link's token is never stored: only its SHA-256.
CREATE TABLE showcase_pages (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title      TEXT    NOT NULL,
    intro      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX showcase_pages_owner ON showcase_pages (owner_id);

CREATE TABLE showcase_items (
    page_id  INTEGER NOT NULL REFERENCES showcase_pages (id) ON DELETE CASCADE,
    entry_id INTEGER NOT NULL REFERENCES portfolio_entries (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (page_id, entry_id)
);
CREATE INDEX showcase_items_entry ON showcase_items (entry_id);

CREATE TABLE share_links (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    page_id        INTEGER NOT NULL REFERENCES showcase_pages (id) ON DELETE CASCADE,
    owner_id       INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash     TEXT    NOT NULL UNIQUE,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER,
    revoked_at     INTEGER,
    views          INTEGER NOT NULL,
    last_viewed_at INTEGER
);
CREATE INDEX share_links_page ON share_links (page_id);
