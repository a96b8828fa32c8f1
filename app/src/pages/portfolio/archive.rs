//! `/portfolio/exporter` (download the whole portfolio as a ZIP, print it, import an archive
//! from another Sillage) and `/portfolio/imprimer` (every entry on one page, for paper or PDF).

use super::entries::EntrySummary;
use super::get_portfolio;
use super::texts::portfolio_texts;
use crate::i18n::{texts, Lang};
use crate::pages::layout::{load_failure, Page};
use domain::portfolio::evidence::human_size;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The import's outcome, from the query the import handler redirects with.
fn import_outcome(lang: Lang, query: &leptos_router::params::ParamsMap) -> Option<AnyView> {
    let pt = portfolio_texts(lang);
    if query.get("import").as_deref() == Some("ok") {
        let count = |key: &str| {
            query
                .get(key)
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
        };
        let text = format!(
            "{} {} {}, {} {}, {} {}.",
            pt.import_done,
            count("entrees"),
            pt.entries_count,
            count("preuves"),
            pt.import_files,
            count("pages"),
            pt.import_pages
        );
        return Some(
            view! { <p class="notice" role="status" data-testid="import-done">{text}</p> }
                .into_any(),
        );
    }
    let code = query.get("import_erreur")?;
    let index = query.get("n").unwrap_or_default();
    let message = match code.as_str() {
        "zip" => pt.import_error_zip.to_owned(),
        "format" => pt.import_error_format.to_owned(),
        "version" => pt.import_error_version.to_owned(),
        "entree" => format!("{} {index}.", pt.import_error_entry),
        "page" => format!("{} {index}.", pt.import_error_page),
        "fichier" => pt.import_error_file.to_owned(),
        "trop-gros" => pt.import_error_too_large.to_owned(),
        "trop-nombreux" => pt.import_error_too_many.to_owned(),
        _ => pt.import_error_empty.to_owned(),
    };
    Some(
        view! {
            <div class="error-summary" role="alert" data-testid="import-refused">
                <p><strong>{pt.import_refused}</strong></p>
                <p>{message}</p>
            </div>
        }
        .into_any(),
    )
}

#[component]
pub fn ArchivePage() -> impl IntoView {
    let query = use_query_map();
    view! {
        <Page title=|t| portfolio_texts(t.lang).archive_title.to_owned() let:viewer>
            {
                let lang = viewer.lang;
                let pt = portfolio_texts(lang);
                view! {
                    <p class="breadcrumb"><a href="/portfolio">{pt.back_to_portfolio}</a></p>
                    <h1 id="titre-page">{pt.archive_title}</h1>
                    {move || query.with(|q| import_outcome(lang, q))}
                    <section aria-labelledby="exporter">
                        <h2 id="exporter">{pt.export_title}</h2>
                        <p>{pt.export_intro}</p>
                        <p class="actions">
                            <a class="button button-primary" href="/portfolio/export.zip" rel="external" download="" data-testid="export-zip">{pt.export_zip}</a>
                            <a class="button" href="/portfolio/imprimer">{pt.export_print}</a>
                        </p>
                    </section>
                    <section aria-labelledby="importer">
                        <h2 id="importer">{pt.import_title}</h2>
                        <p>{pt.import_intro}</p>
                        <form method="post" action="/portfolio/import" enctype="multipart/form-data" class="evidence-form">
                            <div class="field">
                                <label for="archive">{pt.import_label}</label>
                                <input id="archive" type="file" name="archive" accept=".zip,application/zip" required=true/>
                            </div>
                            <button type="submit" class="button" data-testid="import-zip">{pt.import_button}</button>
                        </form>
                    </section>
                }
            }
        </Page>
    }
}

#[component]
pub fn PrintPage() -> impl IntoView {
    let portfolio = Resource::new_blocking(|| (), |_| get_portfolio());
    view! {
        <Page title=|t| portfolio_texts(t.lang).title.to_owned() let:viewer>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading}</p> }>
                {
                    let name = viewer
                        .account
                        .as_ref()
                        .map(|a| format!("{} {}", a.given_name, a.family_name))
                        .unwrap_or_default();
                    let lang = viewer.lang;
                    move || {
                    let name = name.clone();
                    Suspend::new(async move {
                    let pt = portfolio_texts(lang);
                    match portfolio.await {
                        Ok(data) => view! {
                            <p class="no-print breadcrumb"><a href="/portfolio/exporter">{pt.archive_title}</a></p>
                            <h1 id="titre-page">{format!("{} — {name}", pt.title)}</h1>
                            <p class="no-print hint">{pt.print_hint}</p>
                            <div class="print-entries" data-testid="print-entries">
                                {data.entries.into_iter().map(|entry| {
                                    let files: Vec<String> = entry.evidence.iter().map(|f| format!("{} ({})", f.file_name, human_size(f.size, lang))).collect();
                                    view! {
                                        <article class="entry-card print-entry">
                                            <EntrySummary pt=pt lang=lang entry=entry.clone() plain=true/>
                                            {(!entry.description.is_empty()).then(|| view! { <p class="prose">{entry.description.clone()}</p> })}
                                            {(!entry.reflection.is_empty()).then(|| view! {
                                                <p class="prose"><strong>{format!("{} : ", pt.what_i_learned)}</strong>{entry.reflection.clone()}</p>
                                            })}
                                            {(!files.is_empty()).then(|| view! {
                                                <p><strong>{format!("{} : ", pt.evidence_title)}</strong>{files.join(", ")}</p>
                                            })}
                                        </article>
                                    }
                                }).collect_view()}
                            </div>
                        }.into_any(),
                        Err(error) => load_failure(texts(lang), error),
                    }
                })
                    }
                }
            </Suspense>
        </Page>
    }
}
