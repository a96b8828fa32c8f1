//! `/pix`: the student's Pix results — the latest as a radar of the 16 CRCN competences with
//! its table, a summary per domain, the next step in each competence, the progression over
//! time, the history, and the form to record a certification.
//! Counsellors' pages (import, class view) are in `school`.

pub mod charts;
pub mod school;
pub mod texts;

use crate::error::PortalError;
use crate::i18n::{texts as portal_texts, Lang, Named};
use crate::pages::layout::{load_failure, Page};
use charts::{CompetenceTable, DomainSummaryList, ProgressionChart, Radar};
use domain::pix::certification::{CertificationProblem, RawCertification};
use domain::pix::results::{domain_summary, PixHistory};
use domain::pix::CURRENT_MAX_LEVEL;
use domain::portfolio::frameworks::Frameworks;
use leptos::form::ActionForm;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use texts::pix_texts;

#[cfg(feature = "ssr")]
const REFUSED_CERTIFICATION: &str = "certification";

/// The student's Pix page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPixData {
    pub history: PixHistory,
    /// What to type as the external id of a school's Pix campaign.
    pub sillage_id: String,
    /// A certification form refused without JavaScript: what was typed and why.
    pub refused: Option<(RawCertification, Vec<CertificationProblem>)>,
}

#[server(prefix = "/api", endpoint = "my_pix")]
pub async fn get_my_pix() -> Result<MyPixData, PortalError> {
    let crate::ssr::SignedIn {
        portal,
        account,
        session,
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ManageOwnPix).await?;
    Ok(MyPixData {
        history: domain::pix::store::history(&portal.db, account.id).await?,
        sillage_id: domain::pix::matching::sillage_id(account.id.get()),
        refused: crate::ssr::flash_take(&session, REFUSED_CERTIFICATION).await,
    })
}

/// What became of a certification form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CertificationOutcome {
    Saved,
    Invalid(Vec<CertificationProblem>),
}

/// Records a certification: the student's own (`student` absent), or, for a counsellor, a
/// pupil's of their school.
#[server(prefix = "/api", endpoint = "pix_certification")]
pub async fn record_certification(
    student: Option<domain::identity::AccountId>,
    certification: RawCertification,
) -> Result<CertificationOutcome, PortalError> {
    use domain::pix::store::{self, PixError};
    let plain_form = crate::ssr::without_javascript();
    let me = crate::ssr::SignedIn::from_request().await?;
    let (owner, back) = match student {
        None => {
            me.may(domain::policy::Action::ManageOwnPix)?;
            (me.id(), "/pix")
        }
        Some(pupil) => {
            me.may_for_pupil(domain::policy::Action::ManageSchoolPix, pupil)
                .await?;
            (pupil, "/pix/classe")
        }
    };
    let crate::ssr::SignedIn {
        portal,
        account,
        session,
    } = me;
    match store::record_certification(
        &portal.db,
        account.id,
        owner,
        &certification,
        Frameworks::crcn(),
    )
    .await
    {
        Ok(_) => {
            leptos_axum::redirect(&format!("{back}?certification=ok"));
            Ok(CertificationOutcome::Saved)
        }
        Err(PixError::Invalid(problems)) => {
            if plain_form {
                crate::ssr::flash_put(
                    &session,
                    REFUSED_CERTIFICATION,
                    &(certification, problems.clone()),
                )
                .await?;
                leptos_axum::redirect(&format!("{back}#certification"));
            }
            Ok(CertificationOutcome::Invalid(problems))
        }
        Err(error) => Err(error.into()),
    }
}

#[server(prefix = "/api", endpoint = "pix_delete")]
pub async fn delete_pix_result(id: domain::pix::PixResultId) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ManageOwnPix).await?;
    domain::pix::store::delete_result(&portal.db, account.id, id).await?;
    leptos_axum::redirect("/pix");
    Ok(())
}

