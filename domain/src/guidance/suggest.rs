//! Suggestions, explained: métiers and formations a pupil may not have thought of, each with the
//! reasons in plain words (« parce que tu as choisi le domaine … », « proche de ton favori … »).
//! No black box: a suggestion is there because it shares ONISEP's domaines with what the pupil
//! said she likes or kept; nothing is suggested until she has said or kept something (as
//! MonProjetSup does); what she dismissed (« ne plus voir ») is never suggested again.

use super::onisep::DomainPair;
use super::plan::ItemId;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Suggestions shown at once.
pub const SUGGESTIONS_SHOWN: usize = 10;

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
    pub dismissed: HashSet<ItemId>,
}

impl Profile {
    /// Whether she said or kept anything: before that, nothing is suggested.
    pub fn is_personal(&self) -> bool {
        !self.interests.is_empty() || !self.favourites.is_empty()
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
/// box she ticked); ties by label. Métiers and
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
}
