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

pub mod items;
pub mod report;
#[cfg(feature = "server")]
pub mod store;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

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

impl VaultProblem {
    pub fn message_fr(self) -> &'static str {
        match self {
            VaultProblem::NotAnEnvelope => "Le serveur n'accepte que des données chiffrées dans le navigateur : cet élément n'en est pas.",
            VaultProblem::NotAWrappedKey => "La clé chiffrée envoyée n'a pas la forme attendue.",
            VaultProblem::BadKdfParameters => "Les paramètres de dérivation de la phrase de passe sont hors des limites sûres.",
            VaultProblem::BadSalt => "Le sel de dérivation n'a pas la forme attendue.",
            VaultProblem::BadItemId => "L'identifiant de l'élément n'a pas la forme attendue.",
            VaultProblem::BadPasskey => "La clé d'accès du coffre n'a pas la forme attendue.",
            VaultProblem::TooManyItems => "Le coffre-fort ne peut pas contenir plus de 5 000 éléments.",
            VaultProblem::Conflict => "Cet élément a été modifié ailleurs entre-temps : rechargez la page, rien n'a été écrasé.",
            VaultProblem::Replayed => "Cette version de l'élément est déjà enregistrée : envoi rejoué refusé.",
            VaultProblem::AlreadyExists => "Votre coffre-fort existe déjà.",
            VaultProblem::NoVault => "Vous n'avez pas encore de coffre-fort.",
            VaultProblem::SignInAgain => "Pour faire cela, reconnectez-vous d'abord : votre connexion date de trop longtemps (15 minutes pour exporter, 5 pour supprimer).",
            VaultProblem::KeyProofRequired => "Ouvrez d'abord votre coffre-fort : seule une personne qui l'a ouvert peut changer ses clés ou le supprimer.",
            VaultProblem::BadKeyCheck => "La preuve d'ouverture du coffre n'a pas la forme attendue.",
        }
    }

    pub fn message_en(self) -> &'static str {
        match self {
            VaultProblem::NotAnEnvelope => "The server only accepts data encrypted in the browser: this item is not.",
            VaultProblem::NotAWrappedKey => "The wrapped key sent does not have the expected shape.",
            VaultProblem::BadKdfParameters => "The passphrase derivation parameters are outside safe limits.",
            VaultProblem::BadSalt => "The derivation salt does not have the expected shape.",
            VaultProblem::BadItemId => "The item's id does not have the expected shape.",
            VaultProblem::BadPasskey => "The vault passkey does not have the expected shape.",
            VaultProblem::TooManyItems => "The vault cannot hold more than 5,000 items.",
            VaultProblem::Conflict => "This item was changed elsewhere meanwhile: reload the page, nothing was overwritten.",
            VaultProblem::Replayed => "This version of the item is already stored: replayed request refused.",
            VaultProblem::AlreadyExists => "Your vault already exists.",
            VaultProblem::NoVault => "You have no vault yet.",
            VaultProblem::SignInAgain => "To do this, sign in again first: you signed in too long ago (15 minutes to export, 5 to delete).",
            VaultProblem::KeyProofRequired => "Open your vault first: only someone who opened it can change its keys or delete it.",
            VaultProblem::BadKeyCheck => "The proof of opening the vault does not have the expected shape.",
        }
    }

    /// Both languages, for an API caller.
    pub fn bilingual(self) -> String {
        format!("{} / {}", self.message_fr(), self.message_en())
    }
}

fn decode(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

pub fn decode_bytes(text: &str) -> Option<Vec<u8>> {
    decode(text)
}

pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// An AES-256-GCM ciphertext with its nonce, as text: `sv1.<nonce>.<ciphertext‖tag>` (base64url).
/// Parsing checks the shape only; only the browser holding the key can check the content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Envelope {
    nonce: Vec<u8>,
    ciphertext: Vec<u8>,
    /// `sv2`: an item's envelope whose associated data names the item's revision.
    binds_revision: bool,
}

