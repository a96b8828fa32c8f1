//! Evidence files over plain HTTP: a multipart upload form and a download link work without
//! JavaScript and stream no more than the configured size. Every handler reads the account
//! from the session and acts on that account's files only.

use crate::state::AppState;
use app::error::PortalError;
use app::i18n::catalogue::RefusalsTexts;
use app::ssr::SignedIn;
use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::identity::AccountView;
use domain::policy::Action;
use domain::portfolio::evidence::Refusal;
use domain::portfolio::evidence_store::{self, EvidenceError};
use domain::portfolio::EntryId;

mod downloads;
pub use downloads::{download, granted_download, shared_download};
use downloads::{try_again, Held};

/// The file input's name in the upload form.
pub const FILE_FIELD: &str = "fichier";

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Fichier introuvable.\nFile not found.\n",
    )
        .into_response()
}

/// The signed-in account, if the policy lets it `action` its own portfolio; a refusal answers
/// "not found": a file's address tells nothing to someone it is not for.
fn owner(me: SignedIn, action: Action) -> Option<AccountView> {
    me.may(action).ok().map(|()| me.account)
}

/// Reads the file field `name`, stopping as soon as it is larger than allowed.
async fn read_field(
    mut multipart: Multipart,
    name: &str,
    max_bytes: u64,
) -> Result<(String, Vec<u8>), Refusal> {
    // Fields before the file (the form's other inputs) are skipped.
    let mut field = loop {
        match next_field(&mut multipart).await? {
            Some(field) if field.name() == Some(name) => break field,
            Some(_) => continue,
            None => return Err(Refusal::Empty),
        }
    };
    let name = field.file_name().unwrap_or_default().to_owned();
    let mut bytes = Vec::new();
    while let Some(chunk) = next_chunk(&mut field).await? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() as u64 > max_bytes {
            return Err(Refusal::TooLarge);
        }
    }
    if bytes.is_empty() {
        Err(Refusal::Empty)
    } else {
        Ok((name, bytes))
    }
}

/// The next field of the form, `None` at its end; a body over its limit is `TooLarge`.
async fn next_field(
    multipart: &mut Multipart,
) -> Result<Option<axum::extract::multipart::Field<'_>>, Refusal> {
    match multipart.next_field().await {
        Ok(field) => Ok(field),
        Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(Refusal::TooLarge),
        Err(_) => Err(Refusal::Empty),
    }
}

/// The next chunk of a field as it arrives.
async fn next_chunk(
    field: &mut axum::extract::multipart::Field<'_>,
) -> Result<Option<axum::body::Bytes>, Refusal> {
    match field.chunk().await {
        Ok(chunk) => Ok(chunk),
        Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(Refusal::TooLarge),
        Err(_) => Err(Refusal::Empty),
    }
}

fn back_to_entry(entry: i64, query: &str) -> Response {
    Redirect::to(&format!("/portfolio/entrees/{entry}?{query}#preuves")).into_response()
}

#[tracing::instrument(name = "evidence.upload", skip_all, fields(entry))]
pub async fn upload(
    State(state): State<AppState>,
    me: SignedIn,
    Path(entry): Path<i64>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let Some(account) = owner(me, Action::EditPortfolio) else {
        return not_found();
    };
    let limits = state.portal.evidence_limits;
    let file = match multipart {
        Ok(multipart) => read_field(multipart, FILE_FIELD, limits.max_bytes).await,
        Err(_) => Err(Refusal::Empty),
    };
    let result = match file {
        Ok((name, bytes)) => {
            evidence_store::add(
                state.db(),
                &state.portal.evidence,
                limits,
                account.id,
                EntryId::from_db(entry),
                &name,
                bytes,
            )
            .await
        }
        Err(refusal) => Err(EvidenceError::Refused(refusal)),
    };
    match result {
        Ok(evidence) => {
            tracing::info!(
                evidence = evidence.id,
                media = evidence.media_type.mime(),
                "evidence added"
            );
            back_to_entry(entry, "preuve=ajoutee")
        }
        Err(EvidenceError::Refused(refusal)) => {
            tracing::info!(refusal = refusal.code(), "evidence refused");
            back_to_entry(entry, &format!("preuve_refusee={}", refusal.code()))
        }
        Err(EvidenceError::NotFound) => not_found(),
        Err(error) => {
            tracing::error!(%error, "could not store the evidence");
            PortalError::Unavailable.into_response()
        }
    }
}

