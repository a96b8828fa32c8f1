//! Sillage's server: configuration, the axum router around the Leptos app, sign-in, sessions.
//!
//! `Application::build` binds (port 0 gives a free port) and prepares everything; `run` serves
//! until a shutdown signal. The integration tests drive this very code.

// The vault page's views nest deeper than the default limit of 128 when rendered on the
// server (the browser build, `frontend`, has the same setting).
#![recursion_limit = "256"]

pub mod admin;
pub mod config;
pub mod housekeeping;
pub mod http;
pub mod identity;
pub mod journal;
pub mod pix;
pub mod portfolio;
mod router;
pub mod state;
pub mod telemetry;

use crate::config::{Settings, SettingsError};
use crate::http::rate_limit::RateLimiter;
use crate::identity::oidc::OidcProvider;
use crate::identity::session_store::DbSessionStore;
use crate::state::AppState;
use app::ssr::{Portal, PortalContext};
use axum::Router;
use domain::db::Db;
use domain::identity::{ProviderOption, SignInOptions};
use domain::portfolio::evidence_store::{EvidenceLimits, LocalDirectory};
use leptos::config::{Env, LeptosOptions};
use secrecy::ExposeSecret;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use url::Url;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error(transparent)]
    Database(#[from] domain::db::DbError),
    #[error("could not seed the demo accounts: {0}")]
    Demo(#[from] domain::identity::store::AccountStoreError),
    #[error("could not tell the demo's story: {0}")]
    DemoStory(#[from] identity::demo_story::StoryError),
    #[error("could not build the guidance search: {0}")]
    GuidanceSearch(#[from] domain::guidance::search::SearchError),
    #[error("could not load the shipped ONISEP extract: {0}")]
    Onisep(#[from] domain::guidance::onisep::store::OnisepStoreError),
    #[error("could not read the journal's keying: {0}")]
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
    /// How long a connection may take to send a request's headers (`limits.header_read_seconds`).
    header_read: Duration,
    /// The timer's work; stopped when the application is dropped (after `run_until`).
    housekeeping: tokio_util::task::AbortOnDropHandle<()>,
}

impl Application {
    #[tracing::instrument(name = "startup", skip_all)]
    pub async fn build(settings: Settings) -> Result<Application, StartupError> {
        let demo_mode = settings.demo_enabled()?;
        let audit_key = settings.audit_key()?;
        domain::audit::use_key(audit_key.clone());
        // The competence frameworks ship with the code: a broken file stops the start here,
        // not the first page that shows a competence.
        let frameworks = domain::portfolio::frameworks::Frameworks::check_shipped()?;
        tracing::info!(version = frameworks.version, "competence frameworks loaded");
        let shutdown_grace = settings.site.shutdown_grace;
        let db = Db::connect(
            settings.database.url.expose_secret(),
            settings.database.max_connections.get(),
        )
        .await?;
        db.migrate().await?;
        // Never re-keyed at start (`domain::audit::keying`): a plain row is reported.
        match domain::audit::keying_at_start(&db, &audit_key).await? {
            domain::audit::KeyingAtStart::Keyed { since } => {
                tracing::debug!(since, "the journal is keyed");
            }
            domain::audit::KeyingAtStart::MigrationPending { first_plain } => tracing::warn!(
                first_plain,
                "the journal holds rows written before its key: run `server admin \
                 audit-rechain` once (if this journal has always had its key, it was rewritten)"
            ),
            domain::audit::KeyingAtStart::Tampered { seq } => tracing::error!(
                seq,
                "the journal was tampered with: plain rows after it was keyed, or a record \
                 of keying this key did not sign (server admin verify-audit)"
            ),
        }
        let demo_cast = if demo_mode {
            Some(identity::demo::seed(&db).await?)
        } else {
            None
        };
        if demo_mode && domain::guidance::onisep::store::load_shipped_if_empty(&db).await? {
            tracing::info!(
                "the shipped ONISEP extract is loaded (server admin onisep import loads the \
                 national files)"
            );
        }
        if demo_mode {
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
        let public_url = match &settings.site.public_url {
            None => default_public_url(address)?,
            Some(url) => url.clone(),
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
            config::whole_seconds(settings.portfolio.pending_grace),
        )
        .await
        {
            Ok(0) => {}
            Ok(n) => tracing::warn!(files = n, "files of unfinished uploads deleted"),
            Err(error) => tracing::warn!(%error, "could not settle unfinished uploads"),
        }
        let evidence_limits = EvidenceLimits {
            max_bytes: settings.portfolio.max_evidence_bytes.get(),
            max_per_entry: settings.portfolio.max_evidence_per_entry.get(),
            max_bytes_per_account: settings.portfolio.max_bytes_per_account.get(),
        };
        if let Some(cast) = demo_cast.filter(|_| settings.demo.story) {
            let files = identity::demo_story::StoryFiles {
                storage: &evidence,
                limits: evidence_limits,
            };
            if identity::demo_story::tell_if_untold(&db, &cast, &files).await? {
                tracing::info!("the demo's story is told (server admin demo reset tells it again)");
            }
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
            session_absolute_secs: config::whole_seconds(settings.session.absolute_timeout),
            session_idle_secs: config::whole_seconds(settings.session.idle_timeout),
            provider_origins: providers
                .values()
                .filter_map(|p| Url::parse(&p.issuer).ok())
                .map(|issuer| issuer.origin().ascii_serialization())
                .collect(),
            evidence,
            public_url: public_url.as_str().trim_end_matches('/').to_owned(),
            evidence_limits,
            pix_max_import_bytes: settings.pix.max_import_bytes.get(),
            cookie_secure: settings.session.cookie_secure,
            guidance_index: domain::guidance::search::SharedIndex::build(&db).await?,
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
        let sessions = DbSessionStore::new(
            db.clone(),
            config::whole_seconds(settings.session.idle_timeout),
        );
        let limiter = RateLimiter::new(
            settings.limits.sign_in_per_address_per_minute.get(),
            settings.limits.sign_in_per_account_per_minute.get(),
        );
        let header_read = settings.limits.header_read;
        let state = AppState::new(state::Services {
            webauthn,
            limiter,
            leptos_options,
            settings: Arc::new(settings),
            portal,
            providers: Arc::new(providers),
            sessions,
            public_url: public_url.clone(),
            slots: state::Slots::default(),
        });
        let housekeeping = housekeeping::start(&state, audit_key);
        let router = router::router(state);
        tracing::info!(%address, %public_url, demo_mode, backend = ?db.backend(), "ready");
        Ok(Application {
            shutdown_grace,
            header_read,
            listener,
            router,
            address,
            public_url,
            db,
            housekeeping,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn public_url(&self) -> &Url {
        &self.public_url
    }

    /// Serves until `shutdown` resolves, finishing the requests under way.
    ///
    /// Each connection is served by hyper with a timer, so that a client sending its headers
    /// a byte at a time (or never) is cut after `limits.header_read_seconds`; axum's own
    /// `serve` sets no timer, and hyper's header timeout needs one. The client's address is
    /// given to each request as axum's `ConnectInfo`, as `serve` did.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
        let graceful = hyper_util::server::graceful::GracefulShutdown::new();
        let header_read = self.header_read;
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            let (tcp, remote) = tokio::select! {
                accepted = self.listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        // Out of file descriptors, say: wait a little rather than spin.
                        tracing::warn!(%error, "could not accept a connection");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            // Nagle's algorithm holds back the small chunks of streamed SSR: 8x slower without.
            if let Err(error) = tcp.set_nodelay(true) {
                tracing::warn!(%error, "could not set TCP_NODELAY");
            }
            let router = self.router.clone();
            let service = hyper::service::service_fn(
                move |mut request: hyper::Request<hyper::body::Incoming>| {
                    request
                        .extensions_mut()
                        .insert(axum::extract::ConnectInfo(remote));
                    tower::ServiceExt::oneshot(router.clone(), request)
                },
            );
            let watcher = graceful.watcher();
            tokio::spawn(async move {
                let mut builder =
                    hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
                builder
                    .http1()
                    .timer(TokioTimer::new())
                    .header_read_timeout(header_read);
                let connection = builder.serve_connection_with_upgrades(TokioIo::new(tcp), service);
                if let Err(error) = watcher.watch(connection.into_owned()).await {
                    tracing::debug!(%error, "connection ended with an error");
                }
            });
        }
        drop(self.listener);
        // Requests under way get `grace` to finish after the signal; a client that keeps a
        // connection open longer does not keep the process alive (an orchestrator would kill it
        // anyway, without closing the database cleanly).
        let grace = self.shutdown_grace;
        if tokio::time::timeout(grace, graceful.shutdown())
            .await
            .is_err()
        {
            tracing::warn!(
                ?grace,
                "grace period over: closing the connections still open"
            );
        }
        // The timer's work stops before the pool closes under it.
        drop(self.housekeeping);
        if tokio::time::timeout(grace, self.db.close()).await.is_err() {
            tracing::warn!("database pool did not close within the grace period");
        }
        Ok(())
    }
}

/// The address users type when `site.public_url` is empty: `http://localhost:<port>` when the
/// server listens on a loopback or unspecified address (WebAuthn refuses IP addresses, and
/// browsers treat `localhost` as a secure context, so passkeys work out of the box), else
/// `http://<address>`.
pub fn default_public_url(address: std::net::SocketAddr) -> Result<Url, url::ParseError> {
    let ip = address.ip();
    if ip.is_loopback() || ip.is_unspecified() {
        Url::parse(&format!("http://localhost:{}", address.port()))
    } else {
        Url::parse(&format!("http://{address}"))
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

#[cfg(test)]
mod tests {
    use super::default_public_url;

    #[test]
    fn the_default_public_url_names_localhost_on_loopback() {
        let url = |address: &str| default_public_url(address.parse().unwrap()).unwrap();
        // The demo's default: a host name, so passkeys work without configuration.
        assert_eq!(url("127.0.0.1:3000").as_str(), "http://localhost:3000/");
        assert_eq!(url("[::1]:3000").as_str(), "http://localhost:3000/");
        assert_eq!(url("0.0.0.0:8080").as_str(), "http://localhost:8080/");
        // Another machine's address is what its users type.
        assert_eq!(url("192.0.2.7:3000").as_str(), "http://192.0.2.7:3000/");
    }
}
