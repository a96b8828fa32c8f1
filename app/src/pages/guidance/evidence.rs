//! What backs a wish, on the pupil's plan: the portfolio entries of hers she attached to it,
//! each with what it showed her (« ce stage m'a confirmé … »), and the form to attach one more;
//! read-only on a shared plan.

use super::plan_api::{evidence_problem_text, AttachEntry, DetachEntry, EvidenceProblem};
use super::texts::GuidanceTexts;
use crate::i18n::texts;
use domain::guidance::calendar::Decision;
use domain::guidance::plan::year::{WishEvidence, WISH_EVIDENCE_MAX};
use domain::guidance::plan::NOTE_MAX_CHARS;
use domain::portfolio::EntryId;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The entries attached to a wish, read-only (a shared plan).
#[component]
pub fn EvidenceList(t: &'static GuidanceTexts, evidence: Vec<WishEvidence>) -> impl IntoView {
    (!evidence.is_empty()).then(|| {
        view! {
            <p class="hint">{t.wish_evidence_heading()}</p>
            <ul class="evidence" data-testid="wish-evidence">
                {evidence.into_iter().map(|e| view! {
                    <li>
                        <strong>{e.title}</strong>
                        {(!e.note.is_empty()).then(|| view! { <p class="prose">{e.note}</p> })}
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

/// The pupil's own: her attached entries (each to detach), and the form to attach one of hers
/// (one attached already takes the new note) while the wish has room; `refused` is a form
/// refused on this wish (the entry chosen, the note typed, why).
#[component]
pub fn WishEvidenceForm(
    t: &'static GuidanceTexts,
    decision: Decision,
    choice: String,
    evidence: Vec<WishEvidence>,
    entries: Vec<(EntryId, String)>,
    refused: Option<(String, String, EvidenceProblem)>,
) -> impl IntoView {
    let lang = t.lang;
    let key = decision.key();
    let attach = ServerAction::<AttachEntry>::new();
    let detach = ServerAction::<DetachEntry>::new();
    // Every entry of hers: one attached already takes the new note.
    let room = evidence.len() < WISH_EVIDENCE_MAX;
    let (chosen, typed, problem) = match refused {
        Some((entry, note, problem)) => (entry, note, Some(problem)),
        None => (String::new(), String::new(), None),
    };
    let select_id = format!("appui-{key}-{choice}");
    let note_id = format!("appui-note-{key}-{choice}");
    let hint_id = format!("appui-aide-{key}-{choice}");
    let problem_id = format!("appui-probleme-{key}-{choice}");
    let attached = evidence.into_iter().map(|e| {
        let (decision_key, choice, entry) = (key, choice.clone(), e.entry.to_string());
        let title = e.title.clone();
        view! {
            <li>
                <a href=format!("/portfolio/entrees/{}", e.entry)>{e.title}</a>
                {(!e.note.is_empty()).then(|| view! { <p class="prose">{e.note}</p> })}
                <ActionForm action=detach>
                    <input type="hidden" name="decision" value=decision_key/>
                    <input type="hidden" name="choice" value=choice/>
                    <input type="hidden" name="entry" value=entry/>
                    <button type="submit" class="button button-secondary" data-testid="evidence-detach">
                        {t.wish_evidence_remove()}<span class="visually-hidden">{texts(lang).colon_value(&title)}</span>
                    </button>
                </ActionForm>
            </li>
        }
    }).collect::<Vec<_>>();
    let has_attached = !attached.is_empty();
    view! {
        {has_attached.then(|| view! {
            <p class="hint">{t.wish_evidence_heading()}</p>
            <ul class="evidence" data-testid="wish-evidence">{attached}</ul>
        })}
        {((room || problem.is_some()) && !entries.is_empty()).then(|| view! {
            <details class="evidence-add" open=problem.is_some()>
                <summary>{t.wish_evidence_add()}</summary>
                <ActionForm action=attach>
                    <input type="hidden" name="decision" value=key/>
                    <input type="hidden" name="choice" value=choice.clone()/>
                    <div class="field">
                        <label for=select_id.clone()>{t.wish_evidence_entry()}</label>
                        <select id=select_id name="entry" data-testid="evidence-entry">
                            {entries.into_iter().map(|(id, title)| {
                                let value = id.to_string();
                                let selected = value == chosen;
                                view! { <option value=value selected=selected>{title}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for=note_id.clone()>{t.wish_evidence_note()}</label>
                        <textarea id=note_id name="note" rows="2" maxlength=NOTE_MAX_CHARS.to_string() data-testid="evidence-note"
                            aria-describedby=if problem.is_some() { format!("{hint_id} {problem_id}") } else { hint_id.clone() }
                            aria-invalid=problem.is_some().then_some("true")>{typed}</textarea>
                        <p id=hint_id class="hint">{t.wish_evidence_note_hint(NOTE_MAX_CHARS)}</p>
                        {problem.map(|problem| view! {
                            <p id=problem_id class="field-error" role="alert" data-testid="evidence-problem">{evidence_problem_text(t, problem)}</p>
                        })}
                    </div>
                    <button type="submit" class="button button-primary" data-testid="evidence-attach">{t.wish_evidence_send()}</button>
                </ActionForm>
            </details>
        })}
    }
}
