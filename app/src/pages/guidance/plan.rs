//! « Mon plan pour l'année » (`/orientation/plan`): for each decision of the French calendar,
//! the pupil's wishes in her order, the steps she gives herself, and the year's deadlines
//! ahead of time. Plain forms: it all works without JavaScript. Pupils' data, hers alone.

use super::evidence::WishEvidenceForm;
use super::plan_api::{
    get_my_plan, AddStep, AddWish, EvidenceProblem, GradeNote, MarkStep, MoveWish, PlanData,
    PlanRefusal, RemoveStep, RemoveWish,
};
use super::texts::{guidance_texts, GuidanceTexts};
use crate::i18n::{school_date, texts, Lang};
use crate::pages::layout::{load_failure, Page};
use domain::guidance::calendar::{Decision, Milestone};
use domain::guidance::plan::year::{
    DecisionPlan, Step, StepProblem, Upcoming, Wish, WishChoice, STEP_LABEL_MAX_CHARS,
};
use domain::portfolio::EntryId;
use leptos::form::ActionForm;
use leptos::prelude::*;

impl GuidanceTexts {
    pub fn decision_title(&self, decision: Decision) -> &'static str {
        match decision {
            Decision::ApresTroisieme => self.decision_apres_3e(),
            Decision::SpecialitesPremiere => self.decision_specialites_1re(),
            Decision::SpecialitesTerminale => self.decision_specialites_terminale(),
            Decision::Parcoursup => self.decision_parcoursup(),
        }
    }

    fn decision_intro(&self, decision: Decision) -> &'static str {
        match decision {
            Decision::ApresTroisieme => self.decision_apres_3e_intro(),
            Decision::SpecialitesPremiere => self.decision_specialites_1re_intro(),
            Decision::SpecialitesTerminale => self.decision_specialites_terminale_intro(),
            Decision::Parcoursup => self.decision_parcoursup_intro(),
        }
    }

    pub fn milestone(&self, milestone: Milestone) -> &'static str {
        match milestone {
            Milestone::IntentionsProvisoires => self.milestone_intentions_provisoires(),
            Milestone::ChoixDefinitifs => self.milestone_choix_definitifs(),
            Milestone::AffectationVoeux => self.milestone_affectation_voeux(),
            Milestone::AffectationResultats => self.milestone_affectation_resultats(),
            Milestone::SpecialitesEnvisagees => self.milestone_specialites_envisagees(),
            Milestone::SpecialitesChoisies => self.milestone_specialites_choisies(),
            Milestone::SpecialiteAbandonnee => self.milestone_specialite_abandonnee(),
            Milestone::ParcoursupCatalogue => self.milestone_parcoursup_catalogue(),
            Milestone::ParcoursupInscription => self.milestone_parcoursup_inscription(),
            Milestone::ParcoursupVoeuxFin => self.milestone_parcoursup_voeux_fin(),
            Milestone::ParcoursupConfirmation => self.milestone_parcoursup_confirmation(),
            Milestone::ParcoursupReponses => self.milestone_parcoursup_reponses(),
            Milestone::ParcoursupPhaseComplementaire => {
                self.milestone_parcoursup_phase_complementaire()
            }
        }
    }

    /// « le 12/02/2027 (dans 67 jours) », « vers le … », « … (passée) ».
    fn deadline_when(&self, deadline: &Upcoming) -> String {
        let date = school_date(deadline.date, self.lang);
        let on = if deadline.approximate {
            self.deadline_around(date)
        } else {
            self.deadline_on(date)
        };
        let far = if deadline.days_left < 0 {
            self.deadline_passed().to_owned()
        } else {
            self.deadline_in(deadline.days_left)
        };
        format!("{on} ({far})")
    }

    pub fn step_problem(&self, problem: StepProblem) -> String {
        match problem {
            StepProblem::LabelEmpty => self.step_problem_empty().to_owned(),
            StepProblem::LabelTooLong { max } => self.step_problem_too_long(max),
            StepProblem::BadDate => self.step_problem_bad_date().to_owned(),
            StepProblem::TooMany { max } => self.step_problem_too_many(max),
        }
    }
}

