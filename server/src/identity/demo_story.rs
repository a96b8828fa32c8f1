//! The demo's story: what the three demo accounts find on their first visit, so that each role
//! sees its work rather than empty pages. Camille (3e) has six portfolio entries of different
//! kinds with evidence, reflections and competences, two Pix campaigns a year apart and a
//! certification; she shared a page with Nadia, her counsellor, who commented on an entry and
//! verified it, and she linked Sophie, her mother, who sees the page delegated to her. Every
//! step goes through the same domain functions as a person's request, so the journal holds the
//! lines the story leaves, and every text says it is a demo.
//!
//! Told once: at a demo instance's start when the pupil has no entry and no page yet
//! ([`tell_if_untold`]); `server admin demo reset` deletes the demo accounts and tells it again.
//! A later feature (guidance plan, services, notifications, badges) adds its chapter here.

use super::demo::{self, DemoCast};
use domain::db::Db;
use domain::identity::AccountId;
use domain::pix::orga_csv::{self, Campaign, ParticipantRow};
use domain::pix::{CompetencePix, PixLevel};
use domain::portfolio::evidence_store::{self, EvidenceLimits, EvidenceStorage};
use domain::portfolio::frameworks::Frameworks;
use domain::portfolio::showcase::{PageId, RawPage};
use domain::portfolio::{EntryId, RawEntry};
use sqlx::Row;
use std::collections::BTreeMap;
use std::sync::Arc;

mod guidance;

/// The evidence files the story attaches (shipped with the binary).
const PLACEMENT_CERTIFICATE: &[u8] = include_bytes!("../../demo/attestation-stage.pdf");
const ROBOT_PICTURE: &[u8] = include_bytes!("../../demo/robot-club.png");

