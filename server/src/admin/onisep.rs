//! `server admin onisep import <files…>`: ONISEP's downloads, each file read whole and checked
//! before anything is written (every problem said, in French then in English), then all files
//! loaded in one transaction.

use super::AdminError;
use app::i18n::Lang;
use app::pages::guidance::texts::guidance_texts;
use domain::db::Db;
use domain::guidance::onisep::store::{self, ImportFile, ImportOutcome, OnisepStoreError};
use domain::guidance::onisep::{self, Reading, MAX_FILE_BYTES};
use std::path::PathBuf;

/// Problems printed per file; the rest are counted.
const PROBLEMS_SHOWN: usize = 50;

/// One file of the command line, read.
struct Read {
    name: String,
    reading: Reading,
    file: Option<ImportFile>,
}

pub async fn import(db: &Db, paths: &[PathBuf]) -> Result<String, AdminError> {
    let mut files = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        let size = std::fs::metadata(path)
            .map_err(|e| AdminError::File(name.clone(), e))?
            .len();
        // A file too large is refused before it is read into memory.
        if size > MAX_FILE_BYTES as u64 {
            files.push(Read {
                name,
                reading: Reading::too_large(),
                file: None,
            });
            continue;
        }
        let bytes = std::fs::read(path).map_err(|e| AdminError::File(name.clone(), e))?;
        let reading = onisep::read(&bytes);
        let file = if reading.is_clean() {
            ImportFile::from_reading(&bytes, reading.clone())
        } else {
            None
        };
        files.push(Read {
            name,
            reading,
            file,
        });
    }
    if files.iter().any(|f| f.file.is_none()) {
        return Err(AdminError::Onisep(both(|lang| refused(lang, &files))));
    }
    let clean: Vec<ImportFile> = files.iter().filter_map(|f| f.file.clone()).collect();
    let outcomes = match store::import(db, &clean).await {
        Ok(outcomes) => outcomes,
        Err(OnisepStoreError::SameDatasetTwice(dataset)) => {
            return Err(AdminError::Onisep(both(|lang| {
                let t = guidance_texts(lang);
                t.import_same_dataset_twice(t.dataset(dataset))
            })))
        }
        Err(other) => return Err(other.into()),
    };
    Ok(both(|lang| done(lang, &files, &outcomes)))
}

/// The French report, then the English one.
fn both(words: impl Fn(Lang) -> String) -> String {
    format!(
        "{}\n\n{}",
        words(Lang::Fr).trim_end(),
        words(Lang::En).trim_end()
    )
}

fn refused(lang: Lang, files: &[Read]) -> String {
    let t = guidance_texts(lang);
    let mut said = String::new();
    for file in files.iter().filter(|f| f.file.is_none()) {
        let reading = &file.reading;
        said.push_str(&t.import_refused(reading.problem_count, &file.name));
        said.push('\n');
        for problem in reading.problems.iter().take(PROBLEMS_SHOWN) {
            said.push_str("  ");
            said.push_str(&t.onisep_problem(problem));
            said.push('\n');
        }
        let more = reading.problem_count.saturating_sub(PROBLEMS_SHOWN);
        if more > 0 {
            said.push_str("  ");
            said.push_str(&t.import_more_problems(more));
            said.push('\n');
        }
    }
    said
}

fn done(lang: Lang, files: &[Read], outcomes: &[ImportOutcome]) -> String {
    let t = guidance_texts(lang);
    let mut said = String::new();
    for (file, outcome) in files.iter().zip(outcomes) {
        said.push_str(&t.import_done(
            t.dataset(outcome.dataset),
            &file.name,
            outcome.form.code().to_uppercase(),
            outcome.items,
        ));
        said.push_str("\n  ");
        said.push_str(
            &if outcome.dataset == domain::guidance::onisep::Dataset::Offers {
                t.import_done_offer_counts(
                    outcome.created,
                    outcome.withdrawn,
                    outcome.unchanged,
                    outcome.updated,
                )
            } else {
                t.import_done_counts(
                    outcome.created,
                    outcome.unchanged,
                    outcome.updated,
                    outcome.withdrawn,
                )
            },
        );
        said.push('\n');
        if file.reading.remark_count > 0 {
            said.push_str(&t.import_remarks(file.reading.remark_count, &file.name));
            said.push('\n');
            for remark in file.reading.remarks.iter().take(PROBLEMS_SHOWN) {
                said.push_str("  ");
                said.push_str(&t.onisep_problem(remark));
                said.push('\n');
            }
        }
        if !file.reading.unread_columns.is_empty() {
            said.push_str(
                &t.import_unread_columns(file.reading.unread_columns.join(", "), &file.name),
            );
            said.push('\n');
        }
    }
    said
}
