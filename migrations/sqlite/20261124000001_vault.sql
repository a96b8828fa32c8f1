-- The password vault. Zero-knowledge: the browser encrypts; these tables hold only envelopes
-- (`sv1.<nonce>.<ciphertext>`), the vault key wrapped by other keys, and the Argon2id
-- parameters. Nothing here can be read without the student's passphrase, recovery key or passkey.
CREATE TABLE vault_keys (
    account_id      INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    kdf_memory_kib  INTEGER NOT NULL,
    kdf_iterations  INTEGER NOT NULL,
    kdf_parallelism INTEGER NOT NULL,
    salt            TEXT    NOT NULL,
    by_passphrase   TEXT    NOT NULL,
    by_recovery     TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE vault_items (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- a random UUID made in the browser (bound into the envelope's associated data)
    item_id    TEXT    NOT NULL,
    envelope   TEXT    NOT NULL,
    -- an update names the revision it was made from: a stale or replayed one is refused
    revision   INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, item_id)
);

-- The vault key wrapped by a passkey's PRF output (computed in the browser, never sent).
CREATE TABLE vault_passkeys (
    account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    credential_id TEXT    NOT NULL,
    prf_salt      TEXT    NOT NULL,
    wrapped       TEXT    NOT NULL,
    label         TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (account_id, credential_id)
);
