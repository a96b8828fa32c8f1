//! The vault page's bridge to the vault's own WASM module (`/pkg/vault/`), loaded on demand so
//! that no other page pays for Argon2id and the word lists; plus the browser services the page
//! needs: clipboard, file download, and passkey PRF ceremonies.
//!
//! The module is started by a tiny ES module (`loader.js`, made by `scripts/build-vault`) that
//! puts it on `globalThis.sillageVault` and fires `sillage-vault-ready`.

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const LOADER: &str = "/pkg/vault/loader.js";
const GLOBAL: &str = "sillageVault";

fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
}

fn method(target: &JsValue, key: &str) -> Result<Function, JsValue> {
    get(target, key)?.dyn_into::<Function>()
}

/// What a call into the module answered instead of a value: a short code (`wrong_passphrase`,
/// `locked`…) or, for imports, a JSON message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VaultCallError(pub String);

impl From<JsValue> for VaultCallError {
    fn from(value: JsValue) -> Self {
        VaultCallError(value.as_string().unwrap_or_else(|| "browser".to_owned()))
    }
}

/// The loaded module.
#[derive(Clone)]
pub struct VaultModule(JsValue);

impl VaultModule {
    /// Loads the module once per page (a later call finds it on `globalThis`).
    pub async fn load() -> Result<VaultModule, VaultCallError> {
        let global = js_sys::global();
        let loaded = get(&global, GLOBAL)?;
        if !loaded.is_undefined() {
            return Ok(VaultModule(loaded));
        }
        let document = get(&global, "document")?;
        let ready = Promise::new(&mut |resolve, reject| {
            let listen = || -> Result<(), JsValue> {
                let options = Object::new();
                Reflect::set(&options, &"once".into(), &true.into())?;
                method(&global, "addEventListener")?.call3(
                    &global,
                    &"sillage-vault-ready".into(),
                    &resolve,
                    &options,
                )?;
                if get(&document, "getElementById")
                    .and_then(|f| f.dyn_into::<Function>())?
                    .call1(&document, &"vault-loader".into())?
                    .is_null()
                {
                    let script =
                        method(&document, "createElement")?.call1(&document, &"script".into())?;
                    Reflect::set(&script, &"type".into(), &"module".into())?;
                    Reflect::set(&script, &"id".into(), &"vault-loader".into())?;
                    Reflect::set(&script, &"src".into(), &LOADER.into())?;
                    Reflect::set(&script, &"onerror".into(), &reject)?;
                    let head = get(&document, "head")?;
                    method(&head, "appendChild")?.call1(&head, &script)?;
                }
                Ok(())
            };
            if let Err(error) = listen() {
                let _ = reject.call1(&JsValue::NULL, &error);
            }
        });
        JsFuture::from(ready)
            .await
            .map_err(|_| VaultCallError("module_unavailable".to_owned()))?;
        Ok(VaultModule(get(&global, GLOBAL)?))
    }

    fn call(&self, name: &str, args: &[JsValue]) -> Result<JsValue, VaultCallError> {
        let function = method(&self.0, name)?;
        let array = Array::new();
        for arg in args {
            array.push(arg);
        }
        Ok(function.apply(&JsValue::NULL, &array)?)
    }

    /// A call whose answer is JSON text, decoded.
    pub fn json<T: serde::de::DeserializeOwned>(
        &self,
        name: &str,
        args: &[JsValue],
    ) -> Result<T, VaultCallError> {
        let text = self.call(name, args)?.as_string().unwrap_or_default();
        serde_json::from_str(&text).map_err(|_| VaultCallError("internal".to_owned()))
    }

    pub fn text(&self, name: &str, args: &[JsValue]) -> Result<String, VaultCallError> {
        Ok(self.call(name, args)?.as_string().unwrap_or_default())
    }

    pub fn unit(&self, name: &str, args: &[JsValue]) -> Result<(), VaultCallError> {
        self.call(name, args).map(|_| ())
    }

    pub fn boolean(&self, name: &str, args: &[JsValue]) -> Result<bool, VaultCallError> {
        Ok(self.call(name, args)?.as_bool().unwrap_or(false))
    }

    pub fn number(&self, name: &str, args: &[JsValue]) -> Result<f64, VaultCallError> {
        Ok(self.call(name, args)?.as_f64().unwrap_or(0.0))
    }
}

pub fn bytes(value: &[u8]) -> JsValue {
    Uint8Array::from(value).into()
}

