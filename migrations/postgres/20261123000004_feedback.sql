-- Counsellor feedback: pages shared with an account, comments on entries, « vérifié » marks.
CREATE TABLE page_grants (
    page_id    BIGINT  NOT NULL REFERENCES showcase_pages (id) ON DELETE CASCADE,
    grantee_id BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (page_id, grantee_id)
);
CREATE INDEX page_grants_grantee ON page_grants (grantee_id);

CREATE TABLE entry_comments (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id   BIGINT  NOT NULL REFERENCES portfolio_entries (id) ON DELETE CASCADE,
    author_id  BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    body       TEXT    NOT NULL,
    created_at BIGINT  NOT NULL
);
CREATE INDEX entry_comments_entry ON entry_comments (entry_id);

CREATE TABLE entry_verifications (
    entry_id      BIGINT  PRIMARY KEY REFERENCES portfolio_entries (id) ON DELETE CASCADE,
    counsellor_id BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    verified_at   BIGINT  NOT NULL
);
