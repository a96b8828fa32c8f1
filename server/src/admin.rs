//! `server admin …`: what an académie's administrator does from a shell, on the configured
//! database (same `Leptos.toml` and `SILLAGE_…` variables as the server).
//!
//! ```text
//! server admin promote <issuer> <subject> <counsellor|admin>
//! server admin attach-school <account id> <UAI>
//! server admin verify-audit [<checkpoint>]
//! server admin audit-checkpoint
//! server admin reset-vault <account id>
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
                                                               both passphrase and recovery key";

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
    let outcome = execute(&db, &key, command).await;
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
        _ => Err(AdminError::Usage("unknown command".into())),
    }
}

fn account_id(text: &str) -> Result<AccountId, AdminError> {
    text.parse::<i64>()
        .map(AccountId::from_db)
        .map_err(|_| AdminError::Usage(format!("{text:?} is not an account id")))
}

async fn execute(
    db: &Db,
    key: &audit::AuditKey,
    command: Command<'_>,
) -> Result<String, AdminError> {
    match command {
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

fn verify_result(status: ChainStatus) -> Result<String, AdminError> {
    match status {
        ChainStatus::Intact { rows } => Ok(format!("journal intact: {rows} rows")),
        ChainStatus::BrokenAt { seq, reason } => Err(AdminError::ChainBroken { seq, reason }),
    }
}
