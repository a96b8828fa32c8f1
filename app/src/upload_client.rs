//! The browser half of a file upload with progress: the form's own multipart body sent by
//! `XMLHttpRequest` (whose upload reports progress, unlike `fetch`), then the browser goes where
//! the server's redirect pointed. Typed `web-sys` calls: a misspelt method does not compile.

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{FormData, HtmlFormElement, HtmlInputElement, ProgressEvent, XmlHttpRequest};

fn form_element(form: &JsValue) -> Result<HtmlFormElement, JsValue> {
    form.clone().dyn_into::<HtmlFormElement>()
}

/// The size in bytes of the file chosen in the form's input `name`, if one is chosen.
pub fn file_size(form: &JsValue, name: &str) -> Option<f64> {
    let input = form_element(form)
        .ok()?
        .elements()
        .named_item(name)?
        .dyn_into::<HtmlInputElement>()
        .ok()?;
    input.files()?.item(0).map(|file| file.size())
}

/// Posts the form; `on_progress` gets the share sent (0 to 1), `on_done` the address the
/// server answered from (after its redirect), or none when the upload failed.
pub fn post_form(
    form: &JsValue,
    on_progress: impl Fn(f64) + 'static,
    on_done: impl Fn(Option<String>) + 'static,
) -> Result<(), JsValue> {
    let form = form_element(form)?;
    let xhr = XmlHttpRequest::new()?;
    let body = FormData::new_with_form(&form)?;
    xhr.open("POST", &form.action())?;
    // The server answers an HTML form with a redirect to the preview: ask for HTML.
    xhr.set_request_header("Accept", "text/html")?;
    let progress = Closure::<dyn Fn(ProgressEvent)>::new(move |event: ProgressEvent| {
        let (loaded, total) = (event.loaded(), event.total());
        if total > 0.0 {
            on_progress((loaded / total).min(1.0));
        }
    });
    xhr.upload()?
        .set_onprogress(Some(progress.as_ref().unchecked_ref()));
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
            let status = f64::from(xhr.status().unwrap_or(0));
            let address = xhr.response_url();
            on_done(Some(address).filter(|a| !a.is_empty() && (200.0..400.0).contains(&status)));
        })
    };
    xhr.set_onload(Some(done.as_ref().unchecked_ref()));
    done.forget();
    let error = Closure::<dyn Fn()>::new(move || {
        if !finished.replace(true) {
            on_done(None);
        }
    });
    xhr.set_onerror(Some(error.as_ref().unchecked_ref()));
    error.forget();
    xhr.send_with_opt_form_data(Some(&body))?;
    Ok(())
}

/// Sends the browser to `address` (a full page load: the server rendered it).
pub fn go_to(address: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(address);
    }
}
