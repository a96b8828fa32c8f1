//! What the vault page's parts share: its stage, the items once opened, the page context.

use crate::i18n::Lang;
use domain::vault::items::VaultItem;
use domain::vault::VaultState;
use leptos::prelude::*;
use serde::Deserialize;

/// Inactivity after which the vault locks itself.
pub const AUTO_LOCK_SECS: u32 = 5 * 60;
/// Time after which a copied password is wiped from the clipboard.
pub const CLIPBOARD_CLEAR_SECS: u32 = 30;

#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    Loading,
    Failed(String),
    NoVault,
    /// Just created: the recovery key, shown once.
    Recovery(String),
    Locked,
    Unlocked,
}

/// An item after unlock; `item` is `None` when its envelope does not decrypt, or is older than
/// what this browser saw (`stale`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Opened {
    pub id: String,
    pub revision: i64,
    pub item: Option<VaultItem>,
    /// The server gave an older version than this browser last saw (or a deleted item).
    #[serde(default)]
    pub stale: bool,
    /// Sealed before revisions were bound: sealed again after unlock.
    #[serde(default)]
    pub legacy: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Editing {
    pub id: Option<String>,
    pub revision: Option<i64>,
    pub item: VaultItem,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Strength {
    pub bits: f64,
    pub level: String,
    pub findings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Generated {
    pub text: String,
    pub bits: f64,
}

pub use domain::vault::report::HygieneReport as Report;

/// The page's state, shared by its parts.
#[derive(Clone, Copy)]
pub struct VaultCtx {
    pub lang: Lang,
    pub stage: RwSignal<Stage>,
    /// The vault module is loaded and the vault read: the forms can be used.
    pub ready: RwSignal<bool>,
    /// Whether a passkey opens the vault, as the page said before the vault was read.
    pub first_has_passkey: bool,
    pub state: RwSignal<Option<VaultState>>,
    pub items: RwSignal<Vec<Opened>>,
    pub notice: RwSignal<Option<String>>,
    pub alert: RwSignal<Option<String>>,
    pub busy: RwSignal<Option<&'static str>>,
    pub editing: RwSignal<Option<Editing>>,
    pub personal: StoredValue<Vec<String>>,
    pub display_name: StoredValue<String>,
}

impl VaultCtx {
    pub fn say(&self, text: &'static str) {
        self.alert.set(None);
        self.notice.set(Some(text.to_owned()));
    }

    pub fn fail(&self, message: String) {
        self.notice.set(None);
        self.alert.set(Some(message));
    }
}
