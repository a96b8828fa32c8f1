//! The counsellor's Pix pages: `/pix/classe` (upload a Pix Orga export, the cohort's levels per
//! competence, filtered by class and campaign) and `/pix/import/:draft` (the preview of an
//! upload, line by line, and the button that imports it in one transaction).
//!
//! The file goes up as a plain multipart form (`POST /pix/import`, works without JavaScript);
//! with JavaScript the same form shows the upload's progress.

use super::texts::pix_texts;
use super::{CertificationForm, RecordCertification};
use crate::components::{island_hydrated, IslandScripts};
use crate::error::PortalError;
use crate::i18n::{human_size, texts as portal_texts, Lang, Named};
use crate::pages::layout::{load_failure, Page};
use domain::pix::matching::ImportSummary;
use domain::pix::matching::PlannedLine;
use domain::pix::orga_csv::{Campaign, CsvProblem};
use domain::pix::results::ClassDistribution;
use domain::pix::results::ClassView;
use domain::pix::PixDraftId;
use domain::portfolio::frameworks::Frameworks;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// The file input's name in the upload form.
pub const PIX_FILE_FIELD: &str = "export";

/// How many lines of a preview are sent to the page among those that need attention, and
/// among the others (the counts cover them all). A refused file lists its first
/// `domain::pix::orga_csv::PROBLEMS_KEPT` problems.
#[cfg(feature = "ssr")]
const PREVIEW_LINES: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassPageData {
    pub view: ClassView,
    pub max_import_bytes: u64,
}

#[server(prefix = "/api", endpoint = "pix_class")]
pub async fn get_class_view(
    class: Option<String>,
    campaign: Option<String>,
) -> Result<ClassPageData, PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ManageSchoolPix).await?;
    let class = class.filter(|c| !c.is_empty());
    let campaign = campaign.filter(|c| !c.is_empty());
    Ok(ClassPageData {
        view: domain::pix::store::class_view(
            &portal.db,
            Frameworks::crcn(),
            account.id,
            class.as_deref(),
            campaign.as_deref(),
        )
        .await?,
        max_import_bytes: portal.pix_max_import_bytes,
    })
}

/// A preview as the page shows it: all lines that need attention, the first others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewData {
    pub draft: PixDraftId,
    pub file_name: String,
    pub campaign: Option<Campaign>,
    pub problems: Vec<CsvProblem>,
    pub problem_count: usize,
    pub created: u32,
    pub updated: u32,
    pub skipped: u32,
    pub unresolved: u32,
    pub lines: Vec<PlannedLine>,
    pub lines_not_shown: usize,
}

#[server(prefix = "/api", endpoint = "pix_preview")]
pub async fn get_import_preview(draft: PixDraftId) -> Result<PreviewData, PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ManageSchoolPix).await?;
    let preview = domain::pix::store::preview(
        &portal.db,
        Frameworks::crcn(),
        account.id,
        draft,
        PREVIEW_LINES,
    )
    .await?;
    Ok(PreviewData {
        draft,
        file_name: preview.file_name,
        campaign: preview.campaign,
        problem_count: preview.problem_count,
        problems: preview.problems,
        created: preview.plan.created,
        updated: preview.plan.updated,
        skipped: preview.plan.skipped,
        unresolved: preview.plan.unresolved,
        lines_not_shown: preview.plan.lines_not_shown as usize,
        lines: preview.plan.lines,
    })
}

#[server(prefix = "/api", endpoint = "pix_confirm")]
pub async fn confirm_pix_import(draft: PixDraftId) -> Result<ImportSummary, PortalError> {
    use domain::pix::store;
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ManageSchoolPix).await?;
    match store::confirm_import(&portal.db, Frameworks::crcn(), account.id, draft).await {
        Ok(summary) => {
            tracing::info!(
                created = summary.created,
                updated = summary.updated,
                skipped = summary.skipped,
                unresolved = summary.unresolved,
                "Pix campaign imported"
            );
            leptos_axum::redirect(&format!(
                "/pix/classe?importe={}-{}-{}-{}",
                summary.created, summary.updated, summary.skipped, summary.unresolved
            ));
            Ok(summary)
        }
        // A draft gone (expired, or imported in another tab) is "not found"; one with
        // problems has no confirm button, so confirming it is a bad request.
        Err(error) => Err(error.into()),
    }
}

