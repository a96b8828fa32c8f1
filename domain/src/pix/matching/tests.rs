use super::*;
use crate::pix::{CompetencePix, PixLevel};

fn pupil(id: i64, given: &str, family: &str, classes: &[&str]) -> Pupil {
    Pupil {
        id,
        given_name: given.to_owned(),
        family_name: family.to_owned(),
        known_classes: classes.iter().map(|c| (*c).to_owned()).collect(),
    }
}

fn row(
    line: u64,
    first: &str,
    last: &str,
    class: Option<&str>,
    id: Option<&str>,
) -> ParticipantRow {
    ParticipantRow {
        line,
        last_name: last.to_owned(),
        first_name: first.to_owned(),
        class: class.map(str::to_owned),
        student_number: None,
        external_id: id.map(str::to_owned),
        shared: true,
        shared_on: Some("2026-10-01".to_owned()),
        shared_at: None,
        total_pix: Some(19),
        certifiable: Some(false),
        competences: vec![(
            "1.1".to_owned(),
            PixLevel::new(2).unwrap(),
            CompetencePix::new(19).unwrap(),
        )],
    }
}

#[test]
fn lines_match_by_id_by_name_or_by_class_and_say_why_not() {
    let pupils = [
        pupil(1, "Camille", "Martin", &[]),
        pupil(2, "Lou", "Durand", &["3e B"]),
        pupil(3, "Lou", "Durand", &["3e A"]),
        pupil(4, "Inès", "Petit", &[]),
        pupil(5, "Noé", "Roux", &[]),
        pupil(6, "Noé", "Roux", &[]),
    ];
    let rows = [
        row(2, "camille", "MARTIN", None, None),
        row(3, "Lou", "Durand", Some("3E-B"), None),
        row(4, "Ines", "Petit", None, Some("sil-4")),
        row(5, "Noé", "Roux", Some("3e C"), None),
        row(6, "Zoé", "Inconnue", None, None),
        row(7, "Camille", "Martin", None, Some("SIL-4")),
        row(8, "Camille", "Martin", None, None),
    ];
    let plan = plan(&rows, &pupils, &HashMap::new(), "2026-11-23");
    let outcomes: Vec<&LineOutcome> = plan.lines.iter().map(|l| &l.outcome).collect();
    assert_eq!(
        outcomes,
        [
            &LineOutcome::Create {
                pupil: 1,
                by: MatchedBy::Name
            },
            &LineOutcome::Create {
                pupil: 2,
                by: MatchedBy::NameAndClass
            },
            &LineOutcome::Create {
                pupil: 4,
                by: MatchedBy::SillageId
            },
            &LineOutcome::Unresolved(Unresolved::Homonyms(2)),
            &LineOutcome::Unresolved(Unresolved::NoPupil),
            &LineOutcome::Unresolved(Unresolved::IdNameMismatch),
            &LineOutcome::Unresolved(Unresolved::SamePupilTwice { first_line: 2 }),
        ]
    );
    assert_eq!((plan.created, plan.unresolved), (3, 4));
    assert_eq!(plan.lines[0].pupil_name.as_deref(), Some("Camille Martin"));
}

#[test]
fn a_stored_identical_result_is_unchanged_and_a_different_one_updated() {
    let pupils = [
        pupil(1, "Camille", "Martin", &[]),
        pupil(2, "Lou", "Durand", &[]),
    ];
    let rows = [
        row(2, "Camille", "Martin", None, None),
        row(3, "Lou", "Durand", None, None),
    ];
    let (date, total, scores) = line_values(&rows[0], "2026-11-23");
    let mut stored = HashMap::new();
    let scores = crate::pix::results::encode_scores(&scores);
    stored.insert(1, (10, date.clone(), total, scores.clone()));
    stored.insert(2, (11, date, Some(3), scores));
    let plan = plan(&rows, &pupils, &stored, "2026-11-23");
    assert_eq!(
        plan.lines[0].outcome,
        LineOutcome::Skip {
            pupil: Some(1),
            why: Skipped::Unchanged
        }
    );
    assert_eq!(
        plan.lines[1].outcome,
        LineOutcome::Update {
            pupil: 2,
            by: MatchedBy::Name
        }
    );
    let mut not_shared = rows[0].clone();
    not_shared.shared = false;
    not_shared.competences.clear();
    let plan = super::plan(&[not_shared], &pupils, &HashMap::new(), "2026-11-23");
    assert_eq!(
        plan.lines[0].outcome,
        LineOutcome::Skip {
            pupil: Some(1),
            why: Skipped::NotShared
        }
    );
}

/// The counts cover every line; the lines kept are the first `shown` needing attention and
/// the first `shown` others, in file order.
#[test]
fn a_plan_counts_every_line_and_keeps_the_first_of_each_sort() {
    let pupils = [
        pupil(1, "Camille", "Martin", &[]),
        pupil(2, "Lou", "Durand", &[]),
    ];
    let rows = [
        row(2, "Zoé", "Inconnue", None, None),
        row(3, "Camille", "Martin", None, None),
        row(4, "Noé", "Inconnu", None, None),
        row(5, "Lou", "Durand", None, None),
        row(6, "Ana", "Inconnue", None, None),
    ];
    let stored = HashMap::new();
    let mut planner = Planner::new(&pupils, &stored, "2026-11-23");
    let mut plan = ImportPlan::default();
    for row in &rows {
        let (outcome, name) = planner.decide(row);
        plan.add(row, outcome, name, 1);
    }
    assert_eq!((plan.created, plan.unresolved), (2, 3));
    let kept: Vec<u64> = plan.lines.iter().map(|l| l.line).collect();
    assert_eq!(kept, [2, 3]);
    assert_eq!(plan.lines_not_shown, 3);
}
