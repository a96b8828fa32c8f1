//! The vault's server functions: each one acts on the signed-in student's own vault (the
//! account comes from the session, never from the request) and stores only what the browser
//! encrypted. Arguments are parsed into envelope types: anything else is refused before it is
//! stored.

use crate::error::PortalError;
#[cfg(feature = "ssr")]
use domain::policy::Action;
use domain::vault::{
    Envelope, FirstScreen, ItemId, KeyChange, KeyCheck, VaultKeys, VaultPasskey, VaultState,
};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(prefix = "/api", endpoint = "vault/state")]
pub async fn get_vault_state() -> Result<VaultState, PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(Action::UseOwnVault).await?;
    Ok(domain::vault::store::state(&portal.db, account.id).await?)
}

/// Whether the pupil has a vault (and a passkey for it): what the page shows first, read with it.
#[server(prefix = "/api", endpoint = "vault/first-screen")]
pub async fn get_vault_first_screen() -> Result<FirstScreen, PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(Action::UseOwnVault).await?;
    Ok(domain::vault::store::first_screen(&portal.db, account.id).await?)
}

#[server(prefix = "/api", endpoint = "vault/create", input = Json)]
pub async fn create_vault(keys: VaultKeys, key_check: KeyCheck) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(Action::UseOwnVault).await?;
    Ok(domain::vault::store::create(&portal.db, account.id, &keys, &key_check).await?)
}

#[server(prefix = "/api", endpoint = "vault/key", input = Json)]
pub async fn change_vault_key(change: KeyChange, key_check: KeyCheck) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(Action::UseOwnVault).await?;
    Ok(domain::vault::store::change_key(&portal.db, account.id, &change, &key_check).await?)
}

/// How recent a sign-in must be to give a vault made before key checks its first check.
pub const KEY_CHECK_REAUTH_SECS: i64 = 15 * 60;

/// Gives a vault made before key checks its check (the page calls it after an unlock). The
/// server cannot tell a right key from a wrong one there (it never sees the key): the first
/// check is taken only after a recent sign-in, never from a session left open.
#[server(prefix = "/api", endpoint = "vault/key-check", input = Json)]
pub async fn set_vault_key_check(key_check: KeyCheck) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal,
        account,
        session,
    } = crate::ssr::SignedIn::acting(Action::UseOwnVault).await?;
    if !crate::ssr::signed_in_within(&session, KEY_CHECK_REAUTH_SECS).await {
        return Err(PortalError::Vault(domain::vault::VaultProblem::SignInAgain));
    }
    Ok(domain::vault::store::set_key_check(&portal.db, account.id, &key_check).await?)
}

/// Stores an item's envelope; `base_revision` is the revision it was edited from (none for a
/// new item). Returns the new revision. With the vault key's proof, as every change that
/// could destroy what the vault holds.
#[server(prefix = "/api", endpoint = "vault/item", input = Json)]
pub async fn save_vault_item(
    id: ItemId,
    envelope: Envelope,
    base_revision: Option<i64>,
    key_check: KeyCheck,
) -> Result<i64, PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(Action::UseOwnVault).await?;
    Ok(domain::vault::store::save_item(
        &portal.db,
        account.id,
        &id,
        &envelope,
        base_revision,
        &key_check,
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "vault/item/delete", input = Json)]
pub async fn delete_vault_item(id: ItemId, key_check: KeyCheck) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(Action::UseOwnVault).await?;
    Ok(domain::vault::store::delete_item(&portal.db, account.id, &id, &key_check).await?)
}

#[server(prefix = "/api", endpoint = "vault/import", input = Json)]
pub async fn import_vault_items(
    items: Vec<(ItemId, Envelope)>,
    source: String,
) -> Result<usize, PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(Action::UseOwnVault).await?;
    Ok(domain::vault::store::import(&portal.db, account.id, &items, &source).await?)
}

/// How recent a sign-in must be to export the vault.
pub const EXPORT_REAUTH_SECS: i64 = 15 * 60;

/// Asks to export: allowed after a recent sign-in (the passphrase is checked in the browser);
/// journaled. The browser then decrypts and writes the file itself.
#[server(prefix = "/api", endpoint = "vault/export", input = Json)]
pub async fn allow_vault_export(format: String) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal,
        account,
        session,
    } = crate::ssr::SignedIn::acting(Action::UseOwnVault).await?;
    if !crate::ssr::signed_in_within(&session, EXPORT_REAUTH_SECS).await {
        return Err(PortalError::Vault(domain::vault::VaultProblem::SignInAgain));
    }
    Ok(domain::vault::store::record_export(&portal.db, account.id, &format).await?)
}

#[server(prefix = "/api", endpoint = "vault/passkey", input = Json)]
pub async fn add_vault_passkey(
    passkey: VaultPasskey,
    key_check: KeyCheck,
) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(Action::UseOwnVault).await?;
    Ok(domain::vault::store::add_passkey(&portal.db, account.id, &passkey, &key_check).await?)
}

#[server(prefix = "/api", endpoint = "vault/passkey/delete", input = Json)]
pub async fn remove_vault_passkey(
    credential_id: String,
    key_check: KeyCheck,
) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(Action::UseOwnVault).await?;
    Ok(
        domain::vault::store::remove_passkey(&portal.db, account.id, &credential_id, &key_check)
            .await?,
    )
}

/// How recent a sign-in must be to delete the vault.
pub const DELETE_REAUTH_SECS: i64 = 5 * 60;

/// Deletes the vault: only with its key check (the vault is open in this browser) and a
/// sign-in less than 5 minutes old. (A student who lost both passphrase and recovery key asks
/// an administrator: `server admin reset-vault`.)
#[server(prefix = "/api", endpoint = "vault/delete", input = Json)]
pub async fn delete_vault(key_check: KeyCheck) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal,
        account,
        session,
    } = crate::ssr::SignedIn::acting(Action::UseOwnVault).await?;
    if !crate::ssr::signed_in_within(&session, DELETE_REAUTH_SECS).await {
        return Err(PortalError::Vault(domain::vault::VaultProblem::SignInAgain));
    }
    Ok(domain::vault::store::delete_vault(&portal.db, account.id, Some(&key_check)).await?)
}
