//! An uploaded Pix Orga export as it waits for the counsellor's confirmation: read **once**, at
//! upload, and kept as one compact JSON line per participant (the campaign columns, repeated on
//! every line of the CSV, are kept once; competences are numbers). Preview and import decode
//! the lines one at a time: neither parses the CSV again nor holds the file's rows in memory.
//!
//! A line: `{"l":2,"n":"Martin","p":"Camille","c":"3E2","o":true,"d":"2026-10-03",
//! "a":1791036300,"t":320,"k":[0,2,19,1,2,20,…]}`: `k` holds (competence index in the
//! framework's order, level, pix) triples. Lines that cannot be decoded (a draft written by
//! another version) make the draft unreadable, never a wrong import.

use super::orga_csv::ParticipantRow;
use super::{CompetencePix, PixLevel};
use crate::portfolio::frameworks::Framework;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Line {
    #[serde(rename = "l")]
    line: u64,
    #[serde(rename = "n")]
    last_name: String,
    #[serde(rename = "p")]
    first_name: String,
    #[serde(rename = "c", default, skip_serializing_if = "Option::is_none")]
    class: Option<String>,
    #[serde(rename = "e", default, skip_serializing_if = "Option::is_none")]
    student_number: Option<String>,
    #[serde(rename = "x", default, skip_serializing_if = "Option::is_none")]
    external_id: Option<String>,
    #[serde(rename = "o")]
    shared: bool,
    #[serde(rename = "d", default, skip_serializing_if = "Option::is_none")]
    shared_on: Option<String>,
    #[serde(rename = "a", default, skip_serializing_if = "Option::is_none")]
    shared_at: Option<i64>,
    #[serde(rename = "t", default, skip_serializing_if = "Option::is_none")]
    total_pix: Option<u16>,
    #[serde(rename = "f", default, skip_serializing_if = "Option::is_none")]
    certifiable: Option<bool>,
    #[serde(rename = "k", default, skip_serializing_if = "Vec::is_empty")]
    competences: Vec<u16>,
}

/// A draft's lines do not decode with this framework: written by another version of Sillage.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the draft's line {index} cannot be read")]
pub struct UnreadableDraft {
    /// The position of the line in the draft (0-based).
    pub index: usize,
}

/// Appends `row` to `out` as one draft line.
pub fn encode(framework: &Framework, row: &ParticipantRow, out: &mut Vec<u8>) {
    let mut competences = Vec::with_capacity(row.competences.len() * 3);
    for (code, level, pix) in &row.competences {
        // The reader only gives the framework's codes; a code it lacks has nowhere to go.
        if let Some(index) = framework.competences().position(|c| c.code == *code) {
            competences.extend([index as u16, u16::from(level.get()), pix.get()]);
        }
    }
    let line = Line {
        line: row.line,
        last_name: row.last_name.clone(),
        first_name: row.first_name.clone(),
        class: row.class.clone(),
        student_number: row.student_number.clone(),
        external_id: row.external_id.clone(),
        shared: row.shared,
        shared_on: row.shared_on.clone(),
        shared_at: row.shared_at,
        total_pix: row.total_pix,
        certifiable: row.certifiable,
        competences,
    };
    // Serialising plain strings, numbers and booleans into a Vec cannot fail.
    if serde_json::to_writer(&mut *out, &line).is_ok() {
        out.push(b'\n');
    }
}

/// The rows of a draft, decoded one at a time, in file order.
pub fn decode<'a>(
    framework: &'a Framework,
    lines: &'a [u8],
) -> impl Iterator<Item = Result<ParticipantRow, UnreadableDraft>> + 'a {
    let codes: Vec<&str> = framework.competences().map(|c| c.code.as_str()).collect();
    serde_json::Deserializer::from_slice(lines)
        .into_iter::<Line>()
        .enumerate()
        .map(move |(index, line)| {
            let line = line.map_err(|_| UnreadableDraft { index })?;
            row_of(&codes, line).ok_or(UnreadableDraft { index })
        })
}

