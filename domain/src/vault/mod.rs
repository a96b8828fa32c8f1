//! The password vault's shared vocabulary: what the browser encrypts and what the server keeps.
//!
//! The vault is zero-knowledge. In the browser (the lazily loaded `sillage-vault` WASM module) a
//! random 256-bit vault key encrypts each item with AES-256-GCM; the key is wrapped by a key
//! derived from the vault passphrase (Argon2id), by a printable recovery key, and optionally by
//! a passkey's PRF output. The server only ever sees and stores *envelopes* (ciphertext with
//! its nonce), wrapped keys and the KDF parameters: the types here let it refuse anything else.
//!
//! Associated data binds every ciphertext to its account, its item and the schema version, so
//! an envelope moved to another item or account does not decrypt; an item's envelope (`sv2`)
//! also binds the revision it was stored as, so an older envelope put back under a newer
//! revision does not decrypt either, and the browser refuses a revision older than the one it
//! last saw ([`SeenRevisions`]).

mod binding;
pub mod items;
pub mod report;
mod sealed;
#[cfg(feature = "server")]
pub mod store;

use serde::{Deserialize, Serialize};

use binding::aad;
pub use binding::{item_aad, item_aad_at, key_aad, ItemId, SeenItem, SeenRevisions};
use sealed::decode;
pub use sealed::{decode_bytes, encode, Envelope, KdfParams, Salt, WrappedKey};

/// The version of the items' plaintext schema, bound into every item's associated data.
pub const SCHEMA_VERSION: u32 = 1;
/// An envelope's text starts with this (format 1: AES-256-GCM, 96-bit nonce).
pub const ENVELOPE_PREFIX: &str = "sv1";
/// The same cipher, for an item whose associated data names its revision ([`item_aad_at`]).
/// Items stored before it (`sv1`) are sealed again under it at their next unlock.
pub const BOUND_ENVELOPE_PREFIX: &str = "sv2";
/// The schema version an `sv2` item's associated data names.
pub const REVISION_SCHEMA_VERSION: u32 = 2;
pub const NONCE_LEN: usize = 12;
pub const TAG_LEN: usize = 16;
pub const KEY_LEN: usize = 32;
/// An item's plaintext is at most this long (a note of a few pages): the envelope is bounded.
pub const MAX_PLAINTEXT_LEN: usize = 32 * 1024;
/// How many items a vault holds at most (an import beyond it is refused).
pub const MAX_ITEMS: usize = 5_000;

/// What the vault refuses, said in French and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum VaultProblem {
    #[error("not an envelope")]
    NotAnEnvelope,
    #[error("not a wrapped key")]
    NotAWrappedKey,
    #[error("bad key-derivation parameters")]
    BadKdfParameters,
    #[error("bad salt")]
    BadSalt,
    #[error("bad item id")]
    BadItemId,
    #[error("bad passkey")]
    BadPasskey,
    #[error("too many items")]
    TooManyItems,
    #[error("the item changed meanwhile")]
    Conflict,
    #[error("the envelope was already stored (replayed)")]
    Replayed,
    #[error("the vault already exists")]
    AlreadyExists,
    #[error("no vault yet")]
    NoVault,
    #[error("sign in again first")]
    SignInAgain,
    /// A change of the vault's keys, or its deletion, without proof that the caller holds the
    /// vault key (a portal session alone is not enough).
    #[error("open the vault first")]
    KeyProofRequired,
    #[error("not a key check")]
    BadKeyCheck,
}

