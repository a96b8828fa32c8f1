//! The guidance pages' words: `locales/*/guidance.ftl`, made into `GuidanceTexts` by
//! app/build.rs, and what they say of `domain::guidance`'s values. `domain` names a problem
//! with its parameters; only this file words it.

pub use crate::i18n::catalogue::GuidanceTexts;
use crate::i18n::{human_size, Lang};
use domain::guidance::onisep::{Dataset, Place, Problem, ProblemKind};

pub fn guidance_texts(lang: Lang) -> &'static GuidanceTexts {
    GuidanceTexts::of(lang)
}

impl GuidanceTexts {
    pub fn dataset(&self, dataset: Dataset) -> &'static str {
        match dataset {
            Dataset::Metiers => self.dataset_metiers(),
            Dataset::Formations => self.dataset_formations(),
            Dataset::Offers => self.dataset_offers(),
        }
    }

    /// A problem of an ONISEP file, where it is.
    pub fn onisep_problem(&self, problem: &Problem) -> String {
        let what = self.problem_kind(&problem.kind);
        match (problem.place, problem.column.as_deref()) {
            (Place::File, None) => self.at_file(what),
            (Place::File, Some(column)) => self.at_file_column(column, what),
            (Place::Line(line), None) => self.at_line(line, what),
            (Place::Line(line), Some(column)) => self.at_line_column(column, line, what),
            (Place::Record(record), None) => self.at_record(what, record),
            (Place::Record(record), Some(column)) => self.at_record_column(column, what, record),
        }
    }

    fn problem_kind(&self, kind: &ProblemKind) -> String {
        let said = match kind {
            ProblemKind::TooLarge { max_bytes } => {
                let max = i64::try_from(*max_bytes).unwrap_or(i64::MAX);
                return self.problem_too_large(human_size(max, self.lang));
            }
            ProblemKind::Empty => self.problem_empty(),
            ProblemKind::NotUtf8 => self.problem_not_utf8(),
            ProblemKind::JsonSyntax { line, column } => {
                return self.problem_json_syntax(column, line)
            }
            ProblemKind::NotAnArrayOfObjects => self.problem_not_an_array(),
            ProblemKind::UnknownDataset => self.problem_unknown_dataset(),
            ProblemKind::MissingColumn => self.problem_missing_column(),
            ProblemKind::WrongFieldCount { expected, found } => {
                return self.problem_wrong_field_count(expected, found)
            }
            ProblemKind::NotText => self.problem_not_text(),
            ProblemKind::MissingValue => self.problem_missing_value(),
            ProblemKind::TooLong { max } => return self.problem_too_long(max),
            ProblemKind::NotAnOnisepLink => self.problem_not_an_onisep_link(),
            ProblemKind::NotARomeCode => self.problem_not_a_rome_code(),
            ProblemKind::RomeListsDiffer {
                codes,
                labels,
                links,
            } => return self.problem_rome_lists_differ(codes, labels, links),
            ProblemKind::NotADomainPair => self.problem_not_a_domain_pair(),
            ProblemKind::NotADate => self.problem_not_a_date(),
            ProblemKind::NotAYear => self.problem_not_a_year(),
            ProblemKind::NotANumber => self.problem_not_a_number(),
            ProblemKind::NotAUai => self.problem_not_a_uai(),
            ProblemKind::NotAWebAddress => self.problem_not_a_web_address(),
            ProblemKind::DuplicateId { first } => {
                let first = match first {
                    Place::Line(line) => self.first_at_line(line),
                    Place::Record(record) => self.first_at_record(record),
                    Place::File => String::new(),
                };
                return self.problem_duplicate_id(first);
            }
        };
        said.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_says_where_in_both_languages() {
        let problem = Problem {
            place: Place::Line(4),
            column: Some("code ROME".to_owned()),
            kind: ProblemKind::RomeListsDiffer {
                codes: 1,
                labels: 0,
                links: 0,
            },
        };
        assert_eq!(
            guidance_texts(Lang::En).onisep_problem(&problem),
            "Line 4, column « code ROME »: 1 ROME codes, 0 labels and 0 links: there must be as many of each."
        );
        let french = guidance_texts(Lang::Fr).onisep_problem(&problem);
        assert!(
            french
                .starts_with("Ligne 4, colonne «\u{202f}code ROME\u{202f}»\u{202f}: 1 codes ROME"),
            "{french}"
        );
        let duplicate = Problem {
            place: Place::Record(9),
            column: Some("url_et_id_onisep".to_owned()),
            kind: ProblemKind::DuplicateId {
                first: Place::Record(2),
            },
        };
        assert_eq!(
            guidance_texts(Lang::En).onisep_problem(&duplicate),
            "Record 9, key « url_et_id_onisep »: same id as record 2."
        );
    }
}
