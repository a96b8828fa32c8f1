//! The strength meter under a password field, its levels and findings in words.

use super::*;

/// The meter under a password field: bits against the CNIL's 80, in words.
#[component]
pub(super) fn StrengthMeter(password: Signal<String>, id: &'static str) -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let strength = Memo::new(move |_| {
        let password = password.get();
        if password.is_empty() {
            return None;
        }
        #[cfg(feature = "hydrate")]
        {
            client::strength(&password, &ctx.personal.get_value())
        }
        #[cfg(not(feature = "hydrate"))]
        {
            None::<Strength>
        }
    });
    view! {
        <div class="strength" id=id aria-live="polite" data-testid="strength">
            {move || strength.get().map(|s| {
                let (word, explain) = level_words(lang, &s.level);
                let bits = s.bits.round() as i64;
                let findings: Vec<&'static str> = s.findings.iter().filter_map(|f| finding_words(lang, f)).collect();
                view! {
                    <meter min="0" max="100" low="50" high="80" optimum="100" value=s.bits.min(100.0).to_string()
                        aria-label=vault_texts(lang).password_strength()>{bits}</meter>
                    <p>
                        <strong data-testid="strength-level" data-level=s.level.clone()>{word}</strong>
                        <span>" "{vault_texts(lang).strength_bits(bits)}" "</span>
                        <span>{explain}</span>
                    </p>
                    {(!findings.is_empty()).then(|| view! {
                        <ul class="strength-findings">{findings.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul>
                    })}
                }
            })}
        </div>
    }
}

fn level_words(lang: Lang, level: &str) -> (&'static str, &'static str) {
    match level {
        "very_weak" => (
            vault_texts(lang).very_weak(),
            vault_texts(lang).program_guesses_it_in_under(),
        ),
        "weak" => (
            vault_texts(lang).weak(),
            vault_texts(lang).computer_finds_it_in_hours(),
        ),
        "medium" => (
            vault_texts(lang).medium(),
            vault_texts(lang).enough_only_if_site_blocks(),
        ),
        "good" => (
            vault_texts(lang).good(),
            vault_texts(lang).good_with_two_factor_authentication(),
        ),
        _ => (
            vault_texts(lang).strong(),
            vault_texts(lang).it_reaches_cnils_target_even(),
        ),
    }
}

fn finding_words(lang: Lang, finding: &str) -> Option<&'static str> {
    Some(match finding {
        "common_password" => vault_texts(lang).it_is_one_of_most(),
        "word" => vault_texts(lang).it_contains_dictionary_words_add(),
        "personal_info" => vault_texts(lang).it_contains_your_name_that(),
        "date" => vault_texts(lang).it_contains_date_or_year(),
        "keyboard_row" => vault_texts(lang).it_follows_keyboard_row_qwerty(),
        "sequence" => vault_texts(lang).it_contains_sequence_abc_123(),
        "repeat" => vault_texts(lang).it_repeats_same_character(),
        "short" => vault_texts(lang).it_is_short_length_counts(),
        "one_kind_of_character" => vault_texts(lang).it_uses_one_kind_of(),
        _ => return None,
    })
}
