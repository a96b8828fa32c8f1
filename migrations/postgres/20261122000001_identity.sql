-- Accounts are keyed on the identity provider's issuer and stable pseudonymous subject,
-- never on the INE.
CREATE TABLE accounts (
    id              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issuer          TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    role            TEXT    NOT NULL CHECK (role IN ('student', 'guardian', 'counsellor', 'admin')),
    given_name      TEXT    NOT NULL,
    family_name     TEXT    NOT NULL,
    birth_date      TEXT,
    school_uai      TEXT,
    school_level    TEXT,
    is_demo         BIGINT  NOT NULL DEFAULT 0,
    created_at      BIGINT  NOT NULL,
    last_sign_in_at BIGINT  NOT NULL,
    UNIQUE (issuer, subject)
);

-- Server-side sessions (tower-sessions records). `account_id` is copied out of the record
-- so that "sign out everywhere" and the list of active sessions are one indexed query.
CREATE TABLE sessions (
    id          TEXT    PRIMARY KEY,
    account_id  BIGINT  REFERENCES accounts (id) ON DELETE CASCADE,
    data        TEXT    NOT NULL,
    expires_at  BIGINT  NOT NULL
);
CREATE INDEX sessions_account_id ON sessions (account_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
