use server::config::Settings;
use server::{admin, shutdown_signal, telemetry, Application};
use std::process::ExitCode;

/// A page render allocates and frees thousands of small strings and futures; glibc's malloc
/// spent 40 % of a signed-in page's instructions on them (callgrind, `benches/load.sh`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    telemetry::init();
    let settings = match Settings::load() {
        Ok(settings) => settings,
        Err(error) => {
            tracing::error!(%error, "configuration refused");
            eprintln!("Sillage: {error}");
            return ExitCode::FAILURE;
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("serve") => serve(settings).await,
        Some("admin") => match admin::run(&settings, &args[1..]).await {
            Ok(message) => {
                eprintln!("{message}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("Sillage admin: {error}");
                ExitCode::FAILURE
            }
        },
        Some(other) => {
            eprintln!(
                "Sillage: unknown command {other:?}\nusage: server [serve]\n       server admin …\n\n{}",
                admin::usage()
            );
            ExitCode::from(2)
        }
    }
}

async fn serve(settings: Settings) -> ExitCode {
    let demo = settings.demo_enabled().unwrap_or(false);
    let app = match Application::build(settings).await {
        Ok(app) => app,
        Err(error) => {
            tracing::error!(%error, "could not start");
            eprintln!("Sillage: {error}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!(
        "Sillage écoute sur / listens on {}{}",
        app.public_url(),
        if demo {
            "  (démo : comptes fictifs / demo: fictitious accounts)"
        } else {
            ""
        }
    );
    match app.run_until(shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "server stopped on an error");
            ExitCode::FAILURE
        }
    }
}