impl Envelope {
    pub fn new(nonce: [u8; NONCE_LEN], ciphertext: Vec<u8>) -> Envelope {
        Envelope {
            nonce: nonce.to_vec(),
            ciphertext,
            binds_revision: false,
        }
    }

    /// The same envelope, marked as sealed with [`item_aad_at`].
    pub fn bound_to_revision(self) -> Envelope {
        Envelope {
            binds_revision: true,
            ..self
        }
    }

    pub fn binds_revision(&self) -> bool {
        self.binds_revision
    }

    pub fn parse(text: &str) -> Result<Envelope, VaultProblem> {
        // base64 of the largest plaintext, its tag and the header.
        if text.len() > (MAX_PLAINTEXT_LEN + TAG_LEN) * 4 / 3 + 64 {
            return Err(VaultProblem::NotAnEnvelope);
        }
        let mut parts = text.split('.');
        let (Some(prefix), Some(nonce), Some(ciphertext), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(VaultProblem::NotAnEnvelope);
        };
        let binds_revision = match prefix {
            ENVELOPE_PREFIX => false,
            BOUND_ENVELOPE_PREFIX => true,
            _ => return Err(VaultProblem::NotAnEnvelope),
        };
        let nonce = decode(nonce).filter(|n| n.len() == NONCE_LEN);
        let ciphertext = decode(ciphertext).filter(|c| c.len() >= TAG_LEN);
        match (nonce, ciphertext) {
            (Some(nonce), Some(ciphertext)) => Ok(Envelope {
                nonce,
                ciphertext,
                binds_revision,
            }),
            _ => Err(VaultProblem::NotAnEnvelope),
        }
    }

    pub fn nonce(&self) -> &[u8] {
        &self.nonce
    }

    pub fn ciphertext(&self) -> &[u8] {
        &self.ciphertext
    }

    pub fn as_text(&self) -> String {
        format!(
            "{}.{}.{}",
            if self.binds_revision {
                BOUND_ENVELOPE_PREFIX
            } else {
                ENVELOPE_PREFIX
            },
            encode(&self.nonce),
            encode(&self.ciphertext)
        )
    }
}

impl TryFrom<String> for Envelope {
    type Error = VaultProblem;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Envelope::parse(&text)
    }
}

impl From<Envelope> for String {
    fn from(envelope: Envelope) -> String {
        envelope.as_text()
    }
}

/// The vault key encrypted under another key (passphrase, recovery key, passkey PRF): an
/// envelope whose plaintext is exactly one 256-bit key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WrappedKey(Envelope);

impl WrappedKey {
    pub fn parse(text: &str) -> Result<WrappedKey, VaultProblem> {
        let envelope = Envelope::parse(text).map_err(|_| VaultProblem::NotAWrappedKey)?;
        if envelope.ciphertext.len() == KEY_LEN + TAG_LEN {
            Ok(WrappedKey(envelope))
        } else {
            Err(VaultProblem::NotAWrappedKey)
        }
    }

    pub fn envelope(&self) -> &Envelope {
        &self.0
    }

    pub fn as_text(&self) -> String {
        self.0.as_text()
    }
}

impl TryFrom<String> for WrappedKey {
    type Error = VaultProblem;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        WrappedKey::parse(&text)
    }
}

impl From<WrappedKey> for String {
    fn from(key: WrappedKey) -> String {
        key.as_text()
    }
}

/// A random salt or PRF input, 16 to 64 bytes (base64url).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Salt(Vec<u8>);

impl Salt {
    pub fn new(bytes: Vec<u8>) -> Result<Salt, VaultProblem> {
        if (16..=64).contains(&bytes.len()) {
            Ok(Salt(bytes))
        } else {
            Err(VaultProblem::BadSalt)
        }
    }

