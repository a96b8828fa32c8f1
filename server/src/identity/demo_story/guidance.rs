//! The story's guidance chapter: Camille's plan after her placement in a joinery (favourites,
//! interests, wishes after 3e, steps), shared with Nadia, who recommends a métier, comments on
//! the plan and recommends a step, and delegated to Sophie, read-only.

use super::StoryError;
use crate::identity::demo::DemoCast;
use domain::db::Db;

pub(super) async fn tell(db: &Db, cast: &DemoCast) -> Result<(), StoryError> {
    // Her guidance plan: what her placement in a joinery made her think of (ONISEP's ids, in
    // the extract a demo loads first).
    for (item, note) in FAVOURITES {
        let (Some(id), Ok(note)) = (
            domain::guidance::plan::ItemId::parse(item),
            domain::guidance::plan::FavouriteNote::parse(note),
        ) else {
            return Err(StoryError::PlanValue(item));
        };
        domain::guidance::plan::store::save_favourite(db, cast.pupil, id, &note).await?;
    }
    domain::guidance::plan::store::save_interests(db, cast.pupil, &INTERESTS.map(str::to_owned))
        .await?;
    // Her plan for the year (she is in 3e): the CAP first, then the two 2des; an open day to
    // go to in February, and the Psy-EN already met.
    let today = domain::time::paris_day(domain::db::now_unix());
    for choice in WISHES {
        let choice = domain::guidance::plan::year::WishChoice::parse(choice)
            .ok_or(StoryError::PlanValue(choice))?;
        domain::guidance::plan::year::store::add_wish(
            db,
            cast.pupil,
            today,
            domain::guidance::calendar::Decision::ApresTroisieme,
            &choice,
        )
        .await?;
    }
    let february = format!(
        "{}-02-06",
        domain::guidance::calendar::SchoolYear::of(today).0 + 1
    );
    for (label, due, done) in [
        (
            "Journée portes ouvertes du lycée professionnel",
            february.as_str(),
            false,
        ),
        ("Rencontrer la Psy-EN", "", true),
    ] {
        let step = domain::guidance::plan::year::NewStep::parse(label, due)
            .map_err(|_| StoryError::PlanValue(label))?;
        let id = domain::guidance::plan::year::store::add_step(
            db,
            cast.pupil,
            domain::guidance::calendar::Decision::ApresTroisieme,
            &step,
        )
        .await?;
        if done {
            domain::guidance::plan::year::store::set_step_done(db, cast.pupil, id, true).await?;
        }
    }
    // She shares the plan with the counsellor, who recommends a métier near her favourites,
    // and delegates it to her parent, read-only.
    domain::guidance::plan::sharing::store::share(db, cast.pupil, cast.counsellor).await?;
    domain::guidance::plan::sharing::store::share(db, cast.pupil, cast.guardian).await?;
    let (Some(item), Ok(note)) = (
        domain::guidance::plan::ItemId::parse(RECOMMENDED.0),
        domain::guidance::plan::FavouriteNote::parse(RECOMMENDED.1),
    ) else {
        return Err(StoryError::PlanValue(RECOMMENDED.0));
    };
    domain::guidance::plan::sharing::store::recommend(db, cast.counsellor, cast.pupil, item, &note)
        .await?;
    let comment = domain::guidance::plan::sharing::CommentBody::parse(COMMENT)
        .map_err(|_| StoryError::PlanValue(COMMENT))?;
    domain::guidance::plan::sharing::counsel::comment(db, cast.counsellor, cast.pupil, &comment)
        .await?;
    let march = format!(
        "{}-03-06",
        domain::guidance::calendar::SchoolYear::of(today).0 + 1
    );
    let step = domain::guidance::plan::year::NewStep::parse(RECOMMENDED_STEP, &march)
        .map_err(|_| StoryError::PlanValue(RECOMMENDED_STEP))?;
    domain::guidance::plan::sharing::counsel::recommend_step(
        db,
        cast.counsellor,
        cast.pupil,
        domain::guidance::calendar::Decision::ApresTroisieme,
        &step,
    )
    .await?;
    Ok(())
}

/// What the demo counsellor writes on the plan.
const COMMENT: &str =
    "Bonjour Camille,\n\nTon stage à l'atelier t'a beaucoup appris : garde le CAP \
     en premier si c'est ce qui te plaît le plus. Aux portes ouvertes, demande combien d'élèves \
     trouvent un maître d'apprentissage. (démo)";

/// The step the demo counsellor recommends after 3e.
const RECOMMENDED_STEP: &str = "Visiter le CFA du bâtiment à ses portes ouvertes (démo)";

/// What the demo counsellor recommends, and why.
const RECOMMENDED: (&str, &str) = (
    "MET.257",
    "Tu aimes le sur-mesure et dessiner des espaces : regarde aussi ce métier, on en parle au \
     prochain rendez-vous.",
);

/// The demo pupil's wishes after 3e, in her order.
const WISHES: [&str; 3] = ["FOR.6854", "2de-pro", "2de-gt"];

/// The ONISEP domaines the demo pupil ticked.
const INTERESTS: [&str; 2] = [
    "arts, culture, artisanat",
    "construction, architecture, travaux publics",
];

/// The demo pupil's favourites and her notes.
const FAVOURITES: [(&str, &str); 3] = [
    (
        "MET.439",
        "Mon stage à l'atelier m'a plu : le bois, le calcul, le sur-mesure.",
    ),
    (
        "FOR.6854",
        "À voir aux portes ouvertes du lycée professionnel en février.",
    ),
    ("MET.258", "Pour le côté design, dessiner des espaces."),
];
