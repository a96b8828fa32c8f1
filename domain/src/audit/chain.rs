//! The chain itself: the journal key, each row's keyed hash, checkpoints and the walk that
//! verifies it (the record of when keying began, and the one-time re-chaining of a journal
//! written before the key existed, are in `keying`).

use super::*;
use crate::db::Db;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::sync::{Arc, RwLock};

/// A keyed row's hash starts with this (then the HMAC in hex).
pub(super) const KEYED: &str = "k1:";

/// The journal key: at least 32 bytes of secret, from the configuration.
#[derive(Clone)]
pub struct AuditKey(Arc<[u8]>);

impl AuditKey {
    pub fn new(bytes: &[u8]) -> Option<AuditKey> {
        (bytes.len() >= 32).then(|| AuditKey(Arc::from(bytes)))
    }

    pub(super) fn mac(&self) -> Hmac<Sha256> {
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
pub(super) static KEY: RwLock<Option<AuditKey>> = RwLock::new(None);

pub fn use_key(key: AuditKey) {
    *KEY.write().unwrap_or_else(|p| p.into_inner()) = Some(key);
}

pub(super) fn current_key() -> Option<AuditKey> {
    KEY.read().unwrap_or_else(|p| p.into_inner()).clone()
}

/// The fields a row's hash covers, in order.
pub(super) fn chain_fields(
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
pub(super) fn encode_fields(update: &mut dyn FnMut(&[u8]), fields: &[String; 7]) {
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

/// The record of when the journal became keyed (`keying` writes it, `verify` reads it): its
/// signature under the key.
fn signature(key: &AuditKey, seq: i64) -> String {
    let mut mac = key.mac();
    mac.update(format!("sillage-audit-keyed-since|{seq}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The record's text: `seq:signature`.
pub fn keyed_since_text(key: &AuditKey, seq: i64) -> String {
    format!("{seq}:{}", signature(key, seq))
}

/// What the stored record says, checked against the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyedSince {
    /// No record: the journal predates keying and has not been migrated (or the record was
    /// removed: `verify` tells them apart by the rows' hashes).
    Unrecorded,
    /// Every row from this sequence number on is keyed.
    From(i64),
    /// A record this key did not sign: written by someone else.
    Forged,
}

/// Reads the record in `audit_head`.
pub async fn keyed_since(
    conn: &mut sqlx::AnyConnection,
    key: &AuditKey,
) -> Result<KeyedSince, AuditError> {
    let text: Option<String> =
        sqlx::query_scalar("SELECT keyed_since FROM audit_head WHERE id = 1")
            .fetch_one(conn)
            .await?;
    let Some(text) = text else {
        return Ok(KeyedSince::Unrecorded);
    };
    let parsed = text.split_once(':').and_then(|(seq, sig)| {
        let seq: i64 = seq.parse().ok()?;
        let mut mac = key.mac();
        mac.update(format!("sillage-audit-keyed-since|{seq}").as_bytes());
        mac.verify_slice(&hex::decode(sig).ok()?).ok()?;
        Some(seq)
    });
    Ok(parsed.map_or(KeyedSince::Forged, KeyedSince::From))
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
    let recorded = match key {
        Some(key) => {
            let mut conn = db.pool().acquire().await?;
            keyed_since(&mut conn, key).await?
        }
        None => KeyedSince::Unrecorded,
    };
    if recorded == KeyedSince::Forged {
        return Ok(ChainStatus::BrokenAt {
            seq: 0,
            reason: "the record of when the journal was keyed is not signed by this key",
        });
    }
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
                    reason: if recorded == KeyedSince::Unrecorded {
                        "plain hash: a journal written before its key waits for `server admin \
                         audit-rechain` (once); if this journal has always had its key, it was \
                         rewritten"
                    } else {
                        "plain hash where the journal key is in use (tampering: never re-keyed)"
                    },
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
