-- Showcase pages composed from portfolio entries, and the secret links that share them.
-- A link's token is never stored: only its SHA-256.
CREATE TABLE showcase_pages (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id   BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title      TEXT    NOT NULL,
    intro      TEXT    NOT NULL,
    created_at BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL
);
CREATE INDEX showcase_pages_owner ON showcase_pages (owner_id);

CREATE TABLE showcase_items (
    page_id  BIGINT  NOT NULL REFERENCES showcase_pages (id) ON DELETE CASCADE,
    entry_id BIGINT  NOT NULL REFERENCES portfolio_entries (id) ON DELETE CASCADE,
    position BIGINT  NOT NULL,
    PRIMARY KEY (page_id, entry_id)
);
CREATE INDEX showcase_items_entry ON showcase_items (entry_id);

CREATE TABLE share_links (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    page_id        BIGINT  NOT NULL REFERENCES showcase_pages (id) ON DELETE CASCADE,
    owner_id       BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    token_hash     TEXT    NOT NULL UNIQUE,
    created_at     BIGINT  NOT NULL,
    expires_at     BIGINT ,
    revoked_at     BIGINT ,
    views          BIGINT  NOT NULL,
    last_viewed_at BIGINT 
);
CREATE INDEX share_links_page ON share_links (page_id);
