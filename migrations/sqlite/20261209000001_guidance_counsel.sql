-- What a counsellor writes on a plan a pupil shares with them, beyond a métier or a formation:
-- free comments (the pupil, and the guardians she delegates the plan to, read them; the author
-- may take one back), and steps they recommend for one of her decisions, which she adds to her
-- steps or declines. Like recommendations, both keep the author's name when their account goes.
CREATE TABLE guidance_plan_comments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    pupil_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    author_id   INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    author_name TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE INDEX guidance_plan_comments_pupil ON guidance_plan_comments (pupil_id, created_at);

CREATE TABLE guidance_step_recommendations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    pupil_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    author_id   INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    author_name TEXT    NOT NULL,
    -- the decision's key: 'apres-3e', 'specialites-1re', …
    decision    TEXT    NOT NULL,
    label       TEXT    NOT NULL,
    -- YYYY-MM-DD
    due_on      TEXT,
    created_at  INTEGER NOT NULL,
    -- 'accepted' or 'declined', once she answered
    answer      TEXT,
    answered_at INTEGER
);

CREATE INDEX guidance_step_recommendations_pupil ON guidance_step_recommendations (pupil_id, created_at);
