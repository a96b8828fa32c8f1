//! What the Pix pages say of `domain::pix`'s values: its problems, a preview's lines, the next
//! step in a competence, a certification's level, a result's source. `domain` names them (with
//! their parameters); only this file words them.

use super::PixTexts;
use crate::i18n::human_size;
#[cfg(test)]
use crate::i18n::Lang;
use domain::pix::certification::CertificationProblem;
use domain::pix::matching::{LineOutcome, MatchedBy, Skipped, Unresolved};
use domain::pix::orga_csv::{CsvProblem, ProblemKind, SyntaxProblem};
use domain::pix::results::NextStep;
use domain::pix::{CertificationLevel, ResultSource};

impl PixTexts {
    /// A problem of a Pix Orga export, where it is.
    pub fn csv_problem(&self, problem: &CsvProblem) -> String {
        let what = self.csv_problem_kind(&problem.kind);
        match &problem.column {
            Some(column) => self.csv_at_column(column, problem.line, what),
            None => self.csv_at_line(problem.line, what),
        }
    }

    fn csv_problem_kind(&self, kind: &ProblemKind) -> String {
        let said = match kind {
            ProblemKind::Syntax(SyntaxProblem::NotUtf8) => self.csv_not_utf8(),
            ProblemKind::Syntax(SyntaxProblem::Truncated) => self.csv_truncated(),
            ProblemKind::Syntax(SyntaxProblem::StrayQuote) => self.csv_stray_quote(),
            ProblemKind::Syntax(SyntaxProblem::TooLarge { limit_bytes }) => {
                let max = i64::try_from(*limit_bytes).unwrap_or(i64::MAX);
                return self.csv_too_large(human_size(max, self.lang));
            }
            ProblemKind::Syntax(SyntaxProblem::Io(_)) => self.csv_interrupted(),
            ProblemKind::Empty => self.csv_empty(),
            ProblemKind::WrongSeparator => self.csv_wrong_separator(),
            ProblemKind::MissingColumn => self.csv_missing_column(),
            ProblemKind::UnknownCompetence => self.csv_unknown_competence(),
            ProblemKind::IncompleteCompetence => self.csv_incomplete_competence(),
            ProblemKind::WrongFieldCount { expected, found } => {
                return self.csv_wrong_field_count(expected, found)
            }
            ProblemKind::NotAYesNo => self.csv_not_yes_no(),
            ProblemKind::NotADate => self.csv_not_a_date(),
            ProblemKind::NotANumber => self.csv_not_a_number(),
            ProblemKind::LevelOutOfRange => self.csv_level_out_of_range(),
            ProblemKind::PixOutOfRange => self.csv_pix_out_of_range(),
            ProblemKind::LevelDoesNotMatchPix => self.csv_level_not_pix(),
            ProblemKind::TotalDoesNotMatch { sum } => return self.csv_total_mismatch(sum),
            ProblemKind::MissingValue => self.csv_missing_value(),
            ProblemKind::DuplicateParticipant { first_line } => {
                return self.csv_duplicate_participant(first_line)
            }
            ProblemKind::OtherCampaign => self.csv_other_campaign(),
        };
        said.to_owned()
    }

    /// What the import preview says of a line.
    pub fn line_outcome(&self, outcome: &LineOutcome) -> String {
        let by = |by: &MatchedBy| match by {
            MatchedBy::SillageId => self.found_by_sillage_id(),
            MatchedBy::Name => self.found_by_name(),
            MatchedBy::NameAndClass => self.found_by_name_and_class(),
        };
        match outcome {
            LineOutcome::Create { by: b, .. } => self.line_created(by(b)),
            LineOutcome::Update { by: b, .. } => self.line_updated(by(b)),
            LineOutcome::Skip {
                why: Skipped::NotShared,
                ..
            } => self.line_not_shared().to_owned(),
            LineOutcome::Skip {
                why: Skipped::Unchanged,
                ..
            } => self.line_unchanged().to_owned(),
            LineOutcome::Unresolved(Unresolved::NoPupil) => self.line_no_pupil().to_owned(),
            LineOutcome::Unresolved(Unresolved::Homonyms(n)) => self.line_homonyms(n),
            LineOutcome::Unresolved(Unresolved::IdNameMismatch) => {
                self.line_id_name_mismatch().to_owned()
            }
            LineOutcome::Unresolved(Unresolved::SamePupilTwice { first_line }) => {
                self.line_same_pupil_twice(first_line)
            }
        }
    }

