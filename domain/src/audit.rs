//! The security journal: an append-only, hash-chained record of security events (sign-ins,
//! sign-outs, sessions ended, roles changed, someone else viewing a pupil's data).
//!
//! Every row's hash covers the previous row's hash and the row's own fields, so an edited,
//! inserted or deleted row breaks the chain from there on and `verify` says where. The hash is
//! an HMAC-SHA-256 under the journal key, which lives outside the database (configuration):
//! someone who can write to the database cannot recompute the chain after rewriting a row.
//! A journal written before the key existed is checked, then re-chained under the key at the
//! first start with it ([`key_legacy_rows`]); from then on every row must be keyed. Checkpoints (`server admin audit-checkpoint`), kept by the
//! operator outside the database, also catch a rewrite of the whole chain.
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
    ShareLinkCreated,
    ShareLinkRevoked,
    PageGranted,
    PageUngranted,
    EntryCommented,
    EntryVerified,
    PortfolioExported,
    ClassViewed,
    EvidenceViewed,
}

impl AuditAction {
    pub const ALL: [AuditAction; 34] = [
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
        AuditAction::ShareLinkCreated,
        AuditAction::ShareLinkRevoked,
        AuditAction::PageGranted,
        AuditAction::PageUngranted,
        AuditAction::EntryCommented,
        AuditAction::EntryVerified,
        AuditAction::PortfolioExported,
        AuditAction::ClassViewed,
        AuditAction::EvidenceViewed,
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
            AuditAction::ShareLinkCreated => "share_link_created",
            AuditAction::ShareLinkRevoked => "share_link_revoked",
            AuditAction::PageGranted => "page_granted",
            AuditAction::PageUngranted => "page_ungranted",
            AuditAction::EntryCommented => "entry_commented",
            AuditAction::EntryVerified => "entry_verified",
            AuditAction::PortfolioExported => "portfolio_exported",
            AuditAction::ClassViewed => "class_viewed",
            AuditAction::EvidenceViewed => "evidence_viewed",
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
    use hmac::{Hmac, Mac};
    use sha2::{Digest, Sha256};
    use sqlx::{AnyConnection, Row};
    use std::sync::{Arc, RwLock};

    /// A keyed row's hash starts with this (then the HMAC in hex).
    const KEYED: &str = "k1:";

    /// The journal key: at least 32 bytes of secret, from the configuration.
    #[derive(Clone)]
    pub struct AuditKey(Arc<[u8]>);

    impl AuditKey {
        pub fn new(bytes: &[u8]) -> Option<AuditKey> {
            (bytes.len() >= 32).then(|| AuditKey(Arc::from(bytes)))
        }

        fn mac(&self) -> Hmac<Sha256> {
            // HMAC takes keys of any length: this cannot fail.
            <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC accepts any key length")
        }
    }

    impl std::fmt::Debug for AuditKey {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("AuditKey(…)")
        }
    }

    /// The key the process appends with (set once at start from the configuration; the chain
    /// is appended to from many places that hold only a connection).
    static KEY: RwLock<Option<AuditKey>> = RwLock::new(None);

    pub fn use_key(key: AuditKey) {
        *KEY.write().unwrap_or_else(|p| p.into_inner()) = Some(key);
    }

