//! How long would a password resist guessing? A zxcvbn-style estimate, with French
//! dictionaries: the password is cut into the cheapest sequence of patterns an attacker tries
//! first (common passwords, words, names, dates, keyboard rows, sequences, repeats), and what
//! no pattern explains is counted as brute force. The result is in bits (log2 of the guesses),
//! read against the CNIL's 2022 recommendation: 80 bits for a password used alone.

use domain::text::fold;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The CNIL's target for a password that is the only protection of an account.
pub const CNIL_BITS_ALONE: f64 = 80.0;
/// The CNIL's target when the service limits attempts (delays, captcha, lock-out).
pub const CNIL_BITS_LIMITED: f64 = 50.0;
/// Passwords longer than this are estimated on this prefix plus brute force for the rest.
const MAX_ANALYSED: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    VeryWeak,
    Weak,
    Medium,
    Good,
    Strong,
}

/// What made the password easier to guess, for the explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Finding {
    CommonPassword,
    Word,
    PersonalInfo,
    Date,
    KeyboardRow,
    Sequence,
    Repeat,
    Short,
    OneKindOfCharacter,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Strength {
    pub bits: f64,
    pub level: Level,
    pub findings: Vec<Finding>,
}

static COMMON: &str = include_str!("common_passwords.txt");
static WORDS: &str = include_str!("words_fr.txt");

struct Dictionaries {
    /// Common passwords, by rank (1 = most common).
    common: HashMap<&'static str, u32>,
    words: HashMap<&'static str, u32>,
}

fn dictionaries() -> &'static Dictionaries {
    static DICTIONARIES: OnceLock<Dictionaries> = OnceLock::new();
    DICTIONARIES.get_or_init(|| {
        let rank = |text: &'static str| {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .enumerate()
                .map(|(i, w)| (w, i as u32 + 1))
                .collect::<HashMap<_, _>>()
        };
        Dictionaries {
            common: rank(COMMON),
            words: rank(WORDS),
        }
    })
}

const KEYBOARD_ROWS: [&str; 8] = [
    "azertyuiop",
    "qsdfghjklm",
    "wxcvbn",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "1234567890",
    "&é\"'(-è_çà",
];

fn unleet(c: char) -> char {
    match c {
        '0' => 'o',
        '1' | '!' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        other => other,
    }
}

fn cardinality(c: char) -> f64 {
    if c.is_ascii_digit() {
        10.0
    } else if c.is_ascii_alphabetic() {
        26.0
    } else if c.is_ascii() {
        33.0
    } else {
        100.0
    }
}

/// Extra guesses for capitals in a word: none, first only or all (×2), otherwise more.
fn case_factor(chars: &[char]) -> f64 {
    let upper = chars.iter().filter(|c| c.is_uppercase()).count();
    if upper == 0 {
        1.0
    } else if upper == chars.len() || (upper == 1 && chars[0].is_uppercase()) {
        2.0
    } else {
        2f64.powi(upper.min(chars.len() - upper) as i32 + 1)
    }
}

/// The cheapest pattern for `chars` (one candidate segment), in guesses, if any.
fn pattern_guesses(chars: &[char], personal: &[String]) -> Option<(f64, Finding)> {
    let n = chars.len();
    let lower = fold(&chars.iter().collect::<String>());
    let unleeted: String = lower.chars().map(unleet).collect();
    let leet_factor = if unleeted != lower { 2.0 } else { 1.0 };
    let reversed: String = unleeted.chars().rev().collect();
    let dicts = dictionaries();
    let mut best: Option<(f64, Finding)> = None;
    let mut consider = |guesses: f64, finding: Finding| {
        if best.is_none_or(|(g, _)| guesses < g) {
            best = Some((guesses.max(1.0), finding));
        }
    };
    let case = case_factor(chars);
    for (candidate, factor) in [
        (&lower, 1.0),
        (&unleeted, leet_factor),
        (&reversed, 2.0 * leet_factor),
    ] {
        if let Some(rank) = dicts.common.get(candidate.as_str()) {
            consider(f64::from(*rank) * case * factor, Finding::CommonPassword);
        }
        // An unranked list: an attacker tries it whole, half of it on average.
        if n >= 3 && dicts.words.contains_key(candidate.as_str()) {
            consider(
                dicts.words.len() as f64 / 2.0 * case * factor,
                Finding::Word,
            );
        }
        if n >= 3 && personal.iter().any(|p| p == candidate) {
            consider(20.0 * case * factor, Finding::PersonalInfo);
        }
    }
    if n >= 3 && chars.iter().all(|c| *c == chars[0]) {
        consider(cardinality(chars[0]) * n as f64, Finding::Repeat);
    }
    if n >= 3 {
        let codes: Vec<i64> = lower.chars().map(|c| i64::from(u32::from(c))).collect();
        let step = codes[1] - codes[0];
        if (step == 1 || step == -1) && codes.windows(2).all(|w| w[1] - w[0] == step) {
            let start = lower.chars().next().unwrap_or('a');
            let base = if "az019".contains(start) {
                4.0
            } else if start.is_ascii_digit() {
                10.0
            } else {
                26.0
            };
            consider(
                base * n as f64 * if step < 0 { 2.0 } else { 1.0 },
                Finding::Sequence,
            );
        }
    }
    if n >= 4
        && KEYBOARD_ROWS
            .iter()
            .any(|row| row.contains(lower.as_str()) || row.contains(reversed.as_str()))
    {
        consider(50.0 * n as f64, Finding::KeyboardRow);
    }
    if chars.iter().all(char::is_ascii_digit) {
        let number: String = chars.iter().collect();
        if n == 4 && (1900..=2039).contains(&number.parse::<u32>().unwrap_or(0)) {
            consider(150.0, Finding::Date);
        }
        if n == 6 || n == 8 {
            let (day, month) = (
                number[0..2].parse::<u32>().unwrap_or(0),
                number[2..4].parse::<u32>().unwrap_or(0),
            );
            if (1..=31).contains(&day) && (1..=12).contains(&month) {
                consider(366.0 * if n == 6 { 100.0 } else { 150.0 }, Finding::Date);
            }
        }
    }
    best
}

