//! An ONISEP download, as an administrator gives it to `server admin onisep import`: any bytes
//! give a reading (contents, or problems by place and column), never a panic; a clean reading
//! holds what the file's rows hold, a reading with a problem holds nothing to load.
#![no_main]

use domain::guidance::onisep::{self, PROBLEMS_KEPT};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let reading = onisep::read(data);
    assert!(reading.problems.len() <= PROBLEMS_KEPT);
    assert!(reading.remarks.len() <= PROBLEMS_KEPT);
    assert!(reading.problem_count >= reading.problems.len());
    assert!(reading.rows <= data.len());
    match &reading.contents {
        Some(contents) => {
            assert_eq!(reading.problem_count, 0);
            assert!(!contents.is_empty() && contents.len() <= reading.rows);
            assert_eq!(Some(contents.dataset()), reading.dataset);
        }
        None => assert!(reading.problem_count > 0),
    }
});
