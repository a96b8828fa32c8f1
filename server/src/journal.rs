//! `GET /journal.csv`: the whole of my journal as a spreadsheet file (`;`, UTF-8 with BOM, as
//! French spreadsheets open it), read a page at a time from the database.

use crate::state::AppState;
use app::error::{refusal, PortalError};
use app::i18n::catalogue::RefusalsTexts;
use app::i18n::texts;
use app::ssr::SignedIn;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::audit::{Actor, JournalQuery};
use domain::policy::Action;

/// Lines read from the database at a time.
const BATCH: i64 = 1_000;

fn cell(text: &str) -> String {
    // Quoted, quotes doubled; a cell a spreadsheet would take for a formula is defused (OWASP's
    // list: a tab or a carriage return first also makes some spreadsheets read a formula).
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    format!("\"{}\"", text.replace('"', "\"\""))
}

#[tracing::instrument(name = "journal.csv", skip_all)]
pub async fn download(
    axum::extract::State(state): axum::extract::State<AppState>,
    me: SignedIn,
    headers: HeaderMap,
) -> Response {
    if me.may(Action::ReadJournal).is_err() {
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            refusal(RefusalsTexts::journal_not_yours).lines(),
        )
            .into_response();
    }
    let t = texts(app::ssr::lang_from_headers(&headers));
    let mut out = String::from("\u{feff}");
    out.push_str(
        &[
            t.journal_when(),
            t.journal_what(),
            t.journal_who(),
            t.journal_detail(),
        ]
        .map(cell)
        .join(";"),
    );
    out.push('\n');
    let mut before = None;
    loop {
        let query = JournalQuery {
            before,
            action: None,
            limit: BATCH,
        };
        let lines = match domain::audit::for_owner(state.db(), me.id(), query).await {
            Ok(lines) => lines,
            Err(error) => {
                tracing::error!(%error, "could not read the journal");
                return PortalError::Unavailable.into_response();
            }
        };
        for line in &lines {
            let who = match &line.actor {
                Actor::Owner => t.journal_yourself().to_owned(),
                Actor::Other(name) => name.clone(),
                Actor::Administration => t.journal_administration().to_owned(),
                Actor::LinkHolder => t.journal_link_holder().to_owned(),
            };
            out.push_str(
                &[
                    cell(&domain::time::format_paris(line.occurred_at)),
                    cell(t.audit_action(line.action)),
                    cell(&who),
                    cell(&app::pages::audit::texts::audit_texts(t.lang).detail(&line.detail)),
                ]
                .join(";"),
            );
            out.push('\n');
        }
        match lines.last() {
            Some(last) if lines.len() as i64 == BATCH => before = Some(last.seq),
            _ => break,
        }
    }
    let mut response = out.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"journal-sillage.csv\""),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("Connexion"), "\"Connexion\"");
        assert_eq!(cell("dit \"non\""), "\"dit \"\"non\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("\t=1+1"), "\"'\t=1+1\"");
        assert_eq!(cell("\r=1+1"), "\"'\r=1+1\"");
    }
}
