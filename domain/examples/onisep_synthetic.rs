//! Writes a national-size synthetic ONISEP set (JSON download form) for benchmarks:
//!
//!   cargo run -p domain --features server --example onisep_synthetic -- <dir> [métiers] [formations] [offers]
//!
//! then `server admin onisep import <dir>/ideo-metiers.json <dir>/ideo-formations-initiales.json
//! <dir>/ideo-actions-formation-initiale.json`.

// A command-line tool's output is what it printed.
#![allow(clippy::print_stdout)]

use domain::guidance::onisep::synthetic;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| ".".to_owned()));
    let metiers = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(synthetic::NATIONAL_METIERS);
    let formations = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(synthetic::NATIONAL_FORMATIONS);
    let offers = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(synthetic::NATIONAL_OFFERS);
    let (metiers_json, formations_json) = synthetic::national(metiers, formations);
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("ideo-metiers.json"), metiers_json)?;
    std::fs::write(dir.join("ideo-formations-initiales.json"), formations_json)?;
    std::fs::write(
        dir.join("ideo-actions-formation-initiale.json"),
        synthetic::national_offers(offers, formations),
    )?;
    println!(
        "{metiers} métiers, {formations} formations and {offers} offers written in {}",
        dir.display()
    );
    Ok(())
}
