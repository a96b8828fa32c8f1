//! A message in both languages, for what Sillage answers outside a page (a server function's
//! error, a refused upload, a plain-text refusal): the caller may be a program, or a browser
//! whose reader's language the answer cannot know. The words are the catalogue's
//! (`locales/*/refusals.ftl` and the others), never written here.

use super::Lang;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bilingual {
    pub fr: String,
    pub en: String,
}

impl Bilingual {
    /// The message `words` gives in each language.
    pub fn of<S: Into<String>>(words: impl Fn(Lang) -> S) -> Bilingual {
        Bilingual {
            fr: words(Lang::Fr).into(),
            en: words(Lang::En).into(),
        }
    }

    /// For a plain-text answer: one language a line.
    pub fn lines(&self) -> String {
        format!("{}\n{}\n", self.fr, self.en)
    }
}

/// « français / English », for an answer of one line.
impl std::fmt::Display for Bilingual {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.fr, self.en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::catalogue::RefusalsTexts;

    #[test]
    fn both_languages_in_one_answer() {
        let refusal = Bilingual::of(|lang| RefusalsTexts::of(lang).counsellors_only());
        assert_eq!(
            refusal.lines(),
            "Réservé aux conseillers et professeurs principaux.\nFor counsellors only.\n"
        );
        let short = Bilingual::of(|lang| RefusalsTexts::of(lang).not_found());
        assert_eq!(short.to_string(), "introuvable / not found");
    }
}
