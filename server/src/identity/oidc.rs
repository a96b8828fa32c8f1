//! OpenID Connect sign-in: authorization code flow with PKCE (S256), nonce and state, against
//! any compliant provider (ÉduConnect for pupils and guardians, an académie directory for staff).
//!
//! The provider's metadata is discovered on first use and cached, so the portal starts even when
//! a provider is down; a sign-in attempted then gets a clear "provider unavailable" page.

use crate::config::ProviderSettings;
use domain::identity::{ProviderKind, RawClaims};
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreErrorResponseType, CoreGenderClaim, CoreJsonWebKey,
    CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreRevocableToken,
    CoreRevocationErrorResponse, CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthenticationFlow, AuthorizationCode, Client, ClientId, ClientSecret,
    CsrfToken, EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenFields,
    IssuerUrl, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    PostLogoutRedirectUrl, ProviderMetadataWithLogout, RedirectUrl, Scope, StandardErrorResponse,
    StandardTokenResponse, TokenResponse,
};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};
use tokio::sync::RwLock;
use url::Url;

/// Every claim beyond the standard ones (ÉduConnect's `FrEduCt…`, a staff role claim), kept
/// as JSON for `domain::identity::parse_claims` to read.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct OtherClaims {
    #[serde(flatten)]
    pub claims: serde_json::Map<String, serde_json::Value>,
}
impl AdditionalClaims for OtherClaims {}

type PortalIdTokenFields = IdTokenFields<
    OtherClaims,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type PortalTokenResponse = StandardTokenResponse<PortalIdTokenFields, CoreTokenType>;
type PortalClient = Client<
    OtherClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    PortalTokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// How long discovered metadata (and the signing keys in it) is trusted before re-discovery.
const METADATA_TTL: Duration = Duration::from_secs(15 * 60);

/// What a sign-in in progress keeps in the (pre-authentication) session.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingSignIn {
    pub provider: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub started_at: i64,
    /// A signed-in person signing in again (a step-up before a sensitive action): the
    /// provider was asked for a fresh login (`prompt=login`, `max_age=0`).
    #[serde(default)]
    pub fresh: bool,
    /// The person asked to stay signed in on this device (the session starts after the
    /// callback, which clears everything else of the anonymous one).
    #[serde(default)]
    pub stay: bool,
}

/// The outcome of a verified callback.
#[derive(Debug)]
pub struct VerifiedIdentity {
    pub claims: RawClaims,
    /// When the person really authenticated at the provider (`auth_time`), if it says.
    pub authenticated_at: Option<i64>,
    /// Kept to end the provider's session on sign-out (RP-initiated logout).
    pub id_token: String,
}

#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    #[error("discovery failed: {0}")]
    Discovery(String),
    #[error("the token request failed: {0}")]
    TokenRequest(String),
    #[error("the provider refused the code: {0}")]
    TokenRefused(String),
    #[error("no ID token in the token response")]
    NoIdToken,
    #[error("the ID token failed verification: {0}")]
    IdToken(String),
    #[error("the userinfo request failed: {0}")]
    UserInfo(String),
    #[error("invalid configuration: {0}")]
    Config(String),
}

pub struct OidcProvider {
    pub id: String,
    pub label: String,
    pub kind: ProviderKind,
    pub issuer: String,
    settings: ProviderSettings,
    redirect_url: RedirectUrl,
    post_logout_url: PostLogoutRedirectUrl,
    http: openidconnect::reqwest::Client,
    metadata: RwLock<Option<(Instant, ProviderMetadataWithLogout)>>,
}

impl std::fmt::Debug for OidcProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcProvider")
            .field("id", &self.id)
            .field("issuer", &self.issuer)
            .finish_non_exhaustive()
    }
}

