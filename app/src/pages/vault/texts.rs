//! What the vault's pages say of `domain::vault`'s problems. `domain` names them; only this
//! file words them (the rest of the vault's words sit beside their use, through [`tr`]).

use super::state::tr;
use crate::i18n::Lang;
use domain::vault::items::{ImportProblem, ItemProblem};
use domain::vault::VaultProblem;

/// Why the server refused what the vault sent.
pub fn vault_problem(lang: Lang, problem: VaultProblem) -> &'static str {
    match problem {
        VaultProblem::NotAnEnvelope => tr(
            lang,
            "Le serveur n'accepte que des données chiffrées dans le navigateur : cet élément n'en est pas.",
            "The server only accepts data encrypted in the browser: this item is not.",
        ),
        VaultProblem::NotAWrappedKey => tr(
            lang,
            "La clé chiffrée envoyée n'a pas la forme attendue.",
            "The wrapped key sent does not have the expected shape.",
        ),
        VaultProblem::BadKdfParameters => tr(
            lang,
            "Les paramètres de dérivation de la phrase de passe sont hors des limites sûres.",
            "The passphrase derivation parameters are outside safe limits.",
        ),
        VaultProblem::BadSalt => tr(
            lang,
            "Le sel de dérivation n'a pas la forme attendue.",
            "The derivation salt does not have the expected shape.",
        ),
        VaultProblem::BadItemId => tr(
            lang,
            "L'identifiant de l'élément n'a pas la forme attendue.",
            "The item's id does not have the expected shape.",
        ),
        VaultProblem::BadPasskey => tr(
            lang,
            "La clé d'accès du coffre n'a pas la forme attendue.",
            "The vault passkey does not have the expected shape.",
        ),
        VaultProblem::TooManyItems => tr(
            lang,
            "Le coffre-fort ne peut pas contenir plus de 5 000 éléments.",
            "The vault cannot hold more than 5,000 items.",
        ),
        VaultProblem::Conflict => tr(
            lang,
            "Cet élément a été modifié ailleurs entre-temps : rechargez la page, rien n'a été écrasé.",
            "This item was changed elsewhere meanwhile: reload the page, nothing was overwritten.",
        ),
        VaultProblem::Replayed => tr(
            lang,
            "Cette version de l'élément est déjà enregistrée : envoi rejoué refusé.",
            "This version of the item is already stored: replayed request refused.",
        ),
        VaultProblem::AlreadyExists => tr(
            lang,
            "Votre coffre-fort existe déjà.",
            "Your vault already exists.",
        ),
        VaultProblem::NoVault => tr(
            lang,
            "Vous n'avez pas encore de coffre-fort.",
            "You have no vault yet.",
        ),
        VaultProblem::SignInAgain => tr(
            lang,
            "Pour faire cela, reconnectez-vous d'abord : votre connexion date de trop longtemps (15 minutes pour exporter, 5 pour supprimer).",
            "To do this, sign in again first: you signed in too long ago (15 minutes to export, 5 to delete).",
        ),
        VaultProblem::KeyProofRequired => tr(
            lang,
            "Ouvrez d'abord votre coffre-fort : seule une personne qui l'a ouvert peut changer ses clés ou le supprimer.",
            "Open your vault first: only someone who opened it can change its keys or delete it.",
        ),
        VaultProblem::BadKeyCheck => tr(
            lang,
            "La preuve d'ouverture du coffre n'a pas la forme attendue.",
            "The proof of opening the vault does not have the expected shape.",
        ),
    }
}

/// Both languages, for an API caller (the server's answer is not in one reader's language).
pub fn vault_problem_bilingual(problem: VaultProblem) -> String {
    format!(
        "{} / {}",
        vault_problem(Lang::Fr, problem),
        vault_problem(Lang::En, problem)
    )
}

