//! `server admin …`: what an académie's administrator does from a shell, on the configured
//! database (same `Leptos.toml` and `SILLAGE_…` variables as the server).
//!
//! ```text
//! server admin promote <issuer> <subject> <counsellor|admin>
//! server admin attach-school <account id> <UAI>
//! server admin verify-audit
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
  server admin verify-audit                                    check the journal's hash chain";

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
}

/// Runs one admin command; returns what to print on success.
pub async fn run(settings: &Settings, args: &[String]) -> Result<String, AdminError> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    // Validate the command before touching the database.
    let command = parse(&args)?;
    let db = Db::connect(settings.database.url.expose_secret(), 2).await?;
    db.migrate().await?;
    let outcome = execute(&db, command).await;
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
    VerifyAudit,
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
            let account = account
                .parse::<i64>()
                .map(AccountId::from_db)
                .map_err(|_| AdminError::Usage(format!("{account:?} is not an account id")))?;
            let uai =
                SchoolUai::parse(uai).map_err(|e| AdminError::Usage(format!("{uai:?}: {e}")))?;
            Ok(Command::AttachSchool { account, uai })
        }
        ["verify-audit"] => Ok(Command::VerifyAudit),
        _ => Err(AdminError::Usage("unknown command".into())),
    }
}

async fn execute(db: &Db, command: Command<'_>) -> Result<String, AdminError> {
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
        Command::VerifyAudit => match audit::verify(db).await? {
            ChainStatus::Intact { rows } => Ok(format!("journal intact: {rows} rows")),
            ChainStatus::BrokenAt { seq, reason } => Err(AdminError::ChainBroken { seq, reason }),
        },
    }
}
