//! A pupil's Pix results as the people they share them with see them.

use crate::i18n::Lang;
use crate::pages::pix::charts::{CompetenceTable, Radar};
use crate::pages::pix::texts::pix_texts;
use domain::pix::results::PixHistory;
use domain::pix::CURRENT_MAX_LEVEL;
use domain::portfolio::frameworks::Frameworks;
use leptos::prelude::*;

/// A student's Pix results on a page they share (link, counsellor, guardian): the picture and
/// its table, the latest certification; no history, no forms.
#[component]
pub fn SharedPix(lang: Lang, history: PixHistory) -> impl IntoView {
    let t = pix_texts(lang);
    let framework = Frameworks::crcn();
    let current = history.current_levels(framework);
    let max_level = history
        .latest()
        .map_or(CURRENT_MAX_LEVEL, |r| r.max_level.max(CURRENT_MAX_LEVEL));
    let certification = history.latest_certification().map(|(r, c)| {
        format!(
            "{} — {} pix ({}, {})",
            t.certification_level(c.level),
            c.score,
            r.taken_on,
            c.verification_code
        )
    });
    let latest = history
        .latest()
        .map(|r| (r.taken_on.clone(), r.total_pix, r.max_total()));
    view! {
        <section class="shared-pix" aria-labelledby="pix-partage" data-testid="shared-pix">
            <h2 id="pix-partage">{t.shared_title()}</h2>
            {match latest {
                None => view! { <p>{t.shared_empty()}</p> }.into_any(),
                Some((date, total, max)) => view! {
                    <p>{t.shared_latest(date)}{total.map(|total| format!(" · {total} / {max} pix"))}</p>
                    {certification.map(|c| view! { <p>{crate::i18n::texts(lang).label_value(t.certified(), c)}</p> })}
                    <Radar lang=lang current=current.clone()/>
                    <CompetenceTable lang=lang framework=framework current=current max_level=max_level/>
                }.into_any(),
            }}
        </section>
    }
}