impl OidcProvider {
    pub fn new(id: &str, settings: &ProviderSettings, public_url: &Url) -> Result<Self, OidcError> {
        let redirect = public_url
            .join(&format!("/auth/retour/{id}"))
            .map_err(|e| OidcError::Config(e.to_string()))?;
        let post_logout = public_url
            .join("/?deconnecte=1")
            .map_err(|e| OidcError::Config(e.to_string()))?;
        // No redirects: a provider's endpoints answer directly, and following redirects from a
        // server-side client is an SSRF foothold.
        let http = openidconnect::reqwest::Client::builder()
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| OidcError::Config(e.to_string()))?;
        Ok(OidcProvider {
            id: id.to_owned(),
            label: settings.label.clone(),
            kind: settings.kind(),
            issuer: settings.issuer.clone(),
            settings: settings.clone(),
            redirect_url: RedirectUrl::from_url(redirect),
            post_logout_url: PostLogoutRedirectUrl::from_url(post_logout),
            http,
            metadata: RwLock::new(None),
        })
    }

    async fn metadata(&self) -> Result<ProviderMetadataWithLogout, OidcError> {
        if let Some((fetched, metadata)) = self.metadata.read().await.as_ref() {
            if fetched.elapsed() < METADATA_TTL {
                return Ok(metadata.clone());
            }
        }
        let issuer =
            IssuerUrl::new(self.issuer.clone()).map_err(|e| OidcError::Config(e.to_string()))?;
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|e| OidcError::Discovery(error_chain(&e)))?;
        *self.metadata.write().await = Some((Instant::now(), metadata.clone()));
        Ok(metadata)
    }

    async fn client(&self) -> Result<(PortalClient, ProviderMetadataWithLogout), OidcError> {
        let metadata = self.metadata().await?;
        let secret = self
            .settings
            .client_secret
            .as_ref()
            .map(|s| ClientSecret::new(s.expose_secret().to_owned()));
        let client = PortalClient::from_provider_metadata(
            metadata.clone(),
            ClientId::new(self.settings.client_id.clone()),
            secret,
        )
        .set_redirect_uri(self.redirect_url.clone());
        Ok((client, metadata))
    }

    /// Starts a sign-in: the provider URL to send the browser to, and what to remember.
    #[tracing::instrument(name = "oidc.start", skip(self), fields(provider = %self.id))]
    pub async fn start(
        &self,
        now: i64,
        fresh: bool,
        stay: bool,
    ) -> Result<(Url, PendingSignIn), OidcError> {
        let (client, _) = self.client().await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                AuthenticationFlow::<openidconnect::core::CoreResponseType>::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge);
        for scope in &self.settings.scopes {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        if fresh {
            // Without this, the provider's own session answers silently and a "sign in again"
            // proves nothing about who is at the keyboard.
            request = request
                .add_prompt(openidconnect::core::CoreAuthPrompt::Login)
                .set_max_age(std::time::Duration::ZERO);
        }
        let (url, state, nonce) = request.url();
        Ok((
            url,
            PendingSignIn {
                provider: self.id.clone(),
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                pkce_verifier: verifier.secret().clone(),
                started_at: now,
                fresh,
                stay,
            },
        ))
    }

    /// Exchanges the code, verifies the ID token (signature, issuer, audience, expiry, nonce)
    /// and merges the userinfo claims when the provider has a userinfo endpoint.
    #[tracing::instrument(name = "oidc.finish", skip_all, fields(provider = %self.id))]
    pub async fn finish(
        &self,
        code: String,
        pending: &PendingSignIn,
    ) -> Result<VerifiedIdentity, OidcError> {
        let (client, _) = self.client().await?;
        let token_response = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| OidcError::Config(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|e| match e {
                openidconnect::RequestTokenError::ServerResponse(response) => {
                    OidcError::TokenRefused(response.error().to_string())
                }
                other => OidcError::TokenRequest(error_chain(&other)),
            })?;
        let id_token = token_response.id_token().ok_or(OidcError::NoIdToken)?;
        let verifier = client.id_token_verifier();
        let claims = id_token
            .claims(&verifier, &Nonce::new(pending.nonce.clone()))
            .map_err(|e| OidcError::IdToken(error_chain(&e)))?;

        let mut raw = RawClaims {
            subject: claims.subject().as_str().to_owned(),
            given_name: claims
                .given_name()
                .and_then(|n| n.get(None))
                .map(|n| n.to_string()),
            family_name: claims
                .family_name()
                .and_then(|n| n.get(None))
                .map(|n| n.to_string()),
            other: claims.additional_claims().claims.clone(),
        };

        if let Ok(request) = client.user_info(
            token_response.access_token().clone(),
            Some(claims.subject().clone()),
        ) {
            let info: openidconnect::UserInfoClaims<OtherClaims, CoreGenderClaim> = request
                .request_async(&self.http)
                .await
                .map_err(|e| OidcError::UserInfo(error_chain(&e)))?;
            if let Some(name) = info.given_name().and_then(|n| n.get(None)) {
                raw.given_name = Some(name.to_string());
            }
            if let Some(name) = info.family_name().and_then(|n| n.get(None)) {
                raw.family_name = Some(name.to_string());
            }
            raw.other.extend(info.additional_claims().claims.clone());
        }
        Ok(VerifiedIdentity {
            claims: raw,
            id_token: id_token.to_string(),
            authenticated_at: claims.auth_time().map(|t| t.timestamp()),
        })
    }

    /// Where to send the browser to end the provider's session too, when it supports
    /// RP-initiated logout. On a shared school computer this is what stops the next pupil from
    /// signing straight back in as the previous one.
    pub async fn logout_url(&self, id_token: &str) -> Option<Url> {
        let metadata = self.metadata().await.ok()?;
        let endpoint = metadata
            .additional_metadata()
            .end_session_endpoint
            .clone()?;
        let mut url = endpoint.url().clone();
        url.query_pairs_mut()
            .append_pair("id_token_hint", id_token)
            .append_pair("client_id", &self.settings.client_id)
            .append_pair("post_logout_redirect_uri", self.post_logout_url.as_str());
        Some(url)
    }
}

/// An error with its causes, for the log (never for the user).
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
