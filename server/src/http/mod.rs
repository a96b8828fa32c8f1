//! Cross-cutting HTTP concerns: security headers, the origin check, health, language.

pub mod assets;
pub mod body_limit;
pub mod deadline;
pub mod health;
pub mod lang;
pub mod rate_limit;
pub mod security;
pub mod server_fn_errors;
