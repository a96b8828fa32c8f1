//! Demo accounts: three fictitious people, offered only on a demo instance (the embedded SQLite
//! default), each page of which carries a visible "démo" banner.

use domain::db::Db;
use domain::identity::store::{self, AccountStoreError};
use domain::identity::DemoAccountOption;
use domain::identity::{
    AccountId, AccountProfile, BirthDate, PersonName, Role, SchoolLevel, SchoolUai, Subject,
};

/// The issuer of demo accounts: not a URL, so it can never collide with a real provider.
pub const DEMO_ISSUER: &str = "urn:sillage:demo";

struct DemoAccount {
    key: &'static str,
    role: Role,
    given_name: &'static str,
    family_name: &'static str,
    school: Option<(&'static str, &'static str)>,
    /// The pupil's (fictitious) birth date, which a guardian types to link to her.
    birth_date: Option<&'static str>,
}

const DEMO_ACCOUNTS: [DemoAccount; 3] = [
    DemoAccount {
        key: "eleve",
        role: Role::Student,
        given_name: "Camille",
        family_name: "Démo-Martin",
        school: Some((DEMO_SCHOOL, "3EME")),
        birth_date: Some(DEMO_PUPIL_BIRTH_DATE),
    },
    DemoAccount {
        key: "conseillere",
        role: Role::Counsellor,
        given_name: "Nadia",
        family_name: "Démo-Benali",
        school: None,
        birth_date: None,
    },
    DemoAccount {
        key: "parent",
        role: Role::Guardian,
        given_name: "Sophie",
        family_name: "Démo-Martin",
        school: None,
        birth_date: None,
    },
];

/// The demo pupil's birth date (shown on the sign-in page's demo list for the demo guardian).
pub const DEMO_PUPIL_BIRTH_DATE: &str = "2011-05-14";

/// The demo school (a UAI no real school has).
const DEMO_SCHOOL: &str = "0999999Z";

/// The demo school's name, shown on the pupil's home instead of its code.
pub const DEMO_SCHOOL_NAME: &str = "Collège Démo Jules-Ferry (fictif)";

/// The demo school's académie: the shipped offers (`domain/data/onisep/`) are mostly there, so
/// that a formation's page opens on « dans votre académie ».
pub const DEMO_SCHOOL_ACADEMIE: &str = "Montpellier";

fn subject(key: &str) -> String {
    format!("demo-{key}")
}

/// The demo accounts' ids, as the story needs them.
#[derive(Debug, Clone, Copy)]
pub struct DemoCast {
    pub pupil: AccountId,
    pub counsellor: AccountId,
    pub guardian: AccountId,
}

/// Creates (or refreshes) the demo accounts and names the demo school. Idempotent: run at every
/// start of a demo instance.
pub async fn seed(db: &Db) -> Result<DemoCast, AccountStoreError> {
    let mut tx = db.pool().begin().await?;
    let mut ids = Vec::with_capacity(DEMO_ACCOUNTS.len());
    for account in &DEMO_ACCOUNTS {
        let (school_uai, school_level) = match account.school {
            Some((uai, level)) => (SchoolUai::parse(uai).ok(), SchoolLevel::parse(level).ok()),
            None => (None, None),
        };
        let profile = AccountProfile {
            role: account.role,
            given_name: PersonName::parse(account.given_name).expect("demo names are valid"),
            family_name: PersonName::parse(account.family_name).expect("demo names are valid"),
            birth_date: account
                .birth_date
                .map(|date| BirthDate::parse(date).expect("demo birth dates are valid")),
            school_uai,
            school_level,
        };
        let subject = Subject::parse(&subject(account.key)).expect("demo subjects are valid");
        let seeded = store::record_sign_in(&mut tx, DEMO_ISSUER, &subject, &profile, true).await?;
        // The demo counsellor serves the demo school, so the demo pupil can share with her.
        if account.role == Role::Counsellor {
            sqlx::query(
                "INSERT INTO counsellor_schools (account_id, school_uai, attached_at) VALUES ($1, $2, $3)
                 ON CONFLICT (account_id, school_uai) DO NOTHING",
            )
            .bind(seeded.id.get())
            .bind(DEMO_SCHOOL)
            .bind(domain::db::now_unix())
            .execute(&mut *tx)
            .await?;
        }
        ids.push((account.role, seeded.id));
    }
    let school = SchoolUai::parse(DEMO_SCHOOL).expect("the demo school's UAI is valid");
    store::name_school(
        &mut tx,
        &school,
        DEMO_SCHOOL_NAME,
        Some(DEMO_SCHOOL_ACADEMIE),
    )
    .await?;
    tx.commit().await?;
    let find = |role| {
        ids.iter()
            .find(|(r, _)| *r == role)
            .map(|(_, id)| *id)
            .expect("one demo account per role")
    };
    Ok(DemoCast {
        pupil: find(Role::Student),
        counsellor: find(Role::Counsellor),
        guardian: find(Role::Guardian),
    })
}

/// Deletes the demo accounts with everything they own (entries, evidence files, pages, Pix
/// results, links, vault, passkeys, sessions: the schema cascades from `accounts`). The journal
/// keeps its lines: it is append-only and chained, and the accounts made again get new ids, so
/// the new pupil's journal starts afresh. Returns how many accounts were deleted.
pub async fn delete_accounts(
    db: &Db,
    storage: &std::sync::Arc<dyn domain::portfolio::evidence_store::EvidenceStorage>,
) -> Result<u64, AccountStoreError> {
    use sqlx::Row;
    let mut tx = db.pool().begin().await?;
    let keys: Vec<String> = sqlx::query(
        "SELECT ev.storage_key FROM evidence ev JOIN accounts a ON a.id = ev.owner_id
         WHERE a.issuer = $1",
    )
    .bind(DEMO_ISSUER)
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(|row| row.try_get("storage_key"))
    .collect::<Result<_, _>>()?;
    // The files' keys are marked in flux with the deletion: a crash before they are removed
    // leaves them to the reconciler, never unnamed.
    domain::portfolio::evidence_store::mark_pending_in(&mut tx, &keys).await?;
    let deleted = sqlx::query("DELETE FROM accounts WHERE issuer = $1")
        .bind(DEMO_ISSUER)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    domain::portfolio::evidence_store::delete_files(db, storage, &keys).await;
    Ok(deleted)
}

pub fn options() -> Vec<DemoAccountOption> {
    DEMO_ACCOUNTS
        .iter()
        .map(|a| DemoAccountOption {
            key: a.key.to_owned(),
            given_name: a.given_name.to_owned(),
            family_name: a.family_name.to_owned(),
            role: a.role,
            birth_date: a.birth_date.map(str::to_owned),
        })
        .collect()
}

/// The stored subject of a demo account chosen on the sign-in page, if `key` names one.
pub fn subject_for(key: &str) -> Option<String> {
    DEMO_ACCOUNTS
        .iter()
        .any(|a| a.key == key)
        .then(|| subject(key))
}
