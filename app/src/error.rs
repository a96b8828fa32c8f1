use crate::i18n::catalogue::RefusalsTexts;
use crate::i18n::Bilingual;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What a server function can answer instead of its result. It crosses the network, so it
/// carries no internal detail: those are logged on the server where they happen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum PortalError {
    #[error("{}", refusal(RefusalsTexts::not_signed_in))]
    NotSignedIn,
    #[error("{}", refusal(RefusalsTexts::forbidden))]
    Forbidden,
    /// What was asked for does not exist, or is not the asker's: both answer the same.
    #[error("{}", refusal(RefusalsTexts::not_found))]
    NotFound,
    #[error("{}", refusal(RefusalsTexts::unavailable))]
    Unavailable,
    /// The request's arguments did not parse (a missing or malformed field); it says which,
    /// in both languages.
    #[error("{bad}: {0}", bad = refusal(RefusalsTexts::bad_request))]
    BadRequest(String),
    /// The vault refused what was sent (not an envelope, a stale revision…).
    #[error("{}", crate::pages::vault::texts::vault_problem_bilingual(*.0))]
    Vault(domain::vault::VaultProblem),
    #[error("request failed: {0}")]
    Transport(String),
}

/// A refusal of the catalogue, in both languages (an API caller reads it as it is).
pub fn refusal(words: fn(&RefusalsTexts) -> &'static str) -> Bilingual {
    Bilingual::of(|lang| words(RefusalsTexts::of(lang)))
}

impl FromServerFnError for PortalError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Said in both languages: an API caller reads it as it is.
            // (`Deserialization` is what a JSON-encoded server function says of a body that
            // does not parse: the vault's, refusing anything that is not an envelope.)
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => PortalError::BadRequest(format!(
                "{} ({value})",
                refusal(RefusalsTexts::field_malformed)
            )),
            other => PortalError::Transport(other.to_string()),
        }
    }
}

impl PortalError {
    /// The one table from a refusal to the HTTP status the browser (or an API caller) sees.
    /// A refusal is the caller's business (4xx); only a failure on our side is 5xx.
    pub fn status(&self) -> u16 {
        use domain::vault::VaultProblem as V;
        match self {
            PortalError::NotSignedIn => 401,
            PortalError::Forbidden => 403,
            PortalError::NotFound => 404,
            PortalError::BadRequest(_) => 400,
            PortalError::Vault(V::Conflict | V::Replayed | V::AlreadyExists) => 409,
            PortalError::Vault(V::SignInAgain | V::KeyProofRequired) => 403,
            PortalError::Vault(V::NoVault) => 404,
            PortalError::Vault(_) => 400,
            PortalError::Unavailable => 503,
            PortalError::Transport(_) => 500,
        }
    }
}

