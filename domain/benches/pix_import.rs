//! How long a counsellor waits for a whole académie-sized campaign: 100,000 participants in one
//! Pix Orga export, 100,000 pupils in the counsellor's school. Times the reading of the file,
//! the keeping of the draft, the preview, the import (one transaction) and a re-import of the
//! same file (which changes nothing).
//!
//!   cargo bench -p domain --features server --bench pix_import [-- ROWS]
//!   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test cargo bench … (the bench makes its
//!   own database beside that one, and drops it at the end)

// A benchmark's output is its numbers, printed.
#![allow(clippy::print_stdout)]

use domain::db::Db;
use domain::identity::AccountId;
use domain::pix::orga_csv::{self, Campaign, ParticipantRow};
use domain::pix::{store, CompetencePix, PixLevel};
use domain::portfolio::frameworks::{Framework, Frameworks};
use std::time::Instant;

const SCHOOL: &str = "0999999Z";

fn seconds(since: Instant) -> String {
    format!("{:.2} s", since.elapsed().as_secs_f64())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let rows: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = std::env::temp_dir().join(format!("sillage-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let given = std::env::var("DATABASE_URL").ok();
    // On PostgreSQL, a database of the bench's own next to the one named.
    let bench_db = format!("sillage_bench_{}", std::process::id());
    let (url, server) = match &given {
        Some(url) if url.starts_with("postgres") => {
            let server = Db::connect(url, 1).await.expect("PostgreSQL");
            sqlx::query(&format!("CREATE DATABASE {bench_db}"))
                .execute(server.pool())
                .await
                .expect("create the bench database");
            let base = url.rsplit_once('/').map_or(url.as_str(), |(base, _)| base);
            (format!("{base}/{bench_db}"), Some(server))
        }
        _ => (format!("sqlite://{}/bench.db", dir.display()), None),
    };
    let db = Db::connect(&url, 4).await.expect("database");
    db.migrate().await.expect("migrations");
    let framework = Frameworks::crcn().clone();

    // The school: one counsellor, `rows` pupils (inserted by batches; not timed).
    let started = Instant::now();
    let run = format!("{}", std::process::id());
    let counsellor: i64 = sqlx::query_scalar(
        "INSERT INTO accounts (issuer, subject, role, given_name, family_name, is_demo, created_at, last_sign_in_at)
         VALUES ('urn:bench', $1, 'counsellor', 'Nadia', 'Banc', 0, 0, 0) RETURNING id",
    )
    .bind(format!("c-{run}"))
    .fetch_one(db.pool())
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO counsellor_schools (account_id, school_uai, attached_at) VALUES ($1, $2, 0)",
    )
    .bind(counsellor)
    .bind(SCHOOL)
    .execute(db.pool())
    .await
    .unwrap();
    let mut tx = db.pool().begin().await.unwrap();
    for chunk in (0..rows).collect::<Vec<_>>().chunks(500) {
        let mut sql = String::from(
            "INSERT INTO accounts (issuer, subject, role, given_name, family_name, school_uai, is_demo, created_at, last_sign_in_at) VALUES ",
        );
        for (i, _) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "('urn:bench', ${}, 'student', ${}, ${}, '{SCHOOL}', 0, 0, 0)",
                i * 3 + 1,
                i * 3 + 2,
                i * 3 + 3
            ));
        }
        let mut query = sqlx::query(&sql);
        for n in chunk {
            query = query
                .bind(format!("p-{run}-{n}"))
                .bind(format!("Prénom{n}"))
                .bind(format!("Nom{n}"));
        }
        query.execute(&mut *tx).await.unwrap();
    }
    tx.commit().await.unwrap();
    println!("setup: {rows} pupils in {}", seconds(started));

    let campaign = Campaign {
        organisation: "Académie de démonstration".to_owned(),
        id: format!("9{run}"),
        name: "Collecte de profils — banc d'essai".to_owned(),
    };
    let participants: Vec<ParticipantRow> = (0..rows)
        .map(|n| {
            let competences: Vec<_> = framework
                .competences()
                .enumerate()
                .map(|(i, c)| {
                    let pix = ((n * 7 + i * 13) % 57) as u16;
                    (
                        c.code.clone(),
                        PixLevel::new((pix / 8) as u8).unwrap(),
                        CompetencePix::new(pix).unwrap(),
                    )
                })
                .collect();
            ParticipantRow {
                line: n as u64 + 2,
                last_name: format!("Nom{n}"),
                first_name: format!("Prénom{n}"),
                class: Some(format!("3e {}", n % 12)),
                student_number: None,
                external_id: None,
                shared: true,
                shared_on: Some("2026-10-05".to_owned()),
                shared_at: None,
                total_pix: Some(competences.iter().map(|(_, _, p)| p.get()).sum()),
                certifiable: None,
                competences,
            }
        })
        .collect();
    let file = orga_csv::write(&framework, &campaign, &participants);
    println!("file: {rows} lines, {:.1} MB", file.len() as f64 / 1e6);

    let started = Instant::now();
    let export = orga_csv::read(&framework, file.as_bytes(), u64::MAX);
    assert!(export.problems.is_empty(), "{:?}", &export.problems[..1]);
    println!("read (streaming parse + checks): {}", seconds(started));

    let counsellor = AccountId::from_db(counsellor);
    let kept: &'static Framework = Box::leak(Box::new(framework.clone()));
    let started = Instant::now();
    let (draft, _) = store::save_upload(
        &db,
        kept,
        counsellor,
        "bench.csv",
        std::io::Cursor::new(file.clone().into_bytes()),
        u64::MAX,
    )
    .await
    .unwrap();
    println!(
        "read the upload once, kept as draft chunks: {}",
        seconds(started)
    );

    let started = Instant::now();
    let preview = store::preview(&db, &framework, counsellor, draft, 500)
        .await
        .unwrap();
    assert_eq!(preview.plan.created as usize, rows);
    println!("preview (read + match {rows} pupils): {}", seconds(started));

    let started = Instant::now();
    let summary = store::confirm_import(&db, &framework, counsellor, draft)
        .await
        .unwrap();
    assert_eq!(summary.created as usize, rows);
    println!(
        "import, one transaction ({rows} results, {rows} journal lines): {}",
        seconds(started)
    );

    let (draft, _) = store::save_upload(
        &db,
        kept,
        counsellor,
        "bench.csv",
        std::io::Cursor::new(file.clone().into_bytes()),
        u64::MAX,
    )
    .await
    .unwrap();
    let started = Instant::now();
    let summary = store::confirm_import(&db, &framework, counsellor, draft)
        .await
        .unwrap();
    assert_eq!(summary.skipped as usize, rows);
    println!(
        "re-import of the same file (nothing changes): {}",
        seconds(started)
    );

    db.close().await;
    if let Some(server) = server {
        sqlx::query(&format!("DROP DATABASE {bench_db}"))
            .execute(server.pool())
            .await
            .expect("drop the bench database");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
