-- The guidance plan shared with the counsellors of the pupil's school (revocable; each grant
-- and revocation in her journal), and what a counsellor recommends to her: a métier or a
-- formation (ONISEP's id), with a note; she adds it to her favourites or declines it.
CREATE TABLE guidance_plan_grants (
    owner_id   BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    viewer_id  BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    granted_at BIGINT  NOT NULL,
    PRIMARY KEY (owner_id, viewer_id)
);

CREATE INDEX guidance_plan_grants_viewer ON guidance_plan_grants (viewer_id);

CREATE TABLE guidance_recommendations (
    id          BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pupil_id    BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- The counsellor; a recommendation stays when their account goes, with the name they had
    -- (and an imported one has only the name).
    author_id   BIGINT  REFERENCES accounts (id) ON DELETE SET NULL,
    author_name TEXT    NOT NULL,
    item_id     TEXT    NOT NULL,
    note        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    -- 'accepted' or 'declined', once she answered
    answer      TEXT,
    answered_at BIGINT 
);

CREATE INDEX guidance_recommendations_pupil ON guidance_recommendations (pupil_id, created_at);
