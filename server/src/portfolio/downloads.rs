//! Evidence files going out: to their owner, to the holder of a page's secret link, to the
//! counsellor or guardian a page is granted to. Each is streamed from storage in its sandbox;
//! downloads through one link and to one address are counted (`Slots`).

use super::{not_found, owner};
use crate::state::{AppState, Slot};
use app::error::{refusal, PortalError};
use app::i18n::catalogue::RefusalsTexts;
use app::ssr::SignedIn;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::policy::Action;
use domain::portfolio::evidence::{EvidenceView, MediaCategory, MediaType};
use domain::portfolio::evidence_store::{self, EvidenceError, StorageKey};

/// Serves a file to its owner, as what it was recognised to be, in a sandbox: even a file
/// crafted to look like a page could run nothing here.
#[tracing::instrument(name = "evidence.download", skip_all, fields(evidence = id))]
pub async fn download(
    State(state): State<AppState>,
    me: SignedIn,
    Path(id): Path<i64>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(account) = owner(me, Action::ReadPortfolio) else {
        return not_found();
    };
    match evidence_store::find(state.db(), account.id, id).await {
        Ok((evidence, key)) => {
            serve(&state, evidence, &key, wants_thumbnail(&query), Vec::new()).await
        }
        Err(EvidenceError::NotFound) => not_found(),
        Err(error) => {
            tracing::error!(%error, "could not read the evidence");
            PortalError::Unavailable.into_response()
        }
    }
}

/// `?miniature` asks for an image's thumbnail (the original when there is none).
fn wants_thumbnail(query: &Option<String>) -> bool {
    query.as_deref() == Some("miniature")
}

/// Streams a file (or its thumbnail) from the storage, a chunk at a time: a slow reader costs
/// a chunk of memory, whatever the file's size. `slots` are held until the body is sent.
async fn serve(
    state: &AppState,
    evidence: EvidenceView,
    key: &StorageKey,
    thumbnail: bool,
    slots: Vec<Slot>,
) -> Response {
    let storage = &state.portal.evidence;
    if thumbnail && evidence.media_type.category() == MediaCategory::Image {
        if let Ok((length, reader)) = storage.open(&key.thumbnail()).await {
            let view = EvidenceView {
                media_type: MediaType::Jpeg,
                ..evidence
            };
            return file_response(&view, length, reader, slots);
        }
    }
    match storage.open(key).await {
        Ok((length, reader)) => file_response(&evidence, length, reader, slots),
        Err(error) => {
            tracing::error!(%error, "could not read an evidence file");
            PortalError::Unavailable.into_response()
        }
    }
}

/// A file as what it was recognised to be, in a sandbox.
fn file_response(
    evidence: &EvidenceView,
    length: u64,
    reader: evidence_store::EvidenceReader,
    slots: Vec<Slot>,
) -> Response {
    let encoded = app::pages::layout::urlencode(&evidence.file_name);
    let disposition = format!("inline; filename*=UTF-8''{encoded}");
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(Held {
        reader,
        _slots: slots,
    }));
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(evidence.media_type.mime()),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; img-src 'self'; media-src 'self'; sandbox"),
    );
    // Someone's own file: kept by no cache, the browser's included (a shared computer).
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A file of an entry on a shared page, for the holder of the page's live link; any other
/// file, and any file once the link is revoked or expired, is not found.
#[tracing::instrument(name = "evidence.shared_download", skip_all, fields(evidence = id))]
pub async fn shared_download(
    State(state): State<AppState>,
    Path((token, id)): Path<(String, i64)>,
    RawQuery(query): RawQuery,
    request: axum::extract::Request,
) -> Response {
    // Downloads at once through one link and from one address: a link posted where many
    // fetch it, or one client opening hundreds of slow downloads, cannot hold the server.
    let limits = &state.settings.limits;
    let address =
        crate::http::rate_limit::client_address(&request, &state.settings.site.trusted_proxies)
            .map(crate::http::rate_limit::limit_key)
            .unwrap_or_default();
    // Counted by the token's hash: the token itself is kept nowhere.
    let link = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(token.as_bytes()));
    let Some(slots) = state.slots.take_all(&[
        (
            format!("link:{link}"),
            limits.shared_downloads_per_link.get() as usize,
        ),
        (
            format!("address:{address}"),
            limits.shared_downloads_per_address.get() as usize,
        ),
    ]) else {
        tracing::warn!(%address, "shared downloads at once over their limit: 503");
        return try_again(StatusCode::SERVICE_UNAVAILABLE, RefusalsTexts::busy);
    };
    match domain::portfolio::showcase_store::shared_evidence(state.db(), &token, id).await {
        Ok(Some((evidence, key))) => {
            serve(&state, evidence, &key, wants_thumbnail(&query), slots).await
        }
        Ok(None) => not_found(),
        Err(error) => {
            tracing::error!(%error, "could not resolve a shared evidence file");
            PortalError::Unavailable.into_response()
        }
    }
}

/// A file of an entry on a page a student shared with the signed-in counsellor.
#[tracing::instrument(name = "evidence.granted_download", skip_all, fields(evidence = id))]
pub async fn granted_download(
    State(state): State<AppState>,
    me: SignedIn,
    Path((page, id)): Path<(i64, i64)>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(account) = owner(me, Action::ReadSharedPages) else {
        return not_found();
    };
    let page = domain::portfolio::showcase::PageId::from_db(page);
    match domain::portfolio::feedback_store::granted_evidence(state.db(), account.id, page, id)
        .await
    {
        Ok(Some((evidence, key))) => {
            serve(&state, evidence, &key, wants_thumbnail(&query), Vec::new()).await
        }
        Ok(None) => not_found(),
        Err(error) => {
            tracing::error!(%error, "could not resolve a granted evidence file");
            PortalError::Unavailable.into_response()
        }
    }
}

/// A reader that holds places in `Slots` until it is dropped: a download's or an export's
/// body counts for as long as it is being sent.
pub(super) struct Held<R> {
    pub(super) reader: R,
    pub(super) _slots: Vec<Slot>,
}

impl<R: tokio::io::AsyncRead + Unpin> tokio::io::AsyncRead for Held<R> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.reader).poll_read(cx, buf)
    }
}

/// Come back later: plain text in both languages, with `Retry-After`.
pub(super) fn try_again(status: StatusCode, words: fn(&RefusalsTexts) -> &'static str) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::RETRY_AFTER, "30"),
        ],
        refusal(words).lines(),
    )
        .into_response()
}
