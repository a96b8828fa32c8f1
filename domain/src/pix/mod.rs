//! Pix results on the CRCN: levels and pix per competence, totals, the maximum reachable at a
//! given date, certifications and their verification codes. Rules: shared/docs/design.md.

pub mod certification;
pub mod draft;
pub mod matching;
pub mod orga_csv;

pub mod results;
#[cfg(feature = "server")]
pub mod store;

use serde::{Deserialize, Serialize};

crate::typed_id!(
    /// One of a pupil's dated Pix results.
    PixResultId
);

crate::typed_id!(
    /// A counsellor's uploaded Pix Orga export, kept until they confirm or drop it.
    PixDraftId
);

/// Pix gives 8 pix per level.
pub const PIX_PER_LEVEL: u16 = 8;
/// Levels run from 0 to 8.
pub const MAX_LEVEL: u8 = 8;
/// The highest level Pix opens in 2026 (it was 5, then 6, then 7). Each stored result keeps the
/// value of its own day, so this only dates new results; raise it when Pix opens level 8.
pub const CURRENT_MAX_LEVEL: u8 = 7;

/// A competence level, 0 to 8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8")]
pub struct PixLevel(u8);

impl TryFrom<u8> for PixLevel {
    type Error = &'static str;
    fn try_from(level: u8) -> Result<PixLevel, Self::Error> {
        PixLevel::new(level).ok_or("a Pix level is 0 to 8")
    }
}

impl PixLevel {
    pub fn new(level: u8) -> Option<PixLevel> {
        (level <= MAX_LEVEL).then_some(PixLevel(level))
    }
    pub fn get(self) -> u8 {
        self.0
    }
}

/// A competence's pix: at most 8 levels × 8 pix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u16")]
pub struct CompetencePix(u16);

impl TryFrom<u16> for CompetencePix {
    type Error = &'static str;
    fn try_from(pix: u16) -> Result<CompetencePix, Self::Error> {
        CompetencePix::new(pix).ok_or("a competence has at most 64 pix")
    }
}

impl CompetencePix {
    pub fn new(pix: u16) -> Option<CompetencePix> {
        (pix <= u16::from(MAX_LEVEL) * PIX_PER_LEVEL).then_some(CompetencePix(pix))
    }
    pub fn get(self) -> u16 {
        self.0
    }
    /// The level these pix reach, capped by the maximum reachable level at that date.
    pub fn level(self, max_reachable: u8) -> PixLevel {
        let level = (self.0 / PIX_PER_LEVEL).min(u16::from(max_reachable.min(MAX_LEVEL)));
        PixLevel(level as u8)
    }
}

/// The v3 certification's global levels, from the score (0–1023; 895 reachable today).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CertificationLevel {
    PreBeginner,
    Beginner1,
    Beginner2,
    Independent3,
    Independent4,
    Advanced5,
    Advanced6,
    Expert7,
    Expert8,
}

/// The highest certification score there is (the theoretical maximum, 1024 excluded).
pub const MAX_CERTIFICATION_SCORE: u16 = 1023;

impl CertificationLevel {
    /// The band of `score`, or none when the score is out of range.
    pub fn from_score(score: u16) -> Option<CertificationLevel> {
        use CertificationLevel::*;
        Some(match score {
            0..=63 => PreBeginner,
            64..=127 => Beginner1,
            128..=255 => Beginner2,
            256..=383 => Independent3,
            384..=511 => Independent4,
            512..=639 => Advanced5,
            640..=767 => Advanced6,
            768..=895 => Expert7,
            896..=MAX_CERTIFICATION_SCORE => Expert8,
            _ => return None,
        })
    }
}

/// A certificate's verification code, `P-` and 8 characters of Pix's alphabet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub struct VerificationCode(String);

impl TryFrom<String> for VerificationCode {
    type Error = &'static str;
    fn try_from(raw: String) -> Result<VerificationCode, Self::Error> {
        VerificationCode::parse(&raw).ok_or("a verification code is P- and 8 characters")
    }
}

