//! The values of ONISEP's cells, one parser each: what the files write (`| `-separated lists,
//! `domaine/sous-domaine` pairs, `DD/MM/YYYY` dates, double spaces) into what Sillage keeps.

use super::{DomainPair, ProblemKind, Rome};
use crate::portfolio::SchoolDate;

/// The longest value kept: ONISEP's longest cells (a formation's domain list) stay under 2,000
/// characters.
pub const MAX_CELL_CHARS: usize = 4_000;

/// Whitespace runs as one space, trimmed: « technicien  / technicienne » as people read it.
pub fn normalise_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text that may be empty.
pub fn text(raw: &str) -> Result<String, ProblemKind> {
    if raw.chars().count() > MAX_CELL_CHARS {
        return Err(ProblemKind::TooLong {
            max: MAX_CELL_CHARS,
        });
    }
    Ok(normalise_spaces(raw))
}

/// Text that must be there.
pub fn required(raw: &str) -> Result<String, ProblemKind> {
    let value = text(raw)?;
    if value.is_empty() {
        return Err(ProblemKind::MissingValue);
    }
    Ok(value)
}

/// A multi-valued cell: values separated by `|`, with or without spaces around it (ONISEP
/// writes ` | ` in some columns and `| ` in others); empty pieces dropped.
pub fn list(raw: &str) -> Result<Vec<String>, ProblemKind> {
    Ok(text(raw)?
        .split('|')
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
        .map(str::to_owned)
        .collect())
}

/// `domaine/sous-domaine` pairs, split at the first `/` (a sous-domaine may hold one).
pub fn domain_pairs(raw: &str) -> Result<Vec<DomainPair>, ProblemKind> {
    let mut pairs: Vec<DomainPair> = Vec::new();
    for piece in list(raw)? {
        let (domaine, sous_domaine) = piece.split_once('/').ok_or(ProblemKind::NotADomainPair)?;
        let pair = DomainPair {
            domaine: domaine.trim().to_owned(),
            sous_domaine: sous_domaine.trim().to_owned(),
        };
        if pair.domaine.is_empty() || pair.sous_domaine.is_empty() {
            return Err(ProblemKind::NotADomainPair);
        }
        if !pairs.contains(&pair) {
            pairs.push(pair);
        }
    }
    Ok(pairs)
}

/// A ROME code: a letter and four digits (`J1506`).
pub fn is_rome_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() == 5 && bytes[0].is_ascii_uppercase() && bytes[1..].iter().all(u8::is_ascii_digit)
}

/// The three parallel ROME lists (codes, labels, links), zipped. A code that is not a ROME code
/// is kept as written (ONISEP's own files have one: `A15`): the reader remarks on it.
pub fn romes(codes: &str, labels: &str, links: &str) -> Result<Vec<Rome>, (usize, ProblemKind)> {
    let codes = list(codes).map_err(|kind| (0, kind))?;
    let labels = list(labels).map_err(|kind| (1, kind))?;
    let links = list(links).map_err(|kind| (2, kind))?;
    if codes.len() != labels.len() || codes.len() != links.len() {
        return Err((
            0,
            ProblemKind::RomeListsDiffer {
                codes: codes.len(),
                labels: labels.len(),
                links: links.len(),
            },
        ));
    }
    Ok(codes
        .into_iter()
        .zip(labels)
        .zip(links)
        .map(|((code, label), link)| Rome { code, label, link })
        .collect())
}

/// `DD/MM/YYYY`, or nothing.
pub fn date(raw: &str) -> Result<Option<SchoolDate>, ProblemKind> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let mut parts = raw.split('/');
    let (Some(day), Some(month), Some(year), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ProblemKind::NotADate);
    };
    if day.len() != 2 || month.len() != 2 || year.len() != 4 {
        return Err(ProblemKind::NotADate);
    }
    SchoolDate::parse(&format!("{year}-{month}-{day}"))
        .map(Some)
        .ok_or(ProblemKind::NotADate)
}

/// A publication's year, or nothing.
pub fn year(raw: &str) -> Result<Option<u16>, ProblemKind> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<u16>()
        .ok()
        .filter(|year| (1900..=2200).contains(year))
        .map(Some)
        .ok_or(ProblemKind::NotAYear)
}

/// Digits only (an EAN-13, a code), or nothing.
pub fn digits(raw: &str, max_len: usize) -> Result<Option<String>, ProblemKind> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    if raw.len() > max_len || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ProblemKind::NotANumber);
    }
    Ok(Some(raw.to_owned()))
}

/// A code of letters and digits (`46E31401`, `RNCP38506`), or nothing.
pub fn code(raw: &str, max_len: usize) -> Result<String, ProblemKind> {
    let raw = raw.trim();
    if raw.len() > max_len || !raw.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(ProblemKind::NotANumber);
    }
    Ok(raw.to_owned())
}

/// A UAI (`0341523W`, any case), or nothing. The actions' files leave it empty for a few
/// places; one that is not a UAI is the caller's remark.
pub fn uai(raw: &str) -> Result<String, ProblemKind> {
    if raw.trim().is_empty() {
        return Ok(String::new());
    }
    crate::identity::SchoolUai::parse(raw)
        .map(|uai| uai.as_str().to_owned())
        .map_err(|_| ProblemKind::NotAUai)
}

