//! The ways into an instance, as its sign-in page lists them: the configured identity
//! providers, the demo accounts of a demo instance, and whether passkeys are offered.

use super::Role;
use serde::{Deserialize, Serialize};

/// A way to sign in, as the sign-in page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderOption {
    pub id: String,
    pub label: String,
}

/// A demo account offered on the sign-in page of a demo instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoAccountOption {
    pub key: String,
    pub given_name: String,
    pub family_name: String,
    pub role: Role,
    /// A demo pupil's birth date, shown so the demo guardian can link to her.
    pub birth_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SignInOptions {
    pub providers: Vec<ProviderOption>,
    pub demo_accounts: Vec<DemoAccountOption>,
    /// Whether this instance offers passkeys (it needs a host name, not an IP address).
    pub passkeys: bool,
}
