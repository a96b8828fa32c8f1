//! Storage of Pix results: a student's history, certifications typed in, a counsellor's import
//! of a campaign export (draft → preview → one transaction), and a class's distribution.
//!
//! An import is idempotent: a pupil has at most one result per campaign (a unique index), a
//! line equal to what is stored changes nothing, and the whole file goes in one transaction
//! with one journal line per pupil whose results changed.

use super::certification::{CertificationDraft, CertificationProblem, RawCertification};
use super::draft::{self, UnreadableDraft};
use super::matching::{self, ImportPlan, LineOutcome, Planner, Pupil, StoredCampaignResult};
pub use super::matching::{ImportPreview, ImportSummary};
use super::orga_csv::{self, CsvProblem, ReadSummary};
use super::results::{
    decode_scores, encode_scores, Certification, ClassDistribution, CompetenceScore, PixHistory,
    PixResult,
};
pub use super::results::{ClassPupil, ClassView};
use super::{CertificationLevel, ResultSource, CURRENT_MAX_LEVEL};
use crate::audit::{self, short, AuditAction, AuditDetail, NewAuditEvent};
use crate::db::{now_unix, Db};
use crate::identity::AccountId;
use crate::portfolio::frameworks::Framework;
use sqlx::{AnyConnection, Row};
use std::collections::{BTreeSet, HashMap};

mod import;
pub use import::{
    confirm_import, delete_expired_drafts, preview, save_upload, MAX_DRAFTS_PER_COUNSELLOR,
};

#[derive(Debug, thiserror::Error)]
pub enum PixError {
    #[error("no such result or import (introuvable)")]
    NotFound,
    #[error("the certification has problems: {0:?}")]
    Invalid(Vec<CertificationProblem>),
    /// The file has problems: nothing can be imported until it is fixed.
    #[error("the file has {} problem(s)", .0.len())]
    FileRefused(Vec<CsvProblem>),
    /// A draft this version cannot read (kept by an older one): the counsellor uploads again.
    #[error(transparent)]
    UnreadableDraft(#[from] UnreadableDraft),
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("journal error")]
    Audit(#[from] audit::AuditError),
}

/// The rows of a result's competences, read into results.
fn source_of(row: &sqlx::any::AnyRow) -> Result<ResultSource, sqlx::Error> {
    let source: String = row.try_get("source")?;
    Ok(match source.as_str() {
        "orga" => ResultSource::OrgaCampaign {
            campaign_id: row.try_get("campaign_id")?,
            name: row.try_get("campaign_name")?,
        },
        "certification" => ResultSource::Certification,
        _ => ResultSource::Manual,
    })
}

/// The `scores` column, read.
fn scores_of(row: &sqlx::any::AnyRow) -> Result<Vec<CompetenceScore>, sqlx::Error> {
    let text: String = row.try_get("scores")?;
    decode_scores(&text).ok_or_else(|| {
        sqlx::Error::Decode(format!("pix_results.scores is not a scores text: {text:?}").into())
    })
}

fn small(value: i64) -> u16 {
    u16::try_from(value).unwrap_or(u16::MAX)
}

/// A student's whole history, oldest first.
#[tracing::instrument(name = "pix.history", skip(db))]
pub async fn history(db: &Db, student: AccountId) -> Result<PixHistory, PixError> {
    let rows = sqlx::query(
        "SELECT id, taken_on, taken_at, source, campaign_id, campaign_name, total_pix, max_level,
                certification_score, verification_code, scores
         FROM pix_results WHERE student_id = $1",
    )
    .bind(student.get())
    .fetch_all(db.pool())
    .await?;
    let mut results = Vec::with_capacity(rows.len());
    for row in &rows {
        let id: i64 = row.try_get("id")?;
        let certification = match (
            row.try_get::<Option<i64>, _>("certification_score")?,
            row.try_get::<Option<String>, _>("verification_code")?,
        ) {
            (Some(score), Some(code)) => {
                CertificationLevel::from_score(small(score)).map(|level| Certification {
                    score: small(score),
                    level,
                    verification_code: code,
                })
            }
            _ => None,
        };
        results.push(PixResult {
            id: super::PixResultId::from_db(id),
            taken_on: row.try_get("taken_on")?,
            taken_at: row.try_get("taken_at")?,
            source: source_of(row)?,
            total_pix: row.try_get::<Option<i64>, _>("total_pix")?.map(small),
            max_level: u8::try_from(row.try_get::<i64, _>("max_level")?).unwrap_or(0),
            certification,
            competences: scores_of(row)?,
        });
    }
    Ok(PixHistory::new(results))
}

/// Whether `actor` may record a result for `student`: the student themself, or a counsellor of
/// their school.
async fn may_record(
    conn: &mut AnyConnection,
    actor: AccountId,
    student: AccountId,
) -> Result<bool, sqlx::Error> {
    let row = sqlx::query(
        "SELECT 1 AS ok FROM accounts s WHERE s.id = $1 AND s.role = 'student' AND (s.id = $2 OR EXISTS (
             SELECT 1 FROM counsellor_schools cs JOIN accounts c ON c.id = cs.account_id
             WHERE cs.account_id = $2 AND cs.school_uai = s.school_uai
               AND c.role IN ('counsellor', 'admin')))",
    )
    .bind(student.get())
    .bind(actor.get())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.is_some())
}

