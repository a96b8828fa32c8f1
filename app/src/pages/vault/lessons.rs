//! `/coffre-fort/lecons/:slug`: short lessons on mastering one's accounts, linked from the
//! strength meter and the hygiene report. Plain server-rendered pages (no vault module).

use super::tr;
use crate::i18n::Lang;
use crate::pages::layout::{set_status, Page};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

pub struct Lesson {
    pub slug: &'static str,
    title: (&'static str, &'static str),
    paragraphs: &'static [(&'static str, &'static str)],
}

impl Lesson {
    pub fn title(&self, lang: Lang) -> &'static str {
        tr(lang, self.title.0, self.title.1)
    }
}

pub const LESSONS: [Lesson; 5] = [
    Lesson {
        slug: "phrase-de-passe",
        title: ("Une phrase de passe plutôt qu'un mot de passe", "A passphrase rather than a password"),
        paragraphs: &[
            ("Les programmes qui devinent les mots de passe essaient d'abord les plus courants (123456, azerty, soleil…), puis des mots du dictionnaire, des prénoms, des dates et des suites de touches. « Soleil2012! » tombe en quelques secondes.",
             "Password-guessing programs first try the most common ones (123456, qwerty, sunshine…), then dictionary words, first names, dates and key sequences. “Sunshine2012!” falls in seconds."),
            ("Ce qui compte, c'est le hasard et la longueur. Huit mots pris au hasard dans une liste (par exemple « tilleul-gazon-phare-moulin-cheval-nuage-piano-ruche ») donnent plus de 80 bits : c'est l'objectif que la CNIL recommande pour un mot de passe utilisé seul. Il faudrait des millions d'années pour le deviner.",
             "What counts is randomness and length. Eight words picked at random from a list give more than 80 bits: the target the CNIL (France's data protection authority) recommends for a password used alone. Guessing it would take millions of years."),
            ("Les mots doivent être tirés au hasard (par le générateur, ou avec des dés), pas choisis : une phrase qui a du sens, une chanson ou une citation se devinent.",
             "The words must be drawn at random (by the generator, or with dice), not chosen: a meaningful sentence, a song or a quote can be guessed."),
            ("Une phrase de passe suffit pour le coffre-fort. Pour tous vos autres comptes, laissez le générateur créer des mots de passe aléatoires : le coffre les retient pour vous.",
             "One passphrase is enough for the vault. For all your other accounts, let the generator make random passwords: the vault remembers them for you."),
        ],
    },
    Lesson {
        slug: "un-compte-un-mot-de-passe",
        title: ("Un compte, un mot de passe", "One account, one password"),
        paragraphs: &[
            ("Des sites se font voler leurs bases de mots de passe chaque semaine. Les pirates essaient ensuite le même identifiant et le même mot de passe partout ailleurs : messagerie, réseaux sociaux, ENT.",
             "Websites have their password databases stolen every week. Attackers then try the same username and password everywhere else: email, social networks, school platforms."),
            ("Si chaque compte a son propre mot de passe, une fuite ne touche qu'un compte. Le bilan de votre coffre-fort vous montre les mots de passe utilisés plusieurs fois : changez-les un par un, en commençant par votre messagerie (elle permet de réinitialiser tous les autres).",
             "If each account has its own password, a leak only touches one account. Your vault's check-up shows the passwords used more than once: change them one by one, starting with your email (it can reset all the others)."),
        ],
    },
    Lesson {
        slug: "double-authentification",
        title: ("La double authentification", "Two-factor authentication"),
        paragraphs: &[
            ("La double authentification demande, en plus du mot de passe, une preuve que c'est bien vous : un code reçu ou affiché sur votre téléphone, ou une clé d'accès. Même si votre mot de passe est volé, le compte reste fermé.",
             "Two-factor authentication asks, besides the password, for proof that it is really you: a code received or shown on your phone, or a passkey. Even if your password is stolen, the account stays shut."),
            ("Activez-la dans les réglages de sécurité de vos comptes les plus importants (messagerie, réseaux sociaux, jeux avec des achats), puis cochez-la dans le coffre-fort : le bilan s'en souviendra.",
             "Turn it on in the security settings of your most important accounts (email, social networks, games with purchases), then tick it in the vault: the check-up will remember."),
            ("Ne donnez jamais un code reçu par SMS à quelqu'un qui vous le demande, même s'il dit être du support : c'est toujours une arnaque.",
             "Never give a code you received by text message to someone who asks for it, even if they claim to be support: it is always a scam."),
        ],
    },
    Lesson {
        slug: "changer-ses-mots-de-passe",
        title: ("Quand changer un mot de passe", "When to change a password"),
        paragraphs: &[
            ("Inutile de changer un bon mot de passe tous les mois. Changez-le quand il est faible, quand il sert sur plusieurs comptes, quand un site annonce une fuite, ou si vous l'avez donné ou tapé sur un appareil qui n'est pas le vôtre.",
             "No need to change a good password every month. Change it when it is weak, when it is used on several accounts, when a site announces a leak, or if you gave it away or typed it on a device that is not yours."),
            ("Le bilan signale les mots de passe de plus d'un an : c'est l'occasion de vérifier que le compte sert encore, et de le supprimer sinon.",
             "The check-up flags passwords over a year old: a good time to check whether the account is still used, and to delete it if not."),
        ],
    },
    Lesson {
        slug: "cle-de-secours",
        title: ("Pourquoi Sillage ne peut pas lire votre coffre", "Why Sillage cannot read your vault"),
        paragraphs: &[
            ("Votre coffre-fort est chiffré dans votre navigateur avec une clé que seule votre phrase de passe (ou votre clé de secours, ou votre clé d'accès) peut ouvrir. Le serveur ne reçoit que des données chiffrées : ni l'établissement, ni vos parents, ni Sillage ne peuvent les lire.",
             "Your vault is encrypted in your browser with a key that only your passphrase (or recovery key, or passkey) can open. The server only receives encrypted data: neither your school, nor your parents, nor Sillage can read it."),
            ("C'est aussi pourquoi personne ne peut vous rendre l'accès si vous perdez à la fois la phrase de passe et la clé de secours. Gardez la clé de secours sur papier, chez vous, loin de votre téléphone.",
             "That is also why nobody can give you access back if you lose both the passphrase and the recovery key. Keep the recovery key on paper, at home, away from your phone."),
        ],
    },
];

