//! The two languages of the portal. French is the default; English is offered to every user.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Parses a language code as found in our cookie or a URL (`fr`, `en`, any case).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the first supported language of an `Accept-Language` header, in the order the
    /// browser gives (we do not weigh q-values: browsers list them in preference order).
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        header.split(',').find_map(|part| {
            let tag = part.split(';').next().unwrap_or("").trim();
            let primary = tag.split('-').next().unwrap_or("");
            Lang::from_code(primary)
        })
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_takes_the_first_supported_tag() {
        assert_eq!(
            Lang::from_accept_language("de-DE,en-GB;q=0.8,fr;q=0.5"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("fr-FR,fr;q=0.9"), Some(Lang::Fr));
        assert_eq!(Lang::from_accept_language("de, es"), None);
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn codes_round_trip() {
        for lang in [Lang::Fr, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("xx"), None);
    }
}
