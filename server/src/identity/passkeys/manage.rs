//! Renaming and revoking a signed-in person's passkeys (plain forms of the devices page).

use super::*;

#[derive(Debug, Deserialize)]
pub struct ManageForm {
    #[serde(default)]
    id: String,
    #[serde(default)]
    nom: String,
}

/// `POST /auth/cles/renommer` (form): renames one of my passkeys.
#[tracing::instrument(name = "passkey.rename", skip_all)]
pub async fn rename(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<ManageForm>,
) -> Response {
    if let Err(refused) = me.may(Action::ManagePasskeys) {
        return refused.into_response();
    }
    let account = me.account;
    let (Ok(id), Ok(name)) = (form.id.parse::<i64>(), PasskeyName::parse(&form.nom)) else {
        return Redirect::to("/cles-d-acces?erreur=nom").into_response();
    };
    if let Err(e) = passkeys::rename(state.db(), account.id, id, &name).await {
        tracing::error!(error = %e, "could not rename a passkey");
    }
    Redirect::to("/cles-d-acces").into_response()
}

/// `POST /auth/cles/supprimer` (form): revokes one of my passkeys (a lost phone).
#[tracing::instrument(name = "passkey.revoke", skip_all)]
pub async fn revoke(
    State(state): State<AppState>,
    me: SignedIn,
    Form(form): Form<ManageForm>,
) -> Response {
    if let Err(refused) = me.may(Action::ManagePasskeys) {
        return refused.into_response();
    }
    let account = me.account;
    let Ok(id) = form.id.parse::<i64>() else {
        return Redirect::to("/cles-d-acces").into_response();
    };
    let outcome = async {
        let mut tx = state.db().pool().begin().await?;
        if let Some(name) = passkeys::delete(&mut tx, account.id, id).await? {
            audit::append(
                &mut tx,
                &NewAuditEvent {
                    actor: Some(account.id),
                    owner: Some(account.id),
                    action: AuditAction::PasskeyRemoved,
                    detail: AuditDetail::name(name),
                },
            )
            .await
            .map_err(|e| match e {
                audit::AuditError::Database(e) => e,
            })?;
        }
        tx.commit().await
    }
    .await;
    if let Err(e) = outcome {
        tracing::error!(error = %e, "could not revoke a passkey");
    }
    Redirect::to("/cles-d-acces").into_response()
}
