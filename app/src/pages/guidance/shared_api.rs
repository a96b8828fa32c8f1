//! The server functions of the plan shared with counsellors and guardians: the pupil's sharing
//! and answers, a reader's list and plan, a counsellor's recommendation and the form's state
//! on an item's page. Each authorises (the policy on both ties for a pupil's plan), then calls
//! `domain::guidance::plan::{sharing, cohort}`.

use super::counsel_api::CounselRefusal;
#[cfg(feature = "ssr")]
use super::texts::guidance_texts;
use super::texts::GuidanceTexts;
use crate::error::PortalError;
use domain::guidance::plan::cohort::Cohort;
use domain::guidance::plan::sharing::{Comment, Recommendation, SharedPlan, StepRecommendation};
use domain::guidance::plan::year::YearPlan;
use domain::guidance::plan::Favourite;
#[cfg(feature = "ssr")]
use domain::guidance::plan::ItemId;
use domain::identity::AccountId;
use domain::portfolio::feedback::Person;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
const RECOMMENDATION_FLASH: &str = "guidance-recommendation";

/// The pupil's side: the counsellors of her school and her guardians (and whether she shares
/// with each), and what counsellors recommended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharingData {
    pub people: Vec<(Person, bool)>,
    pub recommendations: Vec<Recommendation>,
    pub steps: Vec<StepRecommendation>,
    pub comments: Vec<Comment>,
}

#[server(prefix = "/api", endpoint = "guidance_sharing")]
pub async fn get_my_sharing() -> Result<SharingData, PortalError> {
    use domain::guidance::plan::sharing::{counsel, store};
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ShareGuidancePlan).await?;
    let shared = store::shared_with(&portal.db, account.id).await?;
    let people = store::may_share_with(&portal.db, account.id).await?;
    Ok(SharingData {
        people: people
            .into_iter()
            .map(|person| {
                let on = shared.iter().any(|p| p.id == person.id);
                (person, on)
            })
            .collect(),
        recommendations: store::recommendations(&portal.db, account.id).await?,
        steps: counsel::step_recommendations(&portal.db, account.id).await?,
        comments: counsel::comments(&portal.db, account.id, account.id).await?,
    })
}

/// Shares the plan with a counsellor of her school or a guardian (`stop`: takes it back).
#[server(prefix = "/api", endpoint = "guidance_share")]
pub async fn share_plan(person: String, stop: Option<String>) -> Result<(), PortalError> {
    use domain::guidance::plan::sharing::store;
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ShareGuidancePlan).await?;
    let person: AccountId = person.parse().map_err(|_| PortalError::NotFound)?;
    match stop {
        Some(_) => store::unshare(&portal.db, account.id, person).await?,
        None => store::share(&portal.db, account.id, person).await?,
    }
    leptos_axum::redirect("/orientation/plan#partage");
    Ok(())
}

/// Answers a recommendation: `accepted` (into her favourites) or `declined`.
#[server(prefix = "/api", endpoint = "guidance_answer")]
pub async fn answer_recommendation(
    recommendation: String,
    answer: String,
) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ShareGuidancePlan).await?;
    let recommendation = recommendation.parse().map_err(|_| PortalError::NotFound)?;
    let answer =
        domain::guidance::plan::sharing::Answer::parse(&answer).ok_or(PortalError::NotFound)?;
    domain::guidance::plan::sharing::store::answer(&portal.db, account.id, recommendation, answer)
        .await?;
    leptos_axum::redirect("/orientation/plan#recommandations");
    Ok(())
}

/// The plans shared with the reader, and for a counsellor the overview by level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedPlans {
    pub plans: Vec<SharedPlan>,
    pub cohort: Option<Cohort>,
}

#[server(prefix = "/api", endpoint = "guidance_shared_plans")]
pub async fn get_shared_plans() -> Result<SharedPlans, PortalError> {
    let me = crate::ssr::SignedIn::acting(domain::policy::Action::ReadSharedGuidancePlans).await?;
    let db = &me.portal.db;
    let cohort = match me.allowed(domain::policy::Action::ReviewGuidancePlans) {
        true => {
            let today = domain::time::paris_day(domain::db::now_unix());
            Some(domain::guidance::plan::cohort::store::cohort(db, me.id(), today).await?)
        }
        false => None,
    };
    Ok(SharedPlans {
        plans: domain::guidance::plan::sharing::store::shared_plans(db, me.id()).await?,
        cohort,
    })
}

/// A pupil's plan as the counsellor she shares it with reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedPlanView {
    pub pupil: AccountId,
    pub name: String,
    pub level: Option<String>,
    pub plan: YearPlan,
    pub favourites: Vec<Favourite>,
    pub interests: Vec<String>,
    pub recommendations: Vec<Recommendation>,
    pub steps: Vec<StepRecommendation>,
    pub comments: Vec<Comment>,
    /// The reader recommends and comments (a counsellor), or only reads (a guardian).
    pub can_recommend: bool,
    /// The reader's form refused on this plan, to show again.
    pub refused: Option<CounselRefusal>,
}

