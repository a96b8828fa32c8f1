-- The plan by school year: for each decision (`apres-3e`, `specialites-1re`,
-- `specialites-terminale`, `parcoursup`), the pupil's wishes in order and the steps she
-- gives herself. A wish is an option of the year's calendar (`2de-gt`, `maths`) or an ONISEP
-- formation id (`FOR.n`): ids only, never ONISEP's rows (their licence differs).
CREATE TABLE guidance_wishes (
    owner_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    decision   TEXT    NOT NULL,
    choice     TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (owner_id, decision, choice)
);

CREATE TABLE guidance_steps (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    decision   TEXT    NOT NULL,
    label      TEXT    NOT NULL,
    -- YYYY-MM-DD, or none
    due_on     TEXT,
    done       INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

CREATE INDEX guidance_steps_owner ON guidance_steps (owner_id, decision);
