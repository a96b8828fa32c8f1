//! `/portfolio/entrees/nouvelle` and `/portfolio/entrees/:id/modifier`: the entry form. Every
//! problem comes back at once, listed at the top (links to the fields) and next to each field.

use super::entry::entry_id_param;
use super::texts::{portfolio_texts, PortfolioTexts};
use super::{get_entry, get_portfolio, take_refused_entry, SaveEntry, SaveOutcome};
use crate::error::PortalError;
use crate::i18n::{level_name, texts, Lang, Named};
use crate::pages::layout::{load_failure, Page};
use domain::portfolio::frameworks::{Framework, Frameworks};
use domain::portfolio::{
    CompetenceStatus, EntryField, EntryKind, FieldError, OwnSkill, RawEntry, PLACE_MAX, SKILL_MAX,
    TEXT_MAX, TITLE_MAX,
};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn NewEntryPage() -> impl IntoView {
    let portfolio = Resource::new_blocking(
        || (),
        |_| async {
            Ok::<_, PortalError>((get_portfolio().await?, take_refused_entry(None).await?))
        },
    );
    view! {
        <Page title=|t| portfolio_texts(t.lang).new_title().to_owned() let:viewer>
            <p class="breadcrumb"><a href="/portfolio">{portfolio_texts(viewer.lang).back_to_portfolio()}</a></p>
            <h1 id="titre-page">{portfolio_texts(viewer.lang).new_title()}</h1>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    match portfolio.await {
                        Ok((data, refused)) => {
                            let (initial, refused) = refused.map_or_else(Default::default, |r| (r.entry, r.problems));
                            view! {
                                <EntryForm lang=viewer.lang initial=initial refused=refused own_skills=data.own_skills id=None/>
                            }.into_any()
                        }
                        Err(error) => load_failure(texts(viewer.lang), error),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
pub fn EditEntryPage() -> impl IntoView {
    let id = entry_id_param();
    let entry = Resource::new_blocking(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => Ok((get_entry(id).await?, take_refused_entry(Some(id)).await?)),
                None => Err(PortalError::NotFound),
            }
        },
    );
    view! {
        <Page title=|t| portfolio_texts(t.lang).edit_title().to_owned() let:viewer>
            <p class="breadcrumb"><a href="/portfolio">{portfolio_texts(viewer.lang).back_to_portfolio()}</a></p>
            <h1 id="titre-page">{portfolio_texts(viewer.lang).edit_title()}</h1>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    match entry.await {
                        Ok((data, refused)) => {
                            let (initial, refused) = refused.map_or_else(|| (data.entry.to_raw(), Vec::new()), |r| (r.entry, r.problems));
                            view! {
                                <EntryForm lang=viewer.lang initial=initial refused=refused own_skills=data.own_skills id=Some(data.entry.id.get())/>
                            }.into_any()
                        }
                        Err(error) => load_failure(texts(viewer.lang), error),
                    }
                })}
            </Suspense>
        </Page>
    }
}

/// The problems of the last submission, if it was refused.
type Problems = Signal<Vec<FieldError>>;

fn field_id(field: EntryField) -> String {
    format!("entree-{}", field.name().replace('_', "-"))
}

/// The message under a field, and what its `aria-describedby` points to.
fn field_message(problems: Problems, field: EntryField, lang: Lang) -> impl IntoView {
    let id = format!("{}-erreur", field_id(field));
    move || {
        let messages: Vec<String> = problems
            .get()
            .iter()
            .filter(|p| p.field == field)
            .map(|p| portfolio_texts(lang).entry_problem(&p.problem))
            .collect();
        (!messages.is_empty()).then(|| {
            view! { <p class="field-error" id=id.clone()>{messages.join(" ")}</p> }
        })
    }
}

fn invalid(problems: Problems, field: EntryField) -> impl Fn() -> Option<&'static str> {
    move || {
        problems
            .get()
            .iter()
            .any(|p| p.field == field)
            .then_some("true")
    }
}

fn described_by(problems: Problems, field: EntryField, hint: bool) -> impl Fn() -> String {
    move || {
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{}-aide", field_id(field)));
        }
        if problems.get().iter().any(|p| p.field == field) {
            ids.push(format!("{}-erreur", field_id(field)));
        }
        ids.join(" ")
    }
}

