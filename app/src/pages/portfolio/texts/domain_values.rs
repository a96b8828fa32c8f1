//! What the portfolio's pages say of `domain::portfolio`'s values: kinds, statuses, problems,
//! refusals, lifetimes. `domain` names them (with their parameters); only this file words them.

use super::PortfolioTexts;

use domain::portfolio::evidence::Refusal;
use domain::portfolio::feedback::CommentProblem;
use domain::portfolio::showcase::{LinkLifetime, PageProblem};
use domain::portfolio::{CompetenceStatus, EntryKind, EntryProblem};

impl PortfolioTexts {
    /// An entry's kind.
    pub fn entry_kind(&self, value: EntryKind) -> &'static str {
        match value {
            EntryKind::Experience => self.kind_experience(),
            EntryKind::Project => self.kind_project(),
            EntryKind::Internship => self.kind_internship(),
            EntryKind::Club => self.kind_club(),
            EntryKind::Certification => self.kind_certification(),
            EntryKind::SchoolWork => self.kind_school_work(),
        }
    }

    /// Where the pupil says they are with a competence.
    pub fn competence_status(&self, value: CompetenceStatus) -> &'static str {
        match value {
            CompetenceStatus::Begun => self.status_begun(),
            CompetenceStatus::InProgress => self.status_in_progress(),
            CompetenceStatus::Acquired => self.status_acquired(),
        }
    }

    /// What is wrong with a field of an entry.
    pub fn entry_problem(&self, value: &EntryProblem) -> String {
        match value {
            EntryProblem::Missing => self.entry_missing().into(),
            EntryProblem::TooLong { max } => self.entry_too_long(max),
            EntryProblem::ControlCharacters => self.entry_control_characters().into(),
            EntryProblem::UnknownKind => self.entry_unknown_kind().into(),
            EntryProblem::NotADate => self.entry_not_a_date().into(),
            EntryProblem::EndsBeforeStart => self.entry_ends_before_start().into(),
            EntryProblem::UnknownCompetence(c) => self.entry_unknown_competence(c),
            EntryProblem::UnknownStatus(c) => self.entry_unknown_status(c),
            EntryProblem::LevelOutOfRange { competence, max } => {
                self.entry_level_out_of_range(competence, max)
            }
        }
    }

    /// Why a file was refused; `max_size` ("10 Mo") and `max_files` are the instance's limits.
    pub fn refusal(&self, value: Refusal, max_size: &str, max_files: u64) -> String {
        match value {
            Refusal::Empty => self.refusal_empty().into(),
            Refusal::TooLarge => self.refusal_too_large(max_size),
            Refusal::Svg => self.refusal_svg().into(),
            Refusal::Executable => self.refusal_executable().into(),
            Refusal::UnknownType => self.refusal_unknown_type().into(),
            Refusal::TooMany => self.refusal_too_many(max_files),
            Refusal::OverQuota => self.refusal_over_quota().into(),
        }
    }

    /// What is wrong with a comment.
    pub fn comment_problem(&self, value: CommentProblem) -> &'static str {
        match value {
            CommentProblem::Empty => self.comment_empty(),
            CommentProblem::TooLong => self.comment_too_long(),
            CommentProblem::ControlCharacters => self.comment_control_characters(),
        }
    }

    /// What is wrong with a page.
    pub fn page_problem(&self, value: PageProblem) -> &'static str {
        match value {
            PageProblem::TitleMissing => self.page_title_missing(),
            PageProblem::TitleTooLong => self.page_title_too_long(),
            PageProblem::IntroTooLong => self.page_intro_too_long(),
            PageProblem::ControlCharacters => self.page_control_characters(),
            PageProblem::UnknownEntry => self.page_unknown_entry(),
            PageProblem::OrderInvalid => self.page_order_invalid(),
        }
    }

    /// How long a secret link lasts.
    pub fn link_lifetime(&self, value: LinkLifetime) -> &'static str {
        match value {
            LinkLifetime::Week => self.link_week(),
            LinkLifetime::Month => self.link_month(),
            LinkLifetime::Quarter => self.link_quarter(),
            LinkLifetime::Unlimited => self.link_unlimited(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::pages::portfolio::texts::portfolio_texts;

    #[test]
    fn every_value_reads_differently_in_each_language() {
        let (fr, en) = (portfolio_texts(Lang::Fr), portfolio_texts(Lang::En));
        for &kind in EntryKind::ALL {
            assert!(!fr.entry_kind(kind).is_empty() && !en.entry_kind(kind).is_empty());
        }
        for &status in CompetenceStatus::ALL {
            assert_ne!(fr.competence_status(status), en.competence_status(status));
        }
        for &refusal in Refusal::ALL {
            assert_ne!(
                fr.refusal(refusal, "10 Mo", 10),
                en.refusal(refusal, "10 MB", 10)
            );
        }
        for &lifetime in LinkLifetime::ALL {
            assert_ne!(fr.link_lifetime(lifetime), en.link_lifetime(lifetime));
        }
        for problem in [
            CommentProblem::Empty,
            CommentProblem::TooLong,
            CommentProblem::ControlCharacters,
        ] {
            assert_ne!(fr.comment_problem(problem), en.comment_problem(problem));
        }
        for problem in [
            PageProblem::TitleMissing,
            PageProblem::TitleTooLong,
            PageProblem::IntroTooLong,
            PageProblem::ControlCharacters,
            PageProblem::UnknownEntry,
            PageProblem::OrderInvalid,
        ] {
            assert_ne!(fr.page_problem(problem), en.page_problem(problem));
        }
        let problem = EntryProblem::TooLong { max: 200 };
        assert_eq!(
            fr.entry_problem(&problem),
            "Ce texte est trop long (200 caractères au plus)."
        );
        assert_eq!(
            en.entry_problem(&problem),
            "This text is too long (at most 200 characters)."
        );
    }
}
