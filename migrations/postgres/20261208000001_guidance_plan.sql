-- The plan by school year: for each decision (`apres-3e`, `specialites-1re`,
-- `specialites-terminale`, `parcoursup`), the pupil's wishes in order and the steps she
-- gives herself. A wish is an option of the year's calendar (`2de-gt`, `maths`) or an ONISEP
-- formation id (`FOR.n`): ids only, never ONISEP's rows (their licence differs).
CREATE TABLE guidance_wishes (
    owner_id   BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    decision   TEXT    NOT NULL,
    choice     TEXT    NOT NULL,
    position   BIGINT  NOT NULL,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (owner_id, decision, choice)
);

CREATE TABLE guidance_steps (
    id         BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id   BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    decision   TEXT    NOT NULL,
    label      TEXT    NOT NULL,
    -- YYYY-MM-DD, or none
    due_on     TEXT,
    done       BIGINT  NOT NULL DEFAULT 0,
    created_at BIGINT  NOT NULL
);

CREATE INDEX guidance_steps_owner ON guidance_steps (owner_id, decision);
