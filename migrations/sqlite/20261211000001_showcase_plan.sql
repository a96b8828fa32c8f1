-- A showcase page may show the pupil's guidance plan (« mon projet d'orientation »), as it
-- may show her Pix results.
ALTER TABLE showcase_pages ADD COLUMN shows_plan INTEGER NOT NULL DEFAULT 0;
