//! The export written as Pix Orga writes it: the reader's reference, and the fixtures of tests
//! and benchmarks.

use super::*;

/// Quotes a text value as Pix does: `'` before a formula start, `""` for `"`.
fn quote(value: &str) -> String {
    let value = if value.starts_with(['-', '@', '=', '+']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", value.replace('"', "\"\""))
}

/// Writes `rows` of `campaign` exactly as Pix Orga does (BOM, `;`, quoted texts, `NA` for a
/// profile not sent, competences by name, with `Classe` and an external id column named
/// `Identifiant`): fixtures for tests and benchmarks, and the reader's own reference. Rows
/// that carry their sending time are written as the current exporter does
/// (`Date et heure de l'envoi (Europe/Paris)`, `DD/MM/YYYY HH:mm`); rows with only a day as an
/// older export (`Date de l'envoi`, `YYYY-MM-DD`).
pub fn write(framework: &Framework, campaign: &Campaign, rows: &[ParticipantRow]) -> String {
    let current = rows.iter().any(|row| row.shared_at.is_some());
    let sent = if current {
        COL_SHARED_AT
    } else {
        COL_SHARED_ON
    };
    let mut header: Vec<String> = [
        COL_ORGANISATION,
        COL_CAMPAIGN_ID,
        COL_CAMPAIGN_NAME,
        COL_LAST_NAME,
        COL_FIRST_NAME,
        COL_CLASS,
        "Identifiant",
        COL_SHARED,
        sent,
        COL_TOTAL,
    ]
    .iter()
    .map(|h| quote(h))
    .collect();
    for competence in framework.competences() {
        header.push(quote(&format!("{LEVEL_PREFIX}{}", competence.name_fr)));
        header.push(quote(&format!("{PIX_PREFIX}{}", competence.name_fr)));
    }
    let mut out = String::with_capacity(rows.len() * 200 + 2_000);
    out.push_str(BOM);
    out.push_str(&header.join(";"));
    out.push('\n');
    for row in rows {
        let mut fields = vec![
            quote(&campaign.organisation),
            campaign.id.clone(),
            quote(&campaign.name),
            quote(&row.last_name),
            quote(&row.first_name),
            quote(row.class.as_deref().unwrap_or_default()),
            quote(row.external_id.as_deref().unwrap_or_default()),
            quote(if row.shared { "Oui" } else { "Non" }),
        ];
        if row.shared {
            fields.push(match (current, row.shared_at) {
                (true, Some(at)) => quote(&crate::time::format_paris(at)),
                _ => row.shared_on.clone().unwrap_or_default(),
            });
            fields.push(row.total_pix.map(|t| t.to_string()).unwrap_or_default());
            for competence in framework.competences() {
                match row
                    .competences
                    .iter()
                    .find(|(code, _, _)| *code == competence.code)
                {
                    Some((_, level, pix)) => {
                        fields.push(level.get().to_string());
                        fields.push(pix.get().to_string());
                    }
                    None => {
                        fields.push("0".to_owned());
                        fields.push("0".to_owned());
                    }
                }
            }
        } else {
            fields.extend(std::iter::repeat_n(
                quote("NA"),
                2 + 2 * framework.competences().count(),
            ));
        }
        out.push_str(&fields.join(";"));
        out.push('\n');
    }
    out
}
