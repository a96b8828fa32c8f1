//! The module's JavaScript interface, called by the hydrated vault page. Values cross as JSON
//! text; errors are thrown as a short code (`wrong_passphrase`, `locked`…) or, for imports, as
//! a JSON message in both languages. The unlocked vault key stays inside this module.

use crate::crypto::{self, CryptoError, Key};
use crate::{generator, hygiene, interop, strength};
use domain::vault::items::VaultItem;
use domain::vault::{
    ItemId, KdfParams, KeyCheck, Salt, SeenRevisions, StoredItem, VaultKeys, VaultPasskey,
    WrappedKey,
};
use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

struct Unlocked {
    account_id: i64,
    key: Key,
}

thread_local! {
    static SESSION: RefCell<Option<Unlocked>> = const { RefCell::new(None) };
}

fn code(code: &str) -> JsValue {
    JsValue::from_str(code)
}

fn crypto_error(error: CryptoError) -> JsValue {
    code(match error {
        CryptoError::Undecryptable => "undecryptable",
        CryptoError::NoRandomness => "no_randomness",
        CryptoError::Kdf => "bad_parameters",
        CryptoError::RecoveryKeyForm => "recovery_key_form",
    })
}

fn json<T: Serialize>(value: &T) -> Result<String, JsValue> {
    serde_json::to_string(value).map_err(|_| code("internal"))
}

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, JsValue> {
    serde_json::from_str(text).map_err(|_| code("bad_input"))
}

fn account(text: &str) -> Result<i64, JsValue> {
    text.parse().map_err(|_| code("bad_input"))
}

fn with_key<T>(f: impl FnOnce(i64, &Key) -> Result<T, JsValue>) -> Result<T, JsValue> {
    SESSION.with(|session| match session.borrow().as_ref() {
        Some(unlocked) => f(unlocked.account_id, &unlocked.key),
        None => Err(code("locked")),
    })
}

fn keep(account_id: i64, key: Key) {
    SESSION.with(|session| *session.borrow_mut() = Some(Unlocked { account_id, key }));
}

/// Forgets the vault key (the `Zeroizing` buffer is wiped as it drops).
#[wasm_bindgen]
pub fn lock() {
    SESSION.with(|session| session.borrow_mut().take());
}

#[wasm_bindgen]
pub fn is_unlocked() -> bool {
    SESSION.with(|session| session.borrow().is_some())
}

#[derive(Serialize)]
struct Created {
    keys: VaultKeys,
    key_check: KeyCheck,
    recovery_key: String,
}

/// A new recovery key wrapping `key`, with its own new salt.
fn recovery_wrap(account_id: i64, key: &Key) -> Result<NewRecovery, JsValue> {
    let salt = crypto::new_salt().map_err(crypto_error)?;
    let (text, recovery) = crypto::new_recovery_key().map_err(crypto_error)?;
    let wrapped = crypto::wrap(
        &crypto::recovery_kek(&recovery, &salt),
        account_id,
        crypto::PURPOSE_RECOVERY,
        key,
    )
    .map_err(crypto_error)?;
    Ok(NewRecovery {
        salt,
        wrapped,
        recovery_key: text.to_string(),
    })
}

/// Makes a new vault key, wraps it with the passphrase and a new recovery key, and keeps it
/// unlocked. The recovery key is shown once and never stored.
#[wasm_bindgen]
pub fn create(account_id: &str, passphrase: &str) -> Result<String, JsValue> {
    let account_id = account(account_id)?;
    let vault_key = crypto::new_vault_key().map_err(crypto_error)?;
    let by_passphrase = wrap_with_passphrase(account_id, &vault_key, passphrase)?;
    let recovery = recovery_wrap(account_id, &vault_key)?;
    let created = Created {
        keys: VaultKeys {
            kdf: by_passphrase.kdf,
            salt: by_passphrase.salt,
            by_passphrase: by_passphrase.wrapped,
            recovery_salt: recovery.salt,
            by_recovery: recovery.wrapped,
            recovery_stale: false,
        },
        key_check: crypto::key_check(&vault_key, account_id),
        recovery_key: recovery.recovery_key,
    };
    keep(account_id, vault_key);
    json(&created)
}

#[derive(Serialize)]
struct PassphraseWrap {
    kdf: KdfParams,
    salt: Salt,
    wrapped: WrappedKey,
}

fn wrap_with_passphrase(
    account_id: i64,
    key: &Key,
    passphrase: &str,
) -> Result<PassphraseWrap, JsValue> {
    let salt = crypto::new_salt().map_err(crypto_error)?;
    let kdf = KdfParams::DEFAULT;
    let kek = crypto::passphrase_key(passphrase, &salt, kdf).map_err(crypto_error)?;
    let wrapped =
        crypto::wrap(&kek, account_id, crypto::PURPOSE_PASSPHRASE, key).map_err(crypto_error)?;
    Ok(PassphraseWrap { kdf, salt, wrapped })
}

