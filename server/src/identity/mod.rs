//! Signing in and out: OpenID Connect providers, the demo accounts, server-side sessions.

pub mod demo;
pub mod demo_story;
pub mod handlers;
pub mod oidc;
pub mod passkeys;
pub mod session_store;
