//! Turns the translation catalogue (`locales/<lang>/<area>.ftl`, Fluent syntax) into Rust.
//!
//! Each area file becomes one struct (`pix.ftl` → `PixTexts::of(lang)`) with one method per
//! message: `t.title()` gives a `&'static str`; a message with variables takes them, in
//! alphabetical order of their names, and gives a `String` (`t.file_problems(count)`). The build
//! fails when the two languages do not have the same areas, the same messages, or the same
//! variables in a message, or when a message uses what the generator does not know (functions,
//! attributes, an unknown plural category): a missing translation does not compile. French
//! typography (a narrow no-break space before `:` `;` `?` `!` and inside « ») is applied to the
//! French text, so translators type ordinary spaces. The rules are in `build/catalogue.rs`
//! (tested with the app's unit tests); see docs/translations.md.

use std::path::{Path, PathBuf};

#[path = "build/catalogue.rs"]
mod catalogue;

fn main() {
    // Read when the script runs, not baked in when it is compiled: a target directory shared
    // by two checkouts would otherwise read the other checkout's catalogue.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let locales = Path::new(&manifest).join("../locales");
    println!("cargo:rerun-if-changed={}", locales.display());
    let code = match catalogue::generate(&locales) {
        Ok(code) => code,
        Err(problems) => {
            for problem in &problems {
                println!("cargo:warning={problem}");
            }
            panic!(
                "the translation catalogue (locales/) has {} problem(s):\n{}",
                problems.len(),
                problems.join("\n")
            );
        }
    };
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("catalogue.rs"), code).expect("OUT_DIR is writable");
}
