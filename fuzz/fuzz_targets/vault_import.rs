//! A password export given to the vault's import (Bitwarden JSON or CSV, a browser's CSV): any
//! text gives items or a message for the pupil, never a panic of the vault's module.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(imported) = sillage_vault::interop::import(&text) {
        assert!(imported.items.len() <= text.len());
    }
});
