//! What the pupil has shown, as a bridge to ONISEP's domaines: a competence of her portfolio
//! (« en cours » or « acquise » on an entry) or of her Pix results (level
//! [`PIX_STRENGTH_LEVEL`] or more) points to the domaines where it is used every day, as
//! `domain/data/guidance/strengths.toml` says, a file a counsellor can read and discuss.
//! Suggestions made from it say which competence and where she showed it; it never weighs more
//! than a domaine she chose or a favourite she kept (`suggest`).

use crate::portfolio::CompetenceRef;
use serde::{Deserialize, Serialize};

/// Pix's level 3, « indépendant »: from there a competence counts as hers.
pub const PIX_STRENGTH_LEVEL: u8 = 3;

/// The shipped links, compiled in.
pub const SHIPPED_TOML: &str = include_str!("../../data/guidance/strengths.toml");

/// Where she showed a competence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Evidence {
    /// On a portfolio entry of hers (its title).
    Portfolio { entry: String },
    /// At this level in her latest Pix result giving it.
    Pix { level: u8 },
}

/// A competence she showed, and the domaines it points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strength {
    pub competence: CompetenceRef,
    pub evidence: Evidence,
    pub domaines: Vec<String>,
}

/// The links of competences to domaines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Links {
    links: Vec<(CompetenceRef, Vec<String>)>,
}

impl Links {
    /// The domaines a competence points to (none: it points to no domaine).
    pub fn domaines_of(&self, competence: &CompetenceRef) -> &[String] {
        self.links
            .iter()
            .find(|(c, _)| c == competence)
            .map(|(_, domaines)| domaines.as_slice())
            .unwrap_or(&[])
    }

    /// Every domaine some competence points to.
    pub fn domaines(&self) -> impl Iterator<Item = &String> {
        self.links.iter().flat_map(|(_, domaines)| domaines.iter())
    }
}

/// Why a links file is refused (its tests fail the build).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinksProblem {
    #[error("not a links file: {0}")]
    Syntax(String),
    #[error("{0} is not a competence of the shipped frameworks")]
    UnknownCompetence(String),
    #[error("{0} is linked twice")]
    Twice(String),
    #[error("{0} points to no domaine, or to one twice")]
    BadDomaines(String),
}

#[cfg(feature = "server")]
pub fn parse(text: &str) -> Result<Links, LinksProblem> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        link: Vec<RawLink>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawLink {
        competence: String,
        domaines: Vec<String>,
    }
    let file: File = toml::from_str(text).map_err(|e| LinksProblem::Syntax(e.to_string()))?;
    let frameworks = crate::portfolio::frameworks::Frameworks::shipped();
    let mut links: Vec<(CompetenceRef, Vec<String>)> = Vec::new();
    for raw in file.link {
        let competence = CompetenceRef::parse(&raw.competence)
            .filter(|c| frameworks.find(c).is_some())
            .ok_or_else(|| LinksProblem::UnknownCompetence(raw.competence.clone()))?;
        if links.iter().any(|(c, _)| *c == competence) {
            return Err(LinksProblem::Twice(raw.competence));
        }
        let mut seen = std::collections::HashSet::new();
        if raw.domaines.is_empty()
            || !raw
                .domaines
                .iter()
                .all(|d| !d.trim().is_empty() && seen.insert(d))
        {
            return Err(LinksProblem::BadDomaines(raw.competence));
        }
        links.push((competence, raw.domaines));
    }
    Ok(Links { links })
}

/// The links of this build: compiled in, parsed by a unit test (a broken file fails the build's
/// tests before it reaches a portal).
#[cfg(feature = "server")]
pub fn shipped() -> &'static Links {
    static SHIPPED: std::sync::OnceLock<Links> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(|| {
        parse(SHIPPED_TOML).unwrap_or_else(|e| panic!("shipped strengths are broken: {e}"))
    })
}

/// What the pupil showed: the competences of her portfolio entries « en cours » or « acquises »
/// (the first entry in her order names each), then her Pix competences at
/// [`PIX_STRENGTH_LEVEL`] or more; only those that point to some domaine.
/// Why what a pupil showed could not be read (its own error: the plan's storage reads it, not
/// the other way round).
#[cfg(feature = "server")]
#[derive(Debug, thiserror::Error)]
pub enum StrengthsError {
    #[error("her portfolio's competences could not be read: {0}")]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Pix(#[from] crate::pix::store::PixError),
}

