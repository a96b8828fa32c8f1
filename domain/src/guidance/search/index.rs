//! The index itself (server only): built from the `onisep_*` tables, searched in memory.

use super::links::Links;
use super::{FilterValues, Found, Hit, Kind, Search, MAX_QUERY_CHARS, MAX_QUERY_WORDS};
use crate::db::Db;
use crate::guidance::onisep::DomainPair;
use sqlx::Row;
use std::collections::{BTreeSet, HashMap};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};
use tantivy::{doc, Index, IndexReader, TantivyDocument, Term};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("the ONISEP data could not be read: {0}")]
    Database(#[from] sqlx::Error),
    #[error("the search index could not be built: {0}")]
    Index(#[from] tantivy::TantivyError),
}

struct Fields {
    kind: Field,
    id: Field,
    label: Field,
    label_plain: Field,
    words: Field,
    words_plain: Field,
    domaine: Field,
    type_label: Field,
    exit_level: Field,
    duration: Field,
    academie: Field,
}

/// The index, built once from the database.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    filters: FilterValues,
    /// What links métiers and formations, built from the same rows.
    links: Links,
    /// The newest import the index was built from (`onisep_imports.id`), 0 for none.
    built_from: i64,
}

// Each text is indexed twice: folded and French-stemmed (« boulangers » and « boulanger » are
// one word), and folded only. The stemmer reads accents (« infirmière » and « infirmier » stem
// alike) but a pupil types without them (« infirmiere » stems otherwise): the folded-only words
// catch that, within one typo.
const STEMMED: &str = "fr_folded_stemmed";
const PLAIN: &str = "fr_folded";

