//! Schools named from the ministry's directory (`server admin name-schools`): a pupil's home
//! shows the name, a formation's page opens on the académie the directory gives, a file of
//! another kind is refused whole, naming the column it lacks.

use crate::support::{self, spawn_app, Engine, Options};
use server::admin::{self, AdminError};

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

async fn a_pupil_reads_the_name_of_their_school(engine: Engine) {
    let app = spawn_app(engine, Options::demo()).await;
    let dir = tempfile::tempdir().unwrap();
    // The Annuaire de l'éducation's download: labels, `;`, a BOM; the demo school's UAI among
    // two académies.
    let file = dir.path().join("fr-en-annuaire-education.csv");
    std::fs::write(
        &file,
        "\u{feff}Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Code_postal;Nom_commune;Code_academie;Libelle_academie\n\
         0999999Z;Collège Pierre Brossolette;Collège;69000;Démo-Ville;10;Lyon\n\
         0340999Y;Collège Jean Jaurès;Collège;34000;Montpellier;11;Montpellier\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();

    let said = admin::run(&app.settings, &args(&["name-schools", path, "Lyon"]))
        .await
        .expect("named");
    assert!(said.starts_with("1 school(s) named"), "{said}");
    assert!(said.contains("1 line(s) of other académies"), "{said}");
    let mut pupil = app.demo_browser("eleve").await;
    let home = pupil.get(&app.url("/")).await;
    assert!(
        home.body
            .contains(r#"data-testid="profile-school">Collège Pierre Brossolette (Démo-Ville)<"#),
        "{}",
        home.body
    );
    // Its académie, from the directory: a formation's page now opens on Lyon's schools (the
    // demo had placed it in Montpellier's).
    let page = pupil
        .get(&app.url("/orientation/formations/FOR.3531"))
        .await;
    assert!(
        page.body.contains("Dans votre académie (Lyon)")
            && page.body.contains("Lycée polyvalent Démo Rhône (fictif)"),
        "{}",
        page.body
    );

    // The whole directory, again: the same school renamed, the other one added.
    let said = admin::run(&app.settings, &args(&["name-schools", path]))
        .await
        .expect("named again");
    assert!(said.starts_with("2 school(s) named"), "{said}");
    assert_eq!(app.count("schools").await, 2);

    // A Pix export given by mistake: refused, naming what it lacks, nothing written.
    std::fs::write(
        &file,
        "\"Nom de l'organisation\";\"ID Campagne\"\n\"Collège\";1\n",
    )
    .unwrap();
    let refused = admin::run(&app.settings, &args(&["name-schools", path])).await;
    assert!(
        matches!(refused, Err(AdminError::Directory(_))),
        "{refused:?}"
    );
    assert!(refused
        .unwrap_err()
        .to_string()
        .contains("Identifiant_de_l_etablissement"));
    assert_eq!(app.count("schools").await, 2);
    let missing = admin::run(&app.settings, &args(&["name-schools", "/nowhere.csv"])).await;
    assert!(matches!(missing, Err(AdminError::File(..))), "{missing:?}");
    app.finish().await;
}

on_both_engines!(a_pupil_reads_the_name_of_their_school);
