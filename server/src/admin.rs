//! `server admin …`: what an académie's administrator does from a shell, on the configured
//! database (same `Leptos.toml` and `SILLAGE_…` variables as the server).
//!
//! ```text
//! server admin promote <issuer> <subject> <counsellor|admin>
//! server admin attach-school <account id> <UAI>
//! server admin verify-audit [<checkpoint>]
//! server admin audit-checkpoint
//! server admin reset-vault <account id>
//! server admin name-schools <file.csv> [<académie>]
//! server admin demo reset
//! ```

use crate::config::Settings;
use domain::audit::{self, ChainStatus};
use domain::db::Db;
use domain::identity::store::{self, RoleChangeError};
use domain::identity::{AccountId, Role, SchoolUai};
use secrecy::ExposeSecret;

pub const USAGE: &str = "\
usage:
  server admin promote <issuer> <subject> <counsellor|admin>   change a staff account's role
  server admin attach-school <account id> <UAI>                attach a counsellor to a school
  server admin verify-audit [<checkpoint>]                     check the journal's chain (and that it
                                                               still holds a checkpoint kept apart)
  server admin audit-checkpoint                                print the chain's head, signed: keep it
                                                               outside the database
  server admin reset-vault <account id>                        delete the vault of a student who lost
                                                               both passphrase and recovery key
  server admin name-schools <file.csv> [<académie>]            name the schools pages show, from the
                                                               Annuaire de l'éducation's CSV export
                                                               (one académie: its code or name)
  server admin demo reset                                      a demo instance only: delete the demo
                                                               accounts and all they hold, make them
                                                               again and tell the demo's story";

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("{0}\n{USAGE}")]
    Usage(String),
    #[error(transparent)]
    Database(#[from] domain::db::DbError),
    #[error(transparent)]
    Role(#[from] RoleChangeError),
    #[error("could not read the journal: {0}")]
    Audit(#[from] audit::AuditError),
    #[error("the journal's chain is broken at row {seq}: {reason} (le journal a été altéré)")]
    ChainBroken { seq: i64, reason: &'static str },
    #[error("{0}")]
    Settings(#[from] crate::config::SettingsError),
    #[error("this checkpoint was not made with this instance's journal key")]
    BadCheckpoint,
    #[error("the vault could not be deleted: {0}")]
    Vault(#[from] domain::vault::store::VaultError),
    #[error("{0}")]
    Directory(#[from] domain::identity::schools::DirectoryError),
    #[error("could not read {0}: {1}")]
    File(String, std::io::Error),
    #[error("this instance is not a demo (demo.mode): its accounts are real people's")]
    NotDemo,
    #[error("the demo accounts could not be made again: {0}")]
    DemoAccounts(#[from] store::AccountStoreError),
    #[error("the demo's story could not be told: {0}")]
    DemoStory(#[from] crate::identity::demo_story::StoryError),
}

/// Runs one admin command; returns what to print on success.
pub async fn run(settings: &Settings, args: &[String]) -> Result<String, AdminError> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    // Validate the command before touching the database.
    let command = parse(&args)?;
    let key = settings.audit_key()?;
    // What the commands journal is chained with the instance's key, as the server does.
    audit::use_key(key.clone());
    let db = Db::connect(settings.database.url.expose_secret(), 2).await?;
    db.migrate().await?;
    let outcome = execute(settings, &db, &key, command).await;
    db.close().await;
    outcome
}

enum Command<'a> {
    Promote {
        issuer: &'a str,
        subject: &'a str,
        role: Role,
    },
    AttachSchool {
        account: AccountId,
        uai: SchoolUai,
    },
    VerifyAudit {
        checkpoint: Option<&'a str>,
    },
    AuditCheckpoint,
    ResetVault {
        account: AccountId,
    },
    NameSchools {
        file: &'a str,
        academie: Option<&'a str>,
    },
    DemoReset,
}

fn parse<'a>(args: &[&'a str]) -> Result<Command<'a>, AdminError> {
    match args {
        ["promote", issuer, subject, role] => {
            let role = match *role {
                "counsellor" => Role::Counsellor,
                "admin" => Role::Admin,
                other => {
                    return Err(AdminError::Usage(format!(
                        "unknown role {other:?}: counsellor or admin"
                    )))
                }
            };
            Ok(Command::Promote {
                issuer,
                subject,
                role,
            })
        }
        ["attach-school", account, uai] => {
            let account = account_id(account)?;
            let uai =
                SchoolUai::parse(uai).map_err(|e| AdminError::Usage(format!("{uai:?}: {e}")))?;
            Ok(Command::AttachSchool { account, uai })
        }
        ["verify-audit"] => Ok(Command::VerifyAudit { checkpoint: None }),
        ["verify-audit", checkpoint] => Ok(Command::VerifyAudit {
            checkpoint: Some(checkpoint),
        }),
        ["audit-checkpoint"] => Ok(Command::AuditCheckpoint),
        ["reset-vault", account] => Ok(Command::ResetVault {
            account: account_id(account)?,
        }),
        ["demo", "reset"] => Ok(Command::DemoReset),
        ["name-schools", file] => Ok(Command::NameSchools {
            file,
            academie: None,
        }),
        ["name-schools", file, academie] => Ok(Command::NameSchools {
            file,
            academie: Some(academie),
        }),
        _ => Err(AdminError::Usage("unknown command".into())),
    }
}

fn account_id(text: &str) -> Result<AccountId, AdminError> {
    text.parse::<i64>()
        .map(AccountId::from_db)
        .map_err(|_| AdminError::Usage(format!("{text:?} is not an account id")))
}

async fn execute(
    settings: &Settings,
    db: &Db,
    key: &audit::AuditKey,
    command: Command<'_>,
) -> Result<String, AdminError> {
    match command {
        Command::DemoReset => demo_reset(settings, db).await,
        Command::NameSchools { file, academie } => {
            use domain::identity::schools;
            let input =
                std::fs::File::open(file).map_err(|e| AdminError::File(file.to_owned(), e))?;
            let directory = schools::read(input, academie)?;
            let named = schools::store(db, &directory.schools).await?;
            Ok(format!(
                "{named} school(s) named; {} line(s) without a valid UAI or name left aside{}",
                directory.skipped,
                match academie {
                    Some(academie) => format!(
                        "; {} line(s) of other académies than {academie:?}",
                        directory.elsewhere
                    ),
                    None => String::new(),
                }
            ))
        }
        Command::Promote {
            issuer,
            subject,
            role,
        } => {
            let account = store::set_staff_role(db, issuer, subject, role).await?;
            Ok(format!(
                "account {} ({} {}) is now {}",
                account.id,
                account.given_name,
                account.family_name,
                account.role.as_str()
            ))
        }
        Command::AttachSchool { account, uai } => {
            let added = store::attach_school(db, account, &uai).await?;
            Ok(if added {
                format!("account {account} attached to {uai}")
            } else {
                format!("account {account} was already attached to {uai}")
            })
        }
        Command::ResetVault { account } => {
            // Without the key: the student lost it (journaled in their own journal).
            domain::vault::store::delete_vault(db, account, None).await?;
            Ok(format!(
                "vault of account {account} deleted; they can create a new one"
            ))
        }
        Command::AuditCheckpoint => {
            let (seq, hash) = audit::head(db).await?;
            Ok(audit::checkpoint_text(key, seq, &hash))
        }
        Command::VerifyAudit { checkpoint } => {
            let checkpoint = match checkpoint {
                Some(text) => {
                    Some(audit::parse_checkpoint(key, text).ok_or(AdminError::BadCheckpoint)?)
                }
                None => None,
            };
            let at = checkpoint.as_ref().map(|(seq, hash)| (*seq, hash.as_str()));
            verify_result(audit::verify(db, Some(key), at).await?)
        }
    }
}

/// Puts a demo instance back as it was at its first start: the demo accounts deleted with all
/// they hold (a visitor's entries, vault, passkeys; their sessions end), made again, and the
/// story told again. Refused on an instance that is not a demo.
async fn demo_reset(settings: &Settings, db: &Db) -> Result<String, AdminError> {
    if !settings.demo_enabled()? {
        return Err(AdminError::NotDemo);
    }
    let storage: std::sync::Arc<dyn domain::portfolio::evidence_store::EvidenceStorage> =
        std::sync::Arc::new(domain::portfolio::evidence_store::LocalDirectory::new(
            &settings.portfolio.evidence_dir,
        ));
    let deleted = crate::identity::demo::delete_accounts(db, &storage).await?;
    let cast = crate::identity::demo::seed(db).await?;
    let told = if settings.demo.story {
        let files = crate::identity::demo_story::StoryFiles {
            storage: &storage,
            limits: domain::portfolio::evidence_store::EvidenceLimits {
                max_bytes: settings.portfolio.max_evidence_bytes.get(),
                max_per_entry: settings.portfolio.max_evidence_per_entry.get(),
                max_bytes_per_account: settings.portfolio.max_bytes_per_account.get(),
            },
        };
        crate::identity::demo_story::tell_if_untold(db, &cast, &files).await?
    } else {
        false
    };
    Ok(format!(
        "demo reset: {deleted} demo account(s) deleted and made again{}",
        if told { ", story told" } else { "" }
    ))
}

fn verify_result(status: ChainStatus) -> Result<String, AdminError> {
    match status {
        ChainStatus::Intact { rows } => Ok(format!("journal intact: {rows} rows")),
        ChainStatus::BrokenAt { seq, reason } => Err(AdminError::ChainBroken { seq, reason }),
    }
}
