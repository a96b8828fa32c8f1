//! The server functions of what a counsellor writes on a plan shared with them beyond a métier
//! or a formation: a comment (and taking it back), a step recommended for one of the pupil's
//! decisions; and the pupil's answer to that step. Each authorises (the policy on both ties for
//! a counsellor, the pupil for her answer), then calls `domain::guidance::plan::sharing::counsel`;
//! a refused form comes back next to its field (plain form) or as a bilingual 400.

#[cfg(feature = "ssr")]
use super::texts::guidance_texts;
use super::texts::GuidanceTexts;
use crate::error::PortalError;
use domain::guidance::calendar::Decision;
use domain::guidance::plan::sharing::CommentProblem;
use domain::guidance::plan::year::StepProblem;
#[cfg(feature = "ssr")]
use domain::identity::AccountId;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
const REFUSED: &str = "guidance-counsel";

/// Why a comment was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommentRefusal {
    Body(CommentProblem),
    TooMany { max: usize },
}

/// Why a recommended step was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepRefusal {
    Step(StepProblem),
    TooManyWaiting { max: usize },
}

/// A counsellor's form refused on a shared plan, with what they typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CounselRefusal {
    Comment {
        body: String,
        problem: CommentRefusal,
    },
    Step {
        decision: Decision,
        label: String,
        due: String,
        problem: StepRefusal,
    },
}

pub fn comment_refusal_text(t: &'static GuidanceTexts, refusal: CommentRefusal) -> String {
    match refusal {
        CommentRefusal::Body(CommentProblem::Empty) => t.comment_problem_empty().to_owned(),
        CommentRefusal::Body(CommentProblem::TooLong { max }) => t.comment_problem_too_long(max),
        CommentRefusal::TooMany { max } => t.comment_too_many(max),
    }
}

pub fn step_refusal_text(t: &'static GuidanceTexts, refusal: StepRefusal) -> String {
    match refusal {
        StepRefusal::Step(problem) => t.step_problem(problem),
        StepRefusal::TooManyWaiting { max } => t.step_recommend_too_many(max),
    }
}

#[cfg(feature = "ssr")]
fn refusal_text(t: &'static GuidanceTexts, refusal: &CounselRefusal) -> String {
    match refusal {
        CounselRefusal::Comment { problem, .. } => comment_refusal_text(t, *problem),
        CounselRefusal::Step { problem, .. } => step_refusal_text(t, *problem),
    }
}

#[cfg(feature = "ssr")]
fn plan_href(pupil: AccountId, anchor: &str) -> String {
    format!("/orientation/eleves/{pupil}#{anchor}")
}

/// The refused form kept for this pupil's page, taken once.
#[cfg(feature = "ssr")]
pub async fn take_refusal(
    session: &tower_sessions::Session,
    pupil: AccountId,
) -> Option<CounselRefusal> {
    let kept: Option<(AccountId, CounselRefusal)> = crate::ssr::flash_take(session, REFUSED).await;
    kept.filter(|(on, _)| *on == pupil)
        .map(|(_, refusal)| refusal)
}

/// The counsellor on a pupil's plan: the policy on both ties (a plan not shared with them, or
/// a malformed id, answers as not found: nothing is told of the pupil).
#[cfg(feature = "ssr")]
async fn counsellor_on(pupil: &str) -> Result<(crate::ssr::SignedIn, AccountId), PortalError> {
    let me = crate::ssr::SignedIn::from_request().await?;
    let pupil: AccountId = pupil.parse().map_err(|_| PortalError::NotFound)?;
    me.may_for_pupil(domain::policy::Action::ReviewGuidancePlans, pupil)
        .await
        .map_err(|error| match error {
            PortalError::NotSignedIn => error,
            _ => PortalError::NotFound,
        })?;
    Ok((me, pupil))
}

/// Says a refusal: next to the field for the page's plain form, with a 400 for another caller.
#[cfg(feature = "ssr")]
async fn refuse(
    me: &crate::ssr::SignedIn,
    pupil: AccountId,
    plain_form: bool,
    refusal: CounselRefusal,
    anchor: &str,
) -> Result<(), PortalError> {
    if !plain_form {
        return Err(PortalError::BadRequest(
            crate::i18n::Bilingual::of(|lang| refusal_text(guidance_texts(lang), &refusal))
                .to_string(),
        ));
    }
    crate::ssr::flash_put(&me.session, REFUSED, &(pupil, refusal)).await?;
    leptos_axum::redirect(&plan_href(pupil, anchor));
    Ok(())
}

