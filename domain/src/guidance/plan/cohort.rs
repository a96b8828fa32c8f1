//! The counsellor's overview of the plans shared with them, by level: how many pupils have
//! wishes and steps for this year's decision, the next deadline of that decision and how many
//! have not prepared it yet, and the domaines most chosen. Counts of fewer than
//! [`SMALLEST_GROUP`] pupils are never shown: in a class, a small number names someone.

use super::year::Upcoming;
use crate::guidance::calendar::{Calendar, Decision};
use crate::identity::{Grade, SchoolLevel};
use crate::portfolio::SchoolDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Below this many pupils, a count is not shown.
pub const SMALLEST_GROUP: usize = 5;

/// What the overview knows of one pupil who shares her plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PupilFacts {
    /// The level as the identity provider wrote it.
    pub level: Option<String>,
    /// Her wishes and steps, by decision.
    pub wishes: BTreeMap<Decision, usize>,
    pub steps: BTreeMap<Decision, usize>,
}

/// One level's line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortGroup {
    /// The level as written (« 3EME »), or none.
    pub level: Option<String>,
    pub decision: Option<Decision>,
    /// `None`: fewer than [`SMALLEST_GROUP`] pupils, nothing shown.
    pub counts: Option<GroupCounts>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupCounts {
    pub pupils: usize,
    /// With at least one wish for the level's decision.
    pub with_wishes: usize,
    /// With at least one step for it.
    pub with_steps: usize,
    /// The decision's next deadline, and how many have neither wish nor step for it.
    pub next_deadline: Option<Upcoming>,
    pub unprepared: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cohort {
    pub groups: Vec<CohortGroup>,
    /// Domaines chosen by at least [`SMALLEST_GROUP`] pupils, the most chosen first.
    pub domaines: Vec<(String, usize)>,
}

fn grade_of(level: &Option<String>) -> Option<Grade> {
    level
        .as_deref()
        .and_then(|raw| SchoolLevel::parse(raw).ok())
        .and_then(|level| level.grade())
}

/// The overview of `pupils` on `today`, with the domaines' counts (domaine, pupils).
pub fn summarise(
    pupils: &[PupilFacts],
    domaine_counts: &[(String, usize)],
    calendar: Option<&Calendar>,
    today: SchoolDate,
) -> Cohort {
    let mut by_level: BTreeMap<Option<String>, Vec<&PupilFacts>> = BTreeMap::new();
    for pupil in pupils {
        by_level.entry(pupil.level.clone()).or_default().push(pupil);
    }
    let groups = by_level
        .into_iter()
        .map(|(level, members)| {
            let decision = grade_of(&level).and_then(Decision::for_grade);
            let counts = (members.len() >= SMALLEST_GROUP).then(|| {
                let has = |map: &BTreeMap<Decision, usize>| {
                    decision.is_some_and(|d| map.get(&d).copied().unwrap_or(0) > 0)
                };
                let with_wishes = members.iter().filter(|p| has(&p.wishes)).count();
                let with_steps = members.iter().filter(|p| has(&p.steps)).count();
                let unprepared = members
                    .iter()
                    .filter(|p| !has(&p.wishes) && !has(&p.steps))
                    .count();
                let next_deadline = decision.zip(calendar).and_then(|(d, calendar)| {
                    super::year::upcoming(calendar, d, today)
                        .into_iter()
                        .find(|u| u.days_left >= 0)
                });
                GroupCounts {
                    pupils: members.len(),
                    with_wishes,
                    with_steps,
                    next_deadline,
                    unprepared,
                }
            });
            CohortGroup {
                level,
                decision,
                counts,
            }
        })
        .collect();
    let mut domaines: Vec<(String, usize)> = domaine_counts
        .iter()
        .filter(|(_, n)| *n >= SMALLEST_GROUP)
        .cloned()
        .collect();
    domaines.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Cohort { groups, domaines }
}

#[cfg(feature = "server")]
pub mod store;

#[cfg(all(test, feature = "server"))]
mod tests {
    use super::*;
    use crate::guidance::calendar::{for_year, SchoolYear};

    fn pupil(level: &str, wishes: usize, steps: usize) -> PupilFacts {
        PupilFacts {
            level: Some(level.to_owned()),
            wishes: [(Decision::ApresTroisieme, wishes)].into_iter().collect(),
            steps: [(Decision::ApresTroisieme, steps)].into_iter().collect(),
        }
    }

    #[test]
    fn small_groups_and_rare_domaines_are_not_shown() {
        let today = SchoolDate::parse("2027-01-10").unwrap();
        let (calendar, _) = for_year(SchoolYear::of(today));
        let mut pupils: Vec<PupilFacts> = vec![
            pupil("3EME", 2, 0),
            pupil("3EME", 0, 1),
            pupil("3EME", 1, 1),
            pupil("3EME", 0, 0),
            pupil("3EME", 0, 0),
        ];
        // Four pupils of 2de: a group too small to count.
        pupils.extend((0..4).map(|_| pupil("2NDE", 0, 0)));
        let domaines = [
            ("santé, social, sport".to_owned(), 5),
            ("arts".to_owned(), 4),
        ];
        let cohort = summarise(&pupils, &domaines, Some(calendar), today);
        let troisieme = cohort
            .groups
            .iter()
            .find(|g| g.level.as_deref() == Some("3EME"))
            .unwrap();
        let counts = troisieme.counts.as_ref().unwrap();
        assert_eq!(
            (
                counts.pupils,
                counts.with_wishes,
                counts.with_steps,
                counts.unprepared
            ),
            (5, 2, 2, 2)
        );
        assert_eq!(troisieme.decision, Some(Decision::ApresTroisieme));
        // The next deadline after 3e, seen on 10 January: the provisional intentions.
        assert_eq!(
            counts.next_deadline.as_ref().map(|d| d.milestone),
            Some(crate::guidance::calendar::Milestone::IntentionsProvisoires)
        );
        let seconde = cohort
            .groups
            .iter()
            .find(|g| g.level.as_deref() == Some("2NDE"))
            .unwrap();
        assert_eq!(seconde.counts, None);
        assert_eq!(cohort.domaines, [("santé, social, sport".to_owned(), 5)]);
    }
}