/// Opens the vault with its passphrase. Returns `null`, or the key re-wrapped at today's
/// default parameters when the stored ones are weaker (the page saves it).
#[wasm_bindgen]
pub fn unlock_with_passphrase(
    account_id: &str,
    keys: &str,
    passphrase: &str,
) -> Result<String, JsValue> {
    let account_id = account(account_id)?;
    let keys: VaultKeys = parse(keys)?;
    let kek = crypto::passphrase_key(passphrase, &keys.salt, keys.kdf).map_err(crypto_error)?;
    let key = crypto::unwrap(
        &kek,
        account_id,
        crypto::PURPOSE_PASSPHRASE,
        &keys.by_passphrase,
    )
    .map_err(|_| code("wrong_passphrase"))?;
    let upgrade = if keys.kdf.needs_upgrade() {
        Some(wrap_with_passphrase(account_id, &key, passphrase)?)
    } else {
        None
    };
    keep(account_id, key);
    json(&upgrade)
}

#[wasm_bindgen]
pub fn unlock_with_recovery(
    account_id: &str,
    keys: &str,
    recovery_key: &str,
) -> Result<(), JsValue> {
    let account_id = account(account_id)?;
    let keys: VaultKeys = parse(keys)?;
    let recovery = crypto::parse_recovery_key(recovery_key).map_err(crypto_error)?;
    let key = crypto::unwrap(
        &crypto::recovery_kek(&recovery, &keys.recovery_salt),
        account_id,
        crypto::PURPOSE_RECOVERY,
        &keys.by_recovery,
    )
    .map_err(|_| code("wrong_recovery_key"))?;
    keep(account_id, key);
    Ok(())
}

/// Checks a passphrase against the open vault (before an export or a change of passphrase).
#[wasm_bindgen]
pub fn check_passphrase(keys: &str, passphrase: &str) -> Result<bool, JsValue> {
    let keys: VaultKeys = parse(keys)?;
    with_key(|account_id, key| {
        let kek = crypto::passphrase_key(passphrase, &keys.salt, keys.kdf).map_err(crypto_error)?;
        Ok(crypto::unwrap(
            &kek,
            account_id,
            crypto::PURPOSE_PASSPHRASE,
            &keys.by_passphrase,
        )
        .is_ok_and(|unwrapped| *unwrapped == **key))
    })
}

/// A new passphrase for the open vault: the new wrapping to save.
#[wasm_bindgen]
pub fn change_passphrase(passphrase: &str) -> Result<String, JsValue> {
    with_key(|account_id, key| json(&wrap_with_passphrase(account_id, key, passphrase)?))
}

#[derive(Serialize)]
struct NewRecovery {
    salt: Salt,
    wrapped: WrappedKey,
    recovery_key: String,
}

/// A new recovery key for the open vault, with its own salt (the old key stops working once
/// saved).
#[wasm_bindgen]
pub fn new_recovery_key() -> Result<String, JsValue> {
    with_key(|account_id, key| json(&recovery_wrap(account_id, key)?))
}

/// The open vault's key check: what the server asks for before the keys change or the vault
/// is deleted.
#[wasm_bindgen]
pub fn key_check() -> Result<String, JsValue> {
    with_key(|account_id, key| Ok(String::from(crypto::key_check(key, account_id))))
}

/// A random PRF input for a new vault passkey.
#[wasm_bindgen]
pub fn new_prf_salt() -> Result<String, JsValue> {
    Ok(String::from(
        Salt::new(crypto::random::<32>().map_err(crypto_error)?.to_vec())
            .map_err(|_| code("internal"))?,
    ))
}

/// Wraps the open vault's key with a passkey's PRF output (which is then forgotten).
#[wasm_bindgen]
pub fn wrap_for_passkey(
    credential_id: &str,
    prf_salt: &str,
    prf_output: &[u8],
) -> Result<String, JsValue> {
    let prf_salt = Salt::parse(prf_salt).map_err(|_| code("bad_input"))?;
    let output = Zeroizing::new(prf_output.to_vec());
    with_key(|account_id, key| {
        let kek = crypto::prf_kek(&output, &prf_salt);
        crypto::wrap(
            &kek,
            account_id,
            &crypto::passkey_purpose(credential_id),
            key,
        )
        .map(|w| w.as_text())
        .map_err(crypto_error)
    })
}

#[wasm_bindgen]
pub fn unlock_with_prf(account_id: &str, passkey: &str, prf_output: &[u8]) -> Result<(), JsValue> {
    let account_id = account(account_id)?;
    let passkey: VaultPasskey = parse(passkey)?;
    let output = Zeroizing::new(prf_output.to_vec());
    let kek = crypto::prf_kek(&output, &passkey.prf_salt);
    let key = crypto::unwrap(
        &kek,
        account_id,
        &crypto::passkey_purpose(&passkey.credential_id),
        &passkey.wrapped,
    )
    .map_err(|_| code("wrong_passkey"))?;
    keep(account_id, key);
    Ok(())
}

#[wasm_bindgen]
pub fn new_item_id() -> Result<String, JsValue> {
    crypto::new_item_id()
        .map(|id| id.as_str().to_owned())
        .map_err(crypto_error)
}

