//! What `write` writes, `read` reads back: for any rows (proptest), and for sending times.

use super::*;

proptest! {
    /// Whatever the values (quotes, `;`, line breaks, formula starts, accents), writing them as
    /// Pix does and reading them back gives them back, with or without BOM, LF or CRLF.
    #[test]
    fn quoting_round_trips(
        // A value that itself starts with `'` and a formula character cannot be told from an
        // escaped one: Pix's format is ambiguous there, and such values are not generated.
        rows in prop::collection::vec(
            prop::collection::vec("([a-zé\"; =+@\\-\n][a-zé\"';=+@\\- \n]{0,11})?", 3),
            1..5,
        ),
        bom in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = if bom { BOM.to_owned() } else { String::new() };
        for row in &rows {
            let line: Vec<String> = row.iter().map(|v| pix_quote(v)).collect();
            text.push_str(&line.join(";"));
            text.push_str(end);
        }
        let read: Vec<Vec<String>> = Records::new(text.as_bytes(), u64::MAX)
            .map(|r| r.unwrap().fields)
            .collect();
        // A CRLF inside a quoted value is read as LF (Pix writes LF).
        let expected: Vec<Vec<String>> = rows
            .iter()
            .map(|row| row.iter().map(|v| v.replace("\r\n", "\n")).collect())
            .collect();
        prop_assert_eq!(read, expected);
    }

    /// Whole numbers with or without a decimal comma; anything fractional is refused.
    #[test]
    fn decimal_commas(n in 0u16..2000, zeros in 0usize..3, frac in 1u8..10) {
        prop_assert_eq!(whole_number(&n.to_string()), Some(n));
        let with_comma = format!("{n},{}", "0".repeat(zeros.max(1)));
        prop_assert_eq!(whole_number(&with_comma), Some(n));
        prop_assert_eq!(whole_number(&format!("{n},{frac}")), None);
    }

    /// The line of a record is the physical line it starts on, whatever line breaks the values
    /// before it hold.
    #[test]
    fn line_numbers_count_breaks_inside_values(breaks in prop::collection::vec(0usize..3, 1..6)) {
        let mut text = String::new();
        let mut expected = Vec::new();
        let mut line = 1;
        for n in &breaks {
            expected.push(line);
            text.push_str(&pix_quote(&"x\n".repeat(*n)));
            text.push('\n');
            line += 1 + *n as u64;
        }
        let lines: Vec<u64> = Records::new(text.as_bytes(), u64::MAX).map(|r| r.unwrap().line).collect();
        prop_assert_eq!(lines, expected);
    }
}

#[test]
fn what_write_writes_read_gives_back() {
    let framework = crcn();
    let campaign = Campaign {
        organisation: "Collège Démo".to_owned(),
        id: "4242".to_owned(),
        name: "Profils « 4e » ; rentrée".to_owned(),
    };
    let competences: Vec<(String, PixLevel, CompetencePix)> = framework
        .competences()
        .enumerate()
        .map(|(i, c)| {
            let pix = (i as u16 * 3) % 57;
            (
                c.code.clone(),
                PixLevel::new((pix / 8) as u8).unwrap(),
                CompetencePix::new(pix).unwrap(),
            )
        })
        .collect();
    let total = competences.iter().map(|(_, _, p)| p.get()).sum();
    let rows = vec![
        ParticipantRow {
            line: 2,
            last_name: "-Dupont \"Nan\"".to_owned(),
            first_name: "Anne".to_owned(),
            class: Some("4e B".to_owned()),
            student_number: None,
            external_id: Some("SIL-7".to_owned()),
            shared: true,
            shared_on: Some("2026-10-02".to_owned()),
            shared_at: None,
            total_pix: Some(total),
            certifiable: None,
            competences,
        },
        ParticipantRow {
            line: 3,
            last_name: "N'Diaye".to_owned(),
            first_name: "Moussa".to_owned(),
            class: Some("4e B".to_owned()),
            student_number: None,
            external_id: Some("SIL-8".to_owned()),
            shared: false,
            shared_on: None,
            shared_at: None,
            total_pix: None,
            certifiable: None,
            competences: Vec::new(),
        },
    ];
    let text = write(&framework, &campaign, &rows);
    assert!(text.starts_with(BOM));
    assert!(
        text.contains("\"Date de l'envoi\""),
        "rows without a time: the older form"
    );
    let back = read(&framework, text.as_bytes(), u64::MAX);
    assert_eq!(back.problems, vec![]);
    assert_eq!(back.campaign, Some(campaign.clone()));
    assert_eq!(back.rows, rows);

    // The current exporter's form: the Paris time to the minute, and the Paris day (00:30 on
    // the 3rd in Paris is still the 2nd in UTC).
    let mut current = rows.clone();
    current[0].shared_on = Some("2026-10-03".to_owned());
    current[0].shared_at = Some(
        crate::time::parse_paris_minute("03/10/2026 00:30")
            .unwrap()
            .unix,
    );
    let text = write(&framework, &campaign, &current);
    assert!(text.contains("\"Date et heure de l'envoi (Europe/Paris)\""));
    assert!(text.contains("\"03/10/2026 00:30\""));
    let back = read(&framework, text.as_bytes(), u64::MAX);
    assert_eq!(back.problems, vec![]);
    assert_eq!(back.rows, current);
    assert_eq!(back.rows[0].shared_at, Some(1_790_980_200));
}

#[test]
fn a_sending_time_that_is_not_one_is_a_problem_of_its_column() {
    let framework = crcn();
    let campaign = Campaign {
        organisation: "Collège Démo".to_owned(),
        id: "1".to_owned(),
        name: "C".to_owned(),
    };
    let competences: Vec<(String, PixLevel, CompetencePix)> = framework
        .competences()
        .map(|c| {
            (
                c.code.clone(),
                PixLevel::new(1).unwrap(),
                CompetencePix::new(8).unwrap(),
            )
        })
        .collect();
    let row = ParticipantRow {
        line: 2,
        last_name: "Roux".to_owned(),
        first_name: "Zoé".to_owned(),
        class: None,
        student_number: None,
        external_id: None,
        shared: true,
        shared_on: Some("2026-10-03".to_owned()),
        shared_at: Some(1_790_980_200),
        total_pix: Some(128),
        certifiable: None,
        competences,
    };
    for bad in ["2026-10-03", "32/10/2026 10:00", "03/10/2026"] {
        let text = write(&framework, &campaign, std::slice::from_ref(&row))
            .replace("\"03/10/2026 00:30\"", &format!("\"{bad}\""));
        let back = read(&framework, text.as_bytes(), u64::MAX);
        assert_eq!(back.problems.len(), 1, "{bad}: {:?}", back.problems);
        assert_eq!(back.problems[0].kind, ProblemKind::NotADate, "{bad}");
        assert_eq!(
            back.problems[0].column.as_deref(),
            Some("Date et heure de l'envoi (Europe/Paris)")
        );
    }
}
