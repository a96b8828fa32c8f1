-- Views that come by the hundred (a secret link passed round a class, a counsellor's class view)
-- are journaled once per hour and subject: the first view of the hour writes its journal line
-- at once; the next ones only count here (no lock on the journal's head), and the count is
-- journaled as one line when the hour is over.
CREATE TABLE audit_coalesced (
    owner_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- who looked; 0: someone not signed in (a link holder)
    actor_id BIGINT NOT NULL,
    action   TEXT   NOT NULL,
    subject  TEXT   NOT NULL,
    -- Unix hour (seconds / 3600)
    hour     BIGINT NOT NULL,
    views    BIGINT NOT NULL,
    PRIMARY KEY (owner_id, actor_id, action, subject, hour)
);
CREATE INDEX audit_coalesced_hour ON audit_coalesced (hour);
