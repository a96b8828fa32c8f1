//! How fast the guidance search answers at national size (~1,600 métiers, ~6,000 formations,
//! `domain::guidance::onisep::synthetic`), against the shipped extract (64 métiers, 137
//! formations) as the baseline in the same run: the import, the building of the index, and the
//! server time of each query (typical words, typos, unfinished words, filters, a second page).
//!
//!   cargo bench -p domain --features server --bench guidance_search [-- ROUNDS]

// A benchmark's output is its numbers, printed.
#![allow(clippy::print_stdout)]

use domain::db::Db;
use domain::guidance::onisep::{self, store, synthetic};
use domain::guidance::search::{Kind, Search, SearchIndex, PAGE_SIZE};
use std::time::{Duration, Instant};

const QUERIES: [&str; 12] = [
    "infirmiere",
    "boulange",
    "ingenieur informatique",
    "mecanique auto",
    "infirmeire",
    "vendeur",
    "cuisine",
    "sport",
    "bac pro",
    "bts commerce",
    "developpeur",
    "sante social",
];

fn searches() -> Vec<Search> {
    let mut searches = Vec::new();
    for text in QUERIES {
        let plain = Search {
            text: text.to_owned(),
            ..Search::default()
        };
        searches.push(plain.clone());
        searches.push(Search {
            kind: Some(Kind::Formation),
            ..plain.clone()
        });
        searches.push(Search { page: 1, ..plain });
    }
    searches
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

/// Runs every search `rounds` times; returns the sorted durations.
fn time_queries(index: &SearchIndex, rounds: usize) -> Vec<Duration> {
    let searches = searches();
    let mut times = Vec::with_capacity(rounds * searches.len());
    for _ in 0..rounds {
        for search in &searches {
            let started = Instant::now();
            let found = index.search(search, PAGE_SIZE).expect("search");
            times.push(started.elapsed());
            std::hint::black_box(found);
        }
    }
    times.sort();
    times
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn load(db: &Db, metiers: &[u8], formations: &[u8]) -> Duration {
    let files: Vec<store::ImportFile> = [metiers, formations]
        .into_iter()
        .map(|bytes| store::ImportFile::from_reading(bytes, onisep::read(bytes)).expect("clean"))
        .collect();
    let started = Instant::now();
    store::import(db, &files).await.expect("import");
    started.elapsed()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let rounds: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(30);
    let dir = std::env::temp_dir().join(format!("sillage-bench-guidance-{}", std::process::id()));
    let db = Db::connect(&format!("sqlite://{}/bench.db", dir.display()), 2)
        .await
        .expect("database");
    db.migrate().await.expect("migrations");

    let mut rows = Vec::new();
    let extract_import = load(&db, onisep::SHIPPED[0].1, onisep::SHIPPED[1].1).await;
    let started = Instant::now();
    let extract = SearchIndex::build(&db).await.expect("index");
    rows.push((
        "extract (64 + 137)",
        extract_import,
        started.elapsed(),
        time_queries(&extract, rounds),
    ));

    let (metiers, formations) =
        synthetic::national(synthetic::NATIONAL_METIERS, synthetic::NATIONAL_FORMATIONS);
    let national_import = load(&db, &metiers, &formations).await;
    let started = Instant::now();
    let national = SearchIndex::build(&db).await.expect("index");
    rows.push((
        "national (1,600 + 6,000)",
        national_import,
        started.elapsed(),
        time_queries(&national, rounds),
    ));

    println!(
        "{} queries × {rounds} rounds per set (one thread)",
        searches().len()
    );
    println!("set                         import    index     p50 ms   p95 ms   p99 ms   max ms");
    for (name, import, build, times) in &rows {
        println!(
            "{name:<26} {:>6.2} s {:>6.0} ms {:>8.3} {:>8.3} {:>8.3} {:>8.3}",
            import.as_secs_f64(),
            ms(*build),
            ms(percentile(times, 0.50)),
            ms(percentile(times, 0.95)),
            ms(percentile(times, 0.99)),
            ms(*times.last().expect("times")),
        );
    }
    let ratio = ms(percentile(&rows[1].3, 0.95)) / ms(percentile(&rows[0].3, 0.95));
    println!("p95 national / extract: {ratio:.2}×");
    db.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
