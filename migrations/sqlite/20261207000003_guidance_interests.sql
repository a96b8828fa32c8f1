-- What a pupil likes, for suggestions that say why: the ONISEP domaines she chose, and the
-- suggestions she dismissed (« ne plus voir », brought back from the list of dismissed ones).
CREATE TABLE guidance_interests (
    owner_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    domaine  TEXT   NOT NULL,
    PRIMARY KEY (owner_id, domaine)
);

CREATE TABLE guidance_dismissed (
    owner_id     INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    item_id      TEXT   NOT NULL,
    dismissed_at INTEGER NOT NULL,
    PRIMARY KEY (owner_id, item_id)
);
