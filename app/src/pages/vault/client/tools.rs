//! The vault module's tools that need no key: strength, generators, the hygiene report, printing.

use super::*;

pub fn strength(password: &str, personal: &[String]) -> Option<Strength> {
    let personal = serde_json::to_string(personal).ok()?;
    module()?
        .json("strength", &[password.into(), personal.into()])
        .ok()
}

pub fn generate_passphrase(words: u32) -> Option<Generated> {
    module()?
        .json("generate_passphrase", &[JsValue::from(words), "-".into()])
        .ok()
}

pub fn suggest_passphrase() -> Option<Generated> {
    let words = module()?.number("words_for_target", &[]).ok()? as u32;
    generate_passphrase(words)
}

pub fn generate_password(length: u32, symbols: bool) -> Option<Generated> {
    module()?
        .json(
            "generate_password",
            &[JsValue::from(length), JsValue::from(symbols)],
        )
        .ok()
}

pub fn hygiene(items: &[Opened], personal: &[String]) -> Option<Report> {
    let pairs: Vec<(&str, &VaultItem)> = items
        .iter()
        .filter_map(|o| o.item.as_ref().map(|i| (o.id.as_str(), i)))
        .collect();
    let items = serde_json::to_string(&pairs).ok()?;
    let personal = serde_json::to_string(personal).ok()?;
    module()?
        .json(
            "hygiene_report",
            &[items.into(), browser::today().into(), personal.into()],
        )
        .ok()
}

pub fn print() {
    let global = js_sys::global();
    if let Ok(print) = js_sys::Reflect::get(&global, &"print".into()) {
        if let Ok(print) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(print) {
            let _ = print.call0(&global);
        }
    }
}
