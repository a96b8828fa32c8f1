//! Plural categories of whole numbers, by the CLDR rules of our two languages, for the choices
//! the catalogue's messages make (`{ $count -> [one] … *[other] … }`); the generated code calls
//! them (app/build.rs).

/// The CLDR categories our languages use for whole numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    One,
    Many,
    Other,
}

/// What a count in a message can be given as.
pub trait Count {
    fn count(self) -> u64;
}

macro_rules! count_from {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn count(self) -> u64 {
                u64::try_from(self).unwrap_or(0)
            }
        }
    )*};
}
count_from!(u8, u16, u32, u64, usize, i32, i64);

/// French: 0 and 1 are singular (« 0 entrée »), and exact millions take « de » (« 1 million
/// d'entrées »).
pub fn fr(n: u64) -> Plural {
    match n {
        0 | 1 => Plural::One,
        n if n % 1_000_000 == 0 => Plural::Many,
        _ => Plural::Other,
    }
}

/// English: only 1 is singular.
pub fn en(n: u64) -> Plural {
    if n == 1 {
        Plural::One
    } else {
        Plural::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};

    fn cldr(lang: &str, n: u64) -> Plural {
        let rules = PluralRules::create(
            lang.parse::<unic_langid::LanguageIdentifier>().unwrap(),
            PluralRuleType::CARDINAL,
        )
        .unwrap();
        match rules.select(n).unwrap() {
            PluralCategory::ONE => Plural::One,
            PluralCategory::MANY => Plural::Many,
            PluralCategory::OTHER => Plural::Other,
            other => panic!("{lang} has no {other:?} for whole numbers here"),
        }
    }

    #[test]
    fn our_rules_are_cldrs() {
        let numbers = (0..2_500).chain([999_999, 1_000_000, 1_000_001, 2_000_000, 3_500_000]);
        for n in numbers {
            // French's "many" (exact millions) came with CLDR 38; intl_pluralrules 7 carries
            // older data and says "other" there.
            if n != 0 && n % 1_000_000 == 0 {
                assert_eq!(fr(n), Plural::Many, "fr {n}");
            } else {
                assert_eq!(fr(n), cldr("fr", n), "fr {n}");
            }
            assert_eq!(en(n), cldr("en", n), "en {n}");
        }
    }
}
