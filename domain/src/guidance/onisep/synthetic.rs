//! A national-size set in ONISEP's JSON download form, for benchmarks: made from the shipped
//! extract's real words (labels, domaines, ROME codes, types, levels), multiplied and varied so
//! that the index and the pages meet as many distinct words and links as the national files
//! hold (~1,600 métiers, ~6,000 formations). Deterministic: the same sizes give the same files.

use serde_json::{json, Value};

/// Sizes of the national files in 2026, rounded up.
pub const NATIONAL_METIERS: usize = 1_600;
pub const NATIONAL_FORMATIONS: usize = 6_000;

/// A small deterministic generator (xorshift): the bench must not depend on a crate's
/// generator changing between versions.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[(self.next() % from.len() as u64) as usize]
    }
}

fn records(bytes: &[u8]) -> Vec<serde_json::Map<String, Value>> {
    serde_json::from_slice(bytes).unwrap_or_default()
}

fn text(record: &serde_json::Map<String, Value>, key: &str) -> String {
    record
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Words that make a label another one (« … en aéronautique », « … option B »).
const VARIANTS: [&str; 24] = [
    "",
    "en aéronautique",
    "en agroalimentaire",
    "du bâtiment",
    "de la mer",
    "en montagne",
    "en milieu rural",
    "du numérique",
    "de l'énergie",
    "en laboratoire",
    "du spectacle",
    "de la santé",
    "option A",
    "option B",
    "option C",
    "spécialité industrie",
    "spécialité services",
    "en alternance",
    "du sport",
    "de l'environnement",
    "du transport",
    "de l'automobile",
    "du commerce",
    "de la sécurité",
];

/// `(métiers JSON, formations JSON)` of the given sizes.
pub fn national(metiers: usize, formations: usize) -> (Vec<u8>, Vec<u8>) {
    let mut dice = Dice(0x5111_a6e0_0515_e4d1);
    let real_metiers = records(super::SHIPPED[0].1);
    let real_formations = records(super::SHIPPED[1].1);
    let mut out_metiers = Vec::with_capacity(metiers);
    for n in 0..metiers {
        let base = dice.pick(&real_metiers);
        let variant = dice.pick(&VARIANTS);
        let label = format!("{} {variant}", text(base, "libelle_metier"));
        let other = dice.pick(&real_metiers);
        // Two publications for one métier in ten: two rows of one id, as ONISEP writes them.
        let rows = if n % 10 == 0 { 2 } else { 1 };
        for row in 0..rows {
            out_metiers.push(json!({
                "libelle_metier": label.trim(),
                "lien_site_onisepfr": format!("https://www.onisep.fr/http/redirection/metier/slug/MET.{}", 100_000 + n),
                "nom_publication": format!("{} ({})", text(base, "nom_publication"), row + 1),
                "collection": text(base, "collection"),
                "annee": 2020 + (n % 6) as u64,
                "gencod": 9_782_273_000_000u64 + n as u64,
                "gfe": text(base, "gfe"),
                "code_rome": text(base, "code_rome"),
                "libelle_rome": text(base, "libelle_rome"),
                "lien_rome": text(base, "lien_rome"),
                "domainesous-domaine": format!("{}| {}", text(base, "domainesous-domaine"), text(other, "domainesous-domaine").split('|').next().unwrap_or_default().trim()).trim_matches(|c| c == '|' || c == ' ').to_owned(),
                "date_creation": "06/06/2020",
                "date_de_modification": format!("{:02}/01/2026", 1 + n % 28),
            }));
        }
    }
    let mut out_formations = Vec::with_capacity(formations);
    for n in 0..formations {
        let base = dice.pick(&real_formations);
        let variant = dice.pick(&VARIANTS);
        let mut record = base.clone();
        record.insert(
            "libelle_formation_principal".to_owned(),
            json!(format!("{} {variant}", text(base, "libelle_formation_principal")).trim()),
        );
        record.insert(
            "url_et_id_onisep".to_owned(),
            json!(format!(
                "https://www.onisep.fr/http/redirection/formation/slug/FOR.{}",
                100_000 + n
            )),
        );
        // One more pair, of another formation: links the real data does not have.
        let other = text(dice.pick(&real_formations), "domainesous-domaine");
        let domains = format!(
            "{} | {}",
            text(base, "domainesous-domaine"),
            other.split('|').next().unwrap_or_default().trim()
        );
        record.insert(
            "domainesous-domaine".to_owned(),
            json!(domains.trim_matches(|c| c == '|' || c == ' ')),
        );
        out_formations.push(Value::Object(record));
    }
    (
        serde_json::to_vec(&out_metiers).unwrap_or_default(),
        serde_json::to_vec(&out_formations).unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guidance::onisep::{read, Contents};

    #[test]
    fn the_national_set_reads_clean_at_its_size() {
        let (metiers, formations) = national(NATIONAL_METIERS, NATIONAL_FORMATIONS);
        let metiers = read(&metiers);
        assert!(metiers.is_clean(), "{:?}", metiers.problems);
        assert!(
            matches!(&metiers.contents, Some(Contents::Metiers(m)) if m.len() == NATIONAL_METIERS)
        );
        let formations = read(&formations);
        assert!(formations.is_clean(), "{:?}", formations.problems);
        assert_eq!(
            formations.contents.map(|c| c.len()),
            Some(NATIONAL_FORMATIONS)
        );
        // The same sizes, the same files.
        assert_eq!(national(10, 10), national(10, 10));
    }
}
