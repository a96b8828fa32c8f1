//! Writing and reading `orientation.json`: the export reads the pupil's guidance data; the
//! import adds a document's inside the caller's transaction.

use super::{
    ExportComment, ExportFavourite, ExportRecommendation, ExportStep, ExportStepRecommendation,
    ExportWishEvidence, ExportWishes, GuidanceDocument, GuidanceImported, FORMAT, VERSION,
};
use crate::db::Db;
use crate::guidance::calendar::Decision;
use crate::guidance::plan::sharing::{Answer, CommentBody, COMMENTS_MAX, UNANSWERED_MAX};
use crate::guidance::plan::store::{exists as known, save_favourite_in, PlanError, INTERESTS_MAX};
use crate::guidance::plan::year::store::{add_step_in, add_wish_in, attach_entry_in, rules_on};
use crate::guidance::plan::year::{NewStep, WishChoice};
use crate::guidance::plan::{FavouriteNote, ItemId};
use crate::identity::AccountId;
use crate::portfolio::{EntryId, SchoolDate};
use sqlx::{AnyConnection, Row};

/// Why a guidance document is refused (the whole import with it).
#[derive(Debug, thiserror::Error)]
pub enum GuidanceArchiveError {
    /// Not a `sillage-guidance` document, an unknown version, or a value that no export writes
    /// (a malformed id, a note too long, an unknown decision).
    #[error("orientation.json is not a Sillage guidance document of a known version")]
    NotADocument,
    /// A limit passed: favourites, wishes of a decision, steps of a decision.
    #[error("the guidance data exceeds a limit")]
    TooMany,
    #[error(transparent)]
    Plan(PlanError),
}

impl From<PlanError> for GuidanceArchiveError {
    fn from(error: PlanError) -> Self {
        match error {
            PlanError::TooMany
            | PlanError::TooManyWishes { .. }
            | PlanError::TooManySteps
            | PlanError::TooMuchEvidence { .. } => GuidanceArchiveError::TooMany,
            other => GuidanceArchiveError::Plan(other),
        }
    }
}

impl From<sqlx::Error> for GuidanceArchiveError {
    fn from(error: sqlx::Error) -> Self {
        GuidanceArchiveError::Plan(PlanError::Database(error))
    }
}

/// The pupil's guidance data, as `orientation.json` holds it; `entries` are her portfolio
/// entries in `portfolio.json`'s order (what backs a wish names its index there).
pub async fn export(
    db: &Db,
    owner: AccountId,
    entries: &[EntryId],
) -> Result<GuidanceDocument, PlanError> {
    use crate::guidance::plan::{sharing, store};
    let favourites = store::favourites(db, owner)
        .await?
        .into_iter()
        .rev()
        .map(|f| ExportFavourite {
            item: f.item.to_string(),
            note: f.note,
        })
        .collect();
    let mut wishes = Vec::new();
    let mut steps = Vec::new();
    for &decision in Decision::ALL {
        let choices: Vec<String> = sqlx::query_scalar(
            "SELECT choice FROM guidance_wishes WHERE owner_id = $1 AND decision = $2 \
             ORDER BY position, choice",
        )
        .bind(owner.get())
        .bind(decision.key())
        .fetch_all(db.pool())
        .await?;
        if !choices.is_empty() {
            wishes.push(ExportWishes {
                decision: decision.key().to_owned(),
                choices,
            });
        }
        let rows = sqlx::query(
            "SELECT label, due_on, done FROM guidance_steps WHERE owner_id = $1 AND decision = $2 \
             ORDER BY id",
        )
        .bind(owner.get())
        .bind(decision.key())
        .fetch_all(db.pool())
        .await?;
        for row in rows {
            steps.push(ExportStep {
                decision: decision.key().to_owned(),
                label: row.try_get("label")?,
                due: row.try_get("due_on")?,
                done: row.try_get::<i64, _>("done")? != 0,
            });
        }
    }
    let recommendations = sharing::store::recommendations(db, owner)
        .await?
        .into_iter()
        .map(|r| ExportRecommendation {
            item: r.item.to_string(),
            note: r.note,
            author: r.author,
            created_at: r.created_at,
            answer: r.answer.map(|a| a.key().to_owned()),
        })
        .collect();
    // The comments as the pupil reads them (no reader's own: `owner` wrote none).
    let comments = sharing::counsel::comments(db, owner, owner)
        .await?
        .into_iter()
        .rev()
        .map(|c| ExportComment {
            author: c.author,
            body: c.body,
            created_at: c.created_at,
        })
        .collect();
    let recommended_steps = sharing::counsel::step_recommendations(db, owner)
        .await?
        .into_iter()
        .rev()
        .map(|r| ExportStepRecommendation {
            decision: r.decision.key().to_owned(),
            label: r.label,
            due: r.due.map(|d| d.to_string()),
            author: r.author,
            created_at: r.created_at,
            answer: r.answer.map(|a| a.key().to_owned()),
        })
        .collect();
    let rows = sqlx::query(
        "SELECT decision, choice, entry_id, note FROM guidance_wish_evidence WHERE owner_id = $1 \
         ORDER BY decision, choice, created_at, entry_id",
    )
    .bind(owner.get())
    .fetch_all(db.pool())
    .await?;
    let mut wish_evidence = Vec::with_capacity(rows.len());
    for row in rows {
        let entry = EntryId::from_db(row.try_get("entry_id")?);
        if let Some(index) = entries.iter().position(|e| *e == entry) {
            wish_evidence.push(ExportWishEvidence {
                decision: row.try_get("decision")?,
                choice: row.try_get("choice")?,
                entry: index,
                note: row.try_get("note")?,
            });
        }
    }
    Ok(GuidanceDocument {
        format: FORMAT.to_owned(),
        version: VERSION,
        favourites,
        interests: store::interests(db, owner).await?,
        dismissed: store::dismissed(db, owner)
            .await?
            .into_iter()
            .map(|(item, _)| item.to_string())
            .collect(),
        wishes,
        steps,
        recommendations,
        comments,
        recommended_steps,
        wish_evidence,
    })
}

