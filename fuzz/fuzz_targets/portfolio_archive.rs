//! A portfolio archive as a pupil uploads it for import: any bytes are refused with a reason or
//! read within the limits (every member the document names, each bounded whatever its header
//! says), and its `orientation.json`, never a panic and never more memory than the limits allow.
#![no_main]

use domain::guidance::plan::archive as guidance;
use domain::portfolio::archive_reader::{
    check_archive, read_evidence, read_optional, ArchiveLimits,
};
use libfuzzer_sys::fuzz_target;
use std::io::Cursor;

const LIMITS: ArchiveLimits = ArchiveLimits {
    max_file_bytes: 64 * 1024,
    max_files_per_entry: 10,
    max_total_bytes: 256 * 1024,
};

fuzz_target!(|data: &[u8]| {
    let Ok((document, mut archive)) = check_archive(Cursor::new(data), LIMITS) else {
        return;
    };
    let mut total = 0;
    for file in document.entries.iter().flat_map(|e| &e.evidence) {
        if let Ok((_, bytes)) = read_evidence(&mut archive, file, LIMITS.max_file_bytes) {
            assert!(bytes.len() as u64 <= LIMITS.max_file_bytes);
            total += bytes.len() as u64;
        }
    }
    assert!(total <= LIMITS.max_total_bytes);
    // The guidance document beside it, read as the import reads it.
    if let Ok(Some(bytes)) = read_optional(
        &mut archive,
        guidance::DOCUMENT,
        guidance::MAX_DOCUMENT_BYTES,
    ) {
        assert!(bytes.len() as u64 <= guidance::MAX_DOCUMENT_BYTES);
        let _ = guidance::parse(&bytes);
    }
});