/// Encrypts an item (JSON of `VaultItem`) for this account, item id and the revision it will be
/// stored as (1 for a new item, the edited revision + 1): the envelope to send.
#[wasm_bindgen]
pub fn seal_item(item_id: &str, revision: f64, item: &str) -> Result<String, JsValue> {
    let id = ItemId::parse(item_id).map_err(|_| code("bad_input"))?;
    let revision = whole(revision)?;
    let item: VaultItem = parse(item)?;
    let plaintext = Zeroizing::new(serde_json::to_vec(&item).map_err(|_| code("internal"))?);
    with_key(|account_id, key| {
        crypto::seal_item(key, account_id, &id, revision, &plaintext)
            .map(|e| e.as_text())
            .map_err(crypto_error)
    })
}

/// A revision sent by the page as a JavaScript number.
fn whole(number: f64) -> Result<i64, JsValue> {
    if number.fract() == 0.0 && (1.0..=9.0e15).contains(&number) {
        Ok(number as i64)
    } else {
        Err(code("bad_input"))
    }
}

#[derive(Serialize)]
struct Opened {
    id: ItemId,
    revision: i64,
    /// `None`: the envelope does not decrypt here (changed, or moved from another item), or is
    /// older than what this browser saw (`stale`).
    item: Option<VaultItem>,
    /// Older than the revision this browser last saw, an `sv1` envelope of an item it saw as
    /// `sv2`, or an item deleted here: the server put back something it should not have.
    stale: bool,
    /// Sealed before revisions were bound (`sv1`): the page seals it again.
    legacy: bool,
}

#[derive(Serialize)]
struct OpenedVault {
    items: Vec<Opened>,
    /// What this browser has now seen, to keep for the next unlock.
    seen: SeenRevisions,
}

/// Decrypts the stored items against what this browser saw before (`seen`, from its local
/// storage); one that does not decrypt or is older is reported, the others open.
#[wasm_bindgen]
pub fn open_items(stored: &str, seen: &str) -> Result<String, JsValue> {
    let stored: Vec<StoredItem> = parse(stored)?;
    // A browser that never saw this vault, or whose memory is unreadable, starts afresh.
    let mut seen: SeenRevisions = serde_json::from_str(seen).unwrap_or_default();
    with_key(|account_id, key| {
        let items: Vec<Opened> = stored
            .into_iter()
            .map(|s| {
                let bound = s.envelope.binds_revision();
                let fresh = seen.is_fresh(s.id.as_str(), s.revision, bound);
                let item = fresh
                    .then(|| crypto::open_item(key, account_id, &s.id, s.revision, &s.envelope))
                    .and_then(Result::ok)
                    .and_then(|plain| serde_json::from_slice::<VaultItem>(&plain).ok());
                if item.is_some() {
                    seen.saw(s.id.as_str(), s.revision, bound);
                }
                Opened {
                    id: s.id,
                    revision: s.revision,
                    legacy: item.is_some() && !bound,
                    item,
                    stale: !fresh,
                }
            })
            .collect();
        json(&OpenedVault { items, seen })
    })
}

#[wasm_bindgen]
pub fn strength(password: &str, personal: &str) -> Result<String, JsValue> {
    let personal: Vec<String> = parse(personal)?;
    json(&strength::estimate(password, &personal))
}

#[wasm_bindgen]
pub fn generate_passphrase(words: u32, separator: &str) -> Result<String, JsValue> {
    let separator = separator.chars().next().unwrap_or('-');
    json(&generator::passphrase(words, separator).map_err(crypto_error)?)
}

#[wasm_bindgen]
pub fn generate_password(length: u32, symbols: bool) -> Result<String, JsValue> {
    json(&generator::password(length, symbols).map_err(crypto_error)?)
}

/// How many words of the list reach the CNIL's 80 bits.
#[wasm_bindgen]
pub fn words_for_target() -> u32 {
    generator::words_for(strength::CNIL_BITS_ALONE)
}

#[wasm_bindgen]
pub fn hygiene_report(items: &str, today: &str, personal: &str) -> Result<String, JsValue> {
    let items: Vec<(String, VaultItem)> = parse(items)?;
    let personal: Vec<String> = parse(personal)?;
    json(&hygiene::report(&items, today, &personal))
}

/// Reads an import file; throws the problem as JSON (`{"problem": "bad_csv", "line": 3}`), which
/// the page words in its reader's language.
#[wasm_bindgen]
pub fn import_file(text: &str) -> Result<String, JsValue> {
    interop::import(text)
        .map_err(|problem| json(&problem).map(JsValue::from).unwrap_or_else(|e| e))
        .and_then(|imported| json(&imported))
}

#[wasm_bindgen]
pub fn export_file(format: &str, items: &str) -> Result<String, JsValue> {
    let format = interop::Format::parse(format).ok_or_else(|| code("bad_input"))?;
    let items: Vec<(String, VaultItem)> = parse(items)?;
    with_key(|_, _| Ok(interop::export(format, &items)))
}
