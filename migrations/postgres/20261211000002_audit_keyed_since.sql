-- The signed record of the row from which the journal is keyed (`domain::audit::keying`):
-- written once; after it a plain row is tampering, never re-keyed.
ALTER TABLE audit_head ADD COLUMN keyed_since TEXT;
