//! Counsellor feedback: pages shared with a counsellor (`/partages-recus/:id`), comments on
//! entries (the counsellor writes, the student answers on the entry's page), « vérifié ».

use super::texts::portfolio_texts;
use crate::components::{ReadOnlyEntry, SharedGuidancePlan, SharedPix};
use crate::error::PortalError;
use crate::i18n::{texts, Lang};
use crate::pages::layout::{load_failure, Page};
use crate::viewer::RoleResource;
use domain::portfolio::feedback::{CommentProblem, CommentView, ReceivedPage, Verification};
use domain::portfolio::showcase::{PageId, SharedPageView};
use domain::portfolio::EntryId;
use domain::time::format_paris;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// The pages students shared with the signed-in counsellor or guardian.
#[server(prefix = "/api", endpoint = "received_pages")]
pub async fn get_received_pages() -> Result<Vec<ReceivedPage>, PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ReadSharedPages).await?;
    Ok(domain::portfolio::feedback_store::received(&portal.db, account.id).await?)
}

/// A page shared with the counsellor (or guardian), its comments and verifications.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantedPageData {
    pub page_id: PageId,
    /// A counsellor comments and verifies; a guardian only reads (and does not see the
    /// conversation between the student and their counsellors).
    pub can_review: bool,
    pub page: SharedPageView,
    pub comments: Vec<(i64, Vec<CommentView>)>,
    pub verified: Vec<(i64, Verification)>,
}

#[server(prefix = "/api", endpoint = "granted_page")]
pub async fn get_granted_page(page: PageId) -> Result<GrantedPageData, PortalError> {
    use domain::portfolio::feedback_store as store;
    let me = crate::ssr::SignedIn::acting(domain::policy::Action::ReadSharedPages).await?;
    let can_review = me.allowed(domain::policy::Action::ReviewSharedPages);
    let crate::ssr::SignedIn {
        portal, account, ..
    } = me;
    let (view, owner) = store::view_granted(&portal.db, account.id, page).await?;
    let ids: Vec<_> = view.entries.iter().map(|e| e.id).collect();
    let comments = if can_review {
        store::comments(&portal.db, &ids).await?
    } else {
        Default::default()
    };
    let mut verified = store::verifications(&portal.db, owner).await?;
    Ok(GrantedPageData {
        page_id: page,
        can_review,
        comments: ids
            .iter()
            .map(|id| {
                (
                    id.get(),
                    comments.get(&id.get()).cloned().unwrap_or_default(),
                )
            })
            .collect(),
        verified: ids
            .iter()
            .filter_map(|id| Some((id.get(), verified.remove(&id.get())?)))
            .collect(),
        page: view,
    })
}

/// What became of a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommentOutcome {
    Posted,
    Invalid(CommentProblem),
}

#[server(prefix = "/api", endpoint = "comment")]
pub async fn post_comment(entry: EntryId, body: String) -> Result<CommentOutcome, PortalError> {
    use domain::portfolio::feedback_store::{self as store, FeedbackError};
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::DiscussEntries).await?;
    match store::comment(&portal.db, account.id, entry, &body).await {
        Ok(_) => Ok(CommentOutcome::Posted),
        Err(FeedbackError::Invalid(problem)) => Ok(CommentOutcome::Invalid(problem)),
        Err(error) => Err(error.into()),
    }
}

#[server(prefix = "/api", endpoint = "verify")]
pub async fn set_verified(entry: EntryId, verified: bool) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ReviewSharedPages).await?;
    Ok(
        domain::portfolio::feedback_store::set_verified(&portal.db, account.id, entry, verified)
            .await?,
    )
}

/// The comments and the « vérifié » mark of one of the student's entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryFeedback {
    pub comments: Vec<CommentView>,
    pub verified: Option<Verification>,
}

