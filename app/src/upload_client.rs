//! The browser half of a file upload with progress: the form's own multipart body sent by
//! `XMLHttpRequest` (whose upload reports progress, unlike `fetch`), then the browser goes where
//! the server's redirect pointed. Reached through `js_sys` like the passkey client.

use js_sys::{Array, Function, Reflect};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
}

fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let function: Function = get(target, method)?.dyn_into()?;
    Reflect::apply(&function, target, &args.iter().collect::<Array>())
}

/// The size in bytes of the file chosen in the form's input `name`, if one is chosen.
pub fn file_size(form: &JsValue, name: &str) -> Option<f64> {
    let elements = get(form, "elements").ok()?;
    let input = call(&elements, "namedItem", &[JsValue::from_str(name)]).ok()?;
    let files = get(&input, "files").ok()?;
    let file = call(&files, "item", &[JsValue::from_f64(0.0)]).ok()?;
    if file.is_null() || file.is_undefined() {
        return None;
    }
    get(&file, "size").ok()?.as_f64()
}

/// Posts the form; `on_progress` gets the share sent (0 to 1), `on_done` the address the
/// server answered from (after its redirect), or none when the upload failed.
pub fn post_form(
    form: &JsValue,
    on_progress: impl Fn(f64) + 'static,
    on_done: impl Fn(Option<String>) + 'static,
) -> Result<(), JsValue> {
    let global = js_sys::global();
    let xhr_class: Function = get(&global, "XMLHttpRequest")?.dyn_into()?;
    let xhr = Reflect::construct(&xhr_class, &Array::new())?;
    let form_data_class: Function = get(&global, "FormData")?.dyn_into()?;
    let body = Reflect::construct(&form_data_class, &Array::of1(form))?;
    let action = get(form, "action")?;
    call(&xhr, "open", &[JsValue::from_str("POST"), action])?;
    // The server answers an HTML form with a redirect to the preview: ask for HTML.
    call(
        &xhr,
        "setRequestHeader",
        &[JsValue::from_str("Accept"), JsValue::from_str("text/html")],
    )?;
    let progress = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        let loaded = get(&event, "loaded").ok().and_then(|v| v.as_f64());
        let total = get(&event, "total").ok().and_then(|v| v.as_f64());
        if let (Some(loaded), Some(total)) = (loaded, total) {
            if total > 0.0 {
                on_progress((loaded / total).min(1.0));
            }
        }
    });
    Reflect::set(
        &get(&xhr, "upload")?,
        &"onprogress".into(),
        progress.as_ref(),
    )?;
    progress.forget();
    let on_done = Rc::new(on_done);
    let finished = Rc::new(Cell::new(false));
    let done = {
        let xhr = xhr.clone();
        let on_done = on_done.clone();
        let finished = finished.clone();
        Closure::<dyn Fn()>::new(move || {
            if finished.replace(true) {
                return;
            }
            let status = get(&xhr, "status")
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0);
            let address = get(&xhr, "responseURL").ok().and_then(|v| v.as_string());
            on_done(address.filter(|a| !a.is_empty() && (200.0..400.0).contains(&status)));
        })
    };
    Reflect::set(&xhr, &"onload".into(), done.as_ref())?;
    done.forget();
    let error = Closure::<dyn Fn()>::new(move || {
        if !finished.replace(true) {
            on_done(None);
        }
    });
    Reflect::set(&xhr, &"onerror".into(), error.as_ref())?;
    error.forget();
    call(&xhr, "send", &[body])?;
    Ok(())
}

/// Sends the browser to `address` (a full page load: the server rendered it).
pub fn go_to(address: &str) {
    let global = js_sys::global();
    if let Ok(location) = get(&global, "location") {
        let _ = call(&location, "assign", &[JsValue::from_str(address)]);
    }
}