/// Estimates `password`'s strength; `personal` holds the student's names and username, which
/// an attacker who knows them tries first.
pub fn estimate(password: &str, personal: &[String]) -> Strength {
    let all: Vec<char> = password.chars().collect();
    let chars = &all[..all.len().min(MAX_ANALYSED)];
    let personal: Vec<String> = personal
        .iter()
        .map(|p| fold(p))
        .filter(|p| p.chars().count() >= 3)
        .collect();
    let n = chars.len();
    // best[i]: the fewest bits to explain chars[..i], with the findings on that path.
    let mut best: Vec<(f64, Vec<Finding>)> = vec![(f64::INFINITY, Vec::new()); n + 1];
    best[0] = (0.0, Vec::new());
    for end in 1..=n {
        // Brute force for one character.
        let (bits, findings) = best[end - 1].clone();
        let candidate = bits + cardinality(chars[end - 1]).log2();
        if candidate < best[end].0 {
            best[end] = (candidate, findings);
        }
        for start in 0..end.saturating_sub(1) {
            if let Some((guesses, finding)) = pattern_guesses(&chars[start..end], &personal) {
                let (bits, findings) = &best[start];
                // One more bit per pattern: the attacker also guesses how they are put together.
                let candidate = bits + guesses.log2() + if start > 0 { 1.0 } else { 0.0 };
                if candidate < best[end].0 {
                    let mut findings = findings.clone();
                    findings.push(finding);
                    best[end] = (candidate, findings);
                }
            }
        }
    }
    let extra: f64 = all[n..].iter().map(|c| cardinality(*c).log2()).sum();
    let (bits, mut findings) = best[n].clone();
    let bits = if n == 0 { 0.0 } else { bits + extra };
    if all.len() < 12 && !all.is_empty() {
        findings.push(Finding::Short);
    }
    let kinds = [
        all.iter().any(char::is_ascii_lowercase),
        all.iter().any(char::is_ascii_uppercase),
        all.iter().any(char::is_ascii_digit),
        all.iter().any(|c| !c.is_ascii_alphanumeric()),
    ];
    if all.len() < 20 && kinds.iter().filter(|k| **k).count() == 1 {
        findings.push(Finding::OneKindOfCharacter);
    }
    findings.sort_unstable();
    findings.dedup();
    Strength {
        bits: (bits * 10.0).round() / 10.0,
        level: level_of(bits),
        findings,
    }
}

pub fn level_of(bits: f64) -> Level {
    if bits < 28.0 {
        Level::VeryWeak
    } else if bits < CNIL_BITS_LIMITED {
        Level::Weak
    } else if bits < 65.0 {
        Level::Medium
    } else if bits < CNIL_BITS_ALONE {
        Level::Good
    } else {
        Level::Strong
    }
}

pub fn french_words() -> Vec<&'static str> {
    WORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits(password: &str) -> f64 {
        estimate(password, &[]).bits
    }

    #[test]
    fn common_and_patterned_passwords_are_weak() {
        for weak in [
            "123456",
            "azerty",
            "motdepasse",
            "Soleil2012",
            "azertyuiop",
            "aaaaaaaa",
            "abcdefgh",
            "P@ssw0rd",
            "01022011",
        ] {
            let s = estimate(weak, &[]);
            assert!(s.bits < 28.0, "{weak}: {s:?}");
            assert_eq!(s.level, Level::VeryWeak, "{weak}");
        }
        assert!(estimate("azerty", &[])
            .findings
            .contains(&Finding::CommonPassword));
        assert!(estimate("Soleil2003", &[])
            .findings
            .contains(&Finding::Date));
    }

    #[test]
    fn the_students_own_name_counts_for_little() {
        let personal = vec!["Inès".to_owned(), "Moreau".to_owned()];
        let s = estimate("ines-moreau", &personal);
        assert!(s.findings.contains(&Finding::PersonalInfo), "{s:?}");
        assert!(s.bits < 28.0, "{s:?}");
        assert!(bits("ines-moreau") > s.bits);
    }

    #[test]
    fn long_random_passwords_and_passphrases_reach_the_cnil_target() {
        let s = estimate("tG7#qL9!vR2$wX4&mZ", &[]);
        assert_eq!(s.level, Level::Strong, "{s:?}");
        assert!(s.bits >= CNIL_BITS_ALONE);
        // Eight words of the list: each costs about 9 bits, separators are not free.
        let passphrase = "cheval-nuage-piano-ruche-tilleul-gazon-phare-moulin";
        assert!(bits(passphrase) >= CNIL_BITS_ALONE, "{}", bits(passphrase));
        // Four words are far from it, and the estimate says it is words.
        let s = estimate("cheval nuage piano ruche", &[]);
        assert!(s.bits < CNIL_BITS_ALONE, "{s:?}");
        assert!(s.findings.contains(&Finding::Word));
    }

    #[test]
    fn empty_and_very_long_passwords() {
        assert_eq!(bits(""), 0.0);
        // Very long input is bounded in time and still counted.
        let long = "x7Q!".repeat(200);
        assert!(bits(&long) > 400.0);
    }
}
