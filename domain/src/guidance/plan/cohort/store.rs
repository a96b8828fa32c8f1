//! What the overview reads: the pupils of the counsellor's schools who share their plan with
//! them, their wishes and steps by decision, and their domaines, counted in SQL.

use super::{summarise, Cohort, PupilFacts};
use crate::db::Db;
use crate::guidance::calendar::{self, Decision, SchoolYear};
use crate::guidance::plan::store::PlanError;
use crate::identity::AccountId;
use crate::portfolio::SchoolDate;
use sqlx::Row;
use std::collections::BTreeMap;

/// The pupils who share with `viewer`, of the schools they serve (`$1`).
const SHARING_PUPILS: &str = "SELECT g.owner_id FROM guidance_plan_grants g \
     JOIN accounts p ON p.id = g.owner_id \
     WHERE g.viewer_id = $1 AND EXISTS (SELECT 1 FROM counsellor_schools cs \
       WHERE cs.account_id = $1 AND cs.school_uai = p.school_uai)";

/// owner → decision → count, for a table of the plan.
async fn counts_by_decision(
    db: &Db,
    table: &str,
    viewer: AccountId,
) -> Result<BTreeMap<i64, BTreeMap<Decision, usize>>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT owner_id, decision, COUNT(*) AS n FROM {table} \
         WHERE owner_id IN ({SHARING_PUPILS}) GROUP BY owner_id, decision"
    ))
    .bind(viewer.get())
    .fetch_all(db.pool())
    .await?;
    let mut out: BTreeMap<i64, BTreeMap<Decision, usize>> = BTreeMap::new();
    for row in rows {
        let decision: String = row.try_get("decision")?;
        if let Some(decision) = Decision::parse(&decision) {
            let n: i64 = row.try_get("n")?;
            out.entry(row.try_get("owner_id")?)
                .or_default()
                .insert(decision, n as usize);
        }
    }
    Ok(out)
}

/// The counsellor's overview on `today`.
pub async fn cohort(db: &Db, viewer: AccountId, today: SchoolDate) -> Result<Cohort, PlanError> {
    let pupils = sqlx::query(&format!(
        "SELECT id, school_level FROM accounts WHERE id IN ({SHARING_PUPILS})"
    ))
    .bind(viewer.get())
    .fetch_all(db.pool())
    .await?;
    let mut wishes = counts_by_decision(db, "guidance_wishes", viewer).await?;
    let mut steps = counts_by_decision(db, "guidance_steps", viewer).await?;
    let mut facts = Vec::with_capacity(pupils.len());
    for row in pupils {
        let id: i64 = row.try_get("id")?;
        facts.push(PupilFacts {
            level: row.try_get("school_level")?,
            wishes: wishes.remove(&id).unwrap_or_default(),
            steps: steps.remove(&id).unwrap_or_default(),
        });
    }
    let domaines = sqlx::query(&format!(
        "SELECT domaine, COUNT(*) AS n FROM guidance_interests \
         WHERE owner_id IN ({SHARING_PUPILS}) GROUP BY domaine"
    ))
    .bind(viewer.get())
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|row| {
        let n: i64 = row.try_get("n")?;
        Ok((row.try_get("domaine")?, n as usize))
    })
    .collect::<Result<Vec<(String, usize)>, sqlx::Error>>()?;
    let (calendar, dated) = calendar::for_year(SchoolYear::of(today));
    Ok(summarise(
        &facts,
        &domaines,
        dated.then_some(calendar),
        today,
    ))
}