    fn current_key() -> Option<AuditKey> {
        KEY.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The fields a row's hash covers, in order.
    fn chain_fields(
        prev_hash: &str,
        seq: i64,
        occurred_at: i64,
        actor: Option<i64>,
        owner: Option<i64>,
        action: &str,
        detail: &str,
    ) -> [String; 7] {
        let opt = |v: Option<i64>| v.map_or_else(|| "-".to_owned(), |v| v.to_string());
        [
            prev_hash.to_owned(),
            seq.to_string(),
            occurred_at.to_string(),
            opt(actor),
            opt(owner),
            action.to_owned(),
            detail.to_owned(),
        ]
    }

    /// Each field length-prefixed, so `("ab","c")` and `("a","bc")` differ.
    fn encode_fields(update: &mut dyn FnMut(&[u8]), fields: &[String; 7]) {
        for field in fields {
            update(&(field.len() as u64).to_be_bytes());
            update(field.as_bytes());
        }
    }

    /// A row's keyed hash: `k1:` and the HMAC-SHA-256 of the same fields as [`chain_hash`].
    #[allow(clippy::too_many_arguments)]
    pub fn keyed_hash(
        key: &AuditKey,
        prev_hash: &str,
        seq: i64,
        occurred_at: i64,
        actor: Option<i64>,
        owner: Option<i64>,
        action: &str,
        detail: &str,
    ) -> String {
        let mut mac = key.mac();
        let fields = chain_fields(prev_hash, seq, occurred_at, actor, owner, action, detail);
        encode_fields(&mut |bytes| mac.update(bytes), &fields);
        format!("{KEYED}{}", hex::encode(mac.finalize().into_bytes()))
    }

    /// A checkpoint of the chain's head, signed with the key: `seq:hash:signature`. The
    /// operator keeps it outside the database and hands it back to `verify`.
    pub fn checkpoint_text(key: &AuditKey, seq: i64, hash: &str) -> String {
        let mut mac = key.mac();
        mac.update(format!("sillage-audit-checkpoint|{seq}|{hash}").as_bytes());
        format!("{seq}:{hash}:{}", hex::encode(mac.finalize().into_bytes()))
    }

    /// A checkpoint read back, its signature checked.
    pub fn parse_checkpoint(key: &AuditKey, text: &str) -> Option<(i64, String)> {
        let mut parts = text.trim().rsplitn(2, ':');
        let (signature, rest) = (parts.next()?, parts.next()?);
        let (seq, hash) = rest.split_once(':')?;
        let seq: i64 = seq.parse().ok()?;
        let mut mac = key.mac();
        mac.update(format!("sillage-audit-checkpoint|{seq}|{hash}").as_bytes());
        mac.verify_slice(&hex::decode(signature).ok()?).ok()?;
        Some((seq, hash.to_owned()))
    }

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
        let fields = chain_fields(prev_hash, seq, occurred_at, actor, owner, action, detail);
        encode_fields(&mut |bytes| hasher.update(bytes), &fields);
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
        let key = current_key();
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
                let fields = (seq, occurred_at, actor, owner, event.action.as_str());
                let hash = match &key {
                    Some(key) => keyed_hash(
                        key,
                        &prev_hash,
                        fields.0,
                        fields.1,
                        fields.2,
                        fields.3,
                        fields.4,
                        &event.detail,
                    ),
                    // No key configured (a unit test's bare database): the plain chain.
                    None => chain_hash(
                        &prev_hash,
                        fields.0,
                        fields.1,
                        fields.2,
                        fields.3,
                        fields.4,
                        &event.detail,
                    ),
                };
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

    /// Walks the whole chain. Linear in the journal's size; meant for an admin command. With
    /// the key, keyed rows are checked against it (and plain rows are accepted only before the
    /// first keyed one); with a checkpoint, its row must still hold the hash it had.
    #[tracing::instrument(name = "audit.verify", skip_all)]
    pub async fn verify(
        db: &Db,
        key: Option<&AuditKey>,
        checkpoint: Option<(i64, &str)>,
    ) -> Result<ChainStatus, AuditError> {
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
            let fields: (i64, Option<i64>, Option<i64>, String, String) = (
                row.try_get("occurred_at")?,
                row.try_get("actor_id")?,
                row.try_get("owner_id")?,
                row.try_get("action")?,
                row.try_get("detail")?,
            );
            let recomputed = match (key, hash.starts_with(KEYED)) {
                (Some(key), true) => keyed_hash(
                    key, &prev_hash, seq, fields.0, fields.1, fields.2, &fields.3, &fields.4,
                ),
                (None, false) => chain_hash(
                    &prev_hash, seq, fields.0, fields.1, fields.2, &fields.3, &fields.4,
                ),
                (Some(_), false) => {
                    return Ok(ChainStatus::BrokenAt {
                        seq,
                        reason: "plain hash where the journal key is in use",
                    })
                }
                (None, true) => {
                    return Ok(ChainStatus::BrokenAt {
                        seq,
                        reason: "keyed row, but no journal key to check it with",
                    })
                }
            };
            if let Some((at, expected)) = checkpoint {
                if seq == at && hash != expected {
                    return Ok(ChainStatus::BrokenAt {
                        seq,
                        reason: "differs from the checkpoint kept outside the database",
                    });
                }
            }
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
        if let Some((at, _)) = checkpoint {
            if at > head_seq {
                return Ok(ChainStatus::BrokenAt {
                    seq: head_seq + 1,
                    reason: "rows missing since the checkpoint",
                });
            }
        }
        Ok(ChainStatus::Intact {
            rows: expected_seq - 1,
        })
    }

    /// Re-chains under `key` a journal written before it (plain SHA-256), after checking that
    /// plain chain: done once, at the first start with a key. A plain chain that does not hold
    /// is left as it is (and `verify` reports it). Answers how many rows were re-chained.
    #[tracing::instrument(name = "audit.key_legacy_rows", skip_all)]
    pub async fn key_legacy_rows(db: &Db, key: &AuditKey) -> Result<u64, AuditError> {
        let plain: Option<i64> =
            sqlx::query("SELECT MIN(seq) AS seq FROM audit_events WHERE hash NOT LIKE 'k1:%'")
                .fetch_one(db.pool())
                .await?
                .try_get("seq")?;
        if plain.is_none() {
            return Ok(0);
        }
        if let ChainStatus::BrokenAt { seq, reason } = verify(db, None, None).await? {
            tracing::error!(
                seq,
                reason,
                "the journal's chain is broken: not re-chained under the key"
            );
            return Ok(0);
        }
        let mut tx = db.pool().begin().await?;
        // Taking the head first: appends wait until the chain is re-made.
        sqlx::query("UPDATE audit_head SET seq = seq WHERE id = 1")
            .execute(&mut *tx)
            .await?;
        let rows = sqlx::query(
            "SELECT seq, occurred_at, actor_id, owner_id, action, detail FROM audit_events ORDER BY seq",
        )
        .fetch_all(&mut *tx)
        .await?;
        let mut prev = GENESIS_HASH.to_owned();
        for row in &rows {
            let seq: i64 = row.try_get("seq")?;
            let hash = keyed_hash(
                key,
                &prev,
                seq,
                row.try_get("occurred_at")?,
                row.try_get("actor_id")?,
                row.try_get("owner_id")?,
                &row.try_get::<String, _>("action")?,
                &row.try_get::<String, _>("detail")?,
            );
            sqlx::query("UPDATE audit_events SET prev_hash = $1, hash = $2 WHERE seq = $3")
                .bind(&prev)
                .bind(&hash)
                .bind(seq)
                .execute(&mut *tx)
                .await?;
            prev = hash;
        }
        sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
            .bind(&prev)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        tracing::warn!(
            rows = rows.len(),
            "journal re-chained under the journal key"
        );
        Ok(rows.len() as u64)
    }

    /// One view to count: whose data, who looked (none: someone with a link), what, of what.
    pub struct View<'a> {
        pub owner: AccountId,
        pub actor: Option<AccountId>,
        pub action: AuditAction,
        pub subject: &'a str,
    }

