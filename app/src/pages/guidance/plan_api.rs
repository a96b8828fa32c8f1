//! The plan of the year's server functions (`/orientation/plan`): read the plan, add, move and
//! remove a wish, add, mark and remove a step. Each authorises the pupil, then calls
//! `domain::guidance::plan::year::store`; a refused form comes back next to its field (plain
//! form) or as a bilingual 400 (another caller).

#[cfg(feature = "ssr")]
use super::texts::guidance_texts;
use super::texts::GuidanceTexts;
use crate::error::PortalError;
use domain::guidance::calendar::Decision;
#[cfg(feature = "ssr")]
use domain::guidance::plan::year::WishChoice;
use domain::guidance::plan::year::{StepProblem, YearPlan};
use domain::portfolio::EntryId;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
const REFUSED: &str = "plan";

/// Where the pupil stands in her schooling, as the plan tells her.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum GradeNote {
    /// Her grade has a decision this year: it comes first.
    HasDecision,
    /// 6e to 4e: her first decision comes in 3e.
    BeforeTroisieme,
    /// The identity provider did not say her class.
    Unknown,
}

/// A form of the plan refused, to show next to its field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanRefusal {
    Step {
        decision: Decision,
        label: String,
        due: String,
        problem: StepProblem,
    },
    Wish {
        decision: Decision,
        max: usize,
    },
    /// A portfolio entry attached to a wish, refused: the wish, what was chosen and typed.
    Evidence {
        decision: Decision,
        choice: String,
        entry: String,
        note: String,
        problem: EvidenceProblem,
    },
}

/// Why an entry was not attached to a wish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EvidenceProblem {
    NoteTooLong { max: usize },
    TooMany { max: usize },
}

