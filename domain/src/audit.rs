//! The security journal: an append-only, hash-chained record of security events (sign-ins,
//! sign-outs, sessions ended, roles changed, someone else viewing a pupil's data).
//!
//! Every row's hash is SHA-256 over the previous row's hash and the row's own fields, so an
//! edited, inserted or deleted row breaks the chain from there on and `verify` says where.
//! The owner of an event (whose data or account it concerns) reads it in "Mon journal d'accès".

use serde::{Deserialize, Serialize};

/// What happened. Stored as its `as_str`; new actions are added at the end, never renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditAction {
    SignedIn,
    SignedOut,
    SignedOutEverywhere,
    SignInRefused,
    SessionRevoked,
    RoleChanged,
    SchoolAttached,
    DataViewed,
    PasskeyAdded,
    PasskeyRemoved,
    PasskeyRefused,
    SharedPageViewed,
    GuardianInvited,
    GuardianLinked,
    GuardianUnlinked,
    PixResultsImported,
    PixResultRecorded,
    PixResultDeleted,
    VaultCreated,
    VaultKeysChanged,
    VaultItemsImported,
    VaultExported,
    VaultPasskeyAdded,
    VaultPasskeyRemoved,
    VaultDeleted,
}

impl AuditAction {
    pub const ALL: [AuditAction; 25] = [
        AuditAction::SignedIn,
        AuditAction::SignedOut,
        AuditAction::SignedOutEverywhere,
        AuditAction::SignInRefused,
        AuditAction::SessionRevoked,
        AuditAction::RoleChanged,
        AuditAction::SchoolAttached,
        AuditAction::DataViewed,
        AuditAction::PasskeyAdded,
        AuditAction::PasskeyRemoved,
        AuditAction::PasskeyRefused,
        AuditAction::SharedPageViewed,
        AuditAction::GuardianInvited,
        AuditAction::GuardianLinked,
        AuditAction::GuardianUnlinked,
        AuditAction::PixResultsImported,
        AuditAction::PixResultRecorded,
        AuditAction::PixResultDeleted,
        AuditAction::VaultCreated,
        AuditAction::VaultKeysChanged,
        AuditAction::VaultItemsImported,
        AuditAction::VaultExported,
        AuditAction::VaultPasskeyAdded,
        AuditAction::VaultPasskeyRemoved,
        AuditAction::VaultDeleted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::SignedIn => "signed_in",
            AuditAction::SignedOut => "signed_out",
            AuditAction::SignedOutEverywhere => "signed_out_everywhere",
            AuditAction::SignInRefused => "sign_in_refused",
            AuditAction::SessionRevoked => "session_revoked",
            AuditAction::RoleChanged => "role_changed",
            AuditAction::SchoolAttached => "school_attached",
            AuditAction::DataViewed => "data_viewed",
            AuditAction::PasskeyAdded => "passkey_added",
            AuditAction::PasskeyRemoved => "passkey_removed",
            AuditAction::PasskeyRefused => "passkey_refused",
            AuditAction::SharedPageViewed => "shared_page_viewed",
            AuditAction::GuardianInvited => "guardian_invited",
            AuditAction::GuardianLinked => "guardian_linked",
            AuditAction::GuardianUnlinked => "guardian_unlinked",
            AuditAction::PixResultsImported => "pix_results_imported",
            AuditAction::PixResultRecorded => "pix_result_recorded",
            AuditAction::PixResultDeleted => "pix_result_deleted",
            AuditAction::VaultCreated => "vault_created",
            AuditAction::VaultKeysChanged => "vault_keys_changed",
            AuditAction::VaultItemsImported => "vault_items_imported",
            AuditAction::VaultExported => "vault_exported",
            AuditAction::VaultPasskeyAdded => "vault_passkey_added",
            AuditAction::VaultPasskeyRemoved => "vault_passkey_removed",
            AuditAction::VaultDeleted => "vault_deleted",
        }
    }

    pub fn parse(s: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// A journal line as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntryView {
    pub seq: i64,
    pub occurred_at: i64,
    pub action: AuditAction,
    pub actor: Actor,
    /// Short, non-secret context: the sign-in method, the section viewed.
    pub detail: String,
}

/// Who did what a journal line records, as its owner reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// The owner themself.
    Owner,
    /// Someone else, by name ("Nadia Benali").
    Other(String),
    /// The instance's administration (a command run by an administrator).
    Administration,
    /// Whoever holds a secret link the owner made (they are not signed in, or not known).
    LinkHolder,
}

/// The hash of the chain before its first row.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[cfg(feature = "server")]
pub use store::*;

#[cfg(feature = "server")]
mod store {
    use super::*;
    use crate::db::{now_unix, Db};
    use crate::identity::AccountId;
    use sha2::{Digest, Sha256};
    use sqlx::{AnyConnection, Row};

    /// An event to record. `detail` is short text with no secret in it (it is shown to the owner).
    #[derive(Debug, Clone)]
    pub struct NewAuditEvent {
        pub actor: Option<AccountId>,
        pub owner: Option<AccountId>,
        pub action: AuditAction,
        pub detail: String,
    }

