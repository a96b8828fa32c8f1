//! What the portfolio's pages say of `domain::portfolio`'s values: kinds, statuses, problems,
//! refusals, lifetimes. `domain` names them (with their parameters); only this file words them.

use super::PortfolioTexts;
use crate::i18n::Lang;

use domain::portfolio::evidence::Refusal;
use domain::portfolio::feedback::CommentProblem;
use domain::portfolio::showcase::{LinkLifetime, PageProblem};
use domain::portfolio::{CompetenceStatus, EntryKind, EntryProblem};

impl PortfolioTexts {
    /// An entry's kind.
    pub fn entry_kind(&self, value: EntryKind) -> &'static str {
        match (value, self.lang) {
            (EntryKind::Experience, Lang::Fr) => "Expérience",
            (EntryKind::Experience, Lang::En) => "Experience",
            (EntryKind::Project, Lang::Fr) => "Projet",
            (EntryKind::Project, Lang::En) => "Project",
            (EntryKind::Internship, Lang::Fr) => "Stage",
            (EntryKind::Internship, Lang::En) => "Internship",
            (EntryKind::Club, Lang::Fr) => "Club, association, bénévolat",
            (EntryKind::Club, Lang::En) => "Club, association, volunteering",
            (EntryKind::Certification, Lang::Fr) => "Certification",
            (EntryKind::Certification, Lang::En) => "Certification",
            (EntryKind::SchoolWork, Lang::Fr) => "Travail scolaire",
            (EntryKind::SchoolWork, Lang::En) => "School work",
        }
    }

    /// Where the pupil says they are with a competence.
    pub fn competence_status(&self, value: CompetenceStatus) -> &'static str {
        match (value, self.lang) {
            (CompetenceStatus::Begun, Lang::Fr) => "Commencé",
            (CompetenceStatus::Begun, Lang::En) => "Begun",
            (CompetenceStatus::InProgress, Lang::Fr) => "En cours",
            (CompetenceStatus::InProgress, Lang::En) => "In progress",
            (CompetenceStatus::Acquired, Lang::Fr) => "Acquis",
            (CompetenceStatus::Acquired, Lang::En) => "Acquired",
        }
    }

    /// What is wrong with a field of an entry.
    pub fn entry_problem(&self, value: &EntryProblem) -> String {
        match (value, self.lang) {
            (EntryProblem::Missing, Lang::Fr) => "Ce champ est obligatoire.".into(),
            (EntryProblem::Missing, Lang::En) => "This field is required.".into(),
            (EntryProblem::TooLong { max }, Lang::Fr) => {
                format!("Ce texte est trop long ({max} caractères au plus).")
            }
            (EntryProblem::TooLong { max }, Lang::En) => {
                format!("This text is too long (at most {max} characters).")
            }
            (EntryProblem::ControlCharacters, Lang::Fr) => {
                "Ce texte contient des caractères invisibles non autorisés.".into()
            }
            (EntryProblem::ControlCharacters, Lang::En) => {
                "This text contains invisible characters that are not allowed.".into()
            }
            (EntryProblem::UnknownKind, Lang::Fr) => "Choisissez un type dans la liste.".into(),
            (EntryProblem::UnknownKind, Lang::En) => "Choose a kind from the list.".into(),
            (EntryProblem::NotADate, Lang::Fr) => {
                "Date invalide : utilisez le format AAAA-MM-JJ.".into()
            }
            (EntryProblem::NotADate, Lang::En) => "Invalid date: use YYYY-MM-DD.".into(),
            (EntryProblem::EndsBeforeStart, Lang::Fr) => {
                "La date de fin est avant la date de début.".into()
            }
            (EntryProblem::EndsBeforeStart, Lang::En) => {
                "The end date is before the start date.".into()
            }
            (EntryProblem::UnknownCompetence(c), Lang::Fr) => format!("Compétence inconnue : {c}."),
            (EntryProblem::UnknownCompetence(c), Lang::En) => format!("Unknown competence: {c}."),
            (EntryProblem::UnknownStatus(c), Lang::Fr) => {
                format!("Statut inconnu pour la compétence {c}.")
            }
            (EntryProblem::UnknownStatus(c), Lang::En) => {
                format!("Unknown status for competence {c}.")
            }
            (EntryProblem::LevelOutOfRange { competence, max }, Lang::Fr) => {
                format!("Le niveau de {competence} doit être entre 1 et {max}.")
            }
            (EntryProblem::LevelOutOfRange { competence, max }, Lang::En) => {
                format!("The level of {competence} must be between 1 and {max}.")
            }
        }
    }

    /// Why a file was refused; `max_size` ("10 Mo") and `max_files` are the instance's limits.
    pub fn refusal(&self, value: Refusal, max_size: &str, max_files: u64) -> String {
        match (value, self.lang) {
            (Refusal::Empty, Lang::Fr) => "Le fichier est vide ou aucun fichier n'a été choisi.".into(),
            (Refusal::Empty, Lang::En) => "The file is empty, or no file was chosen.".into(),
            (Refusal::TooLarge, Lang::Fr) => format!("Le fichier est trop gros ({max_size} au plus)."),
            (Refusal::TooLarge, Lang::En) => format!("The file is too large (at most {max_size})."),
            (Refusal::Svg, Lang::Fr) => "Les images SVG ne sont pas acceptées : elles peuvent contenir du code. Envoyez un PNG ou un JPEG.".into(),
            (Refusal::Svg, Lang::En) => "SVG images are not accepted: they can contain code. Send a PNG or a JPEG.".into(),
            (Refusal::Executable, Lang::Fr) => "Ce fichier est un programme, pas un document : il est refusé, quel que soit son nom.".into(),
            (Refusal::Executable, Lang::En) => "This file is a program, not a document: it is refused, whatever its name.".into(),
            (Refusal::UnknownType, Lang::Fr) => "Type de fichier non accepté. Acceptés : PDF, images (PNG, JPEG, GIF, WebP), son (MP3, Ogg, WAV, M4A), vidéo (MP4, WebM).".into(),
            (Refusal::UnknownType, Lang::En) => "File type not accepted. Accepted: PDF, images (PNG, JPEG, GIF, WebP), sound (MP3, Ogg, WAV, M4A), video (MP4, WebM).".into(),
            (Refusal::TooMany, Lang::Fr) => format!("Cette entrée a déjà {max_files} preuves, le maximum."),
            (Refusal::TooMany, Lang::En) => format!("This entry already has {max_files} pieces of evidence, the maximum."),
            (Refusal::OverQuota, Lang::Fr) => "Votre espace de stockage est plein : supprimez des preuves dont vous n'avez plus besoin (ce que vous utilisez est indiqué sur la page « Exporter / importer »).".into(),
            (Refusal::OverQuota, Lang::En) => "Your storage space is full: delete evidence you no longer need (what you use is shown on the “Export / import” page).".into(),
        }
    }

    /// What is wrong with a comment.
    pub fn comment_problem(&self, value: CommentProblem) -> &'static str {
        match (value, self.lang) {
            (CommentProblem::Empty, Lang::Fr) => "Le commentaire est vide.",
            (CommentProblem::Empty, Lang::En) => "The comment is empty.",
            (CommentProblem::TooLong, Lang::Fr) => {
                "Le commentaire est trop long (2 000 caractères au plus)."
            }
            (CommentProblem::TooLong, Lang::En) => {
                "The comment is too long (at most 2,000 characters)."
            }
            (CommentProblem::ControlCharacters, Lang::Fr) => {
                "Le commentaire contient des caractères invisibles non autorisés."
            }
            (CommentProblem::ControlCharacters, Lang::En) => {
                "The comment contains invisible characters that are not allowed."
            }
        }
    }

    /// What is wrong with a page.
    pub fn page_problem(&self, value: PageProblem) -> &'static str {
        match (value, self.lang) {
            (PageProblem::TitleMissing, Lang::Fr) => "Donnez un titre à la page.",
            (PageProblem::TitleMissing, Lang::En) => "Give the page a title.",
            (PageProblem::TitleTooLong, Lang::Fr) => {
                "Le titre est trop long (120 caractères au plus)."
            }
            (PageProblem::TitleTooLong, Lang::En) => {
                "The title is too long (at most 120 characters)."
            }
            (PageProblem::IntroTooLong, Lang::Fr) => {
                "L'introduction est trop longue (4 000 caractères au plus)."
            }
            (PageProblem::IntroTooLong, Lang::En) => {
                "The introduction is too long (at most 4,000 characters)."
            }
            (PageProblem::ControlCharacters, Lang::Fr) => {
                "Le texte contient des caractères invisibles non autorisés."
            }
            (PageProblem::ControlCharacters, Lang::En) => {
                "The text contains invisible characters that are not allowed."
            }
            (PageProblem::UnknownEntry, Lang::Fr) => {
                "Une des entrées choisies n'existe pas ou n'est pas à vous."
            }
            (PageProblem::UnknownEntry, Lang::En) => {
                "One of the chosen entries does not exist or is not yours."
            }
            (PageProblem::OrderInvalid, Lang::Fr) => {
                "Une position sur la page doit être un nombre entier de 1 à 10 000 (ou rester vide)."
            }
            (PageProblem::OrderInvalid, Lang::En) => {
                "A position on the page must be a whole number from 1 to 10,000 (or left blank)."
            }
        }
    }

    /// How long a secret link lasts.
    pub fn link_lifetime(&self, value: LinkLifetime) -> &'static str {
        match (value, self.lang) {
            (LinkLifetime::Week, Lang::Fr) => "7 jours",
            (LinkLifetime::Week, Lang::En) => "7 days",
            (LinkLifetime::Month, Lang::Fr) => "30 jours",
            (LinkLifetime::Month, Lang::En) => "30 days",
            (LinkLifetime::Quarter, Lang::Fr) => "90 jours",
            (LinkLifetime::Quarter, Lang::En) => "90 days",
            (LinkLifetime::Unlimited, Lang::Fr) => "sans date de fin (jusqu'à ce que je le retire)",
            (LinkLifetime::Unlimited, Lang::En) => "no end date (until I revoke it)",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
