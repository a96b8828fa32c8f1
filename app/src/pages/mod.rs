//! One folder of pages per area of the portal, as in `domain/`.

pub mod audit;
pub mod guidance;
pub mod home;
pub mod identity;
pub mod layout;
pub mod pix;
pub mod portfolio;
pub mod sharing;
pub mod vault;
