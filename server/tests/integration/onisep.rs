//! ONISEP's open data loaded by `server admin onisep import`: a demo starts with the shipped
//! extract; the same data in the other form changes nothing; a newer file updates, withdraws and
//! later restores; a file with a problem is refused whole, with every problem by line and
//! column in French and English, and nothing of the import is written.

use crate::support::{self, spawn_app, Engine, Options, TestApp};
use server::admin::{self, AdminError};
use std::path::Path;

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

const SHIPPED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../domain/data/onisep");

async fn withdrawn(app: &TestApp, table: &str) -> Vec<String> {
    sqlx::query_scalar(&format!(
        "SELECT id FROM {table} WHERE withdrawn_at IS NOT NULL ORDER BY id"
    ))
    .fetch_all(app.db.pool())
    .await
    .expect("withdrawn ids")
}

async fn import(app: &TestApp, files: &[&Path]) -> Result<String, AdminError> {
    let mut line = vec!["onisep".to_owned(), "import".to_owned()];
    line.extend(files.iter().map(|f| f.display().to_string()));
    admin::run(&app.settings, &line).await
}

async fn the_onisep_data_loads_again_and_again(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    // The demo's first start loaded the shipped extract (JSON).
    assert_eq!(app.count("onisep_metiers").await, 64);
    assert_eq!(app.count("onisep_formations").await, 137);
    assert_eq!(app.count("onisep_imports").await, 3);
    let publications = app.count("onisep_metier_publications").await;

    // The same data in ONISEP's CSV form: read by header names, nothing changes.
    let shipped = Path::new(SHIPPED);
    let metiers_csv = shipped.join("ideo-metiers.csv");
    let formations_csv = shipped.join("ideo-formations-initiales.csv");
    let said = import(&app, &[&metiers_csv, &formations_csv])
        .await
        .expect("imported");
    assert!(
        said.contains("Idéo-Métiers (CSV")
            && said.contains("64 fiches lues")
            && said.contains(
                "Créées\u{202f}: 0, mises à jour\u{202f}: 0, inchangées\u{202f}: 64, retirées"
            ),
        "{said}"
    );
    assert!(
        said.contains("Created: 0, updated: 0, unchanged: 137, withdrawn"),
        "{said}"
    );
    assert_eq!(app.count("onisep_imports").await, 5);
    assert_eq!(app.count("onisep_metier_publications").await, publications);

    // A newer file: the baker's rows gone, the nurse relabelled.
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(&metiers_csv).unwrap();
    let newer: String = original
        .lines()
        .filter(|line| !line.contains("/MET.17;"))
        .map(|line| {
            line.replace(
                "\"infirmier / infirmière\"",
                "\"infirmier / infirmière (IDE)\"",
            )
        })
        .map(|line| line + "\n")
        .collect();
    let newer_file = dir.path().join("ideo-metiers-2026.csv");
    std::fs::write(&newer_file, newer).unwrap();
    let said = import(&app, &[&newer_file]).await.expect("newer");
    assert!(
        said.contains("Created: 0, updated: 1, unchanged: 62, withdrawn (« n'existe plus dans les données Onisep »): 1"),
        "{said}"
    );
    assert_eq!(withdrawn(&app, "onisep_metiers").await, ["MET.17"]);
    // Withdrawn, not deleted: what refers to it still finds it.
    assert_eq!(app.count("onisep_metiers").await, 64);
    let label: String = sqlx::query_scalar("SELECT label FROM onisep_metiers WHERE id = 'MET.38'")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(label, "infirmier / infirmière (IDE)");

    // The older file again: the baker is back, the nurse as before.
    let said = import(&app, &[&metiers_csv]).await.expect("older again");
    assert!(
        said.contains("Created: 0, updated: 2, unchanged: 62, withdrawn"),
        "{said}"
    );
    assert!(withdrawn(&app, "onisep_metiers").await.is_empty());

    // A file with problems beside a clean one that changes something: refused whole, every
    // problem by line and column in both languages, nothing of either file written.
    let broken = original.replacen(
        "https://www.onisep.fr/http/redirection/metier/slug/MET.11;",
        "https://example.org/MET.11;",
        1,
    );
    let broken_file = dir.path().join("broken.csv");
    std::fs::write(&broken_file, broken).unwrap();
    let formations_json = std::fs::read_to_string(shipped.join("ideo-formations-initiales.json"))
        .unwrap()
        .replace("CAP boulanger", "CAP boulanger (nouveau)");
    let changed_formations = dir.path().join("formations.json");
    std::fs::write(&changed_formations, formations_json).unwrap();
    let imports = app.count("onisep_imports").await;
    let refused = import(&app, &[&changed_formations, &broken_file]).await;
    let Err(AdminError::Onisep(text)) = refused else {
        panic!("{refused:?}");
    };
    assert!(
        text.contains("un problème)\u{202f}: rien n'a été chargé")
            && text.contains("Ligne 2, colonne «\u{202f}lien site onisep.fr\u{202f}»\u{202f}: pas un lien onisep.fr")
            && text.contains("Line 2, column « lien site onisep.fr »: not an onisep.fr link"),
        "{text}"
    );
    assert_eq!(app.count("onisep_imports").await, imports);
    let cap: String =
        sqlx::query_scalar("SELECT label FROM onisep_formations WHERE id = 'FOR.2246'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(cap, "CAP boulanger");

    // Two files of one dataset: the second would withdraw the first's rows.
    let twice = import(&app, &[&metiers_csv, &shipped.join("ideo-metiers.json")]).await;
    let Err(AdminError::Onisep(text)) = twice else {
        panic!("{twice:?}");
    };
    assert!(
        text.contains("Two Idéo-Métiers files in one import"),
        "{text}"
    );
    // A file that is not there.
    let missing = import(&app, &[Path::new("/nowhere/ideo.csv")]).await;
    assert!(matches!(missing, Err(AdminError::File(..))), "{missing:?}");
    assert!(matches!(
        admin::run(&app.settings, &args(&["onisep", "import"])).await,
        Err(AdminError::Usage(_))
    ));
    app.finish().await;
}

on_both_engines!(the_onisep_data_loads_again_and_again);
