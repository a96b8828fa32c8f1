use super::*;
use crate::db::Db;
use crate::guidance::onisep::{self, store};

/// The shipped extract in a fresh SQLite database, and the index built from it.
async fn shipped_index(name: &str) -> (Db, SearchIndex) {
    let dir = std::env::temp_dir().join(format!("sillage-search-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let db = Db::connect(&format!("sqlite://{}/db.sqlite", dir.display()), 1)
        .await
        .unwrap();
    db.migrate().await.unwrap();
    assert!(store::load_shipped_if_empty(&db).await.unwrap());
    let index = SearchIndex::build(&db).await.unwrap();
    (db, index)
}

fn find(index: &SearchIndex, text: &str) -> Vec<(String, String)> {
    let search = Search {
        text: text.to_owned(),
        ..Search::default()
    };
    index
        .search(&search, 10)
        .unwrap()
        .hits
        .into_iter()
        .map(|hit| (hit.id, hit.label))
        .collect()
}

fn ids(hits: &[(String, String)]) -> Vec<&str> {
    hits.iter().map(|(id, _)| id.as_str()).collect()
}

#[tokio::test]
async fn what_a_pupil_types_finds_what_they_mean() {
    let (_db, index) = shipped_index("words").await;
    // Without accents: the nurse first (the métier, then its diploma).
    let nurse = find(&index, "infirmiere");
    assert_eq!(nurse[0].0, "MET.38", "{nurse:?}");
    assert!(ids(&nurse).contains(&"FOR.2378"), "{nurse:?}");
    // An unfinished word, a plural, capitals.
    for typed in ["boulange", "BOULANGERS", "Boulangère"] {
        let baker = find(&index, typed);
        assert!(ids(&baker).contains(&"MET.17"), "{typed}: {baker:?}");
        assert!(ids(&baker).contains(&"FOR.2246"), "{typed}: {baker:?}");
    }
    // Two words: both must be found, one in the label, one in the métier's domain.
    let engineer = find(&index, "ingenieur informatique");
    assert!(ids(&engineer).contains(&"MET.727"), "{engineer:?}");
    // « auto » unfinished finds the sous-domaine « automobile ».
    let mechanics = find(&index, "mecanique auto");
    assert!(ids(&mechanics).contains(&"FOR.5615"), "{mechanics:?}");
    assert!(ids(&mechanics).contains(&"MET.943"), "{mechanics:?}");
    // One typo per word.
    let typo = find(&index, "infirmeire");
    assert_eq!(
        typo.first().map(|h| h.0.as_str()),
        Some("MET.38"),
        "{typo:?}"
    );
    let typo = find(&index, "boulanjer");
    assert!(ids(&typo).contains(&"MET.17"), "{typo:?}");
    // Nothing asked, nothing found; words found nowhere, nothing.
    assert!(find(&index, "").is_empty());
    assert!(find(&index, "   ").is_empty());
    assert!(find(&index, "zzzzqqqq").is_empty());
}

#[tokio::test]
async fn filters_and_pages() {
    let (_db, index) = shipped_index("filters").await;
    let search = |kind, domaine: Option<&str>, page| Search {
        text: "boulanger".to_owned(),
        kind,
        domaine: domaine.map(str::to_owned),
        page,
        ..Search::default()
    };
    let formations = index
        .search(&search(Some(Kind::Formation), None, 0), 10)
        .unwrap();
    assert!(!formations.hits.is_empty());
    assert!(formations
        .hits
        .iter()
        .all(|h| h.kind == Kind::Formation && !h.type_label.is_empty()));
    let metiers = index
        .search(&search(Some(Kind::Metier), None, 0), 10)
        .unwrap();
    assert!(metiers.hits.iter().all(|h| h.kind == Kind::Metier));
    let all = index.search(&search(None, None, 0), 10).unwrap();
    assert_eq!(all.total, formations.total + metiers.total);
    // A domaine filter alone lists that domaine's items, in pages.
    assert!(index
        .filters()
        .domaines
        .iter()
        .any(|d| d == "santé, social, sport"));
    let health = Search {
        domaine: Some("santé, social, sport".to_owned()),
        ..Search::default()
    };
    let first = index.search(&health, 5).unwrap();
    assert!(first.total > 5, "{}", first.total);
    let second = index
        .search(
            &Search {
                page: 1,
                ..health.clone()
            },
            5,
        )
        .unwrap();
    assert_eq!(second.total, first.total);
    assert!(second.hits.iter().all(|h| !first.hits.contains(h)));
    // A domaine that does not exist: nothing.
    let none = index
        .search(&search(None, Some("nulle part"), 0), 10)
        .unwrap();
    assert_eq!(none.total, 0);
    // The filters offer what the data holds.
    assert!(index.filters().type_labels.iter().any(|t| t == "CAP"));
    assert!(index.filters().exit_levels.iter().any(|l| l == "Bac + 2"));
}

#[tokio::test]
async fn a_withdrawn_item_is_not_found_and_a_newer_import_is_noticed() {
    let (db, index) = shipped_index("withdrawn").await;
    assert!(index.built_from() > 0);
    assert_eq!(newest_import(&db).await.unwrap(), index.built_from());
    // The métiers file again without the baker: withdrawn, no longer found.
    let json = std::str::from_utf8(onisep::SHIPPED[0].1).unwrap();
    let records: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    let without: Vec<_> = records
        .into_iter()
        .filter(|r| {
            !r["lien_site_onisepfr"]
                .as_str()
                .unwrap()
                .ends_with("/MET.17")
        })
        .collect();
    let bytes = serde_json::to_vec(&without).unwrap();
    let file = store::ImportFile::from_reading(&bytes, onisep::read(&bytes)).unwrap();
    store::import(&db, &[file]).await.unwrap();
    assert!(newest_import(&db).await.unwrap() > index.built_from());
    let rebuilt = SearchIndex::build(&db).await.unwrap();
    assert!(!ids(&find(&rebuilt, "boulanger")).contains(&"MET.17"));
    assert!(ids(&find(&rebuilt, "boulanger")).contains(&"FOR.2246"));
}

/// The links held in memory give what the rows say: every formation sharing a pair with a
/// métier, counted, the most shared first then by label, each with the pairs it shares in its
/// own order (withdrawn items are left out as the search leaves them: the same rows).
#[tokio::test]
async fn the_links_in_memory_are_the_pairs_the_rows_share() {
    use crate::guidance::onisep::views::{LinkedItems, LINKED_SHOWN};
    use crate::guidance::onisep::DomainPair;
    use sqlx::Row;
    let (db, index) = shipped_index("links").await;
    let pairs_of = |table: &'static str, owner: &'static str| {
        let db = db.clone();
        async move {
            let mut pairs: std::collections::BTreeMap<String, Vec<DomainPair>> = Default::default();
            for row in sqlx::query(&format!(
                "SELECT {owner} AS owner, domaine, sous_domaine FROM {table} ORDER BY {owner}, position"
            ))
            .fetch_all(db.pool())
            .await
            .unwrap()
            {
                pairs.entry(row.get("owner")).or_default().push(DomainPair {
                    domaine: row.get("domaine"),
                    sous_domaine: row.get("sous_domaine"),
                });
            }
            pairs
        }
    };
    let metiers = pairs_of("onisep_metier_domains", "metier_id").await;
    let formations = pairs_of("onisep_formation_domains", "formation_id").await;
    let mut checked = 0;
    for (metier, own) in &metiers {
        let (shown, total) = index.links().formations_sharing(own);
        let expected: Vec<(&String, Vec<DomainPair>)> = formations
            .iter()
            .map(|(id, theirs)| {
                (
                    id,
                    theirs
                        .iter()
                        .filter(|p| own.contains(p))
                        .cloned()
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, shared)| !shared.is_empty())
            .collect();
        assert_eq!(total, expected.len(), "{metier}");
        assert!(shown.len() <= LINKED_SHOWN);
        for pair in shown.windows(2) {
            assert!(
                pair[0].shared.len() >= pair[1].shared.len(),
                "{metier}: {pair:?}"
            );
        }
        for linked in &shown {
            let (_, shared) = expected.iter().find(|(id, _)| **id == linked.id).unwrap();
            assert_eq!(&linked.shared, shared, "{metier} → {}", linked.id);
        }
        checked += usize::from(total > 0);
    }
    assert!(checked > 50, "{checked}");
    // The baker's métier: the CAP boulanger among the formations that lead to it.
    let (shown, _) = index.links().formations_sharing(&metiers["MET.17"]);
    assert!(shown.iter().any(|l| l.id == "FOR.2246"), "{shown:?}");
    // And back: the CAP leads to the baker's métier.
    let (shown, _) = index.links().metiers_sharing(&formations["FOR.2246"]);
    assert!(shown.iter().any(|l| l.id == "MET.17"), "{shown:?}");
}
