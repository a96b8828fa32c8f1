//! A small OpenID Connect provider for the integration tests: discovery, JWKS, an authorize
//! endpoint that signs in a chosen person at once, a token endpoint that checks the client
//! secret and PKCE, and userinfo. Knobs let a test make it misbehave (wrong audience, wrong
//! nonce) the way a broken or hostile provider would.

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use openidconnect::core::{
    CoreGenderClaim, CoreJsonWebKeySet, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreRsaPrivateSigningKey,
};
use openidconnect::{
    AccessToken, Audience, AuthorizationCode, EndUserFamilyName, EndUserGivenName, IdToken,
    IdTokenClaims, IssuerUrl, JsonWebKeyId, Nonce, PrivateSigningKey, StandardClaims,
    SubjectIdentifier,
};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use server::identity::oidc::OtherClaims;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::net::TcpListener;

pub const CLIENT_ID: &str = "sillage-test";
pub const CLIENT_SECRET: &str = "test-client-secret";
const KEY_PEM: &str = include_str!("test-idp-rsa-key.pem");

#[derive(Clone, Debug)]
pub struct Person {
    pub sub: String,
    pub given_name: String,
    pub family_name: String,
    pub extra: Map<String, Value>,
}

impl Person {
    pub fn new(sub: &str, given: &str, family: &str, extra: Value) -> Person {
        Person {
            sub: sub.into(),
            given_name: given.into(),
            family_name: family.into(),
            extra: extra.as_object().cloned().unwrap_or_default(),
        }
    }
}

#[derive(Default, Debug)]
pub struct Behaviour {
    pub audience_override: Option<String>,
    pub nonce_override: Option<String>,
}

struct Grant {
    person: Person,
    nonce: Option<String>,
    challenge: String,
    redirect_uri: String,
}

struct Inner {
    issuer: String,
    login_as: Option<Person>,
    behaviour: Behaviour,
    codes: HashMap<String, Grant>,
    tokens: HashMap<String, Person>,
    counter: u64,
}

#[derive(Clone)]
pub struct MockIdp {
    inner: Arc<Mutex<Inner>>,
    pub issuer: String,
}

impl MockIdp {
    pub async fn start() -> MockIdp {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind mock idp");
        let issuer = format!("http://{}", listener.local_addr().expect("addr"));
        let idp = MockIdp {
            inner: Arc::new(Mutex::new(Inner {
                issuer: issuer.clone(),
                login_as: None,
                behaviour: Behaviour::default(),
                codes: HashMap::new(),
                tokens: HashMap::new(),
                counter: 0,
            })),
            issuer,
        };
        let app = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route("/authorize", get(authorize))
            .route("/token", post(token))
            .route("/userinfo", get(userinfo))
            .with_state(idp.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.expect("mock idp") });
        idp
    }

    /// The person the next authorization signs in.
    pub fn login_as(&self, person: Person) {
        self.inner.lock().unwrap().login_as = Some(person);
    }

    pub fn misbehave(&self, behaviour: Behaviour) {
        self.inner.lock().unwrap().behaviour = behaviour;
    }
}

fn signing_key() -> CoreRsaPrivateSigningKey {
    CoreRsaPrivateSigningKey::from_pem(KEY_PEM, Some(JsonWebKeyId::new("test-key".into())))
        .expect("test key")
}

async fn discovery(State(idp): State<MockIdp>) -> Json<Value> {
    let issuer = idp.issuer.clone();
    Json(json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "userinfo_endpoint": format!("{issuer}/userinfo"),
        "jwks_uri": format!("{issuer}/jwks"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic"],
        "scopes_supported": ["openid", "profile", "educonnect"],
    }))
}

async fn jwks() -> Json<CoreJsonWebKeySet> {
    Json(CoreJsonWebKeySet::new(vec![
        signing_key().as_verification_key()
    ]))
}

