//! The browser half of the passkey ceremonies, in the hydrated app: ask the server for options,
//! hand them to `navigator.credentials` through the browser's own JSON helpers
//! (`PublicKeyCredential.parse…FromJSON`, `credential.toJSON()`), send the result back. Typed
//! bindings (`web-sys`, and the `extern` block below for what `web-sys` does not have yet); the
//! server's answers are read as JSON text with `serde`.

use crate::i18n::Lang;
use serde::Deserialize;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CredentialCreationOptions, CredentialRequestOptions, RequestInit, Response};

#[wasm_bindgen]
extern "C" {
    /// The WebAuthn Level 3 JSON helpers (in every current browser; not yet in `web-sys`).
    type PublicKeyCredential;

    #[wasm_bindgen(static_method_of = PublicKeyCredential, js_name = parseCreationOptionsFromJSON, catch)]
    fn parse_creation_options(options: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(static_method_of = PublicKeyCredential, js_name = parseRequestOptionsFromJSON, catch)]
    fn parse_request_options(options: &JsValue) -> Result<JsValue, JsValue>;

    /// What `navigator.credentials` gives back.
    type Credential;

    #[wasm_bindgen(method, js_name = toJSON, catch)]
    fn to_json(this: &Credential) -> Result<JsValue, JsValue>;
}

#[derive(Debug, Clone)]
pub enum CeremonyError {
    /// The server refused, with its message in both languages.
    Server { fr: String, en: String },
    /// The browser or the person stopped it (cancelled, no authenticator, unsupported).
    Browser,
}

impl CeremonyError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CeremonyError::Server { fr, .. }, Lang::Fr) => fr.clone(),
            (CeremonyError::Server { en, .. }, Lang::En) => en.clone(),
            (CeremonyError::Browser, lang) => {
                crate::i18n::texts(lang).passkey_cancelled().to_owned()
            }
        }
    }
}

/// What the server answers: options, a refusal in both languages, or where to go.
#[derive(Debug, Default, Deserialize)]
struct Answer {
    #[serde(default)]
    fr: String,
    #[serde(default)]
    en: String,
    #[serde(default)]
    redirect: Option<String>,
}

fn browser(_: JsValue) -> CeremonyError {
    CeremonyError::Browser
}

/// Posts `body` (JSON) to `url`; answers the status and the JSON text of the answer.
async fn post_json(url: &str, body: Option<String>) -> Result<(u16, String), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    let headers = web_sys::Headers::new()?;
    headers.set("content-type", "application/json")?;
    init.set_headers(&headers);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(&body));
    }
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await?
        .dyn_into()?;
    let text = JsFuture::from(response.text()?).await?;
    Ok((response.status(), text.as_string().unwrap_or_default()))
}

fn server_error(answer: &str) -> CeremonyError {
    let answer: Answer = serde_json::from_str(answer).unwrap_or_default();
    CeremonyError::Server {
        fr: answer.fr,
        en: answer.en,
    }
}

/// The `publicKey` member of the server's options, as the browser's JSON helpers take it.
fn public_key(options: &str) -> Result<JsValue, JsValue> {
    let options: serde_json::Value = serde_json::from_str(options).map_err(|_| JsValue::NULL)?;
    js_sys::JSON::parse(&options["publicKey"].to_string())
}

/// `credential.toJSON()` as JSON text.
async fn credential_json(promise: js_sys::Promise) -> Result<String, JsValue> {
    let credential: Credential = JsFuture::from(promise).await?.unchecked_into();
    let json = js_sys::JSON::stringify(&credential.to_json()?)?;
    Ok(json.as_string().unwrap_or_default())
}

/// Adds a passkey named `name` to the signed-in account.
pub async fn register(name: String) -> Result<(), CeremonyError> {
    let (status, options) = post_json("/auth/cles/inscription/debut", None)
        .await
        .map_err(browser)?;
    if status != 200 {
        return Err(server_error(&options));
    }
    let credential = async {
        let public_key = PublicKeyCredential::parse_creation_options(&public_key(&options)?)?;
        let request = CredentialCreationOptions::new();
        request.set_public_key(public_key.unchecked_ref());
        let container = web_sys::window()
            .ok_or(JsValue::NULL)?
            .navigator()
            .credentials();
        credential_json(container.create_with_options(&request)?).await
    }
    .await
    .map_err(browser)?;
    let credential: serde_json::Value =
        serde_json::from_str(&credential).map_err(|_| CeremonyError::Browser)?;
    let body = serde_json::json!({ "name": name, "credential": credential }).to_string();
    let (status, answer) = post_json("/auth/cles/inscription/fin", Some(body))
        .await
        .map_err(browser)?;
    if status != 200 {
        return Err(server_error(&answer));
    }
    Ok(())
}

/// Signs in with a passkey the browser offers (`stay`: the person asked to stay signed in on
/// this device); returns where to go next.
pub async fn sign_in(stay: bool) -> Result<String, CeremonyError> {
    let start = if stay {
        "/auth/cles/connexion/debut?rester=1"
    } else {
        "/auth/cles/connexion/debut"
    };
    let (status, options) = post_json(start, None).await.map_err(browser)?;
    if status != 200 {
        return Err(server_error(&options));
    }
    let body = async {
        let public_key = PublicKeyCredential::parse_request_options(&public_key(&options)?)?;
        let request = CredentialRequestOptions::new();
        request.set_public_key(public_key.unchecked_ref());
        let container = web_sys::window()
            .ok_or(JsValue::NULL)?
            .navigator()
            .credentials();
        credential_json(container.get_with_options(&request)?).await
    }
    .await
    .map_err(browser)?;
    let (status, answer) = post_json("/auth/cles/connexion/fin", Some(body))
        .await
        .map_err(browser)?;
    if status != 200 {
        return Err(server_error(&answer));
    }
    let answer: Answer = serde_json::from_str(&answer).unwrap_or_default();
    Ok(answer
        .redirect
        .filter(|r| r.starts_with('/') && !r.starts_with("//"))
        .unwrap_or_else(|| "/".to_owned()))
}

/// A full navigation (the session cookie changed: let the server render the next page).
pub fn go_to(url: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(url);
    }
}