/// Lets the browser paint (a "please wait" message) before a long computation on this thread.
pub async fn next_paint() {
    let promise = Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        if let Ok(set_timeout) = method(&global, "setTimeout") {
            let _ = set_timeout.call2(&global, &resolve, &JsValue::from_f64(30.0));
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Today in the browser's clock, `YYYY-MM-DD`.
pub fn today() -> String {
    let date = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date()
    )
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn local_storage() -> Result<JsValue, JsValue> {
    get(&js_sys::global(), "localStorage")
}

/// A value this browser keeps for this site (`localStorage`); `None` when there is none or the
/// browser keeps nothing (private browsing may refuse).
pub fn local_get(key: &str) -> Option<String> {
    let storage = local_storage().ok()?;
    method(&storage, "getItem")
        .ok()?
        .call1(&storage, &key.into())
        .ok()?
        .as_string()
}

/// Keeps a value for this site in this browser; a browser that refuses keeps nothing.
pub fn local_set(key: &str, value: &str) {
    let set = || -> Result<(), JsValue> {
        let storage = local_storage()?;
        method(&storage, "setItem")?.call2(&storage, &key.into(), &value.into())?;
        Ok(())
    };
    let _ = set();
}

fn clipboard() -> Result<JsValue, JsValue> {
    get(&get(&js_sys::global(), "navigator")?, "clipboard")
}

pub async fn copy(text: &str) -> bool {
    let write = || -> Result<Promise, JsValue> {
        let clipboard = clipboard()?;
        method(&clipboard, "writeText")?
            .call1(&clipboard, &text.into())?
            .dyn_into::<Promise>()
    };
    match write() {
        Ok(promise) => JsFuture::from(promise).await.is_ok(),
        Err(_) => false,
    }
}

/// Empties the clipboard if it still holds `text` (or if the browser will not say).
pub async fn clear_clipboard_if(text: &str) {
    let read = || -> Result<Promise, JsValue> {
        let clipboard = clipboard()?;
        method(&clipboard, "readText")?
            .call0(&clipboard)?
            .dyn_into::<Promise>()
    };
    let still_ours = match read() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .map(|v| v.as_string().as_deref() == Some(text))
            .unwrap_or(true),
        Err(_) => true,
    };
    if still_ours {
        copy("").await;
    }
}

/// Offers `content` as a file to save (made in the browser: the server never sees it).
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let global = js_sys::global();
    let parts = Array::new();
    parts.push(&content.into());
    let options = Object::new();
    Reflect::set(&options, &"type".into(), &mime.into())?;
    let blob_class: Function = method(&global, "Blob")?;
    let blob = Reflect::construct(&blob_class, &Array::of2(&parts, &options))?;
    let url_class = get(&global, "URL")?;
    let url = method(&url_class, "createObjectURL")?.call1(&url_class, &blob)?;
    let document = get(&global, "document")?;
    let anchor = method(&document, "createElement")?.call1(&document, &"a".into())?;
    Reflect::set(&anchor, &"href".into(), &url)?;
    Reflect::set(&anchor, &"download".into(), &file_name.into())?;
    let body = get(&document, "body")?;
    method(&body, "appendChild")?.call1(&body, &anchor)?;
    method(&anchor, "click")?.call0(&anchor)?;
    method(&anchor, "remove")?.call0(&anchor)?;
    method(&url_class, "revokeObjectURL")?.call1(&url_class, &url)?;
    Ok(())
}

/// Reads a chosen file as text (the `<input type=file>` element's first file).
pub async fn read_file(input: &JsValue) -> Result<(String, f64), JsValue> {
    let files = get(input, "files")?;
    let file = get(&files, "0")?;
    if file.is_undefined() {
        return Err(JsValue::from_str("no_file"));
    }
    let size = get(&file, "size")?.as_f64().unwrap_or(0.0);
    if size > 5.0 * 1024.0 * 1024.0 {
        return Err(JsValue::from_str("too_big"));
    }
    let promise: Promise = method(&file, "text")?.call0(&file)?.dyn_into()?;
    let text = JsFuture::from(promise)
        .await?
        .as_string()
        .unwrap_or_default();
    Ok((text, size))
}

fn prf_eval(salt: &[u8]) -> Result<Object, JsValue> {
    let first = Object::new();
    Reflect::set(&first, &"first".into(), &bytes(salt))?;
    Ok(first)
}

fn random_bytes(n: u32) -> Result<Uint8Array, JsValue> {
    let array = Uint8Array::new_with_length(n);
    let crypto = get(&js_sys::global(), "crypto")?;
    method(&crypto, "getRandomValues")?.call1(&crypto, &array)?;
    Ok(array)
}

fn prf_first(credential: &JsValue) -> Result<Option<Vec<u8>>, JsValue> {
    let results = method(credential, "getClientExtensionResults")?.call0(credential)?;
    let first = get(
        &get(&get(&results, "prf")?, "results").unwrap_or(JsValue::UNDEFINED),
        "first",
    )
    .unwrap_or(JsValue::UNDEFINED);
    if first.is_undefined() || first.is_null() {
        return Ok(None);
    }
    Ok(Some(Uint8Array::new(&first).to_vec()))
}

