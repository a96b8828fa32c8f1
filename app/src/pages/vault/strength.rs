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
                        aria-label=tr(lang, "Solidité du mot de passe", "Password strength")>{bits}</meter>
                    <p>
                        <strong data-testid="strength-level" data-level=s.level.clone()>{word}</strong>
                        <span>{format!(" — {} {} / 80 {}. ", tr(lang, "environ", "about"), bits, tr(lang, "bits (objectif de la CNIL pour un mot de passe seul)", "bits (the CNIL's target for a password alone)"))}</span>
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
            tr(lang, "Très faible", "Very weak"),
            tr(
                lang,
                "Un programme le devine en moins d'une seconde.",
                "A program guesses it in under a second.",
            ),
        ),
        "weak" => (
            tr(lang, "Faible", "Weak"),
            tr(
                lang,
                "Un ordinateur le trouve en quelques heures ou jours.",
                "A computer finds it in hours or days.",
            ),
        ),
        "medium" => (
            tr(lang, "Moyen", "Medium"),
            tr(
                lang,
                "Suffisant seulement si le site bloque les essais répétés.",
                "Enough only if the site blocks repeated attempts.",
            ),
        ),
        "good" => (
            tr(lang, "Bon", "Good"),
            tr(
                lang,
                "Bien, avec la double authentification ; encore un ou deux mots pour l'objectif.",
                "Good with two-factor authentication; one or two more words reach the target.",
            ),
        ),
        _ => (
            tr(lang, "Solide", "Strong"),
            tr(
                lang,
                "Il atteint l'objectif de la CNIL : même seul, il résiste.",
                "It reaches the CNIL's target: even alone, it holds.",
            ),
        ),
    }
}

fn finding_words(lang: Lang, finding: &str) -> Option<&'static str> {
    Some(match finding {
        "common_password" => tr(
            lang,
            "C'est l'un des mots de passe les plus utilisés : on l'essaie en premier.",
            "It is one of the most used passwords: it is tried first.",
        ),
        "word" => tr(
            lang,
            "Il contient des mots du dictionnaire : ajoutez-en d'autres, au hasard.",
            "It contains dictionary words: add more, picked at random.",
        ),
        "personal_info" => tr(
            lang,
            "Il contient votre nom ou prénom : c'est la première chose qu'on essaie.",
            "It contains your name: that is the first thing tried.",
        ),
        "date" => tr(
            lang,
            "Il contient une date ou une année : elles sont faciles à deviner.",
            "It contains a date or a year: they are easy to guess.",
        ),
        "keyboard_row" => tr(
            lang,
            "Il suit une rangée du clavier (azerty…).",
            "It follows a keyboard row (qwerty…).",
        ),
        "sequence" => tr(
            lang,
            "Il contient une suite (abc, 123…).",
            "It contains a sequence (abc, 123…).",
        ),
        "repeat" => tr(
            lang,
            "Il répète le même caractère.",
            "It repeats the same character.",
        ),
        "short" => tr(
            lang,
            "Il est court : la longueur compte plus que les symboles.",
            "It is short: length counts more than symbols.",
        ),
        "one_kind_of_character" => tr(
            lang,
            "Il n'utilise qu'une sorte de caractères.",
            "It uses one kind of character only.",
        ),
        _ => return None,
    })
}
