//! The vault's words (`locales/*/vault.ftl`, made into `VaultTexts` by app/build.rs) and what
//! they say of `domain::vault`'s problems: `domain` names them; only this file words them.

pub use crate::i18n::catalogue::VaultTexts;
use crate::i18n::Lang;
use domain::vault::items::{ImportProblem, ItemProblem};
use domain::vault::VaultProblem;

pub fn vault_texts(lang: Lang) -> &'static VaultTexts {
    VaultTexts::of(lang)
}

/// Why the server refused what the vault sent.
pub fn vault_problem(lang: Lang, problem: VaultProblem) -> &'static str {
    match problem {
        VaultProblem::NotAnEnvelope => vault_texts(lang).server_only_accepts_data_encrypted(),
        VaultProblem::NotAWrappedKey => vault_texts(lang).wrapped_key_sent_does_not(),
        VaultProblem::BadKdfParameters => {
            vault_texts(lang).passphrase_derivation_parameters_are_outside()
        }
        VaultProblem::BadSalt => vault_texts(lang).derivation_salt_does_not_have(),
        VaultProblem::BadItemId => vault_texts(lang).items_id_does_not_have(),
        VaultProblem::BadPasskey => vault_texts(lang).vault_passkey_does_not_have(),
        VaultProblem::TooManyItems => vault_texts(lang).vault_cannot_hold_more_than(),
        VaultProblem::Conflict => vault_texts(lang).this_item_was_changed_elsewhere(),
        VaultProblem::Replayed => vault_texts(lang).this_version_of_item_is(),
        VaultProblem::AlreadyExists => vault_texts(lang).your_vault_already_exists(),
        VaultProblem::NoVault => vault_texts(lang).you_have_no_vault_yet(),
        VaultProblem::SignInAgain => vault_texts(lang).to_do_this_sign_in(),
        VaultProblem::KeyProofRequired => vault_texts(lang).open_your_vault_first_only(),
        VaultProblem::BadKeyCheck => vault_texts(lang).proof_of_opening_vault_does(),
    }
}

/// Both languages, for an API caller (the server's answer is not in one reader's language).
pub fn vault_problem_bilingual(problem: VaultProblem) -> crate::i18n::Bilingual {
    crate::i18n::Bilingual::of(|lang| vault_problem(lang, problem))
}

/// What is wrong with an item as typed.
pub fn item_problem(lang: Lang, problem: ItemProblem) -> &'static str {
    match problem {
        ItemProblem::NameMissing => vault_texts(lang).item_name_missing(),
        ItemProblem::TooLong => vault_texts(lang).item_too_long(),
        ItemProblem::UrlNotWeb => vault_texts(lang).item_url_not_web(),
    }
}

/// Why an import file was refused (the vault module's answer).
// Read by the vault island's import (client code, built for the browser only).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn import_problem(lang: Lang, problem: &ImportProblem) -> String {
    match problem {
        ImportProblem::Empty => vault_texts(lang).import_empty().into(),
        ImportProblem::TooBig => vault_texts(lang).import_too_big().into(),
        ImportProblem::TooManyItems { count } => vault_texts(lang).import_too_many_items(count),
        ImportProblem::EncryptedExport => vault_texts(lang).import_encrypted_export().into(),
        ImportProblem::NotRecognised => vault_texts(lang).import_not_recognised().into(),
        ImportProblem::BadJson { line } => vault_texts(lang).import_bad_json(line),
        ImportProblem::BadCsv { line } => vault_texts(lang).import_bad_csv(line),
        ImportProblem::MissingColumns { columns } => {
            vault_texts(lang).import_missing_columns(columns.join(", "))
        }
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
