//! « Mon projet d'orientation » on a showcase page (a page option, as « résultats Pix »): what
//! the pupil chose and wrote — her interests, her favourites with her notes, her wishes in her
//! order and her steps — for whoever she shows the page to (a link holder, a counsellor, a
//! guardian). Never what counsellors said (comments, recommendations: their words are not hers
//! to publish), nor the portfolio entries behind a wish (the page shows the entries she put on
//! it, and only those).

use super::year::Step;
use super::Favourite;
use crate::guidance::calendar::Decision;
use serde::{Deserialize, Serialize};

/// One decision of the plan as a page shows it: only decisions she wrote something for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionOnPage {
    pub decision: Decision,
    /// Her wishes in her order: the option's name or ONISEP's label, and a formation's type.
    pub wishes: Vec<WishOnPage>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WishOnPage {
    /// The option's name or ONISEP's label; the choice's code when ONISEP no longer has it.
    pub label: String,
    pub type_label: String,
    pub withdrawn: bool,
}

/// The plan on a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanOnPage {
    /// ONISEP domaines she said she likes.
    pub interests: Vec<String>,
    pub favourites: Vec<Favourite>,
    /// Her grade's decision first, then the others in the order of schooling.
    pub decisions: Vec<DecisionOnPage>,
}

impl PlanOnPage {
    /// She has written nothing of a plan yet.
    pub fn is_empty(&self) -> bool {
        self.interests.is_empty() && self.favourites.is_empty() && self.decisions.is_empty()
    }

    /// What a page shows of her year's plan: decisions without a wish or a step are left out,
    /// and so is what backs a wish.
    pub fn from_plan(
        interests: Vec<String>,
        favourites: Vec<Favourite>,
        plan: super::year::YearPlan,
    ) -> PlanOnPage {
        let decisions = plan
            .decisions
            .into_iter()
            .filter(|d| !d.wishes.is_empty() || !d.steps.is_empty())
            .map(|d| DecisionOnPage {
                decision: d.decision(),
                wishes: d
                    .wishes
                    .into_iter()
                    .map(|w| WishOnPage {
                        label: if w.label.is_empty() {
                            w.choice.to_string()
                        } else {
                            w.label
                        },
                        type_label: w.type_label,
                        withdrawn: w.withdrawn,
                    })
                    .collect(),
                steps: d.steps,
            })
            .collect();
        PlanOnPage {
            interests,
            favourites,
            decisions,
        }
    }
}

/// The owner's plan for a page that shows it, on `today` (Paris).
#[cfg(feature = "server")]
pub async fn load(
    db: &crate::db::Db,
    owner: crate::identity::AccountId,
    today: crate::portfolio::SchoolDate,
) -> Result<PlanOnPage, super::store::PlanError> {
    let level: Option<Option<String>> =
        sqlx::query_scalar("SELECT school_level FROM accounts WHERE id = $1")
            .bind(owner.get())
            .fetch_optional(db.pool())
            .await?;
    let grade = level
        .flatten()
        .and_then(|raw| crate::identity::SchoolLevel::parse(&raw).ok())
        .and_then(|level| level.grade());
    let plan = super::year::store::year_plan(db, owner, grade, today).await?;
    Ok(PlanOnPage::from_plan(
        super::store::interests(db, owner).await?,
        super::store::favourites(db, owner).await?,
        plan,
    ))
}
