//! Legal guardians: the student's `/famille` page (make an invitation code, see, renew or end
//! the links) and, on a guardian's home, the form that links them to their child and the pages
//! shared with them.

use crate::error::PortalError;
use crate::i18n::{iso_date, texts, Lang};
use crate::pages::layout::{load_failure, Page};
use crate::viewer::RoleResource;
use domain::portfolio::feedback::ReceivedPage;
use domain::sharing::guardianship::{LinkProblem, LinkedPerson, NewInvitation};
use domain::time::format_paris;
use leptos::form::ActionForm;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The student's guardians, and whether a guardian can link at all (it needs the birth date
/// the identity provider gave).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyData {
    pub guardians: Vec<LinkedPerson>,
    pub birth_date_known: bool,
    /// A code made without JavaScript (the page reloaded): shown once, from the session.
    pub new_code: Option<NewInvitation>,
}

#[cfg(feature = "ssr")]
const NEW_CODE: &str = "invitation";

#[server(prefix = "/api", endpoint = "guardians")]
pub async fn get_guardians() -> Result<FamilyData, PortalError> {
    use domain::sharing::guardianship_store as store;
    let secrets = crate::ssr::OnceSecrets::from_request();
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ManageGuardians).await?;
    Ok(FamilyData {
        guardians: store::guardians_of(&portal.db, account.id).await?,
        birth_date_known: store::has_birth_date(&portal.db, account.id).await?,
        new_code: secrets.take(account.id, NEW_CODE),
    })
}

/// Makes a new invitation code (the previous one stops working), shown once.
#[server(prefix = "/api", endpoint = "guardian_invite")]
pub async fn invite_guardian() -> Result<NewInvitation, PortalError> {
    let plain_form = crate::ssr::without_javascript();
    let secrets = crate::ssr::OnceSecrets::from_request();
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ManageGuardians).await?;
    let invitation = domain::sharing::guardianship_store::invite(&portal.db, account.id).await?;
    if plain_form {
        secrets.put(account.id, NEW_CODE, &invitation)?;
    }
    Ok(invitation)
}

#[server(prefix = "/api", endpoint = "guardian_unlink")]
pub async fn unlink_guardian(guardian: domain::identity::AccountId) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ManageGuardians).await?;
    Ok(domain::sharing::guardianship_store::unlink(&portal.db, account.id, guardian).await?)
}

#[server(prefix = "/api", endpoint = "guardian_renew")]
pub async fn renew_guardian(guardian: domain::identity::AccountId) -> Result<String, PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ManageGuardians).await?;
    Ok(domain::sharing::guardianship_store::renew(&portal.db, account.id, guardian).await?)
}

/// The students a guardian is linked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildrenData {
    pub children: Vec<LinkedPerson>,
}

#[server(prefix = "/api", endpoint = "children")]
pub async fn get_children() -> Result<ChildrenData, PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::LinkToChild).await?;
    Ok(ChildrenData {
        children: domain::sharing::guardianship_store::children_of(&portal.db, account.id).await?,
    })
}

/// How the home page learns the answer to a link request sent without JavaScript: in its
/// address (the home's resources may run more than once, a one-read session message could be
/// spent by a run whose result is not shown).
pub const LINK_ANSWER_PARAM: &str = "lien";
const LINKED_ANSWER: &str = "relie";

/// What became of a guardian's link request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkOutcome {
    /// Linked to this student (their name).
    Linked(String),
    Refused(LinkProblem),
}

#[server(prefix = "/api", endpoint = "link_child")]
pub async fn link_child(code: String, birth_date: String) -> Result<LinkOutcome, PortalError> {
    use domain::sharing::guardianship_store::{self as store, GuardianshipError};
    let plain_form = crate::ssr::without_javascript();
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::LinkToChild).await?;
    let outcome = match store::accept(&portal.db, account.id, &code, &birth_date).await {
        Ok(child) => LinkOutcome::Linked(child),
        // A 200: the form shows why, in the reader's language.
        Err(GuardianshipError::Refused(problem)) => LinkOutcome::Refused(problem),
        Err(error) => return Err(error.into()),
    };
    if plain_form {
        let answer = match &outcome {
            LinkOutcome::Linked(_) => LINKED_ANSWER.to_owned(),
            LinkOutcome::Refused(problem) => problem.code(),
        };
        leptos_axum::redirect(&format!("/?{LINK_ANSWER_PARAM}={answer}"));
    }
    Ok(outcome)
}

pub use crate::i18n::catalogue::FamilyTexts;

