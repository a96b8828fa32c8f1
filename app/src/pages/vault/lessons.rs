//! `/coffre-fort/lecons/:slug`: short lessons on mastering one's accounts, linked from the
//! strength meter and the hygiene report. Plain server-rendered pages (no vault module).

use super::texts::vault_texts;
use crate::i18n::catalogue::LessonsTexts;
use crate::i18n::Lang;
use crate::pages::layout::{set_status, Page};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A lesson: its address, and its words in `locales/*/lessons.ftl`.
pub struct Lesson {
    pub slug: &'static str,
    title: fn(&LessonsTexts) -> &'static str,
    paragraphs: &'static [fn(&LessonsTexts) -> &'static str],
}

impl Lesson {
    pub fn title(&self, lang: Lang) -> &'static str {
        (self.title)(LessonsTexts::of(lang))
    }
}

pub const LESSONS: [Lesson; 5] = [
    Lesson {
        slug: "phrase-de-passe",
        title: LessonsTexts::phrase_de_passe_title,
        paragraphs: &[
            LessonsTexts::phrase_de_passe_1,
            LessonsTexts::phrase_de_passe_2,
            LessonsTexts::phrase_de_passe_3,
            LessonsTexts::phrase_de_passe_4,
        ],
    },
    Lesson {
        slug: "un-compte-un-mot-de-passe",
        title: LessonsTexts::un_compte_un_mot_de_passe_title,
        paragraphs: &[
            LessonsTexts::un_compte_un_mot_de_passe_1,
            LessonsTexts::un_compte_un_mot_de_passe_2,
        ],
    },
    Lesson {
        slug: "double-authentification",
        title: LessonsTexts::double_authentification_title,
        paragraphs: &[
            LessonsTexts::double_authentification_1,
            LessonsTexts::double_authentification_2,
            LessonsTexts::double_authentification_3,
        ],
    },
    Lesson {
        slug: "changer-ses-mots-de-passe",
        title: LessonsTexts::changer_ses_mots_de_passe_title,
        paragraphs: &[
            LessonsTexts::changer_ses_mots_de_passe_1,
            LessonsTexts::changer_ses_mots_de_passe_2,
        ],
    },
    Lesson {
        slug: "cle-de-secours",
        title: LessonsTexts::cle_de_secours_title,
        paragraphs: &[
            LessonsTexts::cle_de_secours_1,
            LessonsTexts::cle_de_secours_2,
        ],
    },
];

#[component]
pub fn LessonPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <Page title=|t| t.tile_vault().to_owned() let:viewer>
            // Reactive: following a link to another lesson keeps this page and changes the slug.
            {move || {
                let lang = viewer.lang;
                let slug = params.with(|p| p.get("slug").unwrap_or_default());
                match LESSONS.iter().find(|l| l.slug == slug) {
                    Some(lesson) => view! {
                        <article class="lesson" data-testid="lesson">
                            <h1 id="titre-page">{lesson.title(lang)}</h1>
                            {lesson.paragraphs.iter().map(|paragraph| view! { <p>{paragraph(LessonsTexts::of(lang))}</p> }).collect_view()}
                            <p><a href="/coffre-fort">{vault_texts(lang).back_to_vault()}</a></p>
                            <nav aria-label=vault_texts(lang).other_lessons()>
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
                            <h1 id="titre-page">{vault_texts(lang).lesson_not_found()}</h1>
                            <p><a href="/coffre-fort">{vault_texts(lang).back_to_vault()}</a></p>
                        }.into_any()
                    }
                }
            }}
        </Page>
    }
}
