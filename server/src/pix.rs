//! `POST /pix/import`: a counsellor's Pix Orga export, uploaded as a plain multipart form (it
//! works without JavaScript). The file is kept as a draft and the browser goes to its preview;
//! nothing is imported until the counsellor confirms there.

use crate::state::AppState;
use app::error::{refusal, PortalError};
use app::i18n::catalogue::RefusalsTexts;
use app::ssr::SignedIn;
use axum::extract::{Multipart, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::policy::Action;
use domain::portfolio::evidence::Refusal;

#[tracing::instrument(name = "pix.upload", skip_all)]
pub async fn upload(
    State(state): State<AppState>,
    me: SignedIn,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    if me.may(Action::ManageSchoolPix).is_err() {
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            refusal(RefusalsTexts::counsellors_only).lines(),
        )
            .into_response();
    }
    let max_bytes = state.portal.pix_max_import_bytes;
    let spooled = match multipart {
        Ok(multipart) => {
            crate::portfolio::spool_field(
                multipart,
                app::pages::pix::school::PIX_FILE_FIELD,
                max_bytes,
                &state.settings.portfolio.spool_dir(),
            )
            .await
        }
        Err(_) => Err(Refusal::Empty),
    };
    let (name, file) = match spooled {
        Ok(spooled) => spooled,
        Err(refusal) => {
            tracing::info!(code = refusal.code(), "Pix export refused");
            return Redirect::to(&format!("/pix/classe?erreur={}", refusal.code())).into_response();
        }
    };
    // Read once, here: the preview and the import use the draft lines this keeps.
    let saved = domain::pix::store::save_upload(
        state.db(),
        domain::portfolio::frameworks::Frameworks::crcn(),
        me.id(),
        &name,
        std::io::BufReader::new(file),
        max_bytes,
    )
    .await;
    match saved {
        Ok((draft, summary)) => {
            tracing::info!(
                %draft,
                problems = summary.problem_count,
                "Pix export uploaded"
            );
            Redirect::to(&format!("/pix/import/{draft}")).into_response()
        }
        Err(error) => {
            tracing::error!(%error, "could not keep a Pix export");
            PortalError::Unavailable.into_response()
        }
    }
}