    #[derive(Debug, thiserror::Error)]
    pub enum AuditError {
        #[error("database error")]
        Database(#[from] sqlx::Error),
    }

    /// The row fields that the hash covers, in a fixed, unambiguous encoding (each field
    /// length-prefixed, so `("ab","c")` and `("a","bc")` differ).
    pub fn chain_hash(
        prev_hash: &str,
        seq: i64,
        occurred_at: i64,
        actor: Option<i64>,
        owner: Option<i64>,
        action: &str,
        detail: &str,
    ) -> String {
        let mut hasher = Sha256::new();
        let opt = |v: Option<i64>| v.map_or_else(|| "-".to_owned(), |v| v.to_string());
        for field in [
            prev_hash.to_owned(),
            seq.to_string(),
            occurred_at.to_string(),
            opt(actor),
            opt(owner),
            action.to_owned(),
            detail.to_owned(),
        ] {
            hasher.update((field.len() as u64).to_be_bytes());
            hasher.update(field.as_bytes());
        }
        hex::encode(hasher.finalize())
    }

    /// Appends an event inside the caller's transaction, so the event and the change it records
    /// commit together or not at all.
    #[tracing::instrument(name = "audit.append", skip_all, fields(action = event.action.as_str()))]
    pub async fn append(
        conn: &mut AnyConnection,
        event: &NewAuditEvent,
    ) -> Result<i64, AuditError> {
        // One code path for the chain; one event always gets a sequence number.
        append_many(conn, std::slice::from_ref(event))
            .await
            .map(|seq| seq.unwrap_or_default())
    }

    /// Appends many events inside the caller's transaction: the chain's head is taken once and
    /// rows go in by batches (a class's import journals one line per pupil).
    #[tracing::instrument(name = "audit.append_many", skip_all, fields(events = events.len()))]
    pub async fn append_many(
        conn: &mut AnyConnection,
        events: &[NewAuditEvent],
    ) -> Result<Option<i64>, AuditError> {
        if events.is_empty() {
            return Ok(None);
        }
        let count = events.len() as i64;
        let head =
            sqlx::query("UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash")
                .bind(count)
                .fetch_one(&mut *conn)
                .await?;
        let last_seq: i64 = head.try_get("seq")?;
        let mut prev_hash: String = head.try_get("hash")?;
        let occurred_at = now_unix();
        let mut seq = last_seq - count;
        // 8 values a row: 100 rows stay far below both engines' limits on bound parameters.
        for batch in events.chunks(100) {
            let mut sql = String::from(
                "INSERT INTO audit_events (seq, occurred_at, actor_id, owner_id, action, detail, prev_hash, hash) VALUES ",
            );
            let mut rows = Vec::with_capacity(batch.len());
            for event in batch {
                seq += 1;
                let actor = event.actor.map(AccountId::get);
                let owner = event.owner.map(AccountId::get);
                let hash = chain_hash(
                    &prev_hash,
                    seq,
                    occurred_at,
                    actor,
                    owner,
                    event.action.as_str(),
                    &event.detail,
                );
                rows.push((seq, actor, owner, event, prev_hash.clone(), hash.clone()));
                prev_hash = hash;
            }
            sql.push_str(&crate::db::values_placeholders(batch.len(), 8));
            let mut query = sqlx::query(&sql);
            for (seq, actor, owner, event, prev, hash) in rows {
                query = query
                    .bind(seq)
                    .bind(occurred_at)
                    .bind(actor)
                    .bind(owner)
                    .bind(event.action.as_str())
                    .bind(event.detail.clone())
                    .bind(prev)
                    .bind(hash);
            }
            query.execute(&mut *conn).await?;
        }
        sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
            .bind(&prev_hash)
            .execute(&mut *conn)
            .await?;
        Ok(Some(last_seq))
    }

