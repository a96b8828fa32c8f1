//! Widgets shared by the pages of several areas.

pub mod island_scripts;

pub use island_scripts::{island_hydrated, IslandScripts};
