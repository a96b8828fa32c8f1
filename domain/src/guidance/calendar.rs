//! The French calendar of guidance decisions, as data: one file per school year in
//! `domain/data/guidance/calendar/` (its README says the format). Which decisions exist and
//! what each deadline is are fixed by law, so they are enums here (their words are in the
//! translation catalogue); their dates, what a pupil may wish and how many, change every year
//! and are read from the files.

use crate::identity::Grade;
use crate::portfolio::SchoolDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A decision of a pupil's schooling that « mon projet » prepares.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// In 3e: voie générale et technologique, professionnelle, CAP, apprenticeship.
    #[serde(rename = "apres-3e")]
    ApresTroisieme,
    /// In 2de: the three spécialités of 1re (or a série technologique).
    #[serde(rename = "specialites-1re")]
    SpecialitesPremiere,
    /// In 1re: the two spécialités kept in terminale.
    SpecialitesTerminale,
    /// In terminale: Parcoursup's wishes.
    Parcoursup,
}

impl Decision {
    pub const ALL: &'static [Decision] = <Decision as strum::VariantArray>::VARIANTS;

    /// The decision a pupil of that grade prepares this year (none before 3e).
    pub fn for_grade(grade: Grade) -> Option<Decision> {
        match grade {
            Grade::Sixieme | Grade::Cinquieme | Grade::Quatrieme => None,
            Grade::Troisieme => Some(Decision::ApresTroisieme),
            Grade::Seconde => Some(Decision::SpecialitesPremiere),
            Grade::Premiere => Some(Decision::SpecialitesTerminale),
            Grade::Terminale => Some(Decision::Parcoursup),
        }
    }

    /// Its name in URLs, forms and storage (`apres-3e`, `parcoursup`).
    pub fn key(self) -> &'static str {
        match self {
            Decision::ApresTroisieme => "apres-3e",
            Decision::SpecialitesPremiere => "specialites-1re",
            Decision::SpecialitesTerminale => "specialites-terminale",
            Decision::Parcoursup => "parcoursup",
        }
    }

    pub fn parse(key: &str) -> Option<Decision> {
        Decision::ALL.iter().copied().find(|d| d.key() == key)
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A deadline of the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::VariantArray)]
#[serde(rename_all = "kebab-case")]
pub enum Milestone {
    /// Term 2 of 3e: provisional intentions on the fiche dialogue.
    IntentionsProvisoires,
    /// Term 3 of 3e: final choices.
    ChoixDefinitifs,
    /// Affelnet: requests for a lycée.
    AffectationVoeux,
    /// Affelnet: results.
    AffectationResultats,
    /// Term 2 of 2de: the spécialités envisaged.
    SpecialitesEnvisagees,
    /// Term 3 of 2de: the three spécialités chosen.
    SpecialitesChoisies,
    /// Term 2 of 1re: the spécialité dropped for terminale.
    SpecialiteAbandonnee,
    ParcoursupCatalogue,
    /// Registration and wishes open.
    ParcoursupInscription,
    /// The last day to add a wish.
    ParcoursupVoeuxFin,
    /// The last day to complete and confirm the wishes.
    ParcoursupConfirmation,
    /// The first answers.
    ParcoursupReponses,
    ParcoursupPhaseComplementaire,
}

impl Milestone {
    pub const ALL: &'static [Milestone] = <Milestone as strum::VariantArray>::VARIANTS;
}

/// A school year, named by the year of its September (2026 = « 2026-2027 »).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SchoolYear(pub u16);

impl SchoolYear {
    /// The school year a day belongs to: it starts on 1 September.
    pub fn of(day: SchoolDate) -> SchoolYear {
        SchoolYear(if day.month() >= 9 {
            day.year()
        } else {
            day.year() - 1
        })
    }

    pub fn contains(self, day: SchoolDate) -> bool {
        SchoolYear::of(day) == self
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.0, self.0 + 1)
    }
}

/// Something a pupil may wish for a decision (« 2de professionnelle », « Mathématiques »).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Lower-case letters, digits and `-` (`2de-gt`, `maths`).
    pub code: String,
    /// Its official French name, shown as written.
    pub label: String,
}

/// The rules of one decision this year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRules {
    pub decision: Decision,
    pub wishes_max: usize,
    /// How many the final choice keeps (3 spécialités in 1re, 2 in terminale).
    #[serde(default)]
    pub keep: Option<usize>,
    /// Whether ONISEP formations may be wished (a bac pro, a BUT).
    pub formations: bool,
    pub options: Vec<Choice>,
}

