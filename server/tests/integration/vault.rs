//! The password vault through the real server: a student's vault keeps envelopes only (the
//! test encrypts with the vault's own crypto, as the browser does), the API refuses anything
//! that is not an envelope, stale and replayed writes, and half imports; envelopes swapped in
//! the database no longer decrypt while the others do; nobody else (guardian, counsellor,
//! anonymous, exports) reaches the vault; the database holds no plaintext.

use crate::support;

use domain::vault::items::VaultItem;
use domain::vault::{Envelope, ItemId, KdfParams, StoredItem, VaultKeys, VaultState};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sillage_vault::crypto;
use support::{Browser, Engine, Options, TestApp};

const PASSWORDS: [&str; 3] = [
    "Tournesol-Quai-Opera-42!",
    "pronote-secret-Xq9",
    "casier 4821 bleu",
];

async fn api(
    browser: &mut Browser,
    app: &TestApp,
    endpoint: &str,
    body: Value,
) -> (StatusCode, Value) {
    let page = browser
        .request_bytes(
            &app.url(&format!("/api/vault/{endpoint}")),
            body.to_string().into_bytes(),
            "application/json",
            &app.base,
        )
        .await;
    let value = serde_json::from_str(&page.body).unwrap_or(Value::String(page.body.clone()));
    (page.status, value)
}

async fn vault_state(browser: &mut Browser, app: &TestApp) -> (StatusCode, Value) {
    api(browser, app, "state", json!({})).await
}

struct OpenVault {
    account: i64,
    key: crypto::Key,
    /// The recovery key's secret, as the student printed it.
    recovery: Vec<u8>,
}

impl OpenVault {
    fn check(&self) -> String {
        String::from(crypto::key_check(&self.key, self.account))
    }
}

const PASSPHRASE: &str = "cheval-nuage-piano-ruche-tilleul-gazon-phare-moulin";

