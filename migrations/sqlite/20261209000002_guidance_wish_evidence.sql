-- What backs a wish: a portfolio entry of hers the pupil attaches to it, with what it showed her
-- (« ce stage m'a confirmé … »). Goes with the wish (taken out) and with the entry (deleted).
CREATE TABLE guidance_wish_evidence (
    owner_id   INTEGER NOT NULL,
    decision   TEXT    NOT NULL,
    choice     TEXT    NOT NULL,
    entry_id   INTEGER NOT NULL REFERENCES portfolio_entries (id) ON DELETE CASCADE,
    note       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (owner_id, decision, choice, entry_id),
    FOREIGN KEY (owner_id, decision, choice)
        REFERENCES guidance_wishes (owner_id, decision, choice) ON DELETE CASCADE
);

CREATE INDEX guidance_wish_evidence_entry ON guidance_wish_evidence (entry_id);