    /// A problem of the certification form.
    pub fn certification_problem(&self, problem: &CertificationProblem) -> String {
        let said = match problem {
            CertificationProblem::DateMissing => self.cert_date_missing(),
            CertificationProblem::DateInvalid => self.cert_date_invalid(),
            CertificationProblem::DateInFuture => self.cert_date_in_future(),
            CertificationProblem::CodeMissing => self.cert_code_missing(),
            CertificationProblem::CodeInvalid => self.cert_code_invalid(),
            CertificationProblem::ScoreMissing => self.cert_score_missing(),
            CertificationProblem::ScoreInvalid => self.cert_score_invalid(),
            CertificationProblem::LevelInvalid(code) => return self.cert_level_invalid(code),
            CertificationProblem::UnknownCompetence => self.cert_unknown_competence(),
        };
        said.to_owned()
    }

    /// What to do next in `competence` (its name).
    pub fn next_step(&self, step: NextStep, competence: &str) -> String {
        match step {
            NextStep::Start => self.next_step_start(competence),
            NextStep::Reach {
                target,
                pix_missing: Some(pix),
            } => self.next_step_reach_pix(competence, pix, target),
            NextStep::Reach {
                target,
                pix_missing: None,
            } => self.next_step_reach(competence, target),
            NextStep::AtTheTop => self.next_step_at_the_top(competence),
        }
    }

    /// A certification's level, as Pix names it.
    pub fn certification_level(&self, level: CertificationLevel) -> &'static str {
        use CertificationLevel::*;
        match level {
            PreBeginner => self.certification_pre_beginner(),
            Beginner1 => self.certification_beginner_1(),
            Beginner2 => self.certification_beginner_2(),
            Independent3 => self.certification_independent_3(),
            Independent4 => self.certification_independent_4(),
            Advanced5 => self.certification_advanced_5(),
            Advanced6 => self.certification_advanced_6(),
            Expert7 => self.certification_expert_7(),
            Expert8 => self.certification_expert_8(),
        }
    }

    /// Where a result comes from.
    pub fn result_source(&self, source: &ResultSource) -> String {
        match source {
            ResultSource::OrgaCampaign { name, .. } => self.source_campaign(name),
            ResultSource::Certification => self.source_certification().to_owned(),
            ResultSource::Manual => self.source_manual().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::pix::texts::pix_texts;

    #[test]
    fn a_csv_problem_says_where_in_each_language() {
        let problem = CsvProblem {
            line: 3,
            column: Some("Classe".into()),
            kind: ProblemKind::MissingValue,
        };
        assert_eq!(
            pix_texts(Lang::Fr).csv_problem(&problem),
            "Ligne 3, colonne «\u{202f}Classe\u{202f}»\u{202f}: valeur manquante."
        );
        assert_eq!(
            pix_texts(Lang::En).csv_problem(&problem),
            "Line 3, column « Classe »: missing value."
        );
    }

    #[test]
    fn every_level_and_step_reads_in_both_languages() {
        let (fr, en) = (pix_texts(Lang::Fr), pix_texts(Lang::En));
        for score in [0, 64, 128, 256, 384, 512, 640, 768, 896] {
            let level = CertificationLevel::from_score(score).unwrap();
            assert!(!fr.certification_level(level).is_empty());
            assert!(!en.certification_level(level).is_empty());
        }
        let step = domain::pix::results::next_step(2, Some(20), 7);
        assert_eq!(
            fr.next_step(step, "Gérer des données"),
            "Prochain palier\u{202f}: niveau 3, encore 4 pix. Reprenez «\u{202f}Gérer des données\u{202f}» sur pix.fr\u{202f}: Pix propose des questions plus difficiles à chaque essai réussi."
        );
        assert!(en
            .next_step(step, "Managing data")
            .starts_with("Next step: level 3, 4 more pix."));
    }
}
