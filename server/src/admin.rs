//! `server admin …`: what an académie's administrator does from a shell, on the configured
//! database (same `Leptos.toml` and `SILLAGE_…` variables as the server).
//!
//! `server admin --help` lists the commands (clap, from [`Command`]'s documentation); each
//! argument is parsed into its type (an account id, a UAI, a role) before the database is
//! opened.

use crate::config::Settings;
use domain::audit::{self, ChainStatus};
use domain::db::Db;
use domain::identity::store::{self, RoleChangeError};
use domain::identity::{AccountId, Role, SchoolUai};
use secrecy::ExposeSecret;
use std::path::PathBuf;

mod onisep;

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// What clap says of the command line: what is wrong, and the usage.
    #[error("{0}")]
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
    #[error("{0}")]
    RechainRefused(#[from] audit::RechainRefused),
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
    /// ONISEP files refused (every problem, in French then English), or two of one dataset.
    #[error("{0}")]
    Onisep(String),
    #[error(transparent)]
    OnisepStore(#[from] domain::guidance::onisep::store::OnisepStoreError),
    #[error("the demo's story could not be told: {0}")]
    DemoStory(#[from] crate::identity::demo_story::StoryError),
}

/// The commands of `server admin`.
#[derive(Debug, clap::Parser)]
#[command(
    name = "server admin",
    about = "What an académie's administrator does from a shell, on the configured database.",
    disable_version_flag = true
)]
pub enum Command {
    /// Change a staff account's role.
    Promote {
        /// The identity provider's issuer, as the account was made with.
        issuer: String,
        /// The person's subject at that provider.
        subject: String,
        role: StaffRole,
    },
    /// Attach a counsellor to a school: they see its pupils' Pix results and shared pages.
    AttachSchool {
        account: AccountId,
        #[arg(value_parser = uai)]
        uai: SchoolUai,
    },
    /// Check the journal's chain (and that it still holds a checkpoint kept apart).
    VerifyAudit { checkpoint: Option<String> },
    /// Print the chain's head, signed: keep it outside the database.
    AuditCheckpoint,
    /// Once, on a journal written before its key: check its plain chain, re-chain it under the
    /// key and record that it is keyed (refused once recorded: a plain row is then tampering).
    AuditRechain,
    /// Delete the vault of a student who lost both passphrase and recovery key.
    ResetVault { account: AccountId },
    /// Name the schools pages show, from the Annuaire de l'éducation's CSV export.
    NameSchools {
        file: PathBuf,
        /// One académie only: its code or its name.
        academie: Option<String>,
    },
    /// A demo instance's accounts.
    #[command(subcommand)]
    Demo(DemoCommand),
    /// ONISEP's open data (Idéo-Métiers, Idéo-Formations initiales).
    #[command(subcommand)]
    Onisep(OnisepCommand),
}

#[derive(Debug, clap::Subcommand)]
pub enum OnisepCommand {
    /// Load ONISEP downloads (CSV or JSON, either dataset): every file is checked whole first,
    /// nothing is written if one has a problem; then all are loaded in one transaction.
    /// Running it again with the same files changes nothing.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, clap::Subcommand)]
pub enum DemoCommand {
    /// A demo instance only: delete the demo accounts and all they hold, make them again and
    /// tell the demo's story.
    Reset,
}

/// The roles a staff account can be given from the shell.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum StaffRole {
    Counsellor,
    Admin,
}

impl From<StaffRole> for Role {
    fn from(role: StaffRole) -> Role {
        match role {
            StaffRole::Counsellor => Role::Counsellor,
            StaffRole::Admin => Role::Admin,
        }
    }
}

fn uai(text: &str) -> Result<SchoolUai, String> {
    SchoolUai::parse(text).map_err(|e| e.to_string())
}

/// `server admin --help`, for a command line that names no known command.
pub fn usage() -> String {
    <Command as clap::CommandFactory>::command()
        .render_help()
        .to_string()
}

