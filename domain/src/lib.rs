//! Sillage's domain: the types the browser and the server share, and (behind the `server`
//! feature) the services and sqlx storage that act on them.
//!
//! One module per area of the portal. Types at the boundary are newtypes with private fields
//! built by `parse`, so a value that exists is a value that was checked.

pub mod audit;
#[cfg(feature = "server")]
pub mod fault;
pub mod guidance;
pub mod i18n;
pub mod id;
pub mod identity;
pub mod pix;
pub mod policy;
pub mod portfolio;
pub mod sharing;
pub mod text;
pub mod time;
pub mod vault;

#[cfg(feature = "server")]
pub mod db;