const VERIFICATION_ALPHABET: &str = "2346789BCDFGHJKMPQRTVWXY";

impl VerificationCode {
    /// Accepts the code as printed, in any case and with spaces around it.
    pub fn parse(raw: &str) -> Option<VerificationCode> {
        let code = raw.trim().to_ascii_uppercase();
        let rest = code.strip_prefix("P-")?;
        (rest.len() == 8 && rest.chars().all(|c| VERIFICATION_ALPHABET.contains(c)))
            .then_some(VerificationCode(code))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Where a result comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResultSource {
    /// A « collecte de profils » campaign export, imported by a counsellor.
    OrgaCampaign {
        campaign_id: String,
        name: String,
    },
    Certification,
    Manual,
}

/// The highest total at a date when levels stopped at `max_level` (16 competences × 8 pix).
pub fn max_reachable_total(max_level: u8) -> u16 {
    16 * u16::from(max_level.min(MAX_LEVEL)) * PIX_PER_LEVEL
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_pix_have_their_ranges() {
        assert!(PixLevel::new(8).is_some());
        assert!(PixLevel::new(9).is_none());
        assert!(CompetencePix::new(64).is_some());
        assert!(CompetencePix::new(65).is_none());
    }

    #[test]
    fn deserializing_parses() {
        assert_eq!(serde_json::from_str::<PixLevel>("8").unwrap().get(), 8);
        assert!(serde_json::from_str::<PixLevel>("9").is_err());
        assert_eq!(
            serde_json::to_string(&PixLevel::new(3).unwrap()).unwrap(),
            "3"
        );
        assert!(serde_json::from_str::<CompetencePix>("65").is_err());
        let code: VerificationCode = serde_json::from_str(r#""p-2346789b""#).unwrap();
        assert_eq!(code.as_str(), "P-2346789B");
        assert!(serde_json::from_str::<VerificationCode>(r#""P-1111""#).is_err());
    }

    #[test]
    fn pix_give_levels_capped_by_the_maximum_reachable() {
        let pix = CompetencePix::new(43).unwrap();
        assert_eq!(pix.level(8).get(), 5);
        assert_eq!(pix.level(5).get(), 5);
        assert_eq!(pix.level(4).get(), 4);
        assert_eq!(CompetencePix::new(7).unwrap().level(8).get(), 0);
    }

    #[test]
    fn totals_at_the_maximum_levels_pix_had() {
        assert_eq!(max_reachable_total(5), 640);
        assert_eq!(max_reachable_total(6), 768);
        assert_eq!(max_reachable_total(7), 896);
    }

    #[test]
    fn certification_bands_follow_the_v3_table() {
        use CertificationLevel::*;
        let cases = [
            (0, PreBeginner),
            (63, PreBeginner),
            (64, Beginner1),
            (127, Beginner1),
            (128, Beginner2),
            (255, Beginner2),
            (256, Independent3),
            (383, Independent3),
            (384, Independent4),
            (511, Independent4),
            (512, Advanced5),
            (639, Advanced5),
            (640, Advanced6),
            (767, Advanced6),
            (768, Expert7),
            (895, Expert7),
            (896, Expert8),
            (1023, Expert8),
        ];
        for (score, level) in cases {
            assert_eq!(
                CertificationLevel::from_score(score),
                Some(level),
                "{score}"
            );
        }
        assert_eq!(CertificationLevel::from_score(1024), None);
    }

    #[test]
    fn verification_codes_use_pix_alphabet() {
        assert_eq!(
            VerificationCode::parse(" p-2346bcdf ").unwrap().as_str(),
            "P-2346BCDF"
        );
        for bad in [
            "P-2346BCD",
            "P-2346BCDFG",
            "X-2346BCDF",
            "P-1346BCDF",
            "P-A346BCDF",
            "P-O346BCDF",
            "",
        ] {
            assert!(VerificationCode::parse(bad).is_none(), "{bad}");
        }
    }
}
