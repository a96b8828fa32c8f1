use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What a server function can answer instead of its result. It crosses the network, so it
/// carries no internal detail: those are logged on the server where they happen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum PortalError {
    #[error("not signed in / non connecté·e")]
    NotSignedIn,
    #[error("not allowed / non autorisé")]
    Forbidden,
    /// What was asked for does not exist, or is not the asker's: both answer the same.
    #[error("not found / introuvable")]
    NotFound,
    #[error("service unavailable / service indisponible")]
    Unavailable,
    /// The request's arguments did not parse (a missing or malformed field).
    #[error("bad request / requête invalide: {0}")]
    BadRequest(String),
    /// The vault refused what was sent (not an envelope, a stale revision…).
    #[error("{}", .0.bilingual())]
    Vault(domain::vault::VaultProblem),
    #[error("request failed: {0}")]
    Transport(String),
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
                "Requête invalide : un champ manque ou n'a pas la forme attendue. \
                     Bad request: a field is missing or malformed. ({value})"
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
}