/// What the server keeps to open a vault, all of it useless without the passphrase or the
/// recovery key.
///
/// Each wrapping has its own salt: changing the passphrase (or raising its KDF parameters on
/// unlock) writes a new `salt` and leaves the recovery wrapping, and its `recovery_salt`, as
/// they are — so the recovery key printed at creation keeps opening the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaultKeys {
    pub kdf: KdfParams,
    /// The passphrase wrapping's Argon2id salt.
    pub salt: Salt,
    pub by_passphrase: WrappedKey,
    /// The recovery wrapping's salt (HKDF), never changed by a new passphrase.
    pub recovery_salt: Salt,
    pub by_recovery: WrappedKey,
    /// Set by the server for a vault made before wrappings had their own salts whose recovery
    /// wrapping may no longer open (its passphrase changed since): the page asks for a new
    /// recovery key. A browser never sets it.
    #[serde(default)]
    pub recovery_stale: bool,
}

/// Proof that the caller holds the vault key, without telling the server the key: a value the
/// browser derives from the key (HKDF, bound to the account). The server keeps only its
/// SHA-256 and asks for it before the vault's keys change or the vault is deleted.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct KeyCheck([u8; KEY_LEN]);

impl KeyCheck {
    pub fn new(bytes: [u8; KEY_LEN]) -> KeyCheck {
        KeyCheck(bytes)
    }

    pub fn parse(text: &str) -> Result<KeyCheck, VaultProblem> {
        decode(text)
            .and_then(|bytes| <[u8; KEY_LEN]>::try_from(bytes).ok())
            .map(KeyCheck)
            .ok_or(VaultProblem::BadKeyCheck)
    }

    pub fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }
}

impl std::fmt::Debug for KeyCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyCheck(…)")
    }
}

impl TryFrom<String> for KeyCheck {
    type Error = VaultProblem;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        KeyCheck::parse(&text)
    }
}

impl From<KeyCheck> for String {
    fn from(check: KeyCheck) -> String {
        encode(&check.0)
    }
}

/// The HKDF `info` of the key check for an account (the check of one account's key says
/// nothing of another's).
pub fn key_check_info(account_id: i64) -> Vec<u8> {
    aad(&[
        b"sillage-vault-key-check",
        account_id.to_string().as_bytes(),
    ])
}

/// The vault key wrapped by a passkey's PRF output (the output itself never leaves the browser).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaultPasskey {
    /// The credential's id (base64url), to ask the browser for that passkey.
    pub credential_id: String,
    /// The PRF input ("salt") whose output wraps the key.
    pub prf_salt: Salt,
    pub wrapped: WrappedKey,
    pub label: String,
}

impl VaultPasskey {
    pub fn check(&self) -> Result<(), VaultProblem> {
        let id_ok = decode(&self.credential_id).is_some_and(|id| (16..=1023).contains(&id.len()));
        let label_ok = !self.label.trim().is_empty() && self.label.chars().count() <= 80;
        if id_ok && label_ok {
            Ok(())
        } else {
            Err(VaultProblem::BadPasskey)
        }
    }
}

/// One stored item, as the server hands it back: its id, envelope and revision (which an
/// update must name, so that a stale or replayed request cannot overwrite a newer version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredItem {
    pub id: ItemId,
    pub envelope: Envelope,
    pub revision: i64,
}

/// Which wrapping of the vault key changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyChange {
    /// A new passphrase, or stronger parameters for the same one (re-derived on unlock).
    Passphrase {
        kdf: KdfParams,
        salt: Salt,
        wrapped: WrappedKey,
    },
    /// A new recovery key, with its own new salt (the old key stops working).
    Recovery { salt: Salt, wrapped: WrappedKey },
}

/// What the vault page shows before anything else: the form to create the vault, or the one to
/// unlock it (with its passkey button). Read with the page, so that the form is in it at once,
/// not once the vault module and the whole vault have arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstScreen {
    pub has_vault: bool,
    pub has_passkey: bool,
}

/// Everything the browser needs to open the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaultState {
    pub account_id: i64,
    pub keys: Option<VaultKeys>,
    pub items: Vec<StoredItem>,
    pub passkeys: Vec<VaultPasskey>,
    /// Whether the server holds the vault's key check (vaults made before it get one at their
    /// next unlock).
    #[serde(default)]
    pub key_check_set: bool,
}

#[cfg(test)]
mod tests;
