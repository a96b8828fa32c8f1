//! The open vault: its list of items, one item's card, the form that adds or changes one.

use super::texts::item_problem;
use super::*;

#[component]
pub(super) fn OpenVault() -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let query = RwSignal::new(String::new());
    let lock = move |_| {
        in_browser! { client::lock(ctx); }
    };
    let add = move |kind: ItemKind| {
        move |_| {
            ctx.editing.set(Some(Editing {
                item: VaultItem {
                    kind,
                    ..VaultItem::default()
                },
                ..Editing::default()
            }))
        }
    };
    let shown = Memo::new(move |_| {
        let q = query.get();
        let mut items: Vec<Opened> = ctx
            .items
            .get()
            .into_iter()
            .filter(|o| o.item.as_ref().is_none_or(|item| item.matches(&q)))
            .collect();
        items.sort_by_key(|o| o.item.as_ref().map(|i| domain::text::fold(&i.name)));
        items
    });
    view! {
        <div class="vault-toolbar">
            <button type="button" class="button button-secondary" on:click=lock data-testid="lock">{vault_texts(lang).lock()}</button>
            <button type="button" class="button" on:click=add(ItemKind::Login) data-testid="add-login">{vault_texts(lang).add_login()}</button>
            <button type="button" class="button" on:click=add(ItemKind::Note) data-testid="add-note">{vault_texts(lang).add_secure_note()}</button>
        </div>
        <p class="hint">{vault_texts(lang).vault_locks_itself_after_5()}</p>
        {move || ctx.editing.get().map(|editing| view! { <ItemForm editing=editing/> })}
        <section aria-labelledby="elements">
            <h2 id="elements">{vault_texts(lang).my_accounts_and_notes()}</h2>
            <div class="field">
                <label for="vault-search">{vault_texts(lang).search()}</label>
                <input id="vault-search" type="search" data-testid="vault-search"
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
            </div>
            <ul class="vault-items" data-testid="vault-items">
                <For each=move || shown.get() key=|o| (o.id.clone(), o.revision) let:opened>
                    <ItemCard opened=opened/>
                </For>
            </ul>
            {move || ctx.items.with(Vec::is_empty).then(|| view! {
                <p data-testid="vault-empty">{vault_texts(lang).your_vault_is_empty_add()}</p>
            })}
        </section>
        <Generator/>
        <HygieneReport/>
        <ImportExport/>
        <ChangeKeys/>
        <DeleteVault/>
        <VaultSettings/>
    }
}

#[component]
pub(super) fn ItemCard(opened: Opened) -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let id = opened.id.clone();
    let Some(item) = opened.item.clone() else {
        let remove = move |_| {
            let _ = &id;
            in_browser! { leptos::task::spawn_local(client::delete_item(ctx, id.clone())); }
        };
        let why = if opened.stale {
            vault_texts(lang).this_item_is_older_than()
        } else {
            vault_texts(lang).this_item_cannot_be_decrypted()
        };
        return view! {
            <li class="vault-item damaged" data-testid="damaged-item">
                <p>{why}</p>
                <button type="button" class="button button-secondary" on:click=remove>{vault_texts(lang).delete_this_item()}</button>
            </li>
        }.into_any();
    };
    let revealed = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let password = StoredValue::new(item.password.clone());
    let username = StoredValue::new(item.username.clone());
    let copy = move |secret: bool| {
        move |_| {
            let text = if secret {
                password.get_value()
            } else {
                username.get_value()
            };
            let _ = &text;
            in_browser! { leptos::task::spawn_local(client::copy_text(ctx, text, secret)); }
        }
    };
    let edit_item = item.clone();
    let edit_id = opened.id.clone();
    let revision = opened.revision;
    let edit = move |_| {
        ctx.editing.set(Some(Editing {
            id: Some(edit_id.clone()),
            revision: Some(revision),
            item: edit_item.clone(),
        }))
    };
    let delete_id = opened.id.clone();
    let delete = move |_| {
        let _ = &delete_id;
        in_browser! { leptos::task::spawn_local(client::delete_item(ctx, delete_id.clone())); }
    };
    let is_login = item.kind == ItemKind::Login;
    view! {
        <li class="vault-item" data-testid="vault-item" data-name=item.name.clone()>
            <h3>{item.name.clone()}</h3>
            {(!item.url.is_empty()).then(|| {
                let url = item.url.clone();
                view! { <p class="item-url"><a href=url.clone() rel="noopener noreferrer" target="_blank">{url.clone()}</a></p> }
            })}
            {is_login.then(|| view! {
                <dl class="item-fields">
                    <div><dt>{vault_texts(lang).username()}</dt><dd data-testid="item-username">{item.username.clone()}</dd></div>
                    <div>
                        <dt>{vault_texts(lang).password()}</dt>
                        <dd class="mono" data-testid="item-password">
                            {move || if revealed.get() { password.get_value() } else { "••••••••".to_owned() }}
                        </dd>
                    </div>
                </dl>
                <div class="item-actions">
                    <button type="button" class="button button-secondary" aria-pressed=move || revealed.get().to_string()
                        on:click=move |_| revealed.update(|r| *r = !*r) data-testid="reveal">{vault_texts(lang).show_password()}</button>
                    <button type="button" class="button button-secondary" on:click=copy(false)>{vault_texts(lang).copy_username()}</button>
                    <button type="button" class="button button-secondary" on:click=copy(true) data-testid="copy-password">{vault_texts(lang).copy_password()}</button>
                </div>
                {(!item.two_factor).then(|| view! { <p class="hint">{vault_texts(lang).two_factor_authentication_not_on()}</p> })}
            })}
            {(!item.notes.is_empty()).then(|| view! { <p class="item-notes">{item.notes.clone()}</p> })}
            <div class="item-actions">
                <button type="button" class="button button-secondary" on:click=edit data-testid="edit">{vault_texts(lang).edit()}</button>
                {move || if confirming.get() {
                    view! {
                        <span>{vault_texts(lang).delete_for_good()}</span>
                        <button type="button" class="button button-danger" on:click=delete.clone() data-testid="confirm-delete">{vault_texts(lang).yes_delete()}</button>
                        <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>{vault_texts(lang).no()}</button>
                    }.into_any()
                } else {
                    view! { <button type="button" class="button button-secondary" on:click=move |_| confirming.set(true) data-testid="delete">{vault_texts(lang).delete()}</button> }.into_any()
                }}
            </div>
        </li>
    }.into_any()
}