/// Reads a document's bytes: its format and version only (values are checked as they are
/// added).
pub fn parse(bytes: &[u8]) -> Result<GuidanceDocument, GuidanceArchiveError> {
    super::parse(bytes).ok_or(GuidanceArchiveError::NotADocument)
}

fn decision(key: &str) -> Result<Decision, GuidanceArchiveError> {
    Decision::parse(key).ok_or(GuidanceArchiveError::NotADocument)
}

/// Adds a document's guidance data to the owner's, inside the caller's transaction; `entries`
/// are the ids the portfolio import gave `portfolio.json`'s entries, in its order.
pub async fn import_in(
    conn: &mut AnyConnection,
    owner: AccountId,
    today: SchoolDate,
    document: &GuidanceDocument,
    entries: &[EntryId],
) -> Result<GuidanceImported, GuidanceArchiveError> {
    let mut imported = GuidanceImported::default();
    for favourite in &document.favourites {
        let item = ItemId::parse(&favourite.item).ok_or(GuidanceArchiveError::NotADocument)?;
        let note = FavouriteNote::parse(&favourite.note)
            .map_err(|_| GuidanceArchiveError::NotADocument)?;
        if !known(&mut *conn, item).await? {
            imported.left_out += 1;
            continue;
        }
        save_favourite_in(&mut *conn, owner, item, Some(&note)).await?;
        imported.added += 1;
    }
    let domaines: Vec<String> = sqlx::query_scalar(
        "SELECT domaine FROM onisep_metier_domains UNION SELECT domaine FROM onisep_formation_domains",
    )
    .fetch_all(&mut *conn)
    .await?;
    for domaine in &document.interests {
        if !domaines.contains(domaine) {
            imported.left_out += 1;
            continue;
        }
        sqlx::query(
            "INSERT INTO guidance_interests (owner_id, domaine) VALUES ($1, $2) \
             ON CONFLICT (owner_id, domaine) DO NOTHING",
        )
        .bind(owner.get())
        .bind(domaine)
        .execute(&mut *conn)
        .await?;
        imported.added += 1;
    }
    let interests: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM guidance_interests WHERE owner_id = $1")
            .bind(owner.get())
            .fetch_one(&mut *conn)
            .await?;
    if interests as usize > INTERESTS_MAX {
        return Err(GuidanceArchiveError::TooMany);
    }
    for id in &document.dismissed {
        let item = ItemId::parse(id).ok_or(GuidanceArchiveError::NotADocument)?;
        if !known(&mut *conn, item).await? {
            continue;
        }
        sqlx::query(
            "INSERT INTO guidance_dismissed (owner_id, item_id, dismissed_at) VALUES ($1, $2, $3) \
             ON CONFLICT (owner_id, item_id) DO NOTHING",
        )
        .bind(owner.get())
        .bind(item.to_string())
        .bind(crate::db::now_unix())
        .execute(&mut *conn)
        .await?;
    }
    for wishes in &document.wishes {
        let rules = rules_on(today, decision(&wishes.decision)?);
        for text in &wishes.choices {
            let choice = WishChoice::parse(text).ok_or(GuidanceArchiveError::NotADocument)?;
            match add_wish_in(&mut *conn, owner, rules, &choice).await {
                Ok(()) => imported.added += 1,
                // This instance's calendar or ONISEP data cannot place it.
                Err(PlanError::UnknownChoice | PlanError::UnknownItem) => imported.left_out += 1,
                Err(other) => return Err(other.into()),
            }
        }
    }
    for step in &document.steps {
        let parsed = NewStep::parse(&step.label, step.due.as_deref().unwrap_or(""))
            .map_err(|_| GuidanceArchiveError::NotADocument)?;
        add_step_in(
            &mut *conn,
            owner,
            decision(&step.decision)?,
            &parsed,
            step.done,
        )
        .await?;
        imported.added += 1;
    }
    for recommendation in &document.recommendations {
        let item = ItemId::parse(&recommendation.item).ok_or(GuidanceArchiveError::NotADocument)?;
        let note = FavouriteNote::parse(&recommendation.note)
            .map_err(|_| GuidanceArchiveError::NotADocument)?;
        let answer = answer_of(recommendation.answer.as_deref())?;
        if !known(&mut *conn, item).await? {
            imported.left_out += 1;
            continue;
        }
        // History: by the name it had, from no account of this instance.
        sqlx::query(
            "INSERT INTO guidance_recommendations \
               (pupil_id, author_id, author_name, item_id, note, created_at, answer, answered_at) \
             VALUES ($1, NULL, $2, $3, $4, $5, $6, $7)",
        )
        .bind(owner.get())
        .bind(crate::audit::short(recommendation.author.as_str()))
        .bind(item.to_string())
        .bind(note.as_str())
        .bind(recommendation.created_at)
        .bind(answer.map(Answer::key))
        .bind(answer.map(|_| recommendation.created_at))
        .execute(&mut *conn)
        .await?;
        imported.added += 1;
    }
    import_counsel_in(conn, owner, document, &mut imported).await?;
    for backing in &document.wish_evidence {
        let decision = decision(&backing.decision)?;
        let choice =
            WishChoice::parse(&backing.choice).ok_or(GuidanceArchiveError::NotADocument)?;
        let entry = *entries
            .get(backing.entry)
            .ok_or(GuidanceArchiveError::NotADocument)?;
        let note =
            FavouriteNote::parse(&backing.note).map_err(|_| GuidanceArchiveError::NotADocument)?;
        match attach_entry_in(&mut *conn, owner, decision, &choice, entry, &note).await {
            Ok(()) => imported.added += 1,
            // Its wish was left out (an option or formation this instance cannot place).
            Err(PlanError::UnknownWish) => imported.left_out += 1,
            Err(other) => return Err(other.into()),
        }
    }
    Ok(imported)
}

