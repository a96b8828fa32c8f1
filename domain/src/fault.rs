//! Fault points. A debug build started with `SILLAGE_FAULT_PAUSE_AT=<name>` stops for good at
//! that point (after saying so on stderr): the crash tests `kill -9` the server in the middle of
//! an action and check that the database and the files hold all of it or none; the render
//! deadline's test stops every page (`page.viewer`) and checks that each is answered 503 in time.
//! Release builds compile every point to nothing.

/// Pauses forever here when this debug process was asked to (see the module's note).
pub async fn point(name: &'static str) {
    #[cfg(debug_assertions)]
    if std::env::var("SILLAGE_FAULT_PAUSE_AT").is_ok_and(|at| at == name) {
        // The crash tests wait for this exact line before they kill the process.
        eprintln!("SILLAGE_FAULT_PAUSED {name}");
        std::future::pending::<()>().await;
    }
    #[cfg(not(debug_assertions))]
    let _ = name;
}