    /// Counts views of owners' data, coalesced per hour, actor and `subject`: the first of the
    /// hour is journaled at once (the owner sees that someone looked), the next ones only
    /// count, without taking the journal's lock; the count is journaled when the hour is over
    /// ([`flush_coalesced`]).
    pub async fn count_views(
        conn: &mut AnyConnection,
        views: &[View<'_>],
    ) -> Result<(), AuditError> {
        let hour = now_unix() / 3_600;
        let mut first = Vec::new();
        for view in views {
            let count: i64 = sqlx::query(
                "INSERT INTO audit_coalesced (owner_id, actor_id, action, subject, hour, views)
                 VALUES ($1, $2, $3, $4, $5, 1)
                 ON CONFLICT (owner_id, actor_id, action, subject, hour)
                 DO UPDATE SET views = audit_coalesced.views + 1
                 RETURNING views",
            )
            .bind(view.owner.get())
            .bind(view.actor.map_or(0, AccountId::get))
            .bind(view.action.as_str())
            .bind(view.subject)
            .bind(hour)
            .fetch_one(&mut *conn)
            .await?
            .try_get("views")?;
            if count == 1 {
                first.push(NewAuditEvent {
                    actor: view.actor,
                    owner: Some(view.owner),
                    action: view.action,
                    detail: view.subject.to_owned(),
                });
            }
        }
        append_many(conn, &first).await?;
        Ok(())
    }

    /// [`count_views`] of one view.
    pub async fn count_view(
        conn: &mut AnyConnection,
        owner: AccountId,
        actor: Option<AccountId>,
        action: AuditAction,
        subject: &str,
    ) -> Result<(), AuditError> {
        count_views(
            conn,
            &[View {
                owner,
                actor,
                action,
                subject,
            }],
        )
        .await
    }

    /// Journals the views counted in hours that are over (beyond each hour's first, already
    /// journaled) as one line per hour and subject, and forgets the counts. Run on a timer
    /// and before an owner reads their journal. Answers how many lines were written.
    #[tracing::instrument(name = "audit.flush_coalesced", skip_all)]
    pub async fn flush_coalesced(db: &Db, owner: Option<AccountId>) -> Result<usize, AuditError> {
        let hour = now_unix() / 3_600;
        let filter = if owner.is_some() {
            " AND owner_id = $2"
        } else {
            ""
        };
        // Most of the time there is nothing to write: asked without the journal's lock.
        let pending_sql =
            format!("SELECT 1 AS pending FROM audit_coalesced WHERE hour < $1{filter} LIMIT 1");
        let mut pending = sqlx::query(&pending_sql).bind(hour);
        if let Some(owner) = owner {
            pending = pending.bind(owner.get());
        }
        if pending.fetch_optional(db.pool()).await?.is_none() {
            return Ok(0);
        }
        let mut tx = db.pool().begin().await?;
        // The journal's head first: two servers flushing at once queue here, and the second
        // finds nothing left to write.
        sqlx::query("UPDATE audit_head SET seq = seq WHERE id = 1")
            .execute(&mut *tx)
            .await?;
        let filter = if owner.is_some() {
            " AND owner_id = $2"
        } else {
            ""
        };
        let select_sql = format!(
            "SELECT owner_id, actor_id, action, subject, hour, views FROM audit_coalesced
             WHERE hour < $1{filter} ORDER BY hour, owner_id"
        );
        let mut select = sqlx::query(&select_sql).bind(hour);
        if let Some(owner) = owner {
            select = select.bind(owner.get());
        }
        let rows = select.fetch_all(&mut *tx).await?;
        let mut events = Vec::new();
        for row in &rows {
            let views: i64 = row.try_get("views")?;
            let Some(action) = AuditAction::parse(&row.try_get::<String, _>("action")?) else {
                continue;
            };
            if views < 2 {
                continue;
            }
            let start = row.try_get::<i64, _>("hour")? * 3_600;
            let from = crate::time::format_paris(start);
            let to = crate::time::format_paris(start + 3_600);
            let actor: i64 = row.try_get("actor_id")?;
            events.push(NewAuditEvent {
                actor: (actor != 0).then(|| AccountId::from_db(actor)),
                owner: Some(AccountId::from_db(row.try_get("owner_id")?)),
                action,
                detail: format!(
                    "{} — {} fois de plus entre {from} et {}",
                    row.try_get::<String, _>("subject")?,
                    views - 1,
                    &to[11..]
                ),
            });
        }
        let delete_sql = format!("DELETE FROM audit_coalesced WHERE hour < $1{filter}");
        let mut delete = sqlx::query(&delete_sql).bind(hour);
        if let Some(owner) = owner {
            delete = delete.bind(owner.get());
        }
        delete.execute(&mut *tx).await?;
        append_many(&mut tx, &events).await?;
        tx.commit().await?;
        Ok(events.len())
    }

    /// The chain's head (last sequence number and hash), for a checkpoint.
    pub async fn head(db: &Db) -> Result<(i64, String), AuditError> {
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(db.pool())
            .await?;
        Ok((head.try_get("seq")?, head.try_get("hash")?))
    }

    /// Which part of an owner's journal to read: lines older than `before` (a sequence number,
    /// for the next page), of one kind only, `limit` of them.
    #[derive(Debug, Clone, Copy)]
    pub struct JournalQuery {
        pub before: Option<i64>,
        pub action: Option<AuditAction>,
        pub limit: i64,
    }

    /// The owner's journal, newest first, with the names of those who acted on their behalf or
    /// looked at their data.
    #[tracing::instrument(name = "audit.for_owner", skip(db))]
    pub async fn for_owner(
        db: &Db,
        owner: AccountId,
        query: JournalQuery,
    ) -> Result<Vec<AuditEntryView>, AuditError> {
        let mut sql = String::from(
            "SELECT e.seq, e.occurred_at, e.actor_id, e.action, e.detail,
                    a.given_name AS actor_given, a.family_name AS actor_family
             FROM audit_events e LEFT JOIN accounts a ON a.id = e.actor_id
             WHERE e.owner_id = $1",
        );
        let mut next = 2;
        if query.before.is_some() {
            sql.push_str(&format!(" AND e.seq < ${next}"));
            next += 1;
        }
        if query.action.is_some() {
            sql.push_str(&format!(" AND e.action = ${next}"));
            next += 1;
        }
        sql.push_str(&format!(" ORDER BY e.seq DESC LIMIT ${next}"));
        let mut statement = sqlx::query(&sql).bind(owner.get());
        if let Some(before) = query.before {
            statement = statement.bind(before);
        }
        if let Some(action) = query.action {
            statement = statement.bind(action.as_str());
        }
        let rows = statement.bind(query.limit).fetch_all(db.pool()).await?;
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
