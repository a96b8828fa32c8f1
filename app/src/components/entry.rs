//! A portfolio entry as every page shows it: the owner's list and timeline, a competence's
//! page, a shared page, a counsellor's or a guardian's reading.

use crate::i18n::Lang;
use crate::i18n::{competence_label, human_size, level_name, school_date, texts};
use crate::pages::portfolio::texts::{portfolio_texts, PortfolioTexts};
use domain::portfolio::evidence::{EvidenceView, MediaCategory};
use domain::portfolio::frameworks::Frameworks;
use domain::portfolio::{CompetenceLinkView, EntryView};
use leptos::prelude::*;

/// An entry's title (a link to it), kind, dates, place and competences. `nested` entries sit
/// under a section's h2 (a year, a competence), so their titles are h3.
#[component]
pub fn EntrySummary(
    pt: &'static PortfolioTexts,
    lang: Lang,
    entry: EntryView,
    #[prop(optional)] nested: bool,
    /// For someone else's eyes (a shared page): no links into the owner's portfolio.
    #[prop(optional)]
    plain: bool,
) -> impl IntoView {
    let dates = entry_dates(&entry, pt, lang);
    let link = if plain {
        view! { <span>{entry.title.clone()}</span> }.into_any()
    } else {
        view! { <a href=format!("/portfolio/entrees/{}", entry.id)>{entry.title.clone()}</a> }
            .into_any()
    };
    let title = if nested {
        view! { <h3 class="entry-title">{link}</h3> }.into_any()
    } else {
        view! { <h2 class="entry-title">{link}</h2> }.into_any()
    };
    view! {
        {title}
        <p class="entry-meta">
            <span class="entry-kind">{portfolio_texts(lang).entry_kind(entry.kind)}</span>
            <span>{dates}</span>
            {(!entry.place.is_empty()).then(|| view! { <span>{entry.place.clone()}</span> })}
        </p>
        <CompetenceChips pt=pt lang=lang links=entry.competences plain=plain/>
    }
}

/// An entry as someone else reads it (a link holder, a counsellor): no link into the owner's
/// portfolio; its files fetched under `files_base`, which checks the reader's right to them.
#[component]
pub fn ReadOnlyEntry(lang: Lang, entry: EntryView, files_base: String) -> impl IntoView {
    let pt = portfolio_texts(lang);
    let files = entry.evidence.clone();
    view! {
        <EntrySummary pt=pt lang=lang entry=entry.clone() plain=true/>
        {(!entry.description.is_empty()).then(|| view! { <p class="prose">{entry.description.clone()}</p> })}
        {(!entry.reflection.is_empty()).then(|| view! {
            <p class="prose"><strong>{texts(lang).label_colon(pt.what_i_learned())}" "</strong>{entry.reflection.clone()}</p>
        })}
        {(!files.is_empty()).then(|| view! {
            <ul class="evidence-list">
                {files.into_iter().map(|file| {
                    let href = format!("{files_base}/{}", file.id);
                    view! { <EvidenceItem lang=lang file=file read_only=true href=href/> }
                }).collect_view()}
            </ul>
        })}
    }
}

/// One file: an image is shown, a sound or a video gets its player, a PDF a link.
#[component]
pub fn EvidenceItem(
    lang: Lang,
    file: EvidenceView,
    #[prop(optional)] read_only: bool,
    /// Where the file is fetched from, when not the owner's own address (a shared page's).
    #[prop(optional, into)]
    href: Option<String>,
) -> impl IntoView {
    let pt = portfolio_texts(lang);
    let href = href.unwrap_or_else(|| file.href());
    let size = human_size(file.size, lang);
    let preview = match file.media_type.category() {
        MediaCategory::Image => view! {
            <img src=format!("{href}?miniature") alt=file.file_name.clone() loading="lazy" class="evidence-image"/>
        }
        .into_any(),
        MediaCategory::Audio => view! { <audio controls preload="none" src=href.clone()></audio> }.into_any(),
        MediaCategory::Video => view! { <video controls preload="none" src=href.clone() class="evidence-video"></video> }.into_any(),
        MediaCategory::Document => ().into_any(),
    };
    let label = texts(lang).label_value(pt.evidence_remove(), &file.file_name);
    view! {
        <li class="evidence-item" data-media=file.media_type.mime()>
            {preview}
            <p>
                <a href=href.clone() rel="external" target="_blank">{file.file_name.clone()}</a>
                <span class="muted">{format!(" ({size})")}</span>
            </p>
            {(!read_only).then(|| view! {
                <form method="post" action=format!("/portfolio/preuves/{}/supprimer", file.id) class="inline-form">
                    <button type="submit" class="button button-secondary">{label}</button>
                </form>
            })}
        </li>
    }
}

/// The competences of an entry, with the student's assessment.
#[component]
pub fn CompetenceChips(
    pt: &'static PortfolioTexts,
    lang: Lang,
    links: Vec<CompetenceLinkView>,
    /// Names only, no links (a shared page's reader has no portfolio pages of the owner's).
    #[prop(optional)]
    plain: bool,
) -> impl IntoView {
    if links.is_empty() {
        return view! { <p class="muted">{pt.no_competence()}</p> }.into_any();
    }
    view! {
        <ul class="chips">
            {links
                .into_iter()
                .map(|link| {
                    let label = competence_label(&link, Frameworks::shipped(), lang);
                    let level = link.level.map(|level| {
                        Frameworks::shipped()
                            .framework(link.competence.framework())
                            .map(|f| level_name(f, level, lang))
                            .unwrap_or_default()
                    });
                    let href = competence_href(&link.competence.to_string());
                    let status = portfolio_texts(lang).competence_status(link.status);
                    view! {
                        <li class="chip" data-status=link.status.as_str()>
                            {if plain {
                                view! { <span>{label}</span> }.into_any()
                            } else {
                                view! { <a href=href>{label}</a> }.into_any()
                            }}
                            <span class="chip-status">
                                {match level {
                                    Some(level) => format!("{status} · {level}"),
                                    None => status.to_owned(),
                                }}
                            </span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// "12/01/2026 – 30/06/2026", or "Depuis le 12/01/2026" while it goes on.
pub fn entry_dates(entry: &EntryView, pt: &PortfolioTexts, lang: Lang) -> String {
    match entry.ended_on {
        Some(end) if end == entry.started_on => school_date(entry.started_on, lang),
        Some(end) => format!(
            "{} – {}",
            school_date(entry.started_on, lang),
            school_date(end, lang)
        ),
        None => pt.dates_from(school_date(entry.started_on, lang)),
    }
}

/// `/portfolio/competences/crcn/1.1` for `crcn:1.1`.
pub fn competence_href(competence: &str) -> String {
    let (framework, code) = competence.split_once(':').unwrap_or((competence, ""));
    format!("/portfolio/competences/{framework}/{code}")
}
