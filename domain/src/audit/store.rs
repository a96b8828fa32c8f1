//! Writing and reading the journal: appending events, counting views, an owner's lines.

use super::*;
use crate::db::{now_unix, Db};
use crate::identity::AccountId;
use sqlx::{AnyConnection, Row};

/// An event to record. `detail` holds no secret (it is shown to the owner).
#[derive(Debug, Clone)]
pub struct NewAuditEvent {
    pub actor: Option<AccountId>,
    pub owner: Option<AccountId>,
    pub action: AuditAction,
    pub detail: AuditDetail,
}

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("database error")]
    Database(#[from] sqlx::Error),
}

/// Appends an event inside the caller's transaction, so the event and the change it records
/// commit together or not at all.
#[tracing::instrument(name = "audit.append", skip_all, fields(action = event.action.as_str()))]
pub async fn append(conn: &mut AnyConnection, event: &NewAuditEvent) -> Result<i64, AuditError> {
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
    let head = sqlx::query("UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash")
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
            let detail = event.detail.to_stored();
            let hash = match &key {
                Some(key) => keyed_hash(
                    key, &prev_hash, fields.0, fields.1, fields.2, fields.3, fields.4, &detail,
                ),
                // No key configured (a unit test's bare database): the plain chain.
                None => chain_hash(
                    &prev_hash, fields.0, fields.1, fields.2, fields.3, fields.4, &detail,
                ),
            };
            rows.push((
                seq,
                actor,
                owner,
                event,
                detail,
                prev_hash.clone(),
                hash.clone(),
            ));
            prev_hash = hash;
        }
        sql.push_str(&crate::db::values_placeholders(batch.len(), 8));
        let mut query = sqlx::query(&sql);
        for (seq, actor, owner, event, detail, prev, hash) in rows {
            query = query
                .bind(seq)
                .bind(occurred_at)
                .bind(actor)
                .bind(owner)
                .bind(event.action.as_str())
                .bind(detail)
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

/// One view to count: whose data, who looked (none: someone with a link), what, of what.
pub struct View<'a> {
    pub owner: AccountId,
    pub actor: Option<AccountId>,
    pub action: AuditAction,
    pub subject: &'a AuditDetail,
}

/// Counts views of owners' data, coalesced per hour, actor and `subject`: the first of the
/// hour is journaled at once (the owner sees that someone looked), the next ones only
/// count, without taking the journal's lock; the count is journaled when the hour is over
/// ([`flush_coalesced`]).
pub async fn count_views(conn: &mut AnyConnection, views: &[View<'_>]) -> Result<(), AuditError> {
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
        .bind(view.subject.to_stored())
        .bind(hour)
        .fetch_one(&mut *conn)
        .await?
        .try_get("views")?;
        if count == 1 {
            first.push(NewAuditEvent {
                actor: view.actor,
                owner: Some(view.owner),
                action: view.action,
                detail: view.subject.clone(),
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
    subject: &AuditDetail,
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
        let of = match StoredDetail::from_stored(&row.try_get::<String, _>("subject")?) {
            StoredDetail::Typed(detail) => detail,
            // Counted before details were typed (an upgrade within the hour).
            StoredDetail::Written(text) => AuditDetail::name(text),
        };
        let actor: i64 = row.try_get("actor_id")?;
        events.push(NewAuditEvent {
            actor: (actor != 0).then(|| AccountId::from_db(actor)),
            owner: Some(AccountId::from_db(row.try_get("owner_id")?)),
            action,
            detail: AuditDetail::RepeatedViews {
                of: Box::new(of),
                more: u32::try_from(views - 1).unwrap_or(u32::MAX),
                from: start,
                to: start + 3_600,
            },
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
        let detail = StoredDetail::from_stored(&row.try_get::<String, _>("detail")?);
        // Nobody signed in: a holder of a page's secret link (the page, or a file on it), else
        // the instance's administration (a command).
        let by_link = matches!(
            detail,
            StoredDetail::Typed(AuditDetail::EvidenceFile { by_link: true, .. })
        );
        let actor = match actor_id {
            None if action == AuditAction::SharedPageViewed || by_link => Actor::LinkHolder,
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
            detail,
        });
    }
    Ok(entries)
}