    /// Appends an event in a transaction of its own (for events that change nothing else).
    pub async fn record(db: &Db, event: &NewAuditEvent) -> Result<i64, AuditError> {
        let mut tx = db.pool().begin().await?;
        let seq = append(&mut tx, event).await?;
        tx.commit().await?;
        Ok(seq)
    }

    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum ChainStatus {
        /// Every row links to the previous one and the head names the last row.
        Intact { rows: i64 },
        /// The first row (by sequence) whose link or hash does not hold.
        BrokenAt { seq: i64, reason: &'static str },
    }

    /// Walks the whole chain. Linear in the journal's size; meant for an admin command.
    #[tracing::instrument(name = "audit.verify", skip_all)]
    pub async fn verify(db: &Db) -> Result<ChainStatus, AuditError> {
        let rows = sqlx::query(
            "SELECT seq, occurred_at, actor_id, owner_id, action, detail, prev_hash, hash
             FROM audit_events ORDER BY seq",
        )
        .fetch_all(db.pool())
        .await?;
        let mut expected_prev = GENESIS_HASH.to_owned();
        let mut expected_seq = 1;
        for row in &rows {
            let seq: i64 = row.try_get("seq")?;
            let prev_hash: String = row.try_get("prev_hash")?;
            let hash: String = row.try_get("hash")?;
            if seq != expected_seq {
                return Ok(ChainStatus::BrokenAt {
                    seq: expected_seq,
                    reason: "missing row",
                });
            }
            if prev_hash != expected_prev {
                return Ok(ChainStatus::BrokenAt {
                    seq,
                    reason: "does not link to the previous row",
                });
            }
            let recomputed = chain_hash(
                &prev_hash,
                seq,
                row.try_get("occurred_at")?,
                row.try_get("actor_id")?,
                row.try_get("owner_id")?,
                &row.try_get::<String, _>("action")?,
                &row.try_get::<String, _>("detail")?,
            );
            if recomputed != hash {
                return Ok(ChainStatus::BrokenAt {
                    seq,
                    reason: "row content does not match its hash",
                });
            }
            expected_prev = hash;
            expected_seq += 1;
        }
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(db.pool())
            .await?;
        let head_seq: i64 = head.try_get("seq")?;
        let head_hash: String = head.try_get("hash")?;
        if head_seq != expected_seq - 1 || head_hash != expected_prev {
            return Ok(ChainStatus::BrokenAt {
                seq: expected_seq,
                reason: "rows missing at the end",
            });
        }
        Ok(ChainStatus::Intact {
            rows: expected_seq - 1,
        })
    }

    /// The owner's journal, newest first, with the names of those who acted on their behalf or
    /// looked at their data.
    #[tracing::instrument(name = "audit.for_owner", skip(db))]
    pub async fn for_owner(
        db: &Db,
        owner: AccountId,
        limit: i64,
    ) -> Result<Vec<AuditEntryView>, AuditError> {
        let rows = sqlx::query(
            "SELECT e.seq, e.occurred_at, e.actor_id, e.action, e.detail,
                    a.given_name AS actor_given, a.family_name AS actor_family
             FROM audit_events e LEFT JOIN accounts a ON a.id = e.actor_id
             WHERE e.owner_id = $1 ORDER BY e.seq DESC LIMIT $2",
        )
        .bind(owner.get())
        .bind(limit)
        .fetch_all(db.pool())
        .await?;
        let mut entries = Vec::with_capacity(rows.len());
        for row in &rows {
            let Some(action) = AuditAction::parse(&row.try_get::<String, _>("action")?) else {
                continue;
            };
            let actor_id: Option<i64> = row.try_get("actor_id")?;
            let actor = match actor_id {
                None if action == AuditAction::SharedPageViewed => Actor::LinkHolder,
                None => Actor::Administration,
                Some(id) if id == owner.get() => Actor::Owner,
                Some(id) => {
                    let given: Option<String> = row.try_get("actor_given")?;
                    let family: Option<String> = row.try_get("actor_family")?;
                    Actor::Other(match (given, family) {
                        (Some(g), Some(f)) => format!("{g} {f}"),
                        _ => format!("#{id}"),
                    })
                }
            };
            entries.push(AuditEntryView {
                seq: row.try_get("seq")?,
                occurred_at: row.try_get("occurred_at")?,
                action,
                actor,
                detail: row.try_get("detail")?,
            });
        }
        Ok(entries)
    }
}

#[cfg(all(test, feature = "server"))]
mod tests {
    use super::*;

    #[test]
    fn the_hash_covers_every_field_and_the_link() {
        let base = chain_hash(GENESIS_HASH, 1, 100, Some(1), Some(2), "signed_in", "oidc");
        assert_eq!(base.len(), 64);
        assert_eq!(
            base,
            chain_hash(GENESIS_HASH, 1, 100, Some(1), Some(2), "signed_in", "oidc")
        );
        for other in [
            chain_hash(
                &"1".repeat(64),
                1,
                100,
                Some(1),
                Some(2),
                "signed_in",
                "oidc",
            ),
            chain_hash(GENESIS_HASH, 2, 100, Some(1), Some(2), "signed_in", "oidc"),
            chain_hash(GENESIS_HASH, 1, 101, Some(1), Some(2), "signed_in", "oidc"),
            chain_hash(GENESIS_HASH, 1, 100, None, Some(2), "signed_in", "oidc"),
            chain_hash(GENESIS_HASH, 1, 100, Some(1), Some(3), "signed_in", "oidc"),
            chain_hash(GENESIS_HASH, 1, 100, Some(1), Some(2), "signed_out", "oidc"),
            chain_hash(GENESIS_HASH, 1, 100, Some(1), Some(2), "signed_in", "demo"),
            // Moving a character from one field to the next changes the hash too.
            chain_hash(GENESIS_HASH, 1, 100, Some(1), Some(2), "signed_ino", "idc"),
        ] {
            assert_ne!(base, other);
        }
    }

    #[test]
    fn actions_round_trip() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(AuditAction::parse("nope"), None);
    }
}