/// The hidden context of a button (« Retirer » : « Mathématiques »).
fn hidden_context(lang: Lang, what: &str) -> impl IntoView {
    view! { <span class="visually-hidden" lang="fr">{texts(lang).colon_value(what)}</span> }
}

fn wish_label(wish: &Wish) -> String {
    match (&wish.choice, wish.label.is_empty()) {
        (choice, true) => choice.to_string(),
        (_, false) => wish.label.clone(),
    }
}

#[component]
fn Deadlines(t: &'static GuidanceTexts, deadlines: Vec<Upcoming>) -> impl IntoView {
    (!deadlines.is_empty()).then(|| {
        view! {
            <h4>{t.deadlines_heading()}</h4>
            <ul class="deadlines" data-testid="plan-deadlines">
                {deadlines.into_iter().map(|deadline| {
                    let class = if deadline.days_left < 0 {
                        "deadline passed"
                    } else if deadline.days_left <= domain::guidance::plan::year::SOON_DAYS {
                        "deadline soon"
                    } else {
                        "deadline"
                    };
                    view! {
                        <li class=class>
                            <strong>{t.milestone(deadline.milestone)}</strong>" "
                            <span>{t.deadline_when(&deadline)}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}

#[component]
fn Wishes(
    t: &'static GuidanceTexts,
    plan: DecisionPlan,
    refused_max: Option<usize>,
    entries: Vec<(EntryId, String)>,
    /// An entry refused on a wish: the wish, the entry chosen, the note typed, why.
    refused_evidence: Option<(String, String, String, EvidenceProblem)>,
) -> impl IntoView {
    let lang = t.lang;
    let decision = plan.decision();
    let key = decision.key();
    let add = ServerAction::<AddWish>::new();
    let moved = ServerAction::<MoveWish>::new();
    let remove = ServerAction::<RemoveWish>::new();
    let count = plan.wishes.len();
    let max = plan.rules.wishes_max;
    let options: Vec<(String, String)> = plan
        .options_left()
        .map(|o| (o.code.clone(), o.label.clone()))
        .collect();
    let formations = plan.favourite_formations.clone();
    let takes_formations = plan.rules.formations;
    let select_id = format!("voeu-{key}");
    let rows = plan.wishes.into_iter().enumerate().map(|(n, wish)| {
        let label = wish_label(&wish);
        let choice = wish.choice.to_string();
        let button = |direction: &'static str, text: &'static str| {
            let label = label.clone();
            let choice = choice.clone();
            view! {
                <ActionForm action=moved>
                    <input type="hidden" name="decision" value=key/>
                    <input type="hidden" name="choice" value=choice/>
                    <input type="hidden" name="direction" value=direction/>
                    <button type="submit" class="button button-secondary">{text}{hidden_context(lang, &label)}</button>
                </ActionForm>
            }
        };
        let (remove_choice, remove_label) = (choice.clone(), label.clone());
        view! {
            <li data-wish=choice.clone()>
                <span lang="fr">{label.clone()}</span>
                {(!wish.type_label.is_empty()).then(|| view! { <span class="hint" lang="fr">" · "{wish.type_label.clone()}</span> })}
                {match (&wish.choice, wish.taught_nearby.clone()) {
                    (WishChoice::Formation(id), Some(nearby)) => Some(view! {
                        <p class="hint" data-testid="wish-taught-nearby">
                            <a href=format!("{}#ou-se-former", super::formation_href(&id.to_string()))>
                                {t.wish_taught_nearby(nearby.academie, nearby.schools)}
                            </a>
                        </p>
                    }),
                    _ => None,
                }}
                {wish.withdrawn.then(|| {
                    let said = match wish.choice {
                        WishChoice::Option(_) => t.wish_not_offered(),
                        WishChoice::Formation(_) => t.withdrawn(),
                    };
                    view! { <p class="notice" role="note">{said}</p> }
                })}
                <WishEvidenceForm t=t decision=decision choice=choice.clone() evidence=wish.evidence.clone()
                    entries=entries.clone()
                    refused=refused_evidence.clone().filter(|(on, ..)| *on == choice).map(|(_, entry, note, problem)| (entry, note, problem))/>
                <div class="row-actions">
                    {(n > 0).then(|| button("up", t.wish_up()))}
                    {(n + 1 < count).then(|| button("down", t.wish_down()))}
                    <ActionForm action=remove>
                        <input type="hidden" name="decision" value=key/>
                        <input type="hidden" name="choice" value=remove_choice/>
                        <button type="submit" class="button button-secondary">{t.wish_remove()}{hidden_context(lang, &remove_label)}</button>
                    </ActionForm>
                </div>
            </li>
        }
    }).collect_view();
    view! {
        <h4>{t.wishes_heading(count, max)}</h4>
        {if count == 0 {
            view! { <p data-testid="wishes-none">{t.wishes_none()}</p> }.into_any()
        } else {
            view! { <ol class="wishes" data-testid="plan-wishes">{rows}</ol> }.into_any()
        }}
        {refused_max.map(|max| view! { <p class="field-error" role="alert" data-testid="wish-problem">{t.wish_too_many(max)}</p> })}
        {if count >= max {
            view! { <p class="hint">{t.wish_full(max)}</p> }.into_any()
        } else if options.is_empty() && formations.is_empty() {
            view! { <p class="hint">{t.wish_no_favourite_formation()}</p> }.into_any()
        } else {
            view! {
                <ActionForm action=add attr:class="inline-form">
                    <input type="hidden" name="decision" value=key/>
                    <div class="field">
                        <label for=select_id.clone()>{t.wish_add_label()}</label>
                        <select id=select_id name="choice" data-testid="wish-choice">
                            {(!options.is_empty()).then(|| view! {
                                <optgroup label=t.wish_options()>
                                    {options.into_iter().map(|(code, label)| view! { <option value=code lang="fr">{label}</option> }).collect_view()}
                                </optgroup>
                            })}
                            {(!formations.is_empty()).then(|| view! {
                                <optgroup label=t.wish_favourite_formations()>
                                    {formations.into_iter().map(|(id, label, type_label)| {
                                        let text = if type_label.is_empty() { label } else { format!("{label} ({type_label})") };
                                        view! { <option value=id.to_string() lang="fr">{text}</option> }
                                    }).collect_view()}
                                </optgroup>
                            })}
                        </select>
                    </div>
                    <button type="submit" class="button button-primary" data-testid="wish-add">{t.wish_add()}</button>
                </ActionForm>
                {(takes_formations && count < max).then(|| view! { <p class="hint">{t.wish_no_favourite_formation()}</p> })}
            }
            .into_any()
        }}
    }
}

#[component]
fn Steps(
    t: &'static GuidanceTexts,
    decision: Decision,
    steps: Vec<Step>,
    today: domain::portfolio::SchoolDate,
    refused: Option<(String, String, StepProblem)>,
) -> impl IntoView {
    let lang = t.lang;
    let key = decision.key();
    let add = ServerAction::<AddStep>::new();
    let mark = ServerAction::<MarkStep>::new();
    let remove = ServerAction::<RemoveStep>::new();
    let (typed_label, typed_due, problem) = match refused {
        Some((label, due, problem)) => (label, due, Some(problem)),
        None => (String::new(), String::new(), None),
    };
    let label_id = format!("etape-{key}");
    let due_id = format!("etape-date-{key}");
    let ideas_id = format!("idees-{key}");
    let hint_id = format!("etape-aide-{key}");
    let problem_id = format!("etape-probleme-{key}");
    let label_problem = matches!(
        problem,
        Some(
            StepProblem::LabelEmpty
                | StepProblem::LabelTooLong { .. }
                | StepProblem::TooMany { .. }
        )
    );
    let date_problem = matches!(problem, Some(StepProblem::BadDate));
    view! {
        <h4 id=format!("{key}-etapes")>{t.steps_heading()}</h4>
        {if steps.is_empty() {
            view! { <p class="hint">{t.steps_none()}</p> }.into_any()
        } else {
            view! {
                <ul class="steps" data-testid="plan-steps">
                    {steps.into_iter().map(|step| {
                        let late = !step.done && step.due.is_some_and(|due| due < today);
                        let status = if step.done { t.step_done() } else if late { t.step_late() } else { t.step_to_do() };
                        let id = step.id.to_string();
                        let (mark_id, remove_id) = (id.clone(), id.clone());
                        let (mark_label, remove_label) = (step.label.clone(), step.label.clone());
                        let done = step.done;
                        view! {
                            <li class=if done { "step done" } else { "step" } data-step=id>
                                <span class=if late { "badge badge-warning" } else { "badge" }>{status}</span>" "
                                <span>{step.label.clone()}</span>
                                {step.due.map(|due| view! { <span class="hint">" · "{t.step_due_on(school_date(due, lang))}</span> })}
                                <div class="row-actions">
                                    <ActionForm action=mark>
                                        <input type="hidden" name="decision" value=key/>
                                        <input type="hidden" name="step" value=mark_id/>
                                        {(!done).then(|| view! { <input type="hidden" name="done" value="1"/> })}
                                        <button type="submit" class="button button-secondary" data-testid="step-mark">
                                            {if done { t.step_mark_to_do() } else { t.step_mark_done() }}
                                            {hidden_context(lang, &mark_label)}
                                        </button>
                                    </ActionForm>
                                    <ActionForm action=remove>
                                        <input type="hidden" name="decision" value=key/>
                                        <input type="hidden" name="step" value=remove_id/>
                                        <button type="submit" class="button button-secondary">{t.step_remove()}{hidden_context(lang, &remove_label)}</button>
                                    </ActionForm>
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }}
        <ActionForm action=add>
            <input type="hidden" name="decision" value=key/>
            <div class="field">
                <label for=label_id.clone()>{t.step_label()}</label>
                <input type="text" id=label_id name="label" list=ideas_id.clone() value=typed_label
                    maxlength=STEP_LABEL_MAX_CHARS.to_string() data-testid="step-label"
                    aria-describedby=if label_problem { format!("{hint_id} {problem_id}") } else { hint_id.clone() }
                    aria-invalid=label_problem.then_some("true")/>
                <datalist id=ideas_id>
                    {[t.step_idea_open_day(), t.step_idea_internship(), t.step_idea_counsellor(), t.step_idea_teacher(), t.step_idea_fair()]
                        .into_iter().map(|idea| view! { <option value=idea></option> }).collect_view()}
                </datalist>
                <p id=hint_id class="hint">{t.step_label_hint(STEP_LABEL_MAX_CHARS)}</p>
            </div>
            <div class="field">
                <label for=due_id.clone()>{t.step_due()}</label>
                <input type="date" id=due_id name="due" value=typed_due data-testid="step-due"
                    aria-describedby=date_problem.then(|| problem_id.clone())
                    aria-invalid=date_problem.then_some("true")/>
            </div>
            {problem.map(|problem| view! {
                <p id=problem_id class="field-error" role="alert" data-testid="step-problem">{t.step_problem(problem)}</p>
            })}
            <button type="submit" class="button button-primary" data-testid="step-add">{t.step_add()}</button>
        </ActionForm>
    }
}

#[component]
fn DecisionSection(
    t: &'static GuidanceTexts,
    plan: DecisionPlan,
    today: domain::portfolio::SchoolDate,
    refused: Option<PlanRefusal>,
    entries: Vec<(EntryId, String)>,
) -> impl IntoView {
    let decision = plan.decision();
    let key = decision.key();
    let heading = format!("{key}-titre");
    let heading_id = heading.clone();
    let next = plan.next_deadline().cloned();
    let keep = plan.rules.keep;
    let (step_refused, wish_refused) = match refused.clone() {
        Some(PlanRefusal::Step {
            label,
            due,
            problem,
            ..
        }) => (Some((label, due, problem)), None),
        Some(PlanRefusal::Wish { max, .. }) => (None, Some(max)),
        Some(PlanRefusal::Evidence { .. }) | None => (None, None),
    };
    let evidence_refused = match refused {
        Some(PlanRefusal::Evidence {
            choice,
            entry,
            note,
            problem,
            ..
        }) => Some((choice, entry, note, problem)),
        _ => None,
    };
    let deadlines = plan.deadlines.clone();
    let steps = plan.steps.clone();
    view! {
        <section id=key aria-labelledby=heading class="card decision" data-decision=key>
            <h3 id=heading_id>{t.decision_title(decision)}</h3>
            <p>{t.decision_intro(decision)}{keep.map(|keep| format!(" {}", t.decision_keep(keep)))}</p>
            {next.map(|next| view! {
                <p class=if next.days_left <= domain::guidance::plan::year::SOON_DAYS { "notice notice-soon" } else { "notice" } data-testid="plan-next">
                    {t.deadline_next(t.milestone(next.milestone), t.deadline_when(&next))}
                </p>
            })}
            <Wishes t=t plan=plan refused_max=wish_refused entries=entries refused_evidence=evidence_refused/>
            <Steps t=t decision=decision steps=steps today=today refused=step_refused/>
            <Deadlines t=t deadlines=deadlines/>
        </section>
    }
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| get_my_plan());
    let sharing = Resource::new_blocking(|| (), |_| super::shared_api::get_my_sharing());
    view! {
        <Page title=|t| guidance_texts(t.lang).plan_title().to_owned() let:viewer>
            <h1 id="titre-page">{guidance_texts(viewer.lang).plan_title()}</h1>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let t = guidance_texts(viewer.lang);
                    let (PlanData { plan, grade, refused, entries }, sharing) = match (data.await, sharing.await) {
                        (Ok(data), Ok(sharing)) => (data, sharing),
                        (Err(error), _) | (_, Err(error)) => return load_failure(texts(viewer.lang), error),
                    };
                    let today = plan.today;
                    let refused_on = refused.as_ref().map(PlanRefusal::decision);
                    let mut decisions = plan.decisions.into_iter();
                    let current = plan.current.and_then(|_| decisions.next());
                    let others: Vec<DecisionPlan> = decisions.collect();
                    let section = move |plan: DecisionPlan, refused: &Option<PlanRefusal>| {
                        let refused = refused.clone().filter(|r| r.decision() == plan.decision());
                        view! { <DecisionSection t=t plan=plan today=today refused=refused entries=entries.clone()/> }
                    };
                    view! {
                        <p class="lead">{t.plan_year(plan.school_year.to_string())}" "{t.plan_intro()}</p>
                        {plan.provisional.then(|| view! { <p class="notice" role="note" data-testid="plan-provisional">{t.plan_provisional()}</p> })}
                        {(!plan.dated).then(|| view! { <p class="notice" role="note">{t.plan_undated()}</p> })}
                        <p><a href="/orientation/projet">{t.plan_project()}</a></p>
                        {match grade {
                            GradeNote::HasDecision => None,
                            GradeNote::BeforeTroisieme => Some(view! { <p class="hint">{t.plan_before_troisieme()}</p> }),
                            GradeNote::Unknown => Some(view! { <p class="hint">{t.plan_no_grade()}</p> }),
                        }}
                        {current.map(|plan| view! {
                            <h2>{t.plan_this_year()}</h2>
                            {section(plan, &refused)}
                        })}
                        <h2>{t.plan_other_decisions()}</h2>
                        {others.into_iter().map(|plan| {
                            let busy = !plan.wishes.is_empty() || !plan.steps.is_empty() || refused_on == Some(plan.decision());
                            let title = t.decision_title(plan.decision());
                            view! {
                                <details class="decision-more" open=busy>
                                    <summary>{title}</summary>
                                    {section(plan, &refused)}
                                </details>
                            }
                        }).collect_view()}
                        {plan.dated.then(|| view! { <p class="source">{t.plan_source()}" "<span lang="fr">{plan.source.clone()}</span></p> })}
                        <super::shared::SharingSection t=t data=sharing/>
                    }
                    .into_any()
                })}
            </Suspense>
        </Page>
    }
}
