use super::*;

fn raw() -> RawEntry {
    RawEntry {
        kind: "project".into(),
        title: "  Mini-entreprise « Les Pousses »  ".into(),
        started_on: "2026-01-12".into(),
        ended_on: "2026-06-30".into(),
        place: "Collège Jean Moulin".into(),
        description: "Vente de semis\r\nau marché".into(),
        reflection: "Travailler en équipe".into(),
        competences: [
            ("crcn:2.3".to_owned(), "acquired".to_owned()),
            ("socle:5".to_owned(), "in_progress".to_owned()),
            ("crcn:1.1".to_owned(), String::new()),
        ]
        .into(),
        levels: [("crcn:2.3".to_owned(), "3".to_owned())].into(),
        new_skill: "Vendre au marché".into(),
        new_skill_status: "begun".into(),
    }
}

fn problems(raw: &RawEntry) -> Vec<(EntryField, EntryProblem)> {
    let frameworks = Frameworks::shipped();
    EntryDraft::parse(raw, frameworks, &[7])
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.problem))
        .collect()
}

#[test]
fn a_complete_entry_parses() {
    let frameworks = Frameworks::shipped();
    let draft = EntryDraft::parse(&raw(), frameworks, &[]).unwrap();
    assert_eq!(draft.kind(), EntryKind::Project);
    assert_eq!(draft.title(), "Mini-entreprise « Les Pousses »");
    assert_eq!(draft.description(), "Vente de semis\nau marché");
    assert_eq!(draft.started_on().to_string(), "2026-01-12");
    assert_eq!(draft.claims().len(), 2, "an empty status is no link");
    let crcn = draft
        .claims()
        .iter()
        .find(|c| c.competence.to_string() == "crcn:2.3")
        .unwrap();
    assert_eq!(
        (crcn.status, crcn.level),
        (CompetenceStatus::Acquired, Some(3))
    );
    assert_eq!(
        draft.new_skill(),
        Some(("Vendre au marché", CompetenceStatus::Begun))
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut bad = raw();
    bad.title = "   ".into();
    bad.kind = "holiday".into();
    bad.ended_on = "2025-12-31".into();
    bad.place = "x".repeat(PLACE_MAX + 1);
    let found = problems(&bad);
    assert!(found.contains(&(EntryField::Title, EntryProblem::Missing)));
    assert!(found.contains(&(EntryField::Kind, EntryProblem::UnknownKind)));
    assert!(found.contains(&(EntryField::EndedOn, EntryProblem::EndsBeforeStart)));
    assert!(found.contains(&(EntryField::Place, EntryProblem::TooLong { max: PLACE_MAX })));
    assert_eq!(found.len(), 4, "{found:?}");
}

#[test]
fn dates_are_real_calendar_dates() {
    assert!(SchoolDate::parse("2024-02-29").is_some());
    for bad in [
        "2025-02-29",
        "2026-13-01",
        "2026-04-31",
        "26-01-01",
        "2026/01/01",
        "",
        "2026-1-1",
    ] {
        assert_eq!(SchoolDate::parse(bad), None, "{bad}");
    }
    assert!(SchoolDate::parse("2026-01-02") < SchoolDate::parse("2026-02-01"));
    let mut bad = raw();
    bad.started_on = "31/12/2026".into();
    assert!(problems(&bad).contains(&(EntryField::StartedOn, EntryProblem::NotADate)));
}

#[test]
fn competences_must_exist_with_a_known_status_and_level() {
    let mut bad = raw();
    bad.competences = [
        ("crcn:9.9".to_owned(), "acquired".to_owned()),
        ("own:8".to_owned(), "acquired".to_owned()),
        ("socle:1".to_owned(), "mastered".to_owned()),
        ("socle:2".to_owned(), "begun".to_owned()),
        ("not a ref".to_owned(), "begun".to_owned()),
    ]
    .into();
    bad.levels = [("socle:2".to_owned(), "5".to_owned())].into();
    let found = problems(&bad);
    assert!(found.contains(&(
        EntryField::Competences,
        EntryProblem::UnknownCompetence("crcn:9.9".into())
    )));
    assert!(
        found.contains(&(
            EntryField::Competences,
            EntryProblem::UnknownCompetence("own:8".into())
        )),
        "another student's skill"
    );
    assert!(found.contains(&(
        EntryField::Competences,
        EntryProblem::UnknownStatus("socle:1".into())
    )));
    assert!(found.contains(&(
        EntryField::Competences,
        EntryProblem::LevelOutOfRange {
            competence: "socle:2".into(),
            max: 4
        }
    )));
    assert_eq!(found.len(), 5, "{found:?}");
    let mut own = raw();
    own.competences = [("own:7".to_owned(), "begun".to_owned())].into();
    let frameworks = Frameworks::shipped();
    assert!(EntryDraft::parse(&own, frameworks, &[7]).is_ok());
}

#[test]
fn control_characters_are_refused_but_line_breaks_kept_in_texts() {
    let mut bad = raw();
    bad.title = "a\u{0}b".into();
    bad.reflection = "line\nbreak\u{7}".into();
    let found = problems(&bad);
    assert!(found.contains(&(EntryField::Title, EntryProblem::ControlCharacters)));
    assert!(found.contains(&(EntryField::Reflection, EntryProblem::ControlCharacters)));
}

#[test]
fn competence_refs_parse_strictly() {
    assert_eq!(
        CompetenceRef::parse("own:12").unwrap().own_skill_id(),
        Some(12)
    );
    assert_eq!(
        CompetenceRef::parse("crcn:1.1").unwrap().own_skill_id(),
        None
    );
    for bad in ["crcn", ":1", "crcn:", "crcn:1 1", "cr cn:1", "crcn:<b>"] {
        assert_eq!(CompetenceRef::parse(bad), None, "{bad}");
    }
}
