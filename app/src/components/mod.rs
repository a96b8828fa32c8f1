//! Widgets shared by the pages of several areas.

pub mod island_scripts;

#[cfg(feature = "ssr")]
pub use island_scripts::SplitChunks;
pub use island_scripts::{island_hydrated, IslandScripts, PreloadLazyIsland};
