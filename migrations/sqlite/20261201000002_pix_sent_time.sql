-- When a campaign result was sent to the organisation, to the minute (Unix seconds, UTC), where
-- the export says: current Pix Orga exports give `DD/MM/YYYY HH:mm` in Paris time, older ones
-- the day only (then NULL). Two results of the same day are ordered by it.
ALTER TABLE pix_results ADD COLUMN taken_at BIGINT;