impl FamilyTexts {
    /// How a pupil links a guardian, step by step.
    pub fn steps(&self) -> [&'static str; 3] {
        [self.step_1(), self.step_2(), self.step_3()]
    }

    /// Why linking to a pupil failed.
    pub fn link_problem(&self, value: LinkProblem) -> &'static str {
        match value {
            LinkProblem::CodeMissing => self.link_code_missing(),
            LinkProblem::CodeMalformed => self.link_code_malformed(),
            LinkProblem::BirthDateMissing => self.link_birth_date_missing(),
            LinkProblem::BirthDateMalformed => self.link_birth_date_malformed(),
            LinkProblem::NoMatch => self.link_no_match(),
            LinkProblem::TooManyAttempts => self.link_too_many_attempts(),
            LinkProblem::StudentIsAdult => self.link_student_is_adult(),
            LinkProblem::AlreadyLinked => self.link_already_linked(),
        }
    }
}

pub fn family_texts(lang: Lang) -> &'static FamilyTexts {
    FamilyTexts::of(lang)
}

/// `/famille`: the student's guardians.
#[component]
pub fn FamilyPage() -> impl IntoView {
    let invite = ServerAction::<InviteGuardian>::new();
    let unlink = ServerAction::<UnlinkGuardian>::new();
    let renew = ServerAction::<RenewGuardian>::new();
    let data = Resource::new_blocking(
        move || (unlink.version().get(), renew.version().get()),
        |_| get_guardians(),
    );
    view! {
        <Page title=|t| family_texts(t.lang).title().to_owned() let:viewer>
            <p class="breadcrumb"><a href="/">{texts(viewer.lang).home()}</a></p>
            <h1 id="titre-page">{family_texts(viewer.lang).title()}</h1>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let lang = viewer.lang;
                    match data.await {
                        // Only a pupil reads how to invite: anyone else reads why not, alone.
                        Ok(data) => view! {
                            <p class="lead">{family_texts(lang).intro()}</p>
                            <ol class="steps">{family_texts(lang).steps().into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
                            <ActionForm action=invite attr:class="inline-form">
                                <button type="submit" class="button button-primary" data-testid="invite-guardian">{family_texts(lang).invite()}</button>
                            </ActionForm>
                            <GuardianList lang=lang data=data invite=invite unlink=unlink renew=renew/>
                        }.into_any(),
                        Err(error) => load_failure(texts(lang), error),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn GuardianList(
    lang: Lang,
    data: FamilyData,
    invite: ServerAction<InviteGuardian>,
    unlink: ServerAction<UnlinkGuardian>,
    renew: ServerAction<RenewGuardian>,
) -> impl IntoView {
    let ft = family_texts(lang);
    let made_without_javascript = data.new_code;
    let new_code =
        move || {
            let invitation = match invite.value().get() {
                Some(made) => made.ok(),
                None => made_without_javascript.clone(),
            };
            invitation.map(|invitation| view! {
            <div class="notice" role="status">
                <p>{ft.code_label()}</p>
                <p class="invitation-code" data-testid="invitation-code">{invitation.code}</p>
                <p>{ft.code_expires(format_paris(invitation.expires_at))}</p>
                <p class="hint">{ft.code_hint()}</p>
            </div>
        })
        };
    view! {
        {new_code}
        {(!data.birth_date_known).then(|| view! { <p class="notice" data-testid="no-birth-date">{ft.no_birth_date()}</p> })}
        <section aria-labelledby="responsables-relies">
            <h2 id="responsables-relies">{ft.linked_title()}</h2>
            {if data.guardians.is_empty() {
                view! { <p class="muted">{ft.none_linked()}</p> }.into_any()
            } else {
                view! {
                    <ul class="entries" data-testid="guardians">
                        {data.guardians.into_iter().map(|g| {
                            let id = g.id.to_string();
                            let end = g.ends_on.as_deref().map(|end| {
                                format!(" · {}", if g.ended { ft.ended(iso_date(end, ft.lang)) } else { ft.ends_on(iso_date(end, ft.lang)) })
                            });
                            let unlink_label = ft.unlink_named(&g.name);
                            let renew_id = id.clone();
                            let row_id = id.clone();
                            view! {
                                <li class="entry-card" data-guardian=row_id>
                                    <h3 class="entry-title">{g.name.clone()}</h3>
                                    <p class="entry-meta">{ft.linked_since(format_paris(g.linked_at))}{end}</p>
                                    {g.renewable.then(|| view! {
                                        <ActionForm action=renew attr:class="inline-form">
                                            <input type="hidden" name="guardian" value=renew_id/>
                                            <button type="submit" class="button">{ft.renew()}</button>
                                        </ActionForm>
                                    })}
                                    <details class="danger-zone">
                                        <summary>{unlink_label.clone()}</summary>
                                        <p>{ft.unlink_intro()}</p>
                                        <ActionForm action=unlink>
                                            <input type="hidden" name="guardian" value=id/>
                                            <button type="submit" class="button button-danger" data-testid="unlink-guardian">{unlink_label}</button>
                                        </ActionForm>
                                    </details>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// On a guardian's home: the children linked, the link form, the pages shared with them.
#[component]
pub fn GuardianFamily(
    lang: Lang,
    children: RoleResource<Result<ChildrenData, PortalError>>,
    received: RoleResource<Result<Vec<ReceivedPage>, PortalError>>,
) -> impl IntoView {
    // A plain form (this is not an island): the server answers with the home again, its
    // outcome in the address, read again with the page.
    let link = ServerAction::<LinkChild>::new();
    view! {
        <Suspense fallback=move || view! { <p>{texts(lang).loading()}</p> }>
            {move || Suspend::new(async move {
                match children.await.unwrap_or(Err(PortalError::Forbidden)) {
                    Ok(data) => view! { <ChildrenAndLinkForm lang=lang data=data link=link/> }.into_any(),
                    Err(error) => load_failure(texts(lang), error),
                }
            })}
        </Suspense>
        <crate::pages::portfolio::feedback::ReceivedPages lang=lang pages=received/>
    }
}

#[component]
fn ChildrenAndLinkForm(
    lang: Lang,
    data: ChildrenData,
    link: ServerAction<LinkChild>,
) -> impl IntoView {
    let ft = family_texts(lang);
    let query = leptos_router::hooks::use_query_map();
    let outcome = move || {
        let outcome = match link.value().get() {
            Some(answer) => answer.ok(),
            // Sent without JavaScript: the answer is in the address.
            None => query.with(|q| {
                let answer = q.get(LINK_ANSWER_PARAM)?;
                if answer == LINKED_ANSWER {
                    Some(LinkOutcome::Linked(String::new()))
                } else {
                    LinkProblem::from_code(&answer).map(LinkOutcome::Refused)
                }
            }),
        };
        outcome.map(|outcome| match outcome {
            LinkOutcome::Linked(child) if child.is_empty() => view! {
                <p class="notice" data-testid="child-linked">{ft.child_linked_unnamed()}</p>
            }
            .into_any(),
            LinkOutcome::Linked(child) => view! {
                <p class="notice" data-testid="child-linked">{ft.child_linked(child)}</p>
            }
            .into_any(),
            LinkOutcome::Refused(problem) => view! {
                <p class="field-error" data-testid="link-problem">{ft.link_problem(problem)}</p>
            }
            .into_any(),
        })
    };
    view! {
        <section aria-labelledby="mes-enfants" class="card">
            <h2 id="mes-enfants">{ft.children_title()}</h2>
            {if data.children.is_empty() {
                view! { <p class="muted">{ft.no_children()}</p> }.into_any()
            } else {
                view! {
                    <ul data-testid="children">
                        {data.children.into_iter().map(|c| {
                            let end = c.ends_on.as_deref().map(|end| {
                                format!(" · {}", if c.ended { ft.ended(iso_date(end, ft.lang)) } else { ft.ends_on(iso_date(end, ft.lang)) })
                            });
                            view! { <li>{c.name}{end}</li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="relier-enfant" class="card">
            <h2 id="relier-enfant">{ft.child_form_title()}</h2>
            <p>{ft.child_form_intro()}</p>
            <ActionForm action=link attr:class="entry-form" attr:novalidate=true>
                <div role="alert">{outcome}</div>
                <div class="field">
                    <label for="code-invitation">{ft.child_code()}</label>
                    <input id="code-invitation" type="text" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="20" required=true/>
                </div>
                <div class="field">
                    <label for="naissance-enfant">{ft.child_birth_date()}</label>
                    <input id="naissance-enfant" type="date" name="birth_date" required=true/>
                </div>
                <button type="submit" class="button button-primary" data-testid="link-child">{ft.child_submit()}</button>
            </ActionForm>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_link_problem_is_explained_in_both_languages() {
        for &problem in LinkProblem::ALL {
            assert_ne!(
                family_texts(Lang::Fr).link_problem(problem),
                family_texts(Lang::En).link_problem(problem)
            );
        }
    }
}
