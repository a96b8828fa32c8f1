//! A Pix Orga « collecte de profils » export, as a counsellor uploads it: any bytes give a
//! report (rows or problems by line and column), never a panic, within the size limit; the
//! rows read come back unchanged from the draft lines the import keeps them as.
#![no_main]

use domain::pix::{draft, orga_csv};
use domain::portfolio::frameworks::Frameworks;
use libfuzzer_sys::fuzz_target;

fn crcn() -> &'static domain::portfolio::frameworks::Framework {
    Frameworks::crcn()
}

fuzz_target!(|data: &[u8]| {
    let limit = 1 << 20;
    let report = orga_csv::read(crcn(), data, limit);
    // Whatever was read is within what was sent.
    assert!(report.rows.len() <= data.len());
    assert!(report.problems.len() <= orga_csv::PROBLEMS_KEPT);
    assert!(report.problem_count >= report.problems.len());
    let mut lines = Vec::new();
    for row in &report.rows {
        draft::encode(crcn(), row, &mut lines);
    }
    let back: Vec<_> = draft::decode(crcn(), &lines)
        .map(|row| row.expect("a draft line decodes"))
        .collect();
    assert_eq!(back, report.rows);
});