#[tracing::instrument(name = "evidence.remove", skip_all, fields(evidence = id))]
pub async fn remove(State(state): State<AppState>, me: SignedIn, Path(id): Path<i64>) -> Response {
    let Some(account) = owner(me, Action::EditPortfolio) else {
        return not_found();
    };
    match evidence_store::remove(state.db(), &state.portal.evidence, account.id, id).await {
        Ok(entry) => back_to_entry(entry.get(), "preuve=supprimee"),
        Err(EvidenceError::NotFound) => not_found(),
        Err(error) => {
            tracing::error!(%error, "could not remove the evidence");
            PortalError::Unavailable.into_response()
        }
    }
}

/// The file input's name in the import form.
pub const ARCHIVE_FIELD: &str = "archive";

/// `GET /portfolio/export.zip`: the whole portfolio, to keep or to move to another académie.
/// The archive is written to an anonymous file in the spool folder (gone with the process, even
/// killed) and streamed from it: memory holds one evidence file at a time, whatever the
/// portfolio's size. One export at a time per account, a few at once on the server; each is a
/// line of the pupil's journal.
#[tracing::instrument(name = "portfolio.export", skip_all)]
pub async fn export(State(state): State<AppState>, me: SignedIn) -> Response {
    let Some(account) = owner(me, Action::ReadPortfolio) else {
        return not_found();
    };
    let Some(turn) = state.slots.take(format!("export:{}", account.id.get()), 1) else {
        tracing::info!("portfolio export refused: another one is under way");
        return try_again(
            StatusCode::TOO_MANY_REQUESTS,
            RefusalsTexts::export_under_way,
        );
    };
    let at_once = state.settings.portfolio.exports_at_once.get() as usize;
    let Some(place) = state.slots.take("exports".to_owned(), at_once) else {
        tracing::warn!(
            at_once,
            "portfolio export refused: the server's exports are all taken"
        );
        return try_again(StatusCode::SERVICE_UNAVAILABLE, RefusalsTexts::busy);
    };
    let frameworks = domain::portfolio::frameworks::Frameworks::shipped();
    let spool = match spool_file(&state.settings.portfolio.spool_dir()).await {
        Ok(file) => file,
        Err(error) => {
            tracing::error!(%error, "could not make a temporary file for the export");
            return PortalError::Unavailable.into_response();
        }
    };
    let written = domain::portfolio::archive::export(
        state.db(),
        &state.portal.evidence,
        account.id,
        frameworks,
        spool,
    )
    .await;
    let journaled = match &written {
        Ok(_) => domain::audit::record(
            state.db(),
            &domain::audit::NewAuditEvent {
                actor: Some(account.id),
                owner: Some(account.id),
                action: domain::audit::AuditAction::PortfolioExported,
                detail: domain::audit::AuditDetail::Nothing,
            },
        )
        .await
        .map_err(|error| tracing::error!(%error, "could not journal a portfolio export")),
        Err(_) => Ok(0),
    };
    if journaled.is_err() {
        return PortalError::Unavailable.into_response();
    }
    match written {
        Ok(file) => {
            let length = file.metadata().map(|m| m.len()).ok();
            // The turns are held until the archive is sent (or the client goes away): an
            // export nobody reads still counts.
            let body = Body::from_stream(tokio_util::io::ReaderStream::new(Held {
                reader: tokio::fs::File::from_std(file),
                _slots: vec![turn, place],
            }));
            let date = time::OffsetDateTime::now_utc().date();
            let disposition = format!("attachment; filename=\"portfolio-sillage-{date}.zip\"");
            let mut response = Response::new(body);
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/zip"),
            );
            if let Some(length) = length {
                headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
            }
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(error) => {
            tracing::error!(%error, "could not export the portfolio");
            PortalError::Unavailable.into_response()
        }
    }
}

/// An anonymous file in the spool folder (made if missing): gone with its handle, and with the
/// process even killed.
async fn spool_file(dir: &std::path::Path) -> std::io::Result<std::fs::File> {
    let dir = dir.to_owned();
    tokio::task::spawn_blocking(move || {
        std::fs::create_dir_all(&dir)?;
        tempfile::tempfile_in(&dir)
    })
    .await
    .map_err(std::io::Error::other)?
}

