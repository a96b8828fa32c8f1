//! Guidance (« orientation »): what a pupil explores and plans, on ONISEP's open data.
//!
//! ONISEP's data is published under the ODbL: it lives in tables of its own (`onisep_*`),
//! apart from pupils' data, and every page that shows it says « Source : Onisep » with its
//! date. [`onisep`] reads ONISEP's downloads and loads them; [`search`] finds in them; [`plan`]
//! is the pupil's own « mon projet d'orientation ».

pub mod calendar;
pub mod onisep;
pub mod plan;
pub mod search;
pub mod strengths;
pub mod suggest;

/// What a guidance page or search could not do.
#[cfg(feature = "server")]
#[derive(Debug, thiserror::Error)]
pub enum GuidanceError {
    /// No métier or formation of that id (or a malformed id).
    #[error("no such métier or formation")]
    NotFound,
    #[error(transparent)]
    Search(#[from] search::SearchError),
    #[error("the guidance data could not be read: {0}")]
    Database(#[from] sqlx::Error),
}
