//! Linking a legal guardian to a student: the student makes a one-time invitation code, the
//! guardian types it with the student's date of birth. Both factors are needed, so a code seen
//! over a shoulder is not enough, and a guessed birth date without the code neither.
//!
//! A link lets the student share showcase pages with that guardian; it ends on the student's
//! 18th birthday unless the student renews it (then for a year at a time).

use crate::identity::BirthDate;
use serde::{Deserialize, Serialize};

/// The characters of a code: no 0/O, 1/I/L, so it can be read aloud and copied from paper.
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// 10 characters of a 31-letter alphabet ≈ 49.5 bits; with at most
/// [`MAX_FAILED_ATTEMPTS`] guesses per hour and a 7-day life, guessing is hopeless.
pub const CODE_LENGTH: usize = 10;
/// How long a code can be used, in seconds (7 days).
pub const CODE_LIFETIME_SECS: i64 = 7 * 86_400;
/// Wrong code or birth date typed by one guardian within [`ATTEMPT_WINDOW_SECS`].
pub const MAX_FAILED_ATTEMPTS: i64 = 5;
pub const ATTEMPT_WINDOW_SECS: i64 = 3_600;
/// A renewal after 18 lasts a year.
pub const RENEWAL_DAYS: i64 = 365;

/// An invitation code as typed: spaces, dashes and case do not matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationCode(String);

impl InvitationCode {
    pub fn parse(raw: &str) -> Result<InvitationCode, LinkProblem> {
        let code: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if code.is_empty() {
            return Err(LinkProblem::CodeMissing);
        }
        if code.len() != CODE_LENGTH || !code.bytes().all(|b| CODE_ALPHABET.contains(&b)) {
            return Err(LinkProblem::CodeMalformed);
        }
        Ok(InvitationCode(code))
    }

    /// A code from `CODE_LENGTH` random indices (each < 256; rejection keeps them uniform).
    pub fn from_random_bytes(bytes: impl IntoIterator<Item = u8>) -> Option<InvitationCode> {
        let n = CODE_ALPHABET.len() as u8;
        let limit: u16 = 256 - 256 % u16::from(n);
        let code: String = bytes
            .into_iter()
            .filter(|b| u16::from(*b) < limit)
            .take(CODE_LENGTH)
            .map(|b| CODE_ALPHABET[(b % n) as usize] as char)
            .collect();
        (code.len() == CODE_LENGTH).then_some(InvitationCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `ABCDE-FGHJK`: how it is shown and printed.
    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..5], &self.0[5..])
    }
}

/// Why a guardian's link request was refused. Deliberately vague on which factor was wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::VariantArray)]
pub enum LinkProblem {
    CodeMissing,
    CodeMalformed,
    BirthDateMissing,
    BirthDateMalformed,
    /// Unknown, used or expired code, or a birth date that does not match it.
    NoMatch,
    TooManyAttempts,
    /// The student is 18 or over: they share with whom they like, a guardian link is not needed.
    StudentIsAdult,
    AlreadyLinked,
}

impl LinkProblem {
    /// Every variant, in declaration order (derived: a new variant cannot be left out).
    pub const ALL: &'static [LinkProblem] = <LinkProblem as strum::VariantArray>::VARIANTS;

    /// Its name in an address (`/?lien=NoMatch`): how a form sent without JavaScript learns why.
    pub fn code(self) -> String {
        format!("{self:?}")
    }

    pub fn from_code(code: &str) -> Option<LinkProblem> {
        LinkProblem::ALL.iter().copied().find(|p| p.code() == code)
    }
}

/// A code just made, shown once to the student.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewInvitation {
    pub code: String,
    pub expires_at: i64,
}

/// A guardian linked to the student, or a student linked to the guardian.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedPerson {
    pub id: crate::identity::AccountId,
    pub name: String,
    pub linked_at: i64,
    /// `YYYY-MM-DD` after which the link no longer gives access; none: no end.
    pub ends_on: Option<String>,
    /// The link has ended (the student turned 18 and did not renew).
    pub ended: bool,
    /// The student may renew it now (they are 18, or will be within 60 days).
    pub renewable: bool,
}

/// The date a link ends: the student's 18th birthday (29 February → 1 March).
pub fn adulthood(birth: BirthDate) -> String {
    let year = birth.year() + 18;
    let (month, day) = if birth.month() == 2 && birth.day() == 29 && !is_leap(year) {
        (3, 1)
    } else {
        (birth.month(), birth.day())
    };
    format!("{year:04}-{month:02}-{day:02}")
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_ignore_case_spaces_and_dashes() {
        let code = InvitationCode::parse(" abcde-23456 ").unwrap();
        assert_eq!(code.as_str(), "ABCDE23456");
        assert_eq!(code.display(), "ABCDE-23456");
        assert_eq!(InvitationCode::parse("ABCDE 23456").unwrap(), code);
    }

    #[test]
    fn codes_of_the_wrong_shape_are_refused() {
        assert_eq!(InvitationCode::parse("  "), Err(LinkProblem::CodeMissing));
        assert_eq!(
            InvitationCode::parse("ABCDE2345"),
            Err(LinkProblem::CodeMalformed)
        );
        // O, 0, I, 1 and L are not in the alphabet: they are mistaken for one another.
        assert_eq!(
            InvitationCode::parse("ABCDE2345O"),
            Err(LinkProblem::CodeMalformed)
        );
        assert_eq!(
            InvitationCode::parse("ABCDE23451"),
            Err(LinkProblem::CodeMalformed)
        );
        assert_eq!(
            InvitationCode::parse("ABCDÉ23456"),
            Err(LinkProblem::CodeMalformed)
        );
    }

    #[test]
    fn random_codes_use_the_alphabet_and_reject_biased_bytes() {
        let code = InvitationCode::from_random_bytes(0u8..=255).unwrap();
        assert_eq!(code.as_str().len(), CODE_LENGTH);
        assert!(InvitationCode::parse(code.as_str()).is_ok());
        // 248 = 8 × 31 is the first byte that would bias the draw: never used.
        assert!(InvitationCode::from_random_bytes([248u8; 40]).is_none());
        assert!(InvitationCode::from_random_bytes([0u8; 9]).is_none());
    }

    #[test]
    fn a_link_ends_on_the_18th_birthday() {
        let birth = BirthDate::parse("2011-05-14").unwrap();
        assert_eq!(adulthood(birth), "2029-05-14");
        let leap = BirthDate::parse("2012-02-29").unwrap();
        assert_eq!(adulthood(leap), "2030-03-01");
        let leap_to_leap = BirthDate::parse("2008-02-29").unwrap();
        assert_eq!(adulthood(leap_to_leap), "2026-03-01");
    }

    #[test]
    fn every_problem_is_named_in_addresses() {
        for &problem in LinkProblem::ALL {
            assert_eq!(LinkProblem::from_code(&problem.code()), Some(problem));
        }
        assert_eq!(LinkProblem::from_code("<script>"), None);
    }
}
