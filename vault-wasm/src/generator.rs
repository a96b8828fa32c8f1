//! Passphrases from the French word list and random passwords, drawn with the browser's
//! cryptographic random numbers (rejection sampling: every word or character equally likely).
//! The generator knows its own entropy exactly, unlike an estimate.

use crate::crypto::{random, CryptoError};
use crate::strength::french_words;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Generated {
    pub text: String,
    /// The exact entropy of the draw, in bits.
    pub bits: f64,
}

/// A uniform number in `0..bound` (bound ≥ 1).
fn uniform(bound: u32) -> Result<u32, CryptoError> {
    // The largest multiple of `bound` that fits: values above it are drawn again.
    let zone = u32::MAX - (u32::MAX % bound);
    loop {
        let bytes = random::<4>()?;
        let value = u32::from_le_bytes(*bytes);
        if value < zone {
            return Ok(value % bound);
        }
    }
}

pub const MIN_WORDS: u32 = 4;
pub const MAX_WORDS: u32 = 12;

/// The fewest words that reach `bits` with this list.
pub fn words_for(bits: f64) -> u32 {
    let per_word = (french_words().len() as f64).log2();
    ((bits / per_word).ceil() as u32).clamp(MIN_WORDS, MAX_WORDS)
}

pub fn passphrase(words: u32, separator: char) -> Result<Generated, CryptoError> {
    let list = french_words();
    let words = words.clamp(MIN_WORDS, MAX_WORDS);
    let mut chosen = Vec::with_capacity(words as usize);
    for _ in 0..words {
        chosen.push(list[uniform(list.len() as u32)? as usize]);
    }
    Ok(Generated {
        text: chosen.join(&separator.to_string()),
        bits: f64::from(words) * (list.len() as f64).log2(),
    })
}

const LOWER: &str = "abcdefghijkmnopqrstuvwxyz";
const UPPER: &str = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS: &str = "23456789";
const SYMBOLS: &str = "!#$%&*+-=?@_";

pub const MIN_LENGTH: u32 = 8;
pub const MAX_LENGTH: u32 = 64;

/// A random password of `length` characters with at least one of each kind asked for (sites
/// often demand them); look-alike characters (l, I, O, 0, 1) are left out so it can be copied
/// by hand from a phone to a school computer.
pub fn password(length: u32, symbols: bool) -> Result<Generated, CryptoError> {
    let length = length.clamp(MIN_LENGTH, MAX_LENGTH) as usize;
    let mut kinds = vec![LOWER, UPPER, DIGITS];
    if symbols {
        kinds.push(SYMBOLS);
    }
    let alphabet: Vec<char> = kinds.concat().chars().collect();
    loop {
        let mut text = String::with_capacity(length);
        for _ in 0..length {
            text.push(alphabet[uniform(alphabet.len() as u32)? as usize]);
        }
        if kinds
            .iter()
            .all(|kind| text.chars().any(|c| kind.contains(c)))
        {
            // Drawing again until every kind is present removes a small share of the space;
            // the bits count the whole space, which overstates by well under one bit here.
            let bits = length as f64 * (alphabet.len() as f64).log2();
            return Ok(Generated { text, bits });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strength::{estimate, CNIL_BITS_ALONE};

    #[test]
    fn passphrases_are_words_of_the_list_and_reach_the_target() {
        let words = words_for(CNIL_BITS_ALONE);
        assert_eq!(words, 8);
        let generated = passphrase(words, '-').unwrap();
        assert!(generated.bits >= CNIL_BITS_ALONE, "{generated:?}");
        let list = french_words();
        let parts: Vec<&str> = generated.text.split('-').collect();
        assert_eq!(parts.len(), 8);
        assert!(parts.iter().all(|w| list.contains(w)));
        assert!(estimate(&generated.text, &[]).bits >= CNIL_BITS_ALONE);
        assert_ne!(passphrase(8, '-').unwrap().text, generated.text);
    }

    #[test]
    fn passwords_have_every_kind_and_the_length_asked() {
        for _ in 0..50 {
            let generated = password(16, true).unwrap();
            assert_eq!(generated.text.chars().count(), 16);
            for kind in [LOWER, UPPER, DIGITS, SYMBOLS] {
                assert!(
                    generated.text.chars().any(|c| kind.contains(c)),
                    "{}",
                    generated.text
                );
            }
            assert!(!generated.text.contains(['l', 'I', 'O', '0', '1']));
        }
        assert!(password(16, true).unwrap().bits > 95.0);
        assert_eq!(password(3, false).unwrap().text.len(), 8);
    }

    #[test]
    fn the_list_is_clean() {
        let list = french_words();
        assert!(list.len() >= 1024, "{}", list.len());
        let mut sorted = list.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), list.len(), "no word twice");
        assert!(list
            .iter()
            .all(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_lowercase())));
    }

    #[test]
    fn draws_are_uniform_enough() {
        let mut counts = [0u32; 6];
        for _ in 0..6000 {
            counts[uniform(6).unwrap() as usize] += 1;
        }
        assert!(counts.iter().all(|c| (800..1200).contains(c)), "{counts:?}");
    }
}