    pub fn parse(text: &str) -> Result<Salt, VaultProblem> {
        Salt::new(decode(text).ok_or(VaultProblem::BadSalt)?)
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl TryFrom<String> for Salt {
    type Error = VaultProblem;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Salt::parse(&text)
    }
}

impl From<Salt> for String {
    fn from(salt: Salt) -> String {
        encode(&salt.0)
    }
}

/// Argon2id parameters, kept per account so that they can be raised later (on unlock, the
/// browser re-wraps the key when the account's are below [`KdfParams::DEFAULT`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawKdfParams")]
pub struct KdfParams {
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
}

#[derive(Deserialize)]
struct RawKdfParams {
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
}

impl TryFrom<RawKdfParams> for KdfParams {
    type Error = VaultProblem;
    fn try_from(raw: RawKdfParams) -> Result<Self, Self::Error> {
        KdfParams::new(raw.memory_kib, raw.iterations, raw.parallelism)
    }
}

impl KdfParams {
    /// Bitwarden's default: 64 MiB, 3 passes, 4 lanes.
    pub const DEFAULT: KdfParams = KdfParams {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 4,
    };

    /// OWASP's floor (19 MiB, t=2) up to what an old phone can still afford (1 GiB).
    pub fn new(
        memory_kib: u32,
        iterations: u32,
        parallelism: u32,
    ) -> Result<KdfParams, VaultProblem> {
        let ok = (19 * 1024..=1024 * 1024).contains(&memory_kib)
            && (2..=10).contains(&iterations)
            && (1..=16).contains(&parallelism)
            && memory_kib >= 8 * parallelism;
        if ok {
            Ok(KdfParams {
                memory_kib,
                iterations,
                parallelism,
            })
        } else {
            Err(VaultProblem::BadKdfParameters)
        }
    }

    pub fn memory_kib(self) -> u32 {
        self.memory_kib
    }

    pub fn iterations(self) -> u32 {
        self.iterations
    }

    pub fn parallelism(self) -> u32 {
        self.parallelism
    }

