use serde::{Deserialize, Serialize};
use std::fmt;

/// A value from outside (a claim, a form, a file) that does not have the expected shape.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what}: {why}")]
pub struct InvalidValue {
    pub what: &'static str,
    pub why: &'static str,
}

fn invalid(what: &'static str, why: &'static str) -> InvalidValue {
    InvalidValue { what, why }
}

/// What a person may do in the portal. Students own their space; guardians and counsellors
/// see only what a student (or the law) lets them see; admins run an académie's instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Student,
    Guardian,
    Counsellor,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Student => "student",
            Role::Guardian => "guardian",
            Role::Counsellor => "counsellor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Result<Role, InvalidValue> {
        match s {
            "student" => Ok(Role::Student),
            "guardian" => Ok(Role::Guardian),
            "counsellor" => Ok(Role::Counsellor),
            "admin" => Ok(Role::Admin),
            _ => Err(invalid("role", "unknown role")),
        }
    }
}

crate::typed_id!(
    /// An account (a pupil, a guardian, a member of staff).
    AccountId
);

fn has_control_chars(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// The identity provider's stable pseudonymous subject (`sub`, `FrEduCtId`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Subject(String);

impl Subject {
    pub const MAX_LEN: usize = 255;

    pub fn parse(raw: &str) -> Result<Subject, InvalidValue> {
        if raw.is_empty() {
            return Err(invalid("subject", "empty"));
        }
        if raw.len() > Self::MAX_LEN {
            return Err(invalid("subject", "too long"));
        }
        if has_control_chars(raw) || raw.trim() != raw {
            return Err(invalid("subject", "unexpected characters"));
        }
        Ok(Subject(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A given or family name as the provider spells it, trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

impl TryFrom<String> for PersonName {
    type Error = InvalidValue;
    fn try_from(raw: String) -> Result<PersonName, InvalidValue> {
        PersonName::parse(&raw)
    }
}

impl From<PersonName> for String {
    fn from(value: PersonName) -> String {
        value.0
    }
}

impl PersonName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Result<PersonName, InvalidValue> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(invalid("name", "empty"));
        }
        if name.chars().count() > Self::MAX_CHARS {
            return Err(invalid("name", "too long"));
        }
        if has_control_chars(name) {
            return Err(invalid("name", "unexpected characters"));
        }
        Ok(PersonName(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A school's UAI (unité administrative immatriculée): 7 digits and a check letter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SchoolUai(String);

impl TryFrom<String> for SchoolUai {
    type Error = InvalidValue;
    fn try_from(raw: String) -> Result<SchoolUai, InvalidValue> {
        SchoolUai::parse(&raw)
    }
}

impl From<SchoolUai> for String {
    fn from(value: SchoolUai) -> String {
        value.0
    }
}

impl SchoolUai {
    pub fn parse(raw: &str) -> Result<SchoolUai, InvalidValue> {
        let uai = raw.trim().to_ascii_uppercase();
        let bytes = uai.as_bytes();
        let well_formed = bytes.len() == 8
            && bytes[..7].iter().all(u8::is_ascii_digit)
            && bytes[7].is_ascii_uppercase();
        if !well_formed {
            return Err(invalid("UAI", "expected 7 digits and a letter"));
        }
        Ok(SchoolUai(uai))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SchoolUai {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The pupil's level as the provider names it (`FrEduCtEleveNiveau`, e.g. "3EME", "2NDE GT").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SchoolLevel(String);

impl TryFrom<String> for SchoolLevel {
    type Error = InvalidValue;
    fn try_from(raw: String) -> Result<SchoolLevel, InvalidValue> {
        SchoolLevel::parse(&raw)
    }
}

impl From<SchoolLevel> for String {
    fn from(value: SchoolLevel) -> String {
        value.0
    }
}

impl SchoolLevel {
    pub const MAX_CHARS: usize = 40;

    pub fn parse(raw: &str) -> Result<SchoolLevel, InvalidValue> {
        let level = raw.trim();
        if level.is_empty() {
            return Err(invalid("level", "empty"));
        }
        if level.chars().count() > Self::MAX_CHARS || has_control_chars(level) {
            return Err(invalid("level", "unexpected value"));
        }
        Ok(SchoolLevel(level.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The year of collège or lycée this level names, when it is one: the identity provider and
    /// schools' software write it many ways (« 3EME », « 3e », « 2NDE », « 1ère », « TLE »,
    /// « Terminale générale »). `None` for anything else (a class name, a vocational track),
    /// which pages show as written.
    pub fn grade(&self) -> Option<Grade> {
        let folded: String = crate::text::fold(&self.0)
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == ' ')
            .collect();
        let first = folded.split_whitespace().next()?;
        let grade = match first {
            "6" | "6e" | "6eme" | "sixieme" => Grade::Sixieme,
            "5" | "5e" | "5eme" | "cinquieme" => Grade::Cinquieme,
            "4" | "4e" | "4eme" | "quatrieme" => Grade::Quatrieme,
            "3" | "3e" | "3eme" | "troisieme" => Grade::Troisieme,
            "2" | "2de" | "2nde" | "2nd" | "seconde" => Grade::Seconde,
            "1" | "1re" | "1ere" | "premiere" => Grade::Premiere,
            "t" | "tle" | "term" | "terminale" => Grade::Terminale,
            _ => return None,
        };
        Some(grade)
    }
}

/// A year of collège (6e to 3e) or lycée (seconde to terminale).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Grade {
    Sixieme,
    Cinquieme,
    Quatrieme,
    Troisieme,
    Seconde,
    Premiere,
    Terminale,
}

impl fmt::Display for SchoolLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A calendar date of birth, `YYYY-MM-DD`. Consent rules (under 15, 18) are computed from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BirthDate {
    year: u16,
    month: u8,
    day: u8,
}

impl BirthDate {
    pub fn parse(raw: &str) -> Result<BirthDate, InvalidValue> {
        const WHAT: &str = "birth date";
        let raw = raw.trim();
        let parts: Vec<&str> = raw.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(invalid(WHAT, "expected YYYY-MM-DD"));
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(invalid(WHAT, "expected YYYY-MM-DD"));
        }
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y) && digits(m) && digits(d)) {
            return Err(invalid(WHAT, "expected YYYY-MM-DD"));
        }
        let (year, month, day): (u16, u8, u8) = (
            y.parse().map_err(|_| invalid(WHAT, "bad year"))?,
            m.parse().map_err(|_| invalid(WHAT, "bad month"))?,
            d.parse().map_err(|_| invalid(WHAT, "bad day"))?,
        );
        if !(1900..=2100).contains(&year) {
            return Err(invalid(WHAT, "year out of range"));
        }
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(invalid(WHAT, "no such day"));
        }
        Ok(BirthDate { year, month, day })
    }

    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }
}

impl TryFrom<String> for BirthDate {
    type Error = InvalidValue;
    fn try_from(raw: String) -> Result<BirthDate, InvalidValue> {
        BirthDate::parse(&raw)
    }
}

impl From<BirthDate> for String {
    fn from(date: BirthDate) -> String {
        date.to_string()
    }
}

impl fmt::Display for BirthDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        _ => 28,
    }
}

/// What the portal keeps of an identity, checked, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountProfile {
    pub role: Role,
    pub given_name: PersonName,
    pub family_name: PersonName,
    pub birth_date: Option<BirthDate>,
    pub school_uai: Option<SchoolUai>,
    pub school_level: Option<SchoolLevel>,
}

/// The signed-in person as pages show them. It carries no identifier of the provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub id: AccountId,
    pub role: Role,
    pub given_name: String,
    pub family_name: String,
    pub school_uai: Option<String>,
    pub school_level: Option<String>,
    pub is_demo: bool,
}

impl AccountView {
    /// The grade of the level the identity provider wrote, when it is one Sillage knows.
    pub fn grade(&self) -> Option<Grade> {
        self.school_level
            .as_deref()
            .and_then(|raw| SchoolLevel::parse(raw).ok())
            .and_then(|level| level.grade())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values read from JSON (a session, a draft, a server function's arguments) pass through
    /// the same `parse` as values typed in a form: no way to build an invalid one.
    #[test]
    fn a_level_names_its_grade_however_it_is_written() {
        let grade = |raw: &str| SchoolLevel::parse(raw).unwrap().grade();
        assert_eq!(grade("3EME"), Some(Grade::Troisieme));
        assert_eq!(grade("3e"), Some(Grade::Troisieme));
        assert_eq!(grade("6ème"), Some(Grade::Sixieme));
        assert_eq!(grade("2NDE"), Some(Grade::Seconde));
        assert_eq!(grade("2de"), Some(Grade::Seconde));
        assert_eq!(grade("1ère"), Some(Grade::Premiere));
        assert_eq!(grade("1RE"), Some(Grade::Premiere));
        assert_eq!(grade("TLE"), Some(Grade::Terminale));
        assert_eq!(grade("Terminale générale"), Some(Grade::Terminale));
        assert_eq!(grade("3e prépa-métiers"), Some(Grade::Troisieme));
        assert_eq!(grade("CAP 1re année"), None);
        assert_eq!(grade("4B"), None);
        assert_eq!(grade("BTS"), None);
    }

    #[test]
    fn deserializing_parses() {
        let name: PersonName = serde_json::from_str(r#"" Léa ""#).unwrap();
        assert_eq!(name.as_str(), "Léa");
        assert!(serde_json::from_str::<PersonName>(r#""  ""#).is_err());
        let uai: SchoolUai = serde_json::from_str(r#""0750001a""#).unwrap();
        assert_eq!(serde_json::to_string(&uai).unwrap(), r#""0750001A""#);
        assert!(serde_json::from_str::<SchoolUai>(r#""075000A""#).is_err());
        assert!(serde_json::from_str::<SchoolLevel>(r#""""#).is_err());
        let date: BirthDate = serde_json::from_str(r#""2012-02-29""#).unwrap();
        assert_eq!(serde_json::to_string(&date).unwrap(), r#""2012-02-29""#);
        assert!(serde_json::from_str::<BirthDate>(r#""2011-02-29""#).is_err());
    }

    #[test]
    fn uai_is_seven_digits_and_a_letter() {
        assert_eq!(SchoolUai::parse(" 0750001a ").unwrap().as_str(), "0750001A");
        for bad in [
            "",
            "075000A",
            "07500011",
            "A7500011",
            "0750001AB",
            "075 001A",
        ] {
            assert!(SchoolUai::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn birth_dates_must_exist() {
        assert_eq!(
            BirthDate::parse("2012-02-29").unwrap().to_string(),
            "2012-02-29"
        );
        for bad in [
            "2011-02-29",
            "2012-13-01",
            "2012-00-10",
            "2012-04-31",
            "12-04-2012",
            "2012/04/01",
            "1850-01-01",
            "2012-4-1",
            "",
        ] {
            assert!(BirthDate::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(PersonName::parse("  Zoé ").unwrap().as_str(), "Zoé");
        assert!(PersonName::parse("   ").is_err());
        assert!(PersonName::parse(&"é".repeat(101)).is_err());
        assert!(PersonName::parse("a\u{0}b").is_err());
    }

    #[test]
    fn subjects_are_kept_verbatim_but_bounded() {
        assert_eq!(Subject::parse("f:abc-123").unwrap().as_str(), "f:abc-123");
        assert!(Subject::parse("").is_err());
        assert!(Subject::parse(" padded").is_err());
        assert!(Subject::parse(&"x".repeat(256)).is_err());
    }

    #[test]
    fn roles_round_trip() {
        for role in [Role::Student, Role::Guardian, Role::Counsellor, Role::Admin] {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert!(Role::parse("teacher").is_err());
    }
}
