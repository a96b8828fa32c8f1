//! The owner's view of the security journal.

pub mod journal;
pub mod texts;
