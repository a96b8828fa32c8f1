//! From an identity provider's claims to a checked account profile.
//!
//! ÉduConnect tells pupils from guardians with `FrEduCtPersonAffiliation`; the staff provider
//! (the académie's directory) tells counsellors by a configurable role claim. Anything else is
//! refused: the portal never guesses who someone is.

use super::types::{
    AccountProfile, BirthDate, InvalidValue, PersonName, Role, SchoolLevel, SchoolUai, Subject,
};
use serde_json::{Map, Value};

pub const CLAIM_EDUCONNECT_ID: &str = "FrEduCtId";
pub const CLAIM_AFFILIATION: &str = "FrEduCtPersonAffiliation";
pub const CLAIM_SCHOOL_UAI: &str = "FrEduCtEleveUAI";
pub const CLAIM_SCHOOL_LEVEL: &str = "FrEduCtEleveNiveau";
pub const CLAIM_BIRTH_DATE: &str = "FrEduCtDateNaissance";

/// Which population a provider serves, and so how its claims are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProviderKind {
    /// ÉduConnect-style: pupils (`eleve1d`, `eleve2d`) and guardians (`resp1d`, `resp2d`).
    EduConnect,
    /// A staff directory: counsellors, recognised by `role_claim` holding one of `counsellor_values`.
    Staff {
        role_claim: String,
        counsellor_values: Vec<String>,
    },
}

/// The claims as received (ID token merged with userinfo), before any check.
#[derive(Debug, Clone, Default)]
pub struct RawClaims {
    pub subject: String,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub other: Map<String, Value>,
}

