//! The security journal: an append-only, hash-chained record of security events (sign-ins,
//! sign-outs, sessions ended, roles changed, someone else viewing a pupil's data).
//!
//! Every row's hash covers the previous row's hash and the row's own fields, so an edited,
//! inserted or deleted row breaks the chain from there on and `verify` says where. The hash is
//! an HMAC-SHA-256 under the journal key, which lives outside the database (configuration):
//! someone who can write to the database cannot recompute the chain after rewriting a row.
//! A journal written before the key existed is checked, then re-chained under the key once, by
//! an operator ([`rechain_legacy`], `server admin audit-rechain`); a signed record says from
//! which row the journal is keyed, and from then on a plain row is tampering, never re-keyed
//! (`keying`). Checkpoints (`server admin audit-checkpoint`), kept by the
//! operator outside the database, also catch a rewrite of the whole chain.
//! The owner of an event (whose data or account it concerns) reads it in "Mon journal d'accès".

use serde::{Deserialize, Serialize};

mod detail;
pub use detail::{short, AuditDetail, StoredDetail};

/// What happened. Stored as its `as_str`; new actions are added at the end, never renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::VariantArray)]
pub enum AuditAction {
    SignedIn,
    SignedOut,
    SignedOutEverywhere,
    SignInRefused,
    SessionRevoked,
    RoleChanged,
    SchoolAttached,
    DataViewed,
    PasskeyAdded,
    PasskeyRemoved,
    PasskeyRefused,
    SharedPageViewed,
    GuardianInvited,
    GuardianLinked,
    GuardianUnlinked,
    PixResultsImported,
    PixResultRecorded,
    PixResultDeleted,
    VaultCreated,
    VaultKeysChanged,
    VaultItemsImported,
    VaultExported,
    VaultPasskeyAdded,
    VaultPasskeyRemoved,
    VaultDeleted,
    ShareLinkCreated,
    ShareLinkRevoked,
    PageGranted,
    PageUngranted,
    EntryCommented,
    EntryVerified,
    PortfolioExported,
    ClassViewed,
    EvidenceViewed,
    GuidancePlanShared,
    GuidancePlanUnshared,
    GuidancePlanViewed,
    GuidanceRecommended,
    GuidanceRecommendationAccepted,
    GuidanceRecommendationDeclined,
    GuidanceCommented,
    GuidanceCommentRemoved,
    GuidanceStepRecommended,
    GuidanceStepAccepted,
    GuidanceStepDeclined,
    VaultItemDeleted,
}

impl AuditAction {
    /// Every variant, in declaration order (derived: a new variant cannot be left out).
    pub const ALL: &'static [AuditAction] = <AuditAction as strum::VariantArray>::VARIANTS;

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::SignedIn => "signed_in",
            AuditAction::SignedOut => "signed_out",
            AuditAction::SignedOutEverywhere => "signed_out_everywhere",
            AuditAction::SignInRefused => "sign_in_refused",
            AuditAction::SessionRevoked => "session_revoked",
            AuditAction::RoleChanged => "role_changed",
            AuditAction::SchoolAttached => "school_attached",
            AuditAction::DataViewed => "data_viewed",
            AuditAction::PasskeyAdded => "passkey_added",
            AuditAction::PasskeyRemoved => "passkey_removed",
            AuditAction::PasskeyRefused => "passkey_refused",
            AuditAction::SharedPageViewed => "shared_page_viewed",
            AuditAction::GuardianInvited => "guardian_invited",
            AuditAction::GuardianLinked => "guardian_linked",
            AuditAction::GuardianUnlinked => "guardian_unlinked",
            AuditAction::PixResultsImported => "pix_results_imported",
            AuditAction::PixResultRecorded => "pix_result_recorded",
            AuditAction::PixResultDeleted => "pix_result_deleted",
            AuditAction::VaultCreated => "vault_created",
            AuditAction::VaultKeysChanged => "vault_keys_changed",
            AuditAction::VaultItemsImported => "vault_items_imported",
            AuditAction::VaultExported => "vault_exported",
            AuditAction::VaultPasskeyAdded => "vault_passkey_added",
            AuditAction::VaultPasskeyRemoved => "vault_passkey_removed",
            AuditAction::VaultDeleted => "vault_deleted",
            AuditAction::ShareLinkCreated => "share_link_created",
            AuditAction::ShareLinkRevoked => "share_link_revoked",
            AuditAction::PageGranted => "page_granted",
            AuditAction::PageUngranted => "page_ungranted",
            AuditAction::EntryCommented => "entry_commented",
            AuditAction::EntryVerified => "entry_verified",
            AuditAction::PortfolioExported => "portfolio_exported",
            AuditAction::ClassViewed => "class_viewed",
            AuditAction::EvidenceViewed => "evidence_viewed",
            AuditAction::GuidancePlanShared => "guidance_plan_shared",
            AuditAction::GuidancePlanUnshared => "guidance_plan_unshared",
            AuditAction::GuidancePlanViewed => "guidance_plan_viewed",
            AuditAction::GuidanceRecommended => "guidance_recommended",
            AuditAction::GuidanceRecommendationAccepted => "guidance_recommendation_accepted",
            AuditAction::GuidanceRecommendationDeclined => "guidance_recommendation_declined",
            AuditAction::GuidanceCommented => "guidance_commented",
            AuditAction::GuidanceCommentRemoved => "guidance_comment_removed",
            AuditAction::GuidanceStepRecommended => "guidance_step_recommended",
            AuditAction::GuidanceStepAccepted => "guidance_step_accepted",
            AuditAction::GuidanceStepDeclined => "guidance_step_declined",
            AuditAction::VaultItemDeleted => "vault_item_deleted",
        }
    }

    pub fn parse(s: &str) -> Option<AuditAction> {
        AuditAction::ALL.iter().copied().find(|a| a.as_str() == s)
    }
}

/// A journal line as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntryView {
    pub seq: i64,
    pub occurred_at: i64,
    pub action: AuditAction,
    pub actor: Actor,
    /// Short, non-secret context: the sign-in method, the section viewed.
    pub detail: StoredDetail,
}

/// Who did what a journal line records, as its owner reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// The owner themself.
    Owner,
    /// Someone else, by name ("Nadia Benali").
    Other(String),
    /// The instance's administration (a command run by an administrator).
    Administration,
    /// Whoever holds a secret link the owner made (they are not signed in, or not known).
    LinkHolder,
}

/// The hash of the chain before its first row.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[cfg(feature = "server")]
pub use chain::*;
#[cfg(feature = "server")]
pub use keying::{keying_at_start, rechain_legacy, KeyingAtStart, RechainRefused};
#[cfg(feature = "server")]
pub use store::*;

#[cfg(feature = "server")]
mod chain;
#[cfg(feature = "server")]
mod keying;
#[cfg(feature = "server")]
mod store;

#[cfg(all(test, feature = "server"))]
mod tests;
