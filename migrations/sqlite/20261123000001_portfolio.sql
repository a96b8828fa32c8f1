-- The skills portfolio: entries, the skills a student names themself, and the links from
-- entries to competences (a shipped framework's `crcn`/`socle` code, or `own` + a skill id).
CREATE TABLE own_skills (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    -- lower-cased name: "Anglais" and "anglais" are one skill
    name_key   TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (owner_id, name_key)
);

CREATE TABLE portfolio_entries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    started_on  TEXT    NOT NULL,
    ended_on    TEXT,
    place       TEXT    NOT NULL,
    description TEXT    NOT NULL,
    reflection  TEXT    NOT NULL,
    -- the student's own order (1 first)
    position    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX portfolio_entries_owner ON portfolio_entries (owner_id, position);

CREATE TABLE entry_competences (
    entry_id  INTEGER NOT NULL REFERENCES portfolio_entries (id) ON DELETE CASCADE,
    framework TEXT    NOT NULL,
    code      TEXT    NOT NULL,
    status    TEXT    NOT NULL,
    level     INTEGER,
    PRIMARY KEY (entry_id, framework, code)
);
CREATE INDEX entry_competences_competence ON entry_competences (framework, code);
