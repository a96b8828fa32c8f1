//! Idéo-Actions de formation initiale's rows: an offer (`AF.n`) of a formation (`FOR.n`) in a
//! school, its values checked as the other datasets' are; ONISEP's untidy UAIs and web sites
//! left out and remarked on, the row kept.

use super::columns::*;
use super::Reading;
use super::{cells, values, Row};
use crate::guidance::onisep::{
    Dataset, FormationId, Offer, OfferId, Place, ProblemKind, School, SchoolId,
};
use std::collections::HashMap;

pub(super) fn offers(rows: Vec<Row>, reading: &mut Reading) -> Vec<Offer> {
    let mut offers = Vec::new();
    let mut seen: HashMap<OfferId, Place> = HashMap::new();
    for row in &rows {
        let mut c = cells(row, Dataset::Offers, reading);
        let raw_id = c.get(O_ID, values::required);
        let id = OfferId::parse_or_link(&raw_id);
        if id.is_none() && !raw_id.is_empty() {
            c.note(O_ID, ProblemKind::NotAnOnisepLink);
        }
        if let Some(first) = id.and_then(|id| seen.get(&id)).copied() {
            c.note(O_ID, ProblemKind::DuplicateId { first });
        }
        let formation_link = c.get(O_FORMATION_LINK, values::required);
        let formation = FormationId::parse_or_link(&formation_link);
        if formation.is_none() && !formation_link.is_empty() {
            c.note(O_FORMATION_LINK, ProblemKind::NotAnOnisepLink);
        }
        let school_link = c.get(O_SCHOOL_LINK, values::text);
        let school_id = SchoolId::parse_or_link(&school_link);
        if school_id.is_none() && !school_link.is_empty() {
            c.note(O_SCHOOL_LINK, ProblemKind::NotAnOnisepLink);
        }
        let school = School {
            id: school_id,
            uai: c.lenient(O_UAI, values::uai),
            name: c.get(O_SCHOOL_NAME, values::required),
            status: c.get(O_STATUS, values::text),
            address: c.get(O_ADDRESS, values::text),
            postal_code: c.lenient(O_POSTAL_CODE, values::postal_code),
            commune: c.get(O_COMMUNE, values::required),
            departement: c.get(O_DEPARTEMENT, values::text),
            academie: c.get(O_ACADEMIE, values::required),
            region: c.get(O_REGION, values::text),
            web: c.lenient(O_WEB, values::web_address),
            boarding: c.get(O_BOARDING, values::text),
        };
        let offer = Offer {
            id: id.unwrap_or(OfferId(1)),
            formation: formation.unwrap_or(FormationId(1)),
            formation_label: c.get(O_FORMATION_LABEL, values::required),
            school,
            duration: c.get(O_DURATION, values::text),
            schooling: c.get(O_SCHOOLING, values::text),
            page: c.lenient(O_PAGE, values::web_address),
            modified_on: c.get(O_MODIFIED, values::date),
        };
        if let (Some(id), Some(_), false) = (id, formation, c.bad) {
            seen.insert(id, row.place);
            offers.push(offer);
        } else if let Some(id) = id {
            seen.entry(id).or_insert(row.place);
        }
    }
    offers
}
