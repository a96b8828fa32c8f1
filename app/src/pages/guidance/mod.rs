//! Guidance: ONISEP's métiers and formations (`/orientation`, a métier's and a formation's
//! pages), « mon projet d'orientation » and the plan of the year. ONISEP's words are French: they are marked
//! `lang="fr"` on every page, whatever the reader's language.

pub mod counsel;
pub mod counsel_api;
pub mod evidence;
pub mod explore;
pub mod item;
pub mod plan;
pub mod plan_api;
pub mod project;
pub mod shared;
pub mod shared_api;
pub mod suggest;
pub mod texts;

use crate::i18n::{iso_date, Lang};
use domain::guidance::onisep::views::DataDate;
use leptos::prelude::*;
use texts::guidance_texts;

/// ONISEP's licence (ODbL) asks for its name and the data's date wherever its data is shown.
pub const ODBL_URL: &str = "https://opendatacommons.org/licenses/odbl/1-0/";

pub fn metier_href(id: &str) -> String {
    format!("/orientation/metiers/{id}")
}

pub fn formation_href(id: &str) -> String {
    format!("/orientation/formations/{id}")
}

/// The page of a métier or formation.
pub fn item_href(item: domain::guidance::plan::ItemId) -> String {
    use domain::guidance::plan::ItemId;
    match item {
        ItemId::Metier(id) => metier_href(&id.to_string()),
        ItemId::Formation(id) => formation_href(&id.to_string()),
    }
}

/// The data's date as a page shows it: the file's newest « date de modification »; a file
/// without dates, the day it was loaded.
pub fn onisep_day(source: DataDate, lang: Lang) -> String {
    let day = source
        .published
        .unwrap_or_else(|| domain::time::paris_iso_date(source.imported_at));
    iso_date(&day, lang)
}

/// « Source : Onisep », the data's date, its licence.
#[component]
pub fn OnisepSource(lang: Lang, source: Option<DataDate>) -> impl IntoView {
    let t = guidance_texts(lang);
    let date = source.map(|source| onisep_day(source, lang));
    view! {
        <p class="source" data-testid="onisep-source">
            {match date {
                Some(date) => t.source_dated(date),
                None => t.source().to_owned(),
            }}
            " "
            <a href=ODBL_URL rel="license external">{t.licence()}</a>
        </p>
    }
}
