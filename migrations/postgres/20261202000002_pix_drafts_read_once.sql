-- A Pix Orga export is read once, at upload: a draft keeps what reading found (`summary`: the
-- campaign, the first problems and their count, as JSON; empty while the upload is being read)
-- and the participants as compact JSON lines in chunks of about 256 KiB (`pix_draft_chunks`),
-- no longer the CSV itself: the server holds one chunk in memory at a time, whatever the file's
-- size. Drafts kept in the old form cannot be previewed any more: they are dropped (a draft
-- lives a day; the counsellor uploads the file again).
DELETE FROM pix_import_drafts;
ALTER TABLE pix_import_drafts DROP COLUMN content;
ALTER TABLE pix_import_drafts ADD COLUMN summary TEXT NOT NULL DEFAULT '';
CREATE TABLE pix_draft_chunks (
    draft_id BIGINT NOT NULL REFERENCES pix_import_drafts (id) ON DELETE CASCADE,
    seq      BIGINT NOT NULL,
    lines    BYTEA  NOT NULL,
    PRIMARY KEY (draft_id, seq)
);
