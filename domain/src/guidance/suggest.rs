//! Suggestions, explained: métiers and formations a pupil may not have thought of, each with the
//! reasons in plain words (« parce que tu as choisi le domaine … », « proche de ton favori … »,
//! « ton portfolio montre … », « niveau 4 sur Pix en … »). No black box: a suggestion is there
//! because it shares ONISEP's domaines with what the pupil said she likes, kept, or showed in
//! her portfolio and Pix results (`strengths`); nothing is suggested until she has said, kept
//! or shown something (as MonProjetSup does); what she dismissed (« ne plus voir ») is never
//! suggested again.

use super::onisep::DomainPair;
use super::plan::ItemId;
use super::strengths::{Evidence, Strength};
use crate::portfolio::CompetenceRef;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Suggestions shown at once.
pub const SUGGESTIONS_SHOWN: usize = 10;

/// What the competences she showed weigh together, at most: less than the least of what she
/// said or kept (a chosen domaine: 2, counted in units of 4).
const STRENGTHS_WEIGHT_MAX: u32 = 3;

/// A métier or formation that could be suggested, with its domaines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub item: ItemId,
    pub label: String,
    pub type_label: String,
    pub domains: Vec<DomainPair>,
}

/// What the pupil said and kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// ONISEP domaines she chose (« santé, social, sport »).
    pub interests: Vec<String>,
    /// Her favourites: id, label, domaines.
    pub favourites: Vec<(ItemId, String, Vec<DomainPair>)>,
    /// Competences she showed in her portfolio or on Pix, with their domaines.
    pub strengths: Vec<Strength>,
    pub dismissed: HashSet<ItemId>,
}

impl Profile {
    /// Whether she said, kept or showed anything: before that, nothing is suggested.
    pub fn is_personal(&self) -> bool {
        !self.interests.is_empty() || !self.favourites.is_empty() || !self.strengths.is_empty()
    }
}

/// Why a suggestion is made, in words the page puts together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    /// It belongs to a domaine she chose.
    ChosenDomaine { domaine: String },
    /// It shares a sous-domaine with one of her favourites.
    NearFavourite {
        favourite: String,
        sous_domaine: String,
    },
    /// It belongs to a domaine where a competence she showed is used.
    Strength {
        competence: CompetenceRef,
        evidence: Evidence,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub item: ItemId,
    pub label: String,
    pub type_label: String,
    pub reasons: Vec<Reason>,
}