impl DecisionRules {
    pub fn option(&self, code: &str) -> Option<&Choice> {
        self.options.iter().find(|o| o.code == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub decision: Decision,
    pub milestone: Milestone,
    pub date: SchoolDate,
    /// Set by each school or académie: « vers le … ».
    #[serde(default)]
    pub approximate: bool,
}

/// One school year's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    pub school_year: SchoolYear,
    /// The ministry has not published the year's dates yet: they are estimates.
    pub provisional: bool,
    pub source: String,
    pub decisions: Vec<DecisionRules>,
    /// In date order.
    pub deadlines: Vec<Deadline>,
}

impl Calendar {
    pub fn rules(&self, decision: Decision) -> Option<&DecisionRules> {
        self.decisions.iter().find(|r| r.decision == decision)
    }

    pub fn deadlines_of(&self, decision: Decision) -> impl Iterator<Item = &Deadline> {
        self.deadlines
            .iter()
            .filter(move |d| d.decision == decision)
    }
}

/// Why a calendar file is refused (the tests read every shipped file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarProblem {
    #[error("not a calendar file: {0}")]
    Syntax(String),
    #[error("{decision} is described twice")]
    DecisionTwice { decision: Decision },
    #[error("{decision} is not described")]
    DecisionMissing { decision: Decision },
    #[error("{decision}: option code {code:?} is not lower-case letters, digits and -")]
    BadCode { decision: Decision, code: String },
    #[error("{decision}: option {code:?} twice")]
    OptionTwice { decision: Decision, code: String },
    #[error("{decision}: nothing may be wished")]
    NothingToWish { decision: Decision },
    #[error("{decision}: wishes_max {wishes_max} and keep {keep:?} make no sense")]
    BadCounts {
        decision: Decision,
        wishes_max: usize,
        keep: Option<usize>,
    },
    #[error("{date} is not in the school year {year}")]
    OutsideYear { date: SchoolDate, year: SchoolYear },
}

/// The most wishes any decision may allow (what a page and a table hold).
pub const WISHES_LIMIT: usize = 20;

#[cfg(feature = "server")]
/// A calendar file's text, checked.
pub fn parse(text: &str) -> Result<Calendar, CalendarProblem> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        school_year: u16,
        provisional: bool,
        source: String,
        decisions: Vec<DecisionRules>,
        #[serde(default)]
        deadlines: Vec<Deadline>,
    }
    let file: File = toml::from_str(text).map_err(|e| CalendarProblem::Syntax(e.to_string()))?;
    let year = SchoolYear(file.school_year);
    for &decision in Decision::ALL {
        match file
            .decisions
            .iter()
            .filter(|r| r.decision == decision)
            .count()
        {
            0 => return Err(CalendarProblem::DecisionMissing { decision }),
            1 => {}
            _ => return Err(CalendarProblem::DecisionTwice { decision }),
        }
    }
    for rules in &file.decisions {
        let decision = rules.decision;
        for (n, option) in rules.options.iter().enumerate() {
            let code = &option.code;
            if !is_choice_code(code) {
                return Err(CalendarProblem::BadCode {
                    decision,
                    code: code.clone(),
                });
            }
            if rules.options[..n].iter().any(|o| &o.code == code) {
                return Err(CalendarProblem::OptionTwice {
                    decision,
                    code: code.clone(),
                });
            }
        }
        if rules.options.is_empty() && !rules.formations {
            return Err(CalendarProblem::NothingToWish { decision });
        }
        let counts_fit = (1..=WISHES_LIMIT).contains(&rules.wishes_max)
            && rules.keep.is_none_or(|k| k >= 1 && k <= rules.wishes_max);
        if !counts_fit {
            return Err(CalendarProblem::BadCounts {
                decision,
                wishes_max: rules.wishes_max,
                keep: rules.keep,
            });
        }
    }
    if let Some(outside) = file.deadlines.iter().find(|d| !year.contains(d.date)) {
        return Err(CalendarProblem::OutsideYear {
            date: outside.date,
            year,
        });
    }
    let mut deadlines = file.deadlines;
    deadlines.sort_by_key(|d| d.date);
    Ok(Calendar {
        school_year: year,
        provisional: file.provisional,
        source: file.source,
        decisions: file.decisions,
        deadlines,
    })
}

/// An option's code: 1 to 40 of `a-z`, `0-9`, `-`.
pub fn is_choice_code(code: &str) -> bool {
    (1..=40).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(feature = "server")]
/// The calendars in the repository, by school year.
const SHIPPED: &[(u16, &str)] = &[
    (
        2025,
        include_str!("../../data/guidance/calendar/2025-2026.toml"),
    ),
    (
        2026,
        include_str!("../../data/guidance/calendar/2026-2027.toml"),
    ),
];

