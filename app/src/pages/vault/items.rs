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
            <button type="button" class="button button-secondary" on:click=lock data-testid="lock">{tr(lang, "Verrouiller", "Lock")}</button>
            <button type="button" class="button" on:click=add(ItemKind::Login) data-testid="add-login">{tr(lang, "Ajouter un identifiant", "Add a login")}</button>
            <button type="button" class="button" on:click=add(ItemKind::Note) data-testid="add-note">{tr(lang, "Ajouter une note secrète", "Add a secure note")}</button>
        </div>
        <p class="hint">{tr(lang, "Le coffre se verrouille seul après 5 minutes sans activité.", "The vault locks itself after 5 minutes without activity.")}</p>
        {move || ctx.editing.get().map(|editing| view! { <ItemForm editing=editing/> })}
        <section aria-labelledby="elements">
            <h2 id="elements">{tr(lang, "Mes comptes et notes", "My accounts and notes")}</h2>
            <div class="field">
                <label for="vault-search">{tr(lang, "Rechercher", "Search")}</label>
                <input id="vault-search" type="search" data-testid="vault-search"
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
            </div>
            <ul class="vault-items" data-testid="vault-items">
                <For each=move || shown.get() key=|o| (o.id.clone(), o.revision) let:opened>
                    <ItemCard opened=opened/>
                </For>
            </ul>
            {move || ctx.items.with(Vec::is_empty).then(|| view! {
                <p data-testid="vault-empty">{tr(lang, "Votre coffre-fort est vide : ajoutez un identifiant, ou importez ceux d'un autre gestionnaire.", "Your vault is empty: add a login, or import those of another manager.")}</p>
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
            tr(lang,
                "Cet élément est plus ancien que la version déjà vue sur cet appareil (ou il avait été supprimé) : le serveur a pu remettre une version périmée. Il n'est pas affiché ; les autres éléments ne sont pas touchés.",
                "This item is older than the version this device already saw (or it had been deleted): the server may have put back an outdated version. It is not shown; the other items are not affected.")
        } else {
            tr(lang,
                "Cet élément ne peut pas être déchiffré : il a été modifié ou déplacé depuis son enregistrement. Les autres éléments ne sont pas touchés.",
                "This item cannot be decrypted: it was changed or moved since it was saved. The other items are not affected.")
        };
        return view! {
            <li class="vault-item damaged" data-testid="damaged-item">
                <p>{why}</p>
                <button type="button" class="button button-secondary" on:click=remove>{tr(lang, "Supprimer cet élément", "Delete this item")}</button>
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
                    <div><dt>{tr(lang, "Identifiant", "Username")}</dt><dd data-testid="item-username">{item.username.clone()}</dd></div>
                    <div>
                        <dt>{tr(lang, "Mot de passe", "Password")}</dt>
                        <dd class="mono" data-testid="item-password">
                            {move || if revealed.get() { password.get_value() } else { "••••••••".to_owned() }}
                        </dd>
                    </div>
                </dl>
                <div class="item-actions">
                    <button type="button" class="button button-secondary" aria-pressed=move || revealed.get().to_string()
                        on:click=move |_| revealed.update(|r| *r = !*r) data-testid="reveal">{tr(lang, "Afficher le mot de passe", "Show the password")}</button>
                    <button type="button" class="button button-secondary" on:click=copy(false)>{tr(lang, "Copier l'identifiant", "Copy the username")}</button>
                    <button type="button" class="button button-secondary" on:click=copy(true) data-testid="copy-password">{tr(lang, "Copier le mot de passe", "Copy the password")}</button>
                </div>
                {(!item.two_factor).then(|| view! { <p class="hint">{tr(lang, "Double authentification : non activée (ou pas notée).", "Two-factor authentication: not on (or not noted).")}</p> })}
            })}
            {(!item.notes.is_empty()).then(|| view! { <p class="item-notes">{item.notes.clone()}</p> })}
            <div class="item-actions">
                <button type="button" class="button button-secondary" on:click=edit data-testid="edit">{tr(lang, "Modifier", "Edit")}</button>
                {move || if confirming.get() {
                    view! {
                        <span>{tr(lang, "Supprimer pour de bon ?", "Delete for good?")}</span>
                        <button type="button" class="button button-danger" on:click=delete.clone() data-testid="confirm-delete">{tr(lang, "Oui, supprimer", "Yes, delete")}</button>
                        <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>{tr(lang, "Non", "No")}</button>
                    }.into_any()
                } else {
                    view! { <button type="button" class="button button-secondary" on:click=move |_| confirming.set(true) data-testid="delete">{tr(lang, "Supprimer", "Delete")}</button> }.into_any()
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
        (ItemKind::Login, false) => tr(lang, "Nouvel identifiant", "New login"),
        (ItemKind::Note, false) => tr(lang, "Nouvelle note secrète", "New secure note"),
        (_, true) => tr(lang, "Modifier l'élément", "Edit the item"),
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
                    <label for="item-name">{tr(lang, "Nom du service", "Service name")}</label>
                    <input id="item-name" type="text" required aria-invalid=move || has(domain::vault::items::ItemProblem::NameMissing).to_string()
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                {is_login.then(|| view! {
                    <div class="field">
                        <label for="item-url">{tr(lang, "Adresse du site (facultatif)", "Site address (optional)")}</label>
                        <input id="item-url" type="url" inputmode="url" aria-invalid=move || has(domain::vault::items::ItemProblem::UrlNotWeb).to_string()
                            prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="item-username">{tr(lang, "Identifiant", "Username")}</label>
                        <input id="item-username" type="text" autocomplete="off"
                            prop:value=move || username.get() on:input=move |ev| username.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="item-password">{tr(lang, "Mot de passe", "Password")}</label>
                        <input id="item-password" type="text" autocomplete="off" spellcheck="false" class="mono"
                            aria-describedby="item-password-strength"
                            prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
                        <StrengthMeter password=password.into() id="item-password-strength"/>
                        <button type="button" class="button button-secondary" on:click=generate data-testid="generate-into-form">{tr(lang, "Générer un mot de passe", "Generate a password")}</button>
                    </div>
                    <div class="field checkbox">
                        <input id="item-2fa" type="checkbox" prop:checked=move || two_factor.get() on:change=move |ev| two_factor.set(event_target_checked(&ev))/>
                        <label for="item-2fa">{tr(lang, "La double authentification est activée sur ce compte", "Two-factor authentication is on for this account")}</label>
                    </div>
                })}
                <div class="field">
                    <label for="item-notes">{tr(lang, "Notes", "Notes")}</label>
                    <textarea id="item-notes" rows="3" prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="button" disabled=move || ctx.busy.get().is_some()>{tr(lang, "Enregistrer", "Save")}</button>
                <button type="button" class="button button-secondary" on:click=move |_| ctx.editing.set(None)>{tr(lang, "Annuler", "Cancel")}</button>
            </form>
        </section>
    }
}
