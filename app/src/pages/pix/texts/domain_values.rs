//! What the Pix pages say of `domain::pix`'s values: its problems, a preview's lines, the next
//! step in a competence, a certification's level, a result's source. `domain` names them (with
//! their parameters); only this file words them.

use super::PixTexts;
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
        let line = problem.line;
        match (&problem.column, self.lang) {
            (Some(column), Lang::Fr) => format!("Ligne {line}, colonne « {column} » : {what}."),
            (Some(column), Lang::En) => format!("Line {line}, column « {column} »: {what}."),
            (None, Lang::Fr) => format!("Ligne {line} : {what}."),
            (None, Lang::En) => format!("Line {line}: {what}."),
        }
    }

    fn csv_problem_kind(&self, kind: &ProblemKind) -> String {
        let fr = self.lang == Lang::Fr;
        match kind {
            ProblemKind::Syntax(SyntaxProblem::NotUtf8) if fr => "le fichier n'est pas en UTF-8 : ré-exportez-le depuis Pix Orga sans l'ouvrir dans un tableur, ou enregistrez-le en « CSV UTF-8 »".to_owned(),
            ProblemKind::Syntax(SyntaxProblem::NotUtf8) => "the file is not UTF-8: export it again from Pix Orga without opening it in a spreadsheet, or save it as « CSV UTF-8 »".to_owned(),
            ProblemKind::Syntax(SyntaxProblem::Truncated) if fr => "le fichier s'arrête au milieu d'une valeur entre guillemets : il est tronqué".to_owned(),
            ProblemKind::Syntax(SyntaxProblem::Truncated) => "the file stops in the middle of a quoted value: it is truncated".to_owned(),
            ProblemKind::Syntax(SyntaxProblem::StrayQuote) if fr => "guillemet mal placé".to_owned(),
            ProblemKind::Syntax(SyntaxProblem::StrayQuote) => "misplaced quote".to_owned(),
            ProblemKind::Syntax(SyntaxProblem::TooLarge { limit_bytes }) if fr => format!("le fichier dépasse {} Mo", limit_bytes / 1_000_000),
            ProblemKind::Syntax(SyntaxProblem::TooLarge { limit_bytes }) => format!("the file is larger than {} MB", limit_bytes / 1_000_000),
            ProblemKind::Syntax(SyntaxProblem::Io(_)) if fr => "lecture du fichier interrompue".to_owned(),
            ProblemKind::Syntax(SyntaxProblem::Io(_)) => "reading the file was interrupted".to_owned(),
            ProblemKind::Empty if fr => "le fichier est vide".to_owned(),
            ProblemKind::Empty => "the file is empty".to_owned(),
            ProblemKind::WrongSeparator if fr => "les colonnes ne sont pas séparées par « ; » comme dans les exports Pix Orga".to_owned(),
            ProblemKind::WrongSeparator => "columns are not separated by « ; » as in Pix Orga exports".to_owned(),
            ProblemKind::MissingColumn if fr => "colonne manquante".to_owned(),
            ProblemKind::MissingColumn => "missing column".to_owned(),
            ProblemKind::UnknownCompetence if fr => "compétence inconnue du CRCN".to_owned(),
            ProblemKind::UnknownCompetence => "competence unknown in the CRCN".to_owned(),
            ProblemKind::IncompleteCompetence if fr => "il manque la colonne « Niveau » ou « Nombre de pix » de cette compétence".to_owned(),
            ProblemKind::IncompleteCompetence => "this competence lacks its « Niveau » or « Nombre de pix » column".to_owned(),
            ProblemKind::WrongFieldCount { expected, found } if fr => format!("{found} valeurs au lieu de {expected}"),
            ProblemKind::WrongFieldCount { expected, found } => format!("{found} values instead of {expected}"),
            ProblemKind::NotAYesNo if fr => "« Oui » ou « Non » attendu".to_owned(),
            ProblemKind::NotAYesNo => "« Oui » or « Non » expected".to_owned(),
            ProblemKind::NotADate if fr => "date attendue (JJ/MM/AAAA HH:MM, ou AAAA-MM-JJ dans un export ancien)".to_owned(),
            ProblemKind::NotADate => "date expected (DD/MM/YYYY HH:MM, or YYYY-MM-DD in an older export)".to_owned(),
            ProblemKind::NotANumber if fr => "nombre entier attendu".to_owned(),
            ProblemKind::NotANumber => "whole number expected".to_owned(),
            ProblemKind::LevelOutOfRange if fr => "niveau hors de 0 à 8".to_owned(),
            ProblemKind::LevelOutOfRange => "level outside 0 to 8".to_owned(),
            ProblemKind::PixOutOfRange if fr => "nombre de pix hors de 0 à 64".to_owned(),
            ProblemKind::PixOutOfRange => "pix outside 0 to 64".to_owned(),
            ProblemKind::LevelDoesNotMatchPix if fr => "le niveau ne correspond pas au nombre de pix (8 pix par niveau)".to_owned(),
            ProblemKind::LevelDoesNotMatchPix => "the level does not match the pix (8 pix per level)".to_owned(),
            ProblemKind::TotalDoesNotMatch { sum } if fr => format!("le total n'est pas la somme des compétences ({sum})"),
            ProblemKind::TotalDoesNotMatch { sum } => format!("the total is not the sum of the competences ({sum})"),
            ProblemKind::MissingValue if fr => "valeur manquante".to_owned(),
            ProblemKind::MissingValue => "missing value".to_owned(),
            ProblemKind::DuplicateParticipant { first_line } if fr => format!("même participant qu'à la ligne {first_line}"),
            ProblemKind::DuplicateParticipant { first_line } => format!("same participant as on line {first_line}"),
            ProblemKind::OtherCampaign if fr => "autre campagne que celle de la ligne 2 : importez une campagne à la fois".to_owned(),
            ProblemKind::OtherCampaign => "another campaign than line 2's: import one campaign at a time".to_owned(),
        }
    }

    /// What the import preview says of a line.
    pub fn line_outcome(&self, outcome: &LineOutcome) -> String {
        let fr = self.lang == Lang::Fr;
        let by = |by: &MatchedBy| match (by, fr) {
            (MatchedBy::SillageId, true) => "par identifiant Sillage",
            (MatchedBy::SillageId, false) => "by Sillage id",
            (MatchedBy::Name, true) => "par le nom",
            (MatchedBy::Name, false) => "by name",
            (MatchedBy::NameAndClass, true) => "par le nom et la classe",
            (MatchedBy::NameAndClass, false) => "by name and class",
        };
        match outcome {
            LineOutcome::Create { by: b, .. } if fr => format!("Créé (élève trouvé {})", by(b)),
            LineOutcome::Create { by: b, .. } => format!("Created (pupil found {})", by(b)),
            LineOutcome::Update { by: b, .. } if fr => {
                format!("Mis à jour : l'élève a renvoyé son profil (trouvé {})", by(b))
            }
            LineOutcome::Update { by: b, .. } => {
                format!("Updated: the pupil sent their profile again (found {})", by(b))
            }
            LineOutcome::Skip { why: Skipped::NotShared, .. } if fr => "Ignoré : l'élève n'a pas envoyé son profil (Envoi = Non)".to_owned(),
            LineOutcome::Skip { why: Skipped::NotShared, .. } => "Skipped: the pupil did not send their profile (Envoi = Non)".to_owned(),
            LineOutcome::Skip { why: Skipped::Unchanged, .. } if fr => "Ignoré : déjà importé, rien n'a changé".to_owned(),
            LineOutcome::Skip { why: Skipped::Unchanged, .. } => "Skipped: already imported, nothing changed".to_owned(),
            LineOutcome::Unresolved(Unresolved::NoPupil) if fr => "Non rattaché : aucun élève de vos établissements ne porte ce nom (l'élève doit s'être connecté une fois à Sillage)".to_owned(),
            LineOutcome::Unresolved(Unresolved::NoPupil) => "Not matched: no pupil of your schools has this name (the pupil must have signed in to Sillage once)".to_owned(),
            LineOutcome::Unresolved(Unresolved::Homonyms(n)) if fr => format!("Non rattaché : {n} élèves portent ce nom ; demandez-leur de saisir leur identifiant Sillage dans la campagne"),
            LineOutcome::Unresolved(Unresolved::Homonyms(n)) => format!("Not matched: {n} pupils have this name; ask them to type their Sillage id in the campaign"),
            LineOutcome::Unresolved(Unresolved::IdNameMismatch) if fr => "Non rattaché : l'identifiant Sillage est celui d'un élève d'un autre nom".to_owned(),
            LineOutcome::Unresolved(Unresolved::IdNameMismatch) => "Not matched: the Sillage id belongs to a pupil of another name".to_owned(),
            LineOutcome::Unresolved(Unresolved::SamePupilTwice { first_line }) if fr => format!("Non rattaché : même élève qu'à la ligne {first_line}"),
            LineOutcome::Unresolved(Unresolved::SamePupilTwice { first_line }) => format!("Not matched: same pupil as on line {first_line}"),
        }
    }

    /// A problem of the certification form.
    pub fn certification_problem(&self, problem: &CertificationProblem) -> String {
        let fr = self.lang == Lang::Fr;
        match problem {
            CertificationProblem::DateMissing if fr => "Indiquez la date de la certification.".to_owned(),
            CertificationProblem::DateMissing => "Give the certification's date.".to_owned(),
            CertificationProblem::DateInvalid if fr => "La date doit s'écrire AAAA-MM-JJ (par exemple 2026-05-12).".to_owned(),
            CertificationProblem::DateInvalid => "The date must read YYYY-MM-DD (for example 2026-05-12).".to_owned(),
            CertificationProblem::DateInFuture if fr => "La date ne peut pas être dans le futur.".to_owned(),
            CertificationProblem::DateInFuture => "The date cannot be in the future.".to_owned(),
            CertificationProblem::CodeMissing if fr => "Indiquez le code de vérification imprimé sur le certificat.".to_owned(),
            CertificationProblem::CodeMissing => "Give the verification code printed on the certificate.".to_owned(),
            CertificationProblem::CodeInvalid if fr => "Le code de vérification s'écrit P- suivi de 8 caractères (chiffres 2 à 9 sauf 5, lettres sans voyelles), par exemple P-3BFH7MQT.".to_owned(),
            CertificationProblem::CodeInvalid => "A verification code is P- then 8 characters (digits 2 to 9 but 5, letters without vowels), for example P-3BFH7MQT.".to_owned(),
            CertificationProblem::ScoreMissing if fr => "Indiquez le score (nombre de pix certifiés).".to_owned(),
            CertificationProblem::ScoreMissing => "Give the score (certified pix).".to_owned(),
            CertificationProblem::ScoreInvalid if fr => "Le score est un nombre entier de 0 à 1023.".to_owned(),
            CertificationProblem::ScoreInvalid => "The score is a whole number from 0 to 1023.".to_owned(),
            CertificationProblem::LevelInvalid(code) if fr => format!("Compétence {code} : le niveau est un nombre de 0 à 8, ou laissez vide."),
            CertificationProblem::LevelInvalid(code) => format!("Competence {code}: the level is a number from 0 to 8, or leave it blank."),
            CertificationProblem::UnknownCompetence if fr => "Une compétence envoyée n'existe pas dans le CRCN.".to_owned(),
            CertificationProblem::UnknownCompetence => "A competence sent does not exist in the CRCN.".to_owned(),
        }
    }

    /// What to do next in `competence` (its name).
    pub fn next_step(&self, step: NextStep, competence: &str) -> String {
        match (step, self.lang) {
            (NextStep::Start, Lang::Fr) => format!(
                "Pas encore mesurée : sur pix.fr, lancez le parcours « {competence} » ; les premières questions suffisent pour un niveau 1."
            ),
            (NextStep::Start, Lang::En) => format!(
                "Not measured yet: on pix.fr, start the « {competence} » course; the first questions are enough for level 1."
            ),
            (NextStep::Reach { target, pix_missing: Some(pix) }, Lang::Fr) => format!(
                "Prochain palier : niveau {target}, encore {pix} pix. Reprenez « {competence} » sur pix.fr : Pix propose des questions plus difficiles à chaque essai réussi."
            ),
            (NextStep::Reach { target, pix_missing: Some(pix) }, Lang::En) => format!(
                "Next step: level {target}, {pix} more pix. Take « {competence} » again on pix.fr: each success brings harder questions."
            ),
            (NextStep::Reach { target, pix_missing: None }, Lang::Fr) => format!(
                "Prochain palier : niveau {target}. Reprenez « {competence} » sur pix.fr pour le viser."
            ),
            (NextStep::Reach { target, pix_missing: None }, Lang::En) => format!(
                "Next step: level {target}. Take « {competence} » again on pix.fr to aim for it."
            ),
            (NextStep::AtTheTop, Lang::Fr) => format!(
                "Niveau le plus haut ouvert par Pix aujourd'hui pour « {competence} » : bravo ! Aidez un camarade, ou pensez à la certification."
            ),
            (NextStep::AtTheTop, Lang::En) => format!(
                "The highest level Pix opens today for « {competence} »: well done! Help a classmate, or consider the certification."
            ),
        }
    }

    /// A certification's level, as Pix names it.
    pub fn certification_level(&self, level: CertificationLevel) -> &'static str {
        use CertificationLevel::*;
        match (level, self.lang) {
            (PreBeginner, Lang::Fr) => "Pré-débutant",
            (PreBeginner, Lang::En) => "Pre-beginner",
            (Beginner1, Lang::Fr) => "Débutant 1",
            (Beginner1, Lang::En) => "Beginner 1",
            (Beginner2, Lang::Fr) => "Débutant 2",
            (Beginner2, Lang::En) => "Beginner 2",
            (Independent3, Lang::Fr) => "Indépendant 3",
            (Independent3, Lang::En) => "Independent 3",
            (Independent4, Lang::Fr) => "Indépendant 4",
            (Independent4, Lang::En) => "Independent 4",
            (Advanced5, Lang::Fr) => "Avancé 5",
            (Advanced5, Lang::En) => "Advanced 5",
            (Advanced6, Lang::Fr) => "Avancé 6",
            (Advanced6, Lang::En) => "Advanced 6",
            (Expert7, _) => "Expert 7",
            (Expert8, _) => "Expert 8",
        }
    }

    /// Where a result comes from.
    pub fn result_source(&self, source: &ResultSource) -> String {
        match (source, self.lang) {
            (ResultSource::OrgaCampaign { name, .. }, Lang::Fr) => format!("Campagne « {name} »"),
            (ResultSource::OrgaCampaign { name, .. }, Lang::En) => format!("Campaign « {name} »"),
            (ResultSource::Certification, Lang::Fr) => "Certification Pix".to_owned(),
            (ResultSource::Certification, Lang::En) => "Pix certification".to_owned(),
            (ResultSource::Manual, Lang::Fr) => "Saisie".to_owned(),
            (ResultSource::Manual, Lang::En) => "Typed in".to_owned(),
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
            "Ligne 3, colonne « Classe » : valeur manquante."
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
            "Prochain palier : niveau 3, encore 4 pix. Reprenez « Gérer des données » sur pix.fr : Pix propose des questions plus difficiles à chaque essai réussi."
        );
        assert!(en
            .next_step(step, "Managing data")
            .starts_with("Next step: level 3, 4 more pix."));
    }
}
