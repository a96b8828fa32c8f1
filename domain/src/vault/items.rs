//! An item's plaintext: what the browser encrypts into an envelope and shows after unlock.
//! It never reaches the server in this form.

use crate::text::fold;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    #[default]
    Login,
    Note,
}

/// A login or a secure note. Dates are `YYYY-MM-DD` as the browser's clock gave them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct VaultItem {
    pub kind: ItemKind,
    /// The service's name ("Pronote", "Mon compte Pix").
    pub name: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub notes: String,
    /// The student noted that this account has two-factor authentication on.
    #[serde(default)]
    pub two_factor: bool,
    /// When the password was last changed (for the "old passwords" line of the report).
    #[serde(default)]
    pub password_changed_on: String,
}

/// A problem with an item as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemProblem {
    NameMissing,
    TooLong,
    UrlNotWeb,
}

/// Why an import file (read in the browser, by the vault module) was refused. It crosses from
/// the module to the page as JSON (`{"problem": "too_many_items", "count": 7000}`); the page
/// words it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum ImportProblem {
    #[error("empty file")]
    Empty,
    #[error("file too big")]
    TooBig,
    #[error("too many items")]
    TooManyItems { count: usize },
    #[error("encrypted export")]
    EncryptedExport,
    #[error("not a known format")]
    NotRecognised,
    #[error("JSON error at line {line}")]
    BadJson { line: usize },
    #[error("CSV error at line {line}")]
    BadCsv { line: usize },
    #[error("missing columns")]
    MissingColumns { columns: Vec<String> },
}

impl VaultItem {
    /// Trims the fields and checks what the form can check.
    pub fn checked(mut self) -> Result<VaultItem, Vec<ItemProblem>> {
        self.name = self.name.trim().to_owned();
        self.url = self.url.trim().to_owned();
        self.username = self.username.trim().to_owned();
        let mut problems = Vec::new();
        if self.name.is_empty() {
            problems.push(ItemProblem::NameMissing);
        }
        let lower = self.url.to_ascii_lowercase();
        let web = lower.starts_with("https://") || lower.starts_with("http://");
        if !(self.url.is_empty() || web) {
            problems.push(ItemProblem::UrlNotWeb);
        }
        let size = self.name.len()
            + self.url.len()
            + self.username.len()
            + self.password.len()
            + self.notes.len();
        if size > super::MAX_PLAINTEXT_LEN - 512 {
            problems.push(ItemProblem::TooLong);
        }
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(problems)
        }
    }

    /// Does this item match a search (case- and accent-insensitive, on name, address, username
    /// and notes; never on the password)?
    pub fn matches(&self, query: &str) -> bool {
        let query = fold(query.trim());
        query.is_empty()
            || [&self.name, &self.url, &self.username, &self.notes]
                .iter()
                .any(|field| fold(field).contains(&query))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_checked_and_searched_without_the_password() {
        let item = VaultItem {
            name: "  École directe ".into(),
            url: "ftp://x".into(),
            password: "secret-mot".into(),
            ..VaultItem::default()
        };
        assert_eq!(item.clone().checked(), Err(vec![ItemProblem::UrlNotWeb]));
        let item = VaultItem {
            url: "https://ecoledirecte.com".into(),
            ..item
        }
        .checked()
        .unwrap();
        assert_eq!(item.name, "École directe");
        assert!(item.matches("ecole"));
        assert!(item.matches("DIRECTE"));
        assert!(!item.matches("secret"));
        assert_eq!(
            VaultItem::default().checked(),
            Err(vec![ItemProblem::NameMissing])
        );
    }
}
