//! The integration tests: the real server on a random port against SQLite and PostgreSQL, one
//! module per capability. They are one test binary rather than one per file because each binary
//! links the whole server: seventeen of them took seventeen links and several GB of disk for
//! the same code (a CI run ran out of disk while linking them). Scenarios run in parallel
//! threads of this one process, each with its own server and database, which is what
//! `renders` checks the server allows.
//!
//! `logs.rs` stays a binary of its own: it captures every line the process logs, so it needs a
//! process where no other test's server has installed its own log subscriber first.

#[macro_use]
#[path = "../support/mod.rs"]
mod support;

mod archive;
mod assets;
mod audit;
mod authorization;
mod crash;
mod deadline;
mod demo_story;
mod guardians;
mod guidance_archive;
mod guidance_cohort;
mod guidance_counsel;
mod guidance_evidence;
mod guidance_offers;
mod guidance_plan;
mod guidance_sharing;
mod guidance_showcase;
mod guidance_year;
mod languages;
mod onisep;
mod operations;
mod passkeys;
mod pix;
mod portfolio;
mod refusals;
mod renders;
mod schema;
mod schools;
mod sessions;
mod sharing;
mod sign_in;
mod transfers;
mod vault;
