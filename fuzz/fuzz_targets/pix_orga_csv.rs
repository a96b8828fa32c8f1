//! A Pix Orga « collecte de profils » export, as a counsellor uploads it: any bytes give a
//! report (rows or problems by line and column), never a panic, within the size limit.
#![no_main]

use domain::pix::orga_csv;
use domain::portfolio::frameworks::Frameworks;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn crcn() -> &'static domain::portfolio::frameworks::Framework {
    static FRAMEWORKS: OnceLock<Frameworks> = OnceLock::new();
    FRAMEWORKS
        .get_or_init(|| Frameworks::shipped().expect("shipped frameworks"))
        .framework("crcn")
        .expect("the CRCN")
}

fuzz_target!(|data: &[u8]| {
    let limit = 1 << 20;
    let report = orga_csv::read(crcn(), data, limit);
    // Whatever was read is within what was sent.
    assert!(report.rows.len() <= data.len());
});
