-- ONISEP's open data (Idéo-Métiers, Idéo-Formations initiales en France), under the ODbL 1.0:
-- kept in tables of their own, apart from pupils' data, so that the database derived from it
-- can be shared under the same licence without a pupil's row. Loaded by
-- `server admin onisep import` (and, on a demo, from the extract shipped in domain/data/onisep).
-- Ids are ONISEP's (`MET.38`, `FOR.2246`). A row that a newer file no longer holds is kept,
-- marked withdrawn (« n'existe plus dans les données ONISEP »), for what still refers to it.
-- `fingerprint` (SHA-256 of the row as read) tells an import what changed.
CREATE TABLE onisep_metiers (
    id           TEXT PRIMARY KEY,
    label        TEXT NOT NULL,
    link         TEXT NOT NULL,
    gfe          TEXT NOT NULL,
    created_on   TEXT,
    modified_on  TEXT,
    fingerprint  TEXT NOT NULL,
    withdrawn_at BIGINT,
    updated_at   BIGINT NOT NULL
);

CREATE TABLE onisep_metier_romes (
    metier_id TEXT NOT NULL REFERENCES onisep_metiers (id) ON DELETE CASCADE,
    position  BIGINT NOT NULL,
    code      TEXT NOT NULL,
    label     TEXT NOT NULL,
    link      TEXT NOT NULL,
    PRIMARY KEY (metier_id, position)
);
CREATE INDEX onisep_metier_romes_by_code ON onisep_metier_romes (code);

CREATE TABLE onisep_metier_publications (
    metier_id  TEXT NOT NULL REFERENCES onisep_metiers (id) ON DELETE CASCADE,
    position   BIGINT NOT NULL,
    name       TEXT NOT NULL,
    collection TEXT NOT NULL,
    year       BIGINT,
    gencod     TEXT,
    PRIMARY KEY (metier_id, position)
);

CREATE TABLE onisep_metier_domains (
    metier_id    TEXT NOT NULL REFERENCES onisep_metiers (id) ON DELETE CASCADE,
    position     BIGINT NOT NULL,
    domaine      TEXT NOT NULL,
    sous_domaine TEXT NOT NULL,
    PRIMARY KEY (metier_id, position)
);
CREATE INDEX onisep_metier_domains_by_pair ON onisep_metier_domains (domaine, sous_domaine);

CREATE TABLE onisep_formations (
    id                  TEXT PRIMARY KEY,
    label               TEXT NOT NULL,
    link                TEXT NOT NULL,
    type_sigle          TEXT NOT NULL,
    type_label          TEXT NOT NULL,
    sigle               TEXT NOT NULL,
    duration            TEXT NOT NULL,
    exit_level          TEXT NOT NULL,
    rncp                TEXT NOT NULL,
    certification_code  TEXT NOT NULL,
    certification_label TEXT NOT NULL,
    tutelle             TEXT NOT NULL,
    nsf                 TEXT NOT NULL,
    school_code         TEXT NOT NULL,
    created_on          TEXT,
    modified_on         TEXT,
    fingerprint         TEXT NOT NULL,
    withdrawn_at        BIGINT,
    updated_at          BIGINT NOT NULL
);

CREATE TABLE onisep_formation_domains (
    formation_id TEXT NOT NULL REFERENCES onisep_formations (id) ON DELETE CASCADE,
    position     BIGINT NOT NULL,
    domaine      TEXT NOT NULL,
    sous_domaine TEXT NOT NULL,
    PRIMARY KEY (formation_id, position)
);
CREATE INDEX onisep_formation_domains_by_pair ON onisep_formation_domains (domaine, sous_domaine);

-- Each import: what file, what it did, and the data's date (its newest « date de
-- modification »; pages show it beside « Source : Onisep »).
CREATE TABLE onisep_imports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset     TEXT NOT NULL,
    form        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    data_date   TEXT,
    rows_read   BIGINT NOT NULL,
    created     BIGINT NOT NULL,
    updated     BIGINT NOT NULL,
    unchanged   BIGINT NOT NULL,
    withdrawn   BIGINT NOT NULL,
    imported_at BIGINT NOT NULL
);
