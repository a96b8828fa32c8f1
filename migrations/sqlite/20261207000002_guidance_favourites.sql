-- « Mon projet d'orientation »: a pupil's favourite métiers and formations, each with the
-- pupil's note. Pupils' data: it names ONISEP's ids (`MET.38`, `FOR.2246`) and copies nothing
-- of ONISEP's rows, whose licence differs (no foreign key to the onisep_* tables: an item ONISEP
-- withdraws stays, said as such).
CREATE TABLE guidance_favourites (
    owner_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    item_id    TEXT   NOT NULL,
    note       TEXT   NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (owner_id, item_id)
);
