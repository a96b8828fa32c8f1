//! The Pix pictures, drawn on the server as SVG (readable without JavaScript, light on a slow
//! link), each with a table that says the same thing for screen readers and for print.

use super::texts::pix_texts;
use crate::i18n::{decimal, Lang, Named};
use domain::pix::results::{next_step, CurrentLevel, DomainSummary, PixHistory};
use domain::pix::MAX_LEVEL;
use domain::portfolio::frameworks::Framework;
use leptos::prelude::*;

const RADAR_SIZE: f64 = 420.0;
const RADAR_RADIUS: f64 = 150.0;

/// The point of axis `index` (of `count`, the first at the top, clockwise) at `level`.
pub fn radar_point(index: usize, count: usize, level: f64) -> (f64, f64) {
    let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * index as f64 / count as f64;
    let r = RADAR_RADIUS * level / f64::from(MAX_LEVEL);
    let c = RADAR_SIZE / 2.0;
    (c + r * angle.cos(), c + r * angle.sin())
}

fn polygon(levels: &[u8]) -> String {
    levels
        .iter()
        .enumerate()
        .map(|(i, level)| {
            let (x, y) = radar_point(i, levels.len(), f64::from(*level));
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The 16 competences around a circle, the latest levels as a filled shape and the levels
/// before as a dashed outline.
#[component]
pub fn Radar(lang: Lang, current: Vec<CurrentLevel>) -> impl IntoView {
    let t = pix_texts(lang);
    let count = current.len().max(1);
    let now: Vec<u8> = current.iter().map(|c| c.level).collect();
    let before: Vec<u8> = current
        .iter()
        .map(|c| c.previous.unwrap_or(c.level))
        .collect();
    let changed = now != before;
    let rings = (1..=MAX_LEVEL)
        .map(|level| {
            let ring: Vec<u8> = vec![level; count];
            let class = if level % 2 == 0 {
                "radar-ring radar-ring-even"
            } else {
                "radar-ring"
            };
            view! { <polygon class=class points=polygon(&ring)/> }
        })
        .collect_view();
    let axes = current
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (x, y) = radar_point(i, count, f64::from(MAX_LEVEL));
            let (lx, ly) = radar_point(i, count, f64::from(MAX_LEVEL) + 1.3);
            view! {
                <line class="radar-axis" x1=format!("{:.1}", RADAR_SIZE / 2.0) y1=format!("{:.1}", RADAR_SIZE / 2.0) x2=format!("{x:.1}") y2=format!("{y:.1}")/>
                <text class="radar-label" x=format!("{lx:.1}") y=format!("{ly:.1}") text-anchor="middle" dominant-baseline="middle">{c.code.clone()}</text>
            }
        })
        .collect_view();
    let summary = current
        .iter()
        .map(|c| t.radar_level(&c.code, c.level))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <figure class="chart radar" data-testid="pix-radar">
            <svg
                viewBox=format!("0 0 {RADAR_SIZE} {RADAR_SIZE}")
                role="img"
                aria-labelledby="radar-titre radar-desc"
                xmlns="http://www.w3.org/2000/svg"
            >
                <title id="radar-titre">{t.radar_title()}</title>
                <desc id="radar-desc">{t.radar_desc(summary)}</desc>
                {rings}
                {axes}
                {changed.then(|| view! { <polygon class="radar-before" points=polygon(&before)/> })}
                <polygon class="radar-now" points=polygon(&now) data-testid="radar-shape"/>
            </svg>
            <figcaption>
                {t.radar_caption()}
                {changed.then(|| view! { " " {t.radar_before()}})}
            </figcaption>
        </figure>
    }
}