    /// Weaker than today's default on some axis: re-derive and re-wrap on the next unlock.
    pub fn needs_upgrade(self) -> bool {
        self.memory_kib < Self::DEFAULT.memory_kib || self.iterations < Self::DEFAULT.iterations
    }
}

/// An item's id: a random UUID made in the browser (it is part of the associated data, so it
/// must exist before the item is encrypted).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ItemId(String);

impl ItemId {
    pub fn parse(text: &str) -> Result<ItemId, VaultProblem> {
        let ok = text.len() == 36
            && text.char_indices().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => c == '-',
                _ => c.is_ascii_digit() || ('a'..='f').contains(&c),
            });
        if ok {
            Ok(ItemId(text.to_owned()))
        } else {
            Err(VaultProblem::BadItemId)
        }
    }

    /// A random (version 4) UUID from 16 random bytes.
    pub fn from_random(mut bytes: [u8; 16]) -> ItemId {
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        ItemId(format!(
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ItemId {
    type Error = VaultProblem;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        ItemId::parse(&text)
    }
}

impl From<ItemId> for String {
    fn from(id: ItemId) -> String {
        id.0
    }
}

/// The associated data of an item's envelope: account ‖ item ‖ schema version, each
/// length-prefixed so that no two triples encode alike.
pub fn item_aad(account_id: i64, item: &ItemId, schema: u32) -> Vec<u8> {
    aad(&[
        b"sillage-vault-item",
        account_id.to_string().as_bytes(),
        item.as_str().as_bytes(),
        schema.to_string().as_bytes(),
    ])
}

/// The associated data of an `sv2` item's envelope: account ‖ item ‖ schema 2 ‖ the revision
/// the item is stored as. The server cannot put an older envelope back under a newer revision:
/// it would not decrypt.
pub fn item_aad_at(account_id: i64, item: &ItemId, revision: i64) -> Vec<u8> {
    aad(&[
        b"sillage-vault-item",
        account_id.to_string().as_bytes(),
        item.as_str().as_bytes(),
        REVISION_SCHEMA_VERSION.to_string().as_bytes(),
        revision.to_string().as_bytes(),
    ])
}

/// What this browser last saw of each item of one vault, kept in its local storage: the server
/// could otherwise serve an older envelope with its older revision (it decrypts), or an `sv1`
/// envelope of an item already sealed as `sv2`, or bring back a deleted item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SeenRevisions(std::collections::BTreeMap<String, SeenItem>);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenItem {
    pub revision: i64,
    /// Seen sealed as `sv2` (an `sv1` envelope of it is then a downgrade).
    #[serde(default)]
    pub bound: bool,
    /// Deleted from this browser: the server must not bring it back.
    #[serde(default)]
    pub deleted: bool,
}

impl SeenRevisions {
    /// Whether the server's `revision` of `item` (as `sv2` when `bound`) is as new as what this
    /// browser saw.
    pub fn is_fresh(&self, item: &str, revision: i64, bound: bool) -> bool {
        match self.0.get(item) {
            None => true,
            Some(seen) => !seen.deleted && revision >= seen.revision && (bound || !seen.bound),
        }
    }

    /// Records a revision opened or saved here (never moving backwards).
    pub fn saw(&mut self, item: &str, revision: i64, bound: bool) {
        let seen = self.0.entry(item.to_owned()).or_insert(SeenItem {
            revision,
            bound,
            deleted: false,
        });
        if revision >= seen.revision {
            seen.revision = revision;
            seen.bound |= bound;
        }
    }

    pub fn deleted(&mut self, item: &str) {
        let seen = self.0.entry(item.to_owned()).or_insert(SeenItem {
            revision: 0,
            bound: false,
            deleted: true,
        });
        seen.deleted = true;
    }
}

/// The associated data of the vault key wrapped for `purpose` ("passphrase", "recovery",
/// "passkey:<credential id>").
pub fn key_aad(account_id: i64, purpose: &str) -> Vec<u8> {
    aad(&[
        b"sillage-vault-key",
        account_id.to_string().as_bytes(),
        purpose.as_bytes(),
    ])
}

fn aad(fields: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for field in fields {
        out.extend_from_slice(&(field.len() as u32).to_be_bytes());
        out.extend_from_slice(field);
    }
    out
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
mod tests {
    #[test]
    fn a_browser_refuses_what_is_older_than_what_it_saw() {
        let mut seen = SeenRevisions::default();
        assert!(seen.is_fresh("a", 1, false), "never seen: anything goes");
        seen.saw("a", 3, true);
        assert!(seen.is_fresh("a", 3, true));
        assert!(seen.is_fresh("a", 4, true), "saved since on another device");
        assert!(!seen.is_fresh("a", 2, true), "an older revision put back");
        assert!(
            !seen.is_fresh("a", 5, false),
            "an sv1 envelope of an sv2 item"
        );
        seen.saw("a", 2, true);
        assert!(!seen.is_fresh("a", 2, true), "never moves backwards");
        seen.deleted("a");
        assert!(!seen.is_fresh("a", 9, true), "a deleted item brought back");
        let text = serde_json::to_string(&seen).unwrap();
        assert_eq!(serde_json::from_str::<SeenRevisions>(&text).unwrap(), seen);
    }

    #[test]
    fn envelopes_say_whether_they_bind_the_revision() {
        let plain = Envelope::new([7; NONCE_LEN], vec![1; TAG_LEN]);
        assert!(!plain.binds_revision());
        assert!(plain.as_text().starts_with("sv1."));
        let bound = plain.clone().bound_to_revision();
        assert!(bound.as_text().starts_with("sv2."));
        assert_eq!(Envelope::parse(&bound.as_text()), Ok(bound.clone()));
        assert_eq!(Envelope::parse(&plain.as_text()), Ok(plain));
        assert!(Envelope::parse(&bound.as_text().replacen("sv2", "sv3", 1)).is_err());
    }

    use super::*;

    #[test]
    fn envelopes_parse_only_in_their_shape() {
        let good = Envelope::new([7; 12], vec![1; 40]);
        let text = good.as_text();
        assert!(text.starts_with("sv1."));
        assert_eq!(Envelope::parse(&text), Ok(good));
        for bad in [
            "",
            "hello",
            "mot de passe en clair",
            "sv9.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
            "sv1.AAAA.AAAAAAAAAAAAAAAAAAAAAA",
            "sv1.AAAAAAAAAAAAAAAA.AAAA",
            "sv1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.extra",
            "sv1.AAAAAAAAAAAAAAAA.not base64!!",
        ] {
            assert_eq!(
                Envelope::parse(bad),
                Err(VaultProblem::NotAnEnvelope),
                "{bad}"
            );
        }
        let huge = format!("sv1.{}.{}", encode(&[0; 12]), "A".repeat(100_000));
        assert_eq!(Envelope::parse(&huge), Err(VaultProblem::NotAnEnvelope));
    }

    #[test]
    fn a_wrapped_key_holds_exactly_one_key() {
        let key = Envelope::new([1; 12], vec![0; 48]).as_text();
        assert!(WrappedKey::parse(&key).is_ok());
        let item = Envelope::new([1; 12], vec![0; 60]).as_text();
        assert_eq!(WrappedKey::parse(&item), Err(VaultProblem::NotAWrappedKey));
    }

    #[test]
    fn kdf_parameters_have_safe_bounds() {
        assert!(KdfParams::new(65536, 3, 4).is_ok());
        assert!(!KdfParams::DEFAULT.needs_upgrade());
        assert!(KdfParams::new(19456, 2, 1).unwrap().needs_upgrade());
        for (m, t, p) in [(1024, 3, 4), (65536, 1, 4), (65536, 3, 0), (2 << 21, 3, 4)] {
            assert_eq!(KdfParams::new(m, t, p), Err(VaultProblem::BadKdfParameters));
        }
        let json = r#"{"memory_kib":8,"iterations":3,"parallelism":4}"#;
        assert!(serde_json::from_str::<KdfParams>(json).is_err());
    }

    #[test]
    fn key_checks_are_exactly_one_key_long_and_never_printed() {
        let check = KeyCheck::new([9; 32]);
        let text = String::from(check.clone());
        assert_eq!(KeyCheck::parse(&text), Ok(check.clone()));
        assert_eq!(format!("{check:?}"), "KeyCheck(…)");
        for bad in [
            "",
            "AAAA",
            &encode(&[1; 31]),
            &encode(&[1; 33]),
            "not base64!",
        ] {
            assert_eq!(
                KeyCheck::parse(bad),
                Err(VaultProblem::BadKeyCheck),
                "{bad}"
            );
        }
        assert_ne!(key_check_info(1), key_check_info(2));
    }

    #[test]
    fn item_ids_are_uuids() {
        let id = ItemId::from_random([0xab; 16]);
        assert_eq!(id.as_str(), "abababab-abab-4bab-abab-abababababab");
        assert_eq!(ItemId::parse(id.as_str()), Ok(id));
        for bad in [
            "",
            "x",
            "ABABABAB-ABAB-4BAB-ABAB-ABABABABABAB",
            "../../etc/passwd-aaaaaaaaaaaaaaaaaaaaaa",
        ] {
            assert_eq!(ItemId::parse(bad), Err(VaultProblem::BadItemId));
        }
    }

    #[test]
    fn associated_data_tells_accounts_items_and_versions_apart() {
        let a = ItemId::from_random([1; 16]);
        let b = ItemId::from_random([2; 16]);
        assert_ne!(item_aad(1, &a, 1), item_aad(2, &a, 1));
        assert_ne!(item_aad(1, &a, 1), item_aad(1, &b, 1));
        assert_ne!(item_aad(1, &a, 1), item_aad(1, &a, 2));
        assert_ne!(key_aad(1, "passphrase"), key_aad(1, "recovery"));
        assert_ne!(item_aad_at(1, &a, 3), item_aad_at(1, &a, 4));
        assert_ne!(item_aad_at(1, &a, 1), item_aad(1, &a, 1));
        // Length prefixes: moving a digit from one field to the next changes the bytes.
        assert_ne!(key_aad(12, "3"), key_aad(1, "23"));
    }
}