#[component]
pub(super) fn ItemForm(editing: Editing) -> impl IntoView {
    let ctx = expect_context::<VaultCtx>();
    let lang = ctx.lang;
    let kind = editing.item.kind;
    let name = RwSignal::new(editing.item.name.clone());
    let url = RwSignal::new(editing.item.url.clone());
    let username = RwSignal::new(editing.item.username.clone());
    let password = RwSignal::new(editing.item.password.clone());
    let notes = RwSignal::new(editing.item.notes.clone());
    let two_factor = RwSignal::new(editing.item.two_factor);
    let original = StoredValue::new(editing.clone());
    let problems = RwSignal::new(Vec::<domain::vault::items::ItemProblem>::new());
    let generate = move |_| {
        in_browser! {
            if let Some(generated) = client::generate_password(20, true) { password.set(generated.text); }
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let before = original.get_value();
        let mut item = VaultItem {
            kind,
            name: name.get_untracked(),
            url: url.get_untracked(),
            username: username.get_untracked(),
            password: password.get_untracked(),
            notes: notes.get_untracked(),
            two_factor: two_factor.get_untracked(),
            password_changed_on: before.item.password_changed_on.clone(),
        };
        if item.password != before.item.password || before.id.is_none() {
            item.password_changed_on = String::new();
        }
        match item.checked() {
            Err(found) => problems.set(found),
            Ok(item) => {
                problems.set(Vec::new());
                let _ = &item;
                in_browser! { leptos::task::spawn_local(client::save_item(ctx, before.id.clone(), before.revision, item)); }
            }
        }
    };
    let title = match (kind, editing.id.is_some()) {
        (ItemKind::Login, false) => vault_texts(lang).new_login(),
        (ItemKind::Note, false) => vault_texts(lang).new_secure_note(),
        (_, true) => vault_texts(lang).edit_item(),
    };
    let is_login = kind == ItemKind::Login;
    let has = move |p: domain::vault::items::ItemProblem| problems.with(|all| all.contains(&p));
    view! {
        <section aria-labelledby="formulaire-element" class="card">
            <h2 id="formulaire-element">{title}</h2>
            <form on:submit=submit data-testid="item-form" novalidate>
                {move || (!problems.get().is_empty()).then(|| view! {
                    <ul role="alert" class="form-errors">{problems.get().into_iter().map(|p| view! { <li>{item_problem(lang, p)}</li> }).collect_view()}</ul>
                })}
                <div class="field">
                    <label for="item-name">{vault_texts(lang).service_name()}</label>
                    <input id="item-name" type="text" required aria-invalid=move || has(domain::vault::items::ItemProblem::NameMissing).to_string()
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                {is_login.then(|| view! {
                    <div class="field">
                        <label for="item-url">{vault_texts(lang).site_address_optional()}</label>
                        <input id="item-url" type="url" inputmode="url" aria-invalid=move || has(domain::vault::items::ItemProblem::UrlNotWeb).to_string()
                            prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="item-username">{vault_texts(lang).username()}</label>
                        <input id="item-username" type="text" autocomplete="off"
                            prop:value=move || username.get() on:input=move |ev| username.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="item-password">{vault_texts(lang).password()}</label>
                        <input id="item-password" type="text" autocomplete="off" spellcheck="false" class="mono"
                            aria-describedby="item-password-strength"
                            prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                        <StrengthMeter password=password.into() id="item-password-strength"/>
                        <button type="button" class="button button-secondary" on:click=generate data-testid="generate-into-form">{vault_texts(lang).generate_password()}</button>
                    </div>
                    <div class="field checkbox">
                        <input id="item-2fa" type="checkbox" prop:checked=move || two_factor.get() on:change=move |ev| two_factor.set(event_target_checked(&ev))/>
                        <label for="item-2fa">{vault_texts(lang).two_factor_authentication_is_on()}</label>
                    </div>
                })}
                <div class="field">
                    <label for="item-notes">{vault_texts(lang).notes()}</label>
                    <textarea id="item-notes" rows="3" prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="button" disabled=move || ctx.busy.get().is_some()>{vault_texts(lang).save()}</button>
                <button type="button" class="button button-secondary" on:click=move |_| ctx.editing.set(None)>{vault_texts(lang).cancel()}</button>
            </form>
        </section>
    }
}