#[cfg(feature = "server")]
static CALENDARS: std::sync::LazyLock<Vec<Calendar>> = std::sync::LazyLock::new(|| {
    SHIPPED
        .iter()
        .map(|(year, text)| {
            // The tests read every file: a refused one never ships.
            let calendar = parse(text).expect("a shipped calendar is valid");
            assert_eq!(calendar.school_year.0, *year, "a file holds its own year");
            calendar
        })
        .collect()
});

#[cfg(feature = "server")]
/// The calendar of a school year; without one, the latest with `dated: false`: its decisions
/// and options hold, its dates do not.
pub fn for_year(year: SchoolYear) -> (&'static Calendar, bool) {
    let calendars = &*CALENDARS;
    match calendars.iter().find(|c| c.school_year == year) {
        Some(calendar) => (calendar, true),
        None => (
            calendars
                .iter()
                .max_by_key(|c| c.school_year)
                .expect("at least one calendar ships"),
            false,
        ),
    }
}

#[cfg(all(test, feature = "server"))]
mod tests {
    use super::*;

    fn day(text: &str) -> SchoolDate {
        SchoolDate::parse(text).unwrap()
    }

    #[test]
    fn every_shipped_calendar_is_valid_and_complete() {
        for (year, text) in SHIPPED {
            let calendar = parse(text).unwrap_or_else(|e| panic!("{year}: {e}"));
            assert_eq!(calendar.school_year, SchoolYear(*year));
            for &decision in Decision::ALL {
                assert!(
                    calendar.deadlines_of(decision).next().is_some(),
                    "{year}: {decision} has no deadline"
                );
            }
            assert!(calendar
                .deadlines
                .windows(2)
                .all(|w| w[0].date <= w[1].date));
        }
        // Every milestone is used somewhere: a word in the catalogue nothing shows is a slip.
        for milestone in Milestone::ALL {
            assert!(
                CALENDARS
                    .iter()
                    .any(|c| c.deadlines.iter().any(|d| d.milestone == *milestone)),
                "{milestone:?} is never used"
            );
        }
    }

    #[test]
    fn the_school_year_starts_in_september() {
        assert_eq!(SchoolYear::of(day("2026-08-31")), SchoolYear(2025));
        assert_eq!(SchoolYear::of(day("2026-09-01")), SchoolYear(2026));
        assert_eq!(SchoolYear::of(day("2027-06-30")), SchoolYear(2026));
        assert_eq!(SchoolYear(2026).to_string(), "2026-2027");
        assert_eq!(for_year(SchoolYear(2026)), (&CALENDARS[1], true));
        // A year without a file: the latest's decisions, undated.
        let (latest, dated) = for_year(SchoolYear(2031));
        assert_eq!((latest.school_year, dated), (SchoolYear(2026), false));
    }

    #[test]
    fn each_grade_prepares_its_decision() {
        assert_eq!(Decision::for_grade(Grade::Quatrieme), None);
        assert_eq!(
            Decision::for_grade(Grade::Troisieme),
            Some(Decision::ApresTroisieme)
        );
        assert_eq!(
            Decision::for_grade(Grade::Terminale),
            Some(Decision::Parcoursup)
        );
        for &decision in Decision::ALL {
            assert_eq!(Decision::parse(decision.key()), Some(decision));
            // The key is the file's spelling.
            assert_eq!(
                serde_json::to_string(&decision).unwrap(),
                format!("\"{}\"", decision.key())
            );
        }
        assert_eq!(Decision::parse("apres-4e"), None);
    }

    #[test]
    fn a_wrong_file_says_what_is_wrong() {
        let good = SHIPPED[0].1;
        let problem = |text: &str| parse(text).unwrap_err();
        assert!(matches!(
            problem("school_year = "),
            CalendarProblem::Syntax(_)
        ));
        assert!(matches!(
            problem(&good.replace("\"2026-02-27\"", "\"2026-09-02\"")),
            CalendarProblem::OutsideYear { .. }
        ));
        assert!(matches!(
            problem(&good.replace(
                "decision = \"parcoursup\"\nwishes_max",
                "decision = \"apres-3e\"\nwishes_max"
            )),
            CalendarProblem::DecisionTwice {
                decision: Decision::ApresTroisieme
            }
        ));
        assert!(matches!(
            problem(&good.replace("code = \"cap\"", "code = \"2de-pro\"")),
            CalendarProblem::OptionTwice { .. }
        ));
        assert!(matches!(
            problem(&good.replace("code = \"cap\"", "code = \"CAP\"")),
            CalendarProblem::BadCode { .. }
        ));
        assert!(matches!(
            problem(&good.replace("keep = 2", "keep = 4")),
            CalendarProblem::BadCounts { .. }
        ));
        assert!(matches!(
            problem(&good.replace("milestone = \"choix-definitifs\"", "milestone = \"choix\"")),
            CalendarProblem::Syntax(_)
        ));
    }
}