/// An `http(s)` address a page may link to, or nothing. ONISEP's files hold e-mail addresses
/// and words where a web site is due: refused here (the caller remarks on it and drops the
/// value), so that a page never links to `javascript:` or to something that is not a site.
pub fn web_address(raw: &str) -> Result<String, ProblemKind> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(String::new());
    }
    let rest = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
        .ok_or(ProblemKind::NotAWebAddress)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let fine = raw.len() <= 500
        && host.contains('.')
        && !raw
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>'))
        && !host.contains('@');
    if !fine {
        return Err(ProblemKind::NotAWebAddress);
    }
    Ok(raw.to_owned())
}

/// A French postal code: five digits. A JSON number loses a leading zero (`1000` for Bourg's
/// `01000`): put back.
pub fn postal_code(raw: &str) -> Result<String, ProblemKind> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(String::new());
    }
    if !raw.bytes().all(|b| b.is_ascii_digit()) || !(4..=5).contains(&raw.len()) {
        return Err(ProblemKind::NotANumber);
    }
    Ok(format!("{raw:0>5}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schools_values_as_the_actions_files_write_them() {
        assert_eq!(uai(" 0341523w ").unwrap(), "0341523W");
        assert_eq!(uai("").unwrap(), "");
        assert_eq!(uai("ENS.14008"), Err(ProblemKind::NotAUai));
        assert_eq!(
            web_address("https://www.lycee-exemple.fr/bts").unwrap(),
            "https://www.lycee-exemple.fr/bts"
        );
        assert_eq!(web_address("").unwrap(), "");
        for bad in [
            "contact@lycee.fr",
            "mailto:contact@lycee.fr",
            "javascript:alert(1)",
            "www.lycee.fr",
            "https://user@lycee.fr/",
            "https://lycee",
            "https://lycee.fr/a b",
            "https://lycee.fr/\"><script>",
        ] {
            assert_eq!(web_address(bad), Err(ProblemKind::NotAWebAddress), "{bad}");
        }
        assert_eq!(postal_code("34202").unwrap(), "34202");
        assert_eq!(postal_code("1000").unwrap(), "01000");
        assert_eq!(postal_code("").unwrap(), "");
        assert_eq!(postal_code("75 011"), Err(ProblemKind::NotANumber));
    }

    #[test]
    fn lists_split_on_bars_with_or_without_spaces() {
        assert_eq!(
            list("H1503 | H1504|H1506 ").unwrap(),
            ["H1503", "H1504", "H1506"]
        );
        assert!(list("").unwrap().is_empty());
        assert!(list(" | ").unwrap().is_empty());
    }

    #[test]
    fn domain_pairs_as_the_metiers_and_the_formations_write_them() {
        // Métiers: `| ` without a leading space; formations: ` | `.
        let metiers =
            domain_pairs("agriculture, animaux/pêche| logistique, transport/transport").unwrap();
        let formations =
            domain_pairs("agriculture, animaux/pêche | logistique, transport/transport").unwrap();
        assert_eq!(metiers, formations);
        assert_eq!(metiers[0].domaine, "agriculture, animaux");
        assert_eq!(metiers[1].sous_domaine, "transport");
        // Split at the first slash only; a piece without one, or with an empty half, refused.
        assert_eq!(domain_pairs("a/b/c").unwrap()[0].sous_domaine, "b/c");
        assert_eq!(domain_pairs("santé"), Err(ProblemKind::NotADomainPair));
        assert_eq!(domain_pairs("/médical"), Err(ProblemKind::NotADomainPair));
    }

    #[test]
    fn rome_lists_go_together() {
        let three = romes(
            "H1503 | H1504",
            "Intervention A | Intervention B",
            "https://x/H1503 | https://x/H1504",
        )
        .unwrap();
        assert_eq!(three.len(), 2);
        assert_eq!(three[1].code, "H1504");
        assert_eq!(three[1].label, "Intervention B");
        assert!(romes("", "", "").unwrap().is_empty());
        assert_eq!(
            romes("H1503", "", "https://x").unwrap_err().1,
            ProblemKind::RomeListsDiffer {
                codes: 1,
                labels: 0,
                links: 1
            }
        );
        assert_eq!(romes("A15", "a", "b").unwrap()[0].code, "A15");
        assert!(!is_rome_code("A15") && !is_rome_code("a1503") && is_rome_code("A1503"));
    }

    #[test]
    fn dates_years_and_spaces() {
        assert_eq!(
            date("17/05/2024").unwrap().unwrap().to_string(),
            "2024-05-17"
        );
        assert_eq!(date("").unwrap(), None);
        for bad in ["2024-05-17", "31/02/2024", "1/5/2024", "17/05/24"] {
            assert_eq!(date(bad), Err(ProblemKind::NotADate), "{bad}");
        }
        assert_eq!(year("2021").unwrap(), Some(2021));
        assert_eq!(year("vingt"), Err(ProblemKind::NotAYear));
        assert_eq!(
            normalise_spaces(" GFE S : hôtellerie,  tourisme "),
            "GFE S : hôtellerie, tourisme"
        );
        assert_eq!(required("  "), Err(ProblemKind::MissingValue));
        assert!(matches!(
            text(&"x".repeat(MAX_CELL_CHARS + 1)),
            Err(ProblemKind::TooLong { .. })
        ));
    }
}
