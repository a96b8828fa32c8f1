-- A Pix Orga export is read once, at upload: a draft keeps what reading found (`summary`: the
-- campaign, the first problems and their count, as JSON) and the participants as compact JSON
-- lines (`lines`), no longer the CSV itself. Drafts kept in the old form cannot be previewed
-- any more: they are dropped (a draft lives a day; the counsellor uploads the file again).
DELETE FROM pix_import_drafts;
ALTER TABLE pix_import_drafts RENAME COLUMN content TO lines;
ALTER TABLE pix_import_drafts ADD COLUMN summary TEXT NOT NULL DEFAULT '';