#[derive(Deserialize)]
struct AuthorizeQuery {
    client_id: String,
    redirect_uri: String,
    state: String,
    nonce: Option<String>,
    code_challenge: String,
    code_challenge_method: String,
}

async fn authorize(State(idp): State<MockIdp>, Query(q): Query<AuthorizeQuery>) -> Response {
    if q.client_id != CLIENT_ID || q.code_challenge_method != "S256" {
        return (StatusCode::BAD_REQUEST, "bad client or PKCE method").into_response();
    }
    let mut inner = idp.inner.lock().unwrap();
    let Some(person) = inner.login_as.clone() else {
        return (StatusCode::BAD_REQUEST, "no person to sign in").into_response();
    };
    inner.counter += 1;
    let code = format!("code-{}", inner.counter);
    inner.codes.insert(
        code.clone(),
        Grant {
            person,
            nonce: q.nonce,
            challenge: q.code_challenge,
            redirect_uri: q.redirect_uri.clone(),
        },
    );
    let mut target = url::Url::parse(&q.redirect_uri).expect("redirect uri");
    target
        .query_pairs_mut()
        .append_pair("code", &code)
        .append_pair("state", &q.state);
    Redirect::to(target.as_str()).into_response()
}

#[derive(Deserialize)]
struct TokenForm {
    grant_type: String,
    code: String,
    redirect_uri: String,
    code_verifier: String,
}

async fn token(
    State(idp): State<MockIdp>,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> Response {
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(expected.as_str()) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "invalid_client"})),
        )
            .into_response();
    }
    let mut inner = idp.inner.lock().unwrap();
    let Some(grant) = inner.codes.remove(&form.code) else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "invalid_grant"})),
        )
            .into_response();
    };
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(Sha256::digest(form.code_verifier.as_bytes()));
    if form.grant_type != "authorization_code"
        || challenge != grant.challenge
        || form.redirect_uri != grant.redirect_uri
    {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "invalid_grant"})),
        )
            .into_response();
    }
    inner.counter += 1;
    let access_token = format!("at-{}", inner.counter);
    inner
        .tokens
        .insert(access_token.clone(), grant.person.clone());

    let audience = inner
        .behaviour
        .audience_override
        .clone()
        .unwrap_or_else(|| CLIENT_ID.to_owned());
    let nonce = inner.behaviour.nonce_override.clone().or(grant.nonce);
    let now = chrono::Utc::now();
    let standard =
        StandardClaims::<CoreGenderClaim>::new(SubjectIdentifier::new(grant.person.sub.clone()))
            .set_given_name(Some(
                EndUserGivenName::new(grant.person.given_name.clone()).into(),
            ))
            .set_family_name(Some(
                EndUserFamilyName::new(grant.person.family_name.clone()).into(),
            ));
    let claims = IdTokenClaims::new(
        IssuerUrl::new(inner.issuer.clone()).expect("issuer"),
        vec![Audience::new(audience)],
        now + chrono::Duration::minutes(5),
        now,
        standard,
        OtherClaims {
            claims: grant.person.extra.clone(),
        },
    )
    .set_nonce(nonce.map(Nonce::new));
    let access = AccessToken::new(access_token.clone());
    let id_token = IdToken::<
        OtherClaims,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >::new(
        claims,
        &signing_key(),
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        Some(&access),
        Some(&AuthorizationCode::new(form.code)),
    )
    .expect("sign id token");
    Json(json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token.to_string(),
    }))
    .into_response()
}

async fn userinfo(State(idp): State<MockIdp>, headers: HeaderMap) -> Response {
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default()
        .to_owned();
    let inner = idp.inner.lock().unwrap();
    let Some(person) = inner.tokens.get(&token) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let mut body = person.extra.clone();
    body.insert("sub".into(), json!(person.sub));
    body.insert("given_name".into(), json!(person.given_name));
    body.insert("family_name".into(), json!(person.family_name));
    Json(Value::Object(body)).into_response()
}