/// Every competence: level, pix, change, next step. The radar's words.
#[component]
pub fn CompetenceTable(
    lang: Lang,
    framework: &'static Framework,
    current: Vec<CurrentLevel>,
    max_level: u8,
) -> impl IntoView {
    let t = pix_texts(lang);
    let rows = current
        .into_iter()
        .map(|c| {
            let name = framework
                .competences()
                .find(|k| k.code == c.code)
                .map(|k| k.name(lang).to_owned())
                .unwrap_or_default();
            let change = match c.previous {
                Some(before) if before < c.level => format!("+{} ({} → {})", c.level - before, before, c.level),
                Some(before) if before > c.level => format!("−{} ({} → {})", before - c.level, before, c.level),
                Some(_) => t.unchanged().to_owned(),
                None => "—".to_owned(),
            };
            let hint = t.next_step(next_step(c.level, c.pix, max_level), &name);
            view! {
                <tr data-code=c.code.clone()>
                    <th scope="row"><span class="code">{c.code.clone()}</span>" "{name}</th>
                    <td class="num" data-testid="level">{c.level}</td>
                    <td class="num">{c.pix.map(|p| p.to_string()).unwrap_or_else(|| "—".to_owned())}</td>
                    <td>{change}</td>
                    <td class="hint-cell">{hint}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="table-competences">
            <table class="data-table" data-testid="pix-table">
                <caption id="table-competences">{t.table_caption()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.col_competence()}</th>
                        <th scope="col">{t.col_level()}</th>
                        <th scope="col">{t.col_pix()}</th>
                        <th scope="col">{t.col_change()}</th>
                        <th scope="col">{t.col_next()}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The five domains: average level as a bar, and the competence to work on first.
#[component]
pub fn DomainSummaryList(
    lang: Lang,
    framework: &'static Framework,
    summary: Vec<DomainSummary>,
) -> impl IntoView {
    let t = pix_texts(lang);
    let name_of = move |code: &Option<String>| {
        code.as_ref().and_then(|code| {
            framework
                .competences()
                .find(|k| &k.code == code)
                .map(|k| format!("{} {}", k.code, k.name(lang)))
        })
    };
    view! {
        <ul class="domains" data-testid="pix-domains">
            {summary.into_iter().map(|d| {
                let weakest = name_of(&d.weakest);
                view! {
                    <li class="domain">
                        <p class="domain-name"><span class="code">{d.code.clone()}</span>" "{d.name(lang).to_owned()}</p>
                        <meter class="domain-bar" aria-hidden="true" min="0" max=MAX_LEVEL.to_string() value=format!("{:.1}", d.average_level)></meter>
                        <p>{t.average_level(decimal(f64::from(d.average_level), 1, lang), MAX_LEVEL)}</p>
                        {weakest.map(|w| view! { <p class="hint">{t.work_on_first(w)}</p> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

const LINE_WIDTH: f64 = 560.0;
const LINE_HEIGHT: f64 = 240.0;
const MARGIN: f64 = 40.0;

/// The total pix of each result over time, against the scale of its day.
#[component]
pub fn ProgressionChart(lang: Lang, history: PixHistory) -> impl IntoView {
    let t = pix_texts(lang);
    let totals = history.totals();
    if totals.is_empty() {
        return view! { <p>{t.no_totals()}</p> }.into_any();
    }
    let top = totals
        .iter()
        .map(|(_, _, max)| *max)
        .max()
        .unwrap_or(1)
        .max(1);
    let n = totals.len();
    let x = |i: usize| {
        if n == 1 {
            LINE_WIDTH / 2.0
        } else {
            MARGIN + (LINE_WIDTH - 2.0 * MARGIN) * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: u16| {
        LINE_HEIGHT - MARGIN - (LINE_HEIGHT - 2.0 * MARGIN) * f64::from(v) / f64::from(top)
    };
    let points = totals
        .iter()
        .enumerate()
        .map(|(i, (_, total, _))| format!("{:.1},{:.1}", x(i), y(*total)))
        .collect::<Vec<_>>()
        .join(" ");
    let desc = totals
        .iter()
        .map(|(date, total, max)| t.progression_point(date, max, total))
        .collect::<Vec<_>>()
        .join(", ");
    let dots = totals
        .iter()
        .enumerate()
        .map(|(i, (date, total, _))| {
            view! {
                <circle class="line-dot" cx=format!("{:.1}", x(i)) cy=format!("{:.1}", y(*total)) r="5"/>
                <text class="line-label" x=format!("{:.1}", x(i)) y=format!("{:.1}", y(*total) - 10.0) text-anchor="middle">{total.to_string()}</text>
                <text class="line-date" x=format!("{:.1}", x(i)) y=format!("{:.1}", LINE_HEIGHT - 12.0) text-anchor="middle">{date.clone()}</text>
            }
        })
        .collect_view();
    let rows = totals
        .iter()
        .map(|(date, total, max)| view! { <tr><th scope="row">{date.clone()}</th><td class="num">{*total}</td><td class="num">{*max}</td></tr> })
        .collect_view();
    view! {
        <figure class="chart progression" data-testid="pix-progression">
            <svg viewBox=format!("0 0 {LINE_WIDTH} {LINE_HEIGHT}") role="img" aria-labelledby="progression-titre progression-desc" xmlns="http://www.w3.org/2000/svg">
                <title id="progression-titre">{t.progression_title()}</title>
                <desc id="progression-desc">{t.progression_desc(desc)}</desc>
                <line class="line-axis" x1=MARGIN.to_string() y1=format!("{:.1}", y(0)) x2=format!("{:.1}", LINE_WIDTH - MARGIN) y2=format!("{:.1}", y(0))/>
                <line class="line-max" x1=MARGIN.to_string() y1=format!("{:.1}", y(top)) x2=format!("{:.1}", LINE_WIDTH - MARGIN) y2=format!("{:.1}", y(top))/>
                <text class="line-date" x=format!("{:.1}", LINE_WIDTH - MARGIN) y=format!("{:.1}", y(top) - 6.0) text-anchor="end">{t.max_label(top)}</text>
                <polyline class="line-path" points=points/>
                {dots}
            </svg>
        </figure>
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="table-totaux">
            <table class="data-table">
                <caption id="table-totaux">{t.totals_caption()}</caption>
                <thead><tr><th scope="col">{t.col_date()}</th><th scope="col">{t.col_total()}</th><th scope="col">{t.col_max()}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_axis_points_up_and_the_scale_is_linear() {
        let (x, y) = radar_point(0, 16, 8.0);
        assert!((x - 210.0).abs() < 1e-9);
        assert!((y - 60.0).abs() < 1e-9);
        let (x, y) = radar_point(4, 16, 4.0);
        assert!((x - 285.0).abs() < 1e-9, "{x}");
        assert!((y - 210.0).abs() < 1e-9, "{y}");
        assert_eq!(radar_point(3, 16, 0.0), (210.0, 210.0));
    }
}