#[component]
pub fn ClassPage() -> impl IntoView {
    let query = use_query_map();
    let filters = Memo::new(move |_| query.with(|q| (q.get("classe"), q.get("campagne"))));
    let record = ServerAction::<RecordCertification>::new();
    let data = Resource::new_blocking(
        move || filters.get(),
        |(class, campaign)| get_class_view(class, campaign),
    );
    view! {
        <Page title=|t| pix_texts(t.lang).class_title().to_owned() let:viewer>
            <Suspense fallback=move || view! { <p>{portal_texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let lang = viewer.lang;
                    let (class, campaign) = filters.get_untracked();
                    let (imported, upload_error) = query.with_untracked(|q| (q.get("importe"), q.get("erreur")));
                    match data.await {
                        Ok(data) => view! {
                            <ClassPageView lang=lang data=data class=class campaign=campaign imported=imported upload_error=upload_error record=record/>
                        }.into_any(),
                        Err(error) => load_failure(portal_texts(lang), error),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn ClassPageView(
    lang: Lang,
    data: ClassPageData,
    class: Option<String>,
    campaign: Option<String>,
    imported: Option<String>,
    upload_error: Option<String>,
    record: ServerAction<RecordCertification>,
) -> impl IntoView {
    let t = pix_texts(lang);
    let view = data.view;
    let imported = imported.and_then(|raw| {
        let n: Vec<u32> = raw.split('-').filter_map(|n| n.parse().ok()).collect();
        (n.len() == 4).then(|| t.imported_message(n[0], n[1], n[2], n[3]))
    });
    let max = human_size(data.max_import_bytes, lang);
    let upload_error = upload_error.map(|code| match code.as_str() {
        "trop-gros" => t.upload_too_large(&max),
        _ => t.upload_empty().to_owned(),
    });
    let pupils_for_form: Vec<(domain::identity::AccountId, String)> = view
        .pupils
        .iter()
        .map(|p| {
            (
                p.id,
                format!("{} ({})", p.name, p.class.clone().unwrap_or_default()),
            )
        })
        .collect();
    let selected = |value: &str, current: &Option<String>| current.as_deref() == Some(value);
    view! {
        <p class="breadcrumb"><a href="/">{portal_texts(lang).home()}</a></p>
        <h1 id="titre-page">{t.class_title()}</h1>
        <p class="lead">{t.class_intro()}</p>
        {imported.map(|m| view! { <p class="notice" role="status" data-testid="import-done">{m}</p> })}
        <section class="card" aria-labelledby="import-titre">
            <h2 id="import-titre">{t.import_title()}</h2>
            <p>{t.import_intro()}</p>
            {upload_error.map(|m| view! { <p class="error-summary" role="alert" data-testid="upload-error">{m}</p> })}
            <UploadForm lang=lang max_bytes=data.max_import_bytes/>
            <IslandScripts/>
        </section>
        <section aria-labelledby="cohorte-titre">
            <h2 id="cohorte-titre">{t.cohort_title()}</h2>
            <form method="get" action="/pix/classe" class="inline-form filters">
                <label for="filtre-classe">{t.filter_class()}</label>
                <select id="filtre-classe" name="classe">
                    <option value="">{t.all_classes()}</option>
                    {view.classes.iter().map(|c| view! { <option value=c.clone() selected=selected(c, &class)>{c.clone()}</option> }).collect_view()}
                </select>
                <label for="filtre-campagne">{t.filter_campaign()}</label>
                <select id="filtre-campagne" name="campagne">
                    <option value="">{t.all_campaigns()}</option>
                    {view.campaigns.iter().map(|(id, name)| view! { <option value=id.clone() selected=selected(id, &campaign)>{format!("{name} ({id})")}</option> }).collect_view()}
                </select>
                <button type="submit" class="button">{t.filter_submit()}</button>
            </form>
            {if view.pupils.is_empty() {
                view! { <p data-testid="cohort-empty">{t.cohort_empty()}</p> }.into_any()
            } else {
                view! {
                    <Distribution lang=lang distribution=view.distribution.clone()/>
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="eleves-titre">
                        <table class="data-table" data-testid="cohort-pupils">
                            <caption id="eleves-titre">{format!("{} ({})", t.pupils_caption(), view.pupils.len())}</caption>
                            <thead><tr><th scope="col">{t.col_pupil()}</th><th scope="col">{t.col_class()}</th><th scope="col">{t.col_date()}</th><th scope="col">{t.col_total()}</th></tr></thead>
                            <tbody>
                                {view.pupils.iter().map(|p| view! {
                                    <tr>
                                        <th scope="row">{p.name.clone()}</th>
                                        <td>{p.class.clone().unwrap_or_default()}</td>
                                        <td>{p.taken_on.clone()}</td>
                                        <td class="num">{p.total_pix.map(|n| n.to_string()).unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        {(!pupils_for_form.is_empty()).then(|| view! {
            <CertificationForm lang=lang student=Some(pupils_for_form) record=record refused=None/>
        })}
    }
}

/// How many pupils reached each level of each competence, as a table with bars.
#[component]
fn Distribution(lang: Lang, distribution: ClassDistribution) -> impl IntoView {
    let t = pix_texts(lang);
    let framework = Frameworks::crcn();
    let pupils = distribution.pupils.max(1);
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="repartition-titre">
            <table class="data-table distribution" data-testid="distribution">
                <caption id="repartition-titre">{t.distribution_caption(distribution.pupils)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.col_competence()}</th>
                        {(0..=8).map(|level| view! { <th scope="col" class="num">{t.level_column(level)}</th> }).collect_view()}
                        <th scope="col" class="num">{t.col_median()}</th>
                    </tr>
                </thead>
                <tbody>
                    {distribution.competences.iter().map(|(code, counts)| {
                        let name = framework.competences().find(|c| &c.code == code).map(|c| c.name(lang).to_owned()).unwrap_or_default();
                        let median = ClassDistribution::median(counts).map(|m| m.to_string()).unwrap_or_default();
                        view! {
                            <tr data-code=code.clone()>
                                <th scope="row"><span class="code">{code.clone()}</span>" "{name}</th>
                                {counts.iter().map(|count| {
                                    // A shade per fifth of the class (no inline style: the CSP forbids it).
                                    let fifth = (*count * 5).div_ceil(pupils).min(5);
                                    view! {
                                        <td class=format!("num share-{fifth}")>{count.to_string()}</td>
                                    }
                                }).collect_view()}
                                <td class="num">{median}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The upload form: a plain multipart post; as an island, it sends the file itself to show the
/// upload's progress, and refuses at once a file larger than the instance accepts.
#[island]
fn UploadForm(lang: Lang, max_bytes: u64) -> impl IntoView {
    let t = pix_texts(lang);
    let progress = RwSignal::new(None::<f64>);
    let problem = RwSignal::new(None::<String>);
    let too_large = t.upload_too_large(human_size(max_bytes, lang));
    let failed = t.upload_failed();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            let Some(form) = ev.target() else { return };
            let form = wasm_bindgen::JsValue::from(form);
            problem.set(None);
            match crate::upload_client::file_size(&form, PIX_FILE_FIELD) {
                Some(size) if size > max_bytes as f64 => {
                    problem.set(Some(too_large.clone()));
                    return;
                }
                Some(_) => {}
                None => {
                    problem.set(Some(pix_texts(lang).upload_empty().to_owned()));
                    return;
                }
            }
            progress.set(Some(0.0));
            let started = crate::upload_client::post_form(
                &form,
                move |ratio| progress.set(Some(ratio)),
                move |outcome| match outcome {
                    Some(address) => crate::upload_client::go_to(&address),
                    None => {
                        progress.set(None);
                        problem.set(Some(failed.to_owned()));
                    }
                },
            );
            if started.is_err() {
                progress.set(None);
                problem.set(Some(failed.to_owned()));
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, &too_large, failed);
    };
    Effect::new(|_| island_hydrated());
    view! {
        <form method="post" action="/pix/import" enctype="multipart/form-data" class="evidence-form" on:submit=on_submit data-testid="pix-upload">
            <div class="field">
                <label for="pix-fichier">{t.upload_label()}</label>
                <input id="pix-fichier" type="file" name=PIX_FILE_FIELD accept=".csv,text/csv" required=true aria-describedby="pix-fichier-aide"/>
                <p class="hint" id="pix-fichier-aide">{t.upload_hint(human_size(max_bytes, lang))}</p>
            </div>
            <button type="submit" class="button button-primary" data-testid="pix-upload-submit">{t.upload_submit()}</button>
            <div role="status" aria-live="polite">
                {move || progress.get().map(|ratio| {
                    let percent = (ratio * 100.0).round();
                    view! {
                        <label for="pix-progression">{if ratio >= 1.0 { t.upload_reading() } else { t.upload_sending() }}</label>
                        <progress id="pix-progression" max="100" value=percent.to_string() data-testid="upload-progress">{format!("{percent} %")}</progress>
                    }
                })}
            </div>
            <p role="alert" class="field-error">{move || problem.get()}</p>
        </form>
    }
}

#[component]
pub fn ImportPreviewPage() -> impl IntoView {
    let params = use_params_map();
    let draft = Memo::new(move |_| {
        params.with(|p| {
            p.get("draft")
                .and_then(|d| d.parse::<PixDraftId>().ok())
                .unwrap_or(PixDraftId::from_db(0))
        })
    });
    let confirm = ServerAction::<ConfirmPixImport>::new();
    let data = Resource::new_blocking(move || draft.get(), get_import_preview);
    view! {
        <Page title=|t| pix_texts(t.lang).preview_title().to_owned() let:viewer>
            <Suspense fallback=move || view! { <p>{portal_texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let lang = viewer.lang;
                    match data.await {
                        Ok(data) => view! { <PreviewView lang=lang data=data confirm=confirm/> }.into_any(),
                        Err(PortalError::NotFound) => {
                            crate::pages::layout::set_status(404);
                            view! {
                                <h1 id="titre-page">{pix_texts(lang).preview_title()}</h1>
                                <p role="alert">{pix_texts(lang).preview_gone()}</p>
                                <p><a href="/pix/classe">{pix_texts(lang).back_to_class()}</a></p>
                            }.into_any()
                        }
                        Err(error) => load_failure(portal_texts(lang), error),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn PreviewView(
    lang: Lang,
    data: PreviewData,
    confirm: ServerAction<ConfirmPixImport>,
) -> impl IntoView {
    let t = pix_texts(lang);
    let refused = !data.problems.is_empty();
    let pending = confirm.pending();
    let failed = move || matches!(confirm.value().get(), Some(Err(_)));
    view! {
        <p class="breadcrumb"><a href="/pix/classe">{t.class_title()}</a></p>
        <h1 id="titre-page">{t.preview_title()}</h1>
        <dl class="facts">
            <div><dt>{t.file()}</dt><dd>{data.file_name.clone()}</dd></div>
            {data.campaign.clone().map(|c| view! {
                <div><dt>{t.campaign()}</dt><dd data-testid="preview-campaign">{format!("{} ({}, {})", c.name, c.id, c.organisation)}</dd></div>
            })}
        </dl>
        {if refused {
            view! {
                <section class="error-summary" role="alert" aria-labelledby="problemes-titre" data-testid="preview-problems">
                    <h2 id="problemes-titre">{t.file_problems(data.problem_count)}</h2>
                    <p>{t.nothing_imported()}</p>
                    <ul>{data.problems.iter().map(|p| view! { <li>{t.csv_problem(p)}</li> }).collect_view()}</ul>
                    <p><a href="/pix/classe">{t.upload_again()}</a></p>
                </section>
            }.into_any()
        } else {
            view! {
                <section aria-labelledby="bilan-titre">
                    <h2 id="bilan-titre">{t.preview_summary()}</h2>
                    <ul class="counts" data-testid="preview-counts">
                        <li data-kind="cree">{t.count_created(data.created)}</li>
                        <li data-kind="maj">{t.count_updated(data.updated)}</li>
                        <li data-kind="ignore">{t.count_skipped(data.skipped)}</li>
                        <li data-kind="non-rattache">{t.count_unresolved(data.unresolved)}</li>
                    </ul>
                    <p>{t.preview_explain()}</p>
                    <ActionForm action=confirm attr:class="inline-form">
                        <input type="hidden" name="draft" value=data.draft.to_string()/>
                        <button type="submit" class="button button-primary" data-testid="confirm-import" disabled=move || pending.get()>
                            {t.confirm_import()}
                        </button>
                        <a class="button" href="/pix/classe">{t.cancel()}</a>
                    </ActionForm>
                    <p role="alert">{move || failed().then_some(t.confirm_failed())}</p>
                </section>
                <section aria-labelledby="lignes-titre">
                    <h2 id="lignes-titre">{t.lines_title()}</h2>
                    {(data.lines_not_shown > 0).then(|| view! { <p class="hint">{t.lines_hidden(data.lines_not_shown)}</p> })}
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="lignes-titre">
                        <table class="data-table" data-testid="preview-lines">
                            <thead><tr><th scope="col">{t.col_line()}</th><th scope="col">{t.col_participant()}</th><th scope="col">{t.col_class()}</th><th scope="col">{t.col_pupil()}</th><th scope="col">{t.col_outcome()}</th></tr></thead>
                            <tbody>
                                {data.lines.iter().map(|l| view! {
                                    <tr data-kind=l.outcome.kind()>
                                        <td class="num">{l.line}</td>
                                        <th scope="row">{l.participant.clone()}</th>
                                        <td>{l.class.clone().unwrap_or_default()}</td>
                                        <td>{l.pupil_name.clone().unwrap_or_default()}</td>
                                        <td>{t.line_outcome(&l.outcome)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </section>
            }.into_any()
        }}
    }
}
