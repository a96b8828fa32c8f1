//! Demo accounts: three fictitious people, offered only on a demo instance (the embedded SQLite
//! default), each page of which carries a visible "démo" banner.

use domain::db::Db;
use domain::identity::store::{self, AccountStoreError};
use domain::identity::DemoAccountOption;
use domain::identity::{
    AccountProfile, BirthDate, PersonName, Role, SchoolLevel, SchoolUai, Subject,
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

fn subject(key: &str) -> String {
    format!("demo-{key}")
}

/// Creates (or refreshes) the demo accounts. Idempotent: run at every start of a demo instance.
pub async fn seed(db: &Db) -> Result<(), AccountStoreError> {
    let mut tx = db.pool().begin().await?;
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
    }
    tx.commit().await?;
    Ok(())
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