/// What is wrong with an item as typed.
pub fn item_problem(lang: Lang, problem: ItemProblem) -> &'static str {
    match (problem, lang == Lang::Fr) {
        (ItemProblem::NameMissing, true) => {
            "Donnez un nom à cet élément (par exemple « Pronote »)."
        }
        (ItemProblem::NameMissing, false) => "Give this item a name (for instance “Pronote”).",
        (ItemProblem::TooLong, true) => "Cet élément est trop long (32 000 caractères au plus).",
        (ItemProblem::TooLong, false) => "This item is too long (32,000 characters at most).",
        (ItemProblem::UrlNotWeb, true) => "L'adresse doit commencer par https:// ou http://.",
        (ItemProblem::UrlNotWeb, false) => "The address must start with https:// or http://.",
    }
}

/// Why an import file was refused (the vault module's answer).
// Read by the vault island's import (client code, built for the browser only).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn import_problem(lang: Lang, problem: &ImportProblem) -> String {
    match (problem, lang == Lang::Fr) {
        (ImportProblem::Empty, true) => "Le fichier est vide.".into(),
        (ImportProblem::Empty, false) => "The file is empty.".into(),
        (ImportProblem::TooBig, true) => "Le fichier dépasse 5 Mo : ce n'est pas un export de mots de passe.".into(),
        (ImportProblem::TooBig, false) => "The file is over 5 MB: it is not a password export.".into(),
        (ImportProblem::TooManyItems { count }, true) => format!("Le fichier contient {count} éléments ; le coffre-fort en accepte 5 000 au plus."),
        (ImportProblem::TooManyItems { count }, false) => format!("The file holds {count} items; the vault takes 5,000 at most."),
        (ImportProblem::EncryptedExport, true) => "Cet export Bitwarden est chiffré. Dans Bitwarden, exportez au format « .json » ou « .csv » (non chiffré), importez-le ici, puis supprimez ce fichier.".into(),
        (ImportProblem::EncryptedExport, false) => "This Bitwarden export is encrypted. In Bitwarden, export as “.json” or “.csv” (unencrypted), import it here, then delete that file.".into(),
        (ImportProblem::NotRecognised, true) => "Ce fichier n'est ni un export Bitwarden (JSON ou CSV) ni un CSV de mots de passe.".into(),
        (ImportProblem::NotRecognised, false) => "This file is neither a Bitwarden export (JSON or CSV) nor a password CSV.".into(),
        (ImportProblem::BadJson { line }, true) => format!("Le JSON est mal formé (ligne {line})."),
        (ImportProblem::BadJson { line }, false) => format!("The JSON is malformed (line {line})."),
        (ImportProblem::BadCsv { line }, true) => format!("Le CSV est mal formé (ligne {line})."),
        (ImportProblem::BadCsv { line }, false) => format!("The CSV is malformed (line {line})."),
        (ImportProblem::MissingColumns { columns }, true) => format!("Colonnes manquantes : {}. La première ligne doit nommer les colonnes, par exemple name,url,username,password,note.", columns.join(", ")),
        (ImportProblem::MissingColumns { columns }, false) => format!("Missing columns: {}. The first line must name the columns, for instance name,url,username,password,note.", columns.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_reads_differently_in_each_language() {
        use VaultProblem::*;
        for problem in [
            NotAnEnvelope,
            NotAWrappedKey,
            BadKdfParameters,
            BadSalt,
            BadItemId,
            BadPasskey,
            TooManyItems,
            Conflict,
            Replayed,
            AlreadyExists,
            NoVault,
            SignInAgain,
            KeyProofRequired,
            BadKeyCheck,
        ] {
            assert_ne!(
                vault_problem(Lang::Fr, problem),
                vault_problem(Lang::En, problem)
            );
        }
        for problem in [
            ItemProblem::NameMissing,
            ItemProblem::TooLong,
            ItemProblem::UrlNotWeb,
        ] {
            assert_ne!(
                item_problem(Lang::Fr, problem),
                item_problem(Lang::En, problem)
            );
        }
    }
}
