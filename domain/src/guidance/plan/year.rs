//! The plan, by school year: for each decision of the French calendar
//! ([`Decision`](crate::guidance::calendar::Decision)), the pupil's wishes in her order and
//! the steps she gives herself (« journée portes ouvertes », « stage d'observation »), with the
//! year's deadlines shown ahead of time.

use crate::guidance::calendar::{Decision, DecisionRules, Milestone, SchoolYear};
use crate::guidance::onisep::FormationId;
use crate::portfolio::SchoolDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a wish names: an option of the year's calendar (`2de-gt`, `maths`) or an ONISEP
/// formation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum WishChoice {
    Option(String),
    Formation(FormationId),
}

impl WishChoice {
    /// `FOR.n`, or an option code (whether the year offers it is the store's answer).
    pub fn parse(text: &str) -> Option<WishChoice> {
        let text = text.trim();
        FormationId::parse(text)
            .map(WishChoice::Formation)
            .or_else(|| {
                crate::guidance::calendar::is_choice_code(text)
                    .then(|| WishChoice::Option(text.to_owned()))
            })
    }
}

impl fmt::Display for WishChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WishChoice::Option(code) => f.write_str(code),
            WishChoice::Formation(id) => id.fmt(f),
        }
    }
}

impl TryFrom<String> for WishChoice {
    type Error = String;
    fn try_from(text: String) -> Result<WishChoice, String> {
        WishChoice::parse(&text).ok_or_else(|| format!("not a wish: {text:?}"))
    }
}

impl From<WishChoice> for String {
    fn from(choice: WishChoice) -> String {
        choice.to_string()
    }
}

/// Which way a wish moves in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Move {
    Up,
    Down,
}

crate::typed_id!(
    /// A step of a pupil's plan.
    StepId
);

/// The longest step, in characters: a line on a phone.
pub const STEP_LABEL_MAX_CHARS: usize = 120;
/// Steps per decision: enough for a year, not a diary.
pub const STEPS_MAX: usize = 30;

/// Why a step is refused; the form says it next to its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepProblem {
    LabelEmpty,
    LabelTooLong {
        max: usize,
    },
    /// Not a date (`YYYY-MM-DD`, as a date field sends it).
    BadDate,
    TooMany {
        max: usize,
    },
}

/// A step as the pupil wrote it: trimmed, one line, 1 to [`STEP_LABEL_MAX_CHARS`] characters,
/// with an optional date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStep {
    label: String,
    due: Option<SchoolDate>,
}

impl NewStep {
    /// From the form's two fields (an empty date is no date).
    pub fn parse(label: &str, due: &str) -> Result<NewStep, StepProblem> {
        let label: String = label
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        if label.is_empty() {
            return Err(StepProblem::LabelEmpty);
        }
        if label.chars().count() > STEP_LABEL_MAX_CHARS {
            return Err(StepProblem::LabelTooLong {
                max: STEP_LABEL_MAX_CHARS,
            });
        }
        let due = match due.trim() {
            "" => None,
            text => Some(SchoolDate::parse(text).ok_or(StepProblem::BadDate)?),
        };
        Ok(NewStep { label, due })
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn due(&self) -> Option<SchoolDate> {
        self.due
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub id: StepId,
    pub label: String,
    pub due: Option<SchoolDate>,
    pub done: bool,
}

/// A wish as the plan shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wish {
    pub choice: WishChoice,
    /// The option's name, or ONISEP's label (empty when ONISEP's data no longer has it).
    pub label: String,
    /// A formation's type (« BTS »).
    pub type_label: String,
    /// ONISEP withdrew the formation, or the year's calendar no longer offers the option.
    pub withdrawn: bool,
    /// Portfolio entries of hers that back it, in the order she attached them.
    pub evidence: Vec<WishEvidence>,
    /// A formation taught somewhere (ONISEP's offers loaded), her académie known: how many of
    /// its schools teach it.
    #[serde(default)]
    pub taught_nearby: Option<TaughtNearby>,
}

/// How many schools of the pupil's académie teach a wished formation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaughtNearby {
    /// Her académie, as her school's directory names it.
    pub academie: String,
    pub schools: i64,
}

/// A portfolio entry attached to a wish, with what it showed her.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WishEvidence {
    pub entry: crate::portfolio::EntryId,
    pub title: String,
    pub note: String,
}

/// Entries attached to one wish, at most: what backs it best, not the whole portfolio.
pub const WISH_EVIDENCE_MAX: usize = 3;

/// A deadline, with how far it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upcoming {
    pub milestone: Milestone,
    pub date: SchoolDate,
    pub approximate: bool,
    /// Days from today (negative: passed).
    pub days_left: i64,
}

/// Deadlines closer than this are pointed out.
pub const SOON_DAYS: i64 = 30;