#[component]
pub fn LessonPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <Page title=|t| t.tile_vault.to_owned() let:viewer>
            // Reactive: following a link to another lesson keeps this page and changes the slug.
            {move || {
                let lang = viewer.lang;
                let slug = params.with(|p| p.get("slug").unwrap_or_default());
                match LESSONS.iter().find(|l| l.slug == slug) {
                    Some(lesson) => view! {
                        <article class="lesson" data-testid="lesson">
                            <h1 id="titre-page">{lesson.title(lang)}</h1>
                            {lesson.paragraphs.iter().map(|(fr, en)| view! { <p>{tr(lang, fr, en)}</p> }).collect_view()}
                            <p><a href="/coffre-fort">{tr(lang, "Retour au coffre-fort", "Back to the vault")}</a></p>
                            <nav aria-label=tr(lang, "Autres leçons", "Other lessons")>
                                <ul>
                                    {LESSONS.iter().filter(|l| l.slug != lesson.slug).map(|l| view! {
                                        <li><a href=format!("/coffre-fort/lecons/{}", l.slug)>{l.title(lang)}</a></li>
                                    }).collect_view()}
                                </ul>
                            </nav>
                        </article>
                    }.into_any(),
                    None => {
                        set_status(404);
                        view! {
                            <h1 id="titre-page">{tr(lang, "Leçon introuvable", "Lesson not found")}</h1>
                            <p><a href="/coffre-fort">{tr(lang, "Retour au coffre-fort", "Back to the vault")}</a></p>
                        }.into_any()
                    }
                }
            }}
        </Page>
    }
}
