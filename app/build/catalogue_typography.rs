//! French typography, applied to the French catalogue only.

use super::Piece;

/// A narrow no-break space (U+202F) where French typography puts a space before `:` `;` `?` `!`
/// `»` and after `«`: an ordinary or no-break space typed there becomes one.
pub(super) fn french_typography(pieces: Vec<Piece>) -> Vec<Piece> {
    pieces
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => Piece::Text(french_spaces(&text)),
            Piece::Select {
                var,
                counted,
                numbers,
                named,
                default,
            } => Piece::Select {
                var,
                counted,
                numbers: numbers
                    .into_iter()
                    .map(|(k, p)| (k, french_typography(p)))
                    .collect(),
                named: named
                    .into_iter()
                    .map(|(k, p)| (k, french_typography(p)))
                    .collect(),
                default: french_typography(default),
            },
            var => var,
        })
        .collect()
}

pub(super) fn french_spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let space = c == ' ' || c == '\u{a0}';
        let before_mark = chars
            .get(i + 1)
            .is_some_and(|n| matches!(n, ':' | ';' | '?' | '!' | '»'));
        let after_open = i > 0 && chars[i - 1] == '«';
        out.push(if space && (before_mark || after_open) {
            '\u{202f}'
        } else {
            c
        });
    }
    out
}
