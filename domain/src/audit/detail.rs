//! What a journal line says besides its action, typed so that each reader's language words it
//! (the app does, `app/src/pages/audit/`). It is stored in the `detail` column as JSON, whose
//! text the hash chain covers; lines written before hold French text and read as written
//! ([`StoredDetail::Written`]), so the chain of old rows still verifies.

use serde::{Deserialize, Serialize};

/// The typed detail of a journal line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum AuditDetail {
    /// Nothing to add (stored as an empty text).
    Nothing,
    /// A name someone gave or reads: a passkey, a school's UAI, a person, an entry, a page.
    Name {
        name: String,
    },
    /// How someone signed in: `passkey`, `demo`, or the identity provider's name.
    SignInMethod {
        method: String,
    },
    /// Why something was refused, as a code (`ceremony_expired`, `passkey_unknown`…).
    Reason {
        code: String,
    },
    /// The role given (`student`, `counsellor`, `admin`…).
    Role {
        role: String,
    },
    /// A page of the owner's portfolio.
    Page {
        title: String,
    },
    /// An entry of the owner's portfolio.
    Entry {
        title: String,
    },
    /// The same view (`of`), `more` times again between `from` and `to` (Unix seconds): the
    /// views of an hour after its first, counted on one line.
    RepeatedViews {
        of: Box<AuditDetail>,
        more: u32,
        from: i64,
        to: i64,
    },
    /// A file of evidence opened, by someone signed in or through a secret link.
    EvidenceFile {
        file: String,
        by_link: bool,
    },
    PixCertification {
        date: String,
        score: u16,
    },
    PixResult {
        date: String,
    },
    PixCampaign {
        id: String,
        name: String,
    },
    /// A secret link to a page (its number in the owner's list of links).
    ShareLink {
        page: String,
        link: i64,
    },
    /// A page shared with someone, or no longer.
    PageAndPerson {
        page: String,
        person: String,
    },
    /// A counsellor's mark on an entry, or its removal.
    EntryVerified {
        entry: String,
        verified: bool,
    },
    VaultItemsImported {
        count: u32,
        source: String,
    },
    VaultExported {
        format: String,
    },
    VaultPassphrase {
        memory_mib: u32,
        iterations: u32,
        parallelism: u32,
    },
    VaultRecoveryKey,
    VaultDeleted {
        items: u32,
    },
    GuardianLinked {
        until: String,
    },
    GuardianRenewed {
        person: String,
        until: String,
    },
}

/// A journal line's detail as it is stored: typed, or text written before details were typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StoredDetail {
    Typed(AuditDetail),
    Written(String),
}

impl AuditDetail {
    /// What the `detail` column holds.
    pub fn to_stored(&self) -> String {
        match self {
            AuditDetail::Nothing => String::new(),
            typed => serde_json::to_string(typed).unwrap_or_default(),
        }
    }

    /// A short name, cut at 120 characters (names come from people and from other services).
    pub fn name(name: impl Into<String>) -> AuditDetail {
        AuditDetail::Name { name: short(name) }
    }
}

impl StoredDetail {
    /// Reads the `detail` column: JSON of a typed detail, or older text.
    pub fn from_stored(text: &str) -> StoredDetail {
        if text.is_empty() {
            return StoredDetail::Typed(AuditDetail::Nothing);
        }
        match serde_json::from_str::<AuditDetail>(text) {
            Ok(typed) if text.starts_with('{') => StoredDetail::Typed(typed),
            _ => StoredDetail::Written(text.to_owned()),
        }
    }
}

/// Names in the journal stay short, whoever typed them.
pub fn short(text: impl Into<String>) -> String {
    let text = text.into();
    match text.char_indices().nth(120) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_detail_reads_back_as_it_was_stored() {
        let details = [
            AuditDetail::Nothing,
            AuditDetail::name("Clé « maison »"),
            AuditDetail::PixCertification {
                date: "2026-05-12".into(),
                score: 412,
            },
            AuditDetail::RepeatedViews {
                of: Box::new(AuditDetail::name("Mon stage")),
                more: 3,
                from: 1_780_000_000,
                to: 1_780_003_600,
            },
            AuditDetail::VaultRecoveryKey,
        ];
        for detail in details {
            assert_eq!(
                StoredDetail::from_stored(&detail.to_stored()),
                StoredDetail::Typed(detail)
            );
        }
    }

    #[test]
    fn older_text_reads_as_written() {
        for text in [
            "campagne 42 « Seconde 3 »",
            "educonnect",
            "{pas du JSON",
            "\"x\"",
        ] {
            assert_eq!(
                StoredDetail::from_stored(text),
                StoredDetail::Written(text.to_owned())
            );
        }
    }

    #[test]
    fn names_are_cut_short() {
        let long = "é".repeat(300);
        let AuditDetail::Name { name } = AuditDetail::name(long) else {
            unreachable!()
        };
        assert_eq!(name.chars().count(), 121);
    }
}