/// Writes the file field `name` to an anonymous temporary file as it arrives, stopping as soon
/// as it is larger than allowed: an upload of any size costs one chunk of memory. Answers the
/// file's name as the browser gave it, and the file, read from its start.
pub(crate) async fn spool_field(
    mut multipart: Multipart,
    name: &str,
    max_bytes: u64,
    spool_dir: &std::path::Path,
) -> Result<(String, std::fs::File), Refusal> {
    use tokio::io::AsyncWriteExt as _;
    let mut field = loop {
        match next_field(&mut multipart).await? {
            Some(field) if field.name() == Some(name) => break field,
            Some(_) => continue,
            None => return Err(Refusal::Empty),
        }
    };
    let file_name = field.file_name().unwrap_or_default().to_owned();
    let spool = spool_file(spool_dir).await.map_err(|error| {
        tracing::error!(%error, "could not make a temporary file for an upload");
        Refusal::Empty
    })?;
    let mut spool = tokio::fs::File::from_std(spool);
    let mut written: u64 = 0;
    while let Some(chunk) = next_chunk(&mut field).await? {
        written += chunk.len() as u64;
        if written > max_bytes {
            return Err(Refusal::TooLarge);
        }
        spool.write_all(&chunk).await.map_err(|_| Refusal::Empty)?;
    }
    if written == 0 {
        return Err(Refusal::Empty);
    }
    spool.flush().await.map_err(|_| Refusal::Empty)?;
    let mut file = spool.into_std().await;
    std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(0)).map_err(|_| Refusal::Empty)?;
    Ok((file_name, file))
}

/// `POST /portfolio/import`: adds an exported portfolio to the signed-in student's, all or
/// nothing; the page says what was added, or why nothing was.
#[tracing::instrument(name = "portfolio.import", skip_all)]
pub async fn import(
    State(state): State<AppState>,
    me: SignedIn,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    use domain::guidance::plan::archive::store::GuidanceArchiveError;
    use domain::portfolio::archive::{ArchiveError, ReadError};
    let Some(account) = owner(me, Action::EditPortfolio) else {
        return not_found();
    };
    let back =
        |query: String| Redirect::to(&format!("/portfolio/exporter?{query}")).into_response();
    let Some(_turn) = state.slots.take(format!("import:{}", account.id.get()), 1) else {
        tracing::info!("portfolio import refused: another one is under way");
        return back("import_erreur=en-cours".to_owned());
    };
    let spooled = match multipart {
        Ok(multipart) => {
            spool_field(
                multipart,
                ARCHIVE_FIELD,
                state.settings.portfolio.max_import_bytes.get(),
                &state.settings.portfolio.spool_dir(),
            )
            .await
        }
        Err(_) => Err(Refusal::Empty),
    };
    let archive = match spooled {
        Ok((_, file)) => file,
        Err(refusal) => return back(format!("import_erreur={}", refusal.code())),
    };
    let limits = state.portal.evidence_limits;
    let used = match domain::portfolio::evidence_store::storage_use(state.db(), limits, account.id)
        .await
    {
        Ok((used, _)) => used,
        Err(error) => {
            tracing::error!(%error, "could not read the storage used");
            return PortalError::Unavailable.into_response();
        }
    };
    let budget = domain::portfolio::archive::ImportBudget {
        evidence: limits,
        max_total_bytes: limits
            .max_bytes_per_account
            .saturating_sub(used)
            .min(state.settings.portfolio.max_import_bytes.get()),
    };
    let frameworks = domain::portfolio::frameworks::Frameworks::shipped();
    let result = domain::portfolio::archive::import(
        state.db(),
        &state.portal.evidence,
        budget,
        account.id,
        frameworks,
        archive,
    )
    .await;
    match result {
        Ok(summary) => {
            tracing::info!(
                entries = summary.entries,
                files = summary.files,
                pages = summary.pages,
                "portfolio imported"
            );
            back(format!(
                "import=ok&entrees={}&preuves={}&pages={}&orientation={}&ecartes={}",
                summary.entries,
                summary.files,
                summary.pages,
                summary.guidance.added,
                summary.guidance.left_out
            ))
        }
        Err(error) => {
            let (code, index) = match &error {
                ArchiveError::Read(read) => (
                    match read {
                        ReadError::NotAZip => "zip",
                        ReadError::NotAPortfolio => "format",
                        ReadError::UnsupportedVersion(_) => "version",
                        ReadError::BadFile(_) => "fichier",
                        ReadError::TooManyFiles(_) => "trop-nombreux",
                        ReadError::TooManyMembers(_) => "membres",
                        ReadError::OverQuota { .. } => "quota",
                    },
                    0,
                ),
                ArchiveError::InvalidEntry { index, .. } => ("entree", *index),
                ArchiveError::InvalidPage(index) => ("page", *index),
                ArchiveError::Guidance(GuidanceArchiveError::NotADocument) => ("orientation", 0),
                ArchiveError::Guidance(GuidanceArchiveError::TooMany) => ("orientation-limite", 0),
                ArchiveError::Storage(_)
                | ArchiveError::Database(_)
                | ArchiveError::Portfolio(_)
                | ArchiveError::Guidance(GuidanceArchiveError::Plan(_)) => {
                    tracing::error!(%error, "could not import a portfolio");
                    return PortalError::Unavailable.into_response();
                }
            };
            tracing::info!(code, index, "portfolio import refused");
            back(format!("import_erreur={code}&n={index}"))
        }
    }
}