#[cfg(feature = "server")]
pub async fn shown(
    db: &crate::db::Db,
    owner: crate::identity::AccountId,
) -> Result<Vec<Strength>, StrengthsError> {
    use sqlx::Row;
    let links = shipped();
    let mut out: Vec<Strength> = Vec::new();
    let rows = sqlx::query(
        "SELECT c.framework, c.code, e.title FROM entry_competences c \
         JOIN portfolio_entries e ON e.id = c.entry_id \
         WHERE e.owner_id = $1 AND c.status IN ('in_progress', 'acquired') \
         ORDER BY e.position, e.id, c.framework, c.code",
    )
    .bind(owner.get())
    .fetch_all(db.pool())
    .await?;
    for row in rows {
        let raw = format!(
            "{}:{}",
            row.try_get::<String, _>("framework")?,
            row.try_get::<String, _>("code")?
        );
        let Some(competence) = CompetenceRef::parse(&raw) else {
            continue;
        };
        let domaines = links.domaines_of(&competence);
        if domaines.is_empty() || out.iter().any(|s| s.competence == competence) {
            continue;
        }
        out.push(Strength {
            competence,
            evidence: Evidence::Portfolio {
                entry: row.try_get("title")?,
            },
            domaines: domaines.to_vec(),
        });
    }
    let history = crate::pix::store::history(db, owner).await?;
    for current in history.current_levels(crate::portfolio::frameworks::Frameworks::crcn()) {
        let Some(competence) = CompetenceRef::parse(&format!("crcn:{}", current.code)) else {
            continue;
        };
        let domaines = links.domaines_of(&competence);
        if current.level < PIX_STRENGTH_LEVEL || domaines.is_empty() {
            continue;
        }
        out.push(Strength {
            competence,
            evidence: Evidence::Pix {
                level: current.level,
            },
            domaines: domaines.to_vec(),
        });
    }
    Ok(out)
}

#[cfg(all(test, feature = "server"))]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_links_name_real_competences_and_onisep_domaines() {
        let links = parse(SHIPPED_TOML).expect("the shipped file");
        let programming = CompetenceRef::parse("crcn:3.4").unwrap();
        assert_eq!(
            links.domaines_of(&programming),
            [
                "informatique, Internet",
                "électricité, électronique, robotique"
            ]
        );
        // « Méthodes et outils pour apprendre » serves every path: no domaine.
        assert!(links
            .domaines_of(&CompetenceRef::parse("socle:5").unwrap())
            .is_empty());
        // Every domaine named is one of ONISEP's, as the shipped extract writes it.
        let mut onisep = std::collections::HashSet::new();
        for (_, bytes) in crate::guidance::onisep::SHIPPED {
            match crate::guidance::onisep::read(bytes).contents {
                Some(crate::guidance::onisep::Contents::Metiers(rows)) => {
                    onisep.extend(rows.into_iter().flat_map(|m| m.domains).map(|p| p.domaine))
                }
                Some(crate::guidance::onisep::Contents::Formations(rows)) => {
                    onisep.extend(rows.into_iter().flat_map(|f| f.domains).map(|p| p.domaine))
                }
                Some(crate::guidance::onisep::Contents::Offers(_)) => {}
                None => panic!("the shipped extract reads"),
            }
        }
        for domaine in links.domaines() {
            assert!(onisep.contains(domaine), "{domaine} is not ONISEP's");
        }
    }

    #[test]
    fn a_wrong_file_is_refused() {
        let one = |competence: &str, domaines: &str| {
            format!("[[link]]\ncompetence = \"{competence}\"\ndomaines = {domaines}\n")
        };
        assert!(matches!(parse("link = 3"), Err(LinksProblem::Syntax(_))));
        assert_eq!(
            parse(&one("crcn:9.9", r#"["sciences"]"#)),
            Err(LinksProblem::UnknownCompetence("crcn:9.9".into()))
        );
        assert_eq!(
            parse(&format!(
                "{}{}",
                one("socle:3", r#"["sciences"]"#),
                one("socle:3", r#"["mécanique"]"#)
            )),
            Err(LinksProblem::Twice("socle:3".into()))
        );
        for domaines in ["[]", r#"["sciences", "sciences"]"#, r#"[" "]"#] {
            assert_eq!(
                parse(&one("socle:3", domaines)),
                Err(LinksProblem::BadDomaines("socle:3".into()))
            );
        }
        assert!(matches!(
            parse(&format!("{}extra = 1\n", one("socle:3", r#"["sciences"]"#))),
            Err(LinksProblem::Syntax(_))
        ));
    }
}