/// Reads a command line (what follows `server admin`); `--help` is an answer, not a refusal.
pub fn parse(args: &[String]) -> Result<Result<Command, String>, AdminError> {
    use clap::Parser;
    let line = std::iter::once("server admin").chain(args.iter().map(String::as_str));
    match Command::try_parse_from(line) {
        Ok(command) => Ok(Ok(command)),
        Err(error) if error.kind() == clap::error::ErrorKind::DisplayHelp => {
            Ok(Err(error.render().to_string()))
        }
        Err(error) => Err(AdminError::Usage(error.render().to_string())),
    }
}

/// Runs one admin command; returns what to print on success.
pub async fn run(settings: &Settings, args: &[String]) -> Result<String, AdminError> {
    // Parse the command before touching the database.
    let command = match parse(args)? {
        Ok(command) => command,
        Err(help) => return Ok(help),
    };
    let key = settings.audit_key()?;
    // What the commands journal is chained with the instance's key, as the server does.
    audit::use_key(key.clone());
    let db = Db::connect(settings.database.url.expose_secret(), 2).await?;
    db.migrate().await?;
    let outcome = execute(settings, &db, &key, command).await;
    db.close().await;
    outcome
}

async fn execute(
    settings: &Settings,
    db: &Db,
    key: &audit::AuditKey,
    command: Command,
) -> Result<String, AdminError> {
    match command {
        Command::Demo(DemoCommand::Reset) => demo_reset(settings, db).await,
        Command::Onisep(OnisepCommand::Import { files }) => onisep::import(db, &files).await,
        Command::NameSchools { file, academie } => {
            use domain::identity::schools;
            let input = std::fs::File::open(&file)
                .map_err(|e| AdminError::File(file.display().to_string(), e))?;
            let academie = academie.as_deref();
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
            let account = store::set_staff_role(db, &issuer, &subject, role.into()).await?;
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
        Command::AuditRechain => {
            let rows = audit::rechain_legacy(db, key).await??;
            Ok(format!(
                "{rows} rows of the journal re-chained under its key; from now on every row \
                 must be keyed"
            ))
        }
        Command::VerifyAudit { checkpoint } => {
            let checkpoint = match checkpoint {
                Some(text) => {
                    Some(audit::parse_checkpoint(key, &text).ok_or(AdminError::BadCheckpoint)?)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn line(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn each_argument_is_parsed_into_its_type() {
        let command = parse(&line(&["attach-school", "42", "0751234a"]))
            .unwrap()
            .unwrap();
        assert!(matches!(
            command,
            Command::AttachSchool { account, uai }
                if account == AccountId::from_db(42) && uai.as_str() == "0751234A"
        ));
        assert!(matches!(
            parse(&line(&["demo", "reset"])).unwrap().unwrap(),
            Command::Demo(DemoCommand::Reset)
        ));
        assert!(matches!(
            parse(&line(&["promote", "urn:x", "sub", "admin"]))
                .unwrap()
                .unwrap(),
            Command::Promote {
                role: StaffRole::Admin,
                ..
            }
        ));
    }

    #[test]
    fn a_wrong_line_says_what_and_how() {
        for (words, said) in [
            (&["attach-school", "quarante", "0751234A"][..], "quarante"),
            (&["attach-school", "42", "75"][..], "75"),
            (&["promote", "urn:x", "sub", "student"][..], "student"),
            (&["reset-vault"][..], "<ACCOUNT>"),
            (&["unknown"][..], "unknown"),
        ] {
            let Err(AdminError::Usage(text)) = parse(&line(words)) else {
                panic!("{words:?} accepted");
            };
            assert!(text.contains(said), "{words:?}: {text}");
            // With how to read the usage (clap: "Usage: …" or "try '--help'").
            assert!(
                text.contains("Usage") || text.contains("--help"),
                "{words:?}: {text}"
            );
        }
        let help = parse(&line(&["--help"])).unwrap().unwrap_err();
        assert!(
            help.contains("name-schools") && help.contains("reset-vault"),
            "{help}"
        );
        assert!(usage().contains("attach-school"));
    }
}