#[server(prefix = "/api", endpoint = "guidance_comment")]
pub async fn comment_plan(pupil: String, body: String) -> Result<(), PortalError> {
    use domain::guidance::plan::sharing::{counsel, CommentBody, COMMENTS_MAX};
    use domain::guidance::plan::store::PlanError;
    let plain_form = crate::ssr::without_javascript();
    let (me, pupil) = counsellor_on(&pupil).await?;
    let problem = match CommentBody::parse(&body) {
        Err(problem) => Some(CommentRefusal::Body(problem)),
        Ok(parsed) => match counsel::comment(&me.portal.db, me.id(), pupil, &parsed).await {
            Ok(_) => None,
            Err(PlanError::TooManyComments) => Some(CommentRefusal::TooMany { max: COMMENTS_MAX }),
            Err(other) => return Err(other.into()),
        },
    };
    match problem {
        None => {
            leptos_axum::redirect(&plan_href(pupil, "commentaires"));
            Ok(())
        }
        Some(problem) => {
            let refusal = CounselRefusal::Comment { body, problem };
            refuse(&me, pupil, plain_form, refusal, "commentaire").await
        }
    }
}

/// Its author takes a comment back.
#[server(prefix = "/api", endpoint = "guidance_comment_remove")]
pub async fn remove_comment(pupil: String, comment: String) -> Result<(), PortalError> {
    let (me, pupil) = counsellor_on(&pupil).await?;
    let comment = comment.parse().map_err(|_| PortalError::NotFound)?;
    domain::guidance::plan::sharing::counsel::remove_comment(
        &me.portal.db,
        me.id(),
        pupil,
        comment,
    )
    .await?;
    leptos_axum::redirect(&plan_href(pupil, "commentaires"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "guidance_step_recommend")]
pub async fn recommend_step(
    pupil: String,
    decision: String,
    label: String,
    due: String,
) -> Result<(), PortalError> {
    use domain::guidance::plan::sharing::{counsel, UNANSWERED_MAX};
    use domain::guidance::plan::store::PlanError;
    use domain::guidance::plan::year::NewStep;
    let plain_form = crate::ssr::without_javascript();
    let (me, pupil) = counsellor_on(&pupil).await?;
    let decision = Decision::parse(&decision).ok_or(PortalError::NotFound)?;
    let problem = match NewStep::parse(&label, &due) {
        Err(problem) => Some(StepRefusal::Step(problem)),
        Ok(step) => {
            match counsel::recommend_step(&me.portal.db, me.id(), pupil, decision, &step).await {
                Ok(_) => None,
                Err(PlanError::TooManyRecommendations) => Some(StepRefusal::TooManyWaiting {
                    max: UNANSWERED_MAX,
                }),
                Err(other) => return Err(other.into()),
            }
        }
    };
    let anchor = format!("etape-recommandee-{}", decision.key());
    match problem {
        None => {
            leptos_axum::redirect(&plan_href(pupil, &anchor));
            Ok(())
        }
        Some(problem) => {
            let refusal = CounselRefusal::Step {
                decision,
                label,
                due,
                problem,
            };
            refuse(&me, pupil, plain_form, refusal, &anchor).await
        }
    }
}

/// The pupil answers a recommended step: `accepted` (one of her steps) or `declined`. Her
/// decision's steps full: a 400 that says so, nothing answered.
#[server(prefix = "/api", endpoint = "guidance_step_answer")]
pub async fn answer_step(recommendation: String, answer: String) -> Result<(), PortalError> {
    use domain::guidance::plan::sharing::{counsel, Answer};
    use domain::guidance::plan::store::PlanError;
    use domain::guidance::plan::year::STEPS_MAX;
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ShareGuidancePlan).await?;
    let recommendation = recommendation.parse().map_err(|_| PortalError::NotFound)?;
    let answer = Answer::parse(&answer).ok_or(PortalError::NotFound)?;
    match counsel::answer_step(&portal.db, account.id, recommendation, answer).await {
        Ok(()) => {}
        Err(PlanError::TooManySteps) => {
            return Err(PortalError::BadRequest(
                crate::i18n::Bilingual::of(|lang| {
                    guidance_texts(lang).step_problem(StepProblem::TooMany { max: STEPS_MAX })
                })
                .to_string(),
            ))
        }
        Err(other) => return Err(other.into()),
    }
    leptos_axum::redirect("/orientation/plan#recommandations");
    Ok(())
}
