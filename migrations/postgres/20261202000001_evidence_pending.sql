-- Evidence files in flux: a key is written here (committed) before its file is stored, and in
-- the same transaction as the rows that stop naming a file. Until the key is forgotten, a file
-- under it may exist with no row (the server was killed between the file and the commit, or
-- between the commit and the deletion). The reconciler (at start and on the server's timer)
-- deletes such files and forgets their keys: no orphan file outlives a crash.
CREATE TABLE evidence_pending (
    storage_key TEXT   PRIMARY KEY,
    since       BIGINT NOT NULL
);
CREATE INDEX evidence_pending_since ON evidence_pending (since);