impl PlanRefusal {
    pub fn decision(&self) -> Decision {
        match self {
            PlanRefusal::Step { decision, .. }
            | PlanRefusal::Wish { decision, .. }
            | PlanRefusal::Evidence { decision, .. } => *decision,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanData {
    pub plan: YearPlan,
    pub grade: GradeNote,
    pub refused: Option<PlanRefusal>,
    /// Her portfolio entries (id, title), to attach to a wish.
    pub entries: Vec<(EntryId, String)>,
}

#[cfg(feature = "ssr")]
fn plan_href(decision: Decision) -> String {
    format!("/orientation/plan#{}", decision.key())
}

#[cfg(feature = "ssr")]
fn decision_of(key: &str) -> Result<Decision, PortalError> {
    Decision::parse(key).ok_or(PortalError::NotFound)
}

#[cfg(feature = "ssr")]
fn wish_of(text: &str) -> Result<WishChoice, PortalError> {
    WishChoice::parse(text).ok_or(PortalError::NotFound)
}

#[server(prefix = "/api", endpoint = "guidance_plan")]
pub async fn get_my_plan() -> Result<PlanData, PortalError> {
    let crate::ssr::SignedIn {
        portal,
        account,
        session,
    } = crate::ssr::SignedIn::acting(domain::policy::Action::PlanOwnGuidance).await?;
    let grade = account.grade();
    let today = domain::time::paris_day(domain::db::now_unix());
    let plan = domain::guidance::plan::year::store::year_plan(&portal.db, account.id, grade, today)
        .await?;
    let grade = match grade {
        None => GradeNote::Unknown,
        Some(grade) if Decision::for_grade(grade).is_some() => GradeNote::HasDecision,
        Some(_) => GradeNote::BeforeTroisieme,
    };
    let entries = domain::portfolio::store::list(&portal.db, account.id)
        .await?
        .into_iter()
        .map(|entry| (entry.id, entry.title))
        .collect();
    Ok(PlanData {
        plan,
        grade,
        refused: crate::ssr::flash_take(&session, REFUSED).await,
        entries,
    })
}

/// Says a refusal: next to the field for the page's plain form, with a 400 for another caller.
#[cfg(feature = "ssr")]
async fn refuse(
    session: &tower_sessions::Session,
    plain_form: bool,
    refusal: PlanRefusal,
) -> Result<(), PortalError> {
    let decision = refusal.decision();
    if !plain_form {
        return Err(PortalError::BadRequest(
            crate::i18n::Bilingual::of(|lang| refusal_text(guidance_texts(lang), &refusal))
                .to_string(),
        ));
    }
    crate::ssr::flash_put(session, REFUSED, &refusal).await?;
    leptos_axum::redirect(&plan_href(decision));
    Ok(())
}

#[server(prefix = "/api", endpoint = "guidance_wish_add")]
pub async fn add_wish(decision: String, choice: String) -> Result<(), PortalError> {
    use domain::guidance::plan::store::PlanError;
    let plain_form = crate::ssr::without_javascript();
    let crate::ssr::SignedIn {
        portal,
        account,
        session,
    } = crate::ssr::SignedIn::acting(domain::policy::Action::PlanOwnGuidance).await?;
    let decision = decision_of(&decision)?;
    let choice = WishChoice::parse(&choice)
        .ok_or(PlanError::UnknownChoice)
        .map_err(PortalError::from)?;
    let today = domain::time::paris_day(domain::db::now_unix());
    let store = domain::guidance::plan::year::store::add_wish(
        &portal.db, account.id, today, decision, &choice,
    );
    match store.await {
        Ok(()) => {
            leptos_axum::redirect(&plan_href(decision));
            Ok(())
        }
        Err(PlanError::TooManyWishes { max }) => {
            refuse(&session, plain_form, PlanRefusal::Wish { decision, max }).await
        }
        Err(other) => Err(other.into()),
    }
}

#[server(prefix = "/api", endpoint = "guidance_wish_move")]
pub async fn move_wish(
    decision: String,
    choice: String,
    direction: String,
) -> Result<(), PortalError> {
    use domain::guidance::plan::year::Move;
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::PlanOwnGuidance).await?;
    let decision = decision_of(&decision)?;
    let choice = wish_of(&choice)?;
    let direction = match direction.as_str() {
        "up" => Move::Up,
        "down" => Move::Down,
        // A value the page never sends: the request is malformed, not a missing thing.
        _ => {
            return Err(PortalError::BadRequest(
                crate::error::refusal(crate::i18n::catalogue::RefusalsTexts::field_malformed)
                    .to_string(),
            ))
        }
    };
    domain::guidance::plan::year::store::move_wish(
        &portal.db, account.id, decision, &choice, direction,
    )
    .await?;
    leptos_axum::redirect(&plan_href(decision));
    Ok(())
}

#[server(prefix = "/api", endpoint = "guidance_wish_remove")]
pub async fn remove_wish(decision: String, choice: String) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::PlanOwnGuidance).await?;
    let decision = decision_of(&decision)?;
    let choice = wish_of(&choice)?;
    domain::guidance::plan::year::store::remove_wish(&portal.db, account.id, decision, &choice)
        .await?;
    leptos_axum::redirect(&plan_href(decision));
    Ok(())
}

#[server(prefix = "/api", endpoint = "guidance_step_add")]
pub async fn add_step(decision: String, label: String, due: String) -> Result<(), PortalError> {
    use domain::guidance::plan::store::PlanError;
    use domain::guidance::plan::year::{NewStep, STEPS_MAX};
    let plain_form = crate::ssr::without_javascript();
    let crate::ssr::SignedIn {
        portal,
        account,
        session,
    } = crate::ssr::SignedIn::acting(domain::policy::Action::PlanOwnGuidance).await?;
    let decision = decision_of(&decision)?;
    let problem = match NewStep::parse(&label, &due) {
        Err(problem) => Some(problem),
        Ok(step) => {
            match domain::guidance::plan::year::store::add_step(
                &portal.db, account.id, decision, &step,
            )
            .await
            {
                Ok(_) => None,
                Err(PlanError::TooManySteps) => Some(StepProblem::TooMany { max: STEPS_MAX }),
                Err(other) => return Err(other.into()),
            }
        }
    };
    match problem {
        None => {
            leptos_axum::redirect(&format!("{}-etapes", plan_href(decision)));
            Ok(())
        }
        Some(problem) => {
            let refusal = PlanRefusal::Step {
                decision,
                label,
                due,
                problem,
            };
            refuse(&session, plain_form, refusal).await
        }
    }
}