#[server(prefix = "/api", endpoint = "guidance_shared_plan")]
pub async fn get_shared_plan(pupil: String) -> Result<SharedPlanView, PortalError> {
    use domain::guidance::plan::{sharing, store, year};
    let me = crate::ssr::SignedIn::from_request().await?;
    // Malformed or not shared with me: the same answer, telling nothing of the pupil.
    let pupil: AccountId = pupil.parse().map_err(|_| PortalError::NotFound)?;
    me.may_for_pupil(domain::policy::Action::ReadSharedGuidancePlans, pupil)
        .await
        .map_err(|_| PortalError::NotFound)?;
    let can_recommend = me.allowed(domain::policy::Action::ReviewGuidancePlans);
    let db = &me.portal.db;
    let account = domain::identity::store::find_account(db, pupil)
        .await
        .map_err(|_| PortalError::Unavailable)?
        .ok_or(PortalError::NotFound)?;
    let grade = account.grade();
    let today = domain::time::paris_day(domain::db::now_unix());
    let view = SharedPlanView {
        pupil,
        name: format!("{} {}", account.given_name, account.family_name),
        level: account.school_level.clone(),
        plan: year::store::year_plan(db, pupil, grade, today).await?,
        favourites: store::favourites(db, pupil).await?,
        interests: store::interests(db, pupil).await?,
        recommendations: sharing::store::recommendations(db, pupil).await?,
        steps: sharing::counsel::step_recommendations(db, pupil).await?,
        comments: sharing::counsel::comments(db, pupil, me.id()).await?,
        can_recommend,
        refused: super::counsel_api::take_refusal(&me.session, pupil).await,
    };
    sharing::store::plan_viewed(db, me.id(), pupil).await?;
    Ok(view)
}

/// Why a recommendation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecommendProblem {
    NoteTooLong { max: usize },
    TooMany { max: usize },
}

/// What the recommendation form left for the item's page to show once.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum RecommendFlash {
    Sent {
        name: String,
    },
    Refused {
        pupil: AccountId,
        note: String,
        problem: RecommendProblem,
    },
}

/// The counsellor's form on a métier's or formation's page: the pupils who share their plan
/// with them, and a refused form to show again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendState {
    pub pupils: Vec<(AccountId, String)>,
    /// A form refused on this item: the pupil chosen, the note typed, why.
    pub refused: Option<(AccountId, String, RecommendProblem)>,
    /// The pupil a recommendation just went to.
    pub sent_to: Option<String>,
}

#[cfg(feature = "ssr")]
pub async fn recommend_state(
    me: &crate::ssr::SignedIn,
    item: ItemId,
) -> Result<Option<RecommendState>, PortalError> {
    if !me.allowed(domain::policy::Action::ReviewGuidancePlans) {
        return Ok(None);
    }
    let plans =
        domain::guidance::plan::sharing::store::shared_plans(&me.portal.db, me.id()).await?;
    let flash: Option<(String, RecommendFlash)> =
        crate::ssr::flash_take(&me.session, RECOMMENDATION_FLASH).await;
    let (refused, sent_to) = match flash.filter(|(on, _)| *on == item.to_string()) {
        Some((_, RecommendFlash::Sent { name })) => (None, Some(name)),
        Some((
            _,
            RecommendFlash::Refused {
                pupil,
                note,
                problem,
            },
        )) => (Some((pupil, note, problem)), None),
        None => (None, None),
    };
    Ok(Some(RecommendState {
        pupils: plans.into_iter().map(|p| (p.pupil, p.name)).collect(),
        refused,
        sent_to,
    }))
}

#[server(prefix = "/api", endpoint = "guidance_recommend")]
pub async fn recommend(pupil: String, item: String, note: String) -> Result<(), PortalError> {
    use domain::guidance::plan::sharing::{store, UNANSWERED_MAX};
    use domain::guidance::plan::store::PlanError;
    use domain::guidance::plan::{FavouriteNote, NoteProblem};
    let plain_form = crate::ssr::without_javascript();
    let me = crate::ssr::SignedIn::from_request().await?;
    let item = ItemId::parse(&item).ok_or(PortalError::NotFound)?;
    let pupil: AccountId = pupil.parse().map_err(|_| PortalError::NotFound)?;
    me.may_for_pupil(domain::policy::Action::ReviewGuidancePlans, pupil)
        .await
        .map_err(|error| match error {
            PortalError::NotSignedIn => error,
            _ => PortalError::NotFound,
        })?;
    let problem = match FavouriteNote::parse(&note) {
        Err(NoteProblem::TooLong { max }) => Some(RecommendProblem::NoteTooLong { max }),
        Ok(parsed) => match store::recommend(&me.portal.db, me.id(), pupil, item, &parsed).await {
            Ok(_) => None,
            Err(PlanError::TooManyRecommendations) => Some(RecommendProblem::TooMany {
                max: UNANSWERED_MAX,
            }),
            Err(other) => return Err(other.into()),
        },
    };
    let back = format!("{}#recommander", super::item_href(item));
    let outcome = match problem {
        None => {
            let name = store::shared_plans(&me.portal.db, me.id())
                .await?
                .into_iter()
                .find(|p| p.pupil == pupil)
                .map(|p| p.name)
                .unwrap_or_default();
            RecommendFlash::Sent { name }
        }
        Some(problem) if plain_form => RecommendFlash::Refused {
            pupil,
            note,
            problem,
        },
        Some(problem) => {
            return Err(PortalError::BadRequest(
                crate::i18n::Bilingual::of(|lang| {
                    recommend_problem_text(guidance_texts(lang), problem)
                })
                .to_string(),
            ))
        }
    };
    crate::ssr::flash_put(
        &me.session,
        RECOMMENDATION_FLASH,
        &(item.to_string(), outcome),
    )
    .await?;
    leptos_axum::redirect(&back);
    Ok(())
}

pub fn recommend_problem_text(t: &'static GuidanceTexts, problem: RecommendProblem) -> String {
    match problem {
        RecommendProblem::NoteTooLong { max } => t.recommend_note_too_long(max),
        RecommendProblem::TooMany { max } => t.recommend_too_many(max),
    }
}