/// The comments and mark of one of the owner's entries (the caller has checked ownership).
#[cfg(feature = "ssr")]
pub async fn owner_feedback(
    db: &domain::db::Db,
    owner: domain::identity::AccountId,
    entry: domain::portfolio::EntryId,
) -> Result<EntryFeedback, PortalError> {
    use domain::portfolio::feedback_store as store;
    let comments = store::comments_on(db, owner, entry).await?;
    let verified = store::verifications(db, owner).await?.remove(&entry.get());
    Ok(EntryFeedback { comments, verified })
}

#[server(prefix = "/api", endpoint = "entry_feedback")]
pub async fn get_entry_feedback(entry: EntryId) -> Result<EntryFeedback, PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::ReadPortfolio).await?;
    let id = entry;
    // The student's own entries only: counsellors read comments on the pages shared with them.
    domain::portfolio::store::get(&portal.db, account.id, id)
        .await
        .map_err(|error| {
            tracing::error!(%error, "could not read the entry");
            PortalError::Unavailable
        })?
        .ok_or(PortalError::NotFound)?;
    owner_feedback(&portal.db, account.id, id).await
}

/// The « Pages partagées avec moi » list of a counsellor's or a guardian's home (`pages` is made
/// by the page, see `crate::viewer::role_resource`).
#[component]
pub fn ReceivedPages(
    lang: Lang,
    pages: RoleResource<Result<Vec<ReceivedPage>, PortalError>>,
) -> impl IntoView {
    let pt = portfolio_texts(lang);
    view! {
        <section aria-labelledby="pages-recues" class="card">
            <h2 id="pages-recues">{pt.received_title()}</h2>
            <Suspense fallback=move || view! { <p>{texts(lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    match pages.await.unwrap_or(Err(PortalError::Forbidden)) {
                        Ok(pages) if pages.is_empty() => view! { <p>{pt.received_none()}</p> }.into_any(),
                        Ok(pages) => view! {
                            <ul data-testid="received-pages">
                                {pages.into_iter().map(|p| view! {
                                    <li><a href=format!("/partages-recus/{}", p.page_id)>{format!("{} — {}", p.student, p.title)}</a></li>
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => load_failure(texts(lang), error),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Comments of an entry, and the form to add one.
#[component]
pub fn Discussion(
    lang: Lang,
    entry: i64,
    comments: Vec<CommentView>,
    post: ServerAction<PostComment>,
) -> impl IntoView {
    let pt = portfolio_texts(lang);
    let field = format!("commentaire-{entry}");
    let problem = move || match post.value().get() {
        Some(Ok(CommentOutcome::Invalid(problem))) => Some(
            view! { <p class="field-error" role="alert">{portfolio_texts(lang).comment_problem(problem)}</p> },
        ),
        _ => None,
    };
    view! {
        <div class="discussion" data-testid=format!("discussion-{entry}")>
            {if comments.is_empty() {
                view! { <p class="muted">{pt.comments_none()}</p> }.into_any()
            } else {
                view! {
                    <ul class="comments">
                        {comments.into_iter().map(|c| view! {
                            <li class="comment" data-by-student=c.by_student.to_string()>
                                <p class="comment-meta"><strong>{c.author}</strong><span>{format!(" · {}", format_paris(c.created_at))}</span></p>
                                <p class="prose">{c.body}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <ActionForm action=post attr:class="comment-form">
                <input type="hidden" name="entry" value=entry.to_string()/>
                <div class="field">
                    <label for=field.clone()>{pt.comment_label()}</label>
                    <textarea id=field name="body" rows="3" maxlength="2000"></textarea>
                </div>
                {problem}
                <button type="submit" class="button">{pt.comment_send()}</button>
            </ActionForm>
        </div>
    }
}

/// `/partages-recus/:id`: a page a student shared with the signed-in counsellor.
#[component]
pub fn GrantedPage() -> impl IntoView {
    let params = use_params_map();
    let id =
        Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse::<PageId>().ok())));
    let post = ServerAction::<PostComment>::new();
    let verify = ServerAction::<SetVerified>::new();
    let data = Resource::new_blocking(
        move || (id.get(), post.version().get(), verify.version().get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => get_granted_page(id).await,
                None => Err(PortalError::NotFound),
            }
        },
    );
    view! {
        <Page title=|t| portfolio_texts(t.lang).received_title().to_owned() let:viewer>
            <Suspense fallback=move || view! { <p>{texts(viewer.lang).loading()}</p> }>
                {move || Suspend::new(async move {
                    let lang = viewer.lang;
                    match data.await {
                        Ok(data) => view! { <GrantedView lang=lang data=data post=post verify=verify/> }.into_any(),
                        Err(error) => view! {
                            <h1 id="titre-page">{portfolio_texts(lang).received_title()}</h1>
                            {load_failure(texts(lang), error)}
                        }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn GrantedView(
    lang: Lang,
    data: GrantedPageData,
    post: ServerAction<PostComment>,
    verify: ServerAction<SetVerified>,
) -> impl IntoView {
    let pt = portfolio_texts(lang);
    let page = data.page;
    let page_id = data.page_id;
    view! {
        <p class="breadcrumb"><a href="/">{texts(lang).home()}</a></p>
        <article data-testid="granted-page" aria-labelledby="titre-page">
            <h1 id="titre-page">{page.title.clone()}</h1>
            <p class="lead">{pt.shared_by(&page.author)}</p>
            {(!page.intro.is_empty()).then(|| view! { <p class="prose">{page.intro.clone()}</p> })}
            <ol class="entries">
                {page.entries.into_iter().map(|entry| {
                    let id = entry.id.get();
                    let comments = data.comments.iter().find(|(e, _)| *e == id).map(|(_, c)| c.clone()).unwrap_or_default();
                    let verified = data.verified.iter().find(|(e, _)| *e == id).map(|(_, v)| v.clone());
                    view! {
                        <li class="entry-card" data-entry-id=id.to_string()>
                            <ReadOnlyEntry lang=lang entry=entry files_base=format!("/partages-recus/{page_id}/preuves")/>
                            <VerifiedBadge lang=lang verified=verified.clone()/>
                            {data.can_review.then(|| view! {
                                <ActionForm action=verify attr:class="inline-form">
                                    <input type="hidden" name="entry" value=id.to_string()/>
                                    <input type="hidden" name="verified" value=verified.is_none().to_string()/>
                                    <button type="submit" class="button button-secondary" data-testid=format!("verify-{id}")>
                                        {if verified.is_some() { pt.unverify() } else { pt.verify() }}
                                    </button>
                                </ActionForm>
                                <h3>{pt.comments_title()}</h3>
                                <Discussion lang=lang entry=id comments=comments post=post/>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {page.pix.map(|history| view! { <SharedPix lang=lang history=history/> })}
            {page.plan.map(|plan| view! { <SharedGuidancePlan lang=lang plan=plan/> })}
        </article>
    }
}

/// « Vérifié par … le … », when a counsellor marked the entry.
#[component]
pub fn VerifiedBadge(lang: Lang, verified: Option<Verification>) -> impl IntoView {
    let pt = portfolio_texts(lang);
    verified.map(|v| {
        view! {
            <p class="verified" data-testid="verified">
                <strong>{pt.verified()}</strong>
                " — "{pt.verified_by(format_paris(v.at), &v.by)}
            </p>
        }
    })
}

/// On the student's entry page: the « vérifié » mark and the conversation with counsellors.
#[component]
pub fn EntryFeedbackSection(
    lang: Lang,
    entry: i64,
    feedback: EntryFeedback,
    post: ServerAction<PostComment>,
) -> impl IntoView {
    let pt = portfolio_texts(lang);
    view! {
        <section id="commentaires" aria-labelledby="commentaires-titre">
            <h2 id="commentaires-titre">{pt.comments_title()}</h2>
            <VerifiedBadge lang=lang verified=feedback.verified/>
            <Discussion lang=lang entry=entry comments=feedback.comments post=post/>
        </section>
    }
}
