//! `/portfolio/exporter` (download the whole portfolio as a ZIP, print it, import an archive
//! from another Sillage) and `/portfolio/imprimer` (every entry on one page, for paper or PDF).

use super::get_portfolio;
use super::texts::portfolio_texts;
use crate::components::EntrySummary;
use crate::i18n::human_size;
use crate::i18n::{texts, Lang};
use crate::pages::layout::{load_failure, Page};
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
        let text = pt.import_done(count("entrees"), count("preuves"), count("pages"));
        // The guidance data the archive carried (`orientation.json`), and what this instance's
        // ONISEP data or calendar could not place.
        let guidance = match (count("orientation"), count("ecartes")) {
            (0, 0) => None,
            (added, 0) => Some(pt.import_done_guidance(added)),
            (added, left_out) => Some(pt.import_done_guidance_left_out(added, left_out)),
        };
        return Some(
            view! {
                <div class="notice" role="status" data-testid="import-done">
                    <p>{text}</p>
                    {guidance.map(|text| view! { <p data-testid="import-guidance">{text}</p> })}
                </div>
            }
            .into_any(),
        );
    }
    let code = query.get("import_erreur")?;
    // Only a number is shown back: the address is anyone's to write.
    let index = query
        .get("n")
        .and_then(|n| n.parse::<u32>().ok())
        .map(|n| n.to_string())
        .unwrap_or_default();
    let message = match code.as_str() {
        "zip" => pt.import_error_zip().to_owned(),
        "format" => pt.import_error_format().to_owned(),
        "version" => pt.import_error_version().to_owned(),
        "entree" => pt.import_error_entry(index),
        "page" => pt.import_error_page(index),
        "fichier" => pt.import_error_file().to_owned(),
        "trop-gros" => pt.import_error_too_large().to_owned(),
        "trop-nombreux" => pt.import_error_too_many().to_owned(),
        "membres" => pt.import_error_too_many_members().to_owned(),
        "quota" => pt.import_error_quota().to_owned(),
        "orientation" => pt.import_error_guidance().to_owned(),
        "orientation-limite" => pt.import_error_guidance_limit().to_owned(),
        "en-cours" => pt.import_error_busy().to_owned(),
        _ => pt.import_error_empty().to_owned(),
    };
    Some(
        view! {
            <div class="error-summary" role="alert" data-testid="import-refused">
                <p><strong>{pt.import_refused()}</strong></p>
                <p>{message}</p>
            </div>
        }
        .into_any(),
    )
}

/// What the pupil's evidence takes, and the quota.
#[server(prefix = "/api", endpoint = "portfolio_storage")]
pub async fn get_storage_use() -> Result<(u64, u64), crate::error::PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ReadPortfolio).await?;
    domain::portfolio::evidence_store::storage_use(&portal.db, portal.evidence_limits, account.id)
        .await
        .map_err(|error| {
            tracing::error!(%error, "could not read the storage used");
            crate::error::PortalError::Unavailable
        })
}

#[component]
pub fn ArchivePage() -> impl IntoView {
    let query = use_query_map();
    let storage = Resource::new_blocking(|| (), |_| get_storage_use());
    view! {
        <Page title=|t| portfolio_texts(t.lang).archive_title().to_owned() let:viewer>
            {
                let lang = viewer.lang;
                let pt = portfolio_texts(lang);
                view! {
                    <p class="breadcrumb"><a href="/portfolio">{pt.back_to_portfolio()}</a></p>
                    <h1 id="titre-page">{pt.archive_title()}</h1>
                    {move || query.with(|q| import_outcome(lang, q))}
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            storage.await.ok().map(|(used, quota)| view! {
                                <p data-testid="storage-use">
                                    {pt.storage_used(human_size(quota, lang), human_size(used, lang))}
                                    " "<meter min="0" max=quota.to_string() value=used.to_string() aria-hidden="true"></meter>
                                </p>
                            })
                        })}
                    </Suspense>
                    <section aria-labelledby="exporter">
                        <h2 id="exporter">{pt.export_title()}</h2>
                        <p>{pt.export_intro()}</p>
                        <p class="actions">
                            <a class="button button-primary" href="/portfolio/export.zip" rel="external" download="" data-testid="export-zip">{pt.export_zip()}</a>
                            <a class="button" href="/portfolio/imprimer">{pt.export_print()}</a>
                        </p>
                    </section>
                    <section aria-labelledby="importer">
                        <h2 id="importer">{pt.import_title()}</h2>
                        <p>{pt.import_intro()}</p>
                        <form method="post" action="/portfolio/import" enctype="multipart/form-data" class="evidence-form">
                            <div class="field">
                                <label for="archive">{pt.import_label()}</label>
                                <input id="archive" type="file" name="archive" accept=".zip,application/zip" required=true/>
                            </div>
                            <button type="submit" class="button" data-testid="import-zip">{pt.import_button()}</button>
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
        <Page title=|t| portfolio_texts(t.lang).title().to_owned() let:viewer>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
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
                            <p class="no-print breadcrumb"><a href="/portfolio/exporter">{pt.archive_title()}</a></p>
                            <h1 id="titre-page">{format!("{} — {name}", pt.title())}</h1>
                            <p class="no-print hint">{pt.print_hint()}</p>
                            <div class="print-entries" data-testid="print-entries">
                                {data.entries.into_iter().map(|entry| {
                                    let files: Vec<String> = entry.evidence.iter().map(|f| format!("{} ({})", f.file_name, human_size(f.size, lang))).collect();
                                    view! {
                                        <article class="entry-card print-entry">
                                            <EntrySummary pt=pt lang=lang entry=entry.clone() plain=true/>
                                            {(!entry.description.is_empty()).then(|| view! { <p class="prose">{entry.description.clone()}</p> })}
                                            {(!entry.reflection.is_empty()).then(|| view! {
                                                <p class="prose"><strong>{texts(lang).label_colon(pt.what_i_learned())}" "</strong>{entry.reflection.clone()}</p>
                                            })}
                                            {(!files.is_empty()).then(|| view! {
                                                <p><strong>{texts(lang).label_colon(pt.evidence_title())}" "</strong>{files.join(", ")}</p>
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
