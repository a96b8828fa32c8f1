-- Passkeys (WebAuthn credentials). `passkey` is webauthn-rs's serialised credential, public
-- key and signature counter; nothing in it is secret.
CREATE TABLE passkeys (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    credential_id TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    passkey       TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER
);
CREATE INDEX passkeys_account ON passkeys (account_id);

-- The random user handle a passkey carries back at sign-in (never the account id).
CREATE TABLE webauthn_handles (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    handle     TEXT    NOT NULL UNIQUE
);
