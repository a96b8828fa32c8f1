-- The names of schools (établissements), by UAI: a pupil's home shows « Collège … », not its
-- code. The demo names its own school; `server admin name-schools` loads the ministry's
-- directory (Annuaire de l'éducation). A UAI without a row is shown as the code.
CREATE TABLE schools (
    uai  TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