/// Records a certification for `student` (by them, or by a counsellor of their school).
#[tracing::instrument(name = "pix.record_certification", skip(db, raw, framework))]
pub async fn record_certification(
    db: &Db,
    actor: AccountId,
    student: AccountId,
    raw: &RawCertification,
    framework: &Framework,
) -> Result<i64, PixError> {
    let today = crate::sharing::guardianship_store::today();
    let draft = CertificationDraft::parse(raw, framework, &today).map_err(PixError::Invalid)?;
    let mut tx = db.pool().begin().await?;
    if !may_record(&mut tx, actor, student).await? {
        return Err(PixError::NotFound);
    }
    let now = now_unix();
    let id: i64 = sqlx::query(
        "INSERT INTO pix_results (student_id, taken_on, source, campaign_id, campaign_name, class_name,
             total_pix, max_level, certification_score, verification_code, scores, recorded_by,
             created_at, updated_at)
         VALUES ($1, $2, 'certification', '', '', NULL, NULL, $3, $4, $5, $8, $6, $7, $7) RETURNING id",
    )
    .bind(student.get())
    .bind(draft.taken_on())
    .bind(i64::from(draft.max_level()))
    .bind(i64::from(draft.score()))
    .bind(draft.code().as_str())
    .bind(actor.get())
    .bind(now)
    .bind(encode_scores(draft.competences()))
    .fetch_one(&mut *tx)
    .await?
    .try_get("id")?;
    audit::append(
        &mut tx,
        &NewAuditEvent {
            actor: Some(actor),
            owner: Some(student),
            action: AuditAction::PixResultRecorded,
            detail: AuditDetail::PixCertification {
                date: draft.taken_on().to_string(),
                score: draft.score(),
            },
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Deletes one of the student's own results (a mistyped certification, an import they dispute).
#[tracing::instrument(name = "pix.delete", skip(db))]
pub async fn delete_result(
    db: &Db,
    student: AccountId,
    result: super::PixResultId,
) -> Result<(), PixError> {
    let mut tx = db.pool().begin().await?;
    let row =
        sqlx::query("DELETE FROM pix_results WHERE id = $1 AND student_id = $2 RETURNING taken_on")
            .bind(result.get())
            .bind(student.get())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(PixError::NotFound)?;
    let taken_on: String = row.try_get("taken_on")?;
    audit::append(
        &mut tx,
        &NewAuditEvent {
            actor: Some(student),
            owner: Some(student),
            action: AuditAction::PixResultDeleted,
            detail: AuditDetail::PixResult {
                date: taken_on.to_string(),
            },
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The latest campaign result of each pupil of the counsellor's schools (only campaign
/// results: those are what the school's Pix Orga already gave it; a pupil's certifications and
/// typed results reach a counsellor only on a page the pupil shares).
#[tracing::instrument(name = "pix.class_view", skip(db, framework))]
pub async fn class_view(
    db: &Db,
    framework: &Framework,
    counsellor: AccountId,
    class: Option<&str>,
    campaign: Option<&str>,
) -> Result<ClassView, PixError> {
    let rows = sqlx::query(
        "SELECT r.student_id, r.taken_on, r.class_name, r.total_pix, r.campaign_id,
                r.campaign_name, r.scores, a.given_name, a.family_name
         FROM pix_results r JOIN accounts a ON a.id = r.student_id
         JOIN counsellor_schools cs ON cs.school_uai = a.school_uai AND cs.account_id = $1
         WHERE r.source = 'orga' ORDER BY r.taken_on, r.id",
    )
    .bind(counsellor.get())
    .fetch_all(db.pool())
    .await?;
    let mut classes = BTreeSet::new();
    let mut campaigns: Vec<(String, String)> = Vec::new();
    // The latest matching result per pupil.
    let mut latest: HashMap<i64, (ClassPupil, Vec<CompetenceScore>)> = HashMap::new();
    for row in &rows {
        let class_name: Option<String> = row.try_get("class_name")?;
        let campaign_id: String = row.try_get("campaign_id")?;
        if let Some(c) = &class_name {
            classes.insert(c.clone());
        }
        if !campaigns.iter().any(|(id, _)| *id == campaign_id) {
            campaigns.push((campaign_id.clone(), row.try_get("campaign_name")?));
        }
        if class.is_some_and(|wanted| class_name.as_deref() != Some(wanted))
            || campaign.is_some_and(|wanted| campaign_id != wanted)
        {
            continue;
        }
        let given: String = row.try_get("given_name")?;
        let family: String = row.try_get("family_name")?;
        let student: i64 = row.try_get("student_id")?;
        latest.insert(
            student,
            (
                ClassPupil {
                    id: AccountId::from_db(student),
                    name: format!("{family} {given}"),
                    class: class_name,
                    taken_on: row.try_get("taken_on")?,
                    total_pix: row.try_get::<Option<i64>, _>("total_pix")?.map(small),
                },
                scores_of(row)?,
            ),
        );
    }
    let distribution = ClassDistribution::count(
        framework,
        latest.values().map(|(_, scores)| scores.as_slice()),
    );
    let mut pupils: Vec<ClassPupil> = latest.into_values().map(|(p, _)| p).collect();
    pupils.sort_by(|a, b| a.class.cmp(&b.class).then(a.name.cmp(&b.name)));
    // Each pupil whose results the counsellor sees reads it in their journal (once an hour).
    let views: Vec<audit::View> = pupils
        .iter()
        .map(|pupil| audit::View {
            owner: pupil.id,
            actor: Some(counsellor),
            action: AuditAction::ClassViewed,
            subject: &AuditDetail::Nothing,
        })
        .collect();
    let mut tx = db.pool().begin().await?;
    audit::count_views(&mut tx, &views).await?;
    tx.commit().await?;
    Ok(ClassView {
        classes: classes.into_iter().collect(),
        campaigns,
        pupils,
        distribution,
    })
}
