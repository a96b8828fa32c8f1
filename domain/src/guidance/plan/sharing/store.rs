//! Storage of the shared plan: grants (owner → counsellor or guardian) and recommendations. Every
//! statement names the pupil, and a counsellor's statements also name the grant, so that storage
//! checks again what the policy decided. Each change is one transaction with its journal line.

use super::{Answer, Recommendation, RecommendationId, SharedPlan, UNANSWERED_MAX};
use crate::audit::{self, short, AuditAction, AuditDetail, NewAuditEvent};
use crate::db::{now_unix, Db};
use crate::guidance::plan::store::{save_favourite_in, PlanError};
use crate::guidance::plan::{FavouriteNote, ItemId};
use crate::identity::store::display_name_in;
use crate::identity::AccountId;
use crate::portfolio::feedback::Person;
use sqlx::{AnyConnection, Row};

/// The pupil shares her plan with this reader (checked again in the statement's transaction,
/// whatever the policy decided before): otherwise `UnknownPerson`.
pub(super) async fn check_grant(
    conn: &mut AnyConnection,
    pupil: AccountId,
    reader: AccountId,
) -> Result<(), PlanError> {
    sqlx::query("SELECT 1 AS ok FROM guidance_plan_grants WHERE owner_id = $1 AND viewer_id = $2")
        .bind(pupil.get())
        .bind(reader.get())
        .fetch_optional(conn)
        .await?
        .map(|_| ())
        .ok_or(PlanError::UnknownPerson)
}

pub(super) async fn journal(
    conn: &mut AnyConnection,
    actor: AccountId,
    owner: AccountId,
    action: AuditAction,
    detail: AuditDetail,
) -> Result<(), PlanError> {
    audit::append(
        conn,
        &NewAuditEvent {
            actor: Some(actor),
            owner: Some(owner),
            action,
            detail,
        },
    )
    .await?;
    Ok(())
}

/// ONISEP's label of an item (empty when the data never had it).
async fn label_of(conn: &mut AnyConnection, item: ItemId) -> Result<String, sqlx::Error> {
    let table = match item {
        ItemId::Metier(_) => "onisep_metiers",
        ItemId::Formation(_) => "onisep_formations",
    };
    let label: Option<String> =
        sqlx::query_scalar(&format!("SELECT label FROM {table} WHERE id = $1"))
            .bind(item.to_string())
            .fetch_optional(conn)
            .await?;
    Ok(label.unwrap_or_default())
}

/// Whom the pupil may share her plan with: the counsellors of her school, then her guardians
/// whose link lives.
pub async fn may_share_with(db: &Db, owner: AccountId) -> Result<Vec<Person>, PlanError> {
    use crate::portfolio::feedback_store::{counsellors_for, FeedbackError};
    use crate::sharing::guardianship_store::{live_guardians, GuardianshipError};
    let mut people = match counsellors_for(db, owner).await {
        Ok(counsellors) => counsellors,
        Err(FeedbackError::Database(error)) => return Err(error.into()),
        Err(_) => Vec::new(),
    };
    match live_guardians(db, owner).await {
        Ok(guardians) => people.extend(guardians),
        Err(GuardianshipError::Database(error)) => return Err(error.into()),
        Err(_) => {}
    }
    Ok(people)
}

