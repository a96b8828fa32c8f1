//! Names the framework files carry in both languages (`domain::portfolio::frameworks`, a Pix
//! domain's summary): `domain` keeps both, the page picks the reader's.

use super::Lang;
use crate::pages::portfolio::texts::portfolio_texts;
use domain::pix::results::DomainSummary;
use domain::portfolio::frameworks::{Competence, CompetenceGroup, Framework, Frameworks};
use domain::portfolio::{CompetenceLinkView, LinkedCompetence};

/// Something with a French and an English name.
pub trait Named {
    fn names(&self) -> (&str, &str);

    fn name(&self, lang: Lang) -> &str {
        let (fr, en) = self.names();
        match lang {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }
}

macro_rules! named {
    ($($t:ty),*) => {$(
        impl Named for $t {
            fn names(&self) -> (&str, &str) {
                (&self.name_fr, &self.name_en)
            }
        }
    )*};
}
named!(Framework, CompetenceGroup, Competence, DomainSummary);

/// A level as `framework` names it ("Maîtrise satisfaisante"), or "Niveau 3".
pub fn level_name(framework: &Framework, level: u8, lang: Lang) -> String {
    let names = match lang {
        Lang::Fr => &framework.level_names_fr,
        Lang::En => &framework.level_names_en,
    };
    match usize::from(level).checked_sub(1).and_then(|i| names.get(i)) {
        Some(name) => name.clone(),
        None => portfolio_texts(lang).level_number(level),
    }
}

/// "1.1 Mener une recherche…" for a framework's competence, the name of an own skill.
pub fn competence_label(link: &CompetenceLinkView, frameworks: &Frameworks, lang: Lang) -> String {
    match link.names(frameworks) {
        LinkedCompetence::Framework(competence) => {
            format!("{} {}", competence.code, competence.name(lang))
        }
        LinkedCompetence::Own(name) => name.to_owned(),
        LinkedCompetence::Unknown(reference) => reference.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_level_has_its_framework_name_or_a_number() {
        let frameworks = Frameworks::shipped();
        let socle = frameworks.framework("socle").expect("the socle ships");
        let crcn = frameworks.framework("crcn").expect("the CRCN ships");
        assert_eq!(level_name(socle, 3, Lang::Fr), "Maîtrise satisfaisante");
        assert_eq!(level_name(crcn, 3, Lang::Fr), "Niveau 3");
        assert_eq!(level_name(crcn, 3, Lang::En), "Level 3");
    }
}
