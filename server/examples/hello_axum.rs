//! The baseline of `benches/load.sh`: the least an axum server on this machine can do per
//! request (one route, a constant body, TCP_NODELAY as the portal sets it), so that the
//! portal's figures are read as a ratio of it, measured in the same run.
//!
//!   cargo run --release -p server --example hello_axum -- 127.0.0.1:3099

use axum::{routing::get, Router};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:3099".to_owned());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let app = Router::new().route("/", get(|| async { "Bonjour" }));
    axum::serve(listener, app).await
}
