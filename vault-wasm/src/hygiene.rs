//! The hygiene report, computed in the browser after unlock: passwords used on several
//! accounts, weak ones, old ones, and accounts the student has not noted as protected by
//! two-factor authentication. Each line links to a short lesson.

use crate::strength::{estimate, CNIL_BITS_ALONE, CNIL_BITS_LIMITED};
use domain::vault::items::{ItemKind, VaultItem};
use std::collections::BTreeMap;

/// A password unchanged for longer than this is "old".
pub const OLD_AFTER_DAYS: i64 = 365;

pub use domain::vault::report::HygieneReport as Report;

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (the civil-from-days inverse).
pub fn days(date: &str) -> Option<i64> {
    let mut parts = date.split('-');
    let (y, m, d) = (
        parts.next()?.parse::<i64>().ok()?,
        parts.next()?.parse::<i64>().ok()?,
        parts.next()?.parse::<i64>().ok()?,
    );
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || parts.next().is_some() {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

pub fn report(items: &[(String, VaultItem)], today: &str, personal: &[String]) -> Report {
    let mut report = Report::default();
    let mut by_password: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let today = days(today);
    for (id, item) in items
        .iter()
        .filter(|(_, item)| item.kind == ItemKind::Login)
    {
        report.logins += 1;
        if item.password.is_empty() {
            report.no_password.push(id.clone());
        } else {
            by_password
                .entry(item.password.as_str())
                .or_default()
                .push(id.clone());
            let bits = estimate(&item.password, personal).bits;
            if bits < CNIL_BITS_LIMITED {
                report.weak.push(id.clone());
            } else if bits < CNIL_BITS_ALONE {
                report.below_target.push(id.clone());
            }
        }
        if let (Some(today), Some(changed)) = (today, days(&item.password_changed_on)) {
            if today - changed > OLD_AFTER_DAYS {
                report.old.push(id.clone());
            }
        }
        if !item.two_factor {
            report.no_two_factor.push(id.clone());
        }
    }
    report.reused = by_password
        .into_values()
        .filter(|ids| ids.len() > 1)
        .collect();
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn login(name: &str, password: &str, changed: &str, two_factor: bool) -> (String, VaultItem) {
        (
            name.to_owned(),
            VaultItem {
                name: name.to_owned(),
                password: password.to_owned(),
                password_changed_on: changed.to_owned(),
                two_factor,
                ..VaultItem::default()
            },
        )
    }

    #[test]
    fn dates_count_days() {
        assert_eq!(days("1970-01-01"), Some(0));
        assert_eq!(
            days("2026-11-23").unwrap() - days("2025-11-23").unwrap(),
            365
        );
        assert_eq!(days("2024-03-01").unwrap() - days("2024-02-28").unwrap(), 2);
        assert_eq!(days("2026-13-01"), None);
        assert_eq!(days(""), None);
    }

    #[test]
    fn the_report_finds_reuse_weakness_age_and_missing_two_factor() {
        let strong = "tG7#qL9!vR2$wX4&mZ";
        let items = vec![
            login("Pronote", "soleil2012", "2026-09-01", false),
            login("Pix", strong, "2026-09-01", true),
            login("Jeu", strong, "2024-01-15", true),
            login("Mail", "Kx9-velo-Tzq!8", "2026-10-01", true),
            (
                "note".to_owned(),
                VaultItem {
                    kind: ItemKind::Note,
                    name: "Code du casier".into(),
                    notes: "1234".into(),
                    ..VaultItem::default()
                },
            ),
        ];
        let report = report(&items, "2026-11-23", &[]);
        assert_eq!(report.logins, 4);
        assert_eq!(
            report.reused,
            vec![vec!["Pix".to_owned(), "Jeu".to_owned()]]
        );
        assert_eq!(report.weak, vec!["Pronote".to_owned()]);
        assert_eq!(report.below_target, vec!["Mail".to_owned()]);
        assert_eq!(report.old, vec!["Jeu".to_owned()]);
        assert_eq!(report.no_two_factor, vec!["Pronote".to_owned()]);
        assert!(!report.is_clean());
    }
}
