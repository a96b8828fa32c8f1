//! Sillage's server: configuration, the axum router around the Leptos app, sign-in, sessions.
//!
//! `Application::build` binds (port 0 gives a free port) and prepares everything; `run` serves
//! until a shutdown signal. The integration tests drive this very code.

// The vault page's views nest deeper than the default limit of 128 when rendered on the
// server (the browser build, `frontend`, has the same setting).
#![recursion_limit = "256"]

pub mod admin;
pub mod config;
pub mod http;
pub mod identity;
pub mod journal;
pub mod pix;
pub mod portfolio;
pub mod state;
pub mod telemetry;

use crate::config::{Settings, SettingsError};
use crate::http::rate_limit::{AddressLimit, RateLimiter};
use crate::http::security::{self, SecurityPolicy};
use crate::identity::oidc::OidcProvider;
use crate::identity::session_store::DbSessionStore;
use crate::state::AppState;
use app::ssr::{Portal, PortalContext};
use app::viewer::{ProviderOption, SignInOptions};
use app::{shell, App};
use axum::routing::{get, post};
use axum::Router;
use domain::db::Db;
use domain::portfolio::evidence_store::{EvidenceLimits, LocalDirectory};
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use secrecy::ExposeSecret;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use url::Url;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error(transparent)]
    Database(#[from] domain::db::DbError),
    #[error("could not seed the demo accounts: {0}")]
    Demo(#[from] domain::identity::store::AccountStoreError),
    #[error("could not re-chain the journal under its key: {0}")]
    Journal(#[from] domain::audit::AuditError),
    #[error("could not listen on {address}: {source}")]
    Bind {
        address: SocketAddr,
        source: std::io::Error,
    },
    #[error("identity provider {id}: {source}")]
    Provider {
        id: String,
        source: identity::oidc::OidcError,
    },
    #[error("invalid public URL: {0}")]
    PublicUrl(#[from] url::ParseError),
    #[error(transparent)]
    Frameworks(#[from] domain::portfolio::frameworks::FrameworksError),
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    address: SocketAddr,
    public_url: Url,
    db: Db,
    shutdown_grace: Duration,
}

impl Application {
    #[tracing::instrument(name = "startup", skip_all)]
    pub async fn build(settings: Settings) -> Result<Application, StartupError> {
        let demo_mode = settings.demo_enabled()?;
        let audit_key = settings.audit_key()?;
        domain::audit::use_key(audit_key.clone());
        // The competence frameworks ship with the code: a broken file stops the start here,
        // not the first page that shows a competence.
        let frameworks = domain::portfolio::frameworks::Frameworks::shipped()?;
        tracing::info!(version = frameworks.version, "competence frameworks loaded");
        let shutdown_grace_seconds = settings.site.shutdown_grace_seconds;
        let db = Db::connect(
            settings.database.url.expose_secret(),
            settings.database.max_connections,
        )
        .await?;
        db.migrate().await?;
        let rechained = domain::audit::key_legacy_rows(&db, &audit_key).await?;
        if rechained > 0 {
            tracing::warn!(
                rows = rechained,
                "the journal written before its key is now chained under it"
            );
        }
        if demo_mode {
            identity::demo::seed(&db).await?;
            tracing::warn!(
                providers = settings.providers.len(),
                "DEMO MODE: fictitious accounts anyone can sign in as are offered on this \
                 instance; never run it with real pupils (demo.mode = off)"
            );
        } else if settings.demo.mode == config::DemoMode::Auto {
            tracing::info!(
                "demo mode off (auto: identity providers are configured, or PostgreSQL)"
            );
        }

        let listener = TcpListener::bind(settings.site.address)
            .await
            .map_err(|source| StartupError::Bind {
                address: settings.site.address,
                source,
            })?;
        let address = listener.local_addr().map_err(|source| StartupError::Bind {
            address: settings.site.address,
            source,
        })?;
        let public_url = match settings.site.public_url.trim() {
            "" => Url::parse(&format!("http://{address}"))?,
            url => Url::parse(url)?,
        };

        let mut providers = BTreeMap::new();
        for (id, provider_settings) in &settings.providers {
            let provider =
                OidcProvider::new(id, provider_settings, &public_url).map_err(|source| {
                    StartupError::Provider {
                        id: id.clone(),
                        source,
                    }
                })?;
            providers.insert(id.clone(), provider);
        }

        let webauthn = relying_party(&public_url).map(Arc::new);
        let sign_in = SignInOptions {
            passkeys: webauthn.is_some(),
            providers: providers
                .values()
                .map(|p| ProviderOption {
                    id: p.id.clone(),
                    label: p.label.clone(),
                })
                .collect(),
            demo_accounts: if demo_mode {
                identity::demo::options()
            } else {
                Vec::new()
            },
        };
        let evidence: Arc<dyn domain::portfolio::evidence_store::EvidenceStorage> =
            Arc::new(LocalDirectory::new(&settings.portfolio.evidence_dir));
        // Files of uploads, imports and deletions cut short by a crash.
        match domain::portfolio::evidence_store::reconcile_pending(
            &db,
            &evidence,
            settings.portfolio.pending_grace_seconds,
        )
        .await
        {
            Ok(0) => {}
            Ok(n) => tracing::warn!(files = n, "files of unfinished uploads deleted"),
            Err(error) => tracing::warn!(%error, "could not settle unfinished uploads"),
        }
        let assets = http::assets::AssetNames::of_this_build(
            &settings.site.site_root,
            &settings.site.site_pkg_dir,
            &settings.site.output_name,
        );
        let portal = PortalContext::new(Portal {
            db: db.clone(),
            stylesheet: assets.stylesheet.clone(),
            split_chunks: assets.split_chunks.clone(),
            demo_mode,
            sign_in,
            session_absolute_secs: settings.session.absolute_timeout_hours * 3600,
            session_idle_secs: settings.session.idle_timeout_minutes * 60,
            provider_origins: providers
                .values()
                .filter_map(|p| Url::parse(&p.issuer).ok())
                .map(|issuer| issuer.origin().ascii_serialization())
                .collect(),
            evidence,
            public_url: public_url.as_str().trim_end_matches('/').to_owned(),
            evidence_limits: EvidenceLimits {
                max_bytes: settings.portfolio.max_evidence_bytes,
                max_per_entry: settings.portfolio.max_evidence_per_entry,
                max_bytes_per_account: settings.portfolio.max_bytes_per_account,
            },
            pix_max_import_bytes: settings.pix.max_import_bytes,
            cookie_secure: settings.session.cookie_secure,
        });
        let leptos_options = LeptosOptions::builder()
            .output_name(settings.site.output_name.as_str())
            .site_root(settings.site.site_root.as_str())
            .site_pkg_dir(settings.site.site_pkg_dir.as_str())
            .hash_files(assets.hashed)
            .site_addr(address)
            .env(if cfg!(debug_assertions) {
                Env::DEV
            } else {
                Env::PROD
            })
            .build();
        let sessions = DbSessionStore::new(db.clone(), settings.session.idle_timeout_minutes * 60);
        let limiter = RateLimiter::new(
            settings.limits.sign_in_per_address_per_minute,
            settings.limits.sign_in_per_account_per_minute,
        );
        let state = AppState::new(state::Services {
            webauthn,
            limiter,
            leptos_options,
            db: db.clone(),
            settings: Arc::new(settings),
            portal,
            providers: Arc::new(providers),
            sessions,
            public_url: public_url.clone(),
            imports: state::ImportsUnderWay::default(),
        });
        let router = router(state);
        tracing::info!(%address, %public_url, demo_mode, backend = ?db.backend(), "ready");
        Ok(Application {
            shutdown_grace: Duration::from_secs(shutdown_grace_seconds),
            listener,
            router,
            address,
            public_url,
            db,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn public_url(&self) -> &Url {
        &self.public_url
    }

    /// Serves until `shutdown` resolves, finishing the requests under way.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        // Nagle's algorithm holds back the small chunks of streamed SSR: 8x slower without this.
        let listener = axum::serve::ListenerExt::tap_io(self.listener, |tcp| {
            if let Err(error) = tcp.set_nodelay(true) {
                tracing::warn!(%error, "could not set TCP_NODELAY");
            }
        });
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        // Requests under way get `grace` to finish after the signal; a client that keeps a
        // connection open longer does not keep the process alive (an orchestrator would kill it
        // anyway, without closing the database cleanly).
        let grace = self.shutdown_grace;
        let (signalled, mut on_signal) = tokio::sync::watch::channel(false);
        let serve = axum::serve(listener, service).with_graceful_shutdown(async move {
            shutdown.await;
            let _ = signalled.send(true);
        });
        let deadline = async move {
            let _ = on_signal.wait_for(|s| *s).await;
            tokio::time::sleep(grace).await;
        };
        let result = tokio::select! {
            result = serve => result,
            () = deadline => {
                tracing::warn!(?grace, "grace period over: closing the connections still open");
                Ok(())
            }
        };
        if tokio::time::timeout(grace, self.db.close()).await.is_err() {
            tracing::warn!("database pool did not close within the grace period");
        }
        result
    }
}

/// The WebAuthn relying party: this site's host name and origin. `None` (passkeys off, said in
/// the log) when users reach the site by an IP address, which WebAuthn does not accept.
fn relying_party(public_url: &Url) -> Option<webauthn_rs::Webauthn> {
    let host = public_url.host()?;
    let url::Host::Domain(domain) = host else {
        tracing::warn!(%public_url, "passkeys off: the public URL is an IP address; use a host name");
        return None;
    };
    match webauthn_rs::WebauthnBuilder::new(domain, public_url)
        .and_then(|builder| builder.rp_name("Sillage").build())
    {
        Ok(webauthn) => Some(webauthn),
        Err(error) => {
            tracing::warn!(%error, "passkeys off: invalid relying party");
            None
        }
    }
}

/// `__Host-` binds the cookie to this exact origin, over HTTPS (or loopback), path `/`.
pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-sillage"
    } else {
        "sillage"
    }
}

/// The app's routes, listed once per process, before any server of it serves a page.
///
/// Listing runs the whole app with resources suppressed, and Leptos suppresses them through a
/// process-global flag (`leptos_server::SuppressResourceLoad`): a resource first polled by any
/// render of the process while the flag is up waits forever (leptos-rs/leptos#4773). That was
/// the integration tests' hang: a test server starting up (listing its routes) while another
/// one rendered `/portfolio` left that page waiting with no data asked for. Listed once, the
/// flag is never raised again once the first server serves.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

fn router(state: AppState) -> Router {
    let policy = SecurityPolicy::new(&state.public_url);
    let settings = state.settings.clone();
    let cookie_secure = settings.session.cookie_secure;
    let session_layer = SessionManagerLayer::new(state.sessions.clone())
        .with_name(session_cookie_name(cookie_secure))
        .with_secure(cookie_secure)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        // The cookie ends with the browser unless the person asked to stay signed in
        // (`identity::session_store::keep_alive`); the server ends it after the idle timeout.
        .with_expiry(Expiry::OnSessionEnd);
    let idle = time::Duration::minutes(settings.session.idle_timeout_minutes);

    let sessions = state.sessions.clone();
    let db = state.db.clone();
    let evidence = state.portal.evidence.clone();
    let pending_grace = settings.portfolio.pending_grace_seconds;
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(600));
        loop {
            every.tick().await;
            match sessions.delete_expired().await {
                Ok(n) if n > 0 => tracing::debug!(deleted = n, "expired sessions removed"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "could not remove expired sessions"),
            }
            // Views counted in hours that are over: one journal line each.
            match domain::audit::flush_coalesced(&db, None).await {
                Ok(n) if n > 0 => tracing::debug!(lines = n, "coalesced views journaled"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "could not journal the coalesced views"),
            }
            // Files of uploads cut short by a crash on any server.
            match domain::portfolio::evidence_store::reconcile_pending(
                &db,
                &evidence,
                pending_grace,
            )
            .await
            {
                Ok(n) if n > 0 => tracing::warn!(files = n, "files of unfinished uploads deleted"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "could not settle unfinished uploads"),
            }
            // Pix exports uploaded and never confirmed: a day at most.
            match domain::pix::store::delete_expired_drafts(&db).await {
                Ok(n) if n > 0 => tracing::debug!(deleted = n, "expired Pix drafts removed"),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "could not remove expired Pix drafts"),
            }
        }
    });

    let routes = route_list();
    let portal = state.portal.clone();
    let context = move || provide_context(portal.clone());
    let leptos_options = state.leptos_options.clone();

    let address_limit = AddressLimit {
        limiter: state.limiter.clone(),
        trusted_proxies: std::sync::Arc::new(settings.site.trusted_proxies.clone()),
    };
    let auth = Router::new()
        .route(
            "/auth/connexion/{provider}",
            get(identity::handlers::start_sign_in),
        )
        .route(
            "/auth/retour/{provider}",
            get(identity::handlers::finish_sign_in),
        )
        .route("/auth/demo", post(identity::handlers::demo_sign_in))
        .route("/auth/deconnexion", post(identity::handlers::sign_out))
        .route(
            "/auth/sessions/fermer",
            post(identity::handlers::end_one_session),
        )
        .route(
            "/auth/cles/inscription/debut",
            post(identity::passkeys::registration_start),
        )
        .route(
            "/auth/cles/inscription/fin",
            post(identity::passkeys::registration_finish),
        )
        .route(
            "/auth/cles/connexion/debut",
            post(identity::passkeys::authentication_start),
        )
        .route(
            "/auth/cles/connexion/fin",
            post(identity::passkeys::authentication_finish),
        )
        .route("/auth/cles/renommer", post(identity::passkeys::rename))
        .route("/auth/cles/supprimer", post(identity::passkeys::revoke))
        .route_layer(axum::middleware::from_fn_with_state(
            address_limit,
            http::rate_limit::limit_by_address,
        ));

    // Evidence uploads may be as large as configured (plus the multipart envelope); every
    // other request keeps axum's default body limit.
    let upload_limit = usize::try_from(state.settings.portfolio.max_evidence_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(64 * 1024);
    let import_limit = usize::try_from(state.settings.portfolio.max_import_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(64 * 1024);
    let pix_limit = usize::try_from(state.settings.pix.max_import_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(64 * 1024);
    let evidence = Router::new()
        .route(
            "/pix/import",
            post(pix::upload).layer(axum::extract::DefaultBodyLimit::max(pix_limit)),
        )
        .route(
            "/portfolio/entrees/{id}/preuves",
            post(portfolio::upload).layer(axum::extract::DefaultBodyLimit::max(upload_limit)),
        )
        .route("/portfolio/preuves/{id}/supprimer", post(portfolio::remove))
        .route("/portfolio/export.zip", get(portfolio::export))
        .route(
            "/portfolio/import",
            post(portfolio::import).layer(axum::extract::DefaultBodyLimit::max(import_limit)),
        )
        .route("/preuves/{id}", get(portfolio::download))
        .route(
            "/partage/{token}/preuves/{id}",
            get(portfolio::shared_download),
        )
        .route(
            "/partages-recus/{page}/preuves/{id}",
            get(portfolio::granted_download),
        );

    let assets = Router::new()
        .nest_service(
            &format!("/{}", settings.site.site_pkg_dir),
            http::assets::service(&settings.site.site_root, &settings.site.site_pkg_dir),
        )
        .layer(axum::middleware::from_fn(http::assets::cache_control));

    // The pages and the server functions, each read bounded in time (`http::deadline`); file
    // downloads and uploads above are not: they last as long as the file and the link need.
    let deadline =
        http::deadline::RenderDeadline::from_secs(settings.limits.render_deadline_seconds);
    let pages = Router::new()
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .route_layer(axum::middleware::from_fn_with_state(
            deadline,
            http::deadline::bound_renders,
        ));
    // Any other path: a file of the site's root, or the "not found" page, rendered like a page.
    let not_found = leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell);
    let not_found = move |uri: axum::http::Uri,
                          state: axum::extract::State<AppState>,
                          request: axum::extract::Request| {
        let not_found = not_found.clone();
        deadline.bound(request, move |request| not_found(uri, state, request))
    };

    Router::new()
        .route("/healthz", get(http::health::healthz))
        .merge(assets)
        .merge(evidence)
        .route("/langue/{code}", get(http::lang::switch_language))
        .route("/journal.csv", get(journal::download))
        .merge(auth)
        .merge(pages)
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            idle,
            identity::session_store::keep_alive,
        ))
        // Inside the session layer: who asks is known before a byte of the body is read.
        .layer(axum::middleware::from_fn_with_state(
            http::body_limit::BodyBudget::new(settings.limits.body_bytes_in_flight),
            http::body_limit::cap_server_fn_bodies,
        ))
        .layer(session_layer)
        .layer(axum::middleware::from_fn(
            http::server_fn_errors::refusals_are_4xx,
        ))
        .layer(axum::middleware::from_fn_with_state(
            policy.clone(),
            security::refuse_cross_site,
        ))
        .layer(axum::middleware::from_fn_with_state(
            policy,
            security::security_headers,
        ))
        // Pages are compressed per request (files under /pkg were compressed at build time and
        // pass through). tower-http's default is brotli's best, quality 11: a 4 MB window
        // allocated and milliseconds of CPU for a 4 KB page. Gzip at level 4 is within 100 to
        // 450 bytes of brotli 4 on our pages and the cheapest of the three per request
        // (benches/load.sh, row "Accept-Encoding").
        .layer(
            CompressionLayer::new()
                .no_br()
                .quality(CompressionLevel::Precise(4)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &axum::http::Request<_>| {
                let request_id = request
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!(
                    "request",
                    method = %request.method(),
                    path = %telemetry::loggable_path(request.uri().path()),
                    request_id,
                )
            }),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// Resolves on Ctrl-C or SIGTERM (what an orchestrator sends before it kills us).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "could not listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "could not listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing the requests under way");
}
