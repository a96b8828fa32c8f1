//! What the server may hold of a vault, checked for shape: envelopes (ciphertext and nonce),
//! wrapped keys, salts and KDF parameters, each as base64url text.

use super::{
    VaultProblem, BOUND_ENVELOPE_PREFIX, ENVELOPE_PREFIX, KEY_LEN, MAX_PLAINTEXT_LEN, NONCE_LEN,
    TAG_LEN,
};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

pub(super) fn decode(text: &str) -> Option<Vec<u8>> {
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