/// The one table from the domain's errors to what a server function answers: a plain `?`
/// everywhere. What the caller may fix or may not see is a 4xx; a failure of ours (the
/// database, the journal) is logged here with its detail and answered as `Unavailable`.
/// What the server's own handlers (uploads, downloads, sign-in steps: browser navigations, not
/// server functions) answer for a [`PortalError`]: its status from the one table above and its
/// message in both languages; an anonymous browser is sent to sign in.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for PortalError {
    fn into_response(self) -> axum::response::Response {
        use axum::response::Redirect;
        if self == PortalError::NotSignedIn {
            return Redirect::to("/connexion").into_response();
        }
        let status = http::StatusCode::from_u16(self.status())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (
            status,
            [(http::header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!("{self}\n"),
        )
            .into_response();
        if self == PortalError::Unavailable {
            response.headers_mut().insert(
                http::header::RETRY_AFTER,
                http::HeaderValue::from_static("5"),
            );
        }
        response
    }
}

#[cfg(feature = "ssr")]
mod from_domain {
    use super::PortalError;
    use domain::pix::store::PixError;
    use domain::portfolio::feedback_store::FeedbackError;
    use domain::portfolio::showcase_store::ShowcaseError;
    use domain::portfolio::store::PortfolioError;
    use domain::sharing::guardianship_store::GuardianshipError;
    use domain::vault::store::VaultError;

    /// What a form's page checks before it stores; reaching the store with it is a request
    /// that did not come from the page (an API caller, a stale form).
    fn invalid() -> PortalError {
        PortalError::BadRequest(super::refusal(super::RefusalsTexts::fields_invalid).to_string())
    }

    fn failed(area: &'static str, error: &dyn std::fmt::Display) -> PortalError {
        tracing::error!(area, %error, "storage failed");
        PortalError::Unavailable
    }

    impl From<PortfolioError> for PortalError {
        fn from(error: PortfolioError) -> Self {
            match error {
                PortfolioError::NotFound => PortalError::NotFound,
                PortfolioError::Invalid(_) => invalid(),
                PortfolioError::Database(error) => failed("portfolio", &error),
            }
        }
    }

    impl From<ShowcaseError> for PortalError {
        fn from(error: ShowcaseError) -> Self {
            match error {
                ShowcaseError::NotFound => PortalError::NotFound,
                ShowcaseError::Invalid(_) => invalid(),
                ShowcaseError::Database(error) => failed("showcase", &error),
                ShowcaseError::Audit(error) => failed("showcase", &error),
                ShowcaseError::Plan(error) => error.into(),
            }
        }
    }

    impl From<FeedbackError> for PortalError {
        fn from(error: FeedbackError) -> Self {
            match error {
                FeedbackError::NotFound => PortalError::NotFound,
                FeedbackError::Invalid(_) => invalid(),
                FeedbackError::Showcase(error) => error.into(),
                FeedbackError::Guardianship(error) => error.into(),
                FeedbackError::Database(error) => failed("feedback", &error),
                FeedbackError::Audit(error) => failed("feedback", &error),
            }
        }
    }

    impl From<GuardianshipError> for PortalError {
        fn from(error: GuardianshipError) -> Self {
            match error {
                // A refused link (no such pupil, a birth date that does not match) answers as
                // "not found": the answer must not tell a stranger that a pupil exists.
                GuardianshipError::NotFound | GuardianshipError::Refused(_) => {
                    PortalError::NotFound
                }
                GuardianshipError::Database(error) => failed("guardianship", &error),
                GuardianshipError::Audit(error) => failed("guardianship", &error),
            }
        }
    }

    impl From<PixError> for PortalError {
        fn from(error: PixError) -> Self {
            match error {
                // A draft kept by an older version reads as gone: the page asks for the file
                // again.
                PixError::NotFound | PixError::UnreadableDraft(_) => PortalError::NotFound,
                PixError::Invalid(_) | PixError::FileRefused(_) => invalid(),
                PixError::Database(error) => failed("pix", &error),
                PixError::Audit(error) => failed("pix", &error),
            }
        }
    }

    impl From<domain::guidance::GuidanceError> for PortalError {
        fn from(error: domain::guidance::GuidanceError) -> Self {
            use domain::guidance::GuidanceError;
            match error {
                GuidanceError::NotFound => PortalError::NotFound,
                GuidanceError::Search(error) => failed("guidance", &error),
                GuidanceError::Database(error) => failed("guidance", &error),
            }
        }
    }

    impl From<domain::guidance::plan::store::PlanError> for PortalError {
        fn from(error: domain::guidance::plan::store::PlanError) -> Self {
            use domain::guidance::plan::store::PlanError;
            use domain::guidance::strengths::StrengthsError;
            match error {
                PlanError::UnknownItem
                | PlanError::UnknownWish
                | PlanError::UnknownStep
                | PlanError::UnknownPerson
                | PlanError::UnknownRecommendation
                | PlanError::UnknownComment
                | PlanError::UnknownEntry => PortalError::NotFound,
                // The form says it next to the field; reaching here is a request of another kind.
                PlanError::TooMany
                | PlanError::UnknownDomaine
                | PlanError::UnknownChoice
                | PlanError::TooManyWishes { .. }
                | PlanError::TooManySteps
                | PlanError::TooManyRecommendations
                | PlanError::TooManyComments
                | PlanError::TooMuchEvidence { .. } => invalid(),
                PlanError::Database(error) => failed("guidance", &error),
                PlanError::Audit(error) => failed("guidance", &error),
                PlanError::Strengths(StrengthsError::Database(error)) => failed("guidance", &error),
                PlanError::Strengths(StrengthsError::Pix(error)) => error.into(),
            }
        }
    }

    impl From<VaultError> for PortalError {
        fn from(error: VaultError) -> Self {
            match error {
                VaultError::Refused(problem) => PortalError::Vault(problem),
                VaultError::NotFound => PortalError::NotFound,
                VaultError::Database(error) => failed("vault", &error),
                VaultError::Audit(error) => failed("vault", &error),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_4xx_and_only_failures_5xx() {
        for refusal in [
            PortalError::NotSignedIn,
            PortalError::Forbidden,
            PortalError::NotFound,
            PortalError::BadRequest("x".into()),
            PortalError::Vault(domain::vault::VaultProblem::NotAnEnvelope),
            PortalError::Vault(domain::vault::VaultProblem::KeyProofRequired),
            PortalError::Vault(domain::vault::VaultProblem::Conflict),
        ] {
            assert!((400..500).contains(&refusal.status()), "{refusal:?}");
        }
        assert_eq!(PortalError::Unavailable.status(), 503);
    }

    /// Every kind of every area's error, through the one table: the status the browser sees
    /// and the words it reads (both languages, nothing internal).
    #[cfg(feature = "ssr")]
    #[test]
    fn every_domain_error_has_its_status_and_words() {
        use domain::pix::store::PixError;
        use domain::portfolio::feedback_store::FeedbackError;
        use domain::portfolio::showcase_store::ShowcaseError;
        use domain::portfolio::store::PortfolioError;
        use domain::sharing::guardianship_store::GuardianshipError;
        use domain::vault::store::VaultError;
        use domain::vault::VaultProblem;

        let database = || sqlx::Error::PoolTimedOut;
        let cases: Vec<(PortalError, u16, &str)> = vec![
            (PortfolioError::NotFound.into(), 404, "introuvable"),
            (
                PortfolioError::Invalid(vec![]).into(),
                400,
                "champs ne sont pas valides",
            ),
            (
                PortfolioError::Database(database()).into(),
                503,
                "indisponible",
            ),
            (ShowcaseError::NotFound.into(), 404, "introuvable"),
            (ShowcaseError::Invalid(vec![]).into(), 400, "not valid"),
            (
                ShowcaseError::Database(database()).into(),
                503,
                "unavailable",
            ),
            (FeedbackError::NotFound.into(), 404, "not found"),
            (
                domain::guidance::GuidanceError::NotFound.into(),
                404,
                "introuvable",
            ),
            (
                domain::guidance::plan::store::PlanError::UnknownItem.into(),
                404,
                "not found",
            ),
            (
                domain::guidance::plan::store::PlanError::TooMany.into(),
                400,
                "not valid",
            ),
            (
                domain::guidance::plan::store::PlanError::UnknownStep.into(),
                404,
                "not found",
            ),
            (
                domain::guidance::plan::store::PlanError::UnknownChoice.into(),
                400,
                "not valid",
            ),
            (
                domain::guidance::GuidanceError::Database(database()).into(),
                503,
                "unavailable",
            ),
            (
                FeedbackError::Invalid(domain::portfolio::feedback::CommentProblem::Empty).into(),
                400,
                "not valid",
            ),
            (
                FeedbackError::Showcase(ShowcaseError::NotFound).into(),
                404,
                "introuvable",
            ),
            (
                FeedbackError::Database(database()).into(),
                503,
                "indisponible",
            ),
            (GuardianshipError::NotFound.into(), 404, "introuvable"),
            (
                GuardianshipError::Refused(domain::sharing::guardianship::LinkProblem::NoMatch)
                    .into(),
                404,
                "introuvable",
            ),
            (
                GuardianshipError::Database(database()).into(),
                503,
                "indisponible",
            ),
            (PixError::NotFound.into(), 404, "introuvable"),
            (PixError::Invalid(vec![]).into(), 400, "not valid"),
            (PixError::FileRefused(vec![]).into(), 400, "not valid"),
            (PixError::Database(database()).into(), 503, "indisponible"),
            (VaultError::NotFound.into(), 404, "introuvable"),
            (VaultError::Refused(VaultProblem::Conflict).into(), 409, ""),
            (VaultError::Database(database()).into(), 503, "unavailable"),
        ];
        for (error, status, words) in cases {
            assert_eq!(error.status(), status, "{error:?}");
            let text = error.to_string();
            assert!(text.contains(words), "{error:?}: {text}");
            assert!(
                !text.contains("database") && !text.contains("pool"),
                "{text}"
            );
        }
    }
}
