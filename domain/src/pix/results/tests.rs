use super::*;
use crate::portfolio::frameworks::Frameworks;

fn crcn() -> Framework {
    Frameworks::crcn().clone()
}

fn result(id: i64, date: &str, levels: &[(&str, u8)]) -> PixResult {
    PixResult {
        id: crate::pix::PixResultId::from_db(id),
        taken_on: date.to_owned(),
        taken_at: None,
        source: ResultSource::Manual,
        total_pix: Some(levels.iter().map(|(_, l)| u16::from(*l) * 8).sum()),
        max_level: 7,
        certification: None,
        competences: levels
            .iter()
            .map(|(code, level)| CompetenceScore {
                code: (*code).to_owned(),
                level: *level,
                pix: Some(u16::from(*level) * 8 + 3),
            })
            .collect(),
    }
}

#[test]
fn scores_are_stored_as_one_sorted_text_and_read_back() {
    let scores = vec![
        CompetenceScore {
            code: "2.1".to_owned(),
            level: 3,
            pix: Some(27),
        },
        CompetenceScore {
            code: "1.1".to_owned(),
            level: 0,
            pix: None,
        },
    ];
    let text = encode_scores(&scores);
    assert_eq!(text, "1.1=0/-;2.1=3/27");
    let mut sorted = scores.clone();
    sorted.sort_by(|a, b| a.code.cmp(&b.code));
    assert_eq!(decode_scores(&text), Some(sorted));
    assert_eq!(decode_scores(""), Some(vec![]));
    for bad in ["1.1", "1.1=9/3", "1.1=2", "1.1=2/x"] {
        assert_eq!(decode_scores(bad), None, "{bad}");
    }
}

#[test]
fn the_history_is_ordered_by_date_and_the_latest_wins() {
    let history = PixHistory::new(vec![
        result(2, "2026-03-01", &[("1.1", 3)]),
        result(1, "2025-10-01", &[("1.1", 1), ("2.1", 2)]),
    ]);
    assert_eq!(history.latest().unwrap().id.get(), 2);
    let current = history.current_levels(&crcn());
    assert_eq!(current.len(), 16);
    let c11 = current.iter().find(|c| c.code == "1.1").unwrap();
    assert_eq!((c11.level, c11.previous), (3, Some(1)));
    // 2.1 is not in the newest result: its level comes from the one before.
    let c21 = current.iter().find(|c| c.code == "2.1").unwrap();
    assert_eq!((c21.level, c21.taken_on.as_str()), (2, "2025-10-01"));
    let never = current.iter().find(|c| c.code == "5.2").unwrap();
    assert_eq!((never.level, never.previous), (0, None));
    assert_eq!(
        history.progression("1.1"),
        vec![("2025-10-01".to_owned(), 1), ("2026-03-01".to_owned(), 3)]
    );
    assert_eq!(history.totals()[0], ("2025-10-01".to_owned(), 24, 896));
}

#[test]
fn domains_average_their_competences() {
    let history = PixHistory::new(vec![result(
        1,
        "2026-01-01",
        &[("1.1", 2), ("1.2", 4), ("1.3", 3), ("4.1", 6)],
    )]);
    let framework = crcn();
    let current = history.current_levels(&framework);
    let summary = domain_summary(&framework, &current);
    assert_eq!(summary.len(), 5);
    assert_eq!(summary[0].code, "1");
    assert!((summary[0].average_level - 3.0).abs() < f32::EPSILON);
    assert_eq!(summary[0].weakest.as_deref(), Some("1.1"));
    assert_eq!(summary[0].strongest.as_deref(), Some("1.2"));
    assert_eq!(summary[3].strongest.as_deref(), Some("4.1"));
}

#[test]
fn next_steps_name_the_level_and_the_pix_to_go() {
    assert_eq!(next_step(0, None, 7), NextStep::Start);
    assert_eq!(
        next_step(3, Some(27), 7),
        NextStep::Reach {
            target: 4,
            pix_missing: Some(5)
        }
    );
    assert_eq!(
        next_step(2, None, 7),
        NextStep::Reach {
            target: 3,
            pix_missing: None
        }
    );
    assert_eq!(next_step(7, Some(60), 7), NextStep::AtTheTop);
    assert_eq!(
        next_step(3, Some(27), 7),
        NextStep::Reach {
            target: 4,
            pix_missing: Some(5)
        }
    );
}

#[test]
fn a_class_distribution_counts_every_pupil_once_per_competence() {
    let a = result(1, "2026-01-01", &[("1.1", 2), ("3.4", 5)]);
    let b = result(2, "2026-01-01", &[("1.1", 2)]);
    let c = result(3, "2026-01-01", &[("1.1", 4)]);
    let framework = crcn();
    let distribution = ClassDistribution::count(
        &framework,
        [&a, &b, &c].iter().map(|r| r.competences.as_slice()),
    );
    assert_eq!(distribution.pupils, 3);
    let c11 = &distribution.competences[0];
    assert_eq!(c11.0, "1.1");
    assert_eq!(c11.1[2], 2);
    assert_eq!(c11.1[4], 1);
    assert_eq!(ClassDistribution::median(&c11.1), Some(2));
    let c34 = distribution
        .competences
        .iter()
        .find(|(code, _)| code == "3.4")
        .unwrap();
    assert_eq!((c34.1[0], c34.1[5]), (2, 1));
    assert_eq!(ClassDistribution::median(&[0; 9]), None);
}
