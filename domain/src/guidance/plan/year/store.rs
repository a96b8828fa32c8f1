//! Storage of the plan by school year: wishes in order and steps, one row each, the pupil's;
//! every statement names the owner, so a pupil reaches only her own. Each change is one
//! transaction.

use super::{
    DecisionPlan, Move, NewStep, Step, StepId, Wish, WishChoice, WishEvidence, YearPlan, STEPS_MAX,
};
use crate::db::{now_unix, Db};
use crate::guidance::calendar::{self, Decision, DecisionRules, SchoolYear};
use crate::guidance::onisep::FormationId;
use crate::guidance::plan::store::PlanError;
use crate::identity::{AccountId, Grade};
use crate::portfolio::EntryId;
use crate::portfolio::SchoolDate;
use sqlx::Row;

mod evidence;
pub(crate) use evidence::attach_entry_in;
pub use evidence::{attach_entry, detach_entry};

/// The rules of a decision on a day: the calendar of that day's school year.
pub fn rules_on(today: SchoolDate, decision: Decision) -> &'static DecisionRules {
    calendar::for_year(SchoolYear::of(today))
        .0
        .rules(decision)
        .expect("every calendar describes every decision")
}

/// Adds a wish at the end of the decision's list (nothing when it is there already): an
/// option of the year's calendar, or an ONISEP formation when the decision takes them; at
/// most the decision's `wishes_max`. One transaction.
pub async fn add_wish(
    db: &Db,
    owner: AccountId,
    today: SchoolDate,
    decision: Decision,
    choice: &WishChoice,
) -> Result<(), PlanError> {
    let mut tx = db.pool().begin().await?;
    add_wish_in(&mut tx, owner, rules_on(today, decision), choice).await?;
    tx.commit().await?;
    Ok(())
}

/// [`add_wish`] inside the caller's transaction.
pub(crate) async fn add_wish_in(
    conn: &mut sqlx::AnyConnection,
    owner: AccountId,
    rules: &DecisionRules,
    choice: &WishChoice,
) -> Result<(), PlanError> {
    let decision = rules.decision;
    match choice {
        WishChoice::Option(code) if rules.option(code).is_none() => {
            return Err(PlanError::UnknownChoice)
        }
        WishChoice::Option(_) => {}
        WishChoice::Formation(_) if !rules.formations => return Err(PlanError::UnknownChoice),
        WishChoice::Formation(id) => {
            let found: Option<String> =
                sqlx::query_scalar("SELECT id FROM onisep_formations WHERE id = $1")
                    .bind(id.to_string())
                    .fetch_optional(&mut *conn)
                    .await?;
            if found.is_none() {
                return Err(PlanError::UnknownItem);
            }
        }
    }
    let (count, last): (i64, Option<i64>) = {
        let row = sqlx::query(
            "SELECT COUNT(*) AS n, MAX(position) AS last FROM guidance_wishes \
             WHERE owner_id = $1 AND decision = $2",
        )
        .bind(owner.get())
        .bind(decision.key())
        .fetch_one(&mut *conn)
        .await?;
        (row.try_get("n")?, row.try_get("last")?)
    };
    let already: Option<i64> = sqlx::query_scalar(
        "SELECT position FROM guidance_wishes WHERE owner_id = $1 AND decision = $2 AND choice = $3",
    )
    .bind(owner.get())
    .bind(decision.key())
    .bind(choice.to_string())
    .fetch_optional(&mut *conn)
    .await?;
    if already.is_some() {
        return Ok(());
    }
    if count as usize >= rules.wishes_max {
        return Err(PlanError::TooManyWishes {
            max: rules.wishes_max,
        });
    }
    sqlx::query(
        "INSERT INTO guidance_wishes (owner_id, decision, choice, position, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(owner.get())
    .bind(decision.key())
    .bind(choice.to_string())
    .bind(last.unwrap_or(0) + 1)
    .bind(now_unix())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The decision's wishes in order: (choice, position).
async fn positions(
    conn: &mut sqlx::AnyConnection,
    owner: AccountId,
    decision: Decision,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT choice, position FROM guidance_wishes WHERE owner_id = $1 AND decision = $2 \
         ORDER BY position, choice",
    )
    .bind(owner.get())
    .bind(decision.key())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("choice")?, row.try_get("position")?)))
        .collect()
}

