//! Storage of what a counsellor writes on a shared plan beyond a métier or a formation: free
//! comments, and steps recommended for one of the pupil's decisions. Like recommendations,
//! every statement of a counsellor's checks the grant again in its own transaction, and each
//! change is one transaction with its line in the pupil's journal.

use super::store::{check_grant, journal};
use super::{
    Answer, Comment, CommentBody, CommentId, StepRecommendation, StepRecommendationId,
    COMMENTS_MAX, UNANSWERED_MAX,
};
use crate::audit::{short, AuditAction, AuditDetail};
use crate::db::{now_unix, Db};
use crate::guidance::calendar::Decision;
use crate::guidance::plan::store::PlanError;
use crate::guidance::plan::year::store::add_step_in;
use crate::guidance::plan::year::NewStep;
use crate::identity::store::display_name_in;
use crate::identity::AccountId;
use crate::portfolio::SchoolDate;
use sqlx::Row;

/// A counsellor the pupil shares her plan with writes a comment on it: at most
/// [`COMMENTS_MAX`] on a plan (`TooManyComments`).
pub async fn comment(
    db: &Db,
    counsellor: AccountId,
    pupil: AccountId,
    body: &CommentBody,
) -> Result<CommentId, PlanError> {
    let mut tx = db.pool().begin().await?;
    check_grant(&mut tx, pupil, counsellor).await?;
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM guidance_plan_comments WHERE pupil_id = $1")
            .bind(pupil.get())
            .fetch_one(&mut *tx)
            .await?;
    if count as usize >= COMMENTS_MAX {
        return Err(PlanError::TooManyComments);
    }
    let author = display_name_in(&mut tx, counsellor).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO guidance_plan_comments (pupil_id, author_id, author_name, body, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(pupil.get())
    .bind(counsellor.get())
    .bind(author)
    .bind(body.as_str())
    .bind(now_unix())
    .fetch_one(&mut *tx)
    .await?;
    journal(
        &mut tx,
        counsellor,
        pupil,
        AuditAction::GuidanceCommented,
        AuditDetail::name(short(body.as_str().to_owned())),
    )
    .await?;
    tx.commit().await?;
    Ok(CommentId::from_db(id))
}

/// Its author takes a comment back (while the pupil still shares her plan with them); another's,
/// or none: `UnknownComment`.
pub async fn remove_comment(
    db: &Db,
    counsellor: AccountId,
    pupil: AccountId,
    comment: CommentId,
) -> Result<(), PlanError> {
    let mut tx = db.pool().begin().await?;
    check_grant(&mut tx, pupil, counsellor).await?;
    let body: String = sqlx::query_scalar(
        "DELETE FROM guidance_plan_comments WHERE id = $1 AND pupil_id = $2 AND author_id = $3 \
         RETURNING body",
    )
    .bind(comment.get())
    .bind(pupil.get())
    .bind(counsellor.get())
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(PlanError::UnknownComment)?;
    journal(
        &mut tx,
        counsellor,
        pupil,
        AuditAction::GuidanceCommentRemoved,
        AuditDetail::name(short(body)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The comments on a pupil's plan, the latest first; `reader` marks their own.
pub async fn comments(
    db: &Db,
    pupil: AccountId,
    reader: AccountId,
) -> Result<Vec<Comment>, PlanError> {
    let rows = sqlx::query(
        "SELECT id, author_id, author_name, body, created_at FROM guidance_plan_comments \
         WHERE pupil_id = $1 ORDER BY created_at DESC, id DESC",
    )
    .bind(pupil.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let author: Option<i64> = row.try_get("author_id")?;
            Ok(Comment {
                id: CommentId::from_db(row.try_get("id")?),
                author: row.try_get("author_name")?,
                body: row.try_get("body")?,
                created_at: row.try_get("created_at")?,
                by_reader: author == Some(reader.get()),
            })
        })
        .collect()
}

/// A counsellor the pupil shares her plan with recommends a step for one of her decisions: at
/// most [`UNANSWERED_MAX`] waiting (`TooManyRecommendations`).
pub async fn recommend_step(
    db: &Db,
    counsellor: AccountId,
    pupil: AccountId,
    decision: Decision,
    step: &NewStep,
) -> Result<StepRecommendationId, PlanError> {
    let mut tx = db.pool().begin().await?;
    check_grant(&mut tx, pupil, counsellor).await?;
    let waiting: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM guidance_step_recommendations WHERE pupil_id = $1 AND answer IS NULL",
    )
    .bind(pupil.get())
    .fetch_one(&mut *tx)
    .await?;
    if waiting as usize >= UNANSWERED_MAX {
        return Err(PlanError::TooManyRecommendations);
    }
    let author = display_name_in(&mut tx, counsellor).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO guidance_step_recommendations \
           (pupil_id, author_id, author_name, decision, label, due_on, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(pupil.get())
    .bind(counsellor.get())
    .bind(author)
    .bind(decision.key())
    .bind(step.label())
    .bind(step.due().map(|d| d.to_string()))
    .bind(now_unix())
    .fetch_one(&mut *tx)
    .await?;
    journal(
        &mut tx,
        counsellor,
        pupil,
        AuditAction::GuidanceStepRecommended,
        AuditDetail::name(short(step.label().to_owned())),
    )
    .await?;
    tx.commit().await?;
    Ok(StepRecommendationId::from_db(id))
}

/// The steps counsellors recommended to a pupil, the unanswered first, then the latest.
pub async fn step_recommendations(
    db: &Db,
    pupil: AccountId,
) -> Result<Vec<StepRecommendation>, PlanError> {
    let rows = sqlx::query(
        "SELECT id, decision, label, due_on, author_name, created_at, answer \
         FROM guidance_step_recommendations WHERE pupil_id = $1 \
         ORDER BY CASE WHEN answer IS NULL THEN 0 ELSE 1 END, created_at DESC, id DESC",
    )
    .bind(pupil.get())
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        // Written by this code only: a row it cannot read is skipped, not a failed page.
        let Some(decision) = Decision::parse(&row.try_get::<String, _>("decision")?) else {
            continue;
        };
        let due: Option<String> = row.try_get("due_on")?;
        let answer: Option<String> = row.try_get("answer")?;
        out.push(StepRecommendation {
            id: StepRecommendationId::from_db(row.try_get("id")?),
            decision,
            label: row.try_get("label")?,
            due: due.as_deref().and_then(SchoolDate::parse),
            author: row.try_get("author_name")?,
            created_at: row.try_get("created_at")?,
            answer: answer.as_deref().and_then(Answer::parse),
        });
    }
    Ok(out)
}

/// The pupil answers a recommended step, once: accepted, it becomes one of her steps for its
/// decision (`TooManySteps` when that decision has its fill: nothing answered); another's, or
/// answered: `UnknownRecommendation`.
pub async fn answer_step(
    db: &Db,
    pupil: AccountId,
    recommendation: StepRecommendationId,
    answer: Answer,
) -> Result<(), PlanError> {
    let mut tx = db.pool().begin().await?;
    let row = sqlx::query(
        "SELECT decision, label, due_on FROM guidance_step_recommendations \
         WHERE id = $1 AND pupil_id = $2 AND answer IS NULL",
    )
    .bind(recommendation.get())
    .bind(pupil.get())
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(PlanError::UnknownRecommendation)?;
    let label: String = row.try_get("label")?;
    let action = match answer {
        Answer::Accepted => {
            let decision = Decision::parse(&row.try_get::<String, _>("decision")?)
                .ok_or(PlanError::UnknownRecommendation)?;
            let due: Option<String> = row.try_get("due_on")?;
            let step = NewStep::parse(&label, due.as_deref().unwrap_or(""))
                .map_err(|_| PlanError::UnknownRecommendation)?;
            add_step_in(&mut tx, pupil, decision, &step, false).await?;
            AuditAction::GuidanceStepAccepted
        }
        Answer::Declined => AuditAction::GuidanceStepDeclined,
    };
    sqlx::query(
        "UPDATE guidance_step_recommendations SET answer = $1, answered_at = $2 WHERE id = $3",
    )
    .bind(answer.key())
    .bind(now_unix())
    .bind(recommendation.get())
    .execute(&mut *tx)
    .await?;
    journal(
        &mut tx,
        pupil,
        pupil,
        action,
        AuditDetail::name(short(label)),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
