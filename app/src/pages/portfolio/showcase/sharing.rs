//! Sharing a showcase page: secret links (made, counted, revoked) and the people of the pupil's school it is shown to.

use super::*;

/// Creates a secret link; answers its address, shown once.
#[server(prefix = "/api", endpoint = "showcase_link")]
pub async fn create_link(id: PageId, lifetime: LinkLifetime) -> Result<String, PortalError> {
    let plain_form = crate::ssr::without_javascript();
    let secrets = crate::ssr::OnceSecrets::from_request();
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::SharePortfolio).await?;
    let token =
        domain::portfolio::showcase_store::create_link(&portal.db, account.id, id, lifetime)
            .await?;
    let url = format!(
        "{}/partage/{token}",
        portal.public_url.trim_end_matches('/')
    );
    // Without JavaScript the browser reloads the page, which shows the link once from here.
    if plain_form {
        secrets.put(account.id, NEW_LINK, &(id, url.clone()))?;
    }
    Ok(url)
}

/// Shares the page with a counsellor of the student's school or a linked guardian (`share`
/// true), or stops.
#[server(prefix = "/api", endpoint = "showcase_grant")]
pub async fn grant_page(
    id: PageId,
    grantee: domain::identity::AccountId,
    share: bool,
) -> Result<(), PortalError> {
    use domain::portfolio::feedback_store as store;
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::SharePortfolio).await?;
    let page = id;
    let done = if share {
        store::grant(&portal.db, account.id, page, grantee).await
    } else {
        store::revoke_grant(&portal.db, account.id, page, grantee).await
    };
    Ok(done?)
}

#[server(prefix = "/api", endpoint = "showcase_revoke")]
pub async fn revoke_link(
    link: domain::portfolio::showcase::ShareLinkId,
) -> Result<(), PortalError> {
    let crate::ssr::SignedIn {
        portal, account, ..
    } = crate::ssr::SignedIn::acting(domain::policy::Action::SharePortfolio).await?;
    domain::portfolio::showcase_store::revoke_link(&portal.db, account.id, link).await?;
    Ok(())
}

/// Sharing with counsellors of the student's school (who can then comment and verify) and
/// with linked guardians (who can read).
#[component]
pub(super) fn PeopleSharing(
    lang: Lang,
    page: i64,
    counsellors: Vec<Person>,
    guardians: Vec<Person>,
    grants: Vec<Person>,
    grant: ServerAction<GrantPage>,
) -> impl IntoView {
    let pt = portfolio_texts(lang);
    let not_granted = |people: Vec<Person>| -> Vec<Person> {
        people
            .into_iter()
            .filter(|c| !grants.iter().any(|g| g.id == c.id))
            .collect()
    };
    let counsellors = not_granted(counsellors);
    let guardians = not_granted(guardians);
    let options = |label: &'static str, people: Vec<Person>| {
        (!people.is_empty()).then(|| view! {
            <optgroup label=label>
                {people.into_iter().map(|c| view! { <option value=c.id.to_string()>{c.name}</option> }).collect_view()}
            </optgroup>
        })
    };
    view! {
        <section aria-labelledby="partage-conseil" class="sharing">
            <h2 id="partage-conseil">{pt.share_with_title()}</h2>
            <p>{pt.share_with_intro()}</p>
            {if grants.is_empty() {
                view! { <p class="muted">{pt.share_with_nobody()}</p> }.into_any()
            } else {
                view! {
                    <ul data-testid="grants">
                        {grants.clone().into_iter().map(|person| {
                            let label = texts(lang).label_value(pt.unshare(), &person.name);
                            view! {
                                <li>
                                    <span>{person.name.clone()}</span>
                                    <ActionForm action=grant attr:class="inline-form">
                                        <input type="hidden" name="id" value=page.to_string()/>
                                        <input type="hidden" name="grantee" value=person.id.to_string()/>
                                        <input type="hidden" name="share" value="false"/>
                                        <button type="submit" class="button button-secondary">{label}</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {if counsellors.is_empty() && guardians.is_empty() {
                view! { <p class="muted">{pt.share_with_none()}</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=grant attr:class="inline-form">
                        <input type="hidden" name="id" value=page.to_string()/>
                        <input type="hidden" name="share" value="true"/>
                        <label for="conseiller">{pt.share_with_label()}</label>
                        <select id="conseiller" name="grantee">
                            {options(pt.share_group_counsellors(), counsellors)}
                            {options(pt.share_group_guardians(), guardians)}
                        </select>
                        <button type="submit" class="button" data-testid="grant-page">{pt.share_with_button()}</button>
                    </ActionForm>
                }.into_any()
            }}
            <p class="hint"><a href="/famille">{pt.share_family_hint()}</a></p>
        </section>
    }
}

#[component]
pub(super) fn LinksTable(
    lang: Lang,
    links: Vec<LinkView>,
    now: i64,
    revoke: ServerAction<RevokeLink>,
) -> impl IntoView {
    let pt: &'static PortfolioTexts = portfolio_texts(lang);
    if links.is_empty() {
        return view! { <p class="muted">{pt.links_none()}</p> }.into_any();
    }
    view! {
        <div class="table-scroll" role="region" aria-labelledby="liens-legende" tabindex="0">
            <table class="journal" data-testid="links">
                <caption id="liens-legende">{pt.links_caption()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{pt.link_created_at()}</th>
                        <th scope="col">{pt.link_state()}</th>
                        <th scope="col">{pt.link_views()}</th>
                        <th scope="col"><span class="visually-hidden">{pt.link_revoke()}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {links.into_iter().map(|link| {
                        let active = link.is_active(now);
                        let state = match (link.revoked_at, link.expires_at) {
                            (Some(at), _) => pt.link_revoked(format_paris(at)),
                            (None, Some(at)) if at <= now => pt.link_expired(format_paris(at)),
                            (None, Some(at)) => pt.link_expires(format_paris(at)),
                            (None, None) => pt.link_no_end().to_owned(),
                        };
                        let views = match link.last_viewed_at {
                            Some(at) => pt.link_last_view(format_paris(at), link.views),
                            None => link.views.to_string(),
                        };
                        let label = pt.link_revoke_made(format_paris(link.created_at));
                        view! {
                            <tr data-active=active.to_string()>
                                <td>{format_paris(link.created_at)}</td>
                                <td>{state}</td>
                                <td>{views}</td>
                                <td>
                                    {active.then(|| view! {
                                        <ActionForm action=revoke attr:class="inline-form">
                                            <input type="hidden" name="link" value=link.id.to_string()/>
                                            <button type="submit" class="button button-secondary">{label}</button>
                                        </ActionForm>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