/// Moves a wish one place up or down (nothing at either end); unknown wish: `UnknownWish`.
pub async fn move_wish(
    db: &Db,
    owner: AccountId,
    decision: Decision,
    choice: &WishChoice,
    direction: Move,
) -> Result<(), PlanError> {
    let mut tx = db.pool().begin().await?;
    let list = positions(&mut tx, owner, decision).await?;
    let wanted = choice.to_string();
    let at = list
        .iter()
        .position(|(c, _)| *c == wanted)
        .ok_or(PlanError::UnknownWish)?;
    let other = match direction {
        Move::Up if at > 0 => at - 1,
        Move::Down if at + 1 < list.len() => at + 1,
        _ => return Ok(()),
    };
    // Positions are rewritten 1..n in the new order: no two rows ever share one.
    let mut order: Vec<&str> = list.iter().map(|(c, _)| c.as_str()).collect();
    order.swap(at, other);
    for (n, choice) in order.iter().enumerate() {
        sqlx::query(
            "UPDATE guidance_wishes SET position = $1 WHERE owner_id = $2 AND decision = $3 AND choice = $4",
        )
        .bind(n as i64 + 1)
        .bind(owner.get())
        .bind(decision.key())
        .bind(*choice)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Removes a wish (nothing when it is not one).
pub async fn remove_wish(
    db: &Db,
    owner: AccountId,
    decision: Decision,
    choice: &WishChoice,
) -> Result<(), PlanError> {
    sqlx::query(
        "DELETE FROM guidance_wishes WHERE owner_id = $1 AND decision = $2 AND choice = $3",
    )
    .bind(owner.get())
    .bind(decision.key())
    .bind(choice.to_string())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Adds a step to a decision: at most [`STEPS_MAX`]. One transaction.
pub async fn add_step(
    db: &Db,
    owner: AccountId,
    decision: Decision,
    step: &NewStep,
) -> Result<StepId, PlanError> {
    let mut tx = db.pool().begin().await?;
    let id = add_step_in(&mut tx, owner, decision, step, false).await?;
    tx.commit().await?;
    Ok(id)
}

/// [`add_step`] inside the caller's transaction, done or not.
pub(crate) async fn add_step_in(
    conn: &mut sqlx::AnyConnection,
    owner: AccountId,
    decision: Decision,
    step: &NewStep,
    done: bool,
) -> Result<StepId, PlanError> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM guidance_steps WHERE owner_id = $1 AND decision = $2",
    )
    .bind(owner.get())
    .bind(decision.key())
    .fetch_one(&mut *conn)
    .await?;
    if count as usize >= STEPS_MAX {
        return Err(PlanError::TooManySteps);
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO guidance_steps (owner_id, decision, label, due_on, done, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(owner.get())
    .bind(decision.key())
    .bind(step.label())
    .bind(step.due().map(|d| d.to_string()))
    .bind(i64::from(done))
    .bind(now_unix())
    .fetch_one(&mut *conn)
    .await?;
    Ok(StepId::from_db(id))
}

/// Marks a step of hers done or not done; another's or none: `UnknownStep`.
pub async fn set_step_done(
    db: &Db,
    owner: AccountId,
    step: StepId,
    done: bool,
) -> Result<(), PlanError> {
    let changed =
        sqlx::query("UPDATE guidance_steps SET done = $1 WHERE id = $2 AND owner_id = $3")
            .bind(i64::from(done))
            .bind(step.get())
            .bind(owner.get())
            .execute(db.pool())
            .await?
            .rows_affected();
    if changed == 0 {
        return Err(PlanError::UnknownStep);
    }
    Ok(())
}

/// Removes a step of hers; another's or none: `UnknownStep`.
pub async fn remove_step(db: &Db, owner: AccountId, step: StepId) -> Result<(), PlanError> {
    let removed = sqlx::query("DELETE FROM guidance_steps WHERE id = $1 AND owner_id = $2")
        .bind(step.get())
        .bind(owner.get())
        .execute(db.pool())
        .await?
        .rows_affected();
    if removed == 0 {
        return Err(PlanError::UnknownStep);
    }
    Ok(())
}

/// How many schools of `home` teach the formation; `None` when ONISEP's offers place it
/// nowhere (not loaded, or not in them): « taught nowhere near you » would then be a guess.
async fn taught_nearby(
    db: &Db,
    formation: &FormationId,
    home: &str,
) -> Result<Option<super::TaughtNearby>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS everywhere, \
         COUNT(DISTINCT CASE WHEN academie_key = $2 THEN school_id END) AS nearby \
         FROM onisep_offers WHERE formation_id = $1",
    )
    .bind(formation.to_string())
    .bind(crate::guidance::onisep::academie_key(home))
    .fetch_one(db.pool())
    .await?;
    if row.try_get::<i64, _>("everywhere")? == 0 {
        return Ok(None);
    }
    Ok(Some(super::TaughtNearby {
        academie: home.to_owned(),
        schools: row.try_get("nearby")?,
    }))
}

/// The decision's wishes with their labels, and for a formation how many schools of her `home`
/// académie teach it.
async fn wishes(
    db: &Db,
    owner: AccountId,
    rules: &DecisionRules,
    home: Option<&str>,
) -> Result<Vec<Wish>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT w.choice, f.label, f.type_label, f.withdrawn_at FROM guidance_wishes w \
         LEFT JOIN onisep_formations f ON f.id = w.choice \
         WHERE w.owner_id = $1 AND w.decision = $2 ORDER BY w.position, w.choice",
    )
    .bind(owner.get())
    .bind(rules.decision.key())
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let text: String = row.try_get("choice")?;
        let Some(choice) = WishChoice::parse(&text) else {
            continue;
        };
        let wish = match &choice {
            WishChoice::Option(code) => match rules.option(code) {
                Some(option) => Wish {
                    label: option.label.clone(),
                    type_label: String::new(),
                    withdrawn: false,
                    evidence: Vec::new(),
                    taught_nearby: None,
                    choice,
                },
                // A later year's calendar no longer offers it: kept, said as such.
                None => Wish {
                    label: code.clone(),
                    type_label: String::new(),
                    withdrawn: true,
                    evidence: Vec::new(),
                    taught_nearby: None,
                    choice,
                },
            },
            WishChoice::Formation(id) => {
                let label: Option<String> = row.try_get("label")?;
                let withdrawn: Option<i64> = row.try_get("withdrawn_at")?;
                let taught_nearby = match home {
                    Some(home) => taught_nearby(db, id, home).await?,
                    None => None,
                };
                Wish {
                    taught_nearby,
                    withdrawn: withdrawn.is_some() || label.is_none(),
                    label: label.unwrap_or_default(),
                    type_label: row
                        .try_get::<Option<String>, _>("type_label")?
                        .unwrap_or_default(),
                    evidence: Vec::new(),
                    choice,
                }
            }
        };
        out.push(wish);
    }
    let rows = sqlx::query(
        "SELECT w.choice, w.entry_id, e.title, w.note FROM guidance_wish_evidence w \
         JOIN portfolio_entries e ON e.id = w.entry_id \
         WHERE w.owner_id = $1 AND w.decision = $2 ORDER BY w.created_at, w.entry_id",
    )
    .bind(owner.get())
    .bind(rules.decision.key())
    .fetch_all(db.pool())
    .await?;
    for row in rows {
        let choice: String = row.try_get("choice")?;
        if let Some(wish) = out.iter_mut().find(|w| w.choice.to_string() == choice) {
            wish.evidence.push(WishEvidence {
                entry: EntryId::from_db(row.try_get("entry_id")?),
                title: row.try_get("title")?,
                note: row.try_get("note")?,
            });
        }
    }
    Ok(out)
}

