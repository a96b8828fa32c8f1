use app::error::refusal;
use app::i18n::catalogue::RefusalsTexts;
use app::ssr::LANG_COOKIE;
use axum::extract::{Path, Query};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::i18n::Lang;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Back {
    retour: Option<String>,
}

/// Only a path on this site: an open redirect would let a phishing link borrow our name.
pub fn safe_local_path(candidate: Option<&str>) -> &str {
    match candidate {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && !p.chars().any(char::is_control) =>
        {
            p
        }
        _ => "/",
    }
}

/// `GET /langue/{fr|en}?retour=/page`: remembers the language for a year and goes back.
pub async fn switch_language(Path(code): Path<String>, Query(back): Query<Back>) -> Response {
    let Some(lang) = Lang::from_code(&code) else {
        let unknown = refusal(RefusalsTexts::unknown_language).to_string();
        return (StatusCode::NOT_FOUND, unknown).into_response();
    };
    let target = safe_local_path(back.retour.as_deref());
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let (Ok(cookie), Ok(location)) = (
        HeaderValue::from_str(&cookie),
        HeaderValue::from_str(target),
    ) {
        headers.insert(SET_COOKIE, cookie);
        headers.insert(LOCATION, location);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::safe_local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_local_path(Some("/connexion?x=1")), "/connexion?x=1");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "evil",
            "/a\nb",
        ] {
            assert_eq!(safe_local_path(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_local_path(None), "/");
    }
}
