-- Pix results on the CRCN. A result is dated and keeps the maximum level Pix allowed that day
-- (5, 6, 7… over the years), so old totals are read against their own scale.
CREATE TABLE pix_results (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    student_id          INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    taken_on            TEXT    NOT NULL,
    source              TEXT    NOT NULL CHECK (source IN ('orga', 'certification', 'manual')),
    -- a « collecte de profils » campaign: one result per pupil and campaign ('' otherwise)
    campaign_id         TEXT    NOT NULL,
    campaign_name       TEXT    NOT NULL,
    -- the pupil's class as the campaign's file gave it (helps tell homonyms apart later)
    class_name          TEXT,
    total_pix           INTEGER,
    max_level           INTEGER NOT NULL,
    certification_score INTEGER,
    verification_code   TEXT,
    -- each competence as `1.1=2/19` (code=level/pix, `-` for pix a certificate does not give),
    -- `;`-separated in code order: one row per result keeps a 100,000-pupil import small
    scores              TEXT    NOT NULL,
    recorded_by         INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX pix_results_student ON pix_results (student_id, taken_on);
CREATE UNIQUE INDEX pix_results_campaign ON pix_results (student_id, campaign_id) WHERE source = 'orga';
CREATE INDEX pix_results_campaign_id ON pix_results (campaign_id);
-- A counsellor's import and class view look pupils up by school.
CREATE INDEX accounts_school ON accounts (school_uai, role);

-- An uploaded export waiting for the counsellor to confirm its preview (deleted on import,
-- or after a day).
CREATE TABLE pix_import_drafts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    counsellor_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    file_name     TEXT    NOT NULL,
    content       BLOB    NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX pix_import_drafts_counsellor ON pix_import_drafts (counsellor_id);

-- A showcase page may show the student's Pix results.
ALTER TABLE showcase_pages ADD COLUMN shows_pix INTEGER NOT NULL DEFAULT 0;
