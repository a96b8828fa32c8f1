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
    #[error("service unavailable / service indisponible")]
    Unavailable,
    #[error("request failed: {0}")]
    Transport(String),
}

impl FromServerFnError for PortalError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        PortalError::Transport(value.to_string())
    }
}