/// A checked identity: whom to look up (subject) and what to store (profile).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInIdentity {
    pub subject: Subject,
    pub profile: AccountProfile,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClaimsError {
    #[error("claim {0} is missing")]
    Missing(&'static str),
    #[error("claim {claim} has an unsupported value {value:?}")]
    Unsupported { claim: String, value: String },
    #[error("claim {claim} is malformed: {source}")]
    Malformed {
        claim: &'static str,
        source: InvalidValue,
    },
}

fn malformed(claim: &'static str) -> impl FnOnce(InvalidValue) -> ClaimsError {
    move |source| ClaimsError::Malformed { claim, source }
}

/// A claim that may be a string or an array of strings (providers differ).
fn claim_values(claims: &Map<String, Value>, name: &str) -> Vec<String> {
    match claims.get(name) {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

fn claim_string(claims: &Map<String, Value>, name: &str) -> Option<String> {
    match claims.get(name) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    }
}

pub fn parse_claims(kind: &ProviderKind, raw: &RawClaims) -> Result<SignInIdentity, ClaimsError> {
    let given_name = raw
        .given_name
        .as_deref()
        .ok_or(ClaimsError::Missing("given_name"))
        .and_then(|n| PersonName::parse(n).map_err(malformed("given_name")))?;
    let family_name = raw
        .family_name
        .as_deref()
        .ok_or(ClaimsError::Missing("family_name"))
        .and_then(|n| PersonName::parse(n).map_err(malformed("family_name")))?;

    match kind {
        ProviderKind::EduConnect => {
            // ÉduConnect's own stable pseudonymous id wins over `sub` when both are sent.
            let subject = claim_string(&raw.other, CLAIM_EDUCONNECT_ID)
                .unwrap_or_else(|| raw.subject.clone());
            let subject = Subject::parse(&subject).map_err(malformed("sub"))?;
            let role = educonnect_role(&claim_values(&raw.other, CLAIM_AFFILIATION))?;
            let birth_date = claim_string(&raw.other, CLAIM_BIRTH_DATE)
                .map(|d| BirthDate::parse(&d).map_err(malformed(CLAIM_BIRTH_DATE)))
                .transpose()?;
            // School and level describe a pupil; a guardian's token may carry their child's,
            // which is not theirs to display.
            let (school_uai, school_level) = if role == Role::Student {
                (
                    claim_string(&raw.other, CLAIM_SCHOOL_UAI)
                        .map(|u| SchoolUai::parse(&u).map_err(malformed(CLAIM_SCHOOL_UAI)))
                        .transpose()?,
                    claim_string(&raw.other, CLAIM_SCHOOL_LEVEL)
                        .map(|l| SchoolLevel::parse(&l).map_err(malformed(CLAIM_SCHOOL_LEVEL)))
                        .transpose()?,
                )
            } else {
                (None, None)
            };
            Ok(SignInIdentity {
                subject,
                profile: AccountProfile {
                    role,
                    given_name,
                    family_name,
                    birth_date,
                    school_uai,
                    school_level,
                },
            })
        }
        ProviderKind::Staff {
            role_claim,
            counsellor_values,
        } => {
            let subject = Subject::parse(&raw.subject).map_err(malformed("sub"))?;
            let values = claim_values(&raw.other, role_claim);
            if values.is_empty() {
                return Err(ClaimsError::Unsupported {
                    claim: role_claim.clone(),
                    value: String::new(),
                });
            }
            if !values.iter().any(|v| counsellor_values.contains(v)) {
                return Err(ClaimsError::Unsupported {
                    claim: role_claim.clone(),
                    value: values.join(","),
                });
            }
            Ok(SignInIdentity {
                subject,
                profile: AccountProfile {
                    role: Role::Counsellor,
                    given_name,
                    family_name,
                    birth_date: None,
                    school_uai: None,
                    school_level: None,
                },
            })
        }
    }
}

fn educonnect_role(affiliations: &[String]) -> Result<Role, ClaimsError> {
    if affiliations.is_empty() {
        return Err(ClaimsError::Missing(CLAIM_AFFILIATION));
    }
    let roles: Vec<Option<Role>> = affiliations
        .iter()
        .map(|a| match a.as_str() {
            "eleve1d" | "eleve2d" => Some(Role::Student),
            "resp1d" | "resp2d" => Some(Role::Guardian),
            _ => None,
        })
        .collect();
    let first = roles[0];
    // One identity is one person: an unknown value, or a pupil who is also a guardian,
    // is not something we silently pick from.
    match first {
        Some(role) if roles.iter().all(|r| *r == Some(role)) => Ok(role),
        _ => Err(ClaimsError::Unsupported {
            claim: CLAIM_AFFILIATION.to_owned(),
            value: affiliations.join(","),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn raw(other: Value) -> RawClaims {
        RawClaims {
            subject: "sub-1".into(),
            given_name: Some("Lina".into()),
            family_name: Some("Moreau".into()),
            other: other.as_object().cloned().unwrap_or_default(),
        }
    }

    #[test]
    fn a_pupil_gets_school_and_level() {
        let identity = parse_claims(
            &ProviderKind::EduConnect,
            &raw(json!({
                "FrEduCtId": "fe-42",
                "FrEduCtPersonAffiliation": "eleve2d",
                "FrEduCtEleveUAI": "0750001a",
                "FrEduCtEleveNiveau": "2NDE GT",
                "FrEduCtDateNaissance": "2010-05-17"
            })),
        )
        .unwrap();
        assert_eq!(identity.subject.as_str(), "fe-42");
        assert_eq!(identity.profile.role, Role::Student);
        assert_eq!(identity.profile.school_uai.unwrap().as_str(), "0750001A");
        assert_eq!(identity.profile.school_level.unwrap().as_str(), "2NDE GT");
        assert_eq!(
            identity.profile.birth_date.unwrap().to_string(),
            "2010-05-17"
        );
    }

    #[test]
    fn sub_is_the_subject_without_fr_edu_ct_id() {
        let identity = parse_claims(
            &ProviderKind::EduConnect,
            &raw(json!({"FrEduCtPersonAffiliation": ["eleve1d"]})),
        )
        .unwrap();
        assert_eq!(identity.subject.as_str(), "sub-1");
    }

    #[test]
    fn a_guardian_does_not_inherit_a_pupils_school() {
        let identity = parse_claims(
            &ProviderKind::EduConnect,
            &raw(json!({"FrEduCtPersonAffiliation": "resp2d", "FrEduCtEleveUAI": "0750001A"})),
        )
        .unwrap();
        assert_eq!(identity.profile.role, Role::Guardian);
        assert_eq!(identity.profile.school_uai, None);
    }

    #[test]
    fn unknown_missing_or_mixed_affiliations_are_refused() {
        for other in [
            json!({}),
            json!({"FrEduCtPersonAffiliation": "enseignant"}),
            json!({"FrEduCtPersonAffiliation": ["eleve2d", "resp2d"]}),
            json!({"FrEduCtPersonAffiliation": 3}),
        ] {
            assert!(
                parse_claims(&ProviderKind::EduConnect, &raw(other.clone())).is_err(),
                "{other} accepted"
            );
        }
    }

    #[test]
    fn malformed_optional_claims_are_refused_not_dropped() {
        let err = parse_claims(
            &ProviderKind::EduConnect,
            &raw(json!({"FrEduCtPersonAffiliation": "eleve2d", "FrEduCtDateNaissance": "17/05/2010"})),
        )
        .unwrap_err();
        assert!(matches!(
            err,
            ClaimsError::Malformed {
                claim: CLAIM_BIRTH_DATE,
                ..
            }
        ));
    }

    #[test]
    fn names_are_required() {
        let mut claims = raw(json!({"FrEduCtPersonAffiliation": "eleve2d"}));
        claims.given_name = None;
        assert_eq!(
            parse_claims(&ProviderKind::EduConnect, &claims),
            Err(ClaimsError::Missing("given_name"))
        );
    }

    #[test]
    fn staff_need_a_counsellor_role() {
        let kind = ProviderKind::Staff {
            role_claim: "sillage_role".into(),
            counsellor_values: vec!["psy-en".into(), "professeur-principal".into()],
        };
        let ok = parse_claims(&kind, &raw(json!({"sillage_role": ["autre", "psy-en"]}))).unwrap();
        assert_eq!(ok.profile.role, Role::Counsellor);
        assert!(parse_claims(&kind, &raw(json!({"sillage_role": "eleve"}))).is_err());
        assert!(parse_claims(&kind, &raw(json!({}))).is_err());
    }
}
