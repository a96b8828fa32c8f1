-- Counsellor feedback: pages shared with an account, comments on entries, « vérifié » marks.
CREATE TABLE page_grants (
    page_id    INTEGER NOT NULL REFERENCES showcase_pages (id) ON DELETE CASCADE,
    grantee_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (page_id, grantee_id)
);
CREATE INDEX page_grants_grantee ON page_grants (grantee_id);

CREATE TABLE entry_comments (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id   INTEGER NOT NULL REFERENCES portfolio_entries (id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX entry_comments_entry ON entry_comments (entry_id);

CREATE TABLE entry_verifications (
    entry_id      INTEGER PRIMARY KEY REFERENCES portfolio_entries (id) ON DELETE CASCADE,
    counsellor_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    verified_at   INTEGER NOT NULL
);