#[component]
pub fn PixPage() -> impl IntoView {
    let record = ServerAction::<RecordCertification>::new();
    let delete = ServerAction::<DeletePixResult>::new();
    // Reload after a save or a deletion (not after a refused form: it keeps what was typed).
    let changes = Memo::new(move |_| {
        let saved = matches!(record.value().get(), Some(Ok(CertificationOutcome::Saved)));
        (saved, delete.version().get())
    });
    let data = Resource::new_blocking(move || changes.get(), |_| get_my_pix());
    view! {
        <Page title=|t| pix_texts(t.lang).title().to_owned() let:viewer>
            <Suspense fallback=move || view! { <p>{portal_texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let lang = viewer.lang;
                    match data.await {
                        Ok(data) => view! { <MyPix lang=lang data=data record=record delete=delete/> }.into_any(),
                        Err(error) => load_failure(portal_texts(lang), error),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn MyPix(
    lang: Lang,
    data: MyPixData,
    record: ServerAction<RecordCertification>,
    delete: ServerAction<DeletePixResult>,
) -> impl IntoView {
    let t = pix_texts(lang);
    let framework = Frameworks::crcn();
    let history = data.history;
    let current = history.current_levels(framework);
    let max_level = history
        .latest()
        .map_or(CURRENT_MAX_LEVEL, |r| r.max_level.max(CURRENT_MAX_LEVEL));
    let summary = domain_summary(framework, &current);
    let latest = history.latest().cloned();
    let certification = history
        .latest_certification()
        .map(|(r, c)| (r.taken_on.clone(), c.clone()));
    view! {
        <p class="breadcrumb"><a href="/">{portal_texts(lang).home()}</a></p>
        <h1 id="titre-page">{t.title()}</h1>
        <p class="lead">{t.intro()}</p>
        <section class="card" aria-labelledby="identifiant-titre">
            <h2 id="identifiant-titre">{t.id_title()}</h2>
            <p>{t.id_intro()}" "<strong class="code" data-testid="sillage-id">{data.sillage_id.clone()}</strong></p>
        </section>
        {match latest {
            None => view! { <p class="empty" data-testid="pix-empty">{t.empty()}</p> }.into_any(),
            Some(latest) => view! {
                <section aria-labelledby="dernier-titre">
                    <h2 id="dernier-titre">{t.latest_title()}</h2>
                    <dl class="facts" data-testid="pix-latest">
                        <div><dt>{t.col_date()}</dt><dd>{latest.taken_on.clone()}</dd></div>
                        <div><dt>{t.source()}</dt><dd>{t.result_source(&latest.source)}</dd></div>
                        {latest.total_pix.map(|total| view! {
                            <div><dt>{t.col_total()}</dt><dd data-testid="pix-total">{format!("{total} / {}", latest.max_total())}</dd></div>
                        })}
                        {certification.clone().map(|(date, c)| view! {
                            <div>
                                <dt>{t.certified()}</dt>
                                <dd data-testid="pix-certified">{t.certification_summary(&c.verification_code, date, t.certification_level(c.level), c.score)}</dd>
                            </div>
                        })}
                    </dl>
                    <div class="pix-picture">
                        <Radar lang=lang current=current.clone()/>
                        <div>
                            <h3>{t.domains_title()}</h3>
                            <DomainSummaryList lang=lang framework=framework summary=summary/>
                        </div>
                    </div>
                    <CompetenceTable lang=lang framework=framework current=current max_level=max_level/>
                </section>
                <section aria-labelledby="progression-section">
                    <h2 id="progression-section">{t.progression_title()}</h2>
                    <ProgressionChart lang=lang history=history.clone()/>
                </section>
                <HistoryList lang=lang history=history delete=delete/>
            }.into_any(),
        }}
        <CertificationForm lang=lang student=None record=record refused=data.refused/>
    }
}

#[component]
fn HistoryList(
    lang: Lang,
    history: PixHistory,
    delete: ServerAction<DeletePixResult>,
) -> impl IntoView {
    let t = pix_texts(lang);
    view! {
        <section aria-labelledby="historique-titre">
            <h2 id="historique-titre">{t.history_title()}</h2>
            <ol class="history" reversed=true data-testid="pix-history">
                {history.results.into_iter().rev().map(|r| {
                    let label = format!("{} — {}", r.taken_on, t.result_source(&r.source));
                    let delete_label = t.delete_result(&label);
                    view! {
                        <li>
                            <span>{label}</span>
                            {r.total_pix.map(|total| view! { <span>{format!(" · {total} pix")}</span> })}
                            {r.certification.map(|c| view! { <span>{format!(" · {} ({})", t.certification_level(c.level), c.score)}</span> })}
                            <details class="inline-details">
                                <summary>{t.delete()}</summary>
                                <p>{t.delete_intro()}</p>
                                <ActionForm action=delete attr:class="inline-form">
                                    <input type="hidden" name="id" value=r.id.to_string()/>
                                    <button type="submit" class="button button-danger" aria-label=delete_label>{t.delete_confirm()}</button>
                                </ActionForm>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The certification form; `student` is the pupil when a counsellor records it.
#[component]
pub fn CertificationForm(
    lang: Lang,
    student: Option<Vec<(domain::identity::AccountId, String)>>,
    record: ServerAction<RecordCertification>,
    refused: Option<(RawCertification, Vec<CertificationProblem>)>,
) -> impl IntoView {
    let t = pix_texts(lang);
    let framework = Frameworks::crcn();
    let typed = refused
        .as_ref()
        .map(|(raw, _)| raw.clone())
        .unwrap_or_default();
    let refused_problems = refused.map(|(_, p)| p).unwrap_or_default();
    let problems = Memo::new(move |_| match record.value().get() {
        Some(Ok(CertificationOutcome::Invalid(problems))) => problems,
        Some(_) => Vec::new(),
        None => refused_problems.clone(),
    });
    let problem_for = move |field: &'static str| {
        move || {
            problems
                .get()
                .into_iter()
                .filter(|p| p.field() == field)
                .map(|p| t.certification_problem(&p))
                .collect::<Vec<_>>()
                .join(" ")
        }
    };
    let saved = move || matches!(record.value().get(), Some(Ok(CertificationOutcome::Saved)));
    let level_inputs = framework
        .competences()
        .map(|c| {
            let id = format!("cert-level-{}", c.code.replace('.', "-"));
            let value = typed.levels.get(&format!("c{}", c.code)).cloned().unwrap_or_default();
            view! {
                <div class="field field-small">
                    <label for=id.clone()><span class="code">{c.code.clone()}</span>" "{c.name(lang).to_owned()}</label>
                    <input id=id type="number" min="0" max="8" inputmode="numeric" name=format!("certification[levels][c{}]", c.code) value=value/>
                </div>
            }
        })
        .collect_view();
    view! {
        <section id="certification" aria-labelledby="certification-titre" class="card">
            <h2 id="certification-titre">{t.cert_title()}</h2>
            <p>{t.cert_intro()}</p>
            <p role="status">{move || saved().then_some(t.cert_saved())}</p>
            <ActionForm action=record attr:class="entry-form" attr:novalidate=true>
                <div role="alert">
                    {move || {
                        let problems = problems.get();
                        (!problems.is_empty()).then(|| view! {
                            <div class="error-summary" data-testid="cert-problems">
                                <p>{t.cert_problems()}</p>
                                <ul>{problems.into_iter().map(|p| view! { <li><a href=format!("#{}", p.field())>{t.certification_problem(&p)}</a></li> }).collect_view()}</ul>
                            </div>
                        })
                    }}
                </div>
                {student.map(|pupils| view! {
                    <div class="field">
                        <label for="cert-student">{t.cert_student()}</label>
                        <select id="cert-student" name="student" required=true>
                            {pupils.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                        </select>
                    </div>
                })}
                <div class="field">
                    <label for="cert-date">{t.cert_date()}</label>
                    <input id="cert-date" type="date" name="certification[taken_on]" value=typed.taken_on.clone() required=true
                        aria-invalid=move || (!problem_for("cert-date")().is_empty()).to_string() aria-describedby="cert-date-probleme"/>
                    <p class="field-error" id="cert-date-probleme">{problem_for("cert-date")}</p>
                </div>
                <div class="field">
                    <label for="cert-code">{t.cert_code()}</label>
                    <input id="cert-code" type="text" name="certification[verification_code]" value=typed.verification_code.clone() placeholder="P-XXXXXXXX" autocomplete="off" required=true
                        aria-invalid=move || (!problem_for("cert-code")().is_empty()).to_string() aria-describedby="cert-code-aide cert-code-probleme"/>
                    <p class="hint" id="cert-code-aide">{t.cert_code_hint()}</p>
                    <p class="field-error" id="cert-code-probleme">{problem_for("cert-code")}</p>
                </div>
                <div class="field">
                    <label for="cert-score">{t.cert_score()}</label>
                    <input id="cert-score" type="number" min="0" max="1023" inputmode="numeric" name="certification[score]" value=typed.score.clone() required=true
                        aria-invalid=move || (!problem_for("cert-score")().is_empty()).to_string() aria-describedby="cert-score-aide cert-score-probleme"/>
                    <p class="hint" id="cert-score-aide">{t.cert_score_hint()}</p>
                    <p class="field-error" id="cert-score-probleme">{problem_for("cert-score")}</p>
                </div>
                <fieldset class="competences" id="cert-levels">
                    <legend>{t.cert_levels()}</legend>
                    <div class="level-grid">{level_inputs}</div>
                </fieldset>
                <button type="submit" class="button button-primary" data-testid="save-certification">{t.cert_submit()}</button>
            </ActionForm>
        </section>
    }
}
