//! What a counsellor writes on a shared plan beyond a métier or a formation, as each reader
//! sees it: comments (the counsellor writes and takes back their own; the pupil and her
//! guardians read them), steps recommended for a decision (the counsellor's form in the
//! decision; the pupil adds one to her steps or declines it).

use super::counsel_api::{
    comment_refusal_text, step_refusal_text, AnswerStep, CommentPlan, CommentRefusal,
    RecommendStep, RemoveComment, StepRefusal,
};
use super::texts::GuidanceTexts;
use crate::i18n::{school_date, texts};
use domain::guidance::calendar::Decision;
use domain::guidance::plan::sharing::{Answer, Comment, StepRecommendation, COMMENT_MAX_CHARS};
use domain::guidance::plan::year::{StepProblem, STEP_LABEL_MAX_CHARS};
use domain::identity::AccountId;
use leptos::form::ActionForm;
use leptos::prelude::*;

fn author_or_gone(t: &'static GuidanceTexts, author: &str) -> String {
    if author.is_empty() {
        t.recommend_author_gone().to_owned()
    } else {
        author.to_owned()
    }
}

/// The comments on a plan; with `form` (the counsellor's page: the pupil, what a refused form
/// typed and why), the form to write one and a button to take back one's own.
#[component]
pub fn CommentsSection(
    t: &'static GuidanceTexts,
    comments: Vec<Comment>,
    form: Option<(AccountId, Option<(String, CommentRefusal)>)>,
) -> impl IntoView {
    let lang = t.lang;
    let remove = ServerAction::<RemoveComment>::new();
    let pupil = form.as_ref().map(|(pupil, _)| pupil.to_string());
    view! {
        <section id="commentaires" aria-labelledby="commentaires-titre">
            <h2 id="commentaires-titre">{t.comments_heading()}</h2>
            {if comments.is_empty() {
                view! { <p class="hint" data-testid="comments-none">{t.comments_none()}</p> }.into_any()
            } else {
                view! {
                    <ul class="results" data-testid="comments">
                        {comments.into_iter().map(|comment| {
                            let date = school_date(domain::time::paris_day(comment.created_at), lang);
                            let removable = pupil.clone().filter(|_| comment.by_reader);
                            let id = comment.id.to_string();
                            let data_id = id.clone();
                            view! {
                                <li data-comment=data_id>
                                    <p class="hint">{t.comment_by(author_or_gone(t, &comment.author), date)}</p>
                                    {comment.body.split("\n\n").map(|paragraph| view! {
                                        <p class="prose comment-body">{paragraph.to_owned()}</p>
                                    }).collect_view()}
                                    {removable.map(|pupil| view! {
                                        <ActionForm action=remove>
                                            <input type="hidden" name="pupil" value=pupil/>
                                            <input type="hidden" name="comment" value=id/>
                                            <button type="submit" class="button button-secondary" data-testid="comment-remove">{t.comment_remove()}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {form.map(|(pupil, refused)| view! { <CommentForm t=t pupil=pupil refused=refused/> })}
        </section>
    }
}

#[component]
fn CommentForm(
    t: &'static GuidanceTexts,
    pupil: AccountId,
    refused: Option<(String, CommentRefusal)>,
) -> impl IntoView {
    let send = ServerAction::<CommentPlan>::new();
    let (typed, problem) = match refused {
        Some((body, problem)) => (body, Some(problem)),
        None => (String::new(), None),
    };
    view! {
        <ActionForm action=send>
            <input type="hidden" name="pupil" value=pupil.to_string()/>
            <div class="field">
                <label for="commentaire">{t.comment_label()}</label>
                <textarea id="commentaire" name="body" rows="4" maxlength=COMMENT_MAX_CHARS.to_string()
                    data-testid="comment-body"
                    aria-describedby=if problem.is_some() { "commentaire-aide commentaire-probleme" } else { "commentaire-aide" }
                    aria-invalid=problem.is_some().then_some("true")>{typed}</textarea>
                <p id="commentaire-aide" class="hint">{t.comment_hint(COMMENT_MAX_CHARS)}</p>
                {problem.map(|problem| view! {
                    <p id="commentaire-probleme" class="field-error" role="alert" data-testid="comment-problem">{comment_refusal_text(t, problem)}</p>
                })}
            </div>
            <button type="submit" class="button button-primary" data-testid="comment-send">{t.comment_send()}</button>
        </ActionForm>
    }
}

fn step_answer_text(t: &'static GuidanceTexts, answer: Option<Answer>) -> &'static str {
    match answer {
        None => t.recommendation_waiting(),
        Some(Answer::Accepted) => t.step_recommendation_accepted(),
        Some(Answer::Declined) => t.recommendation_declined(),
    }
}

/// Recommended steps; `answerable` (the pupil's own page) adds her two buttons to each one
/// waiting, and `with_decision` says which decision each is for.
#[component]
pub fn RecommendedSteps(
    t: &'static GuidanceTexts,
    steps: Vec<StepRecommendation>,
    answerable: bool,
    with_decision: bool,
) -> impl IntoView {
    let lang = t.lang;
    let answer = ServerAction::<AnswerStep>::new();
    view! {
        <ul class="results" data-testid="recommended-steps">
            {steps.into_iter().map(|step| {
                let id = step.id.to_string();
                let (accept_id, decline_id) = (id.clone(), id.clone());
                let (accept_label, decline_label) = (step.label.clone(), step.label.clone());
                let waiting = step.answer.is_none();
                view! {
                    <li data-step-recommendation=id>
                        {with_decision.then(|| view! { <p class="hint">{t.step_recommended_for(t.decision_title(step.decision))}</p> })}
                        <span>{step.label.clone()}</span>
                        {step.due.map(|due| view! { <span class="hint">" · "{t.step_due_on(school_date(due, lang))}</span> })}
                        <p class="hint">{t.recommended_by(author_or_gone(t, &step.author))}</p>
                        <p><strong>{step_answer_text(t, step.answer)}</strong></p>
                        {(answerable && waiting).then(|| view! {
                            <div class="row-actions">
                                <ActionForm action=answer>
                                    <input type="hidden" name="recommendation" value=accept_id/>
                                    <input type="hidden" name="answer" value="accepted"/>
                                    <button type="submit" class="button button-primary" data-testid="step-recommendation-accept">
                                        {t.step_recommendation_accept()}<span class="visually-hidden">{texts(lang).colon_value(&accept_label)}</span>
                                    </button>
                                </ActionForm>
                                <ActionForm action=answer>
                                    <input type="hidden" name="recommendation" value=decline_id/>
                                    <input type="hidden" name="answer" value="declined"/>
                                    <button type="submit" class="button button-secondary" data-testid="step-recommendation-decline">
                                        {t.recommendation_decline()}<span class="visually-hidden">{texts(lang).colon_value(&decline_label)}</span>
                                    </button>
                                </ActionForm>
                            </div>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The counsellor's form in a decision of the pupil's plan: a step for her to add.
#[component]
pub fn RecommendStepForm(
    t: &'static GuidanceTexts,
    pupil: AccountId,
    decision: Decision,
    refused: Option<(String, String, StepRefusal)>,
) -> impl IntoView {
    let send = ServerAction::<RecommendStep>::new();
    let key = decision.key();
    let (typed_label, typed_due, problem) = match refused {
        Some((label, due, problem)) => (label, due, Some(problem)),
        None => (String::new(), String::new(), None),
    };
    let label_id = format!("etape-recommandee-{key}");
    let due_id = format!("etape-recommandee-date-{key}");
    let hint_id = format!("etape-recommandee-aide-{key}");
    let problem_id = format!("etape-recommandee-probleme-{key}");
    let date_problem = matches!(problem, Some(StepRefusal::Step(StepProblem::BadDate)));
    let label_problem = problem.is_some() && !date_problem;
    view! {
        <h3>{t.step_recommend_heading()}</h3>
        <ActionForm action=send>
            <input type="hidden" name="pupil" value=pupil.to_string()/>
            <input type="hidden" name="decision" value=key/>
            <div class="field">
                <label for=label_id.clone()>{t.step_label()}</label>
                <input type="text" id=label_id name="label" value=typed_label
                    maxlength=STEP_LABEL_MAX_CHARS.to_string() data-testid="step-recommend-label"
                    aria-describedby=if label_problem { format!("{hint_id} {problem_id}") } else { hint_id.clone() }
                    aria-invalid=label_problem.then_some("true")/>
                <p id=hint_id class="hint">{t.step_label_hint(STEP_LABEL_MAX_CHARS)}</p>
            </div>
            <div class="field">
                <label for=due_id.clone()>{t.step_due()}</label>
                <input type="date" id=due_id name="due" value=typed_due data-testid="step-recommend-due"
                    aria-describedby=date_problem.then(|| problem_id.clone())
                    aria-invalid=date_problem.then_some("true")/>
            </div>
            {problem.map(|problem| view! {
                <p id=problem_id class="field-error" role="alert" data-testid="step-recommend-problem">{step_refusal_text(t, problem)}</p>
            })}
            <button type="submit" class="button button-primary" data-testid="step-recommend-send">{t.step_recommend_send()}</button>
        </ActionForm>
    }
}
