-- Legal guardians linked to students by a one-time invitation code plus the student's birth
-- date. A code is never stored: only its SHA-256.
CREATE TABLE guardian_invitations (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    student_id BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    code_hash  TEXT    NOT NULL UNIQUE,
    created_at BIGINT  NOT NULL,
    expires_at BIGINT  NOT NULL
);
CREATE INDEX guardian_invitations_student ON guardian_invitations (student_id);

-- `ends_on` (YYYY-MM-DD): the student's 18th birthday, or the end of a renewal; NULL: none.
CREATE TABLE guardian_links (
    student_id  BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    guardian_id BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  BIGINT  NOT NULL,
    ends_on     TEXT,
    PRIMARY KEY (student_id, guardian_id)
);
CREATE INDEX guardian_links_guardian ON guardian_links (guardian_id);

-- Failed link attempts, to slow down guessing (a few per hour per guardian).
CREATE TABLE guardian_link_attempts (
    guardian_id  BIGINT  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    attempted_at BIGINT  NOT NULL
);
CREATE INDEX guardian_link_attempts_guardian ON guardian_link_attempts (guardian_id, attempted_at);

-- The grants that give access today: a guardian's grant counts only while their link with the
-- page's student is live. Every read of a shared page goes through this view.
CREATE VIEW live_page_grants AS
SELECT g.page_id, g.grantee_id, g.created_at
FROM page_grants g
JOIN showcase_pages p ON p.id = g.page_id
JOIN accounts a ON a.id = g.grantee_id
WHERE a.role <> 'guardian'
   OR EXISTS (SELECT 1 FROM guardian_links l
              WHERE l.student_id = p.owner_id AND l.guardian_id = g.grantee_id
                AND (l.ends_on IS NULL OR l.ends_on > to_char(CURRENT_DATE, 'YYYY-MM-DD')));