async fn steps(db: &Db, owner: AccountId, decision: Decision) -> Result<Vec<Step>, sqlx::Error> {
    // Undated steps after dated ones, in the order written.
    let rows = sqlx::query(
        "SELECT id, label, due_on, done FROM guidance_steps WHERE owner_id = $1 AND decision = $2 \
         ORDER BY CASE WHEN due_on IS NULL THEN 1 ELSE 0 END, due_on, id",
    )
    .bind(owner.get())
    .bind(decision.key())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let due: Option<String> = row.try_get("due_on")?;
            Ok(Step {
                id: StepId::from_db(row.try_get("id")?),
                label: row.try_get("label")?,
                due: due.as_deref().and_then(SchoolDate::parse),
                done: row.try_get::<i64, _>("done")? != 0,
            })
        })
        .collect()
}

/// Her favourite formations, for the wish form: (id, label, type).
async fn favourite_formations(
    db: &Db,
    owner: AccountId,
) -> Result<Vec<(FormationId, String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT f.id, f.label, f.type_label FROM guidance_favourites g \
         JOIN onisep_formations f ON f.id = g.item_id \
         WHERE g.owner_id = $1 AND f.withdrawn_at IS NULL ORDER BY f.label, f.id",
    )
    .bind(owner.get())
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let id: String = row.try_get("id")?;
        if let Some(id) = FormationId::parse(&id) {
            out.push((id, row.try_get("label")?, row.try_get("type_label")?));
        }
    }
    Ok(out)
}

/// The pupil's plan for the school year of `today`: her grade's decision first, then the
/// others in the order of schooling (a 3e pupil may already think of her spécialités).
pub async fn year_plan(
    db: &Db,
    owner: AccountId,
    grade: Option<Grade>,
    today: SchoolDate,
) -> Result<YearPlan, PlanError> {
    let (calendar, dated) = calendar::for_year(SchoolYear::of(today));
    let current = grade.and_then(Decision::for_grade);
    let mut order: Vec<Decision> = Decision::ALL.to_vec();
    if let Some(current) = current {
        order.retain(|d| *d != current);
        order.insert(0, current);
    }
    let favourites = favourite_formations(db, owner).await?;
    let home = crate::identity::store::school_academie(db, owner).await?;
    let mut decisions = Vec::with_capacity(order.len());
    for decision in order {
        let rules = calendar
            .rules(decision)
            .expect("every calendar describes every decision");
        let wishes = wishes(db, owner, rules, home.as_deref()).await?;
        let deadlines = if dated {
            super::upcoming(calendar, decision, today)
        } else {
            Vec::new()
        };
        let favourite_formations = if rules.formations {
            favourites
                .iter()
                .filter(|(id, ..)| {
                    !wishes
                        .iter()
                        .any(|w| w.choice == WishChoice::Formation(*id))
                })
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        decisions.push(DecisionPlan {
            rules: rules.clone(),
            steps: steps(db, owner, decision).await?,
            wishes,
            deadlines,
            favourite_formations,
        });
    }
    Ok(YearPlan {
        school_year: SchoolYear::of(today),
        today,
        dated,
        provisional: calendar.provisional,
        source: calendar.source.clone(),
        current,
        decisions,
    })
}
