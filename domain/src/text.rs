//! Text compared the way people read it: « Éloïse », « ELOISE » and « eloise » are one name,
//! « École » is found by « ecole ». One folding for every comparison (the Pix import's name
//! matching and column headers, the vault's search and import headers, the password-strength
//! dictionaries), so that two parts of the portal never disagree on what "the same" means.
//!
//! Written out rather than taken from `unicode-normalization`: its decomposition tables would
//! ship in the vault's WebAssembly module, which pupils download on slow links, for letters no
//! French school's names or search need beyond the Latin ones below.

/// Lower case, without accents, ligatures spelt out (« œ » is « oe »).
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match base_letters(c) {
            Some(letters) => folded.push_str(letters),
            None => folded.push(c),
        }
    }
    folded
}

/// [`fold`], then words separated by exactly one space, hyphens and apostrophes counting as
/// spaces: « Jean-François  D’Aubigné » and « jean francois d aubigne » are the same name.
pub fn fold_words(text: &str) -> String {
    fold(text)
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '\'' | '’' | '‘' | '`'))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The unaccented letters of a lower-case Latin letter (Latin-1 Supplement and Latin
/// Extended-A, which X
/// alphabets); `None` for a letter that is its own base.
fn base_letters(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_ligatures_fold_away() {
        assert_eq!(fold("Éloïse"), "eloise");
        assert_eq!(fold("ÉCOLE Directe"), "ecole directe");
        assert_eq!(fold("Cœur, Æsop, Straße"), "coeur, aesop, strasse");
        assert_eq!(fold("Łukasz Nowák, Ştefan"), "lukasz nowak, stefan");
        // What is not a Latin letter stays as it is, lower-cased.
        assert_eq!(fold("Ωmega 42 ₂"), "ωmega 42 ₂");
    }

    #[test]
    fn every_table_letter_folds_to_ascii_and_upper_case_the_same() {
        for c in ('\u{c0}'..='\u{17f}').filter(|c| c.is_alphabetic()) {
            let folded = fold(&c.to_string());
            if let Some(base) = base_letters(c) {
                assert!(base.is_ascii(), "{c} -> {base}");
                assert_eq!(folded, base, "{c}");
            }
            // An upper-case letter folds as its lower case does.
            let lower: String = c.to_lowercase().collect();
            assert_eq!(folded, fold(&lower), "{c}");
        }
    }

    #[test]
    fn names_compare_word_by_word() {
        assert_eq!(
            fold_words("  Éloïse  D'Aubigné-Lefèvre "),
            "eloise d aubigne lefevre"
        );
        assert_eq!(fold_words("JEAN  françois"), fold_words("Jean-François"));
        assert_eq!(fold_words("N’Diaye"), fold_words("n'diaye"));
        assert_eq!(fold_words(" \t "), "");
    }
}
