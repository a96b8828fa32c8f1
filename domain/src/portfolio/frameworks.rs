//! Competence frameworks, shipped as data (`domain/data/frameworks.json`, versioned with the
//! code) and parsed once at start-up: the CRCN (5 domains, 16 competences, levels 1–8) and the
//! socle commun (8 components, 4 levels). A student's own skills are the third, per-student
//! framework (`own`), stored in the database.

use super::CompetenceRef;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::OnceLock;

/// The file in the repository, compiled in so that a running portal cannot lose it.
pub const SHIPPED_JSON: &str = include_str!("../../data/frameworks.json");

/// The code of the per-student framework ("mes compétences").
pub const OWN: &str = "own";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frameworks {
    /// Bumped when a framework's list changes; exports carry it.
    pub version: u32,
    pub frameworks: Vec<Framework>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Framework {
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
    /// Levels are 1..=levels.
    pub levels: u8,
    #[serde(default)]
    pub level_names_fr: Vec<String>,
    #[serde(default)]
    pub level_names_en: Vec<String>,
    pub groups: Vec<CompetenceGroup>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetenceGroup {
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
    pub competences: Vec<Competence>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Competence {
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
}

impl Framework {
    pub fn competences(&self) -> impl Iterator<Item = &Competence> {
        self.groups.iter().flat_map(|g| g.competences.iter())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameworksError {
    #[error("the frameworks file is not valid JSON: {0}")]
    Json(String),
    #[error("the frameworks file is inconsistent: {0}")]
    Inconsistent(String),
}

/// The shipped file, parsed on first use and kept for the life of the process.
static SHIPPED: OnceLock<Result<Frameworks, FrameworksError>> = OnceLock::new();

impl Frameworks {
    /// The frameworks of this build, or why the shipped file is broken. The server calls it at
    /// start-up and refuses to start on an error, so no page ever meets one.
    pub fn check_shipped() -> Result<&'static Frameworks, FrameworksError> {
        SHIPPED
            .get_or_init(|| Frameworks::parse(SHIPPED_JSON))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The frameworks of this build. The file is compiled in, a unit test parses it and the
    /// server checks it before it listens ([`Frameworks::check_shipped`]): a broken one cannot
    /// reach a running portal.
    pub fn shipped() -> &'static Frameworks {
        Frameworks::check_shipped().unwrap_or_else(|e| panic!("shipped frameworks are broken: {e}"))
    }

    /// The CRCN (Pix's framework), as shipped.
    pub fn crcn() -> &'static Framework {
        Frameworks::shipped()
            .framework("crcn")
            .unwrap_or_else(|| panic!("the shipped frameworks have no CRCN"))
    }

    pub fn parse(json: &str) -> Result<Frameworks, FrameworksError> {
        let parsed: Frameworks =
            serde_json::from_str(json).map_err(|e| FrameworksError::Json(e.to_string()))?;
        let bad = |why: String| Err(FrameworksError::Inconsistent(why));
        let mut framework_codes = HashSet::new();
        for framework in &parsed.frameworks {
            if framework.code == OWN || !framework_codes.insert(framework.code.as_str()) {
                return bad(format!(
                    "framework code {:?} reserved or repeated",
                    framework.code
                ));
            }
            if !(1..=20).contains(&framework.levels) {
                return bad(format!("{}: levels must be 1 to 20", framework.code));
            }
            for names in [&framework.level_names_fr, &framework.level_names_en] {
                if !names.is_empty() && names.len() != usize::from(framework.levels) {
                    return bad(format!("{}: one level name per level", framework.code));
                }
            }
            let mut codes = HashSet::new();
            for competence in framework.competences() {
                let valid = !competence.code.is_empty()
                    && competence
                        .code
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
                if !valid || !codes.insert(competence.code.as_str()) {
                    return bad(format!(
                        "{}: competence code {:?} invalid or repeated",
                        framework.code, competence.code
                    ));
                }
            }
        }
        Ok(parsed)
    }

    pub fn framework(&self, code: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.code == code)
    }

    /// The framework and competence a reference names, if both exist (`own` references are
    /// resolved against the student's own skills, not here).
    pub fn find(&self, competence: &CompetenceRef) -> Option<(&Framework, &Competence)> {
        let framework = self.framework(competence.framework())?;
        let found = framework
            .competences()
            .find(|c| c.code == competence.code())?;
        Some((framework, found))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_frameworks_are_the_official_lists() {
        let frameworks = Frameworks::check_shipped().expect("shipped frameworks parse");
        let crcn = frameworks.framework("crcn").unwrap();
        assert_eq!(crcn.levels, 8);
        assert_eq!(crcn.groups.len(), 5);
        assert_eq!(crcn.competences().count(), 16);
        assert_eq!(
            crcn.competences()
                .map(|c| c.code.as_str())
                .collect::<Vec<_>>(),
            [
                "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4", "4.1",
                "4.2", "4.3", "5.1", "5.2"
            ]
        );
        assert_eq!(
            frameworks
                .find(&CompetenceRef::parse("crcn:3.4").unwrap())
                .unwrap()
                .1
                .name_fr,
            "Programmer"
        );
        let socle = frameworks.framework("socle").unwrap();
        assert_eq!(socle.levels, 4);
        assert_eq!(socle.competences().count(), 8);
        assert_eq!(socle.level_names_fr[2], "Maîtrise satisfaisante");
        assert!(
            crcn.level_names_fr.is_empty(),
            "the CRCN's levels are numbers"
        );
    }

    #[test]
    fn inconsistent_files_are_refused() {
        let one = |framework: &str| format!(r#"{{"version":1,"frameworks":[{framework}]}}"#);
        let repeated = r#"{"code":"x","name_fr":"x","name_en":"x","levels":2,"groups":[{"code":"g","name_fr":"g","name_en":"g","competences":[{"code":"1","name_fr":"a","name_en":"a"},{"code":"1","name_fr":"b","name_en":"b"}]}]}"#;
        assert!(matches!(
            Frameworks::parse(&one(repeated)),
            Err(FrameworksError::Inconsistent(_))
        ));
        let reserved = r#"{"code":"own","name_fr":"x","name_en":"x","levels":2,"groups":[]}"#;
        assert!(Frameworks::parse(&one(reserved)).is_err());
        let no_levels = r#"{"code":"x","name_fr":"x","name_en":"x","levels":0,"groups":[]}"#;
        assert!(Frameworks::parse(&one(no_levels)).is_err());
        assert!(matches!(
            Frameworks::parse("{"),
            Err(FrameworksError::Json(_))
        ));
    }
}