/// Marks a step done (`done` sent) or not done (`done` absent).
#[server(prefix = "/api", endpoint = "guidance_step_done")]
pub async fn mark_step(
    decision: String,
    step: String,
    done: Option<String>,
) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::PlanOwnGuidance).await?;
    let decision = decision_of(&decision)?;
    let step = step.parse().map_err(|_| PortalError::NotFound)?;
    domain::guidance::plan::year::store::set_step_done(
        &portal.db,
        account.id,
        step,
        done.is_some(),
    )
    .await?;
    leptos_axum::redirect(&format!("{}-etapes", plan_href(decision)));
    Ok(())
}

#[server(prefix = "/api", endpoint = "guidance_step_remove")]
pub async fn remove_step(decision: String, step: String) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::PlanOwnGuidance).await?;
    let decision = decision_of(&decision)?;
    let step = step.parse().map_err(|_| PortalError::NotFound)?;
    domain::guidance::plan::year::store::remove_step(&portal.db, account.id, step).await?;
    leptos_axum::redirect(&format!("{}-etapes", plan_href(decision)));
    Ok(())
}

/// Attaches one of her portfolio entries to a wish, with what it showed her.
#[server(prefix = "/api", endpoint = "guidance_wish_evidence")]
pub async fn attach_entry(
    decision: String,
    choice: String,
    entry: String,
    note: String,
) -> Result<(), PortalError> {
    use domain::guidance::plan::store::PlanError;
    use domain::guidance::plan::{FavouriteNote, NoteProblem};
    let plain_form = crate::ssr::without_javascript();
    let crate::ssr::SignedIn {
        portal,
        account,
        session,
    } = crate::ssr::SignedIn::acting(domain::policy::Action::PlanOwnGuidance).await?;
    let decision = decision_of(&decision)?;
    let wish = wish_of(&choice)?;
    let chosen: EntryId = entry.parse().map_err(|_| PortalError::NotFound)?;
    let problem = match FavouriteNote::parse(&note) {
        Err(NoteProblem::TooLong { max }) => Some(EvidenceProblem::NoteTooLong { max }),
        Ok(parsed) => match domain::guidance::plan::year::store::attach_entry(
            &portal.db, account.id, decision, &wish, chosen, &parsed,
        )
        .await
        {
            Ok(()) => None,
            Err(PlanError::TooMuchEvidence { max }) => Some(EvidenceProblem::TooMany { max }),
            Err(other) => return Err(other.into()),
        },
    };
    match problem {
        None => {
            leptos_axum::redirect(&plan_href(decision));
            Ok(())
        }
        Some(problem) => {
            let refusal = PlanRefusal::Evidence {
                decision,
                choice,
                entry,
                note,
                problem,
            };
            refuse(&session, plain_form, refusal).await
        }
    }
}

#[server(prefix = "/api", endpoint = "guidance_wish_evidence_remove")]
pub async fn detach_entry(
    decision: String,
    choice: String,
    entry: String,
) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::PlanOwnGuidance).await?;
    let decision = decision_of(&decision)?;
    let wish = wish_of(&choice)?;
    let entry: EntryId = entry.parse().map_err(|_| PortalError::NotFound)?;
    domain::guidance::plan::year::store::detach_entry(
        &portal.db, account.id, decision, &wish, entry,
    )
    .await?;
    leptos_axum::redirect(&plan_href(decision));
    Ok(())
}

pub fn evidence_problem_text(t: &'static GuidanceTexts, problem: EvidenceProblem) -> String {
    match problem {
        EvidenceProblem::NoteTooLong { max } => t.wish_evidence_note_too_long(max),
        EvidenceProblem::TooMany { max } => t.wish_evidence_too_many(max),
    }
}

#[cfg(feature = "ssr")]
fn refusal_text(t: &'static GuidanceTexts, refusal: &PlanRefusal) -> String {
    match refusal {
        PlanRefusal::Step { problem, .. } => t.step_problem(*problem),
        PlanRefusal::Wish { max, .. } => t.wish_too_many(*max),
        PlanRefusal::Evidence { problem, .. } => evidence_problem_text(t, *problem),
    }
}
