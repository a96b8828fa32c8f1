-- Passkeys (WebAuthn credentials). `passkey` is webauthn-rs's serialised credential, public
-- key and signature counter; nothing in it is secret.
CREATE TABLE passkeys (
    id            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id    BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    credential_id TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    passkey       TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    last_used_at  BIGINT
);
CREATE INDEX passkeys_account ON passkeys (account_id);

-- The random user handle a passkey carries back at sign-in (never the account id).
CREATE TABLE webauthn_handles (
    account_id BIGINT  PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    handle     TEXT    NOT NULL UNIQUE
);