async fn credentials(kind: &str, public_key: Object) -> Result<JsValue, JsValue> {
    let global = js_sys::global();
    let container = get(&get(&global, "navigator")?, "credentials")?;
    let argument = Object::new();
    Reflect::set(&argument, &"publicKey".into(), &public_key)?;
    let promise: Promise = method(&container, kind)?
        .call1(&container, &argument)?
        .dyn_into()?;
    JsFuture::from(promise).await
}

/// Makes a passkey for unlocking the vault and evaluates its PRF on `salt`: the credential's
/// id (base64url) and the PRF output, or `None` when the authenticator has no PRF.
pub async fn create_prf_passkey(
    user_name: &str,
    salt: &[u8],
) -> Result<Option<(String, Vec<u8>)>, JsValue> {
    let public_key = Object::new();
    let rp = Object::new();
    Reflect::set(&rp, &"name".into(), &"Sillage — coffre-fort".into())?;
    Reflect::set(&public_key, &"rp".into(), &rp)?;
    let user = Object::new();
    Reflect::set(&user, &"id".into(), &JsValue::from(random_bytes(16)?))?;
    Reflect::set(&user, &"name".into(), &user_name.into())?;
    Reflect::set(&user, &"displayName".into(), &user_name.into())?;
    Reflect::set(&public_key, &"user".into(), &user)?;
    Reflect::set(
        &public_key,
        &"challenge".into(),
        &JsValue::from(random_bytes(32)?),
    )?;
    let params = Array::new();
    for alg in [-7, -257] {
        let p = Object::new();
        Reflect::set(&p, &"type".into(), &"public-key".into())?;
        Reflect::set(&p, &"alg".into(), &JsValue::from_f64(f64::from(alg)))?;
        params.push(&p);
    }
    Reflect::set(&public_key, &"pubKeyCredParams".into(), &params)?;
    let selection = Object::new();
    Reflect::set(&selection, &"userVerification".into(), &"required".into())?;
    Reflect::set(&public_key, &"authenticatorSelection".into(), &selection)?;
    let extensions = Object::new();
    let prf = Object::new();
    Reflect::set(&prf, &"eval".into(), &JsValue::from(prf_eval(salt)?))?;
    Reflect::set(&extensions, &"prf".into(), &prf)?;
    Reflect::set(&public_key, &"extensions".into(), &extensions)?;
    let credential = credentials("create", public_key).await?;
    let raw_id = Uint8Array::new(&get(&credential, "rawId")?).to_vec();
    let enabled = get(
        &get(
            &method(&credential, "getClientExtensionResults")?.call0(&credential)?,
            "prf",
        )?,
        "enabled",
    )
    .map(|v| v.as_bool() == Some(true))
    .unwrap_or(false);
    // Some authenticators give the PRF output at creation; the others at the first assertion.
    let output = match prf_first(&credential)? {
        Some(output) => Some(output),
        None if enabled => unlock_prf(&[(domain::vault::encode(&raw_id), salt.to_vec())])
            .await?
            .map(|(_, output)| output),
        None => None,
    };
    Ok(output.map(|output| (domain::vault::encode(&raw_id), output)))
}

/// Asks the browser for one of the vault's passkeys (`(credential id, PRF input)`) and its PRF
/// output: the id of the passkey used, and the output.
pub async fn unlock_prf(
    passkeys: &[(String, Vec<u8>)],
) -> Result<Option<(String, Vec<u8>)>, JsValue> {
    let public_key = Object::new();
    Reflect::set(
        &public_key,
        &"challenge".into(),
        &JsValue::from(random_bytes(32)?),
    )?;
    let allowed = Array::new();
    let by_credential = Object::new();
    for (id, salt) in passkeys {
        let raw = domain::vault::decode_bytes(id).ok_or_else(|| JsValue::from_str("bad_id"))?;
        let credential = Object::new();
        Reflect::set(&credential, &"type".into(), &"public-key".into())?;
        Reflect::set(&credential, &"id".into(), &bytes(&raw))?;
        allowed.push(&credential);
        // Each passkey evaluates its own input (keys are the ids in base64url, as stored).
        Reflect::set(
            &by_credential,
            &id.as_str().into(),
            &JsValue::from(prf_eval(salt)?),
        )?;
    }
    Reflect::set(&public_key, &"allowCredentials".into(), &allowed)?;
    Reflect::set(&public_key, &"userVerification".into(), &"required".into())?;
    let prf = Object::new();
    Reflect::set(&prf, &"evalByCredential".into(), &by_credential)?;
    let extensions = Object::new();
    Reflect::set(&extensions, &"prf".into(), &prf)?;
    Reflect::set(&public_key, &"extensions".into(), &extensions)?;
    let credential = credentials("get", public_key).await?;
    let raw_id = Uint8Array::new(&get(&credential, "rawId")?).to_vec();
    Ok(prf_first(&credential)?.map(|output| (domain::vault::encode(&raw_id), output)))
}

pub fn webauthn_available() -> bool {
    get(&js_sys::global(), "PublicKeyCredential").is_ok_and(|v| !v.is_undefined())
}