/// Shares the pupil's plan with a counsellor of her school or a guardian whose link lives (no
/// one else: `UnknownPerson`); sharing again changes nothing and writes no line.
pub async fn share(db: &Db, owner: AccountId, viewer: AccountId) -> Result<(), PlanError> {
    if !may_share_with(db, owner)
        .await?
        .iter()
        .any(|p| p.id == viewer)
    {
        return Err(PlanError::UnknownPerson);
    }
    let mut tx = db.pool().begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO guidance_plan_grants (owner_id, viewer_id, granted_at) VALUES ($1, $2, $3) \
         ON CONFLICT (owner_id, viewer_id) DO NOTHING",
    )
    .bind(owner.get())
    .bind(viewer.get())
    .bind(now_unix())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 1 {
        let name = display_name_in(&mut tx, viewer).await?;
        journal(
            &mut tx,
            owner,
            owner,
            AuditAction::GuidancePlanShared,
            AuditDetail::name(name),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Takes the plan back from a counsellor or a guardian (nothing when it was not shared with
/// them).
pub async fn unshare(db: &Db, owner: AccountId, viewer: AccountId) -> Result<(), PlanError> {
    let mut tx = db.pool().begin().await?;
    let removed =
        sqlx::query("DELETE FROM guidance_plan_grants WHERE owner_id = $1 AND viewer_id = $2")
            .bind(owner.get())
            .bind(viewer.get())
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if removed == 1 {
        let name = display_name_in(&mut tx, viewer).await?;
        journal(
            &mut tx,
            owner,
            owner,
            AuditAction::GuidancePlanUnshared,
            AuditDetail::name(name),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Whom the pupil shares her plan with.
pub async fn shared_with(db: &Db, owner: AccountId) -> Result<Vec<Person>, PlanError> {
    let rows = sqlx::query(
        "SELECT a.id, a.given_name, a.family_name FROM guidance_plan_grants g \
         JOIN accounts a ON a.id = g.viewer_id WHERE g.owner_id = $1 \
         ORDER BY a.family_name, a.given_name",
    )
    .bind(owner.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Person {
                id: AccountId::from_db(row.try_get("id")?),
                name: format!(
                    "{} {}",
                    row.try_get::<String, _>("given_name")?,
                    row.try_get::<String, _>("family_name")?
                ),
            })
        })
        .collect()
}

/// The plans shared with a counsellor (of pupils of the schools they still serve) or a
/// guardian (while the link lives); the most recently shared first.
pub async fn shared_plans(db: &Db, viewer: AccountId) -> Result<Vec<SharedPlan>, PlanError> {
    let rows = sqlx::query(
        "SELECT p.id, p.given_name, p.family_name, p.school_level, g.granted_at, \
            (SELECT COUNT(*) FROM guidance_wishes w WHERE w.owner_id = p.id) AS wishes, \
            (SELECT COUNT(*) FROM guidance_favourites f WHERE f.owner_id = p.id) AS favourites, \
            (SELECT COUNT(*) FROM guidance_recommendations r \
              WHERE r.pupil_id = p.id AND r.answer IS NULL) AS unanswered \
         FROM guidance_plan_grants g JOIN accounts p ON p.id = g.owner_id \
         WHERE g.viewer_id = $1 AND (EXISTS (SELECT 1 FROM counsellor_schools cs \
           WHERE cs.account_id = $1 AND cs.school_uai = p.school_uai) \
           OR EXISTS (SELECT 1 FROM guardian_links l WHERE l.guardian_id = $1 \
           AND l.student_id = p.id AND (l.ends_on IS NULL OR l.ends_on > $2))) \
         ORDER BY g.granted_at DESC, p.id",
    )
    .bind(viewer.get())
    .bind(crate::time::paris_iso_date(now_unix()))
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(SharedPlan {
                pupil: AccountId::from_db(row.try_get("id")?),
                name: format!(
                    "{} {}",
                    row.try_get::<String, _>("given_name")?,
                    row.try_get::<String, _>("family_name")?
                ),
                level: row.try_get("school_level")?,
                shared_at: row.try_get("granted_at")?,
                wishes: row.try_get("wishes")?,
                favourites: row.try_get("favourites")?,
                unanswered: row.try_get("unanswered")?,
            })
        })
        .collect()
}

/// A counsellor opened a pupil's shared plan: a line in her journal (coalesced per hour).
pub async fn plan_viewed(
    db: &Db,
    counsellor: AccountId,
    pupil: AccountId,
) -> Result<(), PlanError> {
    let mut tx = db.pool().begin().await?;
    audit::count_view(
        &mut tx,
        pupil,
        Some(counsellor),
        AuditAction::GuidancePlanViewed,
        &AuditDetail::Nothing,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A counsellor recommends a métier or formation to a pupil who shares her plan with them:
/// an item of ONISEP's data (`UnknownItem`), at most [`UNANSWERED_MAX`] waiting; a line in her
/// journal, in the counsellor's name.
pub async fn recommend(
    db: &Db,
    counsellor: AccountId,
    pupil: AccountId,
    item: ItemId,
    note: &FavouriteNote,
) -> Result<RecommendationId, PlanError> {
    let mut tx = db.pool().begin().await?;
    check_grant(&mut tx, pupil, counsellor).await?;
    let label = label_of(&mut tx, item).await?;
    if label.is_empty() {
        return Err(PlanError::UnknownItem);
    }
    let waiting: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM guidance_recommendations WHERE pupil_id = $1 AND answer IS NULL",
    )
    .bind(pupil.get())
    .fetch_one(&mut *tx)
    .await?;
    if waiting as usize >= UNANSWERED_MAX {
        return Err(PlanError::TooManyRecommendations);
    }
    let author = display_name_in(&mut tx, counsellor).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO guidance_recommendations \
           (pupil_id, author_id, author_name, item_id, note, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(pupil.get())
    .bind(counsellor.get())
    .bind(author)
    .bind(item.to_string())
    .bind(note.as_str())
    .bind(now_unix())
    .fetch_one(&mut *tx)
    .await?;
    journal(
        &mut tx,
        counsellor,
        pupil,
        AuditAction::GuidanceRecommended,
        AuditDetail::name(short(label)),
    )
    .await?;
    tx.commit().await?;
    Ok(RecommendationId::from_db(id))
}

/// A pupil's recommendations, the unanswered first, then the latest.
pub async fn recommendations(db: &Db, pupil: AccountId) -> Result<Vec<Recommendation>, PlanError> {
    let rows = sqlx::query(
        "SELECT r.id, r.item_id, r.note, r.created_at, r.answer, \
                COALESCE(m.label, f.label, '') AS label, COALESCE(f.type_label, '') AS type_label, \
                r.author_name \
         FROM guidance_recommendations r \
         LEFT JOIN onisep_metiers m ON m.id = r.item_id \
         LEFT JOIN onisep_formations f ON f.id = r.item_id \
         WHERE r.pupil_id = $1 \
         ORDER BY CASE WHEN r.answer IS NULL THEN 0 ELSE 1 END, r.created_at DESC, r.id DESC",
    )
    .bind(pupil.get())
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let id: String = row.try_get("item_id")?;
        let Some(item) = ItemId::parse(&id) else {
            continue;
        };
        let answer: Option<String> = row.try_get("answer")?;
        out.push(Recommendation {
            id: RecommendationId::from_db(row.try_get("id")?),
            item,
            label: row.try_get("label")?,
            type_label: row.try_get("type_label")?,
            note: row.try_get("note")?,
            author: row.try_get("author_name")?,
            created_at: row.try_get("created_at")?,
            answer: answer.as_deref().and_then(Answer::parse),
        });
    }
    Ok(out)
}

/// The pupil answers one of her recommendations, once: accepted, it becomes a favourite (her
/// note kept when it was one already); another's, or answered: `UnknownRecommendation`.
pub async fn answer(
    db: &Db,
    pupil: AccountId,
    recommendation: RecommendationId,
    answer: Answer,
) -> Result<(), PlanError> {
    let mut tx = db.pool().begin().await?;
    let row = sqlx::query(
        "SELECT item_id FROM guidance_recommendations WHERE id = $1 AND pupil_id = $2 AND answer IS NULL",
    )
    .bind(recommendation.get())
    .bind(pupil.get())
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(PlanError::UnknownRecommendation)?;
    let item = ItemId::parse(&row.try_get::<String, _>("item_id")?)
        .ok_or(PlanError::UnknownRecommendation)?;
    sqlx::query("UPDATE guidance_recommendations SET answer = $1, answered_at = $2 WHERE id = $3")
        .bind(answer.key())
        .bind(now_unix())
        .bind(recommendation.get())
        .execute(&mut *tx)
        .await?;
    let action = match answer {
        Answer::Accepted => {
            save_favourite_in(&mut tx, pupil, item, None).await?;
            AuditAction::GuidanceRecommendationAccepted
        }
        Answer::Declined => AuditAction::GuidanceRecommendationDeclined,
    };
    let label = label_of(&mut tx, item).await?;
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