fn analyzer(stemmed: bool) -> TextAnalyzer {
    let folded = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    if stemmed {
        folded.filter(Stemmer::new(Language::French)).build()
    } else {
        folded.build()
    }
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = |stored: bool, analyzer: &str| {
        let options = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    let fields = Fields {
        kind: builder.add_text_field("kind", STRING | STORED),
        id: builder.add_text_field("id", STRING | STORED),
        label: builder.add_text_field("label", text(true, STEMMED)),
        label_plain: builder.add_text_field("label_plain", text(false, PLAIN)),
        words: builder.add_text_field("words", text(false, STEMMED)),
        words_plain: builder.add_text_field("words_plain", text(false, PLAIN)),
        domaine: builder.add_text_field("domaine", STRING),
        type_label: builder.add_text_field("type_label", STRING | STORED),
        exit_level: builder.add_text_field("exit_level", STRING | STORED),
        duration: builder.add_text_field("duration", STRING | STORED),
        academie: builder.add_text_field("academie", STRING),
    };
    (builder.build(), fields)
}

/// The newest import's id (0 when nothing was imported).
pub async fn newest_import(db: &Db) -> Result<i64, sqlx::Error> {
    let newest: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM onisep_imports")
        .fetch_one(db.pool())
        .await?;
    Ok(newest.unwrap_or(0))
}

/// What one item brings to the index.
#[derive(Default)]
struct Item {
    label: String,
    words: Vec<String>,
    domaines: BTreeSet<String>,
    /// Its `domaine/sous-domaine` pairs in ONISEP's order.
    pairs: Vec<DomainPair>,
    type_label: String,
    exit_level: String,
    duration: String,
    /// Where a formation is taught (the offers' académies, one spelling each).
    academies: BTreeSet<String>,
}

async fn items(db: &Db) -> Result<Vec<(Kind, String, Item)>, sqlx::Error> {
    let mut items: Vec<(Kind, String, Item)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for row in sqlx::query("SELECT id, label FROM onisep_metiers WHERE withdrawn_at IS NULL")
        .fetch_all(db.pool())
        .await?
    {
        let id: String = row.try_get("id")?;
        at.insert(id.clone(), items.len());
        let item = Item {
            label: row.try_get("label")?,
            ..Item::default()
        };
        items.push((Kind::Metier, id, item));
    }
    for row in sqlx::query(
        "SELECT id, label, type_label, type_sigle, sigle, exit_level, duration \
         FROM onisep_formations WHERE withdrawn_at IS NULL",
    )
    .fetch_all(db.pool())
    .await?
    {
        let id: String = row.try_get("id")?;
        at.insert(id.clone(), items.len());
        let type_label: String = row.try_get("type_label")?;
        let item = Item {
            label: row.try_get("label")?,
            words: vec![
                type_label.clone(),
                row.try_get("type_sigle")?,
                row.try_get("sigle")?,
            ],
            type_label,
            exit_level: row.try_get("exit_level")?,
            duration: row.try_get("duration")?,
            ..Item::default()
        };
        items.push((Kind::Formation, id, item));
    }
    for (table, owner) in [
        ("onisep_metier_domains", "metier_id"),
        ("onisep_formation_domains", "formation_id"),
    ] {
        for row in sqlx::query(&format!(
            "SELECT {owner} AS owner, domaine, sous_domaine FROM {table} ORDER BY {owner}, position"
        ))
        .fetch_all(db.pool())
        .await?
        {
            let owner: String = row.try_get("owner")?;
            if let Some(&index) = at.get(&owner) {
                let item = &mut items[index].2;
                let domaine: String = row.try_get("domaine")?;
                let sous_domaine: String = row.try_get("sous_domaine")?;
                item.words.push(domaine.clone());
                item.words.push(sous_domaine.clone());
                item.domaines.insert(domaine.clone());
                item.pairs.push(DomainPair {
                    domaine,
                    sous_domaine,
                });
            }
        }
    }
    for row in sqlx::query(
        "SELECT formation_id, MIN(academie) AS academie FROM onisep_offers \
         GROUP BY formation_id, academie_key",
    )
    .fetch_all(db.pool())
    .await?
    {
        let owner: String = row.try_get("formation_id")?;
        if let Some(&index) = at.get(&owner) {
            items[index].2.academies.insert(row.try_get("academie")?);
        }
    }
    for row in sqlx::query("SELECT metier_id, label FROM onisep_metier_romes")
        .fetch_all(db.pool())
        .await?
    {
        let owner: String = row.try_get("metier_id")?;
        if let Some(&index) = at.get(&owner) {
            items[index].2.words.push(row.try_get("label")?);
        }
    }
    Ok(items)
}

impl SearchIndex {
    /// Builds the index from what the database holds now.
    pub async fn build(db: &Db) -> Result<SearchIndex, SearchError> {
        let built_from = newest_import(db).await?;
        let items = items(db).await?;
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        index.tokenizers().register(STEMMED, analyzer(true));
        index.tokenizers().register(PLAIN, analyzer(false));
        // One thread: the index is small (national: ~8,000 items) and the server is serving.
        let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 15_000_000)?;
        let mut filters = (
            BTreeSet::new(),
            BTreeSet::new(),
            BTreeSet::new(),
            BTreeSet::new(),
        );
        let mut links = Links::default();
        for (kind, id, item) in &items {
            links.add(*kind, id, &item.label, &item.type_label, &item.pairs);
            let mut document = doc!(
                fields.kind => kind.code(),
                fields.id => id.as_str(),
                fields.label => item.label.as_str(),
                fields.label_plain => item.label.as_str(),
                fields.type_label => item.type_label.as_str(),
                fields.exit_level => item.exit_level.as_str(),
                fields.duration => item.duration.as_str(),
            );
            for words in &item.words {
                document.add_text(fields.words, words);
                document.add_text(fields.words_plain, words);
            }
            for domaine in &item.domaines {
                document.add_text(fields.domaine, domaine);
                filters.0.insert(domaine.clone());
            }
            for academie in &item.academies {
                document.add_text(fields.academie, academie);
                filters.3.insert(academie.clone());
            }
            if *kind == Kind::Formation {
                if !item.type_label.is_empty() {
                    filters.1.insert(item.type_label.clone());
                }
                if !item.exit_level.is_empty() {
                    filters.2.insert(item.exit_level.clone());
                }
            }
            writer.add_document(document)?;
        }
        writer.commit()?;
        let reader = index.reader()?;
        Ok(SearchIndex {
            reader,
            fields,
            filters: FilterValues {
                domaines: filters.0.into_iter().collect(),
                type_labels: filters.1.into_iter().collect(),
                exit_levels: filters.2.into_iter().collect(),
                academies: filters.3.into_iter().collect(),
            },
            links,
            built_from,
        })
    }

    pub fn built_from(&self) -> i64 {
        self.built_from
    }

    pub fn filters(&self) -> &FilterValues {
        &self.filters
    }

    /// What links métiers and formations, as of this index's import.
    pub fn links(&self) -> &Links {
        &self.links
    }

    /// The query's words as the index holds them, stemmed and plain (one token each way per
    /// word: the stemmer changes words, it does not drop them), bounded.
    fn words(&self, text: &str) -> Vec<(String, String)> {
        let text: String = text.chars().take(MAX_QUERY_CHARS).collect();
        let tokens = |stemmed: bool| {
            let mut analyzer = analyzer(stemmed);
            let mut stream = analyzer.token_stream(&text);
            let mut words = Vec::new();
            while stream.advance() && words.len() < MAX_QUERY_WORDS {
                words.push(stream.token().text.clone());
            }
            words
        };
        tokens(true).into_iter().zip(tokens(false)).collect()
    }

    fn query(&self, search: &Search) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let words = self.words(&search.text);
        let last = words.len().saturating_sub(1);
        // Every word must be found, in the label or the other words; a label match counts most,
        // an exact one more than a near one.
        for (position, (stem, plain)) in words.iter().enumerate() {
            let mut either: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            let fields = [
                (self.fields.label, self.fields.label_plain, 3.0),
                (self.fields.words, self.fields.words_plain, 1.0),
            ];
            for (stemmed_field, plain_field, boost) in fields {
                let exact = TermQuery::new(
                    Term::from_field_text(stemmed_field, stem),
                    IndexRecordOption::WithFreqs,
                );
                either.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(exact), 2.0 * boost)),
                ));
                // One typo from four letters on (« infirmeire », « boulanjer »); shorter words
                // would match too much.
                let typos = if plain.chars().count() >= 4 { 1 } else { 0 };
                let term = Term::from_field_text(plain_field, plain);
                let near: Box<dyn Query> = if position == last {
                    // The last word may be unfinished: « auto » finds « automobile ».
                    Box::new(FuzzyTermQuery::new_prefix(term, typos, true))
                } else {
                    Box::new(FuzzyTermQuery::new(term, typos, true))
                };
                either.push((Occur::Should, Box::new(BoostQuery::new(near, boost))));
            }
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(either))));
        }
        let mut filter = |field: Field, value: &str| {
            let term = Term::from_field_text(field, value);
            clauses.push((
                Occur::Must,
                Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                    0.0,
                )),
            ));
        };
        if let Some(kind) = search.kind {
            filter(self.fields.kind, kind.code());
        }
        if let Some(domaine) = &search.domaine {
            filter(self.fields.domaine, domaine);
        }
        if let Some(type_label) = &search.type_label {
            filter(self.fields.type_label, type_label);
        }
        if let Some(exit_level) = &search.exit_level {
            filter(self.fields.exit_level, exit_level);
        }
        if let Some(academie) = &search.academie {
            filter(self.fields.academie, academie);
        }
        if clauses.is_empty() {
            return Box::new(tantivy::query::AllQuery);
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// A page of results, best first. A search with neither words nor filters finds nothing.
    pub fn search(&self, search: &Search, page_size: usize) -> Result<Found, SearchError> {
        if self.words(&search.text).is_empty()
            && search.domaine.is_none()
            && search.type_label.is_none()
            && search.exit_level.is_none()
            && search.academie.is_none()
        {
            return Ok(Found::default());
        }
        let searcher = self.reader.searcher();
        let query = self.query(search);
        let collector =
            TopDocs::with_limit(page_size.max(1)).and_offset(search.page.saturating_mul(page_size));
        let (top, total) = searcher.search(&query, &(collector, Count))?;
        let mut hits = Vec::with_capacity(top.len());
        for (_score, address) in top {
            let document: TantivyDocument = searcher.doc(address)?;
            let text = |field: Field| {
                document
                    .get_first(field)
                    .and_then(|value| value.as_str())
                    .unwrap_or_default()
                    .to_owned()
            };
            hits.push(Hit {
                kind: Kind::parse(&text(self.fields.kind)).unwrap_or(Kind::Metier),
                id: text(self.fields.id),
                label: text(self.fields.label),
                type_label: text(self.fields.type_label),
                exit_level: text(self.fields.exit_level),
                duration: text(self.fields.duration),
            });
        }
        Ok(Found { hits, total })
    }
}

