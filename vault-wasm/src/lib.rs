//! The password vault's browser module, built to its own WASM file (`scripts/build-vault`)
//! and loaded by the vault pages only: everything that touches a key or a plaintext password
//! runs here, in the student's browser. The server sees envelopes.

pub mod crypto;
pub mod generator;
pub mod hygiene;
pub mod interop;
pub mod strength;
pub mod web;