/// Creates the vault as the browser does (small Argon2id parameters keep the test fast).
async fn create_vault(browser: &mut Browser, app: &TestApp) -> OpenVault {
    let (status, state) = vault_state(browser, app).await;
    assert_eq!(status, StatusCode::OK, "{state}");
    let state: VaultState = serde_json::from_value(state).unwrap();
    assert!(state.keys.is_none());
    let account = state.account_id;
    let key = crypto::new_vault_key().unwrap();
    let salt = crypto::new_salt().unwrap();
    let kdf = KdfParams::new(19456, 2, 1).unwrap();
    let kek = crypto::passphrase_key(PASSPHRASE, &salt, kdf).unwrap();
    let (_, recovery) = crypto::new_recovery_key().unwrap();
    let recovery_salt = crypto::new_salt().unwrap();
    let keys = VaultKeys {
        kdf,
        salt,
        by_passphrase: crypto::wrap(&kek, account, crypto::PURPOSE_PASSPHRASE, &key).unwrap(),
        recovery_salt: recovery_salt.clone(),
        by_recovery: crypto::wrap(
            &crypto::recovery_kek(&recovery, &recovery_salt),
            account,
            crypto::PURPOSE_RECOVERY,
            &key,
        )
        .unwrap(),
        recovery_stale: false,
    };
    let vault = OpenVault {
        account,
        key,
        recovery: recovery.to_vec(),
    };
    // Without its key check the server could never ask for proof later: refused.
    let (status, _) = api(browser, app, "create", json!({ "keys": keys })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let body = json!({ "keys": keys, "key_check": vault.check() });
    let (status, answer) = api(browser, app, "create", body.clone()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    // A second creation would replace the keys and lose the items: refused.
    let (status, answer) = api(browser, app, "create", body).await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    assert_eq!(answer, json!({ "Vault": "AlreadyExists" }));
    vault
}

async fn keys(browser: &mut Browser, app: &TestApp) -> (VaultState, VaultKeys) {
    let (status, state) = vault_state(browser, app).await;
    assert_eq!(status, StatusCode::OK, "{state}");
    let state: VaultState = serde_json::from_value(state).unwrap();
    let keys = state.keys.clone().expect("a vault");
    (state, keys)
}

/// The recovery key printed at creation still opens the vault stored now.
fn recovery_opens(vault: &OpenVault, keys: &VaultKeys) -> bool {
    crypto::unwrap(
        &crypto::recovery_kek(&vault.recovery, &keys.recovery_salt),
        vault.account,
        crypto::PURPOSE_RECOVERY,
        &keys.by_recovery,
    )
    .is_ok_and(|key| *key == *vault.key)
}

fn new_passphrase_change(vault: &OpenVault, passphrase: &str) -> Value {
    let salt = crypto::new_salt().unwrap();
    let kdf = KdfParams::new(19456, 2, 1).unwrap();
    let kek = crypto::passphrase_key(passphrase, &salt, kdf).unwrap();
    let wrapped =
        crypto::wrap(&kek, vault.account, crypto::PURPOSE_PASSPHRASE, &vault.key).unwrap();
    json!({ "passphrase": { "kdf": kdf, "salt": salt, "wrapped": wrapped } })
}

/// Makes a new recovery key (with its own salt) as the open vault's page does; its secret.
async fn new_recovery_key(browser: &mut Browser, app: &TestApp, vault: &OpenVault) -> Vec<u8> {
    let (_, fresh) = crypto::new_recovery_key().unwrap();
    let salt = crypto::new_salt().unwrap();
    let wrapped = crypto::wrap(
        &crypto::recovery_kek(&fresh, &salt),
        vault.account,
        crypto::PURPOSE_RECOVERY,
        &vault.key,
    )
    .unwrap();
    let change = json!({ "recovery": { "salt": salt, "wrapped": wrapped } });
    let (status, answer) = api(
        browser,
        app,
        "key",
        json!({ "change": change, "key_check": vault.check() }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    fresh.to_vec()
}

/// Changing the passphrase (twice), raising the KDF parameters, adding and removing a passkey:
/// the recovery key made at creation keeps opening the vault. A change of keys or a deletion
/// without the vault's key check is refused (403) and changes nothing.
async fn the_recovery_key_survives_and_keys_change_only_with_the_key(engine: Engine) {
    let app = support::spawn_app(engine, Options::demo()).await;
    let mut student = app.demo_browser("eleve").await;
    let vault = create_vault(&mut student, &app).await;
    let (state, created) = keys(&mut student, &app).await;
    assert!(state.key_check_set && !created.recovery_stale);
    assert!(recovery_opens(&vault, &created));

    // A session alone (no key check, or a made-up one) changes nothing.
    let change = new_passphrase_change(&vault, "autre-phrase-de-passe-tres-longue-et-rare");
    let (status, _) = api(&mut student, &app, "key", json!({ "change": change })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let forged = String::from(domain::vault::KeyCheck::new([7; 32]));
    for endpoint in ["key", "delete"] {
        let (status, answer) = api(
            &mut student,
            &app,
            endpoint,
            json!({ "change": change, "key_check": forged }),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{endpoint}: {answer}");
        assert_eq!(answer, json!({ "Vault": "KeyProofRequired" }));
    }
    // Nor does another account's check replace this one's.
    let (status, _) = api(
        &mut student,
        &app,
        "key-check",
        json!({ "key_check": forged }),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(keys(&mut student, &app).await.1, created, "nothing changed");

    // Two new passphrases, then stronger parameters (as the unlock does): recovery still opens.
    for passphrase in [
        "premiere-phrase-toute-neuve-du-coffre",
        "seconde-phrase-encore-plus-neuve",
    ] {
        let change = new_passphrase_change(&vault, passphrase);
        let (status, answer) = api(
            &mut student,
            &app,
            "key",
            json!({ "change": change, "key_check": vault.check() }),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        let (_, now) = keys(&mut student, &app).await;
        assert_ne!(now.salt, created.salt, "a new passphrase salt");
        assert_eq!(now.recovery_salt, created.recovery_salt);
        assert!(recovery_opens(&vault, &now), "after {passphrase}");
    }
    let passkey = json!({ "passkey": {
        "credential_id": domain::vault::encode(&[5; 32]),
        "prf_salt": crypto::new_salt().unwrap(),
        "wrapped": crypto::wrap(&[1; 32], vault.account, "passkey:x", &vault.key).unwrap(),
        "label": "Téléphone" }, "key_check": vault.check() });
    let (status, _) = api(&mut student, &app, "passkey", passkey).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = api(
        &mut student,
        &app,
        "passkey/delete",
        json!({ "credential_id": domain::vault::encode(&[5; 32]), "key_check": vault.check() }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(recovery_opens(&vault, &keys(&mut student, &app).await.1));

    // A new recovery key brings its own salt; the old key stops working, the new one opens.
    let fresh = new_recovery_key(&mut student, &app, &vault).await;
    let (_, now) = keys(&mut student, &app).await;
    assert!(!recovery_opens(&vault, &now));
    let renewed = OpenVault {
        account: vault.account,
        key: vault.key.clone(),
        recovery: fresh,
    };
    assert!(recovery_opens(&renewed, &now));

    // Deleting needs the key check; with it (and a fresh sign-in) the vault goes.
    let (status, _) = api(&mut student, &app, "delete", json!({})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(app.count("vault_keys").await, 1);
    let (status, answer) = api(
        &mut student,
        &app,
        "delete",
        json!({ "key_check": vault.check() }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(app.count("vault_keys").await, 0);
    app.finish().await;
}

/// A vault made before wrappings had their own salts: one whose keys changed since creation is
/// marked stale (the page asks for a new recovery key), gets its key check at the next unlock
/// (once), and an administrator can reset it for a student who lost everything.
async fn vaults_made_before_keep_working(engine: Engine) {
    let app = support::spawn_app(engine, Options::demo()).await;
    let mut student = app.demo_browser("eleve").await;
    let vault = create_vault(&mut student, &app).await;
    // What the migration leaves for an old vault whose passphrase changed.
    sqlx::query("UPDATE vault_keys SET key_check_hash = NULL, recovery_stale = 1")
        .execute(app.db.pool())
        .await
        .unwrap();
    let (state, old) = keys(&mut student, &app).await;
    assert!(!state.key_check_set && old.recovery_stale);
    // Without a check on record, no key change goes through.
    let change =
        json!({ "recovery": { "salt": crypto::new_salt().unwrap(), "wrapped": old.by_recovery } });
    let (status, _) = api(
        &mut student,
        &app,
        "key",
        json!({ "change": change, "key_check": vault.check() }),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // The first unlock registers it; a second, different one is refused; the same is fine.
    let (status, _) = api(
        &mut student,
        &app,
        "key-check",
        json!({ "key_check": vault.check() }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let other = String::from(domain::vault::KeyCheck::new([8; 32]));
    let (status, _) = api(
        &mut student,
        &app,
        "key-check",
        json!({ "key_check": other }),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = api(
        &mut student,
        &app,
        "key-check",
        json!({ "key_check": vault.check() }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // A new recovery key clears the warning.
    new_recovery_key(&mut student, &app, &vault).await;
    let (state, now) = keys(&mut student, &app).await;
    assert!(state.key_check_set && !now.recovery_stale);

    // Lost everything: the administrator resets the vault, journaled for the student.
    let done = server::admin::run(
        &app.settings,
        &["reset-vault".to_owned(), vault.account.to_string()],
    )
    .await;
    assert!(done.is_ok(), "{done:?}");
    let (_, state) = vault_state(&mut student, &app).await;
    assert_eq!(state["keys"], Value::Null);
    assert!(dump(&app).await.contains("vault_deleted"));
    let again = server::admin::run(
        &app.settings,
        &["reset-vault".to_owned(), vault.account.to_string()],
    )
    .await;
    assert!(again.is_err(), "no vault left to reset");
    app.finish().await;
}

fn login(name: &str, password: &str) -> VaultItem {
    VaultItem {
        name: name.to_owned(),
        username: "ines.moreau".to_owned(),
        password: password.to_owned(),
        ..VaultItem::default()
    }
}

/// An item sealed as the page seals it, for the revision it will be stored as.
fn seal(vault: &OpenVault, id: &ItemId, revision: i64, item: &VaultItem) -> Envelope {
    crypto::seal_item(
        &vault.key,
        vault.account,
        id,
        revision,
        &serde_json::to_vec(item).unwrap(),
    )
    .unwrap()
}

fn open(vault: &OpenVault, stored: &StoredItem) -> Option<VaultItem> {
    crypto::open_item(
        &vault.key,
        vault.account,
        &stored.id,
        stored.revision,
        &stored.envelope,
    )
    .ok()
    .map(|plain| serde_json::from_slice(&plain).unwrap())
}

async fn items_in_db(app: &TestApp) -> i64 {
    app.count("vault_items").await
}

/// Every text the vault tables and the journal hold, in one string: what a database dump shows.
async fn dump(app: &TestApp) -> String {
    let mut text = String::new();
    for (table, columns) in [
        ("vault_keys", "salt || by_passphrase || by_recovery"),
        ("vault_items", "item_id || envelope"),
        (
            "vault_passkeys",
            "credential_id || prf_salt || wrapped || label",
        ),
        ("audit_events", "action || detail"),
    ] {
        let rows: Vec<(String,)> = sqlx::query_as(&format!("SELECT {columns} FROM {table}"))
            .fetch_all(app.db.pool())
            .await
            .unwrap();
        for (row,) in rows {
            text.push_str(&row);
            text.push('\n');
        }
    }
    text
}

async fn students_vault_holds_only_envelopes(engine: Engine) {
    let app = support::spawn_app(engine, Options::demo()).await;
    let mut student = app.demo_browser("eleve").await;
    let vault = create_vault(&mut student, &app).await;

    // Two items, saved as the page saves them.
    let pronote = crypto::new_item_id().unwrap();
    let note = crypto::new_item_id().unwrap();
    let (status, revision) = api(&mut student, &app, "item", json!({ "id": pronote, "envelope": seal(&vault, &pronote, 1, &login("Pronote", PASSWORDS[1])), "base_revision": null, "key_check": vault.check() })).await;
    assert_eq!((status, revision), (StatusCode::OK, json!(1)));
    let first_note = seal(&vault, &note, 1, &login("Casier", PASSWORDS[2]));
    let (status, _) = api(
        &mut student,
        &app,
        "item",
        json!({ "id": note, "envelope": first_note, "base_revision": null, "key_check": vault.check() }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    // Not an envelope (plaintext, a bad id, a wrong version): refused, nothing stored.
    for body in [
        json!({ "id": crypto::new_item_id().unwrap(), "envelope": "{\"password\":\"Tournesol\"}", "base_revision": null, "key_check": vault.check() }),
        json!({ "id": "../../etc", "envelope": seal(&vault, &pronote, 1, &login("x", "y")), "base_revision": null, "key_check": vault.check() }),
        json!({ "id": crypto::new_item_id().unwrap(), "envelope": "sv9.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA", "base_revision": null, "key_check": vault.check() }),
        json!({ "id": crypto::new_item_id().unwrap() }),
    ] {
        let (status, answer) = api(&mut student, &app, "item", body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body} → {answer}");
        let message = answer.to_string();
        assert!(
            message.contains("Requête invalide") && message.contains("Bad request"),
            "{message}"
        );
    }
    assert_eq!(items_in_db(&app).await, 2);

    // An edit names the revision it started from: a stale one, or the same envelope again
    // (a replay), changes nothing.
    let edited = seal(&vault, &note, 2, &login("Casier", PASSWORDS[0]));
    let (status, answer) = api(
        &mut student,
        &app,
        "item",
        json!({ "id": note, "envelope": edited, "base_revision": 7, "key_check": vault.check() }),
    )
    .await;
    assert_eq!(
        (status, answer),
        (StatusCode::CONFLICT, json!({ "Vault": "Conflict" }))
    );
    let (status, answer) = api(
        &mut student,
        &app,
        "item",
        json!({ "id": note, "envelope": first_note, "base_revision": 1, "key_check": vault.check() }),
    )
    .await;
    assert_eq!(
        (status, answer),
        (StatusCode::CONFLICT, json!({ "Vault": "Replayed" }))
    );
    let (status, answer) = api(
        &mut student,
        &app,
        "item",
        json!({ "id": note, "envelope": edited, "base_revision": null, "key_check": vault.check() }),
    )
    .await;
    assert_eq!(
        (status, answer),
        (StatusCode::CONFLICT, json!({ "Vault": "Conflict" }))
    );
    let (status, revision) = api(
        &mut student,
        &app,
        "item",
        json!({ "id": note, "envelope": edited, "base_revision": 1, "key_check": vault.check() }),
    )
    .await;
    assert_eq!((status, revision), (StatusCode::OK, json!(2)));

    // An import goes in whole or not at all: one id already in the vault rolls it all back.
    let fresh: Vec<ItemId> = (0..3).map(|_| crypto::new_item_id().unwrap()).collect();
    let mut batch: Vec<(ItemId, Envelope)> = fresh
        .iter()
        .map(|id| (id.clone(), seal(&vault, id, 1, &login("Jeu", "azerty"))))
        .collect();
    batch.push((
        pronote.clone(),
        seal(&vault, &pronote, 1, &login("Doublon", "x")),
    ));
    let (status, answer) = api(
        &mut student,
        &app,
        "import",
        json!({ "items": batch, "source": "bitwarden-json" }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(items_in_db(&app).await, 2);
    batch.pop();
    let (status, count) = api(
        &mut student,
        &app,
        "import",
        json!({ "items": batch, "source": "bitwarden-json" }),
    )
    .await;
    assert_eq!((status, count), (StatusCode::OK, json!(3)));

    // What the server hands back decrypts to what was stored.
    let (_, state) = vault_state(&mut student, &app).await;
    let state: VaultState = serde_json::from_value(state).unwrap();
    assert_eq!(state.items.len(), 5);
    let names: Vec<String> = state
        .items
        .iter()
        .map(|s| open(&vault, s).unwrap().name)
        .collect();
    assert!(names.contains(&"Pronote".to_owned()) && names.contains(&"Casier".to_owned()));
    let casier = state.items.iter().find(|s| s.id == note).unwrap();
    assert_eq!(casier.revision, 2);
    assert_eq!(open(&vault, casier).unwrap().password, PASSWORDS[0]);
    // A server that puts the first envelope back under the item's current revision hands
    // the browser something that does not open; under its own revision 1, the browser that
    // saw revision 2 refuses it.
    let rolled_back = StoredItem {
        envelope: first_note.clone(),
        ..casier.clone()
    };
    assert!(
        open(&vault, &rolled_back).is_none(),
        "an older envelope under revision 2"
    );
    let mut seen = domain::vault::SeenRevisions::default();
    seen.saw(
        note.as_str(),
        casier.revision,
        casier.envelope.binds_revision(),
    );
    assert!(
        !seen.is_fresh(note.as_str(), 1, true),
        "revision 1 after revision 2"
    );

    // Someone with the database swaps two envelopes: those two no longer open, the rest do.
    let envelope_of = |id: &ItemId| {
        let id = id.as_str().to_owned();
        let pool = app.db.pool().clone();
        async move {
            let (text,): (String,) =
                sqlx::query_as("SELECT envelope FROM vault_items WHERE item_id = $1")
                    .bind(id)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            text
        }
    };
    let (of_pronote, of_note) = (envelope_of(&pronote).await, envelope_of(&note).await);
    for (id, envelope) in [(&pronote, of_note), (&note, of_pronote)] {
        sqlx::query("UPDATE vault_items SET envelope = $1 WHERE item_id = $2")
            .bind(envelope)
            .bind(id.as_str())
            .execute(app.db.pool())
            .await
            .unwrap();
    }
    let (_, state) = vault_state(&mut student, &app).await;
    let state: VaultState = serde_json::from_value(state).unwrap();
    let opened: Vec<bool> = state
        .items
        .iter()
        .map(|s| open(&vault, s).is_some())
        .collect();
    assert_eq!(opened.iter().filter(|o| !**o).count(), 2, "{opened:?}");
    assert_eq!(opened.iter().filter(|o| **o).count(), 3);

    // Deleting an item; deleting it again says it is not there.
    let (status, _) = api(
        &mut student,
        &app,
        "item/delete",
        json!({ "id": fresh[0], "key_check": vault.check() }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (_, answer) = api(
        &mut student,
        &app,
        "item/delete",
        json!({ "id": fresh[0], "key_check": vault.check() }),
    )
    .await;
    assert_eq!(answer, json!("NotFound"));

    // The journal says what happened, and neither it nor the tables hold a password.
    let text = dump(&app).await;
    for action in ["vault_created", "vault_items_imported"] {
        assert!(text.contains(action), "{action} journaled");
    }
    for secret in PASSWORDS
        .iter()
        .chain(["azerty", "Pronote", "Casier", "ines.moreau"].iter())
    {
        assert!(!text.contains(secret), "{secret} is in the database");
    }
    app.finish().await;
}

async fn nobody_else_reaches_the_vault(engine: Engine) {
    let app = support::spawn_app(engine, Options::demo()).await;
    let mut student = app.demo_browser("eleve").await;
    let vault = create_vault(&mut student, &app).await;
    let id = crypto::new_item_id().unwrap();
    let envelope = seal(&vault, &id, 1, &login("ENT", PASSWORDS[0]));
    let (status, _) = api(
        &mut student,
        &app,
        "item",
        json!({ "id": id, "envelope": envelope, "base_revision": null, "key_check": vault.check() }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let stored = envelope.as_text();

    // Guardians and counsellors have no vault action at all, and no way to name the student's.
    for key in ["parent", "conseillere"] {
        let mut other = app.demo_browser(key).await;
        let (_, answer) = vault_state(&mut other, &app).await;
        assert_eq!(answer, json!("Forbidden"), "{key}");
        let (_, answer) = api(
            &mut other,
            &app,
            "item/delete",
            json!({ "id": id, "key_check": vault.check() }),
        )
        .await;
        assert_eq!(answer, json!("Forbidden"), "{key}");
        let page = other.get(&app.url("/coffre-fort")).await;
        assert!(
            page.body.contains("vault-students-only"),
            "{key} sees the explanation"
        );
        assert!(!page.body.contains(&stored));
    }
    let mut anonymous = Browser::new();
    let (_, answer) = vault_state(&mut anonymous, &app).await;
    assert_eq!(answer, json!("NotSignedIn"));

    // The student's own data export (the portability archive) leaves the vault out.
    let bytes = support::export_archive(&mut student, &app).await;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut everything = String::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut content = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut content).unwrap();
        everything.push_str(file.name());
        everything.push_str(&String::from_utf8_lossy(&content));
    }
    assert!(everything.contains("portfolio"), "the archive was read");
    assert!(
        !everything.contains("sv1.") && !everything.contains(id.as_str()),
        "no vault in the archive"
    );
    assert_eq!(items_in_db(&app).await, 1);
    app.finish().await;
}

/// The page comes with the form it shows first (create, then unlock, then unlock with the
/// passkey button), read with the page: the same answer as the first-screen endpoint, which
/// only the student has.
async fn the_page_comes_with_its_first_screen(engine: Engine) {
    let app = support::spawn_app(engine, Options::demo()).await;
    let mut student = app.demo_browser("eleve").await;
    let first = |has_vault: bool, has_passkey: bool| json!({ "has_vault": has_vault, "has_passkey": has_passkey });
    let forms = |body: &str| {
        ["create-vault", "unlock-passphrase", "unlock-passkey"]
            .into_iter()
            .filter(|form| body.contains(&format!("data-testid=\"{form}\"")))
            .collect::<Vec<_>>()
    };

    assert_eq!(
        api(&mut student, &app, "first-screen", json!({})).await,
        (StatusCode::OK, first(false, false))
    );
    let page = student.get(&app.url("/coffre-fort")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(forms(&page.body), ["create-vault"]);
    // Not usable before the vault module is: the form's fields come disabled.
    assert!(
        page.body.contains("<fieldset disabled class=\"plain\""),
        "{}",
        page.body
    );

    let vault = create_vault(&mut student, &app).await;
    assert_eq!(
        api(&mut student, &app, "first-screen", json!({})).await,
        (StatusCode::OK, first(true, false))
    );
    assert_eq!(
        forms(&student.get(&app.url("/coffre-fort")).await.body),
        ["unlock-passphrase"]
    );

    let passkey = json!({ "passkey": {
        "credential_id": domain::vault::encode(&[6; 32]),
        "prf_salt": crypto::new_salt().unwrap(),
        "wrapped": crypto::wrap(&[1; 32], vault.account, "passkey:x", &vault.key).unwrap(),
        "label": "Ordinateur" }, "key_check": vault.check() });
    assert_eq!(
        api(&mut student, &app, "passkey", passkey).await.0,
        StatusCode::OK
    );
    assert_eq!(
        api(&mut student, &app, "first-screen", json!({})).await,
        (StatusCode::OK, first(true, true))
    );
    assert_eq!(
        forms(&student.get(&app.url("/coffre-fort")).await.body),
        ["unlock-passphrase", "unlock-passkey"]
    );

    for key in ["parent", "conseillere"] {
        let mut other = app.demo_browser(key).await;
        let (status, answer) = api(&mut other, &app, "first-screen", json!({})).await;
        assert_eq!(
            (status, answer),
            (StatusCode::FORBIDDEN, json!("Forbidden")),
            "{key}"
        );
    }
    let (_, answer) = api(&mut Browser::new(), &app, "first-screen", json!({})).await;
    assert_eq!(answer, json!("NotSignedIn"));
    app.finish().await;
}

/// Only a student's vault page asks what the vault shows first. A guardian's or counsellor's
/// visit is told the vault is the students' and asks nothing: it used to ask too, and each visit
/// logged a "refused by policy" warning, burying real refusals in the operators' logs. The server
/// runs in its own process, so its log holds this scenario's lines only.
async fn other_roles_visiting_the_vault_page_log_no_refusal(engine: Engine) {
    let mut app = support::spawn_process(engine, Options::demo(), None).await;
    let mut student = app.demo_browser("eleve").await;
    let page = student.get(&app.url("/coffre-fort")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("vault-students-only"));
    for key in ["parent", "conseillere", "parent"] {
        let mut other = app.demo_browser(key).await;
        let page = other.get(&app.url("/coffre-fort")).await;
        assert_eq!(page.status, StatusCode::OK, "{key}");
        assert!(page.body.contains("vault-students-only"), "{key}");
    }
    // A refusal that is one: the first "refused" line of the log must be this call's.
    let mut parent = app.demo_browser("parent").await;
    let (_, answer) = vault_state(&mut parent, &app).await;
    assert_eq!(answer, json!("Forbidden"));
    let first_refusal = app.process().wait_for_line("refused by policy").await;
    assert!(
        first_refusal.contains("/api/vault/state"),
        "a visit to the page logged a refusal: {first_refusal}"
    );
    app.finish().await;
}

/// Issue 29, § 5: overwriting or deleting an item and adding or removing a passkey need the
/// vault key's proof (whoever holds only the session changes nothing); a deletion is journaled;
/// a vault made before key checks takes its first check only after a recent sign-in.
async fn changes_need_the_key_proof(engine: Engine) {
    let app = support::spawn_app(engine, Options::demo()).await;
    let mut student = app.demo_browser("eleve").await;
    let vault = create_vault(&mut student, &app).await;
    let wrong = String::from(domain::vault::KeyCheck::new([8; 32]));
    let id = crypto::new_item_id().unwrap();
    let first = seal(&vault, &id, 1, &login("ENT", PASSWORDS[0]));
    let second = seal(&vault, &id, 2, &login("ENT", PASSWORDS[1]));
    let revision = || async {
        sqlx::query_scalar::<_, i64>("SELECT MAX(revision) FROM vault_items")
            .fetch_optional(app.db.pool())
            .await
            .unwrap()
    };
    let passkeys = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM vault_passkeys")
            .fetch_one(app.db.pool())
            .await
            .unwrap()
    };

    // Without the proof nothing is written, a new item or a new version; with it, stored.
    let item = |envelope: &Envelope, base: Value, check: &str| json!({ "id": id, "envelope": envelope, "base_revision": base, "key_check": check });
    let (status, _) = api(
        &mut student,
        &app,
        "item",
        item(&first, Value::Null, &wrong),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(items_in_db(&app).await, 0);
    let (status, _) = api(
        &mut student,
        &app,
        "item",
        item(&first, Value::Null, &vault.check()),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = api(&mut student, &app, "item", item(&second, json!(1), &wrong)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(revision().await, Some(1));
    let (status, _) = api(
        &mut student,
        &app,
        "item/delete",
        json!({ "id": id, "key_check": wrong }),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(items_in_db(&app).await, 1);

    // Passkeys: the same.
    let credential = domain::vault::encode(&[7; 32]);
    let passkey = |check: &str| {
        json!({ "passkey": {
            "credential_id": credential,
            "prf_salt": crypto::new_salt().unwrap(),
            "wrapped": crypto::wrap(&[1; 32], vault.account, "passkey:x", &vault.key).unwrap(),
            "label": "Tablette" }, "key_check": check })
    };
    assert_eq!(
        api(&mut student, &app, "passkey", passkey(&wrong)).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(passkeys().await, 0);
    assert_eq!(
        api(&mut student, &app, "passkey", passkey(&vault.check()))
            .await
            .0,
        StatusCode::OK
    );
    let remove = |check: &str| json!({ "credential_id": credential, "key_check": check });
    assert_eq!(
        api(&mut student, &app, "passkey/delete", remove(&wrong))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(passkeys().await, 1);
    assert_eq!(
        api(&mut student, &app, "passkey/delete", remove(&vault.check()))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(passkeys().await, 0);

    // With the proof the item goes, and the journal says so (nothing of what it held).
    let (status, _) = api(
        &mut student,
        &app,
        "item/delete",
        json!({ "id": id, "key_check": vault.check() }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(dump(&app).await.contains("vault_item_deleted"));

    // A vault made before key checks: its first check is not taken from a session left open
    // for an hour; after signing in again, it is.
    sqlx::query("UPDATE vault_keys SET key_check_hash = NULL")
        .execute(app.db.pool())
        .await
        .unwrap();
    support::age_sign_ins(&app, 3600).await;
    let (status, answer) = api(
        &mut student,
        &app,
        "key-check",
        json!({ "key_check": vault.check() }),
    )
    .await;
    assert!(!status.is_success(), "{answer}");
    let hash: Option<String> = sqlx::query_scalar("SELECT key_check_hash FROM vault_keys")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(hash, None, "no check taken from a stale session");
    let mut again = app.demo_browser("eleve").await;
    let (status, _) = api(
        &mut again,
        &app,
        "key-check",
        json!({ "key_check": vault.check() }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    app.finish().await;
}

on_both_engines!(
    changes_need_the_key_proof,
    other_roles_visiting_the_vault_page_log_no_refusal,
    the_page_comes_with_its_first_screen,
    students_vault_holds_only_envelopes,
    nobody_else_reaches_the_vault,
    the_recovery_key_survives_and_keys_change_only_with_the_key,
    vaults_made_before_keep_working
);
