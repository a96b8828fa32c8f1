//! Widgets shared by the pages of several areas. A page folder may use them; they use no page
//! folder's components (texts and charts only), so areas never import one another.

pub mod entry;
pub mod guidance_plan;
pub mod island_scripts;
pub mod pix;

pub use entry::{
    competence_href, entry_dates, CompetenceChips, EntrySummary, EvidenceItem, ReadOnlyEntry,
};
pub use guidance_plan::SharedGuidancePlan;
#[cfg(feature = "ssr")]
pub use island_scripts::SplitChunks;
pub use island_scripts::{island_hydrated, IslandScripts, PreloadLazyIsland};
pub use pix::SharedPix;