/// The best suggestions, with their reasons: a chosen domaine counts 2, each favourite it is
/// near counts 2 and 1 per `domaine/sous-domaine` pair they share (what she kept says more than a
/// box she ticked). Competences she showed in its domaines only order what ties: together they
/// weigh less than the least of those (what she can do is a hint, not a wish). Then by label. Métiers and
/// formations alternate where both are there, so that ten formations of one kind do not hide
/// the métiers they lead to.
pub fn suggest(profile: &Profile, candidates: &[Candidate], limit: usize) -> Vec<Suggestion> {
    if !profile.is_personal() {
        return Vec::new();
    }
    let kept: HashSet<ItemId> = profile.favourites.iter().map(|(id, ..)| *id).collect();
    let mut scored: Vec<(u32, Suggestion)> = Vec::new();
    for candidate in candidates {
        if kept.contains(&candidate.item) || profile.dismissed.contains(&candidate.item) {
            continue;
        }
        let mut reasons = Vec::new();
        let mut score = 0;
        let mut shown = 0;
        for domaine in &profile.interests {
            if candidate
                .domains
                .iter()
                .any(|pair| pair.domaine == *domaine)
            {
                reasons.push(Reason::ChosenDomaine {
                    domaine: domaine.clone(),
                });
                score += 2;
            }
        }
        for (_, favourite, pairs) in &profile.favourites {
            let shared: Vec<&DomainPair> = candidate
                .domains
                .iter()
                .filter(|pair| pairs.contains(pair))
                .collect();
            if let Some(first) = shared.first() {
                reasons.push(Reason::NearFavourite {
                    favourite: favourite.clone(),
                    sous_domaine: first.sous_domaine.clone(),
                });
                // Each pair shared makes it closer: a CAP of the baker's two sous-domaines
                // comes before a formation of one of them.
                score += 2 + shared.len() as u32;
            }
        }
        for strength in &profile.strengths {
            if candidate
                .domains
                .iter()
                .any(|pair| strength.domaines.contains(&pair.domaine))
            {
                reasons.push(Reason::Strength {
                    competence: strength.competence.clone(),
                    evidence: strength.evidence.clone(),
                });
                shown += 1;
            }
        }
        // What she said or kept, in units of 4 (the least, a chosen domaine, is 8); what she
        // showed adds at most 3: it orders what ties, never overtakes.
        let score = score * 4 + shown.min(STRENGTHS_WEIGHT_MAX);
        if score > 0 {
            scored.push((
                score,
                Suggestion {
                    item: candidate.item,
                    label: candidate.label.clone(),
                    type_label: candidate.type_label.clone(),
                    reasons,
                },
            ));
        }
    }
    scored.sort_by(|(a, x), (b, y)| {
        b.cmp(a)
            .then_with(|| crate::text::fold(&x.label).cmp(&crate::text::fold(&y.label)))
            .then_with(|| x.item.to_string().cmp(&y.item.to_string()))
    });
    // Alternate the two kinds, each in its own order of score.
    let (mut metiers, mut formations): (Vec<_>, Vec<_>) = scored
        .into_iter()
        .map(|(_, s)| s)
        .partition(|s| matches!(s.item, ItemId::Metier(_)));
    metiers.reverse();
    formations.reverse();
    let mut out = Vec::with_capacity(limit);
    while out.len() < limit {
        match (metiers.pop(), formations.pop()) {
            (None, None) => break,
            (Some(m), Some(f)) => {
                out.push(m);
                if out.len() < limit {
                    out.push(f);
                }
            }
            (Some(one), None) | (None, Some(one)) => out.push(one),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(domaine: &str, sous: &str) -> DomainPair {
        DomainPair {
            domaine: domaine.to_owned(),
            sous_domaine: sous.to_owned(),
        }
    }

    fn candidate(id: &str, label: &str, domains: Vec<DomainPair>) -> Candidate {
        Candidate {
            item: ItemId::parse(id).unwrap(),
            label: label.to_owned(),
            type_label: String::new(),
            domains,
        }
    }

    #[test]
    fn nothing_until_something_is_said_then_reasons_for_each() {
        let health = pair("santé, social, sport", "médical");
        let candidates = vec![
            candidate("MET.1", "médecin", vec![health.clone()]),
            candidate(
                "MET.2",
                "pilote",
                vec![pair("logistique, transport", "transport")],
            ),
            candidate("FOR.3", "DE infirmier", vec![health.clone()]),
            candidate("MET.38", "infirmier", vec![health.clone()]),
        ];
        assert!(suggest(&Profile::default(), &candidates, 10).is_empty());

        let profile = Profile {
            interests: vec!["santé, social, sport".to_owned()],
            favourites: vec![(
                ItemId::parse("MET.38").unwrap(),
                "infirmier".to_owned(),
                vec![health.clone()],
            )],
            strengths: Vec::new(),
            dismissed: HashSet::new(),
        };
        let found = suggest(&profile, &candidates, 10);
        // The favourite itself and the unrelated pilot are not suggested; a métier first, then
        // a formation; each says why.
        let ids: Vec<String> = found.iter().map(|s| s.item.to_string()).collect();
        assert_eq!(ids, ["MET.1", "FOR.3"]);
        assert_eq!(
            found[0].reasons,
            [
                Reason::ChosenDomaine {
                    domaine: "santé, social, sport".to_owned()
                },
                Reason::NearFavourite {
                    favourite: "infirmier".to_owned(),
                    sous_domaine: "médical".to_owned()
                },
            ]
        );
        // Dismissed: never again.
        let dismissed = Profile {
            dismissed: [ItemId::parse("MET.1").unwrap()].into_iter().collect(),
            ..profile
        };
        let ids: Vec<String> = suggest(&dismissed, &candidates, 10)
            .iter()
            .map(|s| s.item.to_string())
            .collect();
        assert_eq!(ids, ["FOR.3"]);
    }

    #[test]
    fn a_favourite_counts_more_than_a_ticked_box_and_the_limit_holds() {
        let candidates: Vec<Candidate> = (1..=30)
            .map(|n| {
                candidate(
                    &format!("MET.{n}"),
                    &format!("métier {n:02}"),
                    vec![if n % 2 == 0 {
                        pair("arts", "design")
                    } else {
                        pair("sciences", "chimie")
                    }],
                )
            })
            .collect();
        let profile = Profile {
            interests: vec!["sciences".to_owned()],
            favourites: vec![(
                ItemId::parse("FOR.99").unwrap(),
                "DN MADE".to_owned(),
                vec![pair("arts", "design")],
            )],
            strengths: Vec::new(),
            dismissed: HashSet::new(),
        };
        let found = suggest(&profile, &candidates, 4);
        assert_eq!(found.len(), 4);
        assert!(
            found
                .iter()
                .all(|s| matches!(&s.reasons[..], [Reason::NearFavourite { .. }])),
            "{found:?}"
        );
    }

    #[test]
    fn a_competence_shown_is_a_reason_that_weighs_less_than_a_choice() {
        let code = pair("informatique, Internet", "développement");
        let candidates = vec![
            candidate("MET.12", "développeur", vec![code.clone()]),
            candidate(
                "MET.2",
                "pilote",
                vec![pair("logistique, transport", "transport")],
            ),
            candidate(
                "MET.3",
                "infirmier",
                vec![pair("santé, social, sport", "médical")],
            ),
        ];
        let programming = CompetenceRef::parse("crcn:3.4").unwrap();
        let shown = Strength {
            competence: programming.clone(),
            evidence: Evidence::Pix { level: 4 },
            domaines: vec!["informatique, Internet".to_owned()],
        };
        // Shown, nothing said or kept: a suggestion, with the competence and where it was shown.
        let profile = Profile {
            strengths: vec![shown.clone()],
            ..Profile::default()
        };
        assert!(profile.is_personal());
        let found = suggest(&profile, &candidates, 10);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].reasons,
            [Reason::Strength {
                competence: programming,
                evidence: Evidence::Pix { level: 4 }
            }]
        );
        // A chosen domaine comes before a competence shown.
        let profile = Profile {
            interests: vec!["santé, social, sport".to_owned()],
            strengths: vec![shown],
            ..Profile::default()
        };
        let ids: Vec<String> = suggest(&profile, &candidates, 10)
            .iter()
            .map(|s| s.item.to_string())
            .collect();
        assert_eq!(ids, ["MET.3", "MET.12"]);
    }
}