fn row_of(codes: &[&str], line: Line) -> Option<ParticipantRow> {
    if !line.competences.len().is_multiple_of(3) {
        return None;
    }
    let competences = line
        .competences
        .chunks_exact(3)
        .map(|triple| {
            let code = codes.get(usize::from(triple[0]))?;
            let level = PixLevel::new(u8::try_from(triple[1]).ok()?)?;
            Some(((*code).to_owned(), level, CompetencePix::new(triple[2])?))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(ParticipantRow {
        line: line.line,
        last_name: line.last_name,
        first_name: line.first_name,
        class: line.class,
        student_number: line.student_number,
        external_id: line.external_id,
        shared: line.shared,
        shared_on: line.shared_on,
        shared_at: line.shared_at,
        total_pix: line.total_pix,
        certifiable: line.certifiable,
        competences,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pix::orga_csv::{self, Campaign};
    use crate::portfolio::frameworks::Frameworks;

    fn crcn() -> Framework {
        Frameworks::crcn().clone()
    }

    fn participant(line: u64, shared: bool) -> ParticipantRow {
        let framework = crcn();
        let competences: Vec<_> = if shared {
            framework
                .competences()
                .enumerate()
                .map(|(i, c)| {
                    let pix = (i as u16 * 3) % 65;
                    (
                        c.code.clone(),
                        PixLevel::new((pix / 8) as u8).unwrap(),
                        CompetencePix::new(pix).unwrap(),
                    )
                })
                .collect()
        } else {
            Vec::new()
        };
        ParticipantRow {
            line,
            last_name: "D'Aubigné \"dit\" =Lefèvre".to_owned(),
            first_name: "Éloïse\nMarie".to_owned(),
            class: shared.then(|| "3E2".to_owned()),
            student_number: None,
            external_id: Some("SIL-42".to_owned()),
            shared,
            shared_on: shared.then(|| "2026-10-03".to_owned()),
            shared_at: shared.then_some(1_791_036_300),
            total_pix: shared.then(|| competences.iter().map(|(_, _, p)| p.get()).sum()),
            certifiable: shared.then_some(true),
            competences,
        }
    }

    #[test]
    fn rows_come_back_exactly_as_read() {
        let framework = crcn();
        let rows = vec![
            participant(2, true),
            participant(3, false),
            participant(5, true),
        ];
        let mut lines = Vec::new();
        for row in &rows {
            encode(&framework, row, &mut lines);
        }
        let back: Vec<ParticipantRow> = decode(&framework, &lines).map(Result::unwrap).collect();
        assert_eq!(back, rows);
    }

    #[test]
    fn a_draft_is_smaller_than_the_export_it_comes_from() {
        let framework = crcn();
        let campaign = Campaign {
            organisation: "Collège Jean Moulin".to_owned(),
            id: "9001".to_owned(),
            name: "Rentrée 2026 — profils des 3e".to_owned(),
        };
        let rows: Vec<_> = (0..200).map(|i| participant(i + 2, i % 5 != 0)).collect();
        let export = orga_csv::write(&framework, &campaign, &rows);
        let mut lines = Vec::new();
        for row in &orga_csv::read(&framework, export.as_bytes(), u64::MAX).rows {
            encode(&framework, row, &mut lines);
        }
        assert!(
            lines.len() < export.len(),
            "draft {} bytes, export {} bytes",
            lines.len(),
            export.len()
        );
    }

    #[test]
    fn lines_of_another_shape_make_the_draft_unreadable_not_wrong() {
        let framework = crcn();
        for bad in [
            &b"{\"l\":2}\n"[..],
            b"{\"l\":2,\"n\":\"A\",\"p\":\"B\",\"o\":true,\"k\":[99,1,8]}\n",
            b"{\"l\":2,\"n\":\"A\",\"p\":\"B\",\"o\":true,\"k\":[0,9,8]}\n",
            b"{\"l\":2,\"n\":\"A\",\"p\":\"B\",\"o\":true,\"k\":[0,1]}\n",
            b"not json",
        ] {
            let decoded: Vec<_> = decode(&framework, bad).collect();
            assert_eq!(
                decoded.last(),
                Some(&Err(UnreadableDraft { index: 0 })),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
