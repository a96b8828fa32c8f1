//! The site's routes: pages and server functions (Leptos), sign-in, files, health; and the
//! layers every request goes through, from the request id outside to the session inside.

use crate::http::rate_limit::AddressLimit;
use crate::http::security::{self, fixed, SecurityPolicy};
use crate::state::AppState;
use crate::{http, identity, journal, pix, portfolio, session_cookie_name, telemetry};
use app::{shell, App};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

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

/// Every route of the site, wrapped in the layers every request goes through.
pub(crate) fn router(state: AppState) -> Router {
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
    let idle = time::Duration::seconds(crate::config::whole_seconds(settings.session.idle_timeout));

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
    let upload_limit = usize::try_from(state.settings.portfolio.max_evidence_bytes.get())
        .unwrap_or(usize::MAX)
        .saturating_add(64 * 1024);
    let import_limit = usize::try_from(state.settings.portfolio.max_import_bytes.get())
        .unwrap_or(usize::MAX)
        .saturating_add(64 * 1024);
    let pix_limit = usize::try_from(state.settings.pix.max_import_bytes.get())
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
    let deadline = http::deadline::RenderDeadline::new(settings.limits.render_deadline);
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

    let site = Router::new()
        .route("/healthz", get(http::health::healthz))
        .merge(assets)
        .merge(evidence)
        .route("/langue/{code}", get(http::lang::switch_language))
        .route("/journal.csv", get(journal::download))
        .merge(auth)
        .merge(pages)
        .fallback(not_found)
        .with_state(state);

    // The layers every request goes through wrap the finished router once, outermost first.
    // `Router::layer` would wrap each route's handler in its own copy of the stack, and axum
    // clones a route's boxed service for every request: the whole stack, allocated anew each
    // time (9 % of a signed-in page's instructions under callgrind).
    let layered = tower::ServiceBuilder::new()
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
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
        .layer(PropagateRequestIdLayer::x_request_id())
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
        .layer(always(header::X_CONTENT_TYPE_OPTIONS, fixed::NOSNIFF))
        .layer(always(header::REFERRER_POLICY, fixed::REFERRER_POLICY))
        .layer(always(header::X_FRAME_OPTIONS, fixed::FRAME_OPTIONS))
        .layer(always(
            HeaderName::from_static("permissions-policy"),
            fixed::PERMISSIONS_POLICY,
        ))
        .layer(always(
            HeaderName::from_static("cross-origin-opener-policy"),
            fixed::OPENER_POLICY,
        ))
        .option_layer(
            policy
                .hsts
                .then(|| always(header::STRICT_TRANSPORT_SECURITY, fixed::HSTS)),
        )
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            security::default_csp(),
        ))
        .layer(axum::middleware::from_fn(security::no_store_by_default))
        .layer(axum::middleware::from_fn_with_state(
            policy,
            security::refuse_cross_site,
        ))
        .layer(axum::middleware::from_fn(
            http::server_fn_errors::refusals_are_4xx,
        ))
        .layer(session_layer)
        // Inside the session layer: who asks is known before a byte of the body is read.
        .layer(axum::middleware::from_fn_with_state(
            http::body_limit::BodyBudget::new(http::body_limit::BudgetSettings {
                total: settings.limits.body_bytes_in_flight.get(),
                per_account: settings.limits.body_bytes_per_account.get(),
                per_address: settings.limits.body_bytes_per_address.get(),
                pace: http::body_limit::Pace {
                    stall: settings.limits.body_stall,
                    min_rate: settings.limits.body_min_bytes_per_second.get(),
                },
                trusted_proxies: std::sync::Arc::new(settings.site.trusted_proxies.clone()),
            }),
            http::body_limit::cap_server_fn_bodies,
        ))
        .layer(axum::middleware::from_fn_with_state(
            idle,
            identity::session_store::keep_alive,
        ))
        .service(site);
    Router::new().fallback_service(layered)
}

/// A header every response carries, whatever the handler set.
fn always(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
}
