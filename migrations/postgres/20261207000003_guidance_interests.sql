-- What a pupil likes, for suggestions that say why: the ONISEP domaines she chose, and the
-- suggestions she dismissed (« ne plus voir », brought back from the list of dismissed ones).
CREATE TABLE guidance_interests (
    owner_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    domaine  TEXT   NOT NULL,
    PRIMARY KEY (owner_id, domaine)
);

CREATE TABLE guidance_dismissed (
    owner_id     BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    item_id      TEXT   NOT NULL,
    dismissed_at BIGINT NOT NULL,
    PRIMARY KEY (owner_id, item_id)
);