#[derive(Debug, thiserror::Error)]
pub enum StoryError {
    #[error("demo accounts: {0}")]
    Accounts(#[from] domain::identity::store::AccountStoreError),
    #[error("demo portfolio: {0}")]
    Portfolio(#[from] domain::portfolio::store::PortfolioError),
    #[error("demo evidence: {0}")]
    Evidence(#[from] evidence_store::EvidenceError),
    #[error("demo page: {0}")]
    Showcase(#[from] domain::portfolio::showcase_store::ShowcaseError),
    #[error("demo sharing: {0}")]
    Feedback(#[from] domain::portfolio::feedback_store::FeedbackError),
    #[error("demo guardian: {0}")]
    Guardianship(#[from] domain::sharing::guardianship_store::GuardianshipError),
    #[error("demo Pix results: {0}")]
    Pix(#[from] domain::pix::store::PixError),
    #[error("demo Pix numbers out of range: {0} pix")]
    PixNumbers(u16),
    #[error("demo Pix import refused: {0} problem(s)")]
    PixRefused(usize),
    #[error("demo guidance plan: {0}")]
    Plan(#[from] domain::guidance::plan::store::PlanError),
    #[error(
        "demo guidance plan: {0} is not an ONISEP id, a wish or a step, or its note is refused"
    )]
    PlanValue(&'static str),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

/// Where the story's files go and how large they may be (the instance's own settings).
pub struct StoryFiles<'a> {
    pub storage: &'a Arc<dyn EvidenceStorage>,
    pub limits: EvidenceLimits,
}

/// Tells the story unless the demo pupil already has entries or pages (a story told before,
/// or a visitor's own). Returns whether it was told.
pub async fn tell_if_untold(
    db: &Db,
    cast: &DemoCast,
    files: &StoryFiles<'_>,
) -> Result<bool, StoryError> {
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM portfolio_entries WHERE owner_id = $1)
              + (SELECT COUNT(*) FROM showcase_pages WHERE owner_id = $1) AS n",
    )
    .bind(cast.pupil.get())
    .fetch_one(db.pool())
    .await?;
    if row.try_get::<i64, _>("n")? > 0 {
        return Ok(false);
    }
    tell(db, cast, files).await?;
    Ok(true)
}

/// A date `days` before today, `YYYY-MM-DD`: the story stays in the recent past whenever it
/// is told.
fn days_ago(days: i64) -> String {
    let date = time::OffsetDateTime::now_utc().date() - time::Duration::days(days);
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

struct StoryEntry {
    kind: &'static str,
    title: &'static str,
    /// Started and ended, in days before today.
    days: (i64, Option<i64>),
    place: &'static str,
    description: &'static str,
    reflection: &'static str,
    /// `framework:code`, status, level.
    competences: &'static [(&'static str, &'static str, Option<u8>)],
    own_skill: Option<&'static str>,
}

const ENTRIES: [StoryEntry; 6] = [
    StoryEntry {
        kind: "internship",
        title: "Stage d'observation de 3e — Atelier Bois & Cie (démo)",
        days: (60, Some(56)),
        place: "Lyon (fictif)",
        description: "Cinq jours dans un atelier de menuiserie : prise de cotes chez un client, \
                      dessin d'un plan, fabrication d'une étagère sur mesure.",
        reflection: "J'ai découvert qu'un métier manuel demande beaucoup de calcul et de \
                     précision. J'aimerais en savoir plus sur le bac pro et le CAP en \
                     menuiserie, et sur les métiers du design.",
        competences: &[
            ("socle:5", "acquired", Some(3)),
            ("socle:3", "in_progress", Some(2)),
        ],
        own_skill: Some("Travailler en équipe"),
    },
    StoryEntry {
        kind: "project",
        title: "Mini-entreprise : une appli de covoiturage pour le collège (démo)",
        days: (150, Some(20)),
        place: "Collège Démo Jules-Ferry",
        description: "Avec quatre camarades, une application web pour que les familles \
                      partagent les trajets vers le collège. J'ai programmé la carte des \
                      trajets.",
        reflection: "Programmer à plusieurs oblige à se mettre d'accord avant d'écrire le \
                     code. J'ai appris à découper le travail.",
        competences: &[
            ("crcn:3.4", "in_progress", Some(2)),
            ("crcn:2.3", "acquired", Some(3)),
        ],
        own_skill: None,
    },
    StoryEntry {
        kind: "club",
        title: "Club robotique du jeudi (démo)",
        days: (400, None),
        place: "CDI du collège",
        description: "Chaque jeudi midi, nous construisons et programmons un robot pour la \
                      rencontre académique de robotique.",
        reflection: "Quand le robot ne marche pas, il faut chercher la panne étape par étape : \
                     je suis devenue plus patiente.",
        competences: &[
            ("crcn:5.1", "acquired", Some(3)),
            ("socle:7", "in_progress", Some(2)),
        ],
        own_skill: None,
    },
    StoryEntry {
        kind: "certification",
        title: "Attestation scolaire de sécurité routière, 2e niveau (démo)",
        days: (90, None),
        place: "Collège Démo Jules-Ferry",
        description: "ASSR 2 obtenue en classe de 3e.",
        reflection: "",
        competences: &[("socle:6", "acquired", Some(3))],
        own_skill: None,
    },
    StoryEntry {
        kind: "school_work",
        title: "Exposé d'histoire : les femmes dans la Résistance (démo)",
        days: (35, None),
        place: "Cours d'histoire-géographie",
        description: "Un exposé de dix minutes avec un diaporama, à partir d'archives \
                      départementales.",
        reflection: "Citer ses sources, c'est aussi respecter le travail des autres.",
        competences: &[
            ("socle:1", "acquired", Some(3)),
            ("socle:8", "in_progress", Some(2)),
            ("crcn:3.1", "acquired", Some(3)),
        ],
        own_skill: None,
    },
    StoryEntry {
        kind: "experience",
        title: "Bénévolat à la banque alimentaire (démo)",
        days: (120, Some(118)),
        place: "Villeurbanne (fictif)",
        description: "Deux jours de collecte au supermarché du quartier avec l'association.",
        reflection: "Parler à des inconnus me faisait peur ; à la fin du premier jour, \
                     c'était devenu facile.",
        competences: &[("socle:6", "acquired", Some(3))],
        own_skill: Some("Aller vers les autres"),
    },
];

/// Indexes in [`ENTRIES`] of the page shared with the counsellor, and of the one delegated to
/// the guardian.
const COUNSELLOR_PAGE: [usize; 3] = [0, 1, 2];
const GUARDIAN_PAGE: [usize; 2] = [3, 4];

async fn tell(db: &Db, cast: &DemoCast, files: &StoryFiles<'_>) -> Result<(), StoryError> {
    let frameworks = Frameworks::shipped();
    let mut entries = Vec::new();
    for story in &ENTRIES {
        let raw = RawEntry {
            kind: story.kind.to_owned(),
            title: story.title.to_owned(),
            started_on: days_ago(story.days.0),
            ended_on: story.days.1.map(days_ago).unwrap_or_default(),
            place: story.place.to_owned(),
            description: story.description.to_owned(),
            reflection: story.reflection.to_owned(),
            competences: story
                .competences
                .iter()
                .map(|(key, status, _)| ((*key).to_owned(), (*status).to_owned()))
                .collect(),
            levels: story
                .competences
                .iter()
                .filter_map(|(key, _, level)| level.map(|l| ((*key).to_owned(), l.to_string())))
                .collect(),
            new_skill: story.own_skill.unwrap_or_default().to_owned(),
            new_skill_status: String::new(),
        };
        entries.push(domain::portfolio::store::create(db, cast.pupil, &raw, frameworks).await?);
    }

    // Evidence: the placement's certificate (PDF) and a picture of the club's robot.
    for (entry, name, bytes) in [
        (
            entries[0],
            "attestation-stage-demo.pdf",
            PLACEMENT_CERTIFICATE,
        ),
        (entries[2], "robot-du-club-demo.png", ROBOT_PICTURE),
    ] {
        evidence_store::add(
            db,
            files.storage,
            files.limits,
            cast.pupil,
            entry,
            name,
            bytes.to_vec(),
        )
        .await?;
    }

    // Two Pix campaigns a year apart (4e, then 3e), imported by the counsellor from exports in
    // Pix Orga's own form, then a certification the pupil typed in.
    import_pix_campaign(db, cast, "900401", "Rentrée en 4e (démo)", 420, 9).await?;
    import_pix_campaign(db, cast, "900402", "Rentrée en 3e (démo)", 45, 17).await?;
    let certification = domain::pix::certification::RawCertification {
        taken_on: days_ago(15),
        verification_code: "P-3BFH7MQT".to_owned(),
        score: "286".to_owned(),
        // Certified a level below or at what the 3e campaign showed, as certification is.
        levels: Frameworks::crcn()
            .competences()
            .enumerate()
            .map(|(i, c)| {
                let level = if i % 3 == 0 { 3 } else { 2 };
                (c.code.clone(), level.to_string())
            })
            .collect(),
    };
    domain::pix::store::record_certification(
        db,
        cast.pupil,
        cast.pupil,
        &certification,
        Frameworks::crcn(),
    )
    .await?;

    // A page for the counsellor: shared, commented, an entry verified, the pupil's answer.
    let counsellor_page = make_page(
        db,
        cast.pupil,
        "Mon parcours de 3e (démo)",
        "Ce que j'ai fait cette année et ce qui m'a donné des idées pour l'orientation.",
        COUNSELLOR_PAGE.iter().map(|&i| entries[i]),
        PageSections {
            pix: true,
            plan: true,
        },
    )
    .await?;
    domain::portfolio::feedback_store::grant(db, cast.pupil, counsellor_page, cast.counsellor)
        .await?;
    domain::portfolio::feedback_store::comment(
        db,
        cast.counsellor,
        entries[0],
        "Très beau stage, Camille ! Ton attestation est très positive. Tu parles du CAP et \
         du bac pro : viens me voir pour en parler, et regarde aussi les fiches métiers \
         d'ébéniste et de designer (démo).",
    )
    .await?;
    domain::portfolio::feedback_store::set_verified(db, cast.counsellor, entries[0], true).await?;
    domain::portfolio::feedback_store::comment(
        db,
        cast.pupil,
        entries[0],
        "Merci ! Je passe au CDI jeudi (démo).",
    )
    .await?;

    // The guardian: linked with the pupil's code and birth date, one page delegated.
    let invitation = domain::sharing::guardianship_store::invite(db, cast.pupil).await?;
    domain::sharing::guardianship_store::accept(
        db,
        cast.guardian,
        &invitation.code,
        demo::DEMO_PUPIL_BIRTH_DATE,
    )
    .await?;
    let family_page = make_page(
        db,
        cast.pupil,
        "Pour mes parents (démo)",
        "Mes attestations et mon exposé.",
        GUARDIAN_PAGE.iter().map(|&i| entries[i]),
        PageSections::default(),
    )
    .await?;
    domain::portfolio::feedback_store::grant(db, cast.pupil, family_page, cast.guardian).await?;

    guidance::tell(db, cast).await?;
    tracing::info!("demo story told: entries, Pix results, pages shared, guidance plan");
    Ok(())
}

/// What a demo page shows beside its entries.
#[derive(Default)]
struct PageSections {
    pix: bool,
    plan: bool,
}

async fn make_page(
    db: &Db,
    owner: AccountId,
    title: &str,
    intro: &str,
    entries: impl Iterator<Item = EntryId>,
    sections: PageSections,
) -> Result<PageId, StoryError> {
    let on = |shown: bool| {
        if shown {
            "on".to_owned()
        } else {
            String::new()
        }
    };
    let page = RawPage {
        title: title.to_owned(),
        intro: intro.to_owned(),
        entries: entries
            .map(|id| (id.get().to_string(), "on".to_owned()))
            .collect(),
        order: BTreeMap::new(),
        pix: on(sections.pix),
        plan: on(sections.plan),
    };
    Ok(domain::portfolio::showcase_store::create(db, owner, &page).await?)
}

/// One « collecte de profils » campaign in which the demo pupil sent her profile `days` ago,
/// with `pix` in each competence, imported by the counsellor as she would upload it.
async fn import_pix_campaign(
    db: &Db,
    cast: &DemoCast,
    id: &str,
    name: &str,
    days: i64,
    pix: u16,
) -> Result<(), StoryError> {
    let framework = Frameworks::crcn();
    let campaign = Campaign {
        organisation: demo::DEMO_SCHOOL_NAME.to_owned(),
        id: id.to_owned(),
        name: name.to_owned(),
    };
    // Stronger in some competences than others, as a real profile is.
    let competences = framework
        .competences()
        .enumerate()
        .map(|(i, c)| {
            let pix = pix.saturating_sub((i as u16 % 4) * 3);
            let level = PixLevel::new((pix / 8) as u8).ok_or(StoryError::PixNumbers(pix))?;
            let pix = CompetencePix::new(pix).ok_or(StoryError::PixNumbers(pix))?;
            Ok((c.code.clone(), level, pix))
        })
        .collect::<Result<Vec<_>, StoryError>>()?;
    let total = competences.iter().map(|(_, _, p)| p.get()).sum();
    let row = ParticipantRow {
        line: 2,
        last_name: "Démo-Martin".to_owned(),
        first_name: "Camille".to_owned(),
        class: Some("3e A".to_owned()),
        student_number: None,
        external_id: None,
        shared: true,
        shared_on: Some(days_ago(days)),
        shared_at: None,
        total_pix: Some(total),
        certifiable: None,
        competences,
    };
    let export = orga_csv::write(framework, &campaign, &[row]);
    let (draft, summary) = domain::pix::store::save_upload(
        db,
        framework,
        cast.counsellor,
        &format!("export-{id}.csv"),
        std::io::Cursor::new(export.into_bytes()),
        u64::MAX,
    )
    .await?;
    if summary.problem_count > 0 {
        return Err(StoryError::PixRefused(summary.problem_count));
    }
    domain::pix::store::confirm_import(db, framework, cast.counsellor, draft).await?;
    Ok(())
}
