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