fn answer_of(key: Option<&str>) -> Result<Option<Answer>, GuidanceArchiveError> {
    match key {
        None => Ok(None),
        Some(key) => Ok(Some(
            Answer::parse(key).ok_or(GuidanceArchiveError::NotADocument)?,
        )),
    }
}

/// Counsellors' comments and recommended steps: history, by the names they had, from no
/// account of this instance; the plan's limits hold (comments, steps waiting).
async fn import_counsel_in(
    conn: &mut AnyConnection,
    owner: AccountId,
    document: &GuidanceDocument,
    imported: &mut GuidanceImported,
) -> Result<(), GuidanceArchiveError> {
    for comment in &document.comments {
        let body =
            CommentBody::parse(&comment.body).map_err(|_| GuidanceArchiveError::NotADocument)?;
        sqlx::query(
            "INSERT INTO guidance_plan_comments (pupil_id, author_id, author_name, body, created_at) \
             VALUES ($1, NULL, $2, $3, $4)",
        )
        .bind(owner.get())
        .bind(crate::audit::short(comment.author.as_str()))
        .bind(body.as_str())
        .bind(comment.created_at)
        .execute(&mut *conn)
        .await?;
        imported.added += 1;
    }
    for step in &document.recommended_steps {
        let decision = decision(&step.decision)?;
        let parsed = NewStep::parse(&step.label, step.due.as_deref().unwrap_or(""))
            .map_err(|_| GuidanceArchiveError::NotADocument)?;
        let answer = answer_of(step.answer.as_deref())?;
        sqlx::query(
            "INSERT INTO guidance_step_recommendations \
               (pupil_id, author_id, author_name, decision, label, due_on, created_at, answer, \
                answered_at) \
             VALUES ($1, NULL, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(owner.get())
        .bind(crate::audit::short(step.author.as_str()))
        .bind(decision.key())
        .bind(parsed.label())
        .bind(parsed.due().map(|d| d.to_string()))
        .bind(step.created_at)
        .bind(answer.map(Answer::key))
        .bind(answer.map(|_| step.created_at))
        .execute(&mut *conn)
        .await?;
        imported.added += 1;
    }
    let comments: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM guidance_plan_comments WHERE pupil_id = $1")
            .bind(owner.get())
            .fetch_one(&mut *conn)
            .await?;
    let waiting: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM guidance_step_recommendations WHERE pupil_id = $1 AND answer IS NULL",
    )
    .bind(owner.get())
    .fetch_one(&mut *conn)
    .await?;
    if comments as usize > COMMENTS_MAX || waiting as usize > UNANSWERED_MAX {
        return Err(GuidanceArchiveError::TooMany);
    }
    Ok(())
}