#[component]
fn EntryForm(
    lang: Lang,
    initial: RawEntry,
    /// The problems of a submission refused without JavaScript (shown until the next one).
    refused: Vec<FieldError>,
    own_skills: Vec<OwnSkill>,
    id: Option<i64>,
) -> impl IntoView {
    let pt = portfolio_texts(lang);
    let save = ServerAction::<SaveEntry>::new();
    let problems: Problems = Signal::derive(move || match save.value().get() {
        Some(Ok(SaveOutcome::Invalid(problems))) => problems,
        Some(_) => Vec::new(),
        None => refused.clone(),
    });
    let failure = move || match save.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    };
    let text_input = move |field: EntryField,
                           label: &'static str,
                           value: String,
                           max: usize,
                           required: bool,
                           kind: &'static str,
                           hint: Option<&'static str>| {
        let id = field_id(field);
        view! {
            <div class="field">
                <label for=id.clone()>
                    {label}
                    {required.then(|| view! { <span class="required">{format!(" ({})", pt.required())}</span> })}
                </label>
                {hint.map(|hint| view! { <p class="hint" id=format!("{id}-aide")>{hint}</p> })}
                <input
                    id=id.clone()
                    type=kind
                    name=format!("entry[{}]", field.name())
                    value=value
                    maxlength=max.to_string()
                    required=required
                    aria-invalid=invalid(problems, field)
                    aria-describedby=described_by(problems, field, hint.is_some())
                />
                {field_message(problems, field, lang)}
            </div>
        }
    };
    let text_area =
        move |field: EntryField, label: &'static str, value: String, hint: Option<&'static str>| {
            let id = field_id(field);
            view! {
                <div class="field">
                    <label for=id.clone()>{label}</label>
                    {hint.map(|hint| view! { <p class="hint" id=format!("{id}-aide")>{hint}</p> })}
                    <textarea
                        id=id.clone()
                        name=format!("entry[{}]", field.name())
                        rows="5"
                        maxlength=TEXT_MAX.to_string()
                        aria-invalid=invalid(problems, field)
                        aria-describedby=described_by(problems, field, hint.is_some())
                    >{value}</textarea>
                    {field_message(problems, field, lang)}
                </div>
            }
        };
    let kind_id = field_id(EntryField::Kind);
    let initial_kind = initial.kind.clone();
    view! {
        <ActionForm action=save attr:class="entry-form" attr:novalidate=true>
            {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string()/> })}
            <div role="alert" class="error-summary-slot">
                {move || {
                    let problems = problems.get();
                    (!problems.is_empty()).then(|| view! {
                        <div class="error-summary" data-testid="entry-errors">
                            <p><strong>{pt.errors_title()}</strong></p>
                            <ul>
                                {problems
                                    .into_iter()
                                    .map(|p| view! {
                                        <li><a href=format!("#{}", field_id(p.field))>{portfolio_texts(lang).entry_problem(&p.problem)}</a></li>
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    })
                }}
                {move || failure().map(|error| load_failure(texts(lang), error))}
            </div>
            <div class="field">
                <label for=kind_id.clone()>{pt.kind()}</label>
                <select
                    id=kind_id
                    name="entry[kind]"
                    aria-invalid=invalid(problems, EntryField::Kind)
                    aria-describedby=described_by(problems, EntryField::Kind, false)
                >
                    {EntryKind::ALL
                        .iter()
                        .copied()
                        .map(|kind| view! {
                            <option value=kind.as_str() selected=initial_kind == kind.as_str()>{portfolio_texts(lang).entry_kind(kind)}</option>
                        })
                        .collect_view()}
                </select>
                {field_message(problems, EntryField::Kind, lang)}
            </div>
            {text_input(EntryField::Title, pt.entry_title(), initial.title.clone(), TITLE_MAX, true, "text", Some(pt.entry_title_hint()))}
            <div class="field-row">
                {text_input(EntryField::StartedOn, pt.started_on(), initial.started_on.clone(), 10, true, "date", None)}
                {text_input(EntryField::EndedOn, pt.ended_on(), initial.ended_on.clone(), 10, false, "date", Some(pt.ended_on_hint()))}
            </div>
            {text_input(EntryField::Place, pt.place(), initial.place.clone(), PLACE_MAX, false, "text", None)}
            {text_area(EntryField::Description, pt.description(), initial.description.clone(), None)}
            {text_area(EntryField::Reflection, pt.reflection(), initial.reflection.clone(), Some(pt.reflection_hint()))}
            <fieldset class="competences" aria-describedby="competences-aide">
                <legend>{pt.competences()}</legend>
                <p class="hint" id="competences-aide">{pt.competences_hint()}</p>
                {field_message(problems, EntryField::Competences, lang)}
                {Frameworks::shipped()
                    .frameworks
                    .iter()
                    .map(|framework| view! { <FrameworkChoices pt=pt lang=lang framework=framework.clone() initial=initial.clone()/> })
                    .collect_view()}
                <OwnSkillChoices pt=pt lang=lang own_skills=own_skills initial=initial.clone()/>
                {text_input(EntryField::NewSkill, pt.new_skill(), initial.new_skill.clone(), SKILL_MAX, false, "text", Some(pt.new_skill_hint()))}
            </fieldset>
            <p>
                <button type="submit" class="button button-primary" data-testid="save-entry" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { pt.saving() } else { pt.save() }}
                </button>
            </p>
        </ActionForm>
    }
}

