-- Each wrapping of the vault key gets its own salt: the recovery wrapping used the passphrase's
-- salt, so a new passphrase (or stronger KDF parameters on unlock) left the recovery key unable
-- to open the vault.
ALTER TABLE vault_keys ADD COLUMN recovery_salt TEXT;
-- A vault's recovery wrapping was made with the salt it had when the recovery key was made:
-- for a vault never changed since its creation that is today's salt, and it keeps opening.
UPDATE vault_keys SET recovery_salt = salt;
-- 1: the vault's keys changed since its creation (a new passphrase, a KDF upgrade or a new
-- recovery key), so the recovery wrapping may be one that no longer opens: the page asks the
-- student for a new recovery key at the next unlock.
ALTER TABLE vault_keys ADD COLUMN recovery_stale BIGINT NOT NULL DEFAULT 0;
UPDATE vault_keys SET recovery_stale = 1 WHERE updated_at <> created_at;
-- SHA-256 of the key check (a value derived from the vault key in the browser): changing the
-- keys or deleting the vault needs it. Vaults made before get theirs at the next unlock.
ALTER TABLE vault_keys ADD COLUMN key_check_hash TEXT;