/// Reference profiles replayed on the shipped extract of ONISEP's data: what a counsellor would
/// expect each pupil to be shown, and why. A change of scoring or of the strengths file that
/// moves these answers must be a change someone meant.
#[cfg(all(test, feature = "server"))]
mod reference_profiles {
    use super::*;
    use crate::guidance::onisep::{self, Contents};
    use crate::guidance::strengths;

    fn extract() -> Vec<Candidate> {
        let mut out = Vec::new();
        for (_, bytes) in onisep::SHIPPED {
            match onisep::read(bytes)
                .contents
                .expect("the shipped extract reads")
            {
                Contents::Metiers(rows) => out.extend(rows.into_iter().map(|m| Candidate {
                    item: ItemId::Metier(m.id),
                    label: m.label,
                    type_label: String::new(),
                    domains: m.domains,
                })),
                Contents::Formations(rows) => out.extend(rows.into_iter().map(|f| Candidate {
                    item: ItemId::Formation(f.id),
                    label: f.label,
                    type_label: f.type_label,
                    domains: f.domains,
                })),
                Contents::Offers(_) => {}
            }
        }
        out
    }

    fn shown(code: &str, evidence: Evidence) -> Strength {
        let competence = CompetenceRef::parse(code).unwrap();
        let domaines = strengths::shipped().domaines_of(&competence).to_vec();
        Strength {
            competence,
            evidence,
            domaines,
        }
    }

