//! A counsellor's import of a Pix Orga export: the upload kept as a draft (a day at most),
//! its preview, and its confirmation in one transaction.

use super::*;

/// A draft older than this is deleted (the counsellor uploads the file again).
pub(super) const DRAFT_LIFETIME_SECS: i64 = 24 * 3600;
/// Drafts a counsellor keeps at once (each up to `pix.max_import_bytes`): a new upload makes
/// room by forgetting the oldest, so repeated uploads cannot fill the database.
pub const MAX_DRAFTS_PER_COUNSELLOR: i64 = 3;

/// Deletes the drafts past their lifetime (the server runs it on a timer); how many.
pub async fn delete_expired_drafts(db: &Db) -> Result<u64, PixError> {
    Ok(
        sqlx::query("DELETE FROM pix_import_drafts WHERE created_at < $1")
            .bind(now_unix() - DRAFT_LIFETIME_SECS)
            .execute(db.pool())
            .await?
            .rows_affected(),
    )
}

/// The pupils of the counsellor's schools, with the classes earlier imports gave them.
pub(super) async fn pupils_of(
    conn: &mut AnyConnection,
    counsellor: AccountId,
) -> Result<Vec<Pupil>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.given_name, a.family_name, r.class_name FROM accounts a
         JOIN counsellor_schools cs ON cs.school_uai = a.school_uai AND cs.account_id = $1
         LEFT JOIN pix_results r ON r.student_id = a.id AND r.class_name IS NOT NULL
         WHERE a.role = 'student' ORDER BY a.id",
    )
    .bind(counsellor.get())
    .fetch_all(&mut *conn)
    .await?;
    let mut pupils: Vec<Pupil> = Vec::new();
    for row in &rows {
        let id: i64 = row.try_get("id")?;
        let class: Option<String> = row.try_get("class_name")?;
        match pupils.last_mut() {
            Some(last) if last.id == id => {
                if let Some(class) = class.filter(|c| !last.known_classes.contains(c)) {
                    last.known_classes.push(class);
                }
            }
            _ => pupils.push(Pupil {
                id,
                given_name: row.try_get("given_name")?,
                family_name: row.try_get("family_name")?,
                known_classes: class.into_iter().collect(),
            }),
        }
    }
    Ok(pupils)
}

/// The campaign's results already stored, by pupil: `(id, date, total, scores text)`.
pub(super) async fn stored_for_campaign(
    conn: &mut AnyConnection,
    campaign_id: &str,
) -> Result<HashMap<i64, StoredCampaignResult>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, student_id, taken_on, total_pix, scores FROM pix_results
         WHERE source = 'orga' AND campaign_id = $1",
    )
    .bind(campaign_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut stored = HashMap::with_capacity(rows.len());
    for row in &rows {
        stored.insert(
            row.try_get("student_id")?,
            (
                row.try_get("id")?,
                row.try_get("taken_on")?,
                row.try_get::<Option<i64>, _>("total_pix")?.map(small),
                row.try_get("scores")?,
            ),
        );
    }
    Ok(stored)
}

/// Draft lines are kept in chunks of about this many bytes: the server holds one at a time.
pub(super) const DRAFT_CHUNK_BYTES: usize = 256 * 1024;

