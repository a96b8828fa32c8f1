//! A certification as the student (or their counsellor) types it from the certificate: date,
//! verification code, score and the level of each competence. The global level is derived from
//! the score, never typed.

use super::results::CompetenceScore;
use super::{CertificationLevel, VerificationCode, CURRENT_MAX_LEVEL, MAX_LEVEL};
use crate::identity::BirthDate;
use crate::portfolio::frameworks::Framework;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the form sends; `levels` maps `c` + a competence code (`c1.1`: a form key in brackets
/// must not start with a digit, or it is read as a list index) to the typed level (blank: not
/// given).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawCertification {
    #[serde(default)]
    pub taken_on: String,
    #[serde(default)]
    pub verification_code: String,
    #[serde(default)]
    pub score: String,
    #[serde(default)]
    pub levels: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CertificationProblem {
    DateMissing,
    DateInvalid,
    DateInFuture,
    CodeMissing,
    CodeInvalid,
    ScoreMissing,
    ScoreInvalid,
    /// The competence's code and the typed text.
    LevelInvalid(String),
    UnknownCompetence,
}

impl CertificationProblem {
    /// The form field the problem is about (for `aria-describedby` and the summary's links).
    pub fn field(&self) -> String {
        match self {
            CertificationProblem::DateMissing
            | CertificationProblem::DateInvalid
            | CertificationProblem::DateInFuture => "cert-date".to_owned(),
            CertificationProblem::CodeMissing | CertificationProblem::CodeInvalid => {
                "cert-code".to_owned()
            }
            CertificationProblem::ScoreMissing | CertificationProblem::ScoreInvalid => {
                "cert-score".to_owned()
            }
            CertificationProblem::LevelInvalid(code) => {
                format!("cert-level-{}", code.replace('.', "-"))
            }
            CertificationProblem::UnknownCompetence => "cert-levels".to_owned(),
        }
    }
}

/// A checked certification, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificationDraft {
    taken_on: String,
    code: VerificationCode,
    score: u16,
    level: CertificationLevel,
    competences: Vec<CompetenceScore>,
}

impl CertificationDraft {
    /// Every problem at once; `today` (`YYYY-MM-DD`) bounds the date.
    pub fn parse(
        raw: &RawCertification,
        framework: &Framework,
        today: &str,
    ) -> Result<CertificationDraft, Vec<CertificationProblem>> {
        let mut problems = Vec::new();
        let date = raw.taken_on.trim();
        if date.is_empty() {
            problems.push(CertificationProblem::DateMissing);
        } else if BirthDate::parse(date).is_err() {
            problems.push(CertificationProblem::DateInvalid);
        } else if date > today {
            problems.push(CertificationProblem::DateInFuture);
        }
        let code = if raw.verification_code.trim().is_empty() {
            problems.push(CertificationProblem::CodeMissing);
            None
        } else {
            let code = VerificationCode::parse(&raw.verification_code);
            if code.is_none() {
                problems.push(CertificationProblem::CodeInvalid);
            }
            code
        };
        let score = raw.score.trim();
        let score = if score.is_empty() {
            problems.push(CertificationProblem::ScoreMissing);
            None
        } else {
            let parsed = score
                .parse::<u16>()
                .ok()
                .and_then(|s| CertificationLevel::from_score(s).map(|l| (s, l)));
            if parsed.is_none() {
                problems.push(CertificationProblem::ScoreInvalid);
            }
            parsed
        };
        let mut competences = Vec::new();
        for (key, typed) in &raw.levels {
            let code = key.strip_prefix('c').unwrap_or(key);
            if !framework.competences().any(|c| c.code == code) {
                if !problems.contains(&CertificationProblem::UnknownCompetence) {
                    problems.push(CertificationProblem::UnknownCompetence);
                }
                continue;
            }
            let typed = typed.trim();
            if typed.is_empty() {
                continue;
            }
            match typed.parse::<u8>() {
                Ok(level) if level <= MAX_LEVEL => competences.push(CompetenceScore {
                    code: code.to_owned(),
                    level,
                    pix: None,
                }),
                _ => problems.push(CertificationProblem::LevelInvalid(code.to_owned())),
            }
        }
        competences.sort_by(|a, b| a.code.cmp(&b.code));
        match (code, score) {
            (Some(code), Some((score, level))) if problems.is_empty() => Ok(CertificationDraft {
                taken_on: date.to_owned(),
                code,
                score,
                level,
                competences,
            }),
            _ => Err(problems),
        }
    }

    pub fn taken_on(&self) -> &str {
        &self.taken_on
    }
    pub fn code(&self) -> &VerificationCode {
        &self.code
    }
    pub fn score(&self) -> u16 {
        self.score
    }
    pub fn level(&self) -> CertificationLevel {
        self.level
    }
    pub fn competences(&self) -> &[CompetenceScore] {
        &self.competences
    }
    /// The scale of a certification: the highest of today's level and the levels typed.
    pub fn max_level(&self) -> u8 {
        self.competences
            .iter()
            .map(|c| c.level)
            .max()
            .unwrap_or(0)
            .max(CURRENT_MAX_LEVEL)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::frameworks::Frameworks;

    fn crcn() -> Framework {
        Frameworks::crcn().clone()
    }

    fn raw(date: &str, code: &str, score: &str, levels: &[(&str, &str)]) -> RawCertification {
        RawCertification {
            taken_on: date.to_owned(),
            verification_code: code.to_owned(),
            score: score.to_owned(),
            levels: levels
                .iter()
                .map(|(c, l)| ((*c).to_owned(), (*l).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn a_certificate_as_printed_is_accepted_and_its_level_derived() {
        let draft = CertificationDraft::parse(
            &raw(
                "2026-05-12",
                "p-3bfh7mqt",
                "412",
                &[("c1.1", "4"), ("c3.4", ""), ("c2.1", "3")],
            ),
            &crcn(),
            "2026-11-23",
        )
        .unwrap();
        assert_eq!(draft.code().as_str(), "P-3BFH7MQT");
        assert_eq!(draft.level(), CertificationLevel::Independent4);
        assert_eq!(draft.competences().len(), 2);
        assert_eq!(draft.competences()[0].code, "1.1");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let problems = CertificationDraft::parse(
            &raw(
                "2030-01-01",
                "P-12345678",
                "2000",
                &[("c1.1", "9"), ("c9.9", "1")],
            ),
            &crcn(),
            "2026-11-23",
        )
        .unwrap_err();
        assert_eq!(
            problems,
            vec![
                CertificationProblem::DateInFuture,
                CertificationProblem::CodeInvalid,
                CertificationProblem::ScoreInvalid,
                CertificationProblem::LevelInvalid("1.1".to_owned()),
                CertificationProblem::UnknownCompetence,
            ]
        );
        let empty = CertificationDraft::parse(&RawCertification::default(), &crcn(), "2026-11-23")
            .unwrap_err();
        assert_eq!(
            empty,
            vec![
                CertificationProblem::DateMissing,
                CertificationProblem::CodeMissing,
                CertificationProblem::ScoreMissing
            ]
        );
        assert_eq!(
            CertificationProblem::LevelInvalid("1.1".to_owned()).field(),
            "cert-level-1-1"
        );
    }
}