    fn favourite(candidates: &[Candidate], id: &str) -> (ItemId, String, Vec<DomainPair>) {
        let found = candidates
            .iter()
            .find(|c| c.item.to_string() == id)
            .unwrap_or_else(|| panic!("{id} is in the extract"));
        (found.item, found.label.clone(), found.domains.clone())
    }

    fn ids(found: &[Suggestion]) -> Vec<String> {
        found.iter().map(|s| s.item.to_string()).collect()
    }

    /// Camille keeps the CAP boulanger: the baker's métier and the other bakery formations
    /// come first, each « proche de votre favori ».
    #[test]
    fn a_pupil_who_keeps_the_cap_boulanger() {
        let candidates = extract();
        let profile = Profile {
            favourites: vec![favourite(&candidates, "FOR.2246")],
            ..Profile::default()
        };
        let found = suggest(&profile, &candidates, SUGGESTIONS_SHOWN);
        let ids = ids(&found);
        assert_eq!(ids.first().map(String::as_str), Some("MET.17"), "{ids:?}");
        for bakery in ["FOR.618", "FOR.3531"] {
            assert!(ids.contains(&bakery.to_owned()), "{bakery} in {ids:?}");
        }
        assert!(found.iter().all(|s| s.reasons.iter().all(
            |r| matches!(r, Reason::NearFavourite { favourite, .. } if favourite == "CAP boulanger")
        )));
    }

    /// Yanis said nothing and kept nothing, but programs (Pix level 4) and shows the socle's
    /// scientific languages in his portfolio: computing first, every reason a competence.
    #[test]
    fn a_pupil_who_programs_and_said_nothing() {
        let candidates = extract();
        let profile = Profile {
            strengths: vec![
                shown("crcn:3.4", Evidence::Pix { level: 4 }),
                shown(
                    "socle:3",
                    Evidence::Portfolio {
                        entry: "Robot suiveur de ligne".to_owned(),
                    },
                ),
            ],
            ..Profile::default()
        };
        let found = suggest(&profile, &candidates, SUGGESTIONS_SHOWN);
        assert_eq!(found.len(), SUGGESTIONS_SHOWN);
        // What both competences point to comes first: computing, electronics.
        let programming = &profile.strengths[0].domaines;
        for first in &found[..2] {
            assert_eq!(first.reasons.len(), 2, "{first:?}");
            let domains = &candidates
                .iter()
                .find(|c| c.item == first.item)
                .unwrap()
                .domains;
            assert!(
                domains.iter().any(|p| programming.contains(&p.domaine)),
                "{first:?}"
            );
        }
        assert!(found.iter().all(|s| s
            .reasons
            .iter()
            .all(|r| matches!(r, Reason::Strength { .. }))));
        assert!(!ids(&found).contains(&"MET.17".to_owned()), "no bakery");
    }

    /// Inès ticks « santé, social, sport » and protects health online (Pix level 3): the
    /// domaine she chose leads; her competence adds a reason, never a domaine of its own ahead.
    #[test]
    fn a_pupil_who_chose_health() {
        let candidates = extract();
        let profile = Profile {
            interests: vec!["santé, social, sport".to_owned()],
            strengths: vec![shown("crcn:4.3", Evidence::Pix { level: 3 })],
            ..Profile::default()
        };
        let found = suggest(&profile, &candidates, SUGGESTIONS_SHOWN);
        assert!(!found.is_empty());
        for s in found.iter().take(2) {
            assert!(
                matches!(
                    &s.reasons[..],
                    [Reason::ChosenDomaine { .. }, Reason::Strength { .. }]
                ),
                "{s:?}"
            );
        }
    }
}
