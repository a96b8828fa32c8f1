-- Where each formation is taught: ONISEP's Idéo-Actions de formation initiale (ODbL, like the
-- other onisep_* tables, and apart from pupils' data). An offer that a newer import no longer
-- holds is removed: no pupil refers to one. `withdrawn_at` stays NULL (the import's bookkeeping
-- reads it with the other ONISEP tables').
CREATE TABLE onisep_offers (
    id              TEXT PRIMARY KEY,
    formation_id    TEXT NOT NULL,
    formation_label TEXT NOT NULL,
    school_id       TEXT NOT NULL,
    school_uai      TEXT NOT NULL,
    school_name     TEXT NOT NULL,
    school_status   TEXT NOT NULL,
    address         TEXT NOT NULL,
    postal_code     TEXT NOT NULL,
    commune         TEXT NOT NULL,
    departement     TEXT NOT NULL,
    academie        TEXT NOT NULL,
    -- The académie folded (`domain::guidance::onisep::academie_key`), as pages filter by it.
    academie_key    TEXT NOT NULL,
    region          TEXT NOT NULL,
    web             TEXT NOT NULL,
    boarding        TEXT NOT NULL,
    duration        TEXT NOT NULL,
    schooling       TEXT NOT NULL,
    page            TEXT NOT NULL,
    modified_on     TEXT,
    fingerprint     TEXT NOT NULL,
    withdrawn_at    BIGINT,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX onisep_offers_by_formation ON onisep_offers (formation_id, academie_key);
CREATE INDEX onisep_offers_by_academie ON onisep_offers (academie_key, formation_id);

-- A school's académie, from the Annuaire de l'éducation (`Libelle_academie`): the offers in
-- a pupil's académie come first on a formation's page.
ALTER TABLE schools ADD COLUMN academie TEXT;
