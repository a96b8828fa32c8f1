//! A national-size set in ONISEP's JSON download form, for benchmarks: made from the shipped
//! extract's real words (labels, domaines, ROME codes, types, levels), multiplied and varied so
//! that the index and the pages meet as many distinct words and links as the national files
//! hold (~1,600 métiers, ~6,000 formations), and the offers that say where each is taught
//! (≥ 100,000, over France's 30 académies and ~3,600 schools). Deterministic: the same sizes
//! give the same files.

use serde_json::{json, Value};

/// Sizes of the national files in 2026, rounded up.
pub const NATIONAL_METIERS: usize = 1_600;
pub const NATIONAL_FORMATIONS: usize = 6_000;
/// Offers (actions de formation) of both universes together, rounded up.
pub const NATIONAL_OFFERS: usize = 100_000;
/// Schools teaching them.
const NATIONAL_SCHOOLS: usize = 3_600;

/// France's académies (2026), each with a département of it: the synthetic schools' places.
const ACADEMIES: [(&str, &str, &str); 30] = [
    ("Aix-Marseille", "Bouches-du-Rhône", "13"),
    ("Amiens", "Somme", "80"),
    ("Besançon", "Doubs", "25"),
    ("Bordeaux", "Gironde", "33"),
    ("Clermont-Ferrand", "Puy-de-Dôme", "63"),
    ("Corse", "Corse-du-Sud", "20"),
    ("Créteil", "Val-de-Marne", "94"),
    ("Dijon", "Côte-d'Or", "21"),
    ("Grenoble", "Isère", "38"),
    ("Guadeloupe", "Guadeloupe", "97"),
    ("Guyane", "Guyane", "97"),
    ("La Réunion", "La Réunion", "97"),
    ("Lille", "Nord", "59"),
    ("Limoges", "Haute-Vienne", "87"),
    ("Lyon", "Rhône", "69"),
    ("Martinique", "Martinique", "97"),
    ("Mayotte", "Mayotte", "97"),
    ("Montpellier", "Hérault", "34"),
    ("Nancy-Metz", "Moselle", "57"),
    ("Nantes", "Loire-Atlantique", "44"),
    ("Nice", "Alpes-Maritimes", "06"),
    ("Normandie", "Seine-Maritime", "76"),
    ("Orléans-Tours", "Loiret", "45"),
    ("Paris", "Paris", "75"),
    ("Poitiers", "Vienne", "86"),
    ("Reims", "Marne", "51"),
    ("Rennes", "Ille-et-Vilaine", "35"),
    ("Strasbourg", "Bas-Rhin", "67"),
    ("Toulouse", "Haute-Garonne", "31"),
    ("Versailles", "Yvelines", "78"),
];

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

/// The offers (Idéo-Actions de formation initiale, JSON form with all of ONISEP's keys) of
/// `formations` synthetic formations (`FOR.100000`…) in `NATIONAL_SCHOOLS` schools.
pub fn national_offers(offers: usize, formations: usize) -> Vec<u8> {
    let mut dice = Dice(0x0ff3_25a1_c0de_7a11);
    let real_formations = records(super::SHIPPED[1].1);
    let mut out = Vec::with_capacity(offers);
    for n in 0..offers {
        let formation = dice.next() as usize % formations.max(1);
        let base = &real_formations[formation % real_formations.len()];
        let school = dice.next() as usize % NATIONAL_SCHOOLS;
        let (academie, departement, code) = ACADEMIES[school % ACADEMIES.len()];
        let town = format!("Ville {} {}", academie, school / ACADEMIES.len() % 40);
        let digits = format!("0{code}{:04}", school);
        let uai = format!(
            "{digits}{}",
            char::from(b'A' + (digits.parse::<u64>().unwrap_or(0) % 23) as u8)
        );
        out.push(json!({
            "action_de_formation_af_identifiant_onisep": format!("AF.{}", 1_000_000 + n),
            "formation_for_libelle": text(base, "libelle_formation_principal"),
            "for_url_et_id_onisep": format!("https://www.onisep.fr/http/redirection/formation/slug/FOR.{}", 100_000 + formation),
            "for_indexation_domaine_web_onisep": text(base, "domainesous-domaine"),
            "for_type": text(base, "libelle_type_formation"),
            "for_nature_du_certificat": text(base, "libelle_type_formation"),
            "for_url_referentiel": "",
            "for_niveau_de_sortie": text(base, "niveau_de_sortie_indicatif"),
            "lieu_denseignement_ens_libelle": format!("Lycée synthétique n° {school}"),
            "ens_url_et_id_onisep": format!("https://www.onisep.fr/http/redirection/etablissement/slug/ENS.{}", 10_000 + school),
            "ens_code_uai": uai,
            "ens_statut": if school.is_multiple_of(4) { "privé sous contrat" } else { "public" },
            "ens_adresse": format!("{} rue de l'Exemple", 1 + school % 90),
            "ens_code_postal": format!("{code}{:03}", school % 1000),
            "ens_commune": town,
            "ens_departement": departement,
            "ens_academie": academie,
            "ens_region": "",
            "ens_latitude": 43.6 + (school % 50) as f64 / 10.0,
            "ens_longitude": 1.4 + (school % 60) as f64 / 10.0,
            "ens_n_telephone": "",
            "ens_site_web": if school.is_multiple_of(3) { format!("https://lycee-{school}.example.fr") } else { String::new() },
            "ens_hebergement": if school.is_multiple_of(5) { "internat garçons-filles" } else { "" },
            "ens_accessibilite": "",
            "af_duree_cycle_standard": text(base, "duree"),
            "af_modalites_scolarite": if n.is_multiple_of(7) { "en apprentissage" } else { "temps plein" },
            "af_elements_denseignement": "",
            "af_cout_scolarite": "",
            "af_modalites_accueil": "",
            "af_page_web": "",
            "af_date_de_modification": format!("{:02}/10/2026", 1 + n % 28),
        }));
    }
    serde_json::to_vec(&out).unwrap_or_default()
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

    #[test]
    fn the_offers_read_clean_and_cover_every_academie() {
        let offers = read(&national_offers(3_000, NATIONAL_FORMATIONS));
        assert!(offers.is_clean(), "{:?}", offers.problems);
        assert_eq!(offers.remark_count, 0, "{:?}", offers.remarks);
        let Some(Contents::Offers(offers)) = offers.contents else {
            panic!("offers")
        };
        assert_eq!(offers.len(), 3_000);
        let academies: std::collections::HashSet<_> =
            offers.iter().map(|o| o.school.academie.clone()).collect();
        assert_eq!(academies.len(), ACADEMIES.len());
        assert_eq!(national_offers(10, 10), national_offers(10, 10));
    }
}
