//! Server-function arguments as a browser posts them: the form body is decoded with the codec
//! and settings of Leptos's `PostUrl` (serde_qs, depth 5, non-strict), then parsed by the domain
//! the way `portfolio_save` and `showcase_save` do. Any body gives arguments or a refusal,
//! never a panic.
#![no_main]

use domain::portfolio::frameworks::Frameworks;
use domain::portfolio::showcase::{PageDraft, RawPage};
use domain::portfolio::{EntryDraft, EntryId, RawEntry};
use libfuzzer_sys::fuzz_target;
use serde::Deserialize;

#[derive(Deserialize)]
struct SaveEntry {
    #[allow(dead_code)]
    id: Option<i64>,
    entry: RawEntry,
}

#[derive(Deserialize)]
struct SavePage {
    page: RawPage,
}

fn frameworks() -> &'static Frameworks {
    Frameworks::shipped()
}

fuzz_target!(|data: &[u8]| {
    let codec = serde_qs::Config::new(5, false);
    if let Ok(args) = codec.deserialize_bytes::<SaveEntry>(data) {
        let _ = EntryDraft::parse(&args.entry, frameworks(), &[1, 2, 3]);
    }
    if let Ok(args) = codec.deserialize_bytes::<SavePage>(data) {
        let own = [EntryId::from_db(1), EntryId::from_db(2)];
        let _ = PageDraft::parse(&args.page, &own);
    }
});