/// The status (and level) selects of one competence; `key` is `crcn:1.1`.
fn competence_choice(
    pt: &'static PortfolioTexts,
    lang: Lang,
    key: String,
    label: String,
    levels: Option<&Framework>,
    initial: &RawEntry,
) -> impl IntoView {
    let slug: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let status_id = format!("statut-{slug}");
    let level_id = format!("niveau-{slug}");
    let chosen = initial.competences.get(&key).cloned().unwrap_or_default();
    let chosen_level = initial.levels.get(&key).cloned().unwrap_or_default();
    let level_select = levels.map(|framework| {
        view! {
            <label for=level_id.clone() class="visually-hidden">{format!("{} — {label}", pt.level())}</label>
            <select id=level_id.clone() name=format!("entry[levels][{key}]")>
                <option value="">{pt.no_level()}</option>
                {(1..=framework.levels)
                    .map(|level| view! {
                        <option value=level.to_string() selected=chosen_level == level.to_string()>
                            {level_name(framework, level, lang)}
                        </option>
                    })
                    .collect_view()}
            </select>
        }
    });
    view! {
        <div class="competence-choice">
            <label for=status_id.clone()>{label.clone()}</label>
            <span class="competence-selects">
                <select id=status_id name=format!("entry[competences][{key}]") data-competence=key.clone()>
                    <option value="">{pt.not_linked()}</option>
                    {CompetenceStatus::ALL
                        .iter()
                        .copied()
                        .map(|status| view! {
                            <option value=status.as_str() selected=chosen == status.as_str()>{portfolio_texts(lang).competence_status(status)}</option>
                        })
                        .collect_view()}
                </select>
                {level_select}
            </span>
        </div>
    }
}

#[component]
fn FrameworkChoices(
    pt: &'static PortfolioTexts,
    lang: Lang,
    framework: Framework,
    initial: RawEntry,
) -> impl IntoView {
    let prefix = format!("{}:", framework.code);
    let any_chosen = initial
        .competences
        .iter()
        .any(|(k, v)| k.starts_with(&prefix) && !v.is_empty());
    view! {
        <details class="framework-choices" open=any_chosen data-framework=framework.code.clone()>
            <summary>{framework.name(lang).to_owned()}</summary>
            {framework
                .groups
                .iter()
                .map(|group| view! {
                    <div class="competence-group">
                        <p class="competence-group-name">{group.name(lang).to_owned()}</p>
                        {group
                            .competences
                            .iter()
                            .map(|c| competence_choice(
                                pt,
                                lang,
                                format!("{}:{}", framework.code, c.code),
                                format!("{} {}", c.code, c.name(lang)),
                                Some(&framework),
                                &initial,
                            ))
                            .collect_view()}
                    </div>
                })
                .collect_view()}
        </details>
    }
}

#[component]
fn OwnSkillChoices(
    pt: &'static PortfolioTexts,
    lang: Lang,
    own_skills: Vec<OwnSkill>,
    initial: RawEntry,
) -> impl IntoView {
    if own_skills.is_empty() {
        return ().into_any();
    }
    let any_chosen = initial
        .competences
        .iter()
        .any(|(k, v)| k.starts_with("own:") && !v.is_empty());
    view! {
        <details class="framework-choices" open=any_chosen data-framework="own">
            <summary>{pt.own_skills()}</summary>
            {own_skills
                .into_iter()
                .map(|skill| competence_choice(pt, lang, format!("own:{}", skill.id), skill.name, None, &initial))
                .collect_view()}
        </details>
    }
    .into_any()
}
