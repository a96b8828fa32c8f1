//! The links between métiers and formations (the `domaine/sous-domaine` pairs they share), held
//! in memory beside the search index and rebuilt with it at each import: a métier's page reads
//! the formations that lead to it here, not from a join of a few thousand pair rows per request
//! (ONISEP's data changes ten times a year; the pages are read all day).

use super::Kind;
use crate::guidance::onisep::views::{Linked, LinkedItems, LINKED_SHOWN};
use crate::guidance::onisep::DomainPair;
use std::collections::HashMap;

/// One métier or formation, as a linked list shows it.
struct Node {
    kind: Kind,
    id: String,
    label: String,
    /// The label folded once, to order equal counts.
    folded: String,
    type_label: String,
    /// Its pairs in ONISEP's order.
    pairs: Vec<DomainPair>,
}

/// Every live (not withdrawn) item's pairs, and for each pair its items.
#[derive(Default)]
pub struct Links {
    nodes: Vec<Node>,
    by_pair: HashMap<DomainPair, Vec<u32>>,
}

impl Links {
    /// Adds an item with its pairs (in ONISEP's order).
    pub(super) fn add(
        &mut self,
        kind: Kind,
        id: &str,
        label: &str,
        type_label: &str,
        pairs: &[DomainPair],
    ) {
        let at = u32::try_from(self.nodes.len()).unwrap_or(u32::MAX);
        for pair in pairs {
            self.by_pair.entry(pair.clone()).or_default().push(at);
        }
        self.nodes.push(Node {
            kind,
            id: id.to_owned(),
            label: label.to_owned(),
            folded: crate::text::fold(label),
            type_label: type_label.to_owned(),
            pairs: pairs.to_vec(),
        });
    }

    /// The items of `kind` sharing a pair with `pairs` (a page's own, withdrawn or not): the
    /// first [`LINKED_SHOWN`], the most shared first, then by folded label, each with the
    /// pairs it shares in its own order; and how many there are in all.
    pub fn linked(&self, pairs: &[DomainPair], kind: Kind) -> (Vec<Linked>, usize) {
        let mut shared: HashMap<u32, u32> = HashMap::new();
        let mut seen_pairs: Vec<&DomainPair> = Vec::with_capacity(pairs.len());
        for pair in pairs {
            if seen_pairs.contains(&pair) {
                continue;
            }
            seen_pairs.push(pair);
            for &at in self
                .by_pair
                .get(pair)
                .map(Vec::as_slice)
                .unwrap_or_default()
            {
                if self.nodes[at as usize].kind == kind {
                    *shared.entry(at).or_default() += 1;
                }
            }
        }
        let total = shared.len();
        let mut found: Vec<(u32, &Node)> = shared
            .into_iter()
            .map(|(at, count)| (count, &self.nodes[at as usize]))
            .collect();
        let order = |a: &(u32, &Node), b: &(u32, &Node)| {
            b.0.cmp(&a.0)
                .then_with(|| a.1.folded.cmp(&b.1.folded))
                .then_with(|| a.1.id.cmp(&b.1.id))
        };
        if found.len() > LINKED_SHOWN {
            found.select_nth_unstable_by(LINKED_SHOWN - 1, order);
            found.truncate(LINKED_SHOWN);
        }
        found.sort_unstable_by(order);
        let shown = found
            .into_iter()
            .map(|(_, node)| Linked {
                id: node.id.clone(),
                label: node.label.clone(),
                type_label: node.type_label.clone(),
                shared: node
                    .pairs
                    .iter()
                    .filter(|pair| pairs.contains(pair))
                    .cloned()
                    .collect(),
            })
            .collect();
        (shown, total)
    }
}

impl LinkedItems for Links {
    fn formations_sharing(&self, pairs: &[DomainPair]) -> (Vec<Linked>, usize) {
        self.linked(pairs, Kind::Formation)
    }

    fn metiers_sharing(&self, pairs: &[DomainPair]) -> (Vec<Linked>, usize) {
        self.linked(pairs, Kind::Metier)
    }
}
