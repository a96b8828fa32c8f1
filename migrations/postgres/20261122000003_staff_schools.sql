-- The schools (UAI) a counsellor serves: what they may see follows from it.
CREATE TABLE counsellor_schools (
    account_id  BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    school_uai  TEXT    NOT NULL,
    attached_at BIGINT  NOT NULL,
    PRIMARY KEY (account_id, school_uai)
);
CREATE INDEX counsellor_schools_uai ON counsellor_schools (school_uai);
