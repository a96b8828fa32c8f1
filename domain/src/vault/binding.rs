//! What ties a ciphertext to its place: item ids, the associated data of items and keys, and
//! the revisions a browser has seen (so that an older envelope put back is refused).

use super::{VaultProblem, REVISION_SCHEMA_VERSION};
use serde::{Deserialize, Serialize};

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

pub(super) fn aad(fields: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for field in fields {
        out.extend_from_slice(&(field.len() as u32).to_be_bytes());
        out.extend_from_slice(field);
    }
    out
}