/// A decision's deadlines seen from `today`, in date order.
pub fn upcoming(
    calendar: &crate::guidance::calendar::Calendar,
    decision: Decision,
    today: SchoolDate,
) -> Vec<Upcoming> {
    calendar
        .deadlines_of(decision)
        .map(|d| Upcoming {
            milestone: d.milestone,
            date: d.date,
            approximate: d.approximate,
            days_left: crate::time::days_between(today, d.date),
        })
        .collect()
}

/// One decision of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionPlan {
    pub rules: DecisionRules,
    pub wishes: Vec<Wish>,
    pub steps: Vec<Step>,
    pub deadlines: Vec<Upcoming>,
    /// Her favourite formations not wished yet, when the decision takes formations.
    pub favourite_formations: Vec<(FormationId, String, String)>,
}

impl DecisionPlan {
    pub fn decision(&self) -> Decision {
        self.rules.decision
    }

    /// The next deadline not passed.
    pub fn next_deadline(&self) -> Option<&Upcoming> {
        self.deadlines.iter().find(|d| d.days_left >= 0)
    }

    /// Options not wished yet.
    pub fn options_left(&self) -> impl Iterator<Item = &crate::guidance::calendar::Choice> {
        self.rules.options.iter().filter(|o| {
            !self
                .wishes
                .iter()
                .any(|w| matches!(&w.choice, WishChoice::Option(code) if *code == o.code))
        })
    }
}

/// The whole plan of a school year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearPlan {
    pub school_year: SchoolYear,
    pub today: SchoolDate,
    /// The year has a calendar file (otherwise: the latest's decisions, no dates).
    pub dated: bool,
    pub provisional: bool,
    pub source: String,
    /// The decision of her grade, when it is known and has one.
    pub current: Option<Decision>,
    /// Hers first, then the others in the order of schooling.
    pub decisions: Vec<DecisionPlan>,
}

#[cfg(feature = "server")]
pub mod store;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_are_formations_or_codes() {
        assert!(matches!(
            WishChoice::parse("FOR.1234"),
            Some(WishChoice::Formation(_))
        ));
        assert_eq!(
            WishChoice::parse(" maths "),
            Some(WishChoice::Option("maths".into()))
        );
        assert_eq!(WishChoice::parse("Maths"), None);
        assert_eq!(WishChoice::parse(""), None);
        assert_eq!(WishChoice::parse("a b"), None);
        assert_eq!(WishChoice::parse(&"a".repeat(41)), None);
        assert_eq!(WishChoice::parse("FOR.12").unwrap().to_string(), "FOR.12");
    }

    #[cfg(feature = "server")]
    #[test]
    fn deadlines_are_counted_from_today_and_the_next_is_the_first_not_passed() {
        use crate::guidance::calendar::{for_year, SchoolYear};
        let day = |text: &str| SchoolDate::parse(text).unwrap();
        let today = day("2027-01-18");
        let (calendar, dated) = for_year(SchoolYear::of(today));
        assert!(dated);
        let deadlines = upcoming(calendar, Decision::Parcoursup, today);
        assert_eq!(deadlines[0].milestone, Milestone::ParcoursupCatalogue);
        assert!(deadlines[0].days_left < 0);
        assert_eq!(deadlines[1].milestone, Milestone::ParcoursupInscription);
        assert_eq!(deadlines[1].days_left, 0);
        let plan = DecisionPlan {
            rules: calendar.rules(Decision::Parcoursup).unwrap().clone(),
            wishes: Vec::new(),
            steps: Vec::new(),
            deadlines,
            favourite_formations: Vec::new(),
        };
        assert_eq!(
            plan.next_deadline().map(|d| d.milestone),
            Some(Milestone::ParcoursupInscription)
        );
        // After the last one, none is next.
        let late = DecisionPlan {
            deadlines: upcoming(calendar, Decision::Parcoursup, day("2027-08-31")),
            ..plan
        };
        assert_eq!(late.next_deadline(), None);
    }

    #[test]
    fn a_step_is_one_line_with_an_optional_date() {
        let step = NewStep::parse("  Journée portes \n ouvertes\u{7} ", "2027-02-06").unwrap();
        assert_eq!(step.label(), "Journée portes ouvertes");
        assert_eq!(step.due().unwrap().to_string(), "2027-02-06");
        assert_eq!(NewStep::parse("Stage", " ").unwrap().due(), None);
        assert_eq!(NewStep::parse(" \n", ""), Err(StepProblem::LabelEmpty));
        assert_eq!(
            NewStep::parse("Stage", "06/02/2027"),
            Err(StepProblem::BadDate)
        );
        assert_eq!(
            NewStep::parse("Stage", "2027-02-30"),
            Err(StepProblem::BadDate)
        );
        assert_eq!(
            NewStep::parse(&"é".repeat(STEP_LABEL_MAX_CHARS + 1), ""),
            Err(StepProblem::LabelTooLong {
                max: STEP_LABEL_MAX_CHARS
            })
        );
        assert!(NewStep::parse(&"é".repeat(STEP_LABEL_MAX_CHARS), "").is_ok());
    }
}
