//! The browser half of the passkey ceremonies, in the hydrated app: ask the server for options,
//! hand them to `navigator.credentials` through the browser's own JSON helpers
//! (`PublicKeyCredential.parse…FromJSON`, `credential.toJSON()`), send the result back.

use crate::i18n::Lang;
use js_sys::{Function, Object, Promise, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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

fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
}

fn browser(_: JsValue) -> CeremonyError {
    CeremonyError::Browser
}

async fn post_json(url: &str, body: Option<String>) -> Result<(u16, JsValue), JsValue> {
    let global = js_sys::global();
    let fetch: Function = get(&global, "fetch")?.dyn_into()?;
    let init = Object::new();
    Reflect::set(&init, &"method".into(), &"POST".into())?;
    Reflect::set(&init, &"credentials".into(), &"same-origin".into())?;
    let headers = Object::new();
    Reflect::set(&headers, &"content-type".into(), &"application/json".into())?;
    Reflect::set(&init, &"headers".into(), &headers)?;
    if let Some(body) = body {
        Reflect::set(&init, &"body".into(), &body.into())?;
    }
    let promise: Promise = fetch.call2(&global, &url.into(), &init)?.dyn_into()?;
    let response = JsFuture::from(promise).await?;
    let status = get(&response, "status")?.as_f64().unwrap_or(0.0) as u16;
    let json: Function = get(&response, "json")?.dyn_into()?;
    let promise: Promise = json.call0(&response)?.dyn_into()?;
    Ok((status, JsFuture::from(promise).await?))
}

fn server_error(answer: &JsValue) -> CeremonyError {
    let text = |key| {
        get(answer, key)
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    CeremonyError::Server {
        fr: text("fr"),
        en: text("en"),
    }
}

/// Calls `navigator.credentials.{create,get}` with server options; returns `credential.toJSON()`.
async fn ceremony(method: &str, parse: &str, options: &JsValue) -> Result<JsValue, JsValue> {
    let global = js_sys::global();
    let constructor = get(&global, "PublicKeyCredential")?;
    let parse: Function = get(&constructor, parse)?.dyn_into()?;
    let public_key = parse.call1(&constructor, &get(options, "publicKey")?)?;
    let argument = Object::new();
    Reflect::set(&argument, &"publicKey".into(), &public_key)?;
    let container = get(&get(&global, "navigator")?, "credentials")?;
    let call: Function = get(&container, method)?.dyn_into()?;
    let promise: Promise = call.call1(&container, &argument)?.dyn_into()?;
    let credential = JsFuture::from(promise).await?;
    let to_json: Function = get(&credential, "toJSON")?.dyn_into()?;
    to_json.call0(&credential)
}

/// Adds a passkey named `name` to the signed-in account.
pub async fn register(name: String) -> Result<(), CeremonyError> {
    let (status, options) = post_json("/auth/cles/inscription/debut", None)
        .await
        .map_err(browser)?;
    if status != 200 {
        return Err(server_error(&options));
    }
    let credential = ceremony("create", "parseCreationOptionsFromJSON", &options)
        .await
        .map_err(browser)?;
    let body = Object::new();
    Reflect::set(&body, &"name".into(), &name.into()).map_err(browser)?;
    Reflect::set(&body, &"credential".into(), &credential).map_err(browser)?;
    let body = JSON::stringify(&body)
        .map_err(browser)?
        .as_string()
        .unwrap_or_default();
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
    let credential = ceremony("get", "parseRequestOptionsFromJSON", &options)
        .await
        .map_err(browser)?;
    let body = JSON::stringify(&credential)
        .map_err(browser)?
        .as_string()
        .unwrap_or_default();
    let (status, answer) = post_json("/auth/cles/connexion/fin", Some(body))
        .await
        .map_err(browser)?;
    if status != 200 {
        return Err(server_error(&answer));
    }
    Ok(get(&answer, "redirect")
        .ok()
        .and_then(|v| v.as_string())
        .filter(|r| r.starts_with('/') && !r.starts_with("//"))
        .unwrap_or_else(|| "/".to_owned()))
}

/// A full navigation (the session cookie changed: let the server render the next page).
pub fn go_to(url: &str) {
    if let Ok(location) = get(&js_sys::global(), "location") {
        if let Ok(assign) = get(&location, "assign").and_then(|f| f.dyn_into::<Function>()) {
            let _ = assign.call1(&location, &url.into());
        }
    }
}
