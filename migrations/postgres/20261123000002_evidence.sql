-- Evidence files of portfolio entries. The bytes live in the evidence storage under
-- `storage_key` (random, never derived from the file name); `media_type` was recognised from
-- the content at upload.
CREATE TABLE evidence (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id    BIGINT  NOT NULL REFERENCES portfolio_entries (id) ON DELETE CASCADE,
    owner_id    BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    storage_key TEXT    NOT NULL UNIQUE,
    file_name   TEXT    NOT NULL,
    media_type  TEXT    NOT NULL,
    size        BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX evidence_entry ON evidence (entry_id);
CREATE INDEX evidence_owner ON evidence (owner_id);