/// The index a server searches. Each search asks the database for its newest import (one
/// small query) and, when it is newer than the index, one request rebuilds it while the others
/// go on searching the current one: an import made by `server admin` on another machine shows
/// within a search.
pub struct SharedIndex {
    current: std::sync::RwLock<std::sync::Arc<SearchIndex>>,
    rebuilding: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for SharedIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedIndex").finish_non_exhaustive()
    }
}

impl SharedIndex {
    pub async fn build(db: &Db) -> Result<SharedIndex, SearchError> {
        Ok(SharedIndex {
            current: std::sync::RwLock::new(std::sync::Arc::new(SearchIndex::build(db).await?)),
            rebuilding: tokio::sync::Mutex::new(()),
        })
    }

    fn now(&self) -> std::sync::Arc<SearchIndex> {
        // A panic while holding the lock cannot leave a half-written Arc: take it as it is.
        self.current
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// The index to search, rebuilt first when the data changed.
    pub async fn current(&self, db: &Db) -> Result<std::sync::Arc<SearchIndex>, SearchError> {
        let index = self.now();
        let newest = newest_import(db).await?;
        if newest <= index.built_from() {
            return Ok(index);
        }
        let Ok(_rebuilding) = self.rebuilding.try_lock() else {
            return Ok(index);
        };
        let rebuilt = std::sync::Arc::new(SearchIndex::build(db).await?);
        *self
            .current
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = rebuilt.clone();
        Ok(rebuilt)
    }
}