/// Reads an uploaded export, once, and keeps it as a draft until the counsellor confirms its
/// preview; returns the draft's number and what reading found.
///
/// The file (spooled to disk by the caller) is read off the async threads, and its participants
/// are written as draft lines chunk by chunk while it is read: memory holds one CSV line and
/// one or two chunks, whatever the file's size. No transaction spans the reading (on SQLite it
/// would hold every other writer back): the draft is invisible (`summary` empty) until its last
/// chunk is in; one left so by a crash is deleted with the expired drafts.
#[tracing::instrument(name = "pix.save_upload", skip(db, framework, input))]
pub async fn save_upload<R: std::io::BufRead + Send + 'static>(
    db: &Db,
    framework: &'static Framework,
    counsellor: AccountId,
    file_name: &str,
    input: R,
    limit_bytes: u64,
) -> Result<(crate::pix::PixDraftId, ReadSummary), PixError> {
    let now = now_unix();
    let name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let mut tx = db.pool().begin().await?;
    sqlx::query("DELETE FROM pix_import_drafts WHERE created_at < $1")
        .bind(now - DRAFT_LIFETIME_SECS)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "DELETE FROM pix_import_drafts WHERE counsellor_id = $1 AND id NOT IN (
             SELECT id FROM pix_import_drafts WHERE counsellor_id = $1 ORDER BY id DESC LIMIT $2)",
    )
    .bind(counsellor.get())
    .bind(MAX_DRAFTS_PER_COUNSELLOR - 1)
    .execute(&mut *tx)
    .await?;
    let id: i64 = sqlx::query(
        "INSERT INTO pix_import_drafts (counsellor_id, file_name, summary, created_at)
         VALUES ($1, $2, '', $3) RETURNING id",
    )
    .bind(counsellor.get())
    .bind(name)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?
    .try_get("id")?;
    tx.commit().await?;

    let (chunks, mut received) = tokio::sync::mpsc::channel::<Vec<u8>>(1);
    let reading = tokio::task::spawn_blocking(move || {
        let mut chunk = Vec::with_capacity(DRAFT_CHUNK_BYTES + 4096);
        let mut kept = true;
        let summary = orga_csv::read_each(framework, input, limit_bytes, |row| {
            // A file with problems keeps nothing: its chunks are deleted once it is read.
            if kept {
                draft::encode(framework, &row, &mut chunk);
                if chunk.len() >= DRAFT_CHUNK_BYTES {
                    let full =
                        std::mem::replace(&mut chunk, Vec::with_capacity(DRAFT_CHUNK_BYTES + 4096));
                    kept = chunks.blocking_send(full).is_ok();
                }
            }
        });
        if kept && summary.is_clean() && !chunk.is_empty() {
            let _ = chunks.blocking_send(chunk);
        }
        summary
    });
    let kept = finish_draft(db, id, &mut received, reading).await;
    if kept.is_err() {
        // Nothing half-kept: the draft goes with its chunks (a failure here is left to expiry).
        let _ = sqlx::query("DELETE FROM pix_import_drafts WHERE id = $1")
            .bind(id)
            .execute(db.pool())
            .await;
    }
    kept.map(|summary| (crate::pix::PixDraftId::from_db(id), summary))
}

