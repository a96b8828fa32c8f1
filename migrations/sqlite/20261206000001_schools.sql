-- The names of schools (établissements), by UAI: a pupil's home shows « Collège … », not its
-- code. The demo writes its own school; an académie's directory of établissements is loaded
-- into it with `server admin` (a UAI without a row is shown as the code).
CREATE TABLE schools (
    uai  TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
