//! Who a student shares with beyond counsellors and secret links: their legal guardians,
//! linked by a verified flow.

pub mod guardianship;
#[cfg(feature = "server")]
pub mod guardianship_store;