/// Writes the chunks as the reader sends them, then the summary that makes the draft visible
/// (and drops the chunks of a file with problems).
pub(super) async fn finish_draft(
    db: &Db,
    id: i64,
    received: &mut tokio::sync::mpsc::Receiver<Vec<u8>>,
    reading: tokio::task::JoinHandle<ReadSummary>,
) -> Result<ReadSummary, PixError> {
    let mut seq: i64 = 0;
    while let Some(chunk) = received.recv().await {
        sqlx::query("INSERT INTO pix_draft_chunks (draft_id, seq, lines) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(seq)
            .bind(chunk)
            .execute(db.pool())
            .await?;
        seq += 1;
    }
    let summary = reading.await.map_err(|error| {
        tracing::error!(%error, "reading a Pix export failed");
        PixError::Database(sqlx::Error::WorkerCrashed)
    })?;
    let mut tx = db.pool().begin().await?;
    if !summary.is_clean() {
        sqlx::query("DELETE FROM pix_draft_chunks WHERE draft_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    let kept =
        serde_json::to_string(&summary).map_err(|error| sqlx::Error::Encode(Box::new(error)))?;
    sqlx::query("UPDATE pix_import_drafts SET summary = $1 WHERE id = $2")
        .bind(kept)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(summary)
}

/// A kept draft: its file name and what reading it found (its lines are read chunk by chunk:
/// [`draft_chunk`]).
pub(super) struct Draft {
    file_name: String,
    summary: ReadSummary,
}

pub(super) async fn load_draft(
    conn: &mut AnyConnection,
    counsellor: AccountId,
    draft: i64,
) -> Result<Draft, PixError> {
    let row = sqlx::query(
        "SELECT file_name, summary FROM pix_import_drafts
         WHERE id = $1 AND counsellor_id = $2 AND created_at >= $3 AND summary <> ''",
    )
    .bind(draft)
    .bind(counsellor.get())
    .bind(now_unix() - DRAFT_LIFETIME_SECS)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(PixError::NotFound)?;
    let summary: String = row.try_get("summary")?;
    Ok(Draft {
        file_name: row.try_get("file_name")?,
        summary: serde_json::from_str(&summary)
            .map_err(|_| PixError::UnreadableDraft(UnreadableDraft { index: 0 }))?,
    })
}

/// The draft's chunk number `seq`, if there is one.
pub(super) async fn draft_chunk(
    conn: &mut AnyConnection,
    draft: i64,
    seq: i64,
) -> Result<Option<Vec<u8>>, PixError> {
    let row = sqlx::query("SELECT lines FROM pix_draft_chunks WHERE draft_id = $1 AND seq = $2")
        .bind(draft)
        .bind(seq)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(match row {
        Some(row) => Some(row.try_get("lines")?),
        None => None,
    })
}

/// The preview of a draft: its problems, or what importing it would do; every line is counted,
/// the first `shown` needing attention and the first `shown` others are listed.
#[tracing::instrument(name = "pix.preview", skip(db, framework))]
pub async fn preview(
    db: &Db,
    framework: &Framework,
    counsellor: AccountId,
    draft: crate::pix::PixDraftId,
    shown: usize,
) -> Result<ImportPreview, PixError> {
    let draft = draft.get();
    let mut conn = db.pool().acquire().await?;
    let Draft { file_name, summary } = load_draft(&mut conn, counsellor, draft).await?;
    let mut plan = ImportPlan::default();
    if let Some(campaign) = summary.campaign.as_ref().filter(|_| summary.is_clean()) {
        let pupils = pupils_of(&mut conn, counsellor).await?;
        let stored = stored_for_campaign(&mut conn, &campaign.id).await?;
        let today = crate::sharing::guardianship_store::today();
        let mut planner = Planner::new(&pupils, &stored, &today);
        let mut seq = 0;
        while let Some(lines) = draft_chunk(&mut conn, draft, seq).await? {
            for row in draft::decode(framework, &lines) {
                let row = row?;
                let (outcome, pupil_name) = planner.decide(&row);
                plan.add(&row, outcome, pupil_name, shown);
            }
            seq += 1;
        }
    }
    Ok(ImportPreview {
        draft,
        file_name,
        campaign: summary.campaign,
        problems: summary.problems,
        problem_count: summary.problem_count,
        plan,
    })
}

/// Imports a draft, all of it or nothing, computing the plan again inside the transaction (the
/// preview may be stale); the draft is deleted with the same commit.
#[tracing::instrument(name = "pix.confirm_import", skip(db, framework))]
pub async fn confirm_import(
    db: &Db,
    framework: &Framework,
    counsellor: AccountId,
    draft: crate::pix::PixDraftId,
) -> Result<ImportSummary, PixError> {
    let draft = draft.get();
    let mut tx = db.pool().begin().await?;
    let Draft { summary, .. } = load_draft(&mut tx, counsellor, draft).await?;
    let campaign = match summary.campaign {
        Some(campaign) if summary.problem_count == 0 => campaign,
        _ => return Err(PixError::FileRefused(summary.problems)),
    };
    let today = crate::sharing::guardianship_store::today();
    let pupils = pupils_of(&mut tx, counsellor).await?;
    let stored = stored_for_campaign(&mut tx, &campaign.id).await?;
    let mut planner = Planner::new(&pupils, &stored, &today);
    let mut counts = ImportPlan::default();
    let now = now_unix();
    // Both hold at most one entry per pupil of the counsellor's schools (a pupil is matched
    // once), whatever the file's length.
    let mut new_rows = Vec::new();
    let mut events = Vec::new();
    let mut seq = 0;
    while let Some(lines) = draft_chunk(&mut tx, draft, seq).await? {
        seq += 1;
        for row in draft::decode(framework, &lines) {
            let row = row?;
            let (outcome, _) = planner.decide(&row);
            counts.add(&row, outcome.clone(), None, 0);
            let (pupil, existing) = match outcome {
                LineOutcome::Create { pupil, .. } => (pupil, None),
                LineOutcome::Update { pupil, .. } => (pupil, stored.get(&pupil).map(|s| s.0)),
                LineOutcome::Skip { .. } | LineOutcome::Unresolved(_) => continue,
            };
            let (date, total, scores) = matching::line_values(&row, &today);
            let taken_at = row.shared_at;
            let max_level = scores
                .iter()
                .map(|s| s.level)
                .max()
                .unwrap_or(0)
                .max(CURRENT_MAX_LEVEL);
            let scores = encode_scores(&scores);
            match existing {
                None => new_rows.push((
                    pupil,
                    date,
                    taken_at,
                    row.class.clone(),
                    total,
                    max_level,
                    scores,
                )),
                Some(id) => {
                    sqlx::query(
                        "UPDATE pix_results SET taken_on = $1, campaign_name = $2, class_name = $3,
                             total_pix = $4, max_level = $5, recorded_by = $6, updated_at = $7,
                             scores = $9, taken_at = $10
                         WHERE id = $8",
                    )
                    .bind(&date)
                    .bind(&campaign.name)
                    .bind(row.class.clone())
                    .bind(total.map(i64::from))
                    .bind(i64::from(max_level))
                    .bind(counsellor.get())
                    .bind(now)
                    .bind(id)
                    .bind(scores)
                    .bind(taken_at)
                    .execute(&mut *tx)
                    .await?;
                }
            }
            events.push(NewAuditEvent {
                actor: Some(counsellor),
                owner: Some(AccountId::from_db(pupil)),
                action: AuditAction::PixResultsImported,
                detail: AuditDetail::PixCampaign {
                    id: campaign.id.to_string(),
                    name: short(campaign.name.as_str()),
                },
            });
        }
    }
    // New results go in by batches (13 values a row, 500 rows a statement).
    for batch in new_rows.chunks(500) {
        let mut sql = String::from(
            "INSERT INTO pix_results (student_id, taken_on, taken_at, source, campaign_id,
                 campaign_name, class_name, total_pix, max_level, scores, recorded_by,
                 created_at, updated_at)
             VALUES ",
        );
        sql.push_str(&crate::db::values_placeholders(batch.len(), 13));
        let mut query = sqlx::query(&sql);
        for (pupil, date, taken_at, class, total, max_level, scores) in batch {
            query = query
                .bind(*pupil)
                .bind(date.clone())
                .bind(*taken_at)
                .bind("orga")
                .bind(campaign.id.clone())
                .bind(campaign.name.clone())
                .bind(class.clone())
                .bind(total.map(i64::from))
                .bind(i64::from(*max_level))
                .bind(scores.clone())
                .bind(counsellor.get())
                .bind(now)
                .bind(now);
        }
        query.execute(&mut *tx).await?;
    }
    audit::append_many(&mut tx, &events).await?;
    sqlx::query("DELETE FROM pix_import_drafts WHERE id = $1")
        .bind(draft)
        .execute(&mut *tx)
        .await?;
    crate::fault::point("pix.confirm.written").await;
    tx.commit().await?;
    Ok(ImportSummary {
        created: counts.created,
        updated: counts.updated,
        skipped: counts.skipped,
        unresolved: counts.unresolved,
    })
}
